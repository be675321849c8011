// The alert table. Rows are keyed by alertId and updated in place, so a row a nurse is looking at (or has
// focused) does not flicker or jump when another alert changes.

import { t, reasonText } from './i18n.js';
import { age, clockTime, fullTime, findingValue } from './format.js';

export class AlertListView {
  #body;
  #empty;
  #onAcknowledge;
  #rows = new Map(); // alertId -> { row, signature }

  /** onAcknowledge(alertId, button) is called when a nurse presses Bevestigen. */
  constructor({ body, empty, onAcknowledge }) {
    this.#body = body;
    this.#empty = empty;
    this.#onAcknowledge = onAcknowledge;
  }

  /** Shows exactly the given alerts in the given order. */
  render(alerts) {
    const wanted = new Set(alerts.map((alert) => alert.alertId));
    for (const [alertId, { row }] of this.#rows) {
      if (!wanted.has(alertId)) {
        row.remove();
        this.#rows.delete(alertId);
      }
    }

    alerts.forEach((alert, index) => {
      const row = this.#rowFor(alert);
      // Only move a row that is out of place: moving a node takes focus away from the button inside it.
      if (this.#body.children[index] !== row) this.#body.insertBefore(row, this.#body.children[index] ?? null);
    });
    this.#empty.hidden = alerts.length > 0;
  }

  /** Redraws every row, after the language changed. */
  redrawAll(alerts) {
    for (const entry of this.#rows.values()) entry.signature = null;
    this.render(alerts);
  }

  /** Advances the "3 min geleden" texts; called every half minute. */
  refreshAges() {
    const now = Date.now();
    this.#body.querySelectorAll('time[data-age]').forEach((element) => {
      element.textContent = age(element.dateTime, now);
    });
  }

  #rowFor(alert) {
    const signature = `${alert.updatedAt}|${alert.status}|${alert.level}|${alert.count}`;
    let entry = this.#rows.get(alert.alertId);
    if (!entry) {
      const row = document.createElement('tr');
      row.dataset.testid = 'alert-row';
      row.dataset.alertId = alert.alertId;
      row.tabIndex = -1;
      entry = { row, signature: null };
      this.#rows.set(alert.alertId, entry);
    }
    if (entry.signature !== signature) {
      const hadFocus = entry.row.contains(document.activeElement);
      this.#fill(entry.row, alert);
      entry.signature = signature;
      if (hadFocus) entry.row.focus();
    }
    return entry.row;
  }

  #fill(row, alert) {
    row.dataset.status = alert.status;
    row.dataset.level = alert.level;
    row.className = `alert level-${alert.level} status-${alert.status}`;
    row.replaceChildren(
      cell('td', levelBadge(alert.level)),
      patientCell(alert),
      cell('td', list('reasons', alert.reasons.map(reasonText))),
      cell('td', findingList(alert.findings ?? [])),
      cell('td', ageOf(alert)),
      cell('td', countOf(alert.count)),
      cell('td', statusOf(alert)),
      cell('td', alert.status === 'open' ? this.#acknowledgeButton(alert) : ''),
    );
  }

  #acknowledgeButton(alert) {
    const button = element('button', { type: 'button', className: 'acknowledge' }, t('ack.button'));
    button.dataset.testid = 'alert-ack';
    button.setAttribute('aria-label', t('ack.label', { patient: alert.patientName }));
    button.addEventListener('click', () => this.#onAcknowledge(alert.alertId, button));
    return button;
  }
}

function element(tag, properties = {}, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function cell(tag, ...children) {
  return element(tag, {}, ...children);
}

function list(className, texts) {
  return element('ul', { className }, ...texts.map((text) => element('li', {}, text)));
}

/** Colour and shape and word, so the level does not depend on seeing colour. */
function levelBadge(level) {
  const urgent = level === 'urgent';
  return element(
    'span',
    { className: `level-badge level-${level}` },
    decoration(urgent ? '▲' : '●'),
    t(urgent ? 'level.urgent' : 'level.warning'),
  );
}

function decoration(symbol) {
  const icon = element('span', { className: 'level-icon' }, symbol);
  icon.setAttribute('aria-hidden', 'true');
  return icon;
}

/** The name opens the patient's detail (trends) in the console. */
function patientCell(alert) {
  const link = element('a', { href: `#/patients/${encodeURIComponent(alert.patientId)}` }, alert.patientName || alert.patientId);
  link.dataset.testid = 'alert-patient';
  return element('th', { scope: 'row', className: 'patient' }, link);
}

function findingList(findings) {
  const items = findings
    .map((finding) => ({ finding, text: findingValue(finding) }))
    .filter(({ text }) => text !== null)
    .map(({ finding, text }) => element('li', { className: `finding-${finding.level}` }, text));
  return element('ul', { className: 'values' }, ...items);
}

function ageOf(alert) {
  const time = element('time', { dateTime: alert.raisedAt, title: fullTime(alert.raisedAt) }, age(alert.raisedAt));
  time.dataset.age = '';
  return element('div', { className: 'age' }, time, element('span', { className: 'clock' }, clockTime(alert.raisedAt)));
}

function countOf(count) {
  const text = element('span', { title: t('count.label', { n: count }) }, t('count.times', { n: count }));
  text.setAttribute('aria-label', t('count.label', { n: count }));
  return text;
}

function statusOf(alert) {
  const status = element('div', { className: `status status-${alert.status}` }, t(`status.${alert.status}`));
  if (alert.status === 'acknowledged' && alert.acknowledgedAt) {
    status.append(
      element(
        'span',
        { className: 'by' },
        t('status.acknowledgedBy', { name: alert.acknowledgedBy ?? '', time: clockTime(alert.acknowledgedAt) }),
      ),
    );
  }
  return status;
}
