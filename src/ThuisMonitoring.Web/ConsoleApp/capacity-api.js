// Calls of the capacity board, the district-nursing teams and intake (docs/capacity.md, CONTRACT section 10).

import { request } from './api.js';

/** GET /api/capacity -> the board of the caller's centre (or of centre, for an admin). */
export function capacity(centre) {
  return request(`api/capacity${centre ? `?centre=${encodeURIComponent(centre)}` : ''}`);
}

/** GET /api/capacity/prognosis -> {inMonitoringNow, intakePerDay, endedEpisodesSeen, medianEpisodeDays, days: [{day, at, expected}]}. */
export function prognosis(centre) {
  return request(`api/capacity/prognosis${centre ? `?centre=${encodeURIComponent(centre)}` : ''}`);
}

/** GET /api/capacity/teams?postcode=&organisation= -> [{teamId, organisation, name, postcodes, lights: {morning: {level, note, setAt, setBy}}}]. */
export function teams({ postcode, organisation } = {}) {
  const query = new URLSearchParams();
  if (postcode) query.set('postcode', postcode);
  if (organisation) query.set('organisation', organisation);
  const text = query.toString();
  return request(`api/capacity/teams${text ? `?${text}` : ''}`);
}

/** PUT /api/capacity/teams/{teamId} {organisation, name, postcodes, partOfDay, level, note?} -> the team. */
export function setTeamLight(teamId, light) {
  return request(`api/capacity/teams/${encodeURIComponent(teamId)}`, { method: 'PUT', body: light });
}

/** GET /api/intake -> the intake requests the caller may see (a coordinator: those sent to their teams). */
export function intakeRequests(status) {
  return request(`api/intake${status ? `?status=${encodeURIComponent(status)}` : ''}`);
}

/** POST /api/intake/{intakeId}/accept|decline {note?} -> the answered request. */
export function answerIntake(intakeId, accept, note) {
  return request(`api/intake/${encodeURIComponent(intakeId)}/${accept ? 'accept' : 'decline'}`, { method: 'POST', body: note ? { note } : {} });
}

/** POST /api/patients/{id}/intake {teamId, need} -> the request (status requested). */
export function requestIntake(patientId, teamId, need) {
  return request(`api/patients/${encodeURIComponent(patientId)}/intake`, { method: 'POST', body: { teamId, need } });
}

/** GET /api/patients/{id}/intake -> the patient's intake requests, newest first. */
export function patientIntake(patientId) {
  return request(`api/patients/${encodeURIComponent(patientId)}/intake`);
}
