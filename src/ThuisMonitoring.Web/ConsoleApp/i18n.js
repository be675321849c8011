// Texts of the console in Dutch (default) and English. The choice is remembered per browser.

const STORAGE_KEY = 'thuismonitoring.language';
const LANGUAGES = ['nl', 'en'];

const TEXTS = {
  nl: {
    'app.title': 'ThuisMonitoring — meldingen',
    'app.heading': 'Meldingen',
    'lang.toggle': 'English',
    'lang.toggle.label': 'Switch to English',
    'login.heading': 'Inloggen meldkamer',
    'login.username': 'Gebruikersnaam',
    'login.password': 'Wachtwoord',
    'login.submit': 'Inloggen',
    'login.busy': 'Bezig met inloggen…',
    'login.failed': 'Gebruikersnaam of wachtwoord onjuist.',
    'login.unreachable': 'De server is niet bereikbaar. Probeer het opnieuw.',
    'login.expired': 'Uw sessie is verlopen. Log opnieuw in.',
    'login.forbidden': 'Met deze rol kunt u de meldingen niet zien.',
    'logout': 'Uitloggen',
    'user.signedInAs': 'Ingelogd als {name}',
    'connection.connecting': 'Verbinden…',
    'connection.connected': 'Verbonden',
    'connection.reconnecting': 'Verbinding verbroken — opnieuw verbinden…',
    'list.caption': 'Open en bevestigde meldingen, urgent eerst, oudste eerst',
    'list.empty': 'Geen open meldingen.',
    'list.loadFailed': 'De meldingen konden niet worden geladen. Er wordt opnieuw geprobeerd.',
    'column.level': 'Niveau',
    'column.patient': 'Patiënt',
    'column.reasons': 'Reden',
    'column.values': 'Waarden',
    'column.age': 'Sinds',
    'column.count': 'Aantal',
    'column.status': 'Status',
    'column.action': 'Actie',
    'level.urgent': 'Urgent',
    'level.warning': 'Waarschuwing',
    'status.open': 'Open',
    'status.acknowledged': 'Bevestigd',
    'status.resolved': 'Afgehandeld',
    'status.acknowledgedBy': 'door {name} om {time}',
    'ack.button': 'Bevestigen',
    'ack.label': 'Melding van {patient} bevestigen',
    'ack.busy': 'Bezig…',
    'ack.failed': 'Bevestigen is mislukt. Probeer het opnieuw.',
    'ack.notOpen': 'Deze melding was al bevestigd of afgehandeld.',
    'claim.button': 'Oppakken',
    'claim.label': 'Melding van {patient} oppakken',
    'claim.conflict': 'Een collega heeft deze melding al opgepakt.',
    'claim.failed': 'Oppakken is mislukt. Probeer het opnieuw.',
    'claim.by': 'opgepakt door {name}',
    'claim.byMe': 'opgepakt door jou',
    'unclaim.button': 'Loslaten',
    'unclaim.label': 'Melding van {patient} loslaten',
    'unclaim.conflict': 'Deze melding is niet (meer) door jou opgepakt.',
    'unclaim.failed': 'Loslaten is mislukt. Probeer het opnieuw.',
    'age.justNow': 'zojuist',
    'age.minutes': '{m} min geleden',
    'age.hours': '{h} u {m} min geleden',
    'age.days': '{d} d {h} u geleden',
    'count.times': '{n}×',
    'count.label': '{n} keer gemeld',
    'announce.new': 'Nieuwe melding, {level}: {patient} — {reasons}',
    'document.title': '({n}) ThuisMonitoring — meldingen',
    'nav.alerts': 'Meldingen',
    'nav.label': 'Onderdelen',
    'nav.patients': 'Patiënten',
    'patients.heading': 'Patiënten in monitoring',
    'patients.search': 'Zoeken op naam, nummer of arts',
    'patients.caption': 'Gemonitorde patiënten, hoogste risico eerst, daarna de oudste laatste meting',
    'patients.empty': 'Geen patiënten gevonden.',
    'patients.loadFailed': 'De patiënten konden niet worden geladen.',
    'patients.noMeasurement': 'Nog geen meting',
    'patients.flow': '{flow} L/min',
    'patients.day': 'dag {n}',
    'column.light': 'Risico',
    'column.lastValues': 'Laatste waarden',
    'column.measuredAt': 'Gemeten',
    'column.oxygen': 'Zuurstof',
    'column.pathway': 'Route',
    'column.day': 'Episode',
    'column.clinician': 'Behandelaar',
    'light.red': 'Rood',
    'light.orange': 'Oranje',
    'light.green': 'Groen',
    'short.spo2': 'SpO₂',
    'short.heartRate': 'HF',
    'short.respiratoryRate': 'AF',
    'short.temperature': 'T',
    'pathway.early-discharge': 'Vroeg ontslag',
    'pathway.emergency-department': 'SEH',
    'pathway.general-practice': 'Huisarts',
    'detail.back': '← Alle patiënten',
    'detail.loadFailed': 'De gegevens van deze patiënt konden niet worden geladen.',
    'detail.range24h': '24 uur',
    'detail.range14d': '14 dagen',
    'detail.rangeLabel': 'Periode van de grafieken',
    'detail.clinician': 'Behandelaar: {name}',
    'detail.lastMeasured': 'Laatste meting',
    'detail.alerts': 'Meldingen in deze periode: {n}',
    'chart.spo2': 'Saturatie (SpO₂, %)',
    'chart.heart-rate': 'Hartfrequentie (/min)',
    'chart.respiratory-rate': 'Ademfrequentie (/min)',
    'chart.oxygen-flow': 'Zuurstof (L/min)',
    'chart.temperature': 'Temperatuur (°C)',
    'chart.noData': 'Geen metingen in deze periode',
    'chart.mean': 'gemiddeld',
    'chart.min': 'min',
    'chart.max': 'max',
    'chart.value': 'waarde',
    'chart.loadFailed': 'Grafiek kon niet worden geladen',
    // Sound, title badge, re-escalation, hand-over, keyboard, wall display (console engineer B).
    'sound.on': '🔔 Geluid aan',
    'sound.off': '🔕 Geluid uit',
    'sound.mute': 'Geluid bij nieuwe urgente meldingen uitzetten',
    'sound.unmute': 'Geluid bij nieuwe urgente meldingen aanzetten',
    'shiftLead.on': 'Dienstleider: aan',
    'shiftLead.off': 'Dienstleider: uit',
    'shiftLead.explain': 'Als dienstleider moet u elke opnieuw gemelde melding bevestigen',
    'reEscalation.heading': 'Opnieuw gemeld',
    'reEscalation.line': 'Niet opgepakt na {m} min: {patient} — {reasons} ({n}e keer, {time})',
    'reEscalation.badge': 'Opnieuw gemeld ({n}×)',
    'reEscalation.dismiss': 'Verbergen',
    'reEscalation.dismissLabel': 'Melding over {patient} verbergen',
    'reEscalation.modalHeading': 'Melding niet opgepakt',
    'reEscalation.confirm': 'Gezien',
    'announce.reEscalated': 'Opnieuw gemeld: {patient} — {reasons}',
    'handover.button': 'Overdragen',
    'handover.label': 'Melding van {patient} overdragen aan een collega',
    'handover.title': 'Melding van {patient} overdragen',
    'handover.to': 'Aan collega',
    'handover.confirm': 'Overdragen',
    'handover.cancel': 'Annuleren',
    'handover.loading': 'Collega’s laden…',
    'handover.nobody': 'Geen andere verpleegkundigen gevonden',
    'handover.loadFailed': 'De collega’s konden niet worden geladen.',
    'handover.conflict': 'Overdragen kan niet: de melding is niet (meer) door jou opgepakt.',
    'handover.failed': 'Overdragen is mislukt. Probeer het opnieuw.',
    'keys.heading': 'Sneltoetsen',
    'keys.next': 'Volgende melding',
    'keys.previous': 'Vorige melding',
    'keys.claim': 'Geselecteerde melding oppakken',
    'keys.open': 'Geselecteerde melding openen (belscript)',
    'keys.help': 'Deze hulp tonen of verbergen',
    'keys.close': 'Venster sluiten',
    'keys.hint': 'Sneltoetsen: ?',
    'wall.enter': 'Wandscherm',
    'wall.leave': 'Wandscherm uit',
    'dialog.close': 'Sluiten',
  },
  en: {
    'app.title': 'ThuisMonitoring — alerts',
    'app.heading': 'Alerts',
    'lang.toggle': 'Nederlands',
    'lang.toggle.label': 'Schakel naar Nederlands',
    'login.heading': 'Monitoring centre sign-in',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.busy': 'Signing in…',
    'login.failed': 'Incorrect username or password.',
    'login.unreachable': 'The server cannot be reached. Please try again.',
    'login.expired': 'Your session has expired. Please sign in again.',
    'login.forbidden': 'Your role cannot see the alerts.',
    'logout': 'Sign out',
    'user.signedInAs': 'Signed in as {name}',
    'connection.connecting': 'Connecting…',
    'connection.connected': 'Connected',
    'connection.reconnecting': 'Connection lost — reconnecting…',
    'list.caption': 'Open and acknowledged alerts, urgent first, oldest first',
    'list.empty': 'No open alerts.',
    'list.loadFailed': 'The alerts could not be loaded. Retrying.',
    'column.level': 'Level',
    'column.patient': 'Patient',
    'column.reasons': 'Reason',
    'column.values': 'Values',
    'column.age': 'Since',
    'column.count': 'Count',
    'column.status': 'Status',
    'column.action': 'Action',
    'level.urgent': 'Urgent',
    'level.warning': 'Warning',
    'status.open': 'Open',
    'status.acknowledged': 'Acknowledged',
    'status.resolved': 'Resolved',
    'status.acknowledgedBy': 'by {name} at {time}',
    'ack.button': 'Acknowledge',
    'ack.label': 'Acknowledge alert for {patient}',
    'ack.busy': 'Working…',
    'ack.failed': 'Acknowledging failed. Please try again.',
    'ack.notOpen': 'This alert was already acknowledged or resolved.',
    'claim.button': 'Claim',
    'claim.label': 'Claim alert for {patient}',
    'claim.conflict': 'A colleague has already claimed this alert.',
    'claim.failed': 'Claiming failed. Please try again.',
    'claim.by': 'claimed by {name}',
    'claim.byMe': 'claimed by you',
    'unclaim.button': 'Release',
    'unclaim.label': 'Release alert for {patient}',
    'unclaim.conflict': 'This alert is no longer claimed by you.',
    'unclaim.failed': 'Releasing failed. Please try again.',
    'age.justNow': 'just now',
    'age.minutes': '{m} min ago',
    'age.hours': '{h} h {m} min ago',
    'age.days': '{d} d {h} h ago',
    'count.times': '{n}×',
    'count.label': 'raised {n} times',
    'announce.new': 'New alert, {level}: {patient} — {reasons}',
    'document.title': '({n}) ThuisMonitoring — alerts',
    'nav.alerts': 'Alerts',
    'nav.label': 'Sections',
    'nav.patients': 'Patients',
    'patients.heading': 'Patients being monitored',
    'patients.search': 'Search by name, number or clinician',
    'patients.caption': 'Monitored patients, highest risk first, then the oldest last measurement',
    'patients.empty': 'No patients found.',
    'patients.loadFailed': 'The patients could not be loaded.',
    'patients.noMeasurement': 'No measurement yet',
    'patients.flow': '{flow} L/min',
    'patients.day': 'day {n}',
    'column.light': 'Risk',
    'column.lastValues': 'Last values',
    'column.measuredAt': 'Measured',
    'column.oxygen': 'Oxygen',
    'column.pathway': 'Pathway',
    'column.day': 'Episode',
    'column.clinician': 'Clinician',
    'light.red': 'Red',
    'light.orange': 'Orange',
    'light.green': 'Green',
    'short.spo2': 'SpO₂',
    'short.heartRate': 'HR',
    'short.respiratoryRate': 'RR',
    'short.temperature': 'T',
    'pathway.early-discharge': 'Early discharge',
    'pathway.emergency-department': 'Emergency department',
    'pathway.general-practice': 'General practice',
    'detail.back': '← All patients',
    'detail.loadFailed': "This patient's data could not be loaded.",
    'detail.range24h': '24 hours',
    'detail.range14d': '14 days',
    'detail.rangeLabel': 'Period of the charts',
    'detail.clinician': 'Clinician: {name}',
    'detail.lastMeasured': 'Last measurement',
    'detail.alerts': 'Alerts in this period: {n}',
    'chart.spo2': 'Oxygen saturation (SpO₂, %)',
    'chart.heart-rate': 'Heart rate (/min)',
    'chart.respiratory-rate': 'Respiratory rate (/min)',
    'chart.oxygen-flow': 'Oxygen (L/min)',
    'chart.temperature': 'Temperature (°C)',
    'chart.noData': 'No measurements in this period',
    'chart.mean': 'mean',
    'chart.min': 'min',
    'chart.max': 'max',
    'chart.value': 'value',
    'chart.loadFailed': 'Chart could not be loaded',
    // Sound, title badge, re-escalation, hand-over, keyboard, wall display (console engineer B).
    'sound.on': '🔔 Sound on',
    'sound.off': '🔕 Sound off',
    'sound.mute': 'Mute the sound for new urgent alerts',
    'sound.unmute': 'Turn on the sound for new urgent alerts',
    'shiftLead.on': 'Shift lead: on',
    'shiftLead.off': 'Shift lead: off',
    'shiftLead.explain': 'As shift lead you must confirm every re-escalated alert',
    'reEscalation.heading': 'Raised again',
    'reEscalation.line': 'Not claimed after {m} min: {patient} — {reasons} (time {n}, {time})',
    'reEscalation.badge': 'Raised again ({n}×)',
    'reEscalation.dismiss': 'Hide',
    'reEscalation.dismissLabel': 'Hide the notice about {patient}',
    'reEscalation.modalHeading': 'Alert not claimed',
    'reEscalation.confirm': 'Seen',
    'announce.reEscalated': 'Raised again: {patient} — {reasons}',
    'handover.button': 'Hand over',
    'handover.label': 'Hand the alert for {patient} over to a colleague',
    'handover.title': 'Hand over the alert for {patient}',
    'handover.to': 'To colleague',
    'handover.confirm': 'Hand over',
    'handover.cancel': 'Cancel',
    'handover.loading': 'Loading colleagues…',
    'handover.nobody': 'No other nurses found',
    'handover.loadFailed': 'The colleagues could not be loaded.',
    'handover.conflict': 'Cannot hand over: the alert is no longer claimed by you.',
    'handover.failed': 'Handing over failed. Please try again.',
    'keys.heading': 'Keyboard shortcuts',
    'keys.next': 'Next alert',
    'keys.previous': 'Previous alert',
    'keys.claim': 'Claim the selected alert',
    'keys.open': 'Open the selected alert (call script)',
    'keys.help': 'Show or hide this help',
    'keys.close': 'Close the window',
    'keys.hint': 'Shortcuts: ?',
    'wall.enter': 'Wall display',
    'wall.leave': 'Leave wall display',
    'dialog.close': 'Close',
  },
};

// The protocol's reason codes (src/ThuisMonitoring.Domain/Protocols/ReasonCodes.cs and docs/protocol.md).
const REASONS = {
  nl: {
    'spo2-low': 'Saturatie laag',
    'spo2-critical': 'Saturatie kritisch laag',
    'spo2-drop': 'Saturatie gedaald t.o.v. eigen basiswaarde',
    'exertional-desaturation': 'Saturatiedaling bij inspanning',
    'respiratory-rate-high': 'Ademfrequentie hoog',
    'respiratory-rate-low': 'Ademfrequentie laag',
    'heart-rate-high': 'Hartfrequentie hoog',
    'heart-rate-low': 'Hartfrequentie laag',
    'temperature-high': 'Temperatuur hoog',
    'temperature-low': 'Temperatuur laag',
    'news2-medium': 'NEWS2-score verhoogd',
    'news2-high': 'NEWS2-score hoog',
    'oxygen-need-rising': 'Zuurstofbehoefte stijgt',
    'feels-worse': 'Patiënt voelt zich slechter',
    'measurement-missed': 'Meting gemist',
    'device-silent': 'Geen signaal van meetapparaat',
    'battery-low': 'Batterij meetapparaat bijna leeg',
    'episode-review': 'Monitoringsperiode evalueren',
  },
  en: {
    'spo2-low': 'Oxygen saturation low',
    'spo2-critical': 'Oxygen saturation critically low',
    'spo2-drop': 'Oxygen saturation dropped from own baseline',
    'exertional-desaturation': 'Desaturation on exertion',
    'respiratory-rate-high': 'Respiratory rate high',
    'respiratory-rate-low': 'Respiratory rate low',
    'heart-rate-high': 'Heart rate high',
    'heart-rate-low': 'Heart rate low',
    'temperature-high': 'Temperature high',
    'temperature-low': 'Temperature low',
    'news2-medium': 'NEWS2 score raised',
    'news2-high': 'NEWS2 score high',
    'oxygen-need-rising': 'Oxygen need rising',
    'feels-worse': 'Patient feels worse',
    'measurement-missed': 'Measurement missed',
    'device-silent': 'No signal from device',
    'battery-low': 'Device battery low',
    'episode-review': 'Review monitoring period',
  },
};

// Finding parameters as the protocol evaluator names them, with their units.
const PARAMETERS = {
  nl: {
    spo2: 'SpO₂', respiratoryRate: 'Ademfrequentie', heartRate: 'Hartfrequentie', temperature: 'Temperatuur',
    news2: 'NEWS2', oxygenFlow: 'Zuurstof', feeling: 'Gevoel', perfusionIndex: 'Perfusie-index', battery: 'Batterij',
  },
  en: {
    spo2: 'SpO₂', respiratoryRate: 'Respiratory rate', heartRate: 'Heart rate', temperature: 'Temperature',
    news2: 'NEWS2', oxygenFlow: 'Oxygen', feeling: 'Feeling', perfusionIndex: 'Perfusion index', battery: 'Battery',
  },
};

export const UNITS = {
  spo2: '%', respiratoryRate: '/min', heartRate: '/min', temperature: '°C', oxygenFlow: 'L/min', perfusionIndex: '%',
  battery: '%',
};

let current = initialLanguage();
const listeners = new Set();

function initialLanguage() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(stored) ? stored : 'nl';
  } catch {
    return 'nl';
  }
}

/** The current language code, 'nl' or 'en'. */
export function language() {
  return current;
}

/** The BCP 47 locale for number and date formatting. */
export function locale() {
  return current === 'nl' ? 'nl-NL' : 'en-GB';
}

export function setLanguage(code) {
  if (!LANGUAGES.includes(code) || code === current) return;
  current = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  listeners.forEach((listener) => listener(code));
}

export function toggleLanguage() {
  setLanguage(current === 'nl' ? 'en' : 'nl');
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** The text for key with {placeholders} filled from params. */
export function t(key, params = {}) {
  const text = TEXTS[current][key] ?? TEXTS.nl[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

/** Plain-language text for a reason code; an unknown code is shown as it is rather than hidden. */
export function reasonText(code) {
  return REASONS[current][code] ?? REASONS.nl[code] ?? code;
}

/** The pathway code of a patient (early-discharge, ...) in words; an unknown code is shown as it is. */
export function pathwayText(code) {
  const key = `pathway.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

export function parameterName(parameter) {
  return PARAMETERS[current][parameter] ?? parameter;
}

/** Fills every element carrying data-i18n (text) or data-i18n-attr="attribute:key" under root. */
export function translate(root) {
  document.documentElement.lang = current;
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
