// The protocol replay (#/replay) for admins and clinicians: the shipped protocol beside a draft layer over the labelled
// trace library (POST /api/replay), as a table per rule and a chart of alerts per patient-day. Nothing live changes:
// the host replays on fresh domain objects. DOM nodes only (no innerHTML).

import * as api from './api.js';
import { t, reasonText } from './i18n.js';
import { element } from './patient-overview.js';

/** Roles that may replay a protocol. */
export const REPLAY_ROLES = ['admin', 'clinician'];

const EXAMPLE = '{"continuous":{"persistence":{"spo2RedSeconds":90,"heartRateSeconds":180,"respiratoryRateSeconds":180}}}';
const COLOURS = ['#1f5fa8', '#b35c00', '#2e7d32'];

export class ReplayPage {
  #root;
  #onError;
  #layer = EXAMPLE;
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
      const layers = this.#layer.trim() ? [JSON.parse(this.#layer)] : [];
      this.#result = await api.replay({ layers });
      this.#state = 'loaded';
    } catch (error) {
      if (await this.#onError?.(error)) return;
      this.#state = 'failed';
      this.#error = error instanceof SyntaxError ? t('replay.badJson') : (error?.problem?.detail ?? String(error?.message ?? error));
    }
    this.render();
  }

  clear() {
    this.#result = null;
    this.#state = 'idle';
    this.#chart?.destroy();
    this.#chart = null;
    this.#root.replaceChildren();
  }

  render() {
    const layer = element('textarea', { id: 'replay-layer', rows: 4, value: this.#layer });
    layer.dataset.testid = 'replay-layer';
    layer.addEventListener('input', () => {
      this.#layer = layer.value;
    });
    const run = element('button', { type: 'submit' }, t('replay.run'));
    run.dataset.testid = 'replay-run';
    const form = element(
      'form',
      { className: 'replay-form' },
      element('label', { htmlFor: 'replay-layer' }, t('replay.layer')),
      layer,
      run,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.load();
    });
    const status = element('p', { className: 'muted' }, this.#state === 'loading' ? t('replay.loading') : this.#state === 'failed' ? this.#error : '');
    status.dataset.testid = 'replay-status';
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

  #summary(reports) {
    const list = element('ul', { className: 'replay-summary' });
    for (const report of reports) {
      list.append(element('li', {}, t('replay.summary', {
        protocol: report.protocolId,
        stable: report.stableAlertsPerPatientDay,
        detected: report.detected,
        labelled: report.labelled,
        median: report.medianSecondsToEscalate ?? '—',
      })));
    }
    return list;
  }

  #table(reports) {
    const reasons = [...new Set(reports.flatMap((r) => r.rules.map((rule) => rule.reason)))].sort();
    const head = element('tr', {}, element('th', { scope: 'col' }, t('replay.rule')),
      ...reports.map((r) => element('th', { scope: 'col' }, r.protocolId)));
    const rows = reasons.map((reason) => {
      const row = element('tr', {}, element('th', { scope: 'row' }, reasonText(reason)), ...reports.map((r) => {
        const rule = r.rules.find((x) => x.reason === reason);
        return element('td', {}, rule
          ? t('replay.cell', {
            perDay: rule.alertsPerPatientDay,
            falseAlerts: rule.falseAlerts,
            detected: rule.detected,
            labelled: rule.labelled,
            median: rule.medianSecondsToEscalate ?? '—',
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

  #draw(container, reports) {
    if (!window.uPlot) return;
    const reasons = [...new Set(reports.flatMap((r) => r.rules.map((rule) => rule.reason)))].sort();
    const xs = reasons.map((_, i) => i);
    const data = [xs, ...reports.map((r) => reasons.map((reason) => r.rules.find((x) => x.reason === reason)?.alertsPerPatientDay ?? 0))];
    const bars = window.uPlot.paths?.bars?.({ size: [0.6 / reports.length, 40] });
    this.#chart?.destroy();
    this.#chart = new window.uPlot({
      width: Math.max(320, container.clientWidth || 640),
      height: 220,
      legend: { show: true },
      scales: { x: { time: false, range: [-0.5, reasons.length - 0.5] } },
      axes: [
        { values: (u, splits) => splits.map((i) => (Number.isInteger(i) && reasons[i] ? reasons[i] : '')) },
        { label: t('replay.perDay') },
      ],
      series: [{ label: t('replay.rule') }, ...reports.map((r, i) => ({ label: r.protocolId, stroke: COLOURS[i % COLOURS.length], fill: COLOURS[i % COLOURS.length], paths: bars }))],
    }, data, container);
  }
}
