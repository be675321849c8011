// The signed-in user's bearer token. sessionStorage: it ends with the tab, and a shared ward PC keeps nothing.

const STORAGE_KEY = 'thuismonitoring.session';

/** Roles that may see the alert list (the hub admits only these). */
export const STAFF_ROLES = ['nurse', 'clinician', 'admin'];

/** The stored session, or null when there is none or it has expired. */
export function currentSession() {
  let session;
  try {
    session = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    session = null;
  }
  if (!session?.accessToken || Date.now() >= session.expiresAt) {
    clearSession();
    return null;
  }
  return session;
}

/** Stores the answer of POST /api/auth/token; expiresIn is in seconds. */
export function storeSession(token) {
  const session = {
    accessToken: token.accessToken,
    expiresAt: Date.now() + token.expiresIn * 1000,
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
