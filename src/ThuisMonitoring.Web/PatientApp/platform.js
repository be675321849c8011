// The platform's HTTP API as the app uses it: pairing, the patient token, /api/me and the call request.
import { readCredentials } from './store.js';

let token = null;

export class Revoked extends Error {}
/** The credentials were retired because the patient's monitoring ended (410): the app says so rather than "unpaired". */
export class Ended extends Revoked {}
export class Unreachable extends Error {}

async function send(path, options = {}) {
  try {
    return await fetch(path, { cache: 'no-store', ...options });
  } catch {
    throw new Unreachable(path);
  }
}

/** POST /api/pairing/{code}: the credentials, null for an unknown, used or expired code. */
export async function pair(code) {
  const response = await send(`/api/pairing/${encodeURIComponent(code)}`, { method: 'POST' });
  if (response.status === 404) return null;
  if (!response.ok) throw new Unreachable(`pairing ${response.status}`);
  return response.json();
}

async function tokenFor(credentials) {
  const response = await send('/api/auth/device-token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ deviceId: credentials.deviceId, secret: credentials.secret }),
  });
  if (response.status === 401) throw new Revoked('device-token');
  if (response.status === 410) throw new Ended('device-token');
  if (!response.ok) throw new Unreachable(`device-token ${response.status}`);
  return (await response.json()).accessToken;
}

/** A call with the patient token, fetched (again) when it is missing or expired. */
async function call(path, options = {}) {
  const credentials = await readCredentials();
  if (!credentials) throw new Revoked('no credentials');
  for (let attempt = 0; attempt < 2; attempt++) {
    token ??= await tokenFor(credentials);
    const response = await send(path, { ...options, headers: { ...(options.headers ?? {}), Authorization: `Bearer ${token}` } });
    if (response.status !== 401) return response;
    token = null;
  }
  throw new Revoked(path);
}

/** Checks the credentials (device token); throws Revoked when the device is no longer paired. */
export async function checkCredentials() {
  const credentials = await readCredentials();
  token = await tokenFor(credentials);
}

export async function me() {
  const response = await call('/api/me');
  if (!response.ok) throw new Unreachable(`me ${response.status}`);
  return response.json();
}

export async function vitals(sign, from) {
  const response = await call(`/api/me/vitals?sign=${encodeURIComponent(sign)}&from=${encodeURIComponent(from.toISOString())}`);
  if (!response.ok) throw new Unreachable(`vitals ${response.status}`);
  return response.json();
}

export async function accessLog() {
  const response = await call('/api/me/access-log?pageSize=50');
  if (!response.ok) throw new Unreachable(`access-log ${response.status}`);
  return response.json();
}

/** POST /api/me/call-request; returns the answer, or null when monitoring has ended (409). */
export async function requestCall(note) {
  const response = await call('/api/me/call-request', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(note ? { note } : {}),
  });
  if (response.status === 409) return null;
  if (!response.ok) throw new Unreachable(`call-request ${response.status}`);
  return response.json();
}
