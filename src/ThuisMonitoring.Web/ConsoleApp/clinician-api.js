// The clinician's workspace calls (docs/clinician.md): decisions on an episode, thresholds, the warm handover of
// responsibility, the discharge summary, eligibility before enrolment, enrolment and device binding.

import { request } from './api.js';

const patientPath = (patientId) => `api/patients/${encodeURIComponent(patientId)}`;

/** POST /api/patients/{id}/oxygen {flow} -> {patientId, oxygenFlow}. */
export function changeOxygen(patientId, flow) {
  return request(`${patientPath(patientId)}/oxygen`, { method: 'POST', body: { flow } });
}

/** POST /api/patients/{id}/state {state, reason} -> TransitionDto (ended/readmitted also revoke the devices). */
export function changeState(patientId, state, reason) {
  return request(`${patientPath(patientId)}/state`, { method: 'POST', body: { state, reason } });
}

/** POST /api/patients/{id}/advice/{adviceId}/accept|reject {note?} -> AdviceDto. */
export function decideAdvice(patientId, adviceId, accept, note) {
  return request(`${patientPath(patientId)}/advice/${encodeURIComponent(adviceId)}/${accept ? 'accept' : 'reject'}`, { method: 'POST', body: note ? { note } : {} });
}

/** GET /api/patients/{id}/thresholds -> {organisationProtocolId, protocolId, layer, differences:[{field, organisation, patient}]}. */
export function thresholds(patientId) {
  return request(`${patientPath(patientId)}/thresholds`);
}

/** PUT /api/patients/{id}/thresholds {layer, reason} -> {protocolId}. */
export function changeThresholds(patientId, layer, reason) {
  return request(`${patientPath(patientId)}/thresholds`, { method: 'PUT', body: { layer, reason } });
}

/** POST /api/patients/{id}/handover {to, note?} -> 202 CareHandoverDto (pending, with the summary). */
export function requestHandover(patientId, to, note) {
  return request(`${patientPath(patientId)}/handover`, { method: 'POST', body: note ? { to, note } : { to } });
}

/** POST /api/patients/{id}/handover/{handoverId}/accept|decline {note?} -> CareHandoverDto. */
export function decideHandover(patientId, handoverId, accept, note) {
  return request(`${patientPath(patientId)}/handover/${encodeURIComponent(handoverId)}/${accept ? 'accept' : 'decline'}`, { method: 'POST', body: note ? { note } : {} });
}

/** GET /api/care-handovers?status=pending -> [CareHandoverDto] received or sent by the caller. */
export function careHandovers(status) {
  return request(status ? `api/care-handovers?status=${encodeURIComponent(status)}` : 'api/care-handovers');
}

/** GET /api/patients/{id}/discharge-summary -> CareSummaryDto. */
export function dischargeSummary(patientId) {
  return request(`${patientPath(patientId)}/discharge-summary`);
}

/** POST /api/eligibility -> EligibilityDto (nothing is stored). */
export function checkEligibility(body) {
  return request('api/eligibility', { method: 'POST', body });
}

/** POST /api/patients -> {patientId, eligibility}. */
export function enrol(body) {
  return request('api/patients', { method: 'POST', body });
}

/** POST /api/patients/{id}/devices {deviceId, kind} -> {deviceId, secret, pairingCode?, pairingUrl?}. */
export function bindDevice(patientId, deviceId, kind) {
  return request(`${patientPath(patientId)}/devices`, { method: 'POST', body: { deviceId, kind } });
}

/** GET /api/patients?state=active|ended&q= -> [PatientDto]. */
export function findPatients(state, q) {
  const query = new URLSearchParams();
  if (state) query.set('state', state);
  if (q) query.set('q', q);
  return request(`api/patients?${query}`);
}
