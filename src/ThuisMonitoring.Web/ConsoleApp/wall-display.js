// Wall display: the alert queue alone, in large type, without buttons, for a screen on the monitoring-centre wall.
// On with ?wall=1 in the address (a wall PC's start page), or with the toggle in the top bar (kept per console in
// localStorage). A wall page opened by address stays a wall: it has nobody at it to switch back.

import { t } from './i18n.js';

const WALL_KEY = 'thuismonitoring.wall';

export class WallDisplay {
  #button;
  #fromAddress;
  #on;
  #onChange;

  /** button: the toggle in the top bar; onChange(on) runs after every switch. */
  constructor(button, onChange = () => {}) {
    this.#button = button;
    this.#onChange = onChange;
    const wanted = new URLSearchParams(location.search).get('wall');
    this.#fromAddress = wanted === '1' || wanted === 'true';
    this.#on = this.#fromAddress || readStored();
    button.addEventListener('click', () => this.set(!this.#on));
    this.#apply();
  }

  get on() {
    return this.#on;
  }

  set(on) {
    if (this.#fromAddress) return;
    this.#on = on;
    try {
      localStorage.setItem(WALL_KEY, on ? 'true' : 'false');
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    this.#apply();
    this.#onChange(on);
  }

  /** Redraws the toggle (after a language change too). */
  render() {
    // Opened as a wall by address: nobody stands at it to switch back, and it shows no controls at all.
    this.#button.hidden = this.#fromAddress;
    this.#button.setAttribute('aria-pressed', String(this.#on));
    this.#button.textContent = t(this.#on ? 'wall.leave' : 'wall.enter');
  }

  #apply() {
    document.body.classList.toggle('wall', this.#on);
    document.body.dataset.wall = String(this.#on);
    this.render();
  }
}

function readStored() {
  try {
    return localStorage.getItem(WALL_KEY) === 'true';
  } catch {
    return false;
  }
}
