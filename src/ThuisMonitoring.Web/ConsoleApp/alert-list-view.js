// The alert table. Rows are keyed by alertId and updated in place, so a row a nurse is looking at (or has
// focused) does not flicker or jump when another alert changes.

import { t, reasonText } from './i18n.js';
import { age, clockTime, fullTime, findingValue } from './format.js';
import * as api from './api.js';
import { currentSession } from './session.js';
import { callButton, callStatusOf } from './call-script.js';

export class AlertListView {
  #body;
  #empty;
  #onAcknowledge;
  #onAlertChanged;
  #onHandOver;
  #onCall;
  #rows = new Map(); // alertId -> { row, signature, alert }

  /**
   * onAcknowledge(alertId, button) is called when a nurse presses Bevestigen. Claim and release go to the API from
   * here; the changed AlertDto is handed to onAlertChanged(alert) when given, and in any case drawn in its row at
   * once (the hub's alertChanged push brings the same change to every other console). onHandOver(alert), when
   * given, adds Overdragen next to Loslaten for the claimer. onCall(alertId), when given, adds Bellen (the call
   * script) for an alert nobody else has claimed.
   */
  constructor({ body, empty, onAcknowledge, onAlertChanged, onHandOver, onCall }) {
    this.#body = body;
    this.#empty = empty;
    this.#onAcknowledge = onAcknowledge;
    this.#onAlertChanged = onAlertChanged;
    this.#onHandOver = onHandOver;
    this.#onCall = onCall;
  }

  /** Shows exactly the given alerts in the given order. */
  render(alerts) {
    const wanted = new Set(alerts.map((alert) => alert.alertId));
    for (const [alertId, { row }] of this.#rows) {
      if (!wanted.has(alertId)) {
        row.remove();
        this.#rows.delete(alertId);
      }
    }

    alerts.forEach((alert, index) => {
      const row = this.#rowFor(alert);
      // Only move a row that is out of place: moving a node takes focus away from the button inside it.
      if (this.#body.children[index] !== row) this.#body.insertBefore(row, this.#body.children[index] ?? null);
    });
    this.#empty.hidden = alerts.length > 0;
  }

  /** Redraws every row, after the language changed. */
  redrawAll(alerts) {
    for (const entry of this.#rows.values()) entry.signature = null;
    this.render(alerts);
  }

  /** Advances the "3 min geleden" texts; called every half minute. */
  refreshAges() {
    const now = Date.now();
    this.#body.querySelectorAll('time[data-age]').forEach((element) => {
      element.textContent = age(element.dateTime, now);
    });
  }

  #rowFor(given) {
    let entry = this.#rows.get(given.alertId);
    if (!entry) {
      const row = document.createElement('tr');
      row.dataset.testid = 'alert-row';
      row.dataset.alertId = given.alertId;
      row.tabIndex = -1;
      entry = { row, signature: null, alert: null };
      this.#rows.set(given.alertId, entry);
    }
    // A claim answer drawn straight into the row can be newer than the list the caller still holds until the push.
    const alert = entry.alert && Date.parse(entry.alert.updatedAt) > Date.parse(given.updatedAt) ? entry.alert : given;
    entry.alert = alert;
    const signature = `${alert.updatedAt}|${alert.status}|${alert.level}|${alert.count}|${alert.claimedBy ?? ''}|${alert.reEscalations ?? 0}|${alert.retryAt ?? ''}|${alert.escalation?.status ?? ''}`;
    if (entry.signature !== signature) {
      const hadFocus = entry.row.contains(document.activeElement);
      this.#fill(entry.row, alert);
      entry.signature = signature;
      if (hadFocus) entry.row.focus();
    }
    return entry.row;
  }

  #fill(row, alert) {
    row.dataset.status = alert.status;
    row.dataset.level = alert.level;
    // Raised again because nobody claimed it in time: stands out until someone does.
    const reEscalated = (alert.reEscalations ?? 0) > 0 && !alert.claimedBy && alert.status !== 'resolved';
    row.className = `alert level-${alert.level} status-${alert.status}${reEscalated ? ' re-escalated' : ''}`;
    row.dataset.reEscalated = String(reEscalated);
    row.replaceChildren(
      cell('td', levelBadge(alert.level), reEscalated ? reEscalatedBadge(alert.reEscalations) : null),
      patientCell(alert),
      cell('td', list('reasons', alert.reasons.map(reasonText))),
      cell('td', findingList(alert.findings ?? [])),
      cell('td', ageOf(alert)),
      cell('td', countOf(alert.count)),
      cell('td', statusOf(alert), claimOf(alert), callStatusOf(alert)),
      this.#actions(alert),
    );
  }

  /**
   * Unclaimed: Oppakken (and Bevestigen while open). Claimed by me: Loslaten (and Bevestigen). Claimed by a
   * colleague: no buttons, the row says who has it.
   */
  #actions(alert) {
    const me = currentSession()?.username;
    const actions = element('td', { className: 'actions' });
    if (alert.status === 'resolved') return actions;
    if (this.#onCall && (!alert.claimedBy || alert.claimedBy === me)) actions.append(callButton(alert, this.#onCall));
    if (!alert.claimedBy) {
      actions.append(this.#claimButton(alert, 'claim'));
    } else if (alert.claimedBy === me) {
      actions.append(this.#claimButton(alert, 'unclaim'));
      if (this.#onHandOver) actions.append(this.#handOverButton(alert));
    } else {
      return actions;
    }
    if (alert.status === 'open') actions.append(this.#acknowledgeButton(alert));
    return actions;
  }

  #claimButton(alert, step) {
    const button = element('button', { type: 'button', className: step }, t(`${step}.button`));
    button.dataset.testid = `alert-${step}`;
    button.setAttribute('aria-label', t(`${step}.label`, { patient: alert.patientName }));
    button.addEventListener('click', () => this.#claimStep(alert.alertId, step, button));
    return button;
  }

  #handOverButton(alert) {
    const button = element('button', { type: 'button', className: 'handover' }, t('handover.button'));
    button.dataset.testid = 'alert-handover';
    button.setAttribute('aria-label', t('handover.label', { patient: alert.patientName }));
    button.addEventListener('click', () => this.#onHandOver(this.#rows.get(alert.alertId)?.alert ?? alert));
    return button;
  }

  async #claimStep(alertId, step, button) {
    const row = button.closest('tr');
    button.disabled = true;
    button.textContent = t('ack.busy');
    try {
      const changed = await (step === 'claim' ? api.claim(alertId) : api.unclaim(alertId));
      this.#show(changed);
      if (row?.isConnected && !row.contains(document.activeElement)) row.focus();
    } catch (error) {
      button.disabled = false;
      button.textContent = t(`${step}.button`);
      const taken = error instanceof api.ApiError && error.status === 409;
      const message = element('span', { className: 'claim-error' }, t(taken ? `${step}.conflict` : `${step}.failed`));
      message.setAttribute('role', 'status');
      message.dataset.testid = 'alert-claim-error';
      button.parentElement?.querySelector('.claim-error')?.remove();
      button.after(message);
    }
  }

  /** Draws an alert the API just returned in its row and tells the owner of the list. */
  #show(alert) {
    const entry = this.#rows.get(alert.alertId);
    if (entry && (!entry.alert || Date.parse(alert.updatedAt) >= Date.parse(entry.alert.updatedAt))) {
      entry.alert = alert;
      this.#rowFor(alert);
    }
    this.#onAlertChanged?.(alert);
  }

  #acknowledgeButton(alert) {
    const button = element('button', { type: 'button', className: 'acknowledge' }, t('ack.button'));
    button.dataset.testid = 'alert-ack';
    button.setAttribute('aria-label', t('ack.label', { patient: alert.patientName }));
    button.addEventListener('click', () => this.#onAcknowledge(alert.alertId, button));
    return button;
  }
}

function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function cell(tag, ...children) {
  return element(tag, {}, ...children);
}

function list(className, texts) {
  return element('ul', { className }, ...texts.map((text) => element('li', {}, text)));
}

/** Colour and shape and word, so the level does not depend on seeing colour. */
function levelBadge(level) {
  const urgent = level === 'urgent';
  return element(
    'span',
    { className: `level-badge level-${level}` },
    decoration(urgent ? '▲' : '●'),
    t(urgent ? 'level.urgent' : 'level.warning'),
  );
}

function reEscalatedBadge(times) {
  const badge = element('span', { className: 're-escalated-badge' }, t('reEscalation.badge', { n: times }));
  badge.dataset.testid = 'alert-re-escalated';
  return badge;
}

function decoration(symbol) {
  const icon = element('span', { className: 'level-icon' }, symbol);
  icon.setAttribute('aria-hidden', 'true');
  return icon;
}

/** The name opens the patient's detail (trends) in the console. */
function patientCell(alert) {
  const link = element('a', { href: `#/patients/${encodeURIComponent(alert.patientId)}` }, alert.patientName || alert.patientId);
  link.dataset.testid = 'alert-patient';
  return element('th', { scope: 'row', className: 'patient' }, link);
}

function findingList(findings) {
  const items = findings
    .map((finding) => ({ finding, text: findingValue(finding) }))
    .filter(({ text }) => text !== null)
    .map(({ finding, text }) => element('li', { className: `finding-${finding.level}` }, text));
  return element('ul', { className: 'values' }, ...items);
}

function ageOf(alert) {
  const time = element('time', { dateTime: alert.raisedAt, title: fullTime(alert.raisedAt) }, age(alert.raisedAt));
  time.dataset.age = '';
  return element('div', { className: 'age' }, time, element('span', { className: 'clock' }, clockTime(alert.raisedAt)));
}

/** "opgepakt door …": who is working this alert, so a colleague does not call the same patient. */
function claimOf(alert) {
  if (!alert.claimedBy) return null;
  const mine = alert.claimedBy === currentSession()?.username;
  const claim = element(
    'span',
    { className: `claimed-by${mine ? ' mine' : ''}`, title: alert.claimedAt ? fullTime(alert.claimedAt) : '' },
    t(mine ? 'claim.byMe' : 'claim.by', { name: alert.claimedBy }),
  );
  claim.dataset.testid = 'alert-claimed-by';
  return claim;
}

function countOf(count) {
  const text = element('span', { title: t('count.label', { n: count }) }, t('count.times', { n: count }));
  text.setAttribute('aria-label', t('count.label', { n: count }));
  return text;
}

function statusOf(alert) {
  const status = element('div', { className: `status status-${alert.status}` }, t(`status.${alert.status}`));
  if (alert.status === 'acknowledged' && alert.acknowledgedAt) {
    status.append(
      element(
        'span',
        { className: 'by' },
        t('status.acknowledgedBy', { name: alert.acknowledgedBy ?? '', time: clockTime(alert.acknowledgedAt) }),
      ),
    );
  }
  return status;
}
