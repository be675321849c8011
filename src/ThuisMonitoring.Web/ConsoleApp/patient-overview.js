// The patient overview: every monitored patient as a row, riskiest first (red, orange, green, then the oldest last
// value), with the next measurement due (overdue highlighted), narrowed by a search box and filters on level, pathway
// and clinician. The list is read once (GET /api/patients, the read model) and then kept live by the hub's
// patientChanged pushes (changed()): a row changes, arrives or leaves without a reload; renders are coalesced.

import { t, pathwayText } from './i18n.js';
import { age, clockTime, fullTime, measurementValues, episodeDay } from './format.js';

const LEVEL_RANK = { red: 0, orange: 1, green: 2 };
const MONITORED = new Set(['monitoring', 'weaning']);
const LEVELS = ['red', 'orange', 'green'];
const PATHWAYS = ['early-discharge', 'emergency-department', 'general-practice'];
// A busy ward pushes many rows a second: one render for all that arrive within this time.
const RENDER_COALESCE_MS = 150;

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
  #filters;
  #renderTimer = null;

  /** onOpen(patientId) is called when a patient's name is clicked. The filters are placed beside the search box. */
  constructor({ body, empty, search, onOpen }) {
    this.#body = body;
    this.#empty = empty;
    this.#search = search;
    this.#onOpen = onOpen;
    search.addEventListener('input', () => this.render());
    this.#filters = {
      level: filterSelect('level'),
      pathway: filterSelect('pathway'),
      clinician: filterSelect('clinician'),
    };
    const group = element('div', { className: 'filters' }, ...Object.values(this.#filters));
    for (const select of Object.values(this.#filters)) select.addEventListener('change', () => this.render());
    search.after(group);
  }

  /** Replaces the patients shown; only those still monitored (monitoring or weaning) are kept. */
  show(patients, { ended = false } = {}) {
    // The list asked for ended patients (the filter beside the search box) shows them; otherwise only those in monitoring.
    this.#patients = patients.filter((patient) => ended || MONITORED.has(patient.state)).sort(byRisk);
    this.render();
  }

  /**
   * A patient's row changed (hub push patientChanged, the same shape as GET /api/patients): replaced, added when
   * wanted by the list's state filter (wanted), removed when no longer wanted. Pushes in quick succession render once.
   */
  changed(patient, wanted) {
    const index = this.#patients.findIndex((p) => p.patientId === patient.patientId);
    if (index >= 0 && wanted) this.#patients[index] = patient;
    else if (index >= 0) this.#patients.splice(index, 1);
    else if (wanted) this.#patients.push(patient);
    else return;
    if (this.#renderTimer !== null) return;
    this.#renderTimer = setTimeout(() => {
      this.#renderTimer = null;
      this.#patients.sort(byRisk);
      this.render();
    }, RENDER_COALESCE_MS);
  }

  clear() {
    clearTimeout(this.#renderTimer);
    this.#renderTimer = null;
    this.#patients = [];
    this.#search.value = '';
    for (const select of Object.values(this.#filters)) select.value = '';
    this.render();
  }

  render() {
    this.#fillFilters();
    const query = this.#search.value.trim().toLocaleLowerCase();
    const { level, pathway, clinician } = Object.fromEntries(Object.entries(this.#filters).map(([name, select]) => [name, select.value]));
    const shown = this.#patients.filter((p) =>
      (!query || [p.name, p.identifier, p.responsibleClinician, p.responsibleClinicianName].some((text) => text?.toLocaleLowerCase().includes(query)))
      && (!level || p.level === level)
      && (!pathway || p.pathway === pathway)
      && (!clinician || p.responsibleClinician === clinician));
    this.#body.replaceChildren(...shown.map((patient) => this.#row(patient)));
    this.#empty.hidden = shown.length > 0;
  }

  refreshAges() {
    const now = Date.now();
    this.#body.querySelectorAll('time[data-age]').forEach((element) => {
      element.textContent = age(element.dateTime, now);
    });
    this.#body.querySelectorAll('[data-testid="patient-next-due"][data-due]').forEach((cell) => showDue(cell, now));
  }

  /** The filters' options in the current language; the clinicians are those of the patients loaded. */
  #fillFilters() {
    const clinicians = [...new Set(this.#patients.map((p) => p.responsibleClinician))].sort((a, b) => a.localeCompare(b));
    // A chosen clinician stays an option even when the last reload no longer lists them.
    const chosen = this.#filters.clinician.value;
    if (chosen && !clinicians.includes(chosen)) clinicians.push(chosen);
    setOptions(this.#filters.level, t('filter.allLevels'), LEVELS.map((level) => [level, t(`light.${level}`)]));
    setOptions(this.#filters.pathway, t('filter.allPathways'), PATHWAYS.map((pathway) => [pathway, pathwayText(pathway)]));
    const names = new Map(this.#patients.map((p) => [p.responsibleClinician, p.responsibleClinicianName ?? p.responsibleClinician]));
    setOptions(this.#filters.clinician, t('filter.allClinicians'), clinicians.map((username) => [username, names.get(username) ?? username]));
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
      nextDue(patient.nextMeasurementDue),
      element('td', { className: 'number' }, t('patients.flow', { flow: formatFlow(patient.oxygenFlow) })),
      element('td', {}, pathwayText(patient.pathway)),
      element('td', { className: 'number' }, t('patients.day', { n: episodeDay(patient.enrolledAt) })),
      element('td', {}, patient.responsibleClinicianName ?? patient.responsibleClinician),
    );
    return row;
  }
}

function filterSelect(name) {
  const select = element('select', {});
  select.dataset.testid = `filter-${name}`;
  select.dataset.filter = name;
  return select;
}

/** Replaces a select's options ("all" first, then [value, label] pairs), keeping the chosen value. */
function setOptions(select, allLabel, options) {
  const value = select.value;
  select.setAttribute('aria-label', allLabel);
  select.replaceChildren(element('option', { value: '' }, allLabel), ...options.map(([code, label]) => element('option', { value: code }, label)));
  select.value = options.some(([code]) => code === value) ? value : '';
}

/** "14:05", or "te laat: 14:05" highlighted once the time has passed; "—" when no measurement is scheduled. */
function nextDue(iso) {
  const cell = element('td', { className: 'next-due' });
  cell.dataset.testid = 'patient-next-due';
  if (!iso) {
    cell.textContent = '—';
    return cell;
  }
  cell.dataset.due = iso;
  cell.title = fullTime(iso);
  showDue(cell, Date.now());
  return cell;
}

function showDue(cell, now) {
  const overdue = Date.parse(cell.dataset.due) < now;
  cell.dataset.overdue = String(overdue);
  cell.classList.toggle('overdue', overdue);
  cell.textContent = overdue ? t('patients.overdue', { time: clockTime(cell.dataset.due) }) : clockTime(cell.dataset.due);
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
