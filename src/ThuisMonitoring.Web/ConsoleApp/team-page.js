// The team coordinator's page (#/teams, docs/capacity.md): the lights of the district-nursing teams of their
// organisation per part of the day, a form to set one (or add a team), and the intake requests sent to their teams
// with accept and decline. A coordinator sees nothing else of the console (no alerts, no patients, no hub).

import * as capacityApi from './capacity-api.js';
import { currentSession } from './session.js';
import { t } from './i18n.js';
import { clockTime } from './format.js';
import { element } from './patient-overview.js';
import { teamLights } from './capacity-board.js';
import './capacity-texts.js';

const PARTS = ['morning', 'afternoon', 'evening', 'night'];
const LEVELS = ['green', 'orange', 'red'];

/** The organisation claim of the signed-in user's token (the API decides access; this only narrows the list). */
function organisationOfSession() {
  try {
    const payload = currentSession()?.accessToken?.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))).org ?? null;
  } catch {
    return null;
  }
}

function field(name, input) {
  input.id = `team-${name}`;
  input.name = name;
  input.dataset.testid = `team-${name}`;
  return element('div', { className: 'admin-field' }, element('label', { htmlFor: input.id }, t(`teams.field.${name}`)), input);
}

export class TeamPage {
  #root;
  #onError;
  #teams = [];
  #requests = [];
  #message = null;

  constructor({ root, onError }) {
    this.#root = root;
    this.#onError = onError;
  }

  async load() {
    try {
      const [teams, requests] = await Promise.all([capacityApi.teams({ organisation: organisationOfSession() }), capacityApi.intakeRequests()]);
      this.#teams = teams;
      this.#requests = requests;
    } catch (error) {
      if (this.#onError(error)) return;
      this.#message = { key: 'capacity.loadFailed', error: true };
    }
    this.render();
  }

  clear() {
    this.#teams = [];
    this.#requests = [];
    this.#message = null;
    this.#root.replaceChildren();
  }

  render() {
    const children = [element('h2', { id: 'teams-heading' }, t('teams.heading')), element('p', { className: 'muted' }, t('teams.intro'))];
    if (this.#message) {
      const message = element('p', { className: this.#message.error ? 'form-error' : 'notice', role: 'status' }, t(this.#message.key, this.#message.params));
      message.dataset.testid = 'teams-message';
      children.push(message);
    }
    children.push(this.#teams.length === 0
      ? element('p', { className: 'empty' }, t('teams.none'))
      : element('ul', { className: 'team-list' }, ...this.#teams.map((team) => {
        const item = element('li', { className: 'team' }, element('strong', {}, team.name), ' ',
          element('span', { className: 'muted' }, team.postcodes.join(', ')), teamLights(team));
        item.dataset.testid = `team-${team.teamId}`;
        return item;
      })));
    children.push(this.#form(), this.#inbox());
    this.#root.replaceChildren(...children);
  }

  #form() {
    const first = this.#teams[0];
    const teamId = element('input', { required: true, value: first?.teamId ?? '', autocomplete: 'off' });
    const name = element('input', { required: true, value: first?.name ?? '' });
    const postcodes = element('input', { required: true, value: first?.postcodes.join(', ') ?? '' });
    const part = element('select', {}, ...PARTS.map((p) => element('option', { value: p }, t(`partOfDay.${p}`))));
    const level = element('select', {}, ...LEVELS.map((l) => element('option', { value: l }, t(`team.level.${l}`))));
    const note = element('input', { maxLength: 500 });
    const save = element('button', { type: 'submit' }, t('teams.save'));
    save.dataset.testid = 'team-save';
    const form = element('form', { className: 'admin-form team-form' },
      field('teamId', teamId), field('name', name), field('postcodes', postcodes), field('partOfDay', part), field('level', level), field('note', note), save);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      save.disabled = true;
      try {
        const team = await capacityApi.setTeamLight(teamId.value.trim(), {
          organisation: organisationOfSession(),
          name: name.value.trim(),
          postcodes: postcodes.value.split(/[,\s]+/).filter(Boolean),
          partOfDay: part.value,
          level: level.value,
          note: note.value.trim() || null,
        });
        this.#message = { key: 'teams.saved', params: { team: team.name } };
        await this.load();
      } catch (error) {
        if (this.#onError(error)) return;
        this.#message = { key: 'teams.failed', params: { detail: error.detail ?? '' }, error: true };
        this.render();
      } finally {
        save.disabled = false;
      }
    });
    return form;
  }

  #inbox() {
    const list = this.#requests.length === 0
      ? element('p', { className: 'empty' }, t('teams.intake.none'))
      : element('ul', { className: 'intake-list' }, ...this.#requests.map((request) => this.#request(request)));
    const view = element('section', { className: 'team-intake' }, element('h3', {}, t('teams.intake')), list);
    view.dataset.testid = 'team-intake';
    return view;
  }

  #request(request) {
    const item = element('li', { className: `intake status-${request.status}` },
      element('strong', {}, request.patientName), ' ', element('span', { className: 'muted' }, [request.address, request.teamName].filter(Boolean).join(' · ')),
      element('p', {}, request.need),
      element('p', { className: 'muted' }, `${t(`intake.status.${request.status}`)} ${t('intake.requestedBy', { by: request.requestedBy, time: clockTime(request.requestedAt) })}`));
    item.dataset.testid = `intake-${request.intakeId}`;
    item.dataset.status = request.status;
    if (request.answerNote) item.append(element('p', {}, request.answerNote));
    if (request.status !== 'requested') return item;
    const note = element('input', { ariaLabel: t('teams.intake.note'), placeholder: t('teams.intake.note'), maxLength: 1000 });
    note.dataset.testid = 'intake-note';
    const answer = (accept) => async () => {
      try {
        await capacityApi.answerIntake(request.intakeId, accept, note.value.trim() || null);
        this.#message = null;
        await this.load();
      } catch (error) {
        if (this.#onError(error)) return;
        this.#message = { key: 'teams.intake.failed', error: true };
        this.render();
      }
    };
    const accept = element('button', { type: 'button' }, t('teams.intake.accept'));
    accept.dataset.testid = 'intake-accept';
    accept.addEventListener('click', answer(true));
    const decline = element('button', { type: 'button', className: 'secondary' }, t('teams.intake.decline'));
    decline.dataset.testid = 'intake-decline';
    decline.addEventListener('click', answer(false));
    item.append(element('div', { className: 'intake-answer' }, note, accept, decline));
    return item;
  }
}
