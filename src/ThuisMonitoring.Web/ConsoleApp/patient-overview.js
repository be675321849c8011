// The patient overview: every monitored patient as a row, riskiest first (red, orange, green, then the oldest last
// value), narrowed by a search box. Rows are rebuilt on each load; the list is small enough and not live.

import { t, pathwayText } from './i18n.js';
import { age, clockTime, fullTime, measurementValues, episodeDay } from './format.js';

const LEVEL_RANK = { red: 0, orange: 1, green: 2 };
const MONITORED = new Set(['monitoring', 'weaning']);

/** Red before orange before green; within a level the patient not heard from longest first (never measured first). */
export function byRisk(a, b) {
  const level = (LEVEL_RANK[a.level] ?? 3) - (LEVEL_RANK[b.level] ?? 3);
  if (level !== 0) return level;
  return lastAt(a) - lastAt(b) || a.name.localeCompare(b.name);
}

function lastAt(patient) {
  return patient.lastMeasurement ? Date.parse(patient.lastMeasurement.measuredAt) : -Infinity;
}

export class PatientOverview {
  #body;
  #empty;
  #search;
  #onOpen;
  #patients = [];

  /** onOpen(patientId) is called when a patient's name is clicked. */
  constructor({ body, empty, search, onOpen }) {
    this.#body = body;
    this.#empty = empty;
    this.#search = search;
    this.#onOpen = onOpen;
    search.addEventListener('input', () => this.render());
  }

  /** Replaces the patients shown; only those still monitored (monitoring or weaning) are kept. */
  show(patients) {
    this.#patients = patients.filter((patient) => MONITORED.has(patient.state)).sort(byRisk);
    this.render();
  }

  clear() {
    this.#patients = [];
    this.#search.value = '';
    this.render();
  }

  render() {
    const query = this.#search.value.trim().toLocaleLowerCase();
    const shown = query
      ? this.#patients.filter((p) =>
        [p.name, p.identifier, p.responsibleClinician].some((text) => text?.toLocaleLowerCase().includes(query)))
      : this.#patients;
    this.#body.replaceChildren(...shown.map((patient) => this.#row(patient)));
    this.#empty.hidden = shown.length > 0;
  }

  refreshAges() {
    const now = Date.now();
    this.#body.querySelectorAll('time[data-age]').forEach((element) => {
      element.textContent = age(element.dateTime, now);
    });
  }

  #row(patient) {
    const row = element('tr', { className: `patient level-${patient.level}` });
    row.dataset.testid = 'patient-row';
    row.dataset.patientId = patient.patientId;
    row.dataset.level = patient.level;
    const open = element('button', { type: 'button', className: 'link' }, patient.name);
    open.dataset.testid = 'patient-open';
    open.addEventListener('click', () => this.#onOpen(patient.patientId));
    const last = patient.lastMeasurement;
    row.append(
      element('td', {}, trafficLight(patient.level)),
      element('th', { scope: 'row' }, open),
      element('td', {}, last ? element('ul', { className: 'values' }, ...measurementValues(last).map((text) => element('li', {}, text))) : t('patients.noMeasurement')),
      element('td', {}, last ? ageOf(last.measuredAt) : '—'),
      element('td', { className: 'number' }, t('patients.flow', { flow: formatFlow(patient.oxygenFlow) })),
      element('td', {}, pathwayText(patient.pathway)),
      element('td', { className: 'number' }, t('patients.day', { n: episodeDay(patient.enrolledAt) })),
      element('td', {}, patient.responsibleClinician),
    );
    return row;
  }
}

/** Colour, shape and word: the level does not depend on seeing colour. */
export function trafficLight(level) {
  const light = element('span', { className: `traffic-light level-${level}` });
  const icon = element('span', { className: 'level-icon' }, level === 'red' ? '▲' : level === 'orange' ? '◆' : '●');
  icon.setAttribute('aria-hidden', 'true');
  light.append(icon, t(`light.${level}`));
  return light;
}

export function ageOf(iso) {
  const time = element('time', { dateTime: iso, title: fullTime(iso) }, age(iso));
  time.dataset.age = '';
  return element('div', { className: 'age' }, time, element('span', { className: 'clock' }, clockTime(iso)));
}

export function formatFlow(flow) {
  return new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 }).format(flow ?? 0);
}

export function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}
