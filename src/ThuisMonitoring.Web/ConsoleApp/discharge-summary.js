// The printable discharge summary for the GP (#/summary/{patientId}): who, the episode, the oxygen course, the last
// 48 h of trends, alerts and outcomes, open advice and notes. Print (Ctrl+P) leaves out the console around it.

import * as clinic from './clinician-api.js';
import { t } from './i18n.js';
import { element } from './patient-overview.js';
import { summaryView } from './care-handover.js';
import { fullTime } from './format.js';

export class DischargeSummaryPage {
  #root;
  #onError;

  constructor({ root, onError }) {
    this.#root = root;
    this.#onError = onError;
  }

  async show(patientId) {
    this.#root.replaceChildren(element('p', { className: 'muted' }, t('summary.loading')));
    try {
      const summary = await clinic.dischargeSummary(patientId);
      const print = element('button', { type: 'button', className: 'no-print' }, t('summary.print'));
      print.dataset.testid = 'summary-print';
      print.addEventListener('click', () => window.print());
      const back = element('a', { href: `#/patients/${encodeURIComponent(patientId)}`, className: 'back no-print' }, t('summary.back'));
      const identity = element(
        'dl',
        { className: 'summary-identity' },
        element('dt', {}, t('summary.birthDate')), element('dd', {}, summary.birthDate),
        element('dt', {}, t('summary.bsn')), element('dd', {}, summary.identifier ?? '—'),
        element('dt', {}, t('summary.address')), element('dd', {}, summary.address ?? '—'),
        element('dt', {}, t('summary.phone')), element('dd', {}, summary.phone ?? '—'),
        element('dt', {}, t('summary.clinician')), element('dd', {}, summary.responsibleClinicianName ?? summary.responsibleClinician),
        element('dt', {}, t('summary.period')),
        element('dd', {}, `${fullTime(summary.episode.enrolledAt)} – ${summary.episode.endedAt ? fullTime(summary.episode.endedAt) : t('summary.ongoing')}`),
      );
      const transitions = element('ul', {}, ...summary.episode.transitions.map((tr) => element('li', {}, `${fullTime(tr.at)} ${tr.from} → ${tr.to} (${tr.by}): ${tr.reason}`)));
      const page = element(
        'article',
        { className: 'discharge-summary' },
        element('div', { className: 'detail-tools no-print' }, back, print),
        element('h2', {}, t('summary.heading', { name: summary.name })),
        identity,
        summaryView(summary),
        element('h4', {}, t('summary.transitions')),
        transitions,
        element('p', { className: 'muted' }, t('summary.generated', { at: fullTime(summary.generatedAt) })),
      );
      page.dataset.testid = 'discharge-summary';
      page.dataset.state = summary.episode.state;
      this.#root.replaceChildren(page);
    } catch (error) {
      if (this.#onError(error)) return;
      this.#root.replaceChildren(element('p', { className: 'notice' }, t('summary.loadFailed')));
    }
  }

  clear() {
    this.#root.replaceChildren();
  }
}
