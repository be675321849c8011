// The alerts the centre is working on: open and acknowledged. A resolved alert leaves the board.
// Answers from the API and pushes from the hub can cross each other, so updatedAt decides which is newer.

const LEVEL_ORDER = { urgent: 0, warning: 1 };

export class AlertBoard {
  #entries = new Map(); // alertId -> { alert, receivedAt }
  #resolved = new Map(); // alertId -> updatedAt (ms) of the resolution, so a late answer cannot bring it back

  /**
   * Applies one AlertDto. Returns 'added', 'changed', 'removed' or 'ignored' (older than what the board holds).
   */
  apply(alert) {
    const updatedAt = Date.parse(alert.updatedAt);
    const known = this.#entries.get(alert.alertId);
    if (known && Date.parse(known.alert.updatedAt) > updatedAt) return 'ignored';
    if ((this.#resolved.get(alert.alertId) ?? -Infinity) >= updatedAt) return 'ignored';

    if (alert.status === 'resolved') {
      this.#resolved.set(alert.alertId, updatedAt);
      return this.#entries.delete(alert.alertId) ? 'removed' : 'ignored';
    }
    this.#entries.set(alert.alertId, { alert, receivedAt: Date.now() });
    return known ? 'changed' : 'added';
  }

  /**
   * Brings the board in line with a complete list of open and acknowledged alerts fetched from fetchStartedAt on
   * (Date.now() before the request). An alert missing from the list was resolved while we were not listening,
   * unless the hub told us about it after the request went out. Returns the alerts that are new to the board.
   */
  reconcile(alerts, fetchStartedAt) {
    const listed = new Set(alerts.map((alert) => alert.alertId));
    for (const [alertId, entry] of this.#entries) {
      if (!listed.has(alertId) && entry.receivedAt < fetchStartedAt) this.#entries.delete(alertId);
    }
    return alerts.filter((alert) => this.apply(alert) === 'added');
  }

  get(alertId) {
    return this.#entries.get(alertId)?.alert;
  }

  get size() {
    return this.#entries.size;
  }

  /** Urgent before warning; within a level the oldest alert first. */
  sorted() {
    return [...this.#entries.values()]
      .map((entry) => entry.alert)
      .sort(
        (a, b) =>
          (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9) ||
          Date.parse(a.raisedAt) - Date.parse(b.raisedAt) ||
          a.alertId.localeCompare(b.alertId),
      );
  }

  clear() {
    this.#entries.clear();
    this.#resolved.clear();
  }
}
