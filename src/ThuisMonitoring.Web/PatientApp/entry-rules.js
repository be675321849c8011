// The contract's measurement ranges (CONTRACT section 2, docs/mqtt.md), checked before anything is sent.

export const RANGES = {
  spo2: { min: 50, max: 100, whole: true },
  heartRate: { min: 20, max: 250, whole: true },
  respiratoryRate: { min: 4, max: 60, whole: true },
  temperature: { min: 30, max: 45, whole: false },
  oxygenFlow: { min: 0, max: 15, whole: false },
};

export const FEELINGS = ['better', 'same', 'worse', 'much-worse'];

/**
 * Reads typed values (a Dutch comma is a decimal point) into a measurement; returns { values, errors } where
 * errors maps a field to { key, params } for the message.
 */
export function readEntry(typed) {
  const values = {};
  const errors = {};
  for (const [field, rule] of Object.entries(RANGES)) {
    const raw = (typed[field] ?? '').trim();
    if (raw === '') continue;
    const text = raw.replace(',', '.');
    if (!/^\d+(\.\d+)?$/.test(text)) {
      errors[field] = { key: 'error.number' };
      continue;
    }
    const number = Number(text);
    if (rule.whole && !Number.isInteger(number)) {
      errors[field] = { key: 'error.whole' };
    } else if (number < rule.min || number > rule.max) {
      errors[field] = { key: 'error.range', params: { min: rule.min, max: rule.max } };
    } else {
      values[field] = number;
    }
  }
  if (typed.feeling && FEELINGS.includes(typed.feeling)) {
    values.feeling = typed.feeling;
  }
  return { values, errors };
}

/** A measurement message as the platform expects it, with a new messageId (the backlog resends it unchanged). */
export function measurementMessage(values, exertion = false) {
  const message = { measuredAt: new Date().toISOString(), messageId: crypto.randomUUID(), ...values };
  if (exertion) message.exertion = true;
  return message;
}
