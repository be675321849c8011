// The clinician's inbox (#/inbox): the cases nurses escalated after calling a patient, pending first, live over the
// hub. A clinician sees only the cases addressed to them (the API and this filter agree); nurses and admins see all.
// "Overnemen" takes a case over, which resolves the alert.

import * as api from './api.js';
import { t, reasonText } from './i18n.js';
import { age, clockTime, fullTime, findingValue } from './format.js';
import { element } from './patient-overview.js';
import { currentSession } from './session.js';
import { scriptSteps } from './call-script.js';

const LEVEL_RANK = { urgent: 0, warning: 1 };

/** Pending before accepted; then the newest escalation first; urgent before warning at the same moment. */
export function byEscalation(a, b) {
  const pending = Number(b.escalation.status === 'pending') - Number(a.escalation.status === 'pending');
  return pending
    || Date.parse(b.escalation.at) - Date.parse(a.escalation.at)
    || (LEVEL_RANK[a.level] ?? 9) - (LEVEL_RANK[b.level] ?? 9)
    || a.alertId.localeCompare(b.alertId);
}

export class ClinicianInbox {
  #root;
  #onError;
  #cases = new Map(); // alertId -> AlertDto with an escalation
  #steps = new Map(); // alertId -> Map(stepId -> step text), from the alert's call script
  #state = 'idle'; // idle | loading | loaded | failed
  #loading = 0;
  #notes = new Map(); // alertId -> what the clinician typed, kept across redraws

  /** onError(error) gets API failures; it answers true when the console signed out because of it. */
  constructor({ root, onError }) {
    this.#root = root;
    this.#onError = onError;
  }

  /** (Re)reads every escalation; called when the page opens and after every (re)connect of the hub. */
  async load() {
    const loading = ++this.#loading;
    if (this.#state !== 'loaded') this.#state = 'loading';
    this.render();
    try {
      const cases = await api.escalations();
      if (loading !== this.#loading) return;
      this.#cases = new Map(cases.filter((alert) => this.#isMine(alert)).map((alert) => [alert.alertId, alert]));
      this.#state = 'loaded';
      this.render();
      this.#loadSteps();
    } catch (error) {
      if (loading !== this.#loading) return;
      if (this.#onError(error)) return;
      this.#state = 'failed';
      this.render();
    }
  }

  /** A push from the hub; an alert with an escalation addressed to this user is added or updated in place. */
  alertChanged(alert) {
    if (!alert.escalation || !this.#isMine(alert)) return;
    const known = this.#cases.get(alert.alertId);
    if (known && Date.parse(known.updatedAt) > Date.parse(alert.updatedAt)) return;
    this.#cases.set(alert.alertId, alert);
    if (this.#state === 'loaded') {
      this.render();
      this.#loadSteps();
    }
  }

  clear() {
    this.#loading++;
    this.#state = 'idle';
    this.#cases.clear();
    this.#steps.clear();
    this.#notes.clear();
    this.#root.replaceChildren();
  }

  refreshAges() {
    const now = Date.now();
    this.#root.querySelectorAll('time[data-age]').forEach((time) => {
      time.textContent = age(time.dateTime, now);
    });
  }

  /** Draws the page; also after a language change. */
  render() {
    if (this.#state === 'idle') return;
    this.#root.querySelectorAll('[data-testid="inbox-accept-note"]').forEach((input) => {
      if (input.value) this.#notes.set(input.dataset.alertId, input.value);
    });
    const cases = [...this.#cases.values()].sort(byEscalation);
    const pending = cases.filter((alert) => alert.escalation.status === 'pending').length;
    const head = element(
      'div',
      { className: 'section-head' },
      element('h2', { id: 'inbox-heading' }, t('inbox.heading')),
      element('span', { className: 'muted' }, t('inbox.pending', { n: pending })),
    );
    const parts = [head];
    if (this.#state === 'failed') {
      const notice = element('p', { className: 'notice' }, t('inbox.loadFailed'));
      notice.dataset.testid = 'inbox-notice';
      notice.setAttribute('role', 'alert');
      parts.push(notice);
    }
    const list = element('ol', { className: 'inbox-list' }, ...cases.map((alert) => this.#item(alert)));
    list.dataset.testid = 'inbox-list';
    parts.push(list);
    if (this.#state === 'loaded' && cases.length === 0) {
      const empty = element('p', { className: 'empty' }, t('inbox.empty'));
      empty.dataset.testid = 'inbox-empty';
      parts.push(empty);
    }
    // A push redraws the list: keep the clinician's place (the case or the note field they were in).
    const focused = this.#root.contains(document.activeElement) ? document.activeElement.dataset : null;
    this.#root.replaceChildren(...parts);
    if (focused?.alertId && focused.testid) {
      this.#root.querySelector(`[data-testid="${CSS.escape(focused.testid)}"][data-alert-id="${CSS.escape(focused.alertId)}"]`)?.focus();
    }
  }

  #isMine(alert) {
    const session = currentSession();
    return session?.role !== 'clinician' || alert.escalation?.to === session.username;
  }

  #item(alert) {
    const escalation = alert.escalation;
    const pending = escalation.status === 'pending';
    const item = element('li', { className: `inbox-item level-${alert.level} ${pending ? 'pending' : 'accepted'}`, tabIndex: -1 });
    item.dataset.testid = 'inbox-item';
    item.dataset.alertId = alert.alertId;
    item.dataset.status = escalation.status;
    const patient = element('a', { href: `#/patients/${encodeURIComponent(alert.patientId)}` }, alert.patientName || alert.patientId);
    patient.dataset.testid = 'inbox-patient';
    const at = element('time', { dateTime: escalation.at, title: fullTime(escalation.at) }, age(escalation.at));
    at.dataset.age = '';
    const kind = escalation.emergency ? t('inbox.emergency') : pending ? t('inbox.statusPending') : t('inbox.statusAccepted');
    item.append(...[
      element(
        'header',
        {},
        element('span', { className: `level-badge level-${alert.level}` }, t(alert.level === 'urgent' ? 'level.urgent' : 'level.warning')),
        element('h3', {}, patient),
        element('span', { className: 'inbox-kind' }, kind),
        element('span', { className: 'inbox-time' }, at, ` · ${clockTime(escalation.at)}`),
      ),
      element(
        'dl',
        {},
        element('dt', {}, t('column.reasons')),
        withTestId(element('dd', {}, alert.reasons.map(reasonText).join(', ')), 'inbox-reasons'),
        element('dt', {}, t('column.values')),
        element('dd', {}, [...new Set((alert.findings ?? []).map(findingValue).filter((text) => text !== null))].join(' · ') || '—'),
        element('dt', {}, t('inbox.by')),
        element('dd', {}, escalation.byName ?? escalation.by),
        element('dt', {}, t('inbox.note')),
        withTestId(element('dd', {}, escalation.note || '—'), 'inbox-note'),
      ),
      this.#answers(alert),
      pending && !escalation.emergency ? this.#acceptForm(alert) : this.#accepted(escalation),
    ].filter(Boolean));
    return item;
  }

  /** The answers of the call that escalated (the last call), with the script's wording where it is known. */
  #answers(alert) {
    const call = [...(alert.calls ?? [])].reverse().find((c) => c.outcome === 'escalated' || c.outcome === 'emergency-referral')
      ?? alert.calls?.at(-1);
    if (!call?.answers?.length) return null;
    const texts = this.#steps.get(alert.alertId);
    const list = element('ul', { className: 'inbox-answers' }, ...call.answers.map((answer) => element(
      'li',
      {},
      element('span', { className: 'question' }, `${texts?.get(answer.stepId) ?? answer.stepId} → `),
      element('strong', {}, answerText(answer.answer)),
    )));
    list.dataset.testid = 'inbox-answers';
    return element('details', { open: true }, element('summary', {}, t('inbox.answers', { time: clockTime(call.at) })), list);
  }

  #acceptForm(alert) {
    const note = element('input', { type: 'text', maxLength: 4000, autocomplete: 'off', value: this.#notes.get(alert.alertId) ?? '' });
    note.dataset.testid = 'inbox-accept-note';
    note.dataset.alertId = alert.alertId;
    note.setAttribute('aria-label', t('inbox.acceptNote'));
    note.placeholder = t('inbox.acceptNote');
    const accept = element('button', { type: 'submit', className: 'primary' }, t('inbox.accept'));
    accept.dataset.testid = 'inbox-accept';
    accept.setAttribute('aria-label', t('inbox.acceptLabel', { patient: alert.patientName }));
    const error = element('span', { className: 'claim-error' });
    error.dataset.testid = 'inbox-error';
    error.setAttribute('role', 'status');
    const form = element('form', { className: 'inbox-accept' }, note, accept, error);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#accept(alert.alertId, note, accept, error);
    });
    return form;
  }

  async #accept(alertId, note, button, error) {
    button.disabled = true;
    button.textContent = t('ack.busy');
    error.textContent = '';
    try {
      const changed = await api.acceptEscalation(alertId, note.value.trim() || undefined);
      this.#notes.delete(alertId);
      this.alertChanged(changed);
    } catch (failure) {
      if (this.#onError(failure)) return;
      button.disabled = false;
      button.textContent = t('inbox.accept');
      const status = failure instanceof api.ApiError ? failure.status : 0;
      error.textContent = t(status === 409 ? 'inbox.acceptConflict' : status === 403 ? 'inbox.acceptForbidden' : 'inbox.acceptFailed');
      if (status === 409) this.load();
    }
  }

  #accepted(escalation) {
    if (!escalation.acceptedAt) return null;
    const text = t('inbox.acceptedBy', { name: escalation.acceptedBy ?? '', time: clockTime(escalation.acceptedAt) });
    const accepted = element('p', { className: 'inbox-accepted', title: fullTime(escalation.acceptedAt) }, text);
    accepted.dataset.testid = 'inbox-accepted';
    if (escalation.acceptNote) accepted.append(element('span', { className: 'muted' }, ` — ${escalation.acceptNote}`));
    return accepted;
  }

  /** Fetches the call script of each case once, so answers read as the questions asked rather than step ids. */
  #loadSteps() {
    for (const alert of this.#cases.values()) {
      if (this.#steps.has(alert.alertId) || !alert.calls?.some((call) => call.answers?.length)) continue;
      this.#steps.set(alert.alertId, null);
      api.callScript(alert.alertId).then(
        (script) => {
          const texts = new Map(scriptSteps(script.scripts).flatMap(({ steps }) => steps.map(({ step, key }) => [key, step.text])));
          this.#steps.set(alert.alertId, texts);
          if (this.#state === 'loaded') this.render();
        },
        () => {
          // Resolved meanwhile or not visible: the step ids are shown instead.
        },
      );
    }
  }
}

function withTestId(node, testId) {
  node.dataset.testid = testId;
  return node;
}

/** "ja"/"nee" of a check in the console's language; a free answer as typed. */
function answerText(answer) {
  return answer === 'ja' || answer === 'nee' ? t(`call.check.${answer}`) : answer;
}
