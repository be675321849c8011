// The patient app: pairing, entry, feedback, reminders, the offline backlog, "Bel mij", my data, the end.
import { t, translate, toggleLanguage, onLanguageChange, formatTime } from './i18n.js';
import * as store from './store.js';
import * as platform from './platform.js';
import { openLink } from './link.js';
import { readEntry, measurementMessage, RANGES } from './entry-rules.js';
import { showMyData } from './my-data.js';
import { Reminders } from './reminders.js';
import { startCounter, startCountdown } from './timers.js';

const state = { me: null, link: null, awaiting: null, stopped: null, online: false, lastFeedback: null };
const $ = (id) => document.getElementById(id);
const reminders = new Reminders($('reminder'), $('notify-on'));

function show(name) {
  for (const screen of document.querySelectorAll('.screen')) {
    screen.hidden = screen.id !== `screen-${name}`;
  }
  window.scrollTo(0, 0);
  document.querySelector(`#screen-${name} h1`)?.focus();
  if (name === 'mydata') showMyData();
}

function setConnection() {
  const line = $('connection');
  line.textContent = state.stopped ? '' : t(state.online ? 'connection.online' : 'connection.offline');
  line.dataset.online = String(state.online);
}

// ---- pairing ----

function pairCodeFromUrl() {
  const match = /^#pair=([A-Za-z0-9-]{1,32})$/.exec(location.hash);
  return match ? match[1] : null;
}

async function pairWith(code) {
  show('pair');
  const error = $('pair-error');
  error.textContent = t('pair.busy');
  try {
    const credentials = await platform.pair(code);
    if (!credentials) {
      error.textContent = t('pair.invalid');
      return;
    }
    state.link?.stop();
    await store.saveCredentials(credentials);
    error.textContent = '';
    await start(credentials);
  } catch {
    error.textContent = t('pair.unreachable');
  }
}

$('pair-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = $('pair-code').value.trim();
  if (!/^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/.test(code.replace(/\s/g, ''))) {
    $('pair-error').textContent = t('pair.malformed');
    $('pair-code').setAttribute('aria-invalid', 'true');
    return;
  }
  $('pair-code').removeAttribute('aria-invalid');
  pairWith(code.replace(/\s/g, ''));
});

// ---- running ----

async function start(credentials) {
  state.stopped = null;
  show('home');
  await renderOutbox();
  state.link = openLink(credentials, {
    onStatus(online) {
      state.online = online;
      setConnection();
      if (online) refreshMe();
    },
    onFeedback: receiveFeedback,
    onErrors(message) {
      if (message.messageId === state.awaiting) {
        const reasons = (message.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
        renderNotice(t('feedback.rejected', { reason: reasons }));
      }
    },
    onRejected: () => renderOutbox(),
    onDelivered(message) {
      renderOutbox();
      reminders.measured();
      if (message.messageId === state.awaiting && !$('feedback').dataset.level) renderNotice(t('feedback.waiting'));
    },
    onBacklogChanged: () => renderOutbox(),
    onRefused: () => checkStillPaired(),
  });
  setConnection();
  refreshMe();
}

async function refreshMe() {
  if (state.stopped) return;
  try {
    const me = await platform.me();
    state.me = me;
    renderHome();
    if (!me.active) await stop('ended');
  } catch (error) {
    if (error instanceof platform.Revoked) await stop(stopReason(error));
  }
}

async function checkStillPaired() {
  try {
    await platform.checkCredentials();
    await refreshMe();
  } catch (error) {
    if (error instanceof platform.Revoked) await stop(stopReason(error));
  }
}

/** Why the app stops when the platform no longer takes its credentials: monitoring ended (410) or unpaired. */
function stopReason(error) {
  return error instanceof platform.Ended ? 'ended' : 'revoked';
}

async function stop(reason) {
  state.stopped = reason;
  state.link?.stop();
  reminders.stop();
  await store.markStopped(reason);
  showStopped(reason);
}

function showStopped(reason) {
  state.stopped = reason;
  $('stopped-heading').textContent = t(`stopped.${reason}`);
  $('stopped-text').textContent = t(`stopped.${reason}Text`);
  $('screen-stopped').dataset.reason = reason;
  setConnection();
  show('stopped');
}

function renderHome() {
  const me = state.me;
  if (!me) return;
  $('patient-name').textContent = me.name;
  $('next-due').textContent = me.nextMeasurementDue ? formatTime(me.nextMeasurementDue) : t('home.noneDue');
  reminders.schedule(me.nextMeasurementDue);
  showExertionTest(me);
  const feedback = state.lastFeedback ?? me.lastFeedback;
  const card = $('last-feedback');
  card.hidden = !feedback;
  if (feedback) renderFeedback(card, feedback);
  if (me.oxygenFlow !== undefined && $('oxygenFlow').value === '') {
    $('oxygenFlow').placeholder = String(me.oxygenFlow).replace('.', ',');
  }
}

/** The sit-to-stand test is offered only when the patient's protocol asks for it now (GET /api/me exertionTestAsked). */
function showExertionTest(me) {
  $('go-exertion').hidden = !(me?.exertionTestAsked && !state.stopped);
}

/**
 * After feedback the protocol may ask for the test (a green measurement at rest) or no longer (the test was just
 * done): only the button follows /api/me here, the rest of the home screen (the reminder banner) stays as it is.
 */
async function refreshExertionTest() {
  if (state.stopped) return;
  try {
    const me = await platform.me();
    if (state.me) state.me.exertionTestAsked = me.exertionTestAsked;
    showExertionTest(me);
  } catch {
    // Offline or unpaired: the next refresh (reconnect, every minute) says so.
  }
}

async function renderOutbox() {
  const items = await store.pending();
  const list = $('outbox');
  list.replaceChildren(...items.map((item) => {
    const entry = document.createElement('li');
    entry.textContent = t('outbox.item', { time: formatTime(item.message.measuredAt) });
    entry.dataset.messageId = item.message.messageId;
    return entry;
  }));
  $('outbox-section').hidden = items.length === 0;
}

// ---- entry ----

function showErrors(summary, errors, prefix = '') {
  let first = null;
  for (const field of Object.keys(RANGES)) {
    const input = $(`${prefix}${field}`);
    const message = $(`${prefix}${field}-error`);
    if (!input || !message) continue;
    const error = errors[field];
    message.textContent = error ? t(error.key, error.params) : '';
    if (error) {
      input.setAttribute('aria-invalid', 'true');
      first ??= input;
    } else {
      input.removeAttribute('aria-invalid');
    }
  }
  summary.hidden = !first;
  summary.textContent = first ? t('entry.errors') : '';
  first?.focus();
  return first !== null;
}

$('entry-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const typed = Object.fromEntries(new FormData(form).entries());
  const { values, errors } = readEntry(typed);
  if (showErrors($('entry-errors'), errors)) return;
  if (Object.keys(values).length === 0) {
    $('entry-errors').hidden = false;
    $('entry-errors').textContent = t('entry.empty');
    $('entry-errors').focus();
    return;
  }
  $('entry-errors').hidden = true;
  form.reset();
  $('count-status').textContent = '';
  await submit(measurementMessage(values));
});

$('exertion-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const { values, errors } = readEntry(Object.fromEntries(new FormData(form).entries()));
  if (showErrors($('exertion-errors'), errors, 'exertion-')) return;
  if (Object.keys(values).length === 0) {
    $('exertion-errors').hidden = false;
    $('exertion-errors').textContent = t('entry.empty');
    return;
  }
  form.reset();
  form.hidden = true;
  $('exertion-start').hidden = false;
  $('exertion-status').textContent = '';
  $('exertion-timer').textContent = '1:00';
  await submit(measurementMessage(values, true));
});

async function submit(message) {
  if (state.stopped) return;
  await store.enqueue(message);
  state.awaiting = message.messageId;
  delete $('feedback').dataset.level;
  renderNotice(t(state.link?.connected ? 'feedback.waiting' : 'feedback.queued'));
  show('feedback');
  await renderOutbox();
  state.link?.flush();
}

// ---- feedback ----

function receiveFeedback(feedback) {
  state.lastFeedback = feedback;
  if (feedback.messageId === state.awaiting) renderFeedback($('feedback'), feedback);
  renderHome();
  refreshExertionTest();
}

function renderNotice(text) {
  const card = $('feedback');
  card.className = 'feedback-card';
  const paragraph = document.createElement('p');
  paragraph.textContent = text;
  card.replaceChildren(paragraph);
}

/** The level in words and colour, the platform's text (from the protocol), and what happens next. */
function renderFeedback(card, feedback) {
  const level = ['green', 'orange', 'red'].includes(feedback.level) ? feedback.level : 'orange';
  card.className = `feedback-card level-${level}`;
  card.dataset.level = level;
  const badge = document.createElement('p');
  badge.className = 'level-badge';
  badge.textContent = t(`level.${level}`);
  const text = document.createElement('p');
  text.className = 'feedback-text';
  text.textContent = feedback.text;
  const next = document.createElement('p');
  next.className = 'feedback-next';
  const minutes = level === 'red' ? state.me?.redResponseMinutes ?? 5 : state.me?.orangeResponseMinutes ?? 60;
  next.textContent = t(`next.${level}`, { minutes });
  card.replaceChildren(badge, text, next);
}

// ---- helpers: breathing counter, exertion timer ----

$('count-start').addEventListener('click', () => {
  const breath = $('count-breath');
  let count = 0;
  breath.hidden = false;
  breath.focus();
  breath.onclick = () => {
    count += 1;
  };
  $('count-start').hidden = true;
  startCounter(30, (seconds) => {
    $('count-status').textContent = t('count.running', { seconds, count });
  }, () => {
    breath.hidden = true;
    breath.onclick = null;
    $('count-start').hidden = false;
    $('respiratoryRate').value = String(count * 2);
    $('count-status').textContent = t('count.done', { count, perMinute: count * 2 });
    $('respiratoryRate').focus();
  });
});

$('exertion-start').addEventListener('click', () => {
  $('exertion-start').hidden = true;
  startCountdown(60, (seconds) => {
    $('exertion-timer').textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    if (seconds % 15 === 0) $('exertion-status').textContent = t('exertion.running', { seconds });
  }, () => {
    $('exertion-timer').textContent = '0:00';
    $('exertion-status').textContent = t('exertion.done');
    $('exertion-form').hidden = false;
    $('exertion-spo2').focus();
  });
});

// ---- call me ----

$('call-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = $('call-result');
  try {
    const answer = await platform.requestCall($('call-note').value.trim());
    if (!answer) {
      await stop('ended');
      return;
    }
    $('call-note').value = '';
    result.textContent = t('call.sent', { minutes: state.me?.orangeResponseMinutes ?? 60 });
    result.dataset.alertId = answer.alertId;
  } catch (error) {
    if (error instanceof platform.Revoked) await stop(stopReason(error));
    else result.textContent = t('call.failed');
  }
});

// ---- start ----

for (const button of document.querySelectorAll('[data-go]')) {
  button.addEventListener('click', () => show(button.dataset.go));
}

$('language').addEventListener('click', toggleLanguage);
onLanguageChange(() => {
  translate(document.body);
  setConnection();
  renderHome();
  renderOutbox();
  if (state.stopped) showStopped(state.stopped);
});

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js', { scope: './' }).catch(() => {
    // Without a service worker the app still works while online.
  });
}

async function boot() {
  translate(document.body);
  const code = pairCodeFromUrl();
  if (code) {
    // The code is used once; it should not stay in the address bar or the history.
    history.replaceState(null, '', location.pathname);
    await pairWith(code);
    return;
  }
  const credentials = await store.readCredentials();
  if (!credentials) {
    show('pair');
  } else if (credentials.stopped) {
    showStopped(credentials.stopped);
  } else {
    await start(credentials);
  }
}

// A pairing link opened while the app is already open (same page, only the fragment changes).
window.addEventListener('hashchange', () => {
  const code = pairCodeFromUrl();
  if (!code) return;
  history.replaceState(null, '', location.pathname);
  pairWith(code);
});

setInterval(() => {
  if (state.link && !state.stopped) refreshMe();
}, 60_000);
boot();
