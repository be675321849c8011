// The regional report (#/reports) for staff: GET /api/reports/region over a period and organisation, as figures,
// two uPlot bar charts (episodes per pathway, alerts per reason) with tables beside them, and the same figures as a
// CSV download (Accept: text/csv). The host counts only the patients the caller may see. DOM nodes only (no innerHTML).

import * as api from './api.js';
import { addTexts, locale, pathwayText, reasonText, t } from './i18n.js';
import { element } from './patient-overview.js';
import { EN, NL } from './region-report-texts.js';

addTexts(NL, EN);

/** Roles that may read the regional report. */
export const REPORT_ROLES = ['admin', 'nurse', 'clinician'];

const PATHWAYS = ['early-discharge', 'emergency-department', 'general-practice'];
const COLOURS = ['#1f5fa8', '#2e7d32', '#b35c00'];
const DAY_MS = 24 * 60 * 60 * 1000;

/** The date (yyyy-mm-dd) of an instant in Europe/Amsterdam. */
function amsterdamDate(instant) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

function query({ from, to, organisation }) {
  const params = new URLSearchParams({ from, to });
  if (organisation) params.set('organisation', organisation);
  return `api/reports/region?${params}`;
}

export class RegionReportPage {
  #root;
  #onError;
  #filters;
  #organisations = [];
  #report = null;
  #state = 'idle'; // idle | loading | loaded | failed
  #error = '';
  #charts = [];

  constructor({ root, onError }) {
    this.#root = root;
    this.#onError = onError;
    this.#filters = this.#defaultFilters();
  }

  #defaultFilters() {
    const now = Date.now();
    return { from: amsterdamDate(new Date(now - 29 * DAY_MS)), to: amsterdamDate(new Date(now)), organisation: '' };
  }

  async load() {
    this.#state = 'loading';
    this.render();
    try {
      if (this.#organisations.length === 0) {
        this.#organisations = await api.organisations().catch(() => []);
      }
      this.#report = await api.request(query(this.#filters));
      this.#state = 'loaded';
    } catch (error) {
      if (await this.#onError?.(error)) return;
      this.#state = 'failed';
      this.#error = error?.problem?.detail ?? String(error?.message ?? error);
    }
    this.render();
  }

  clear() {
    this.#report = null;
    this.#organisations = [];
    this.#state = 'idle';
    this.#filters = this.#defaultFilters();
    this.#destroyCharts();
    this.#root.replaceChildren();
  }

  /** The same figures as CSV, saved by the browser (the token goes in a header, so no plain link). */
  async download() {
    try {
      const response = await fetch(query(this.#filters), {
        headers: { Accept: 'text/csv', Authorization: `Bearer ${await api.freshAccessToken()}` },
        cache: 'no-store',
      });
      if (!response.ok) throw new api.ApiError(response.status, response.statusText, (await response.json().catch(() => ({}))).detail);
      const url = URL.createObjectURL(await response.blob());
      const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'regiorapportage.csv';
      const link = element('a', { href: url, download: name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      if (await this.#onError?.(error)) return;
      this.#state = 'failed';
      this.#error = error?.message ?? String(error);
      this.render();
    }
  }

  render() {
    this.#destroyCharts();
    this.#root.dataset.state = this.#state;
    const parts = [
      element('h2', { id: 'reports-heading' }, t('reports.heading')),
      element('p', { className: 'muted' }, t('reports.intro')),
      this.#form(),
    ];
    const status = element('p', { className: 'muted', role: 'status' },
      this.#state === 'loading' ? t('reports.loading') : this.#state === 'failed' ? t('reports.failed', { detail: this.#error }) : '');
    status.dataset.testid = 'reports-status';
    parts.push(status);
    if (this.#state === 'loaded' && this.#report) {
      const report = this.#report;
      const pathwayPlot = element('div', { className: 'plot report-plot' });
      pathwayPlot.dataset.testid = 'reports-pathway-chart';
      const reasonPlot = element('div', { className: 'plot report-plot' });
      reasonPlot.dataset.testid = 'reports-reason-chart';
      parts.push(
        this.#figures(report),
        element('div', { className: 'report-charts' },
          element('figure', { className: 'trend report-chart' }, element('figcaption', {}, t('reports.pathwayChart')), pathwayPlot, this.#pathwayTable(report)),
          element('figure', { className: 'trend report-chart' }, element('figcaption', {}, t('reports.reasonChart')), reasonPlot, this.#reasonTable(report))),
        this.#definitions(),
      );
      queueMicrotask(() => {
        this.#drawPathways(pathwayPlot, report);
        this.#drawReasons(reasonPlot, report);
      });
    }
    this.#root.replaceChildren(...parts);
  }

  #form() {
    const from = element('input', { type: 'date', id: 'reports-from', value: this.#filters.from, required: true });
    from.dataset.testid = 'reports-from';
    const to = element('input', { type: 'date', id: 'reports-to', value: this.#filters.to, required: true });
    to.dataset.testid = 'reports-to';
    const organisation = element('select', { id: 'reports-organisation' },
      element('option', { value: '' }, t('reports.allOrganisations')),
      ...this.#organisations.map((o) => element('option', { value: o.id, selected: o.id === this.#filters.organisation }, o.name ?? o.id)));
    organisation.dataset.testid = 'reports-organisation';
    const show = element('button', { type: 'submit' }, t('reports.show'));
    show.dataset.testid = 'reports-show';
    const csv = element('button', { type: 'button', disabled: this.#state !== 'loaded' }, t('reports.csv'));
    csv.dataset.testid = 'reports-csv';
    csv.addEventListener('click', () => this.download());
    const form = element('form', { className: 'report-form' },
      element('label', { htmlFor: 'reports-from' }, t('reports.from')), from,
      element('label', { htmlFor: 'reports-to' }, t('reports.to')), to,
      element('label', { htmlFor: 'reports-organisation' }, t('reports.organisation')), organisation,
      show, csv);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#filters = { from: from.value, to: to.value, organisation: organisation.value };
      this.load();
    });
    return form;
  }

  #figures(report) {
    const number = new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 });
    const percent = new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 });
    const show = (value, format = number) => (value === null || value === undefined ? t('reports.none') : format.format(value));
    const figures = [
      ['started', show(report.episodes.started)],
      ['ended', show(report.episodes.ended)],
      ['readmitted', show(report.episodes.readmitted)],
      ['readmissionRate', show(report.readmissionRate, percent)],
      ['medianEpisodeDays', show(report.medianEpisodeDays)],
      ['bedDaysSaved', show(report.bedDaysSaved)],
      ['raised', show(report.alerts.raised)],
      ['perPatientDay', show(report.alerts.perPatientDay)],
      ['callMedian', show(report.timeToFirstCallMinutes.median)],
      ['callP90', show(report.timeToFirstCallMinutes.p90)],
    ];
    const list = element('dl', { className: 'report-figures' });
    for (const [key, value] of figures) {
      const item = element('div', { className: 'report-figure' }, element('dt', {}, t(`reports.${key}`)), element('dd', {}, value));
      item.dataset.testid = `reports-${key}`;
      list.append(item);
    }
    return list;
  }

  #pathwayTable(report) {
    const head = element('tr', {}, element('th', { scope: 'col' }, t('reports.pathway')),
      ...['started', 'ended', 'readmitted'].map((k) => element('th', { scope: 'col' }, t(`reports.${k}`))));
    const rows = PATHWAYS.map((p) => {
      const f = report.episodes.byPathway[p] ?? { started: 0, ended: 0, readmitted: 0 };
      const row = element('tr', {}, element('th', { scope: 'row' }, pathwayText(p)),
        element('td', {}, String(f.started)), element('td', {}, String(f.ended)), element('td', {}, String(f.readmitted)));
      row.dataset.pathway = p;
      return row;
    });
    const table = element('table', { className: 'report-table' }, element('thead', {}, head), element('tbody', {}, ...rows));
    table.dataset.testid = 'reports-pathways';
    return table;
  }

  #reasonTable(report) {
    const reasons = Object.entries(report.alerts.byReason);
    if (reasons.length === 0) return element('p', { className: 'muted' }, t('reports.noAlerts'));
    const head = element('tr', {}, element('th', { scope: 'col' }, t('reports.reason')), element('th', { scope: 'col' }, t('reports.count')));
    const rows = reasons.map(([reason, count]) => {
      const row = element('tr', {}, element('th', { scope: 'row' }, reasonText(reason)), element('td', {}, String(count)));
      row.dataset.reason = reason;
      return row;
    });
    const table = element('table', { className: 'report-table' }, element('thead', {}, head), element('tbody', {}, ...rows));
    table.dataset.testid = 'reports-reasons';
    return table;
  }

  #definitions() {
    return element('details', { className: 'report-definitions' },
      element('summary', {}, t('reports.definitions')),
      element('ul', {}, ...['started', 'rate', 'days', 'beds', 'alerts'].map((k) => element('li', {}, t(`reports.def.${k}`)))));
  }

  #drawPathways(container, report) {
    // Grouped bars on one x scale: pathway i, figure k at slot 4i + k (slot 4i + 3 is the gap); labels under the middle.
    const keys = ['started', 'ended', 'readmitted'];
    const slots = PATHWAYS.length * 4 - 1;
    const xs = Array.from({ length: slots }, (_, i) => i);
    const data = [xs, ...keys.map((k, j) => xs.map((x) => (x % 4 === j ? report.episodes.byPathway[PATHWAYS[Math.floor(x / 4)]]?.[k] ?? 0 : null)))];
    const labels = xs.map((x) => (x % 4 === 1 ? pathwayText(PATHWAYS[Math.floor(x / 4)]) : ''));
    this.#bars(container, labels, data, keys.map((k) => t(`reports.${k}`)), 0.9);
  }

  #drawReasons(container, report) {
    const reasons = Object.keys(report.alerts.byReason);
    if (reasons.length === 0) return;
    const data = [reasons.map((_, i) => i), reasons.map((r) => report.alerts.byReason[r])];
    this.#bars(container, reasons.map(reasonText), data, [t('reports.raised')], 0.6);
  }

  #bars(container, labels, data, names, width) {
    if (!window.uPlot) return;
    const series = data.length - 1;
    const bars = window.uPlot.paths?.bars?.({ size: [width, 48] });
    const chart = new window.uPlot({
      width: Math.max(300, container.clientWidth || 560),
      height: 200,
      legend: { show: series > 1, live: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (u, min, max) => [0, Math.max(1, max ?? 1)] } },
      axes: [
        { splits: () => labels.map((_, i) => i), values: (u, splits) => splits.map((i) => labels[i] ?? ''), grid: { show: false } },
        { label: t('reports.count'), values: (u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
      ],
      series: [{}, ...names.map((name, i) => ({ label: name, stroke: COLOURS[i % COLOURS.length], fill: COLOURS[i % COLOURS.length], paths: bars, points: { show: false } }))],
    }, data, container);
    this.#charts.push(chart);
  }

  #destroyCharts() {
    this.#charts.forEach((chart) => chart.destroy());
    this.#charts = [];
  }
}
