// The call script (belscript) for one alert: the patient's phone number, current values and a 24-hour trend beside
// the scripted questions and checks, then the outcome of the call. Opening it claims the alert, so no colleague calls
// the same patient; recording the call stores every answer in the patient's timeline (server side).

import * as api from './api.js';
import { t, reasonText } from './i18n.js';
import { alertExplanation } from './alert-explanation.js';
import { clockTime, fullTime, findingValue, measurementValues } from './format.js';
import { element, formatFlow, trafficLight } from './patient-overview.js';
import { currentSession } from './session.js';
import { drawTrend } from './trend-chart.js';

const TREND_MS = 24 * 3_600_000;
const NOTE_LIMIT = 4000;
// The sign whose trend matters most for the alert: the first red (else orange) finding's parameter.
const SIGN_OF = { spo2: 'spo2', heartRate: 'heart-rate', respiratoryRate: 'respiratory-rate', temperature: 'temperature', oxygenFlow: 'oxygen-flow' };
// A check is answered "ja" or "nee" whatever the console's language: that is what the timeline stores.
const CHECK_ANSWERS = ['ja', 'nee'];

export class CallScriptPanel {
  #dialog;
  #onAlertChanged;
  #onError;
  #alert = null;
  #script = null;
  #chart = null;
  #opening = 0;
  #state = 'closed'; // closed | loading | ready | saving | blocked | failed
  #blockedKey = null;

  /**
   * onAlertChanged(alert) gets every AlertDto the API answers (claim, call), so the board shows it at once;
   * onError(error) gets failures, so the console can sign out on 401/403 (it answers true when it did).
   */
  constructor({ onAlertChanged, onError }) {
    this.#onAlertChanged = onAlertChanged;
    this.#onError = onError;
    this.#dialog = element('dialog', { className: 'call-panel' });
    this.#dialog.dataset.testid = 'call-panel';
    this.#dialog.setAttribute('aria-labelledby', 'call-panel-heading');
    // The queue's keyboard shortcuts must not fire while the nurse types in the script.
    this.#dialog.addEventListener('keydown', (event) => event.stopPropagation());
    this.#dialog.addEventListener('close', () => this.#closed());
    document.body.append(this.#dialog);
  }

  /** The alert the panel is open for, or null. */
  get alertId() {
    return this.#state === 'closed' ? null : this.#alert?.alertId ?? null;
  }

  /** Opens the script for an alert of the board; claims it first when nobody has. */
  async open(alert) {
    const opening = ++this.#opening;
    this.#alert = alert;
    this.#script = null;
    this.#blockedKey = null;
    this.#state = 'loading';
    this.#renderLoading();
    if (!this.#dialog.open) this.#dialog.showModal();
    try {
      const me = currentSession()?.username;
      if (!alert.claimedBy) {
        const claimed = await api.claim(alert.alertId);
        if (opening !== this.#opening) return;
        this.#alert = claimed;
        this.#onAlertChanged(claimed);
      } else if (alert.claimedBy !== me) {
        this.#blockedKey = 'call.claimedByColleague';
      }
      const script = await api.callScript(alert.alertId);
      if (opening !== this.#opening) return;
      this.#script = script;
      this.#state = this.#blockedKey ? 'blocked' : 'ready';
      this.#render();
      this.#drawTrend(opening);
    } catch (error) {
      if (opening !== this.#opening) return;
      if (this.#onError(error)) return;
      const taken = error instanceof api.ApiError && error.status === 409;
      this.#state = 'failed';
      this.#renderFailure(taken ? 'call.claimedByColleague' : 'call.loadFailed');
    }
  }

  close() {
    if (this.#dialog.open) this.#dialog.close();
    else this.#closed();
  }

  /** A push from the hub: when the alert shown here was resolved or taken meanwhile, the nurse is told at once. */
  alertChanged(alert) {
    if (this.alertId !== alert.alertId || this.#state === 'saving') return;
    if (Date.parse(alert.updatedAt) < Date.parse(this.#alert.updatedAt)) return;
    this.#alert = alert;
    const me = currentSession()?.username;
    const key = alert.status === 'resolved' ? 'call.resolvedMeanwhile' : alert.claimedBy && alert.claimedBy !== me ? 'call.claimedByColleague' : null;
    if (key === this.#blockedKey) return;
    this.#blockedKey = key;
    if (this.#state === 'ready' || this.#state === 'blocked') {
      this.#state = key ? 'blocked' : 'ready';
      this.#showBlock();
    }
  }

  /** After the language changed: redraw the texts, keeping what the nurse typed. */
  relabel() {
    if (this.#state === 'closed') return;
    if (this.#state === 'loading') {
      this.#renderLoading();
      return;
    }
    if (this.#state === 'failed') {
      this.#renderFailure(this.#dialog.querySelector('[data-testid="call-error"]')?.dataset.key ?? 'call.loadFailed');
      return;
    }
    const typed = this.#collect();
    this.#render();
    this.#restore(typed);
    this.#drawTrend(this.#opening);
  }

  #closed() {
    this.#opening++;
    this.#state = 'closed';
    this.#alert = null;
    this.#script = null;
    this.#chart?.destroy();
    this.#chart = null;
    this.#dialog.replaceChildren();
  }

  #header(patientName) {
    const heading = element('h2', { id: 'call-panel-heading' }, t('call.heading', { patient: patientName }));
    const close = element('button', { type: 'button', className: 'close' }, t('call.close'));
    close.dataset.testid = 'call-close';
    close.addEventListener('click', () => this.close());
    return element('header', { className: 'call-head' }, heading, close);
  }

  #renderLoading() {
    this.#dialog.replaceChildren(this.#header(this.#alert.patientName ?? ''), element('p', { className: 'muted' }, t('call.loading')));
  }

  #renderFailure(key) {
    const error = element('p', { className: 'notice' }, t(key));
    error.dataset.testid = 'call-error';
    error.dataset.key = key;
    error.setAttribute('role', 'alert');
    this.#dialog.replaceChildren(this.#header(this.#alert.patientName ?? ''), error);
  }

  #render() {
    const { patient, responsibleClinician, scripts, outcomes } = this.#script;
    const form = element('form', { className: 'call-form' });
    form.noValidate = true;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit(form);
    });
    form.append(
      ...scriptSteps(scripts).map(({ script, steps }, index) => scriptSection(script, steps, index)),
      outcomeChoice(outcomes, responsibleClinician),
      noteField(),
      this.#footer(),
    );
    this.#dialog.replaceChildren(
      this.#header(patient.name),
      element('div', { className: 'call-body' }, this.#patientSide(patient, responsibleClinician), form),
    );
    this.#showBlock();
  }

  #patientSide(patient, clinician) {
    const alert = this.#alert;
    const phone = patient.phone
      ? element('a', { href: `tel:${patient.phone.replace(/[^\d+]/g, '')}`, className: 'phone' }, patient.phone)
      : element('span', { className: 'phone missing' }, t('call.noPhone'));
    phone.dataset.testid = 'call-phone';
    const last = patient.lastMeasurement;
    const clinicianName = element('dd', {}, clinician?.displayName || clinician?.username || '—');
    clinicianName.dataset.testid = 'call-clinician';
    const plot = element('div', { className: 'plot' });
    plot.dataset.testid = 'call-trend';
    plot.dataset.state = 'loading';
    return element(
      'aside',
      { className: 'call-patient' },
      element('p', { className: 'call-phone' }, element('span', { className: 'phone-label' }, `${t('call.phone')}: `), phone),
      element(
        'dl',
        {},
        element('dt', {}, t('call.level')),
        element('dd', {}, trafficLight(patient.level)),
        element('dt', {}, t('call.reasons')),
        element('dd', {}, alert.reasons.map(reasonText).join(', ')),
        element('dt', {}, t('call.alertValues')),
        element('dd', {}, [...new Set((alert.findings ?? []).map(findingValue).filter((text) => text !== null))].join(' · ') || '—'),
        element('dt', {}, t('call.lastValues')),
        element('dd', {}, last ? `${measurementValues(last).join(' · ')} (${clockTime(last.measuredAt)})` : t('patients.noMeasurement')),
        element('dt', {}, t('call.oxygen')),
        element('dd', {}, t('patients.flow', { flow: formatFlow(patient.oxygenFlow) })),
        element('dt', {}, t('call.clinician')),
        clinicianName,
      ),
      element('figure', { className: 'trend call-trend' }, element('figcaption', {}, t(`chart.${trendSign(alert)}`), ' — ', t('detail.range24h')), plot),
      alertExplanation(alert),
    );
  }

  #footer() {
    const block = element('p', { className: 'notice call-block' });
    block.dataset.testid = 'call-blocked';
    block.setAttribute('role', 'alert');
    const error = element('p', { className: 'form-error call-error' });
    error.dataset.testid = 'call-error';
    error.setAttribute('role', 'alert');
    error.hidden = true;
    const submit = element('button', { type: 'submit', className: 'primary' }, t('call.submit'));
    submit.dataset.testid = 'call-submit';
    const cancel = element('button', { type: 'button' }, t('call.later'));
    cancel.dataset.testid = 'call-later';
    cancel.addEventListener('click', () => this.close());
    return element('div', { className: 'call-footer' }, block, error, element('div', { className: 'buttons' }, submit, cancel));
  }

  /** Shows (or hides) why the call can no longer be recorded, and disables recording then. */
  #showBlock() {
    const block = this.#dialog.querySelector('[data-testid="call-blocked"]');
    const submit = this.#dialog.querySelector('[data-testid="call-submit"]');
    if (!block || !submit) return;
    block.hidden = this.#blockedKey === null;
    block.textContent = this.#blockedKey === null ? '' : t(this.#blockedKey);
    submit.disabled = this.#blockedKey !== null || this.#state === 'saving';
  }

  #collect() {
    const answers = [];
    this.#dialog.querySelectorAll('[data-step-id]').forEach((step) => {
      const answer = step.dataset.kind === 'check'
        ? step.querySelector('input:checked')?.value ?? ''
        : step.querySelector('input')?.value.trim() ?? '';
      if (answer) answers.push({ stepId: step.dataset.stepId, answer });
    });
    const outcome = this.#dialog.querySelector('input[name="call-outcome"]:checked')?.value ?? null;
    const note = this.#dialog.querySelector('[data-testid="call-note"]')?.value ?? '';
    return { answers, outcome, note };
  }

  #restore({ answers, outcome, note }) {
    for (const { stepId, answer } of answers) {
      const step = this.#dialog.querySelector(`[data-step-id="${CSS.escape(stepId)}"]`);
      if (!step) continue;
      if (step.dataset.kind === 'check') {
        const choice = step.querySelector(`input[value="${CSS.escape(answer)}"]`);
        if (choice) choice.checked = true;
      } else {
        step.querySelector('input').value = answer;
      }
    }
    if (outcome) {
      const choice = this.#dialog.querySelector(`input[name="call-outcome"][value="${CSS.escape(outcome)}"]`);
      if (choice) choice.checked = true;
    }
    const noteField = this.#dialog.querySelector('[data-testid="call-note"]');
    if (noteField) noteField.value = note;
  }

  async #submit(form) {
    if (this.#state !== 'ready') return;
    const { answers, outcome, note } = this.#collect();
    const error = form.querySelector('[data-testid="call-error"]');
    const fail = (key) => {
      error.hidden = false;
      error.textContent = t(key);
    };
    if (!outcome) {
      fail('call.outcomeRequired');
      form.querySelector('input[name="call-outcome"]')?.focus();
      return;
    }
    if (note.length > NOTE_LIMIT) {
      fail('call.noteTooLong');
      return;
    }
    error.hidden = true;
    const submit = form.querySelector('[data-testid="call-submit"]');
    this.#state = 'saving';
    submit.disabled = true;
    submit.textContent = t('ack.busy');
    const alertId = this.#alert.alertId;
    try {
      const changed = await api.recordCall(alertId, { outcome, note: note.trim() || undefined, answers });
      this.#onAlertChanged(changed);
      if (this.alertId === alertId) this.close();
    } catch (failure) {
      if (this.alertId !== alertId) return;
      this.#state = 'ready';
      submit.textContent = t('call.submit');
      this.#showBlock();
      if (this.#onError(failure)) return;
      const conflict = failure instanceof api.ApiError && failure.status === 409;
      fail(conflict ? 'call.conflict' : 'call.failed');
    }
  }

  async #drawTrend(opening) {
    const plot = this.#dialog.querySelector('[data-testid="call-trend"]');
    if (!plot) return;
    const to = new Date();
    const from = new Date(to.getTime() - TREND_MS);
    try {
      const trend = await api.vitals(this.#alert.patientId, trendSign(this.#alert), from, to);
      if (opening !== this.#opening || !plot.isConnected) return;
      this.#chart?.destroy();
      this.#chart = drawTrend(plot, trend, [this.#alert]);
      const points = trend.resolution === 'raw' ? trend.values.length : trend.aggregates.length;
      plot.dataset.points = String(points);
      plot.dataset.state = 'drawn';
      if (points === 0) plot.append(element('p', { className: 'no-data' }, t('chart.noData')));
    } catch (error) {
      if (opening !== this.#opening || !plot.isConnected) return;
      plot.dataset.state = 'failed';
      plot.replaceChildren(element('p', { className: 'no-data' }, t('chart.loadFailed')));
      this.#onError(error);
    }
  }
}

function trendSign(alert) {
  const findings = alert.findings ?? [];
  const chosen = findings.find((f) => f.level === 'red' && SIGN_OF[f.parameter]) ?? findings.find((f) => SIGN_OF[f.parameter]);
  return chosen ? SIGN_OF[chosen.parameter] : 'spo2';
}

/**
 * The scripts of an alert as the panel shows them. Scripts for different reasons share steps (the identity check); the
 * protocol guarantees a step id means the same step in every script, so a shared step is asked once, keyed by its id
 * (the answers and the timeline are keyed by step id).
 */
export function scriptSteps(scripts) {
  const asked = new Set();
  return scripts.map((script) => ({
    script,
    steps: script.steps
      .filter((step) => {
        const seen = asked.has(step.id);
        asked.add(step.id);
        return !seen;
      })
      .map((step) => ({ step, key: step.id })),
  }));
}

function scriptSection(script, shownSteps, index) {
  const steps = element('ol', { className: 'call-steps' }, ...shownSteps.map(({ step, key }, position) => scriptStep(step, key, `call-step-${index}-${position}`)));
  const reasons = script.reasons.length ? element('p', { className: 'muted' }, script.reasons.map(reasonText).join(', ')) : null;
  const section = element('section', { className: 'call-script' }, element('h3', {}, script.title), reasons, steps);
  section.dataset.testid = 'call-script';
  section.dataset.scriptId = script.id;
  return section;
}

function scriptStep(step, key, inputId) {
  const item = element('li', { className: `call-step step-${step.kind}` });
  item.dataset.testid = 'call-step';
  item.dataset.stepId = key;
  item.dataset.kind = step.kind;
  if (step.kind === 'check') {
    const group = element('fieldset', {}, element('legend', {}, step.text));
    for (const answer of CHECK_ANSWERS) {
      const radio = element('input', { type: 'radio', name: inputId, value: answer, id: `${inputId}-${answer}` });
      radio.dataset.testid = `call-check-${answer}`;
      group.append(element('label', { htmlFor: radio.id }, radio, ` ${t(`call.check.${answer}`)}`));
    }
    item.append(group);
  } else {
    const input = element('input', { type: 'text', id: inputId, autocomplete: 'off', maxLength: 1000 });
    input.dataset.testid = 'call-answer';
    item.append(element('label', { htmlFor: inputId }, step.text), input);
  }
  return item;
}

function outcomeChoice(outcomes, clinician) {
  const group = element('fieldset', { className: 'call-outcomes' }, element('legend', {}, t('call.outcome')));
  for (const outcome of outcomes) {
    const radio = element('input', { type: 'radio', name: 'call-outcome', value: outcome, id: `call-outcome-${outcome}` });
    radio.dataset.testid = 'call-outcome';
    const name = clinician?.displayName || clinician?.username || '';
    group.append(element('label', { htmlFor: radio.id, className: `outcome-${outcome}` }, radio, ` ${t(`outcome.${outcome}`, { name })}`));
  }
  return group;
}

function noteField() {
  const note = element('textarea', { id: 'call-note', rows: 3, maxLength: NOTE_LIMIT });
  note.dataset.testid = 'call-note';
  return element('div', { className: 'call-note' }, element('label', { htmlFor: note.id }, t('call.note')), note);
}

/**
 * What the board shows of the calls on an alert row: "bij behandelaar" while an escalation waits for the clinician,
 * "terugbellen om 14:05" until the retry time and "opnieuw bellen" once it has passed. Null when none applies.
 */
export function callStatusOf(alert, now = Date.now()) {
  if (alert.escalation && alert.escalation.status === 'pending' && !alert.escalation.emergency) {
    const name = alert.escalation.toName || alert.escalation.to;
    const pending = element('span', { className: 'call-status escalated', title: fullTime(alert.escalation.at) }, t('board.withClinician', { name }));
    pending.dataset.testid = 'alert-escalated';
    return pending;
  }
  if (alert.retryAt) {
    const retry = element('span', { className: 'call-status retry', title: fullTime(alert.retryAt) });
    retry.dataset.testid = 'alert-retry';
    retry.dataset.retryAt = alert.retryAt;
    showRetry(retry, now);
    return retry;
  }
  return null;
}

function showRetry(retry, now) {
  const due = Date.parse(retry.dataset.retryAt) <= now;
  retry.classList.toggle('due', due);
  retry.dataset.due = String(due);
  retry.textContent = due ? t('board.callAgain') : t('board.callBackAt', { time: clockTime(retry.dataset.retryAt) });
}

/** Turns "terugbellen om 14:05" into "opnieuw bellen" once the time has come; called with the age refresh. */
export function refreshRetries(root, now = Date.now()) {
  root.querySelectorAll('[data-testid="alert-retry"]').forEach((retry) => showRetry(retry, now));
}

/** The button on an alert row that opens the call script; onCall gets the alertId (the board holds the newest copy). */
export function callButton(alert, onCall) {
  const button = element('button', { type: 'button', className: 'call' }, t('call.button'));
  button.dataset.testid = 'alert-call';
  button.setAttribute('aria-label', t('call.label', { patient: alert.patientName }));
  button.addEventListener('click', () => onCall(alert.alertId));
  return button;
}
