// Times and numbers as the ward reads them: clock times in Europe/Amsterdam whatever the PC's time zone.

import { t, locale, parameterName, UNITS } from './i18n.js';

const TIME_ZONE = 'Europe/Amsterdam';

// Building an Intl formatter costs far more than using one; a queue of 1,000 rows formats thousands of times, so the
// formatters are made once per locale and options (docs/benchmarks.md, console load check).
const formatters = new Map();

function cached(localeCode, options) {
  const key = `${localeCode}|${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(localeCode, { timeZone: TIME_ZONE, ...options });
    formatters.set(key, made);
  }
  return made;
}

function formatter(options) {
  return cached(locale(), options);
}

function amsterdamDay(date) {
  return cached('en-CA', { dateStyle: 'short' }).format(date);
}

const numberFormats = new Map();

function numberFormat(maximumFractionDigits) {
  const key = `${locale()}|${maximumFractionDigits}`;
  let made = numberFormats.get(key);
  if (!made) {
    made = new Intl.NumberFormat(locale(), { maximumFractionDigits });
    numberFormats.set(key, made);
  }
  return made;
}

/** "14:03" today, "12 mrt 14:03" on another day (Amsterdam calendar). */
export function clockTime(iso, now = new Date()) {
  const date = new Date(iso);
  const sameDay = amsterdamDay(date) === amsterdamDay(now);
  return formatter(
    sameDay
      ? { hour: '2-digit', minute: '2-digit' }
      : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  ).format(date);
}

/** Full date and time for a tooltip: "dinsdag 12 maart 2024 om 14:03:27". */
export function fullTime(iso) {
  return formatter({ dateStyle: 'full', timeStyle: 'medium' }).format(new Date(iso));
}

/** "zojuist", "3 min geleden", "2 u 5 min geleden", "1 d 4 u geleden". */
export function age(iso, now = Date.now()) {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60000));
  if (minutes < 1) return t('age.justNow');
  if (minutes < 60) return t('age.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('age.hours', { h: hours, m: minutes % 60 });
  return t('age.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

/** "SpO₂ 91%", "Hartfrequentie 135/min", "Temperatuur 39,4 °C"; a finding without a value (feeling) gives null. */
export function findingValue(finding) {
  if (finding.value === null || finding.value === undefined) return null;
  const number = numberFormat(1).format(finding.value);
  const unit = UNITS[finding.parameter];
  // Dutch and SI usage: "89%", "135/min", but "39,4 °C" and "3,5 L/min".
  const spacedUnit = unit === undefined ? '' : unit === '%' || unit.startsWith('/') ? unit : ` ${unit}`;
  return `${parameterName(finding.parameter)} ${number}${spacedUnit}`;
}

const SHORT_VALUES = ['spo2', 'heartRate', 'respiratoryRate', 'temperature'];

/** The vitals of a measurement, short: "SpO₂ 95%", "HF 72/min", "AF 16/min", "T 37 °C" (absent values left out). */
export function measurementValues(measurement) {
  return SHORT_VALUES
    .filter((parameter) => measurement[parameter] !== null && measurement[parameter] !== undefined)
    .map((parameter) => {
      const number = numberFormat(1).format(measurement[parameter]);
      const unit = UNITS[parameter];
      return `${t(`short.${parameter}`)} ${number}${unit === '%' || unit.startsWith('/') ? unit : ` ${unit}`}`;
    });
}

/** Day 1 is the day of enrolment, counted in Amsterdam calendar days. */
export function episodeDay(enrolledAtIso, now = new Date()) {
  const days = (Date.parse(amsterdamDay(now)) - Date.parse(amsterdamDay(new Date(enrolledAtIso)))) / 86_400_000;
  return Math.max(0, Math.round(days)) + 1;
}
