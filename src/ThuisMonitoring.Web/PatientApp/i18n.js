// Texts of the patient app in plain Dutch (B1, default) and English. The choice is remembered on this phone.

const STORAGE_KEY = 'thuismonitoring.app.language';

const TEXTS = {
  nl: {
    'app.title': 'ThuisMonitoring — mijn metingen',
    'app.brand': 'ThuisMonitoring',
    'lang.toggle': 'English',
    'lang.toggle.label': 'Switch to English',
    'connection.online': 'Verbonden met de monitoringscentrale',
    'connection.offline': 'Geen verbinding. Uw metingen worden bewaard en later verstuurd.',
    'connection.connecting': 'Verbinden…',
    'pair.heading': 'App koppelen',
    'pair.intro': 'Scan de QR-code op het blad van de monitoringscentrale, of typ de code die erop staat.',
    'pair.code': 'Koppelcode',
    'pair.submit': 'Koppelen',
    'pair.busy': 'Bezig met koppelen…',
    'pair.invalid': 'Deze code werkt niet (meer). Een code werkt één keer en 24 uur lang. Vraag de monitoringscentrale om een nieuwe code.',
    'pair.malformed': 'Typ de 8 tekens van de code, bijvoorbeeld ABCD-EFGH.',
    'pair.unreachable': 'Geen verbinding. Probeer het zo opnieuw.',
    'home.hello': 'Hallo',
    'home.nextDue': 'Volgende meting:',
    'home.noneDue': 'geen gepland',
    'home.notifyOn': 'Herinnering aanzetten',
    'home.measure': 'Meting invoeren',
    'home.exertion': 'Inspanningstest (1 minuut)',
    'home.call': 'Bel mij',
    'home.mydata': 'Mijn gegevens',
    'reminder.due': 'Het is tijd om te meten.',
    'reminder.title': 'Tijd om te meten',
    'reminder.body': 'Meet uw saturatie, hartslag en ademhaling en vul ze in de app in.',
    'outbox.heading': 'Nog niet verstuurd',
    'outbox.intro': 'Deze metingen staan op uw telefoon. De app verstuurt ze zodra er weer verbinding is.',
    'outbox.item': '{time}: nog niet verstuurd',
    'entry.heading': 'Meting invoeren',
    'entry.intro': 'Ga eerst 5 minuten rustig zitten. Vul in wat u gemeten heeft. U hoeft niet alles in te vullen.',
    'entry.submit': 'Versturen',
    'entry.errors': 'Er klopt iets niet. Kijk naar de velden met een melding.',
    'entry.empty': 'Vul minstens één waarde in, of kies hoe u zich voelt.',
    'field.spo2': 'Zuurstof in bloed (saturatie)',
    'field.heartRate': 'Hartslag',
    'field.respiratoryRate': 'Ademhaling',
    'field.temperature': 'Temperatuur',
    'field.oxygenFlow': 'Zuurstof die u nu krijgt',
    'field.feeling': 'Hoe voelt u zich, vergeleken met de vorige keer?',
    'unit.perMinute': 'per minuut',
    'unit.litresPerMinute': 'liter per minuut',
    'hint.spo2': 'Op de meter bij SpO2 of %. Tussen 50 en 100.',
    'hint.heartRate': 'Op de meter bij PR of ♥. Tussen 20 en 250.',
    'hint.respiratoryRate': 'Tel 30 seconden hoe vaak u inademt. De app rekent het om naar een minuut.',
    'hint.temperature': 'Bijvoorbeeld 37,2. Tussen 30 en 45.',
    'hint.oxygenFlow': 'De stand van uw zuurstofapparaat. 0 als u geen zuurstof gebruikt. Tussen 0 en 15.',
    'error.number': 'Vul een getal in.',
    'error.whole': 'Vul een heel getal in, zonder komma.',
    'error.range': 'Dit getal kan niet kloppen. Het moet tussen {min} en {max} liggen. Meet opnieuw of kijk of u een tikfout maakte.',
    'feeling.better': 'Beter',
    'feeling.same': 'Hetzelfde',
    'feeling.worse': 'Slechter',
    'feeling.much-worse': 'Veel slechter',
    'count.start': 'Start tellen (30 seconden)',
    'count.breath': 'Tik bij elke inademing',
    'count.running': 'Nog {seconds} seconden. Ingeademd: {count} keer.',
    'count.done': 'Klaar: {count} keer in 30 seconden, dat is {perMinute} per minuut.',
    'exertion.heading': 'Inspanningstest: 1 minuut opstaan en zitten',
    'exertion.intro': 'Doe deze test alleen als uw meting in rust goed was. Houd de saturatiemeter op uw vinger. Sta zo vaak mogelijk op uit een stoel en ga weer zitten, 1 minuut lang. Stop als u erg benauwd of duizelig wordt.',
    'exertion.start': 'Start de minuut',
    'exertion.running': 'Opstaan en zitten. Nog {seconds} seconden.',
    'exertion.done': 'De minuut is om. Ga zitten en kijk direct op de meter.',
    'exertion.now': 'Kijk nu direct op de meter en vul in:',
    'feedback.heading': 'Uw meting',
    'feedback.done': 'Klaar',
    'feedback.waiting': 'Uw meting is verstuurd. Even wachten op het antwoord…',
    'feedback.queued': 'Nog niet verstuurd. Uw meting staat veilig op uw telefoon. De app verstuurt hem zodra er weer verbinding is.',
    'feedback.rejected': 'Deze meting is niet aangenomen: {reason}',
    'level.green': 'Groen: goed',
    'level.orange': 'Oranje: let op',
    'level.red': 'Rood: zorgelijk',
    'next.green': 'U hoeft niets te doen. Meet weer op de afgesproken tijd.',
    'next.orange': 'Wat gebeurt er nu? De monitoringscentrale belt u binnen {minutes} minuten. Houd uw telefoon bij u.',
    'next.red': 'Wat gebeurt er nu? De monitoringscentrale belt u nu direct (binnen {minutes} minuten). Houd uw telefoon bij u. Bel zelf 112 als u heel erg benauwd bent, blauwe lippen krijgt, pijn op de borst heeft of suf of verward wordt.',
    'call.heading': 'Bel mij',
    'call.intro': 'De monitoringscentrale belt u zo snel mogelijk terug, in ieder geval binnen een uur. Bij ernstige benauwdheid, pijn op de borst of als u suf of verward bent: bel 112.',
    'call.note': 'Waarover wilt u bellen? (mag leeg blijven)',
    'call.submit': 'Vraag of de centrale mij belt',
    'call.sent': 'Uw vraag is doorgegeven. De monitoringscentrale belt u binnen {minutes} minuten.',
    'call.failed': 'Uw vraag kon niet worden doorgegeven. Bel de monitoringscentrale zelf, of bij nood 112.',
    'mydata.heading': 'Mijn gegevens',
    'mydata.sign': 'Welke waarde?',
    'mydata.chart': 'De laatste 14 dagen',
    'mydata.chartLabel': 'Grafiek van uw waarden van de laatste 14 dagen',
    'mydata.list': 'Mijn waarden, nieuwste eerst',
    'mydata.when': 'Wanneer',
    'mydata.value': 'Waarde',
    'mydata.none': 'Nog geen waarden.',
    'mydata.failed': 'Uw gegevens konden niet worden geladen. Probeer het later opnieuw.',
    'access.heading': 'Wie heeft mijn gegevens bekeken?',
    'access.caption': 'Inzage in uw gegevens, nieuwste eerst',
    'access.who': 'Wie',
    'access.what': 'Wat',
    'access.none': 'Nog niemand.',
    'role.nurse': 'verpleegkundige',
    'role.clinician': 'arts',
    'role.admin': 'beheerder',
    'role.patient': 'uzelf (deze app)',
    'role.system': 'het systeem',
    'role.privacy-officer': 'privacyfunctionaris',
    'stopped.ended': 'De thuismonitoring is gestopt',
    'stopped.endedText': 'Uw arts heeft de thuismonitoring beëindigd. De app verstuurt geen metingen meer. U hoeft niet meer te meten.',
    'stopped.revoked': 'Deze app is losgekoppeld',
    'stopped.revokedText': 'Deze telefoon is niet meer gekoppeld aan de monitoringscentrale. De app verstuurt geen metingen meer. Vraag de centrale om een nieuwe koppelcode als u wel verder moet meten.',
    'stopped.help': 'Heeft u klachten? Bel uw huisarts. Bij ernstige benauwdheid: bel 112.',
    'resource.patient': 'uw gegevens en episode',
    'resource.vitals': 'uw metingen',
    'resource.device': 'uw meetapparaat of app',
    'resource.alert': 'een melding',
    'resource.timeline': 'uw tijdlijn',
    'resource.note': 'een notitie',
    'resource.access-log': 'wie uw gegevens bekeek',
    'resource.call-script': 'het belscript',
    'resource.call': 'een telefoongesprek',
    'resource.consent': 'uw toestemming',
    'resource.protocol': 'uw meetafspraken',
    'resource.episode': 'uw episode',
    'resource.alert-stream': 'live meldingen',
    'nav.back': 'Terug',
  },
  en: {
    'app.title': 'ThuisMonitoring — my measurements',
    'app.brand': 'ThuisMonitoring',
    'lang.toggle': 'Nederlands',
    'lang.toggle.label': 'Schakel naar Nederlands',
    'connection.online': 'Connected to the monitoring centre',
    'connection.offline': 'No connection. Your measurements are kept and sent later.',
    'connection.connecting': 'Connecting…',
    'pair.heading': 'Pair the app',
    'pair.intro': 'Scan the QR code on the sheet from the monitoring centre, or type the code printed on it.',
    'pair.code': 'Pairing code',
    'pair.submit': 'Pair',
    'pair.busy': 'Pairing…',
    'pair.invalid': 'This code does not work (any more). A code works once, for 24 hours. Ask the monitoring centre for a new code.',
    'pair.malformed': 'Type the 8 characters of the code, for example ABCD-EFGH.',
    'pair.unreachable': 'No connection. Please try again shortly.',
    'home.hello': 'Hello',
    'home.nextDue': 'Next measurement:',
    'home.noneDue': 'none planned',
    'home.notifyOn': 'Turn on reminders',
    'home.measure': 'Enter a measurement',
    'home.exertion': 'Exertion test (1 minute)',
    'home.call': 'Call me',
    'home.mydata': 'My data',
    'reminder.due': 'It is time to measure.',
    'reminder.title': 'Time to measure',
    'reminder.body': 'Measure your saturation, heart rate and breathing and enter them in the app.',
    'outbox.heading': 'Not sent yet',
    'outbox.intro': 'These measurements are on your phone. The app sends them as soon as there is a connection.',
    'outbox.item': '{time}: not sent yet',
    'entry.heading': 'Enter a measurement',
    'entry.intro': 'First sit quietly for 5 minutes. Fill in what you measured. You do not have to fill in everything.',
    'entry.submit': 'Send',
    'entry.errors': 'Something is not right. Look at the fields with a message.',
    'entry.empty': 'Fill in at least one value, or choose how you feel.',
    'field.spo2': 'Oxygen in blood (saturation)',
    'field.heartRate': 'Heart rate',
    'field.respiratoryRate': 'Breathing',
    'field.temperature': 'Temperature',
    'field.oxygenFlow': 'Oxygen you are on now',
    'field.feeling': 'How do you feel, compared with last time?',
    'unit.perMinute': 'per minute',
    'unit.litresPerMinute': 'litres per minute',
    'hint.spo2': 'On the meter next to SpO2 or %. Between 50 and 100.',
    'hint.heartRate': 'On the meter next to PR or ♥. Between 20 and 250.',
    'hint.respiratoryRate': 'Count your breaths in for 30 seconds. The app works out the rate per minute.',
    'hint.temperature': 'For example 37.2. Between 30 and 45.',
    'hint.oxygenFlow': 'The setting of your oxygen machine. 0 if you use no oxygen. Between 0 and 15.',
    'error.number': 'Enter a number.',
    'error.whole': 'Enter a whole number, without a decimal point.',
    'error.range': 'This number cannot be right. It must be between {min} and {max}. Measure again or check for a typing mistake.',
    'feeling.better': 'Better',
    'feeling.same': 'The same',
    'feeling.worse': 'Worse',
    'feeling.much-worse': 'Much worse',
    'count.start': 'Start counting (30 seconds)',
    'count.breath': 'Tap at every breath in',
    'count.running': '{seconds} seconds left. Breaths: {count}.',
    'count.done': 'Done: {count} breaths in 30 seconds, that is {perMinute} per minute.',
    'exertion.heading': 'Exertion test: 1 minute sit-to-stand',
    'exertion.intro': 'Only do this test when your measurement at rest was good. Keep the meter on your finger. Stand up from a chair and sit down again as often as you can, for 1 minute. Stop if you get very short of breath or dizzy.',
    'exertion.start': 'Start the minute',
    'exertion.running': 'Stand up and sit down. {seconds} seconds left.',
    'exertion.done': 'The minute is over. Sit down and look at the meter straight away.',
    'exertion.now': 'Look at the meter now and fill in:',
    'feedback.heading': 'Your measurement',
    'feedback.done': 'Done',
    'feedback.waiting': 'Your measurement was sent. Waiting for the answer…',
    'feedback.queued': 'Not sent yet. Your measurement is safe on your phone. The app sends it as soon as there is a connection.',
    'feedback.rejected': 'This measurement was not accepted: {reason}',
    'level.green': 'Green: good',
    'level.orange': 'Orange: attention',
    'level.red': 'Red: worrying',
    'next.green': 'You do not need to do anything. Measure again at the agreed time.',
    'next.orange': 'What happens now? The monitoring centre calls you within {minutes} minutes. Keep your phone with you.',
    'next.red': 'What happens now? The monitoring centre calls you right now (within {minutes} minutes). Keep your phone with you. Call 112 yourself if you are very short of breath, get blue lips, have chest pain or become drowsy or confused.',
    'call.heading': 'Call me',
    'call.intro': 'The monitoring centre calls you back as soon as possible, within an hour at the latest. With severe breathlessness, chest pain, or if you are drowsy or confused: call 112.',
    'call.note': 'What would you like to talk about? (may stay empty)',
    'call.submit': 'Ask the centre to call me',
    'call.sent': 'Your request was passed on. The monitoring centre calls you within {minutes} minutes.',
    'call.failed': 'Your request could not be passed on. Call the monitoring centre yourself, or 112 in an emergency.',
    'mydata.heading': 'My data',
    'mydata.sign': 'Which value?',
    'mydata.chart': 'The last 14 days',
    'mydata.chartLabel': 'Chart of your values of the last 14 days',
    'mydata.list': 'My values, newest first',
    'mydata.when': 'When',
    'mydata.value': 'Value',
    'mydata.none': 'No values yet.',
    'mydata.failed': 'Your data could not be loaded. Please try again later.',
    'access.heading': 'Who looked at my data?',
    'access.caption': 'Access to your data, newest first',
    'access.who': 'Who',
    'access.what': 'What',
    'access.none': 'Nobody yet.',
    'role.nurse': 'nurse',
    'role.clinician': 'doctor',
    'role.admin': 'administrator',
    'role.patient': 'you (this app)',
    'role.system': 'the system',
    'role.privacy-officer': 'privacy officer',
    'stopped.ended': 'Home monitoring has ended',
    'stopped.endedText': 'Your doctor has ended home monitoring. The app no longer sends measurements. You do not need to measure any more.',
    'stopped.revoked': 'This app has been unpaired',
    'stopped.revokedText': 'This phone is no longer paired with the monitoring centre. The app no longer sends measurements. Ask the centre for a new pairing code if you still need to measure.',
    'stopped.help': 'Any complaints? Call your GP. With severe breathlessness: call 112.',
    'resource.patient': 'your details and episode',
    'resource.vitals': 'your measurements',
    'resource.device': 'your meter or app',
    'resource.alert': 'an alert',
    'resource.timeline': 'your timeline',
    'resource.note': 'a note',
    'resource.access-log': 'who looked at your data',
    'resource.call-script': 'the call script',
    'resource.call': 'a phone call',
    'resource.consent': 'your consent',
    'resource.protocol': 'your measurement plan',
    'resource.episode': 'your episode',
    'resource.alert-stream': 'live alerts',
    'nav.back': 'Back',
  },
};

let current = readStored();
const listeners = new Set();

function readStored() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

export function language() {
  return current;
}

export function locale() {
  return current === 'nl' ? 'nl-NL' : 'en-GB';
}

export function toggleLanguage() {
  current = current === 'nl' ? 'en' : 'nl';
  try {
    localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  listeners.forEach((listener) => listener(current));
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

export function t(key, params = {}) {
  const text = TEXTS[current][key] ?? TEXTS.nl[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

/** Fills every element carrying data-i18n (text) or data-i18n-attr="attribute:key" under root. */
export function translate(root) {
  document.documentElement.lang = current;
  document.title = t('app.title');
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((element) => {
    for (const pair of element.dataset.i18nAttr.split(';')) {
      const [attribute, key] = pair.split(':');
      element.setAttribute(attribute, t(key));
    }
  });
}

/** A time in Europe/Amsterdam, e.g. "di 1 dec 14:00". */
export function formatTime(value) {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'Europe/Amsterdam', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
  }).format(new Date(value));
}
