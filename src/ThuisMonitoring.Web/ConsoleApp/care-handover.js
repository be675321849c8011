// Warm handover of medical responsibility (CONTRACT section 7), e.g. hospital specialist to GP: the responsible
// clinician picks a colleague and writes a note; the receiver reads the summary in their inbox and accepts or
// declines with a note. Not the nurses' alert handover (handover.js).

import * as api from './api.js';
import * as clinic from './clinician-api.js';
import { t, pathwayText } from './i18n.js';
import { fullTime } from './format.js';
import { element, formatFlow } from './patient-overview.js';
import { currentSession } from './session.js';
import { confirmDecision } from './decision-dialog.js';

/** The day-10 advice that offers the handover. */
export const HANDOVER_ADVICE = 'responsibility-review';

/** The responsible clinician's dialog: to whom, and a note. Resolves with the pending handover, or null. */
export async function askHandover(patient) {
  const me = currentSession()?.username;
  const colleagues = (await api.users('clinician')).filter((user) => user.username !== me);
  return confirmDecision({
    id: 'handover',
    title: t('careHandover.title', { patient: patient.name }),
    text: t('careHandover.text'),
    fields: [
      { name: 'to', label: t('careHandover.to'), type: 'select', options: colleagues.map((c) => ({ value: c.username, label: c.displayName ?? c.username })), required: true },
      { name: 'note', label: t('careHandover.note'), type: 'textarea' },
    ],
    confirmLabel: t('careHandover.send'),
    onConfirm: ({ to, note }) => clinic.requestHandover(patient.patientId, to, note || undefined),
  });
}

/** The summary a receiver decides on: episode, oxygen course, 48 h trends, alerts and outcomes, open advice, notes. */
export function summaryView(summary) {
  const trends = element('ul', {}, ...summary.trends.filter((trend) => trend.count > 0).map((trend) =>
    element('li', {}, `${t(`chart.${trend.sign}`)}: ${trend.min}–${trend.max} (${t('summary.mean')} ${trend.mean}, ${t('summary.last')} ${trend.last})`)));
  const alerts = element('ul', {}, ...summary.alerts.map((alert) =>
    element('li', {}, `${fullTime(alert.raisedAt)} ${t(alert.level === 'urgent' ? 'level.urgent' : 'level.warning')}: ${alert.reasons.join(', ')} — ${alert.outcome ?? alert.status}`)));
  const oxygen = element('p', {}, t('summary.oxygen', { start: formatFlow(summary.oxygen.atEnrolment), now: formatFlow(summary.oxygen.current), n: summary.oxygen.changes.length }));
  const view = element(
    'div',
    { className: 'care-summary' },
    element('p', {}, `${pathwayText(summary.pathway)} · ${t('summary.day', { n: summary.episode.days })} · ${t(`summary.state.${summary.episode.state}`)}`),
    oxygen,
    element('h4', {}, t('summary.trends')),
    trends,
    element('h4', {}, t('summary.alerts', { n: summary.alerts.length })),
    alerts,
    element('h4', {}, t('summary.advice')),
    element('ul', {}, ...summary.openAdvice.map((a) => element('li', {}, `${t(`advice.${a.kind}`)}: ${a.summary}`))),
    element('h4', {}, t('summary.notes')),
    element('ul', {}, ...summary.notes.map((n) => element('li', {}, `${fullTime(n.at)} ${n.by ?? ''}: ${n.text ?? ''}`))),
  );
  view.dataset.testid = 'care-summary';
  return view;
}

/** The receiver's list of handovers waiting for them, above the escalations of the inbox. */
export class CareHandoverInbox {
  #root;
  #onError;
  #handovers = [];

  constructor({ root, onError }) {
    this.#root = root;
    this.#onError = onError;
  }

  async load() {
    try {
      this.#handovers = (await clinic.careHandovers('pending')).filter((h) => h.to === currentSession()?.username);
      this.render();
    } catch (error) {
      this.#onError(error);
    }
  }

  /** Hub "careHandoverChanged": a handover to me arrives (or is decided) live; shown at once when the inbox is open. */
  changed(handover, shown) {
    const mine = handover.to === currentSession()?.username;
    this.#handovers = this.#handovers.filter((h) => h.handoverId !== handover.handoverId);
    if (mine && handover.status === 'pending') this.#handovers.unshift(handover);
    if (shown) this.render();
  }

  clear() {
    this.#handovers = [];
    this.#root.replaceChildren();
  }

  render() {
    if (this.#handovers.length === 0) {
      this.#root.replaceChildren();
      this.#root.hidden = true;
      return;
    }
    this.#root.hidden = false;
    const list = element('ol', { className: 'inbox-list' }, ...this.#handovers.map((handover) => this.#item(handover)));
    list.dataset.testid = 'care-handover-list';
    this.#root.replaceChildren(element('h2', {}, t('careHandover.inboxHeading', { n: this.#handovers.length })), list);
  }

  #item(handover) {
    const note = element('textarea', { rows: 2, placeholder: t('careHandover.decisionNote') });
    note.dataset.testid = 'care-handover-note';
    note.setAttribute('aria-label', t('careHandover.decisionNote'));
    const accept = element('button', { type: 'button' }, t('careHandover.accept'));
    accept.dataset.testid = 'care-handover-accept';
    const decline = element('button', { type: 'button' }, t('careHandover.decline'));
    decline.dataset.testid = 'care-handover-decline';
    const error = element('p', { className: 'form-error', hidden: true });
    error.setAttribute('role', 'alert');
    const decide = async (yes) => {
      accept.disabled = true;
      decline.disabled = true;
      try {
        await clinic.decideHandover(handover.patientId, handover.handoverId, yes, note.value.trim() || undefined);
        this.#handovers = this.#handovers.filter((h) => h.handoverId !== handover.handoverId);
        this.render();
        if (yes) location.hash = `#/patients/${encodeURIComponent(handover.patientId)}`;
      } catch (failure) {
        if (this.#onError(failure)) return;
        error.textContent = failure.message;
        error.hidden = false;
        accept.disabled = false;
        decline.disabled = false;
      }
    };
    accept.addEventListener('click', () => decide(true));
    decline.addEventListener('click', () => decide(false));
    const item = element(
      'li',
      { className: 'inbox-case care-handover' },
      element('h3', {}, t('careHandover.from', { patient: handover.patientName ?? handover.patientId, from: handover.fromName ?? handover.from })),
      element('p', {}, fullTime(handover.requestedAt)),
      handover.note ? element('blockquote', {}, handover.note) : null,
      summaryView(handover.summary),
      note,
      element('div', { className: 'dialog-buttons' }, accept, decline),
      error,
    );
    item.dataset.testid = 'care-handover';
    item.dataset.handoverId = handover.handoverId;
    return item;
  }
}
