// The patient detail: who the patient is, the last values, and trend charts of the five vital signs over the last
// 24 hours (raw) or 14 days (per minute), with the protocol's bands and the patient's alerts and calls on the time
// axis; below them the timeline (newest first) and the notes form.

import * as api from './api.js';
import { t, pathwayText } from './i18n.js';
import { measurementValues, episodeDay } from './format.js';
import { ageOf, element, formatFlow, trafficLight } from './patient-overview.js';
import { drawTrend } from './trend-chart.js';
import { PatientTimeline, callsOf } from './patient-timeline.js';
import { ClinicianDecisions } from './clinician-decisions.js';
import { showPairing } from './pairing-sheet.js';
import { intakePanel } from './intake-request.js';

export const SIGNS = ['spo2', 'heart-rate', 'respiratory-rate', 'oxygen-flow', 'temperature'];
const RANGES = { '24h': 24 * 3_600_000, '14d': 14 * 24 * 3_600_000 };

export class PatientDetail {
  #root;
  #onError;
  #patientId = null;
  #range = '24h';
  #charts = [];
  #loading = 0;
  #calls = []; // the timeline's calls; the charts read this array at every draw
  #timeline;
  #decisions;

  /** onError(error) gets API failures, so the console can sign out on 401/403 (it answers true when it did). */
  constructor({ root, onError }) {
    this.#root = root;
    this.#onError = onError;
    this.#timeline = new PatientTimeline({ onError, onChanged: (entries) => this.#showCalls(entries) });
    this.#decisions = new ClinicianDecisions({ onChanged: () => this.#patientId && this.show(this.#patientId) });
    window.addEventListener('resize', () => this.#resize());
  }

  /** A push about an alert: when it is this patient's, the timeline (and the call marks) are read again. */
  alertChanged(alert) {
    if (alert.patientId === this.#patientId) this.#timeline.reload();
  }

  get patientId() {
    return this.#patientId;
  }

  /** Loads and shows a patient; showing the same patient again reloads it (the language may have changed). */
  async show(patientId) {
    this.#patientId = patientId;
    const loading = ++this.#loading;
    const now = new Date();
    const from = new Date(now.getTime() - RANGES[this.#range]);
    try {
      // A timeline that cannot be read does not keep the charts from showing.
      const [patient, alerts, entries] = await Promise.all([
        api.patient(patientId),
        api.allAlerts(),
        api.timeline(patientId).catch((error) => (error instanceof api.ApiError && error.status < 500 && error.status !== 404 ? Promise.reject(error) : null)),
      ]);
      if (loading !== this.#loading) return;
      const own = alerts.filter((alert) => alert.patientId === patientId);
      this.#calls = entries ? callsOf(entries) : [];
      this.#render(patient, own, from, now, entries);
      await Promise.all(SIGNS.map((sign) => this.#chart(patientId, sign, from, now, own, loading)));
    } catch (error) {
      if (loading !== this.#loading) return;
      this.#destroyCharts();
      this.#root.replaceChildren(this.#backLink(), element('p', { className: 'notice' }, t('detail.loadFailed')));
      this.#onError(error);
    }
  }

  clear() {
    this.#loading++;
    this.#patientId = null;
    this.#calls = [];
    this.#timeline.clear();
    this.#destroyCharts();
    this.#root.replaceChildren();
  }

  #showCalls(entries) {
    this.#calls.splice(0, this.#calls.length, ...callsOf(entries));
    for (const { plot, chart } of this.#charts) {
      if (plot.isConnected) chart.redraw(false, false);
    }
  }

  #render(patient, alerts, from, to, entries) {
    this.#destroyCharts();
    const last = patient.lastMeasurement;
    const header = element(
      'header',
      { className: 'patient-header' },
      element('h2', {}, patient.name),
      trafficLight(patient.level),
      element('span', {}, pathwayText(patient.pathway)),
      element('span', {}, t('patients.day', { n: episodeDay(patient.enrolledAt) })),
      element('span', {}, t('patients.flow', { flow: formatFlow(patient.oxygenFlow) })),
      element('span', {}, t('detail.clinician', { name: patient.responsibleClinicianName ?? patient.responsibleClinician })),
      patient.phone ? element('a', { href: `tel:${patient.phone.replace(/[^\d+]/g, '')}`, className: 'phone' }, patient.phone) : null,
    );
    const lastValues = element(
      'p',
      { className: 'last-values' },
      element('strong', {}, `${t('detail.lastMeasured')}: `),
      last ? measurementValues(last).join(' · ') : t('patients.noMeasurement'),
      last ? ' — ' : null,
      last ? ageOf(last.measuredAt) : null,
    );
    const inRange = alerts.filter((a) => Date.parse(a.raisedAt) >= from.getTime() && Date.parse(a.raisedAt) <= to.getTime());
    const toolbar = element(
      'div',
      { className: 'detail-tools' },
      this.#backLink(),
      this.#rangeToggle(),
      element('span', { className: 'alert-count' }, t('detail.alerts', { n: inRange.length })),
      this.#pairButton(patient),
    );
    const pairing = element('div', { className: 'pairing' });
    pairing.dataset.testid = 'pairing';
    const charts = element('div', { className: 'charts' }, ...SIGNS.map((sign) => {
      const figure = element('figure', { className: 'trend' });
      const plot = element('div', { className: 'plot' });
      plot.dataset.testid = 'trend-chart';
      plot.dataset.sign = sign;
      plot.dataset.state = 'loading';
      figure.append(element('figcaption', {}, t(`chart.${sign}`)), plot);
      return figure;
    }));
    let timeline;
    if (entries) {
      timeline = this.#timeline.render(patient.patientId, entries);
    } else {
      timeline = element('p', { className: 'notice' }, t('timeline.loadFailed'));
      timeline.dataset.testid = 'timeline-notice';
    }
    this.#root.dataset.patientId = patient.patientId;
    this.#root.dataset.state = patient.state;
    this.#root.replaceChildren(toolbar, header, pairing, lastValues, this.#decisions.render(patient), intakePanel(patient, this.#onError), charts, timeline);
  }

  async #chart(patientId, sign, from, to, alerts, loading) {
    const plot = this.#root.querySelector(`[data-testid="trend-chart"][data-sign="${sign}"]`);
    try {
      const trend = await api.vitals(patientId, sign, from, to);
      if (loading !== this.#loading || !plot.isConnected) return;
      const points = trend.resolution === 'raw' ? trend.values.length : trend.aggregates.length;
      this.#charts.push({ plot, chart: drawTrend(plot, trend, alerts, this.#calls) });
      plot.dataset.points = String(points);
      plot.dataset.state = 'drawn';
      if (points === 0) plot.append(element('p', { className: 'no-data' }, t('chart.noData')));
    } catch (error) {
      if (loading !== this.#loading || !plot.isConnected) return;
      plot.dataset.state = 'failed';
      plot.replaceChildren(element('p', { className: 'no-data' }, t('chart.loadFailed')));
      this.#onError(error);
    }
  }

  /** "Koppel de app": binds a new patient-app device and shows its QR code, code and instruction sheet (pairing-sheet.js). */
  #pairButton(patient) {
    const button = element('button', { type: 'button', className: 'pair-app' }, t('pairing.action'));
    button.dataset.testid = 'pair-app';
    button.addEventListener('click', async () => {
      const suffix = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
      try {
        const bound = await api.bindDevice(patient.patientId, `app-${suffix}`, 'patient-app');
        showPairing(this.#root.querySelector('[data-testid="pairing"]'), { ...bound, patientName: patient.name });
      } catch (error) {
        this.#root.querySelector('[data-testid="pairing"]').replaceChildren(element('p', { className: 'notice' }, t('pairing.failed')));
        this.#onError(error);
      }
    });
    return button;
  }

  #backLink() {
    const back = element('a', { href: '#/patients', className: 'back' }, t('detail.back'));
    back.dataset.testid = 'detail-back';
    return back;
  }

  #rangeToggle() {
    const group = element('div', { className: 'range-toggle', role: 'group' });
    group.setAttribute('aria-label', t('detail.rangeLabel'));
    for (const range of Object.keys(RANGES)) {
      const button = element('button', { type: 'button' }, t(range === '24h' ? 'detail.range24h' : 'detail.range14d'));
      button.dataset.testid = `range-${range}`;
      button.setAttribute('aria-pressed', String(range === this.#range));
      button.addEventListener('click', () => {
        if (range === this.#range) return;
        this.#range = range;
        this.show(this.#patientId);
      });
      group.append(button);
    }
    return group;
  }

  #resize() {
    for (const { plot, chart } of this.#charts) {
      if (plot.isConnected) chart.setSize({ width: Math.max(280, plot.clientWidth), height: chart.height });
    }
  }

  #destroyCharts() {
    this.#charts.forEach(({ chart }) => chart.destroy());
    this.#charts = [];
  }
}
