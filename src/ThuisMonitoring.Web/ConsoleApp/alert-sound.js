// The attention a new red alert asks for: a short tone (WebAudio, no audio file) and the number of unclaimed urgent
// alerts in the tab title, so a console behind another window still shows "(3) …". The tone can be muted per console;
// the choice is kept in localStorage because a ward PC stays at the same desk whoever signs in.

import { t } from './i18n.js';

const MUTED_KEY = 'thuismonitoring.sound.muted';

/** Tone shapes: a new red alert rings twice, a re-escalation three times and lower, so the ear tells them apart. */
const TONES = {
  urgent: { frequency: 880, beeps: 2 },
  reEscalated: { frequency: 660, beeps: 3 },
};
const BEEP_SECONDS = 0.16;
const GAP_SECONDS = 0.09;

export class AlertSound {
  #button;
  #context = null;
  #muted;
  #tones = 0;

  /** button: the mute toggle in the top bar; its text and aria-pressed show the state. */
  constructor(button) {
    this.#button = button;
    this.#muted = readMuted();
    button.addEventListener('click', () => this.setMuted(!this.#muted));
    // Browsers only let a page make sound after a user gesture: the first click or key unlocks the audio context.
    const unlock = () => this.#audio()?.resume?.().catch(() => {});
    document.addEventListener('pointerdown', unlock, { capture: true });
    document.addEventListener('keydown', unlock, { capture: true });
    this.render();
  }

  get muted() {
    return this.#muted;
  }

  setMuted(muted) {
    this.#muted = muted;
    try {
      localStorage.setItem(MUTED_KEY, muted ? 'true' : 'false');
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    this.render();
  }

  /** Redraws the toggle (after a language change too). */
  render() {
    this.#button.setAttribute('aria-pressed', String(this.#muted));
    this.#button.dataset.muted = String(this.#muted);
    this.#button.textContent = t(this.#muted ? 'sound.off' : 'sound.on');
    this.#button.title = t(this.#muted ? 'sound.unmute' : 'sound.mute');
  }

  /**
   * Plays a tone of the given kind ('urgent' or 'reEscalated') unless muted. The number of tones asked for is kept
   * on the toggle (data-tones) so a test can tell a tone was due even where no speaker is attached.
   */
  play(kind) {
    if (this.#muted) return;
    this.#tones += 1;
    this.#button.dataset.tones = String(this.#tones);
    this.#button.dataset.lastTone = kind;
    const audio = this.#audio();
    if (!audio) return;
    const { frequency, beeps } = TONES[kind] ?? TONES.urgent;
    try {
      const start = audio.currentTime + 0.02;
      for (let beep = 0; beep < beeps; beep += 1) {
        const at = start + beep * (BEEP_SECONDS + GAP_SECONDS);
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.type = 'sine';
        oscillator.frequency.value = frequency;
        // A soft attack and release: a click-free tone that is noticed without startling.
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + BEEP_SECONDS);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(at);
        oscillator.stop(at + BEEP_SECONDS + 0.02);
      }
    } catch {
      // No audio device: the title badge and the banner still carry the message.
    }
  }

  #audio() {
    if (this.#context) return this.#context;
    const AudioContext = window.AudioContext ?? window.webkitAudioContext;
    if (!AudioContext) return null;
    try {
      this.#context = new AudioContext();
    } catch {
      return null;
    }
    return this.#context;
  }
}

/**
 * Watches the board for urgent alerts it has not seen as urgent before: a new red alert, or a warning that turned red.
 * The first list after sign-in only sets the baseline (a nurse signing in is not greeted by a dozen tones); alerts
 * raised while the console was disconnected do ring when the catch-up brings them.
 */
export class UrgentAlertWatch {
  #known = new Set();
  #baselined = false;

  /** Returns the urgent alerts among the given ones that are new since the last call. */
  newUrgent(alerts) {
    const urgent = alerts.filter((alert) => alert.level === 'urgent' && alert.status !== 'resolved');
    const fresh = this.#baselined ? urgent.filter((alert) => !this.#known.has(alert.alertId)) : [];
    this.#known = new Set(urgent.map((alert) => alert.alertId));
    this.#baselined = true;
    return fresh;
  }

  reset() {
    this.#known.clear();
    this.#baselined = false;
  }
}

/** The number of urgent alerts nobody has claimed yet: what the title badge counts. */
export function unclaimedUrgentCount(alerts) {
  return alerts.filter((alert) => alert.level === 'urgent' && alert.status !== 'resolved' && !alert.claimedBy).length;
}

function readMuted() {
  try {
    return localStorage.getItem(MUTED_KEY) === 'true';
  } catch {
    return false;
  }
}
