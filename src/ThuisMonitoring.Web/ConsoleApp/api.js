// The host's HTTP API (/work/notes/api.md). Paths are relative so the console also works under a path base.

import { clearSession, currentSession, storeSession } from './session.js';

/** Renew the access token when it has less than this left (the server allows 30 s of clock skew). */
const REFRESH_AHEAD_MS = 90_000;

/** A non-2xx answer; title, detail and the problem's code (e.g. totp-required) come from the problem+json body. */
export class ApiError extends Error {
  constructor(status, title, detail, problem = {}) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.code = problem.code ?? null;
    this.problem = problem;
  }
}

let refreshing = null;

/** POST /api/auth/refresh with the stored refresh token; one at a time. Clears the session when it is refused. */
export function refreshSession() {
  refreshing ??= (async () => {
    try {
      const session = currentSession();
      if (!session?.refreshToken) throw new ApiError(401, 'Not signed in');
      const token = await send('api/auth/refresh', { method: 'POST', body: { refreshToken: session.refreshToken } });
      return storeSession(token);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) clearSession();
      throw error;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** A current access token, renewed first when it is about to expire (also the hub's accessTokenFactory). */
export async function freshAccessToken() {
  const session = currentSession();
  if (!session) throw new ApiError(401, 'Not signed in');
  if (session.refreshToken && session.expiresAt - Date.now() < REFRESH_AHEAD_MS) {
    return (await refreshSession()).accessToken;
  }
  return session.accessToken;
}

async function send(path, { method = 'GET', body, bearer = null } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // Not problem+json (a proxy, or an empty 401): the status says enough.
    }
    throw new ApiError(response.status, problem.title, problem.detail, problem);
  }
  return response.status === 204 ? null : response.json();
}

/** An authenticated call to the host's API (for feature modules such as clinician-api.js); throws ApiError. */
export async function request(path, { method = 'GET', body, authenticated = true } = {}) {
  if (!authenticated) return send(path, { method, body });
  try {
    return await send(path, { method, body, bearer: await freshAccessToken() });
  } catch (error) {
    // Expired early (the PC slept, or the clocks differ): renew once and try again; a revoked login stays 401.
    if (!(error instanceof ApiError) || error.status !== 401 || !currentSession()?.refreshToken) throw error;
    const renewed = await refreshSession();
    return send(path, { method, body, bearer: renewed.accessToken });
  }
}

/**
 * POST /api/auth/token -> {accessToken, expiresIn, refreshToken, refreshExpiresIn, username, role, displayName}.
 * A 401 whose error.code is totp-required / totp-invalid asks for the code; totp-enrolment-required carries
 * error.problem.enrolmentToken for enrolTotp and confirmTotp.
 */
export function signIn(username, password, totp) {
  return send('api/auth/token', { method: 'POST', body: totp ? { username, password, totp } : { username, password } });
}

/** POST /api/auth/logout: ends the login of the stored refresh token (best effort: signing out never waits on it). */
export function logout(refreshToken) {
  if (!refreshToken) return Promise.resolve();
  return send('api/auth/logout', { method: 'POST', body: { refreshToken } }).catch(() => {});
}

/** POST /api/me/totp with the enrolment token -> {secret, otpauthUri}. */
export function enrolTotp(enrolmentToken) {
  return send('api/me/totp', { method: 'POST', bearer: enrolmentToken });
}

/** POST /api/me/totp/confirm {code} with the enrolment token -> a full token response. */
export function confirmTotp(enrolmentToken, code) {
  return send('api/me/totp/confirm', { method: 'POST', body: { code }, bearer: enrolmentToken });
}

/** GET /api/alerts?status=... -> [AlertDto]. */
export function alerts(status) {
  return request(`api/alerts?status=${encodeURIComponent(status)}`);
}

/** POST /api/alerts/{id}/acknowledge -> AlertDto; 409 when the alert is no longer open. */
export function acknowledge(alertId) {
  return request(`api/alerts/${encodeURIComponent(alertId)}/acknowledge`, { method: 'POST' });
}

/** POST /api/alerts/{id}/claim -> AlertDto; 409 when a colleague has claimed it or it is resolved. */
export function claim(alertId) {
  return request(`api/alerts/${encodeURIComponent(alertId)}/claim`, { method: 'POST' });
}

/** POST /api/alerts/{id}/unclaim -> AlertDto; 409 when the caller is not the claimer. */
export function unclaim(alertId) {
  return request(`api/alerts/${encodeURIComponent(alertId)}/unclaim`, { method: 'POST' });
}

/** POST /api/alerts/{id}/handover {to} -> AlertDto; 400 when "to" is not a nurse, 409 when the caller is not the claimer. */
export function handOver(alertId, to) {
  return request(`api/alerts/${encodeURIComponent(alertId)}/handover`, { method: 'POST', body: { to } });
}

/** GET /api/patients -> [PatientDto] (a clinician gets only their own patients). */
export function patients() {
  return request('api/patients');
}

/** GET /api/patients/{id} -> PatientDto; 404 when it does not exist or is not the caller's to see. */
export function patient(patientId) {
  return request(`api/patients/${encodeURIComponent(patientId)}`);
}

/** GET /api/alerts (every status) -> [AlertDto]. */
export function allAlerts() {
  return request('api/alerts');
}

/**
 * GET /api/patients/{id}/vitals -> {sign, unit, from, to, resolution: 'raw'|'minute', values, aggregates, bands}.
 * Raw values up to 24 h, per-minute mean/min/max up to 14 days.
 */
export function vitals(patientId, sign, from, to) {
  const query = new URLSearchParams({ sign, from: from.toISOString(), to: to.toISOString() });
  return request(`api/patients/${encodeURIComponent(patientId)}/vitals?${query}`);
}

// --- issue 5: call script, escalations, timeline, notes ---

/** GET /api/alerts/{id}/script -> {alertId, patient, responsibleClinician, scripts, outcomes}; 404 when not visible. */
export function callScript(alertId) {
  return request(`api/alerts/${encodeURIComponent(alertId)}/script`);
}

/** POST /api/alerts/{id}/calls {outcome, note?, answers?} -> AlertDto; 409 when claimed by a colleague or resolved. */
export function recordCall(alertId, call) {
  return request(`api/alerts/${encodeURIComponent(alertId)}/calls`, { method: 'POST', body: call });
}

/** GET /api/escalations?status=pending|accepted (omit: all) -> [AlertDto], pending first. */
export function escalations(status) {
  return request(status ? `api/escalations?status=${encodeURIComponent(status)}` : 'api/escalations');
}

/** POST /api/alerts/{id}/escalation/accept {note?} -> AlertDto; 403 when not addressed to the caller, 409 when not pending. */
export function acceptEscalation(alertId, note) {
  return request(`api/alerts/${encodeURIComponent(alertId)}/escalation/accept`, { method: 'POST', body: note ? { note } : {} });
}

/** GET /api/patients/{id}/timeline -> [TimelineEntryDto], newest first. */
export function timeline(patientId) {
  return request(`api/patients/${encodeURIComponent(patientId)}/timeline`);
}

/** POST /api/patients/{id}/notes {text} -> TimelineEntryDto; 400 when empty or longer than 4000 characters. */
export function addNote(patientId, text) {
  return request(`api/patients/${encodeURIComponent(patientId)}/notes`, { method: 'POST', body: { text } });
}

/** GET /api/users?role=nurse|clinician|admin -> [{username, displayName, role}] (the hand-over picker). */
export function users(role) {
  return request(`api/users?role=${encodeURIComponent(role)}`);
}

/** GET /api/audit?patient=&user=&from=&to=&page=&pageSize= -> {records, page, pageSize, hasMore} (admin, privacy officer). */
export function audit(filters) {
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== '' && value !== undefined && value !== null));
  return request(`api/audit?${query}`);
}

/** POST /api/replay {layers?, traces?, patient?, organisation?, from?, to?} -> {reports, patients} (admin, clinician). */
export function replay(body) {
  return request('api/replay', { method: 'POST', body });
}

/** GET /api/audit/verify -> {intact, records, firstBrokenId, reason, lastHash} (admin). */
export function verifyAudit() {
  return request('api/audit/verify');
}

// --- issue 11: organisations, clients of a centre, user administration (admin) ---

/** GET /api/organisations -> [{id, name, kind, sharePatientsWithinOrganisation, clients}] (what the caller may see). */
export function organisations() {
  return request('api/organisations');
}

/** POST /api/organisations {id, name, kind, sharePatientsWithinOrganisation} -> the organisation; 409 when the id is taken. */
export function createOrganisation(organisation) {
  return request('api/organisations', { method: 'POST', body: organisation });
}

/** POST /api/organisations/{centre}/clients {organisation}: the centre serves that organisation from now on. */
export function addClient(centre, organisation) {
  return request(`api/organisations/${encodeURIComponent(centre)}/clients`, { method: 'POST', body: { organisation } });
}

/** DELETE /api/organisations/{centre}/clients/{organisation}: the centre no longer serves it. */
export function removeClient(centre, organisation) {
  return request(`api/organisations/${encodeURIComponent(centre)}/clients/${encodeURIComponent(organisation)}`, { method: 'DELETE' });
}

/** GET /api/users?includeDisabled=true (admin) -> every account but patients': [{username, displayName, role, organisation, disabled}]. */
export function accounts() {
  return request('api/users?includeDisabled=true');
}

/** POST /api/users {username, password, role, displayName, organisation?}. */
export function createUser(user) {
  return request('api/users', { method: 'POST', body: user });
}

/** POST /api/users/{username}/disable or /enable -> {username, disabled}. */
export function setUserDisabled(username, disabled) {
  return request(`api/users/${encodeURIComponent(username)}/${disabled ? 'disable' : 'enable'}`, { method: 'POST' });
}

/** POST /api/users/{username}/password {newPassword}: every token of the user stops working. */
export function resetPassword(username, newPassword) {
  return request(`api/users/${encodeURIComponent(username)}/password`, { method: 'POST', body: { newPassword } });
}

/** POST /api/patients/{id}/devices {deviceId, kind} -> {deviceId, secret, pairingCode?, pairingUrl?, pairingExpiresAt?}. */
export function bindDevice(patientId, deviceId, kind) {
  return request(`api/patients/${encodeURIComponent(patientId)}/devices`, { method: 'POST', body: { deviceId, kind } });
}
