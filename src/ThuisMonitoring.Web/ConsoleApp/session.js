// The signed-in user's tokens. sessionStorage: it ends with the tab, and a shared ward PC keeps nothing.
// The access token lives ~15 minutes; the refresh token renews it (api.js) until the login ends (~12 h, a shift).

const STORAGE_KEY = 'thuismonitoring.session';

/** Roles that may see the alert list (the hub admits only these). */
export const STAFF_ROLES = ['nurse', 'clinician', 'admin'];

/** The stored session, or null when there is none or its login has ended. */
export function currentSession() {
  let session;
  try {
    session = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    session = null;
  }
  if (!session?.accessToken || Date.now() >= (session.refreshExpiresAt ?? session.expiresAt)) {
    clearSession();
    return null;
  }
  return session;
}

/** Stores the answer of POST /api/auth/token or /refresh; expiresIn and refreshExpiresIn are in seconds. */
export function storeSession(token) {
  const now = Date.now();
  const session = {
    accessToken: token.accessToken,
    expiresAt: now + token.expiresIn * 1000,
    refreshToken: token.refreshToken ?? null,
    refreshExpiresAt: now + (token.refreshExpiresIn ?? token.expiresIn) * 1000,
    username: token.username,
    role: token.role,
    displayName: token.displayName || token.username,
  };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  return session;
}

export function clearSession() {
  sessionStorage.removeItem(STORAGE_KEY);
}
