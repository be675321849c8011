// A patient's timeline on the detail page, newest first: alerts, claims, calls with their outcome, escalations,
// notes and changes of the episode; and the form to add a note. The calls in it are also marked on the charts.

import * as api from './api.js';
import { t, reasonText } from './i18n.js';
import { clockTime, fullTime } from './format.js';
import { element } from './patient-overview.js';

const NOTE_LIMIT = 4000;
const SHOWN = 100;

/** The timeline's kinds (TimelineKinds in the domain) that are worth a stronger mark. */
const EMPHASIS = new Set(['call', 'escalated', 'escalation-accepted', 're-escalated', 'note']);

/** The calls of a timeline, for the marks on the charts' time axis. */
export function callsOf(entries) {
  return entries.filter((entry) => entry.kind === 'call');
}

export class PatientTimeline {
  #patientId = null;
  #entries = [];
  #section;
  #list;
  #onError;
  #onChanged;
  #loading = 0;

  /**
   * onError(error) gets API failures (it answers true when the console signed out); onChanged(entries) is called
   * after the timeline was re-read or a note added.
   */
  constructor({ onError, onChanged }) {
    this.#onError = onError;
    this.#onChanged = onChanged;
  }

  /** Builds the timeline section for a patient with the entries already read (newest first). */
  render(patientId, entries) {
    this.#patientId = patientId;
    this.#entries = [...entries];
    this.#list = element('ol', { className: 'timeline-list' });
    this.#list.dataset.testid = 'timeline';
    this.#section = element(
      'section',
      { className: 'timeline' },
      element('h3', {}, t('timeline.heading')),
      this.#noteForm(),
      this.#list,
    );
    this.#section.setAttribute('aria-label', t('timeline.heading'));
    this.#fill();
    return this.#section;
  }

  /** Re-reads the timeline (after a push about one of this patient's alerts). */
  async reload() {
    const patientId = this.#patientId;
    if (!patientId) return;
    const loading = ++this.#loading;
    try {
      const entries = await api.timeline(patientId);
      if (loading !== this.#loading || patientId !== this.#patientId || !this.#list?.isConnected) return;
      this.#entries = entries;
      this.#fill();
      this.#onChanged(entries);
    } catch (error) {
      if (loading === this.#loading) this.#onError(error);
    }
  }

  clear() {
    this.#loading++;
    this.#patientId = null;
    this.#entries = [];
  }

  #fill() {
    const shown = this.#entries.slice(0, SHOWN);
    this.#list.replaceChildren(...shown.map((entry) => entryItem(entry)));
    if (shown.length === 0) {
      const empty = element('li', { className: 'muted' }, t('timeline.empty'));
      empty.dataset.testid = 'timeline-empty';
      this.#list.append(empty);
    }
  }

  #noteForm() {
    const text = element('textarea', { id: 'note-text', rows: 2, maxLength: NOTE_LIMIT });
    text.dataset.testid = 'note-text';
    const save = element('button', { type: 'submit', className: 'primary' }, t('note.save'));
    save.dataset.testid = 'note-save';
    const error = element('p', { className: 'form-error' });
    error.dataset.testid = 'note-error';
    error.setAttribute('role', 'alert');
    error.hidden = true;
    const form = element(
      'form',
      { className: 'note-form' },
      element('label', { htmlFor: text.id }, t('note.label')),
      text,
      element('div', { className: 'buttons' }, save),
      error,
    );
    form.noValidate = true;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = text.value.trim();
      const fail = (key) => {
        error.hidden = false;
        error.textContent = t(key);
      };
      if (!value) {
        fail('note.empty');
        text.focus();
        return;
      }
      if (value.length > NOTE_LIMIT) {
        fail('note.tooLong');
        return;
      }
      error.hidden = true;
      save.disabled = true;
      save.textContent = t('ack.busy');
      const patientId = this.#patientId;
      try {
        const entry = await api.addNote(patientId, value);
        if (patientId !== this.#patientId) return;
        text.value = '';
        this.#entries = [entry, ...this.#entries.filter((known) => known.entryId !== entry.entryId)];
        this.#fill();
        this.#onChanged(this.#entries);
      } catch (failure) {
        if (this.#onError(failure)) return;
        fail(failure instanceof api.ApiError && failure.status === 400 ? 'note.rejected' : 'note.failed');
      } finally {
        save.disabled = false;
        save.textContent = t('note.save');
      }
    });
    return form;
  }
}

function entryItem(entry) {
  const item = element('li', { className: `timeline-entry kind-${entry.kind}${EMPHASIS.has(entry.kind) ? ' emphasis' : ''}` });
  item.dataset.testid = 'timeline-entry';
  item.dataset.kind = entry.kind;
  item.dataset.entryId = entry.entryId;
  const time = element('time', { dateTime: entry.at, title: fullTime(entry.at) }, clockTime(entry.at));
  const label = element('span', { className: 'kind' }, kindText(entry.kind));
  label.dataset.testid = 'timeline-kind';
  const details = detailText(entry);
  item.append(...[
    time,
    label,
    entry.by ? element('span', { className: 'by' }, t('timeline.by', { name: entry.by })) : null,
    details ? element('span', { className: 'details' }, details) : null,
    entry.text ? element('p', { className: 'text' }, entry.text) : null,
  ].filter(Boolean));
  return item;
}

/** The kind of a timeline entry in words; an unknown kind is shown as it is rather than hidden. */
export function kindText(kind) {
  const key = `timeline.kind.${kind}`;
  const text = t(key);
  return text === key ? kind : text;
}

/**
 * The entry's details (AlertSteps in the domain) in words: a call's outcome, call-back time and answers; to whom an
 * escalation or hand-over went; an alert's level and reasons; a resolution's outcome.
 */
function detailText(entry) {
  const details = entry.details ?? {};
  const parts = [];
  if (details.level === 'urgent' || details.level === 'warning') parts.push(t(`level.${details.level}`));
  if (details.reasons) parts.push(details.reasons.split(',').filter(Boolean).map(reasonText).join(', '));
  if (details.outcome) {
    const key = `timeline.outcome.${details.outcome}`;
    const text = t(key);
    parts.push(text === key ? details.outcome : text);
  }
  if (details.retryAt) parts.push(t('board.callBackAt', { time: clockTime(details.retryAt) }));
  if (details.to) parts.push(t(details.emergency === 'true' ? 'timeline.informed' : 'timeline.to', { name: details.to }));
  const answers = Object.entries(details)
    .filter(([key]) => key.startsWith('answer.'))
    .map(([key, answer]) => `${key.slice('answer.'.length)}: ${answer === 'ja' || answer === 'nee' ? t(`call.check.${answer}`) : answer}`);
  if (answers.length) parts.push(answers.join('; '));
  return parts.length ? parts.join(' · ') : null;
}
