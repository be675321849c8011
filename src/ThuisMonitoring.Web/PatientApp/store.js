// What the app keeps on the phone (IndexedDB through idb): its credentials and the backlog of unsent measurements.
import { openDB } from './lib/idb.js';

const database = openDB('thuismonitoring-app', 1, {
  upgrade(db) {
    db.createObjectStore('settings');
    // Auto-increment key: the order the patient made the entries in, which is the order they are delivered in.
    db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
  },
});

export async function readCredentials() {
  return (await database).get('settings', 'credentials');
}

export async function saveCredentials(credentials) {
  await (await database).put('settings', credentials, 'credentials');
}

/** Marks the credentials as no longer good (episode ended or device unpaired): the app stops sending. */
export async function markStopped(reason) {
  const db = await database;
  const credentials = await db.get('settings', 'credentials');
  if (credentials) await db.put('settings', { ...credentials, stopped: reason }, 'credentials');
}

export async function enqueue(message) {
  await (await database).add('outbox', { message, queuedAt: new Date().toISOString() });
}

export async function pending() {
  return (await database).getAll('outbox');
}

export async function remove(seq) {
  await (await database).delete('outbox', seq);
}
