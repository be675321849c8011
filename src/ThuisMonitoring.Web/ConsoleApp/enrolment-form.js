// Enrolment in the console (#/enrol), per pathway: who the patient is (name, birth date, BSN, phone, address), the
// responsible clinician, the oxygen prescription (flow at rest, maximum home flow), the concentrator and meter handed
// out, the protocol (the organisation's), consent, and the ward values with the eligibility result shown before
// confirming (it warns, never blocks). Then the device: a meter by serial, or the patient app (pairing code and link).

import * as api from './api.js';
import * as clinic from './clinician-api.js';
import { t } from './i18n.js';
import { element } from './patient-overview.js';
import { currentSession } from './session.js';
import { showPairing } from './pairing-sheet.js';

const PATHWAYS = ['early-discharge', 'emergency-department', 'general-practice'];

export class EnrolmentForm {
  #root;
  #onError;
  #fields = {};

  constructor({ root, onError }) {
    this.#root = root;
    this.#onError = onError;
  }

  async show() {
    let clinicians = [];
    try {
      clinicians = await api.users('clinician');
    } catch (error) {
      if (this.#onError(error)) return;
    }
    const me = currentSession();
    const f = this.#fields;
    const field = (name, label, input) => {
      input.id = `enrol-${name}`;
      input.name = name;
      input.dataset.testid = `enrol-${name}`;
      f[name] = input;
      return element('div', { className: 'form-field' }, element('label', { htmlFor: input.id }, label), input);
    };
    const options = (values) => values.map(([value, label]) => element('option', { value }, label));
    const form = element(
      'form',
      { className: 'enrolment-form' },
      element('h2', { id: 'enrol-heading' }, t('enrol.heading')),
      element('fieldset', {}, element('legend', {}, t('enrol.patient')),
        field('pathway', t('enrol.pathway'), element('select', {}, ...options(PATHWAYS.map((p) => [p, t(`pathway.${p}`)])))),
        field('name', t('enrol.name'), element('input', { required: true, autocomplete: 'off' })),
        field('birthDate', t('enrol.birthDate'), element('input', { type: 'date', required: true })),
        field('bsn', t('enrol.bsn'), element('input', { inputMode: 'numeric', autocomplete: 'off' })),
        field('phone', t('enrol.phone'), element('input', { type: 'tel' })),
        field('address', t('enrol.address'), element('input', {}))),
      element('fieldset', {}, element('legend', {}, t('enrol.care')),
        field('responsibleClinician', t('enrol.clinician'), element('select', { required: true },
          ...options(clinicians.map((c) => [c.username, c.displayName ?? c.username])))),
        field('oxygenFlow', t('enrol.oxygenFlow'), element('input', { type: 'number', min: '0', max: '15', step: '0.5', required: true, value: '2' })),
        field('maxHomeOxygenFlow', t('enrol.maxHomeOxygenFlow'), element('input', { type: 'number', min: '0.5', max: '15', step: '0.5' })),
        field('concentratorSerial', t('enrol.concentrator'), element('input', { autocomplete: 'off' })),
        field('meterSerial', t('enrol.meter'), element('input', { autocomplete: 'off' })),
        element('p', { className: 'muted' }, t('enrol.protocol'))),
      element('fieldset', {}, element('legend', {}, t('enrol.wardValues')),
        field('spo2', t('enrol.spo2'), element('input', { type: 'number', min: '50', max: '100' })),
        field('respiratoryRate', t('enrol.respiratoryRate'), element('input', { type: 'number', min: '4', max: '60' })),
        field('heartRate', t('enrol.heartRate'), element('input', { type: 'number', min: '20', max: '250' })),
        field('clinicallyImproving', t('enrol.improving'), element('input', { type: 'checkbox' }))),
      element('fieldset', {}, element('legend', {}, t('enrol.consent')),
        element('p', {}, t('enrol.consentText')),
        field('consent', t('enrol.consentGiven'), element('input', { type: 'checkbox', required: true }))),
      element('fieldset', {}, element('legend', {}, t('enrol.device')),
        field('deviceKind', t('enrol.deviceKind'), element('select', {}, ...options([['oximeter', t('enrol.oximeter')], ['patient-app', t('enrol.patientApp')]]))),
        field('deviceId', t('enrol.deviceId'), element('input', { autocomplete: 'off' }))),
    );
    if (me?.role === 'clinician') f.responsibleClinician.value = me.username;
    const eligibility = element('div', { className: 'eligibility', hidden: true });
    eligibility.dataset.testid = 'enrol-eligibility';
    const error = element('p', { className: 'form-error', hidden: true });
    error.dataset.testid = 'enrol-error';
    error.setAttribute('role', 'alert');
    const check = element('button', { type: 'submit' }, t('enrol.check'));
    check.dataset.testid = 'enrol-check';
    const confirm = element('button', { type: 'button', hidden: true }, t('enrol.confirm'));
    confirm.dataset.testid = 'enrol-confirm';
    const result = element('div', { className: 'enrol-result', hidden: true });
    result.dataset.testid = 'enrol-result';
    form.append(error, eligibility, element('div', { className: 'dialog-buttons' }, check, confirm));
    // Step 1: check (eligibility shown, nothing stored); step 2: confirm (enrol, then bind the device).
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      try {
        const answer = await clinic.checkEligibility(this.#eligibilityBody());
        this.#showEligibility(eligibility, answer);
        confirm.hidden = false;
      } catch (failure) {
        if (this.#onError(failure)) return;
        error.textContent = failure.message;
        error.hidden = false;
      }
    });
    confirm.addEventListener('click', async () => {
      error.hidden = true;
      confirm.disabled = true;
      try {
        const created = await clinic.enrol(this.#enrolmentBody());
        const deviceId = f.deviceId.value.trim() || (f.deviceKind.value === 'oximeter' ? f.meterSerial.value.trim() : `app-${created.patientId.slice(0, 12)}`);
        const device = deviceId ? await clinic.bindDevice(created.patientId, deviceId, f.deviceKind.value) : null;
        this.#showResult(result, created, device, f.name.value.trim());
        form.hidden = true;
      } catch (failure) {
        if (this.#onError(failure)) return;
        error.textContent = failure.message;
        error.hidden = false;
        confirm.disabled = false;
      }
    });
    this.#root.replaceChildren(form, result);
  }

  clear() {
    this.#fields = {};
    this.#root.replaceChildren();
  }

  #number(name) {
    const value = this.#fields[name].value;
    return value === '' ? undefined : Number(value);
  }

  #wardValues() {
    const value = { measuredAt: new Date().toISOString(), spo2: this.#number('spo2'), respiratoryRate: this.#number('respiratoryRate'), heartRate: this.#number('heartRate'), oxygenFlow: this.#number('oxygenFlow') };
    return value.spo2 === undefined && value.respiratoryRate === undefined && value.heartRate === undefined ? [] : [value];
  }

  #eligibilityBody() {
    const f = this.#fields;
    return {
      pathway: f.pathway.value,
      oxygenFlow: this.#number('oxygenFlow'),
      responsibleClinician: f.responsibleClinician.value,
      wardValues: this.#wardValues(),
      clinicallyImproving: f.clinicallyImproving.checked || undefined,
    };
  }

  #enrolmentBody() {
    const f = this.#fields;
    const text = (name) => f[name].value.trim() || undefined;
    const max = this.#number('maxHomeOxygenFlow');
    return {
      ...this.#eligibilityBody(),
      name: text('name'),
      birthDate: f.birthDate.value,
      bsn: text('bsn'),
      phone: text('phone'),
      address: text('address'),
      concentratorSerial: text('concentratorSerial'),
      meterSerial: text('meterSerial'),
      thresholds: max === undefined ? undefined : { maxHomeOxygenFlow: max },
      consent: { scope: 'telemonitoring' },
    };
  }

  #showEligibility(container, answer) {
    container.hidden = false;
    container.dataset.eligible = String(answer.eligible);
    const unmet = answer.criteria.filter((c) => c.met !== true);
    container.replaceChildren(
      element('strong', {}, t(answer.eligible ? 'enrol.eligible' : 'enrol.notEligible')),
      element('ul', {}, ...unmet.map((c) => element('li', {}, `${c.code}: ${c.detail}`))),
      element('p', { className: 'muted' }, t('enrol.neverBlocks')),
    );
  }

  #showResult(container, created, device, patientName) {
    container.hidden = false;
    const parts = [element('h3', {}, t('enrol.done')), element('a', { href: `#/patients/${encodeURIComponent(created.patientId)}` }, t('enrol.open'))];
    if (device) {
      const secret = element('code', {}, device.secret);
      secret.dataset.testid = 'enrol-secret';
      parts.push(element('p', {}, t('enrol.deviceBound', { id: device.deviceId }), ' ', secret));
    }
    // The patient app pairs with a code (CONTRACT section 6): the QR code, the code to type and the printable sheet.
    const pairing = device?.pairingCode ? element('div', { className: 'pairing' }) : null;
    if (pairing) {
      pairing.dataset.testid = 'enrol-pairing';
      parts.push(pairing);
    }
    container.dataset.patientId = created.patientId;
    container.replaceChildren(...parts);
    if (pairing) showPairing(pairing, { ...device, patientName });
  }
}
