// The district-nursing request on a patient's detail (docs/capacity.md): the teams serving the patient's postcode
// with their lights, a request to one of them with the care needed, and the patient's earlier requests with the
// team's answer. Request and answer also land in the timeline.

import * as capacityApi from './capacity-api.js';
import { t } from './i18n.js';
import { clockTime } from './format.js';
import { element } from './patient-overview.js';
import { teamLights } from './capacity-board.js';
import './capacity-texts.js';

/** The four-digit area of the first Dutch postcode in a free-text address ("…, 1011 AB Amsterdam"). */
export function postcodeArea(address) {
  return /\b([1-9][0-9]{3})\s?[A-Z]{2}\b/.exec(address ?? '')?.[1] ?? null;
}

/** A collapsed panel for the patient detail; it loads when opened. onError(error) answers true when signed out. */
export function intakePanel(patient, onError) {
  const body = element('div', { className: 'intake-panel-body' });
  const panel = element('details', { className: 'intake-panel' }, element('summary', {}, t('intake.heading')), body);
  panel.dataset.testid = 'intake-panel';
  let loaded = false;
  const load = async (message = null) => {
    loaded = true;
    const area = postcodeArea(patient.address);
    try {
      const [teams, requests] = await Promise.all([area ? capacityApi.teams({ postcode: area }) : Promise.resolve([]), capacityApi.patientIntake(patient.patientId)]);
      body.replaceChildren(...render(patient, teams, requests, message, load, onError));
    } catch (error) {
      if (!onError(error)) body.replaceChildren(element('p', { className: 'notice' }, t('capacity.loadFailed')));
    }
  };
  panel.addEventListener('toggle', () => {
    if (panel.open && !loaded) load();
  });
  return panel;
}

function render(patient, teams, requests, message, reload, onError) {
  const children = [];
  if (message) children.push(element('p', { className: message.error ? 'form-error' : 'notice', role: 'status' }, message.text));
  if (teams.length === 0) {
    children.push(element('p', { className: 'empty' }, t('intake.noTeams')));
  } else {
    const team = element('select', { id: `intake-team-${patient.patientId}` }, ...teams.map((x) => element('option', { value: x.teamId }, x.name)));
    team.dataset.testid = 'intake-team';
    const need = element('textarea', { id: `intake-need-${patient.patientId}`, rows: 2, maxLength: 2000, required: true });
    need.dataset.testid = 'intake-need';
    const send = element('button', { type: 'submit' }, t('intake.send'));
    send.dataset.testid = 'intake-send';
    const form = element('form', { className: 'intake-form' },
      element('ul', { className: 'team-list' }, ...teams.map((x) => element('li', { className: 'team' }, element('strong', {}, x.name), teamLights(x)))),
      element('label', { htmlFor: team.id }, t('intake.team')), team,
      element('label', { htmlFor: need.id }, t('intake.need')), need, send);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      send.disabled = true;
      try {
        const sent = await capacityApi.requestIntake(patient.patientId, team.value, need.value.trim());
        await reload({ text: t('intake.sent', { team: sent.teamName }) });
      } catch (error) {
        if (onError(error)) return;
        await reload({ text: t('intake.failed', { detail: error.detail ?? '' }), error: true });
      }
    });
    children.push(form);
  }
  if (requests.length > 0) {
    children.push(element('ul', { className: 'intake-list' }, ...requests.map((r) => {
      const item = element('li', { className: `intake status-${r.status}` },
        element('strong', {}, `${r.teamName}: ${t(`intake.status.${r.status}`)}`), ' ',
        element('span', { className: 'muted' }, t('intake.requestedBy', { by: r.requestedBy, time: clockTime(r.requestedAt) })),
        element('p', {}, r.need), r.answerNote ? element('p', {}, r.answerNote) : null);
      item.dataset.testid = 'intake-request';
      item.dataset.status = r.status;
      return item;
    })));
  }
  return children;
}
