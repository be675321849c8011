// Re-escalation: an alert nobody claimed in time (red 5 min, orange 30 min; protocol settings) is raised again to
// every console (hub event "alertReEscalated"). Each console shows a banner with a line per such alert until it is
// claimed, resolved or dismissed. A console switched to "Dienstleider" (shift lead, kept in localStorage) gets a modal
// dialog instead that must be confirmed: the shift lead has to see it, not just be able to.

import { reasonText, t } from './i18n.js';
import { clockTime } from './format.js';

const SHIFT_LEAD_KEY = 'thuismonitoring.shiftLead';

export class ReEscalationAlarm {
  #banner;
  #list;
  #dialog;
  #dialogText;
  #toggle;
  #entries = new Map(); // alertId -> alert as re-escalated
  #pending = []; // alerts waiting for the shift lead's confirmation, oldest first
  #shiftLead;

  /**
   * banner: the element holding the lines (hidden when empty); dialog: a <dialog> with [data-role=text] and a
   * confirm button [data-role=confirm]; toggle: the Dienstleider button in the top bar.
   */
  constructor({ banner, dialog, toggle }) {
    this.#banner = banner;
    this.#list = banner.querySelector('ul');
    this.#dialog = dialog;
    this.#dialogText = dialog.querySelector('[data-role=text]');
    this.#toggle = toggle;
    this.#shiftLead = readShiftLead();
    toggle.addEventListener('click', () => this.setShiftLead(!this.#shiftLead));
    dialog.querySelector('[data-role=confirm]').addEventListener('click', () => this.#confirm());
    // Escape must not wave it away: only the confirm button does.
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    this.render();
  }

  get shiftLead() {
    return this.#shiftLead;
  }

  setShiftLead(on) {
    this.#shiftLead = on;
    try {
      localStorage.setItem(SHIFT_LEAD_KEY, on ? 'true' : 'false');
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    this.render();
  }

  /** A re-escalated alert arrived: a banner line, and for the shift lead a dialog to confirm. */
  raise(alert) {
    if (alert.status === 'resolved') return;
    this.#entries.set(alert.alertId, alert);
    if (this.#shiftLead) {
      this.#pending = this.#pending.filter((waiting) => waiting.alertId !== alert.alertId);
      this.#pending.push(alert);
    }
    this.render();
  }

  /** Follows the board: a line leaves once its alert is claimed or resolved (or gone from the board). */
  follow(board) {
    let changed = false;
    for (const alertId of [...this.#entries.keys()]) {
      const current = board.get(alertId);
      if (!current || current.status === 'resolved' || current.claimedBy) {
        this.#entries.delete(alertId);
        changed = true;
      } else {
        this.#entries.set(alertId, current);
      }
    }
    if (changed) this.render();
  }

  clear() {
    this.#entries.clear();
    this.#pending = [];
    if (this.#dialog.open) this.#dialog.close();
    this.render();
  }

  /** Redraws banner, dialog and toggle (after a language change too). */
  render() {
    this.#toggle.setAttribute('aria-pressed', String(this.#shiftLead));
    this.#toggle.textContent = t(this.#shiftLead ? 'shiftLead.on' : 'shiftLead.off');
    this.#toggle.title = t('shiftLead.explain');

    const alerts = [...this.#entries.values()].reverse();
    this.#list.replaceChildren(...alerts.map((alert) => this.#line(alert)));
    this.#banner.hidden = alerts.length === 0;

    const next = this.#pending[0];
    if (next) {
      this.#dialogText.textContent = describe(next);
      this.#dialog.dataset.alertId = next.alertId;
      if (!this.#dialog.open) this.#dialog.showModal();
    } else if (this.#dialog.open) {
      this.#dialog.close();
    }
  }

  #line(alert) {
    const item = document.createElement('li');
    item.dataset.testid = 're-escalation';
    item.dataset.alertId = alert.alertId;
    const text = document.createElement('span');
    text.textContent = describe(alert);
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'dismiss';
    dismiss.dataset.testid = 're-escalation-dismiss';
    dismiss.textContent = t('reEscalation.dismiss');
    dismiss.setAttribute('aria-label', t('reEscalation.dismissLabel', { patient: alert.patientName }));
    dismiss.addEventListener('click', () => {
      this.#entries.delete(alert.alertId);
      this.render();
    });
    item.append(text, dismiss);
    return item;
  }

  #confirm() {
    this.#pending.shift();
    this.render();
  }
}

/** "Niet opgepakt na 6 min: Henk de Vries — Saturatie kritisch laag (2e keer, 14:03)". */
function describe(alert) {
  const waitingFrom = Date.parse(alert.waitingSince ?? alert.raisedAt);
  const at = alert.reEscalatedAt ?? alert.updatedAt;
  const minutes = Math.max(0, Math.floor((Date.parse(at) - waitingFrom) / 60000));
  return t('reEscalation.line', {
    m: minutes,
    patient: alert.patientName || alert.patientId,
    reasons: alert.reasons.map(reasonText).join(', '),
    n: Math.max(1, alert.reEscalations ?? 1),
    time: clockTime(at),
  });
}

function readShiftLead() {
  try {
    return localStorage.getItem(SHIFT_LEAD_KEY) === 'true';
  } catch {
    return false;
  }
}
