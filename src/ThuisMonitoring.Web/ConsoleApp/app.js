// The monitoring-centre console: sign in, then the live list of open and acknowledged alerts, the patient overview
// (#/patients) and a patient's detail with trend charts (#/patients/{id}), the call script of an alert (a panel
// over the queue) and the clinician's inbox of escalations (#/inbox).
// Admins and privacy officers also have the audit log (#/audit); a privacy officer has only that (no live alerts).

import * as api from './api.js';
import { AlertBoard } from './alert-board.js';
import { AlertListView } from './alert-list-view.js';
import { LiveConnection } from './live-connection.js';
import { PatientOverview } from './patient-overview.js';
import { PatientDetail } from './patient-detail.js';
import { clearSession, currentSession, STAFF_ROLES, storeSession } from './session.js';
import { language, onLanguageChange, reasonText, t, toggleLanguage, translate } from './i18n.js';
import { AlertSound, UrgentAlertWatch, unclaimedUrgentCount } from './alert-sound.js';
import { ReEscalationAlarm } from './re-escalation.js';
import { HandOverDialog } from './handover.js';
import { QueueKeyboard } from './keyboard.js';
import { WallDisplay } from './wall-display.js';
import { CallScriptPanel, refreshRetries } from './call-script.js';
import { ClinicianInbox } from './clinician-inbox.js';
import { AUDIT_ROLES, AuditLog } from './audit-log.js';
import { RegionAdmin } from './region-admin.js';
import './clinician-texts.js';
import * as clinic from './clinician-api.js';
import { CareHandoverInbox } from './care-handover.js';
import { EnrolmentForm } from './enrolment-form.js';
import { DischargeSummaryPage } from './discharge-summary.js';
import { REPLAY_ROLES, ReplayPage } from './replay-page.js';
import { REPORT_ROLES, RegionReportPage } from './region-report.js';
import { CapacityBoard } from './capacity-board.js';
import { TeamPage } from './team-page.js';

// Issue 16: the centre's capacity board (#/capacity) for nurses and admins; a team coordinator has only #/teams.
const CAPACITY_ROLES = ['nurse', 'admin'];
const TEAM_ROLE = 'team-coordinator';

const AGE_REFRESH_MS = 30_000;
const LIST_RETRY_MS = 10_000;
const TOKEN_CHECK_MS = 60_000;

const $ = (id) => document.getElementById(id);
const ui = {
  login: $('login'),
  loginForm: $('login-form'),
  loginError: $('login-error'),
  username: $('login-username'),
  password: $('login-password'),
  submit: $('login-submit'),
  secondFactor: $('login-second-factor'),
  totp: $('login-totp'),
  enrol: $('login-enrol'),
  enrolSecret: $('login-enrol-secret'),
  enrolUri: $('login-enrol-uri'),
  alerts: $('alerts'),
  notice: $('notice'),
  connection: $('connection-state'),
  user: $('user'),
  langToggle: $('lang-toggle'),
  logout: $('logout'),
  announcer: $('announcer'),
  nav: $('nav'),
  navAlerts: $('nav-alerts'),
  navPatients: $('nav-patients'),
  navInbox: $('nav-inbox'),
  navAudit: $('nav-audit'),
  navAdmin: $('nav-admin'),
  admin: $('admin'),
  audit: $('audit'),
  navReplay: $('nav-replay'),
  replay: $('replay'),
  inbox: $('inbox'),
  patients: $('patients'),
  patientsNotice: $('patients-notice'),
  patient: $('patient'),
  consoleTools: $('console-tools'),
};

const board = new AlertBoard();
const handOver = new HandOverDialog({ dialog: $('handover-dialog'), onHandedOver: (alert) => alertChanged(alert) });
const view = new AlertListView({
  body: $('alert-list'),
  empty: $('alert-list-empty'),
  onAcknowledge: acknowledge,
  onAlertChanged: alertChanged,
  onHandOver: (alert) => handOver.open(alert),
  onCall: openCallScript,
});
// Attention for the queue: tone + title badge, re-escalation banner, shortcuts, wall display (alert-sound.js ...).
const sound = new AlertSound($('sound-toggle'));
const urgentWatch = new UrgentAlertWatch();
const reEscalation = new ReEscalationAlarm({
  banner: $('re-escalation-banner'),
  dialog: $('re-escalation-dialog'),
  toggle: $('shift-lead-toggle'),
});
const keyboard = new QueueKeyboard({ list: $('alert-list'), help: $('keys-help'), isActive: () => Boolean(live) && currentView === 'alerts' });
const wall = new WallDisplay($('wall-toggle'), (on) => {
  if (on && location.hash) location.hash = '#/alerts';
});
const overview = new PatientOverview({
  body: $('patient-list'),
  empty: $('patient-list-empty'),
  search: $('patient-search'),
  onOpen: (patientId) => {
    location.hash = `#/patients/${encodeURIComponent(patientId)}`;
  },
});
const detail = new PatientDetail({ root: ui.patient, onError: handleSignedOut });
// Issue 5 workflow: the call script from an alert row (Bellen / Enter), the clinician's inbox of escalations (#/inbox).
const callPanel = new CallScriptPanel({ onAlertChanged: alertChanged, onError: handleSignedOut });
const inbox = new ClinicianInbox({ root: ui.inbox, onError: handleSignedOut });
const auditLog = new AuditLog({ root: ui.audit, onError: handleSignedOut });
const regionAdmin = new RegionAdmin({ root: ui.admin, onError: handleSignedOut });
// Issue 11: the receiver's handovers above the inbox, enrolment (#/enrol), the discharge summary (#/summary/{id}).
const careHandovers = new CareHandoverInbox({ root: $('care-handovers'), onError: handleSignedOut });
const enrolmentForm = new EnrolmentForm({ root: $('enrol'), onError: handleSignedOut });
const dischargeSummary = new DischargeSummaryPage({ root: $('summary'), onError: handleSignedOut });
$('patient-filter').addEventListener('change', () => loadPatients());
const replayPage = new ReplayPage({ root: ui.replay, onError: handleSignedOut });
const reportPage = new RegionReportPage({ root: $('reports'), onError: handleSignedOut });
const capacityBoard = new CapacityBoard({ root: $('capacity'), strip: $('capacity-strip'), onError: handleSignedOut });
const teamPage = new TeamPage({ root: $('teams'), onError: handleSignedOut });
let teamOnly = false; // a team coordinator: the team page, no patient data and no hub
document.addEventListener('alert-open', (event) => openCallScript(event.detail.alertId));

// Everything that lives only while signed in.
let live = null;
let auditOnly = false; // a privacy officer: the audit log, no patient data and no hub
let timers = [];
let listLoaded = false;
const shownReEscalations = new Map(); // alertId -> how often this console has shown it raised again
let syncing = null;
let syncAgain = false;
let connectionState = 'connecting';
let noticeKey = null;
let loginErrorKey = null;
let enrolmentToken = null; // while enrolling a second factor: the restricted token from the login
let currentView = null;
let patientsNoticeKey = null;

// --- language ---

function showLanguage() {
  translate(document);
  ui.langToggle.lang = language() === 'nl' ? 'en' : 'nl';
  showConnection(connectionState);
  showText(ui.notice, noticeKey);
  showText(ui.loginError, loginErrorKey);
  const session = currentSession();
  ui.user.textContent = session ? t('user.signedInAs', { name: session.displayName }) : '';
  view.redrawAll(board.sorted());
  showCount();
  sound.render();
  reEscalation.render();
  keyboard.render();
  wall.render();
  showText(ui.patientsNotice, patientsNoticeKey);
  if (currentView === 'patients') overview.render();
  if (currentView === 'patient' && detail.patientId) detail.show(detail.patientId);
  callPanel.relabel();
  inbox.render();
  auditLog.render();
  regionAdmin.render();
  if (currentView === 'reports') reportPage.render();
  capacityBoard.render();
  if (teamOnly) teamPage.render();
}

function showText(element, key) {
  element.hidden = key === null;
  element.textContent = key === null ? '' : t(key);
}

// --- signing in and out ---

async function signIn(event) {
  event.preventDefault();
  loginErrorKey = null;
  showText(ui.loginError, null);
  ui.submit.disabled = true;
  ui.submit.textContent = t('login.busy');
  const code = ui.secondFactor.hidden ? '' : ui.totp.value.replace(/\s/g, '');
  try {
    const token = enrolmentToken
      ? await api.confirmTotp(enrolmentToken, code)
      : await api.signIn(ui.username.value.trim(), ui.password.value, code || undefined);
    if (!STAFF_ROLES.includes(token.role) && !AUDIT_ROLES.includes(token.role) && token.role !== TEAM_ROLE) {
      showLoginError('login.forbidden');
      return;
    }
    ui.password.value = '';
    resetSecondFactor();
    openConsole(storeSession(token));
  } catch (error) {
    if (!(error instanceof api.ApiError) || error.status >= 500) showLoginError('login.unreachable');
    else if (error.code === 'totp-required') askForCode('login.totpRequired');
    else if (error.code === 'totp-invalid') askForCode('login.totpInvalid');
    else if (error.code === 'totp-enrolment-required') await startEnrolment(error.problem.enrolmentToken);
    else if (error.status === 429) showLoginError('login.throttled');
    else if (enrolmentToken && error.status === 400) askForCode('login.totpInvalid');
    else {
      resetSecondFactor();
      showLoginError('login.failed');
    }
  } finally {
    ui.submit.disabled = false;
    ui.submit.textContent = t('login.submit');
  }
}

// --- second factor: the code field, and enrolment when the organisation requires one ---

function askForCode(messageKey) {
  ui.secondFactor.hidden = false;
  ui.totp.required = true;
  ui.totp.value = '';
  loginErrorKey = messageKey;
  showText(ui.loginError, messageKey);
  ui.totp.focus();
}

async function startEnrolment(token) {
  try {
    const enrolment = await api.enrolTotp(token);
    enrolmentToken = token;
    ui.enrolSecret.textContent = enrolment.secret.replace(/(.{4})/g, '$1 ').trim();
    ui.enrolUri.href = enrolment.otpauthUri;
    ui.enrol.hidden = false;
    askForCode('login.enrolRequired');
  } catch {
    showLoginError('login.failed');
  }
}

function resetSecondFactor() {
  enrolmentToken = null;
  ui.enrol.hidden = true;
  ui.enrolSecret.textContent = '';
  ui.enrolUri.removeAttribute('href');
  ui.secondFactor.hidden = true;
  ui.totp.required = false;
  ui.totp.value = '';
}

function showLoginError(key) {
  loginErrorKey = key;
  showText(ui.loginError, key);
  ui.password.select();
}

function openConsole(session) {
  ui.navAudit.hidden = !AUDIT_ROLES.includes(session.role);
  ui.navAdmin.hidden = session.role !== 'admin';
  ui.navReplay.hidden = !REPLAY_ROLES.includes(session.role);
  $('nav-reports').hidden = !REPORT_ROLES.includes(session.role);
  $('nav-capacity').hidden = !CAPACITY_ROLES.includes(session.role);
  if (session.role === TEAM_ROLE) {
    openTeamOnly(session);
    return;
  }
  if (!STAFF_ROLES.includes(session.role)) {
    openAuditOnly(session);
    return;
  }
  ui.login.hidden = true;
  ui.nav.hidden = false;
  ui.connection.hidden = false;
  ui.logout.hidden = false;
  ui.user.hidden = false;
  ui.user.textContent = t('user.signedInAs', { name: session.displayName });
  ui.consoleTools.hidden = false;
  listLoaded = false;
  urgentWatch.reset();

  timers.push(setInterval(() => {
    view.refreshAges();
    overview.refreshAges();
    inbox.refreshAges();
    refreshRetries(ui.alerts);
  }, AGE_REFRESH_MS));
  // The access token is renewed ahead of its expiry (api.freshAccessToken); the login itself ends with the shift.
  timers.push(setTimeout(() => signOut('login.expired'), Math.max(0, session.refreshExpiresAt - Date.now())));
  timers.push(setInterval(() => api.freshAccessToken().catch(handleSignedOut), TOKEN_CHECK_MS));

  live = new LiveConnection({
    accessToken: () => api.freshAccessToken(),
    onAlertChanged: alertChanged,
    onAlertReEscalated: alertReEscalated,
    onCareHandoverChanged: (handover) => careHandovers.changed(handover, currentView === 'inbox'),
    onPatientChanged: patientChanged,
    onCapacityChanged: () => capacityBoard.changed(),
    onState: showConnection,
    onConnected: () => {
      synchronise();
      if (currentView === 'inbox') inbox.load();
      if (currentView === 'inbox') careHandovers.load();
      // Overview pushes missed while disconnected: read the list again.
      if (currentView === 'patients') loadPatients();
    },
    onUnauthorized: renewHubLogin,
  });
  live.start();
  if (CAPACITY_ROLES.includes(session.role)) capacityBoard.start(session.role);
  route();
  // Fetch straight away as well, so the list shows even while the hub is still (or not) connecting.
  synchronise();
}

// The hub refused the token: it may have expired early (the host's clock runs ahead of this PC's). Renew once a
// minute at most and connect again; a revoked login fails the renewal and signs out.
let hubRenewedAt = 0;
function renewHubLogin() {
  if (Date.now() - hubRenewedAt < 60_000) {
    signOut('login.expired');
    return;
  }
  hubRenewedAt = Date.now();
  api.refreshSession()
    .then(() => live?.start())
    .catch(() => signOut('login.expired'));
}

/** A team coordinator: only the team page (lights and the intake requests sent to their teams). */
function openTeamOnly(session) {
  teamOnly = true;
  ui.login.hidden = true;
  ui.nav.hidden = false;
  [ui.navAlerts, ui.navPatients, ui.navInbox, $('nav-enrol')].forEach((link) => {
    link.hidden = true;
  });
  $('nav-teams').hidden = false;
  ui.logout.hidden = false;
  ui.user.hidden = false;
  ui.user.textContent = t('user.signedInAs', { name: session.displayName });
  if (location.hash !== '#/teams') history.replaceState(null, '', '#/teams');
  route();
}

/** A privacy officer: only the audit log; no alert list, patients or hub (the API refuses them patient data). */
function openAuditOnly(session) {
  auditOnly = true;
  ui.login.hidden = true;
  ui.nav.hidden = false;
  [ui.navAlerts, ui.navPatients, ui.navInbox].forEach((link) => {
    link.hidden = true;
  });
  $('nav-enrol').hidden = true;
  ui.logout.hidden = false;
  ui.user.hidden = false;
  ui.user.textContent = t('user.signedInAs', { name: session.displayName });
  // No sign-out timer: api.js renews the access token while the login (its refresh token) lasts.
  if (location.hash !== '#/audit') history.replaceState(null, '', '#/audit');
  route();
}

async function signOut(messageKey = null) {
  timers.forEach((timer) => clearTimeout(timer));
  timers = [];
  const closing = live;
  live = null;
  api.logout(currentSession()?.refreshToken);
  clearSession();
  resetSecondFactor();
  board.clear();
  view.render([]);
  reEscalation.clear();
  ui.consoleTools.hidden = true;
  setNotice(null);
  ui.alerts.hidden = true;
  ui.patients.hidden = true;
  ui.patient.hidden = true;
  ui.nav.hidden = true;
  currentView = null;
  overview.clear();
  detail.clear();
  callPanel.close();
  inbox.clear();
  ui.inbox.hidden = true;
  careHandovers.clear();
  enrolmentForm.clear();
  dischargeSummary.clear();
  ['care-handovers', 'enrol', 'summary'].forEach((id) => { $(id).hidden = true; });
  auditOnly = false;
  auditLog.clear();
  ui.audit.hidden = true;
  ui.navAudit.hidden = true;
  regionAdmin.clear();
  ui.admin.hidden = true;
  ui.navAdmin.hidden = true;
  replayPage.clear();
  ui.replay.hidden = true;
  ui.navReplay.hidden = true;
  reportPage.clear();
  $('reports').hidden = true;
  $('nav-reports').hidden = true;
  capacityBoard.clear();
  $('capacity').hidden = true;
  $('nav-capacity').hidden = true;
  teamOnly = false;
  teamPage.clear();
  $('teams').hidden = true;
  $('nav-teams').hidden = true;
  [ui.navAlerts, ui.navPatients, ui.navInbox].forEach((link) => {
    link.hidden = false;
  });
  $('nav-enrol').hidden = false;
  setPatientsNotice(null);
  // The next person to sign in starts at the alert queue.
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  ui.connection.hidden = true;
  ui.logout.hidden = true;
  ui.user.hidden = true;
  ui.login.hidden = false;
  loginErrorKey = messageKey;
  showText(ui.loginError, messageKey);
  showCount();
  ui.username.focus();
  await closing?.stop();
}

// --- views: #/alerts (default; #/inbox for a clinician), #/patients, #/patients/{id}, #/inbox ---

function route() {
  if (!live && !auditOnly && !teamOnly) return;
  if (auditOnly && location.hash !== '#/audit') history.replaceState(null, '', '#/audit');
  if (teamOnly && location.hash !== '#/teams') history.replaceState(null, '', '#/teams');
  // A clinician comes for the cases escalated to them.
  if (!location.hash && currentSession()?.role === 'clinician') history.replaceState(null, '', '#/inbox');
  // A wall display shows the queue and nothing else.
  if (wall.on && location.hash && location.hash !== '#/alerts') {
    location.hash = '#/alerts';
    return;
  }
  const match = /^#\/patients(?:\/([^/]+))?$/.exec(location.hash);
  const summaryMatch = /^#\/summary\/([^/]+)$/.exec(location.hash);
  const next = teamOnly ? 'teams'
    : location.hash === '#/capacity' && CAPACITY_ROLES.includes(currentSession()?.role) ? 'capacity'
    : location.hash === '#/audit' && AUDIT_ROLES.includes(currentSession()?.role)
    ? 'audit'
    : location.hash === '#/admin' && currentSession()?.role === 'admin'
    ? 'admin'
    : location.hash === '#/replay' && REPLAY_ROLES.includes(currentSession()?.role)
    ? 'replay'
    : location.hash === '#/reports' && REPORT_ROLES.includes(currentSession()?.role)
    ? 'reports'
    : summaryMatch ? 'summary' : location.hash === '#/enrol' ? 'enrol'
      : match ? (match[1] ? 'patient' : 'patients') : location.hash === '#/inbox' ? 'inbox' : 'alerts';
  const previous = currentView;
  currentView = next;
  ui.inbox.hidden = next !== 'inbox';
  setCurrent(ui.navInbox, next === 'inbox');
  if (next === 'inbox' && previous !== 'inbox') inbox.load();
  if (next === 'inbox' && previous !== 'inbox') careHandovers.load();
  if (next !== 'inbox') $('care-handovers').hidden = true;
  $('enrol').hidden = next !== 'enrol';
  setCurrent($('nav-enrol'), next === 'enrol');
  if (next === 'enrol' && previous !== 'enrol') enrolmentForm.show();
  $('summary').hidden = next !== 'summary';
  if (next === 'summary') dischargeSummary.show(decodeURIComponent(summaryMatch[1]));
  ui.audit.hidden = next !== 'audit';
  setCurrent(ui.navAudit, next === 'audit');
  if (next === 'audit' && previous !== 'audit') auditLog.load();
  ui.admin.hidden = next !== 'admin';
  setCurrent(ui.navAdmin, next === 'admin');
  if (next === 'admin' && previous !== 'admin') regionAdmin.load();
  $('capacity').hidden = next !== 'capacity';
  setCurrent($('nav-capacity'), next === 'capacity');
  if (next === 'capacity' && previous !== 'capacity') capacityBoard.show(true);
  if (next !== 'capacity' && previous === 'capacity') capacityBoard.show(false);
  $('teams').hidden = next !== 'teams';
  setCurrent($('nav-teams'), next === 'teams');
  if (next === 'teams' && previous !== 'teams') teamPage.load();
  ui.replay.hidden = next !== 'replay';
  setCurrent(ui.navReplay, next === 'replay');
  if (next === 'replay' && previous !== 'replay') replayPage.render();
  $('reports').hidden = next !== 'reports';
  setCurrent($('nav-reports'), next === 'reports');
  if (next === 'reports' && previous !== 'reports') reportPage.load();
  if (next !== 'alerts') callPanel.close();
  ui.alerts.hidden = next !== 'alerts';
  ui.patients.hidden = next !== 'patients';
  ui.patient.hidden = next !== 'patient';
  setCurrent(ui.navAlerts, next === 'alerts');
  setCurrent(ui.navPatients, next === 'patients' || next === 'patient');
  if (next === 'patients') {
    loadPatients();
  }
  if (next === 'patient') {
    detail.show(decodeURIComponent(match[1]));
  } else {
    detail.clear();
  }
}

function setCurrent(link, current) {
  if (current) link.setAttribute('aria-current', 'page');
  else link.removeAttribute('aria-current');
}

async function loadPatients() {
  try {
    const patients = await clinic.findPatients($('patient-filter').value);
    if (!live || currentView !== 'patients') return;
    setPatientsNotice(null);
    overview.show(patients, { ended: $('patient-filter').value !== 'active' });
  } catch (error) {
    if (!live) return;
    if (handleSignedOut(error)) return;
    setPatientsNotice('patients.loadFailed');
  }
}

const MONITORED_STATES = new Set(['monitoring', 'weaning']);

/** A pushed overview row (patientChanged): shown when the list's state filter wants it (no polling, issue 14). */
function patientChanged(patient) {
  if (currentView !== 'patients') return;
  const filter = $('patient-filter').value;
  const wanted = filter === 'all' || (filter === 'active' ? MONITORED_STATES.has(patient.state) : !MONITORED_STATES.has(patient.state));
  overview.changed(patient, wanted);
}

function setPatientsNotice(key) {
  patientsNoticeKey = key;
  showText(ui.patientsNotice, key);
}

// --- the list ---

/** Re-fetches open and acknowledged alerts; calls that arrive while one runs are folded into one more run. */
function synchronise() {
  if (syncing) {
    syncAgain = true;
    return syncing;
  }
  // data-sync tells a watcher (and the browser tests) whether a re-read of the list is under way.
  ui.alerts.dataset.sync = 'busy';
  syncing = (async () => {
    do {
      syncAgain = false;
      await fetchAlerts();
    } while (syncAgain && live);
  })().finally(() => {
    syncing = null;
    ui.alerts.dataset.sync = 'idle';
  });
  return syncing;
}

async function fetchAlerts() {
  const startedAt = Date.now();
  try {
    const [open, acknowledged] = await Promise.all([api.alerts('open'), api.alerts('acknowledged')]);
    if (!live) return;
    const added = board.reconcile([...open, ...acknowledged], startedAt);
    if (listLoaded) added.forEach(announce);
    catchUpReEscalations(board.sorted(), listLoaded);
    listLoaded = true;
    if (noticeKey === 'list.loadFailed') setNotice(null);
    showAlerts();
  } catch (error) {
    if (!live) return;
    if (handleSignedOut(error)) return;
    setNotice('list.loadFailed');
    timers.push(setTimeout(synchronise, LIST_RETRY_MS));
  }
}

function alertChanged(alert) {
  capacityBoard.changed();
  // Before the board: a resolved alert (an escalation taken over) is news to the inbox and the timeline too.
  callPanel.alertChanged(alert);
  inbox.alertChanged(alert);
  detail.alertChanged(alert);
  const outcome = board.apply(alert);
  if (outcome === 'ignored') return;
  showAlerts();
  if (outcome === 'added' && listLoaded) announce(alert);
}

function showAlerts() {
  const alerts = board.sorted();
  view.render(alerts);
  showCount(alerts);
  reEscalation.follow(board);
  // New red alerts ring once the first list has set what is already known.
  if (listLoaded && urgentWatch.newUrgent(alerts).length > 0) sound.play('urgent');
}

/** The title badge: "(3) ..." with the number of urgent alerts nobody has claimed. */
function showCount(alerts = board.sorted()) {
  const urgent = unclaimedUrgentCount(alerts);
  document.title = urgent > 0 ? t('document.title', { n: urgent }) : t('app.title');
}

/**
 * Re-escalations raised while this console was not listening (signed in later, or disconnected): the list shows how
 * often each alert was raised again, so the banner catches up; it rings only when catching up after a reconnect.
 */
function catchUpReEscalations(alerts, ring) {
  let raised = false;
  for (const alert of alerts) {
    const shown = shownReEscalations.get(alert.alertId) ?? 0;
    if (alert.reEscalations > shown && !alert.claimedBy && alert.status !== 'resolved') {
      reEscalation.raise(alert);
      raised = true;
    }
    shownReEscalations.set(alert.alertId, Math.max(shown, alert.reEscalations ?? 0));
  }
  if (raised && ring) sound.play('reEscalated');
}

/** Hub "alertReEscalated": the alert nobody claimed in time is raised again on every console. */
function alertReEscalated(alert) {
  alertChanged(alert);
  shownReEscalations.set(alert.alertId, alert.reEscalations);
  if (alert.status === 'resolved' || alert.claimedBy) return;
  reEscalation.raise(alert);
  sound.play('reEscalated');
  ui.announcer.textContent = t('announce.reEscalated', {
    patient: alert.patientName,
    reasons: alert.reasons.map(reasonText).join(', '),
  });
}

/** Bellen on a row, or Enter on a selected row (keyboard.js): the call script for that alert. */
function openCallScript(alertId) {
  const alert = board.get(alertId);
  if (alert && currentView === 'alerts') callPanel.open(alert);
}

async function acknowledge(alertId, button) {
  const row = button.closest('tr');
  button.disabled = true;
  button.textContent = t('ack.busy');
  try {
    board.apply(await api.acknowledge(alertId));
    showAlerts();
    // The button is gone (and a disabled button drops focus): keep the keyboard user on this row.
    if (row?.isConnected && !row.contains(document.activeElement)) row.focus();
  } catch (error) {
    if (handleSignedOut(error)) return;
    button.disabled = false;
    button.textContent = t('ack.button');
    if (error instanceof api.ApiError && error.status === 409) {
      setNotice('ack.notOpen');
      synchronise();
    } else {
      setNotice('ack.failed');
    }
  }
}

function handleSignedOut(error) {
  if (!(error instanceof api.ApiError)) return false;
  if (error.status === 401) signOut('login.expired');
  else if (error.status === 403) signOut('login.forbidden');
  else return false;
  return true;
}

function setNotice(key) {
  noticeKey = key;
  showText(ui.notice, key);
}

function announce(alert) {
  const level = t(alert.level === 'urgent' ? 'level.urgent' : 'level.warning');
  const reasons = alert.reasons.map(reasonText).join(', ');
  ui.announcer.textContent = t('announce.new', { level, patient: alert.patientName, reasons });
}

function showConnection(state) {
  connectionState = state;
  ui.connection.dataset.state = state;
  ui.connection.textContent = t(`connection.${state}`);
}

// --- start ---

ui.loginForm.addEventListener('submit', signIn);
ui.logout.addEventListener('click', () => signOut());
ui.langToggle.addEventListener('click', toggleLanguage);
window.addEventListener('hashchange', route);
onLanguageChange(showLanguage);
showLanguage();

const session = currentSession();
if (session) {
  openConsole(session);
} else {
  ui.login.hidden = false;
  ui.username.focus();
}
