// The protocol replay (#/replay) for admins and clinicians: the current protocol beside one or two draft layers, side by
// side, over the labelled trace library or over recorded measurements (a patient or an organisation, a date range, with
// their labels from readmissions and escalations), through POST /api/replay; a table per rule and a chart of alerts
// per patient-day. Nothing live changes: the host replays on fresh domain objects. DOM nodes only (no innerHTML).

import * as api from './api.js';
import { t, reasonText, locale } from './i18n.js';
import { element } from './patient-overview.js';

/** Roles that may replay a protocol. */
export const REPLAY_ROLES = ['admin', 'clinician'];

// The drafts of the docs figures (traces/layers): short windows as the old window median had, and those windows with
// the two a walk lives in (SpO2 red, heart rate) made longer than a walk.
const EXAMPLES = [
  '{"continuous":{"persistence":{"spo2RedSeconds":30,"spo2OrangeSeconds":120,"heartRateSeconds":45,"respiratoryRateSeconds":45}}}',
  '{"continuous":{"persistence":{"spo2RedSeconds":50,"spo2OrangeSeconds":120,"heartRateSeconds":180,"respiratoryRateSeconds":45}}}',
];
const COLOURS = ['#1f5fa8', '#b35c00', '#2e7d32'];
const SOURCES = ['traces', 'patient', 'organisation'];
const TIME_ZONE = 'Europe/Amsterdam';

/** A figure as the console's language writes it: "6,55" in Dutch. */
function figure(value) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(value);
}

/** "59,5 s", or "—" when nothing was detected. */
function seconds(value) {
  return value === null || value === undefined ? '—' : `${figure(value)} s`;
}

/** The UTC offset of Amsterdam at an instant, as "+01:00". */
function amsterdamOffset(instant) {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}

/** An Amsterdam calendar day (yyyy-mm-dd) as the ISO instant of its start, or of its last second. */
export function amsterdamDayBound(day, end) {
  const probe = new Date(`${day}T${end ? '21' : '00'}:00:00Z`);
  return `${day}T${end ? '23:59:59' : '00:00:00'}${amsterdamOffset(probe)}`;
}

export class ReplayPage {
  #root;
  #onError;
  #layers = [...EXAMPLES];
  #source = 'traces';
  #subject = '';
  #from = '';
  #to = '';
  #result = null;
  #state = 'idle'; // idle | loading | loaded | failed
  #error = '';
  #chart = null;

  constructor({ root, onError }) {
    this.#root = root;
    this.#onError = onError;
  }

  async load() {
    this.#state = 'loading';
    this.render();
    try {
      const layers = this.#layers.filter((l) => l.trim()).map((l) => JSON.parse(l));
      this.#result = await api.replay({ layers, ...this.#data() });
      this.#state = 'loaded';
    } catch (error) {
      if (await this.#onError?.(error)) return;
      this.#state = 'failed';
      this.#error = error instanceof SyntaxError ? t('replay.badJson') : (error?.problem?.detail ?? String(error?.message ?? error));
    }
    this.render();
  }

  #data() {
    if (this.#source === 'traces') return {};
    const range = {
      from: this.#from ? amsterdamDayBound(this.#from, false) : undefined,
      to: this.#to ? amsterdamDayBound(this.#to, true) : undefined,
    };
    return this.#source === 'patient' ? { patient: this.#subject.trim(), ...range } : { organisation: this.#subject.trim(), ...range };
  }

  clear() {
    this.#result = null;
    this.#state = 'idle';
    this.#chart?.destroy();
    this.#chart = null;
    this.#root.replaceChildren();
  }

  render() {
    const run = element('button', { type: 'submit' }, t('replay.run'));
    run.dataset.testid = 'replay-run';
    const form = element('form', { className: 'replay-form' }, this.#sourceFields(), ...this.#layerFields(), run);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.load();
    });
    const status = element('p', { className: 'muted' }, this.#state === 'loading' ? t('replay.loading') : this.#state === 'failed' ? this.#error : '');
    status.dataset.testid = 'replay-status';
    status.setAttribute('role', 'status');
    this.#root.dataset.state = this.#state;
    const parts = [element('h2', { id: 'replay-heading' }, t('replay.heading')), element('p', { className: 'muted' }, t('replay.intro')), form, status];
    if (this.#state === 'loaded' && this.#result) {
      parts.push(this.#summary(this.#result.reports), this.#table(this.#result.reports));
      const plot = element('div', { className: 'plot replay-plot' });
      plot.dataset.testid = 'replay-chart';
      parts.push(element('figure', { className: 'trend' }, element('figcaption', {}, t('replay.chart')), plot));
      queueMicrotask(() => this.#draw(plot, this.#result.reports));
    }
    this.#root.replaceChildren(...parts);
  }

  #sourceFields() {
    const source = element('select', { id: 'replay-source' },
      ...SOURCES.map((s) => element('option', { value: s, selected: s === this.#source }, t(`replay.source.${s}`))));
    source.dataset.testid = 'replay-source';
    source.addEventListener('change', () => {
      this.#source = source.value;
      this.render();
    });
    const fields = [element('label', { htmlFor: 'replay-source' }, t('replay.source')), source];
    if (this.#source !== 'traces') {
      fields.push(
        this.#input('replay-subject', t(`replay.subject.${this.#source}`), 'text', this.#subject, (v) => { this.#subject = v; }),
        this.#input('replay-from', t('replay.from'), 'date', this.#from, (v) => { this.#from = v; }),
        this.#input('replay-to', t('replay.to'), 'date', this.#to, (v) => { this.#to = v; }),
      );
    }
    return element('fieldset', { className: 'replay-source' }, element('legend', {}, t('replay.data')), ...fields);
  }

  #input(id, label, type, value, changed) {
    const input = element('input', { id, type, value });
    input.dataset.testid = id;
    input.addEventListener('input', () => changed(input.value));
    return element('span', { className: 'replay-field' }, element('label', { htmlFor: id }, label), input);
  }

  #layerFields() {
    return this.#layers.map((value, index) => {
      const id = `replay-layer-${index + 1}`;
      const layer = element('textarea', { id, rows: 3, value, placeholder: t('replay.layerEmpty') });
      layer.dataset.testid = id;
      layer.addEventListener('input', () => {
        this.#layers[index] = layer.value;
      });
      return element('span', { className: 'replay-field replay-layer' }, element('label', { htmlFor: id }, t('replay.layer', { n: index + 1 })), layer);
    });
  }

  // The current protocol comes first, then the drafts in the order they were given.
  #role(index) {
    return index === 0 ? t('replay.current') : t('replay.draft', { n: index });
  }

  #summary(reports) {
    const list = element('ul', { className: 'replay-summary' });
    for (const [index, report] of reports.entries()) {
      list.append(element('li', {}, t('replay.summary', {
        role: this.#role(index),
        protocol: report.protocolId,
        stable: figure(report.stableAlertsPerPatientDay),
        falseAlerts: report.falseAlerts,
        detected: report.detected,
        labelled: report.labelled,
        median: seconds(report.medianSecondsToEscalate),
      })));
    }
    if (this.#result?.patients?.length) {
      list.append(element('li', { className: 'muted' }, t('replay.patients', { count: this.#result.patients.length })));
    }
    return list;
  }

  #table(reports) {
    const reasons = [...new Set(reports.flatMap((r) => r.rules.map((rule) => rule.reason)))].sort();
    const head = element('tr', {}, element('th', { scope: 'col' }, t('replay.rule')),
      ...reports.map((r, index) => {
        const th = element('th', { scope: 'col' }, element('span', { className: 'replay-role' }, this.#role(index)), ' ',
          element('code', {}, r.protocolId));
        th.dataset.protocol = r.protocolId;
        return th;
      }));
    const rows = reasons.map((reason) => {
      const row = element('tr', {}, element('th', { scope: 'row' }, reasonText(reason)), ...reports.map((r) => {
        const rule = r.rules.find((x) => x.reason === reason);
        return element('td', {}, rule
          ? t('replay.cell', {
            perDay: figure(rule.alertsPerPatientDay),
            falseAlerts: rule.falseAlerts,
            detected: rule.detected,
            labelled: rule.labelled,
            median: seconds(rule.medianSecondsToEscalate),
          })
          : '—');
      }));
      row.dataset.reason = reason;
      return row;
    });
    const table = element('table', { className: 'replay-table' }, element('thead', {}, head), element('tbody', {}, ...rows));
    table.dataset.testid = 'replay-table';
    return table;
  }

  // Grouped bars: per rule one bar per protocol, side by side (x = rule * (protocols + 1) + protocol, a gap between rules).
  #draw(container, reports) {
    if (!window.uPlot) return;
    const reasons = [...new Set(reports.flatMap((r) => r.rules.map((rule) => rule.reason)))].sort();
    const group = reports.length + 1;
    const xs = reasons.flatMap((_, i) => reports.map((__, j) => (i * group) + j));
    const data = [xs, ...reports.map((r, j) => reasons.flatMap((reason) => reports.map((__, k) =>
      (k === j ? (r.rules.find((x) => x.reason === reason)?.alertsPerPatientDay ?? 0) : null))))];
    const centres = reasons.map((_, i) => (i * group) + ((reports.length - 1) / 2));
    const bars = window.uPlot.paths?.bars?.({ size: [0.9, 48] });
    this.#chart?.destroy();
    this.#chart = new window.uPlot({
      width: Math.max(320, container.clientWidth || 640),
      height: 240,
      legend: { show: true },
      scales: { x: { time: false, range: [-0.75, Math.max(1, (reasons.length * group) - 1.25)] } },
      axes: [
        { splits: () => centres, values: (u, splits) => splits.map((x) => reasons[centres.indexOf(x)] ?? ''), size: 40 },
        { label: t('replay.perDay') },
      ],
      series: [{ label: t('replay.rule') }, ...reports.map((r, i) => ({
        label: `${this.#role(i)}: ${r.protocolId}`, stroke: COLOURS[i % COLOURS.length], fill: COLOURS[i % COLOURS.length], paths: bars, points: { show: false },
      }))],
    }, data, container);
  }
}
