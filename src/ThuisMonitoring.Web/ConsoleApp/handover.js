// Hand-over: the nurse who has claimed an alert passes it to a colleague (end of shift, a break, a language the
// patient speaks). A small dialog lists the nurses (GET /api/users?role=nurse) without the claimer herself.

import * as api from './api.js';
import { t } from './i18n.js';
import { currentSession } from './session.js';

export class HandOverDialog {
  #dialog;
  #title;
  #select;
  #error;
  #confirm;
  #alert = null;
  #onHandedOver;

  /**
   * dialog: a <dialog> holding [data-role=title], a <select>, [data-role=error], [data-role=confirm] and
   * [data-role=cancel]; onHandedOver(alert) receives the AlertDto the API answers.
   */
  constructor({ dialog, onHandedOver }) {
    this.#dialog = dialog;
    this.#title = dialog.querySelector('[data-role=title]');
    this.#select = dialog.querySelector('select');
    this.#error = dialog.querySelector('[data-role=error]');
    this.#confirm = dialog.querySelector('[data-role=confirm]');
    this.#onHandedOver = onHandedOver;
    dialog.querySelector('form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#handOver();
    });
    dialog.querySelector('[data-role=cancel]').addEventListener('click', () => dialog.close());
  }

  /** Opens the picker for the given alert and loads the colleagues. */
  async open(alert) {
    this.#alert = alert;
    this.#title.textContent = t('handover.title', { patient: alert.patientName || alert.patientId });
    this.#showError(null);
    this.#select.replaceChildren(option('', t('handover.loading')));
    this.#select.disabled = true;
    this.#confirm.disabled = true;
    this.#dialog.showModal();
    try {
      const me = currentSession()?.username;
      const colleagues = (await api.users('nurse'))
        .filter((user) => user.username !== me)
        .sort((a, b) => (a.displayName || a.username).localeCompare(b.displayName || b.username));
      if (this.#alert !== alert) return;
      if (colleagues.length === 0) {
        this.#select.replaceChildren(option('', t('handover.nobody')));
        return;
      }
      this.#select.replaceChildren(
        ...colleagues.map((user) => option(user.username, user.displayName ? `${user.displayName} (${user.username})` : user.username)),
      );
      this.#select.disabled = false;
      this.#confirm.disabled = false;
      this.#select.focus();
    } catch {
      if (this.#alert !== alert) return;
      this.#select.replaceChildren(option('', t('handover.nobody')));
      this.#showError('handover.loadFailed');
    }
  }

  async #handOver() {
    const alert = this.#alert;
    const to = this.#select.value;
    if (!alert || !to) return;
    this.#confirm.disabled = true;
    try {
      const changed = await api.handOver(alert.alertId, to);
      this.#dialog.close();
      this.#onHandedOver(changed);
    } catch (error) {
      this.#confirm.disabled = false;
      const refused = error instanceof api.ApiError && error.status === 409;
      this.#showError(refused ? 'handover.conflict' : 'handover.failed');
    }
  }

  #showError(key) {
    this.#error.hidden = key === null;
    this.#error.textContent = key === null ? '' : t(key);
  }
}

function option(value, text) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  return element;
}
