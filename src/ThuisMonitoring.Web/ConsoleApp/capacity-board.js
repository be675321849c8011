// The centre's capacity board (#/capacity, docs/capacity.md): patients in monitoring, nurses on shift, alerts, the
// traffic light, equipment and the 7-day prognosis, and a search for district-nursing teams by postcode. A strip with
// the light sits above the alert queue, so the wall display shows it too. Live: the hub's capacityChanged (consoles
// joining or leaving, an admin's change) and every alert change make it read GET /api/capacity again (debounced),
// and it reads again every minute (an alert that waits too long turns the light on time alone).

import * as api from './api.js';
import * as capacityApi from './capacity-api.js';
import { t, locale } from './i18n.js';
import { clockTime } from './format.js';
import { element } from './patient-overview.js';
import './capacity-texts.js';

const REFRESH_MS = 60_000;
const DEBOUNCE_MS = 750;
const PARTS = ['morning', 'afternoon', 'evening', 'night'];

function number(value, digits = 1) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

function figure(testid, label, value) {
  const node = element('div', { className: 'capacity-figure' }, element('dt', {}, label), element('dd', {}, value));
  node.dataset.testid = testid;
  return node;
}

/** A team's lights per part of the day, as small coloured labels. */
export function teamLights(team) {
  return element('ul', { className: 'team-lights' }, ...PARTS.map((part) => {
    const light = team.lights?.[part];
    const level = light?.level ?? 'unknown';
    const item = element('li', { className: `team-light level-${level}`, title: light?.note ?? '' },
      element('span', { className: 'part' }, t(`partOfDay.${part}`)), ' ', element('strong', {}, t(`team.level.${level}`)));
    item.dataset.testid = `team-light-${part}`;
    item.dataset.level = level;
    return item;
  }));
}

export class CapacityBoard {
  #root;
  #strip;
  #onError;
  #board = null;
  #prognosis = null;
  #failed = false;
  #visible = false;
  #timer = null;
  #debounce = null;
  #loading = null;
  #centre = null; // an admin's choice
  #centres = [];
  #picksCentre = false;
  #teams = null; // the last search: {postcode, teams} or {invalid}

  /** root: the #capacity section; strip: the line above the alert queue; onError(error) answers true when signed out. */
  constructor({ root, strip, onError }) {
    this.#root = root;
    this.#strip = strip;
    this.#onError = onError;
  }

  /** Signed in as a nurse or admin: read now and every minute. An admin belongs to no centre and picks one. */
  start(role) {
    this.stop();
    this.#picksCentre = role === 'admin';
    this.#timer = setInterval(() => this.load(), REFRESH_MS);
    this.load();
  }

  stop() {
    clearInterval(this.#timer);
    clearTimeout(this.#debounce);
    this.#timer = null;
  }

  clear() {
    this.stop();
    this.#board = null;
    this.#prognosis = null;
    this.#teams = null;
    this.#centre = null;
    this.#centres = [];
    this.#picksCentre = false;
    this.#root.replaceChildren();
    this.#strip.replaceChildren();
    this.#strip.hidden = true;
  }

  /** Something on the board may have changed: read again shortly (many changes at once make one read). */
  changed() {
    if (!this.#timer) return;
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.load(), DEBOUNCE_MS);
  }

  /** The page is shown (or hidden): a shown page gets the prognosis too. */
  show(visible) {
    this.#visible = visible;
    if (visible) this.load();
    else this.render();
  }

  async load() {
    if (this.#loading) return this.#loading;
    this.#root.dataset.sync = 'busy';
    this.#loading = (async () => {
      try {
        if (this.#picksCentre && !this.#centre) {
          await this.#chooseCentre();
          return;
        }
        const [board, prognosis] = await Promise.all([
          capacityApi.capacity(this.#centre),
          this.#visible ? capacityApi.prognosis(this.#centre) : Promise.resolve(this.#prognosis),
        ]);
        this.#board = board;
        this.#prognosis = prognosis;
        this.#failed = false;
      } catch (error) {
        if (!this.#onError(error)) {
          this.#failed = true;
        }
      }
    })().finally(() => {
      this.render();
      this.#loading = null;
      this.#root.dataset.sync = 'idle';
    });
    return this.#loading;
  }

  /** An admin: pick the first monitoring centre and offer the others. */
  async #chooseCentre() {
    this.#centres = (await api.organisations()).filter((o) => o.kind === 'monitoring-centre').map((o) => o.id);
    if (this.#centres.length === 0) return;
    this.#centre = this.#centres[0];
    const [board, prognosis] = await Promise.all([capacityApi.capacity(this.#centre), capacityApi.prognosis(this.#centre)]);
    this.#board = board;
    this.#prognosis = prognosis;
  }

  render() {
    this.#renderStrip();
    if (!this.#visible) return;
    const heading = element('h2', { id: 'capacity-heading' }, t('capacity.heading'));
    const children = [element('div', { className: 'section-head' }, heading, this.#centrePicker())];
    if (this.#failed) {
      const notice = element('p', { className: 'notice' }, t('capacity.loadFailed'));
      notice.dataset.testid = 'capacity-notice';
      children.push(notice);
    }
    if (this.#board) children.push(this.#boardView(this.#board));
    if (this.#prognosis) children.push(this.#prognosisView(this.#prognosis));
    children.push(this.#teamSearch());
    this.#root.replaceChildren(...children);
  }

  #centrePicker() {
    if (this.#centres.length < 2) return null;
    const select = element('select', { ariaLabel: t('capacity.heading') },
      ...this.#centres.map((id) => element('option', { value: id, selected: id === this.#centre }, id)));
    select.dataset.testid = 'capacity-centre';
    select.addEventListener('change', () => {
      this.#centre = select.value;
      this.load();
    });
    return select;
  }

  #renderStrip() {
    const board = this.#board;
    this.#strip.hidden = !board;
    if (!board) {
      this.#strip.replaceChildren();
      return;
    }
    const light = element('span', { className: `traffic-light level-${board.level}` }, t(`capacity.level.${board.level}`));
    this.#strip.className = `capacity-strip level-${board.level}`;
    this.#strip.dataset.level = board.level;
    const text = element('span', {}, t('capacity.strip', { patients: board.patientsInMonitoring, nurses: board.nursesOnShift }));
    const link = element('a', { href: '#/capacity' }, t('nav.capacity'));
    this.#strip.replaceChildren(light, ' ', text, board.urgentOverdue > 0 ? element('strong', { className: 'overdue' }, ` · ${t('capacity.overdue', { n: board.urgentOverdue })}`) : null, ' ', link);
  }

  #boardView(board) {
    const light = element('div', { className: `traffic-light capacity-light level-${board.level}`, role: 'status' }, t(`capacity.level.${board.level}`));
    light.dataset.testid = 'capacity-level';
    light.dataset.level = board.level;
    const oldest = board.oldestUnclaimedMinutes === null ? t('capacity.oldestNone') : t('capacity.minutes', { n: board.oldestUnclaimedMinutes });
    const figures = element('dl', { className: 'capacity-figures' },
      figure('capacity-patients', t('capacity.patients'), String(board.patientsInMonitoring)),
      figure('capacity-nurses', t('capacity.nurses'), String(board.nursesOnShift)),
      figure('capacity-per-nurse', t('capacity.perNurse'), board.patientsPerNurse === null ? t('capacity.perNurseNone') : number(board.patientsPerNurse)),
      figure('capacity-urgent', t('capacity.urgent'), String(board.openAlerts.urgent)),
      figure('capacity-warning', t('capacity.warning'), String(board.openAlerts.warning)),
      figure('capacity-oldest', t('capacity.oldest'), oldest));
    const overdue = board.urgentOverdue > 0 ? element('p', { className: 'capacity-overdue', role: 'alert' }, t('capacity.overdue', { n: board.urgentOverdue })) : null;
    const rule = element('p', { className: 'muted' }, t('capacity.thresholds', {
      green: board.thresholds.greenUpToPatientsPerNurse, red: board.thresholds.redAbovePatientsPerNurse,
    }), ' ', t('capacity.at', { time: clockTime(board.at) }));
    const equipment = element('table', { className: 'capacity-equipment' },
      element('caption', {}, t('capacity.equipment')),
      element('thead', {}, element('tr', {}, ...['kind', 'inStock', 'handedOut'].map((k) => element('th', { scope: 'col' }, t(`capacity.equipment.${k}`))))),
      element('tbody', {}, ...['concentrators', 'meters'].map((kind) => {
        const row = element('tr', {}, element('th', { scope: 'row' }, t(`capacity.equipment.${kind}`)),
          element('td', {}, String(board.equipment[kind].inStock)), element('td', {}, String(board.equipment[kind].handedOut)));
        row.dataset.testid = `capacity-equipment-${kind}`;
        return row;
      })));
    const view = element('div', { className: 'capacity-board' }, element('div', { className: 'capacity-main' }, light, figures), overdue, rule, equipment);
    view.dataset.testid = 'capacity-board';
    return view;
  }

  #prognosisView(prognosis) {
    const highest = Math.max(1, ...prognosis.days.map((d) => d.expected), prognosis.inMonitoringNow);
    const day = (iso) => new Intl.DateTimeFormat(locale(), { timeZone: 'Europe/Amsterdam', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(iso));
    const bars = element('ol', { className: 'prognosis-bars', ariaHidden: 'true' }, ...prognosis.days.map((d) => {
      const bar = element('li', {}, element('span', { className: 'bar', style: `height: ${Math.round((d.expected / highest) * 100)}%` }),
        element('span', { className: 'value' }, number(d.expected)), element('span', { className: 'label' }, day(d.at)));
      return bar;
    }));
    const table = element('table', { className: 'visually-hidden' }, element('caption', {}, t('capacity.prognosis.caption')),
      element('thead', {}, element('tr', {}, element('th', { scope: 'col' }, t('capacity.prognosis.day')), element('th', { scope: 'col' }, t('capacity.prognosis.expected')))),
      element('tbody', {}, ...prognosis.days.map((d) => element('tr', {}, element('td', {}, day(d.at)), element('td', {}, number(d.expected))))));
    const median = prognosis.medianEpisodeDays === null ? t('capacity.prognosis.medianNone') : t('capacity.prognosis.days', { n: number(prognosis.medianEpisodeDays) });
    const method = element('p', { className: 'muted' }, t('capacity.prognosis.method', { intake: number(prognosis.intakePerDay, 2), ended: prognosis.endedEpisodesSeen, median }));
    const view = element('section', { className: 'capacity-prognosis', ariaLabel: t('capacity.prognosis') }, element('h3', {}, t('capacity.prognosis')), bars, table, method);
    view.dataset.testid = 'capacity-prognosis';
    return view;
  }

  #teamSearch() {
    const input = element('input', { id: 'capacity-postcode', type: 'search', autocomplete: 'off', value: this.#teams?.postcode ?? '' });
    input.dataset.testid = 'capacity-postcode';
    const submit = element('button', { type: 'submit' }, t('capacity.teams.search'));
    submit.dataset.testid = 'capacity-team-search';
    const form = element('form', { className: 'capacity-team-form' }, element('label', { htmlFor: input.id }, t('capacity.teams.postcode')), input, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const postcode = input.value.trim();
      try {
        this.#teams = { postcode, teams: await capacityApi.teams({ postcode }) };
      } catch (error) {
        if (this.#onError(error)) return;
        this.#teams = { postcode, invalid: true };
      }
      this.render();
    });
    const results = [];
    if (this.#teams?.invalid) results.push(element('p', { className: 'form-error' }, t('capacity.teams.invalid')));
    else if (this.#teams && this.#teams.teams.length === 0) results.push(element('p', { className: 'empty' }, t('capacity.teams.none')));
    else if (this.#teams) {
      results.push(element('ul', { className: 'team-list' }, ...this.#teams.teams.map((team) => {
        const item = element('li', { className: 'team' }, element('strong', {}, team.name), ' ', element('span', { className: 'muted' }, team.postcodes.join(', ')), teamLights(team));
        item.dataset.testid = `team-${team.teamId}`;
        return item;
      })));
    }
    const view = element('section', { className: 'capacity-teams' }, element('h3', {}, t('capacity.teams')), form, ...results);
    view.dataset.testid = 'capacity-teams';
    return view;
  }
}
