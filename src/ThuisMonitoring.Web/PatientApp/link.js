// The app's MQTT link (MQTT.js over WebSocket, CONTRACT section 2): publishes the backlog in order, one message at a
// time, each removed only once the platform acknowledged it (PUBACK, QoS 1). A message resent after a lost
// acknowledgement carries the same messageId, so the platform stores and evaluates it once.
import mqtt from './lib/mqtt.esm.js';
import * as store from './store.js';

const ACK_TIMEOUT_MS = 10_000;
// MQTT 5 reason codes that refuse a login or a message for good (not a connection problem).
const BAD_LOGIN = new Set([4, 5, 134, 135]);
const PAYLOAD_INVALID = 153;
const NOT_AUTHORIZED = 135;

export function openLink(credentials, handlers) {
  const base = `thuismonitoring/v1/devices/${credentials.deviceId}`;
  let stopped = false;
  let flushing = null;

  const client = mqtt.connect(credentials.mqttUrl, {
    username: credentials.deviceId,
    password: credentials.secret,
    clientId: `app-${credentials.deviceId}`,
    protocolVersion: 5,
    clean: true,
    keepalive: 30,
    reconnectPeriod: 2000,
    connectTimeout: 5000,
  });

  client.on('connect', () => {
    handlers.onStatus(true);
    client.subscribe([`${base}/feedback`, `${base}/errors`], { qos: 1 });
    flush();
  });
  client.on('close', () => handlers.onStatus(false));
  client.on('offline', () => handlers.onStatus(false));
  client.on('error', (error) => {
    if (BAD_LOGIN.has(error?.code)) handlers.onRefused();
  });
  client.on('message', (topic, payload) => {
    let message;
    try {
      message = JSON.parse(new TextDecoder().decode(payload));
    } catch {
      return;
    }
    if (topic.endsWith('/feedback')) handlers.onFeedback(message);
    else if (topic.endsWith('/errors')) handlers.onErrors(message);
  });

  async function deliver() {
    while (client.connected && !stopped) {
      const [item] = await store.pending();
      if (!item) return;
      try {
        await withTimeout(client.publishAsync(`${base}/measurements`, JSON.stringify(item.message), { qos: 1 }), ACK_TIMEOUT_MS);
      } catch (error) {
        if (error?.code === PAYLOAD_INVALID) {
          await store.remove(item.seq);
          handlers.onRejected(item.message);
          continue;
        }
        if (error?.code === NOT_AUTHORIZED) {
          // The device was unbound while connected: the entry stays, the app finds out whether it was unpaired.
          handlers.onRefused();
          return;
        }
        // No acknowledgement: the entry stays, and is sent again (same messageId) on the next attempt.
        setTimeout(flush, ACK_TIMEOUT_MS / 5);
        return;
      }
      await store.remove(item.seq);
      handlers.onDelivered(item.message);
    }
  }

  function flush() {
    if (stopped) return Promise.resolve();
    flushing ??= deliver().finally(() => {
      flushing = null;
      handlers.onBacklogChanged();
    });
    return flushing;
  }

  return {
    flush,
    get connected() {
      return client.connected;
    },
    stop() {
      stopped = true;
      client.end(true);
    },
  };
}

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}
