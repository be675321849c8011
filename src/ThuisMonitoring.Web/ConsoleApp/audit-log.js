// The audit trail (#/audit) for admins and privacy officers: who read or changed which patient's data, when, where
// and why (NEN 7513, GET /api/audit). Filters by patient, user and period; newest first, one page at a time. Admins
// can also have the hash chain checked (GET /api/audit/verify). Reading this page is itself recorded by the host.

import * as api from './api.js';
import { t } from './i18n.js';
import { fullTime } from './format.js';
import { element } from './patient-overview.js';
import { currentSession } from './session.js';

/** Roles that may open the audit trail. */
export const AUDIT_ROLES = ['admin', 'privacy-officer'];

const PAGE_SIZE = 50;
const FIELDS = ['patient', 'user', 'from', 'to'];

/** A datetime-local value (the browser's local time) as an ISO instant; '' stays ''. */
export function instantOf(localValue) {
  if (!localValue) return '';
  const parsed = new Date(localValue);
  return Number.isNaN(parsed.getTime()) ? '' : parsed.toISOString();
}

/** A code of the audit vocabulary in words (audit.resource.timeline, ...); an unknown code is shown as it is. */
function word(kind, code) {
  const key = `audit.${kind}.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

export class AuditLog {
  #root;
  #onError;
  #filters = { patient: '', user: '', from: '', to: '' };
  #page = 1;
  #result = null;
  #state = 'idle'; // idle | loading | loaded | failed
  #loading = 0;
  #verification = null; // null | 'busy' | 'failed' | {intact, records, firstBrokenId, reason}

  /** onError(error) gets API failures; it answers true when the console signed out because of it. */
  constructor({ root, onError }) {
    this.#root = root;
    this.#onError = onError;
  }

  /** Reads one page with the current filters. */
  async load(page = 1) {
    const loading = ++this.#loading;
    this.#page = page;
    this.#state = 'loading';
    this.render();
    try {
      const result = await api.audit({
        patient: this.#filters.patient.trim(),
        user: this.#filters.user.trim(),
        from: instantOf(this.#filters.from),
        to: instantOf(this.#filters.to),
        page,
        pageSize: PAGE_SIZE,
      });
      if (loading !== this.#loading) return;
      this.#result = result;
      this.#state = 'loaded';
    } catch (error) {
      if (loading !== this.#loading) return;
      if (this.#onError(error)) return;
      this.#state = 'failed';
    }
    this.render();
  }

  async verify() {
    this.#verification = 'busy';
    this.render();
    try {
      this.#verification = await api.verifyAudit();
    } catch (error) {
      if (this.#onError(error)) return;
      this.#verification = 'failed';
    }
    this.render();
  }

  clear() {
    this.#loading++;
    this.#state = 'idle';
    this.#result = null;
    this.#verification = null;
    this.#filters = { patient: '', user: '', from: '', to: '' };
    this.#root.replaceChildren();
  }

  /** Draws the page; also after a language change. */
  render() {
    if (this.#state === 'idle') return;
    const parts = [
      element('div', { className: 'section-head' }, element('h2', { id: 'audit-heading' }, t('audit.heading')), this.#verifyTool()),
      element('p', { className: 'muted' }, t('audit.intro')),
      this.#form(),
    ];
    if (this.#state === 'failed') {
      const notice = element('p', { className: 'notice' }, t('audit.loadFailed'));
      notice.dataset.testid = 'audit-notice';
      notice.setAttribute('role', 'alert');
      parts.push(notice);
    }
    const records = this.#result?.records ?? [];
    parts.push(this.#table(records));
    if (this.#state === 'loaded' && records.length === 0) {
      const empty = element('p', { className: 'empty' }, t('audit.empty'));
      empty.dataset.testid = 'audit-empty';
      parts.push(empty);
    }
    parts.push(this.#pager());
    const focused = this.#root.contains(document.activeElement) ? document.activeElement.dataset.testid : null;
    this.#root.replaceChildren(...parts);
    if (focused) this.#root.querySelector(`[data-testid="${CSS.escape(focused)}"]`)?.focus();
  }

  #form() {
    const form = element('form', { className: 'audit-filters' });
    form.dataset.testid = 'audit-filters';
    for (const field of FIELDS) {
      const id = `audit-filter-${field}`;
      const input = element('input', {
        id,
        name: field,
        type: field === 'from' || field === 'to' ? 'datetime-local' : 'text',
        value: this.#filters[field],
        autocomplete: 'off',
        spellcheck: false,
      });
      input.dataset.testid = id;
      input.addEventListener('input', () => {
        this.#filters[field] = input.value;
      });
      form.append(element('div', { className: 'audit-field' }, element('label', { htmlFor: id }, t(`audit.filter.${field}`)), input));
    }
    const search = element('button', { type: 'submit', className: 'primary' }, t('audit.search'));
    search.dataset.testid = 'audit-search';
    form.append(search);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.load(1);
    });
    return form;
  }

  #table(records) {
    const columns = ['at', 'actor', 'role', 'organisation', 'patient', 'resource', 'action', 'channel', 'purpose'];
    const head = element('thead', {}, element('tr', {}, ...columns.map((c) => element('th', { scope: 'col' }, t(`audit.column.${c}`)))));
    const body = element('tbody', {}, ...records.map((record) => {
      const row = element(
        'tr',
        {},
        element('td', {}, element('time', { dateTime: record.at }, fullTime(record.at))),
        element('td', {}, record.actor),
        element('td', {}, word('role', record.role)),
        element('td', {}, record.organisation ?? '—'),
        element('td', {}, this.#patientCell(record.patientId)),
        element('td', {}, word('resource', record.resource)),
        element('td', {}, word('action', record.action)),
        element('td', {}, word('channel', record.channel)),
        element('td', {}, word('purpose', record.purpose)),
      );
      row.dataset.testid = 'audit-record';
      row.dataset.recordId = String(record.id);
      row.dataset.patientId = record.patientId ?? '';
      row.dataset.actor = record.actor;
      row.dataset.resource = record.resource;
      row.title = `#${record.id} · ${record.hash}`;
      return row;
    }));
    body.dataset.testid = 'audit-records';
    return element('table', { className: 'audit-table' }, element('caption', { className: 'visually-hidden' }, t('audit.caption')), head, body);
  }

  /** Admins may open the patient; a privacy officer sees the id only (they read no patient data). */
  #patientCell(patientId) {
    if (!patientId) return '—';
    return currentSession()?.role === 'admin'
      ? element('a', { href: `#/patients/${encodeURIComponent(patientId)}` }, patientId)
      : patientId;
  }

  #pager() {
    const newer = element('button', { type: 'button', disabled: this.#page <= 1 || this.#state === 'loading' }, t('audit.newer'));
    newer.dataset.testid = 'audit-newer';
    newer.addEventListener('click', () => this.load(this.#page - 1));
    const older = element('button', { type: 'button', disabled: !this.#result?.hasMore || this.#state === 'loading' }, t('audit.older'));
    older.dataset.testid = 'audit-older';
    older.addEventListener('click', () => this.load(this.#page + 1));
    const page = element('span', { className: 'muted' }, t('audit.page', { n: this.#page }));
    page.dataset.testid = 'audit-page';
    return element('div', { className: 'audit-pager' }, newer, page, older);
  }

  /** Admins only (the API refuses the chain check to privacy officers). */
  #verifyTool() {
    if (currentSession()?.role !== 'admin') return null;
    const button = element('button', { type: 'button', disabled: this.#verification === 'busy' }, t('audit.verify'));
    button.dataset.testid = 'audit-verify';
    button.addEventListener('click', () => this.verify());
    const status = element('span', { className: 'audit-chain' });
    status.dataset.testid = 'audit-chain';
    status.setAttribute('role', 'status');
    const v = this.#verification;
    if (v === 'busy') status.textContent = t('audit.verifyBusy');
    else if (v === 'failed') status.textContent = t('audit.verifyFailed');
    else if (v?.intact) {
      status.textContent = t('audit.chainIntact', { n: v.records });
      status.dataset.state = 'intact';
    } else if (v) {
      status.textContent = t('audit.chainBroken', { id: v.firstBrokenId, reason: v.reason });
      status.dataset.state = 'broken';
    }
    return element('span', { className: 'audit-verify' }, button, status);
  }
}
