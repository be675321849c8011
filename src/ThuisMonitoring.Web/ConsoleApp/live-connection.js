// The SignalR connection to /hubs/alerts. It never gives up: a monitoring centre must come back by itself after
// a network hiccup or a host restart, and every (re)connect triggers a re-fetch so nothing raised meanwhile is missed.

/* global signalR -- lib/signalr.min.js is a classic script loaded before the modules */

// Not 0 first: when the host restarts gracefully it drops the socket while its listener still accepts for a moment.
const RETRY_DELAYS_MS = [1000, 2000, 5000, 10000];
const MAX_RETRY_DELAY_MS = 15000;

function retryDelay(attempt) {
  return RETRY_DELAYS_MS[attempt] ?? MAX_RETRY_DELAY_MS;
}

function isUnauthorized(error) {
  // Negotiation failures arrive wrapped; the status survives only in the message.
  return error?.statusCode === 401 || /status code '401'/i.test(String(error?.message));
}

export class LiveConnection {
  #connection;
  #handlers;
  #retryTimer = null;
  #stopped = false;
  #refused = false; // the hub answered 401 while reconnecting

  /**
   * handlers: accessToken() -> string, onAlertChanged(alert), onAlertReEscalated(alert), onCareHandoverChanged(handover),
   * onState('connecting'|'connected'|'reconnecting'),
   * onConnected() after every successful (re)connect, onUnauthorized() when the token is no longer accepted.
   */
  constructor(handlers) {
    this.#handlers = handlers;
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl('hubs/alerts', { accessTokenFactory: () => handlers.accessToken() })
      .withAutomaticReconnect({
        // null ends the reconnecting; onclose then sends the nurse back to the sign-in form.
        nextRetryDelayInMilliseconds: (context) => {
          this.#refused = isUnauthorized(context.retryReason);
          return this.#refused ? null : retryDelay(context.previousRetryCount);
        },
      })
      .configureLogging(signalR.LogLevel.Warning)
      .build();

    this.#connection.on('alertChanged', (alert) => handlers.onAlertChanged(alert));
    // An unclaimed alert raised again to every console (re-escalation): banner, tone, highlighted row.
    this.#connection.on('alertReEscalated', (alert) => handlers.onAlertReEscalated?.(alert));
    this.#connection.on('careHandoverChanged', (handover) => handlers.onCareHandoverChanged?.(handover));
    // A patient's overview row changed (the read model, SignalRPatientSummaryNotifier): the overview updates live.
    this.#connection.on('patientChanged', (patient) => handlers.onPatientChanged?.(patient));
    // A capacity board may have changed (capacity-board.js reads it again).
    this.#connection.on('capacityChanged', () => handlers.onCapacityChanged?.());
    this.#connection.onreconnecting(() => handlers.onState('reconnecting'));
    this.#connection.onreconnected(() => this.#connected());
    // Automatic reconnect covers a dropped connection; a close (server refused, retries ended) starts over here.
    this.#connection.onclose((error) => {
      if (this.#stopped) return;
      if (this.#refused || isUnauthorized(error)) {
        handlers.onUnauthorized();
        return;
      }
      handlers.onState('reconnecting');
      this.#scheduleStart(1);
    });
  }

  start() {
    this.#stopped = false;
    this.#refused = false;
    this.#handlers.onState('connecting');
    return this.#start(0);
  }

  async stop() {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    await this.#connection.stop();
  }

  async #start(attempt) {
    try {
      await this.#connection.start();
      if (this.#stopped) {
        await this.#connection.stop();
        return;
      }
      this.#connected();
    } catch (error) {
      if (this.#stopped) return;
      if (isUnauthorized(error)) {
        this.#handlers.onUnauthorized();
        return;
      }
      this.#handlers.onState('reconnecting');
      this.#scheduleStart(attempt + 1);
    }
  }

  #scheduleStart(attempt) {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#start(attempt), retryDelay(attempt));
  }

  #connected() {
    this.#handlers.onState('connected');
    this.#handlers.onConnected();
  }
}
