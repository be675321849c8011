// The clinician's decisions on the patient detail (issue 11 item 3): change the oxygen prescription, the patient's own
// thresholds with a reason (shown as a difference from the organisation's protocol), accept or reject advice (weaning,
// end of monitoring, reviews), start or stop weaning, readmit, end monitoring, hand responsibility over, and the
// discharge summary. Each is confirmed in a dialog; the grain applies it at once and the timeline records it.

import * as api from './api.js';
import * as clinic from './clinician-api.js';
import { t } from './i18n.js';
import { element, formatFlow } from './patient-overview.js';
import { currentSession } from './session.js';
import { confirmDecision } from './decision-dialog.js';
import { HANDOVER_ADVICE, askHandover } from './care-handover.js';

/** Who decides: the responsible clinician and admins (the API refuses nurses with 403). */
export function decides(session = currentSession()) {
  return session?.role === 'clinician' || session?.role === 'admin';
}

export class ClinicianDecisions {
  #onChanged;

  /** onChanged() reloads the patient after a decision. */
  constructor({ onChanged }) {
    this.#onChanged = onChanged;
  }

  /** The decisions section for a patient (PatientDto); null for someone who does not decide. */
  render(patient) {
    const active = patient.state === 'monitoring' || patient.state === 'weaning';
    const section = element('section', { className: 'decisions' });
    section.dataset.testid = 'decisions';
    const buttons = element('div', { className: 'decision-buttons' });
    const add = (id, label, action, enabled = true) => {
      const button = element('button', { type: 'button', disabled: !enabled }, label);
      button.dataset.testid = `decide-${id}`;
      button.addEventListener('click', () => action().then((done) => done && this.#onChanged()).catch(() => {}));
      buttons.append(button);
    };
    const summary = element('a', { href: `#/summary/${encodeURIComponent(patient.patientId)}`, className: 'button-link' }, t('decision.summary'));
    summary.dataset.testid = 'decide-summary';
    if (decides()) {
      add('oxygen', t('decision.oxygen'), () => this.#oxygen(patient), active);
      add('thresholds', t('decision.thresholds'), () => this.#thresholds(patient), active);
      if (patient.state === 'monitoring') add('weaning', t('decision.startWeaning'), () => this.#state(patient, 'weaning'));
      if (patient.state === 'weaning') add('monitoring', t('decision.stopWeaning'), () => this.#state(patient, 'monitoring'));
      add('readmit', t('decision.readmit'), () => this.#state(patient, 'readmitted'), patient.state !== 'readmitted');
      add('end', t('decision.end'), () => this.#state(patient, 'ended'), active);
      if (currentSession()?.username === patient.responsibleClinician) {
        add('handover', t('decision.handover'), () => askHandover(patient), active);
      }
    }
    buttons.append(summary);
    const differences = element('div', { className: 'threshold-differences' });
    differences.dataset.testid = 'threshold-differences';
    this.#loadDifferences(patient.patientId, differences);
    section.append(element('h3', {}, t('decision.heading')), buttons, differences, this.#advice(patient));
    return section;
  }

  #advice(patient) {
    const open = patient.advice ?? [];
    const list = element('ul', { className: 'advice-list' }, ...open.map((advice) => {
      const item = element(
        'li',
        { className: 'advice' },
        element('strong', {}, t(`advice.${advice.kind}`)),
        advice.proposedFlow !== null && advice.proposedFlow !== undefined ? ` → ${t('patients.flow', { flow: formatFlow(advice.proposedFlow) })}` : null,
        element('p', {}, advice.summary),
      );
      item.dataset.testid = 'advice';
      item.dataset.kind = advice.kind;
      if (decides()) {
        const accept = element('button', { type: 'button' }, t('advice.accept'));
        accept.dataset.testid = 'advice-accept';
        accept.addEventListener('click', () => this.#decide(patient, advice, true).then((done) => done && this.#onChanged()));
        const reject = element('button', { type: 'button' }, t('advice.reject'));
        reject.dataset.testid = 'advice-reject';
        reject.addEventListener('click', () => this.#decide(patient, advice, false).then((done) => done && this.#onChanged()));
        item.append(accept, reject);
        if (advice.kind === HANDOVER_ADVICE && currentSession()?.username === patient.responsibleClinician) {
          const handover = element('button', { type: 'button' }, t('decision.handover'));
          handover.dataset.testid = 'advice-handover';
          handover.addEventListener('click', () => askHandover(patient).then((done) => done && this.#onChanged()));
          item.append(handover);
        }
      }
      return item;
    }));
    list.dataset.testid = 'advice-list';
    return open.length === 0 ? element('p', { className: 'muted' }, t('advice.none')) : list;
  }

  #oxygen(patient) {
    return confirmDecision({
      id: 'oxygen',
      title: t('decision.oxygenTitle'),
      text: t('decision.oxygenText', { flow: t('patients.flow', { flow: formatFlow(patient.oxygenFlow) }) }),
      fields: [{ name: 'flow', label: t('decision.flow'), type: 'number', min: 0, max: 15, step: 0.5, value: patient.oxygenFlow, required: true }],
      onConfirm: ({ flow }) => clinic.changeOxygen(patient.patientId, flow),
    });
  }

  #state(patient, state) {
    return confirmDecision({
      id: `state-${state}`,
      title: t(`decision.state.${state}`),
      text: state === 'ended' || state === 'readmitted' ? t('decision.endText') : null,
      fields: [{ name: 'reason', label: t('decision.reason'), type: 'textarea', required: true }],
      onConfirm: ({ reason }) => clinic.changeState(patient.patientId, state, reason),
    });
  }

  async #thresholds(patient) {
    const protocol = await api.request(`api/patients/${encodeURIComponent(patient.patientId)}/protocol`);
    const document = protocol.document ?? protocol.protocol ?? protocol;
    return confirmDecision({
      id: 'thresholds',
      title: t('decision.thresholdsTitle'),
      text: t('decision.thresholdsText'),
      fields: [
        { name: 'maxHomeOxygenFlow', label: t('decision.maxHomeOxygenFlow'), type: 'number', min: 0.5, max: 15, step: 0.5, value: document?.escalation?.maxHomeOxygenFlow, required: true },
        { name: 'spo2AtLeast', label: t('decision.weaningSpo2'), type: 'number', min: 85, max: 100, step: 1, value: document?.weaning?.spo2AtLeast, required: true },
        { name: 'reason', label: t('decision.reason'), type: 'textarea', required: true },
      ],
      onConfirm: ({ maxHomeOxygenFlow, spo2AtLeast, reason }) => clinic.changeThresholds(patient.patientId,
        { escalation: { maxHomeOxygenFlow }, weaning: { spo2AtLeast } }, reason),
    });
  }

  #decide(patient, advice, accept) {
    const lowering = accept && advice.kind === 'lower-oxygen-flow' && advice.proposedFlow !== null && advice.proposedFlow !== undefined;
    const ending = accept && advice.kind === 'end-monitoring';
    return confirmDecision({
      id: `advice-${accept ? 'accept' : 'reject'}`,
      title: t(accept ? 'advice.acceptTitle' : 'advice.rejectTitle', { kind: t(`advice.${advice.kind}`) }),
      text: lowering ? t('advice.lowerText', { flow: t('patients.flow', { flow: formatFlow(advice.proposedFlow) }) }) : ending ? t('advice.endText') : advice.summary,
      fields: [{ name: 'note', label: t(ending ? 'decision.reason' : 'advice.note'), type: 'textarea', required: ending }],
      onConfirm: async ({ note }) => {
        const decided = await clinic.decideAdvice(patient.patientId, advice.id, accept, note);
        // Advice is never applied by itself: accepting it here also carries it out, as the dialog said.
        if (lowering) await clinic.changeOxygen(patient.patientId, advice.proposedFlow);
        if (ending) await clinic.changeState(patient.patientId, 'ended', note);
        return decided;
      },
    });
  }

  async #loadDifferences(patientId, container) {
    try {
      const answer = await clinic.thresholds(patientId);
      if (answer.differences.length === 0) {
        container.append(element('p', { className: 'muted' }, t('decision.noDifferences', { protocol: answer.organisationProtocolId })));
        return;
      }
      container.append(
        element('p', {}, t('decision.differences', { protocol: answer.organisationProtocolId })),
        element('ul', {}, ...answer.differences.map((d) => {
          const item = element('li', {}, element('code', {}, d.field), `: ${JSON.stringify(d.organisation)} → `, element('strong', {}, JSON.stringify(d.patient)));
          item.dataset.testid = 'threshold-difference';
          item.dataset.field = d.field;
          return item;
        })),
      );
    } catch {
      container.append(element('p', { className: 'muted' }, t('decision.differencesFailed')));
    }
  }
}
