// The admin's page of the region (#/admin): organisations (hospital, general practice, monitoring centre) and which
// organisations each centre serves (CONTRACT section 7), and the users: create, disable or enable, reset a password.
// Who may see which patient follows from this page: see docs/roles.md.

import * as api from './api.js';
import { t } from './i18n.js';
import { element } from './patient-overview.js';

const KINDS = ['hospital', 'general-practice', 'monitoring-centre', 'district-nursing'];
const ROLES = ['nurse', 'clinician', 'admin', 'privacy-officer', 'team-coordinator'];

/** A labelled form field; the input gets id and data-testid `admin-{name}`. */
function field(name, input) {
  input.id = `admin-${name}`;
  input.name = name;
  input.dataset.testid = `admin-${name}`;
  return element('div', { className: 'admin-field' }, element('label', { htmlFor: input.id }, t(`admin.field.${name}`)), input);
}

function options(select, values, label, selected = '') {
  select.replaceChildren(...values.map((value) => element('option', { value, selected: value === selected }, label(value))));
  return select;
}

function button(text, testid, onClick, className = '') {
  const node = element('button', { type: 'button', className }, text);
  node.dataset.testid = testid;
  node.addEventListener('click', onClick);
  return node;
}

export class RegionAdmin {
  #root;
  #onError;
  #state = 'idle'; // idle | loading | loaded | failed
  #organisations = [];
  #users = [];
  #message = null; // {key, params, error}
  #loading = 0;

  /** onError(error) gets API failures; it answers true when the console signed out because of it. */
  constructor({ root, onError }) {
    this.#root = root;
    this.#onError = onError;
  }

  async load() {
    const loading = ++this.#loading;
    this.#state = 'loading';
    try {
      const [organisations, users] = await Promise.all([api.organisations(), api.accounts()]);
      if (loading !== this.#loading) return;
      this.#organisations = organisations;
      this.#users = users;
      this.#state = 'loaded';
    } catch (error) {
      if (loading !== this.#loading || this.#onError(error)) return;
      this.#state = 'failed';
    }
    this.render();
  }

  clear() {
    this.#loading++;
    this.#state = 'idle';
    this.#organisations = [];
    this.#users = [];
    this.#message = null;
    this.#root.replaceChildren();
  }

  /** Draws the page; also after a language change. */
  render() {
    if (this.#state === 'idle') return;
    const parts = [element('h2', { id: 'admin-heading' }, t('admin.heading')), element('p', { className: 'muted' }, t('admin.intro'))];
    if (this.#message) {
      const notice = element('p', { className: this.#message.error ? 'notice' : 'admin-done' }, t(this.#message.key, this.#message.params));
      notice.dataset.testid = 'admin-message';
      notice.setAttribute('role', this.#message.error ? 'alert' : 'status');
      parts.push(notice);
    }
    if (this.#state === 'failed') {
      const notice = element('p', { className: 'notice' }, t('admin.loadFailed'));
      notice.dataset.testid = 'admin-notice';
      parts.push(notice);
    }
    parts.push(this.#organisationSection(), this.#userSection());
    this.#root.replaceChildren(...parts);
  }

  /** Runs a change, shows its outcome and reads the page again. */
  async #change(action, doneKey, params) {
    try {
      await action();
      this.#message = { key: doneKey, params, error: false };
    } catch (error) {
      if (this.#onError(error)) return;
      this.#message = { key: 'admin.failed', params: { detail: error.message }, error: true };
    }
    await this.load();
  }

  #organisationSection() {
    const head = element('thead', {}, element('tr', {}, ...['id', 'name', 'kind', 'shares', 'clients']
      .map((c) => element('th', { scope: 'col' }, t(`admin.org.column.${c}`)))));
    const body = element('tbody', {}, ...this.#organisations.map((organisation) => this.#organisationRow(organisation)));
    body.dataset.testid = 'admin-organisations';
    return element('section', { className: 'admin-section' },
      element('h3', {}, t('admin.organisations')),
      element('table', { className: 'admin-table' }, head, body),
      this.#organisationForm(),
      this.#clientForm());
  }

  #organisationRow(organisation) {
    const clients = element('td', {}, ...organisation.clients.map((client) => element('span', { className: 'admin-client' },
      client,
      button(t('admin.removeClient'), `admin-remove-client-${client}`,
        () => this.#change(() => api.removeClient(organisation.id, client), 'admin.clientRemoved', { centre: organisation.id, client }),
        'link'))));
    const row = element('tr', {},
      element('td', {}, organisation.id),
      element('td', {}, organisation.name),
      element('td', {}, t(`admin.kind.${organisation.kind}`)),
      element('td', {}, t(organisation.sharePatientsWithinOrganisation ? 'admin.yes' : 'admin.no')),
      clients);
    row.dataset.testid = 'admin-org-row';
    row.dataset.organisation = organisation.id;
    return row;
  }

  #organisationForm() {
    const id = element('input', { required: true, maxLength: 64, autocomplete: 'off', spellcheck: false });
    const name = element('input', { required: true, maxLength: 200, autocomplete: 'off' });
    const kind = options(element('select'), KINDS, (k) => t(`admin.kind.${k}`));
    const share = element('input', { type: 'checkbox' });
    const submit = element('button', { type: 'submit', className: 'primary' }, t('admin.createOrganisation'));
    submit.dataset.testid = 'admin-create-organisation';
    const form = element('form', { className: 'admin-form' },
      field('org-id', id), field('org-name', name), field('org-kind', kind), field('org-share', share), submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const organisation = { id: id.value.trim(), name: name.value.trim(), kind: kind.value, sharePatientsWithinOrganisation: share.checked };
      this.#change(() => api.createOrganisation(organisation), 'admin.organisationCreated', { id: organisation.id });
    });
    return form;
  }

  #clientForm() {
    const centres = this.#organisations.filter((o) => o.kind === 'monitoring-centre').map((o) => o.id);
    const centre = options(element('select'), centres, (c) => c);
    const client = options(element('select'), this.#organisations.filter((o) => o.kind !== 'monitoring-centre').map((o) => o.id), (c) => c);
    const submit = element('button', { type: 'submit', disabled: centres.length === 0 }, t('admin.addClient'));
    submit.dataset.testid = 'admin-add-client';
    const form = element('form', { className: 'admin-form' }, field('centre', centre), field('client', client), submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#change(() => api.addClient(centre.value, client.value), 'admin.clientAdded', { centre: centre.value, client: client.value });
    });
    return form;
  }

  #userSection() {
    const head = element('thead', {}, element('tr', {}, ...['username', 'name', 'role', 'organisation', 'status', 'actions']
      .map((c) => element('th', { scope: 'col' }, t(`admin.user.column.${c}`)))));
    const body = element('tbody', {}, ...this.#users.map((user) => this.#userRow(user)));
    body.dataset.testid = 'admin-users';
    return element('section', { className: 'admin-section' },
      element('h3', {}, t('admin.users')),
      element('table', { className: 'admin-table' }, head, body),
      this.#userForm(),
      this.#passwordForm());
  }

  #userRow(user) {
    const toggle = button(t(user.disabled ? 'admin.enable' : 'admin.disable'), `admin-toggle-${user.username}`,
      () => this.#change(() => api.setUserDisabled(user.username, !user.disabled), user.disabled ? 'admin.enabled' : 'admin.disabled', { username: user.username }));
    const row = element('tr', { className: user.disabled ? 'admin-disabled' : '' },
      element('td', {}, user.username),
      element('td', {}, user.displayName ?? ''),
      element('td', {}, t(`audit.role.${user.role}`)),
      element('td', {}, user.organisation ?? '—'),
      element('td', {}, t(user.disabled ? 'admin.status.disabled' : 'admin.status.active')),
      element('td', {}, toggle));
    row.dataset.testid = 'admin-user';
    row.dataset.username = user.username;
    row.dataset.disabled = String(user.disabled);
    return row;
  }

  #userForm() {
    const username = element('input', { required: true, maxLength: 64, autocomplete: 'off', spellcheck: false });
    const displayName = element('input', { required: true, maxLength: 200, autocomplete: 'off' });
    const role = options(element('select'), ROLES, (r) => t(`audit.role.${r}`));
    const organisation = options(element('select'), ['', ...this.#organisations.map((o) => o.id)], (o) => o || t('admin.noOrganisation'));
    const password = element('input', { type: 'password', required: true, autocomplete: 'new-password' });
    const submit = element('button', { type: 'submit', className: 'primary' }, t('admin.createUser'));
    submit.dataset.testid = 'admin-create-user';
    const form = element('form', { className: 'admin-form' },
      field('username', username), field('display-name', displayName), field('role', role), field('organisation', organisation),
      field('password', password), submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const user = {
        username: username.value.trim(),
        displayName: displayName.value.trim(),
        role: role.value,
        organisation: organisation.value || null,
        password: password.value,
      };
      this.#change(() => api.createUser(user), 'admin.userCreated', { username: user.username });
    });
    return form;
  }

  #passwordForm() {
    const username = options(element('select'), this.#users.map((u) => u.username), (u) => u);
    const password = element('input', { type: 'password', required: true, autocomplete: 'new-password' });
    const submit = element('button', { type: 'submit' }, t('admin.resetPassword'));
    submit.dataset.testid = 'admin-reset-password';
    const form = element('form', { className: 'admin-form' }, field('reset-username', username), field('new-password', password), submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#change(() => api.resetPassword(username.value, password.value), 'admin.passwordReset', { username: username.value });
    });
    return form;
  }
}
