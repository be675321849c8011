// Keyboard shortcuts of the alert queue, for nurses who work it all shift without the mouse:
//   j / ↓  next alert          k / ↑  previous alert
//   c      claim the selected alert
//   Enter  open the selected alert (the call-script panel listens for the 'alert-open' event)
//   ?      this help            Esc    close the help
// Never while typing in a field, and never with Ctrl/Alt/Meta held (those belong to the browser).

import { t } from './i18n.js';

/** Dispatched on document when a nurse opens an alert from the keyboard; detail: { alertId }. */
export const ALERT_OPEN_EVENT = 'alert-open';

const SHORTCUTS = [
  ['j / ↓', 'keys.next'],
  ['k / ↑', 'keys.previous'],
  ['c', 'keys.claim'],
  ['Enter', 'keys.open'],
  ['?', 'keys.help'],
  ['Esc', 'keys.close'],
];

export class QueueKeyboard {
  #list;
  #help;
  #isActive;

  /**
   * list: the alert tbody (rows carry data-alert-id); help: the help overlay (a <dialog>);
   * isActive(): whether the queue is the view on screen.
   */
  constructor({ list, help, isActive }) {
    this.#list = list;
    this.#help = help;
    this.#isActive = isActive;
    document.addEventListener('keydown', (event) => this.#onKey(event));
    help.querySelector('[data-role=close]')?.addEventListener('click', () => help.close());
    this.render();
  }

  /** Fills the help overlay's table in the current language. */
  render() {
    const body = this.#help.querySelector('tbody');
    body.replaceChildren(
      ...SHORTCUTS.map(([keys, key]) => {
        const row = document.createElement('tr');
        const keyCell = document.createElement('th');
        keyCell.scope = 'row';
        const kbd = document.createElement('kbd');
        kbd.textContent = keys;
        keyCell.append(kbd);
        const what = document.createElement('td');
        what.textContent = t(key);
        row.append(keyCell, what);
        return row;
      }),
    );
  }

  /** The row that has (or contains) focus, or the one marked selected last. */
  selectedRow() {
    const focused = document.activeElement?.closest?.('tr[data-alert-id]');
    if (focused && this.#list.contains(focused)) return focused;
    return this.#list.querySelector('tr[data-selected="true"]');
  }

  #onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
    if (isTyping(event.target)) return;
    if (this.#help.open) {
      if (event.key === '?') {
        event.preventDefault();
        this.#help.close();
      }
      return; // Escape is handled by the dialog itself.
    }
    // Another modal (the shift lead's re-escalation confirmation, a hand-over) has the floor.
    if (document.querySelector('dialog[open]')) return;
    if (event.key === '?') {
      event.preventDefault();
      this.#help.showModal();
      return;
    }
    if (!this.#isActive()) return;
    switch (event.key) {
      case 'j':
      case 'ArrowDown':
        event.preventDefault();
        this.#move(1);
        break;
      case 'k':
      case 'ArrowUp':
        event.preventDefault();
        this.#move(-1);
        break;
      case 'c':
        this.#claim(event);
        break;
      case 'Enter':
        this.#open(event);
        break;
      default:
        break;
    }
  }

  #move(step) {
    const rows = [...this.#list.querySelectorAll('tr[data-alert-id]')];
    if (rows.length === 0) return;
    const current = this.selectedRow();
    const index = current ? rows.indexOf(current) : -1;
    const next = index < 0 ? rows[step > 0 ? 0 : rows.length - 1] : rows[Math.min(rows.length - 1, Math.max(0, index + step))];
    this.#select(next);
  }

  #select(row) {
    this.#list.querySelectorAll('tr[data-selected="true"]').forEach((other) => {
      if (other !== row) delete other.dataset.selected;
    });
    row.dataset.selected = 'true';
    row.focus();
    row.scrollIntoView({ block: 'nearest' });
  }

  #claim(event) {
    const row = this.selectedRow();
    const button = row?.querySelector('[data-testid="alert-claim"]');
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  }

  #open(event) {
    // Enter on a button or link inside the row does what that control does.
    if (event.target instanceof Element && event.target.closest('button, a, summary')) return;
    const row = this.selectedRow();
    if (!row) return;
    event.preventDefault();
    document.dispatchEvent(new CustomEvent(ALERT_OPEN_EVENT, { detail: { alertId: row.dataset.alertId } }));
  }
}

function isTyping(target) {
  if (!(target instanceof Element)) return false;
  return Boolean(target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'));
}
