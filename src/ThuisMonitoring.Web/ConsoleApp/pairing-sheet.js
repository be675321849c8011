// The pairing of a patient app, shown after a patient-app device is bound: the QR code (the pairing URL), the code to
// type, and a printable instruction sheet in plain Dutch for the patient (CONTRACT section 6, docs/patient-app.md).
import { encode } from './lib/uqr.js';
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG QR code of text: one path of dark modules, built without markup strings. */
export function qrCode(text, label) {
  const { size, data } = encode(text, { ecc: 'M', border: 2 });
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.classList.add('qr-code');
  const background = document.createElementNS(SVG, 'rect');
  background.setAttribute('width', String(size));
  background.setAttribute('height', String(size));
  background.setAttribute('fill', '#fff');
  let d = '';
  data.forEach((row, y) => row.forEach((dark, x) => {
    if (dark) d += `M${x} ${y}h1v1h-1z`;
  }));
  const modules = document.createElementNS(SVG, 'path');
  modules.setAttribute('d', d);
  modules.setAttribute('fill', '#000');
  svg.append(background, modules);
  return svg;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/**
 * Shows the pairing in container: QR code, code, link and the instruction sheet with a print button.
 * pairing: {deviceId, pairingCode, pairingUrl, patientName, pairingExpiresAt?}
 */
export function showPairing(container, { deviceId, pairingCode, pairingUrl, patientName, pairingExpiresAt }) {
  const sheet = el('section', undefined, 'pairing-sheet');
  sheet.dataset.testid = 'pairing-sheet';
  sheet.dataset.deviceId = deviceId;
  sheet.setAttribute('aria-labelledby', 'pairing-sheet-heading');
  const heading = el('h2', t('pairing.heading', { name: patientName }));
  heading.id = 'pairing-sheet-heading';
  const code = el('p', pairingCode, 'pairing-code');
  code.dataset.testid = 'pairing-code';
  const link = el('a', pairingUrl, 'pairing-url');
  link.href = pairingUrl;
  link.dataset.testid = 'pairing-url';
  const steps = el('ol', undefined, 'pairing-steps');
  for (const key of ['pairing.step1', 'pairing.step2', 'pairing.step3', 'pairing.step4']) steps.append(el('li', t(key)));
  const valid = pairingExpiresAt
    ? el('p', t('pairing.validUntil', {
      until: new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' }).format(new Date(pairingExpiresAt)),
    }))
    : null;
  const print = el('button', t('pairing.print'), 'pairing-print');
  print.type = 'button';
  print.dataset.testid = 'pairing-print';
  print.addEventListener('click', () => window.print());
  sheet.append(
    heading,
    el('p', t('pairing.intro')),
    qrCode(pairingUrl, t('pairing.qrLabel')),
    el('p', t('pairing.typeCode')),
    code,
    link,
    steps,
    ...(valid ? [valid] : []),
    el('p', t('pairing.emergency'), 'pairing-emergency'),
    print,
  );
  container.replaceChildren(sheet);
  heading.tabIndex = -1;
  heading.focus();
  return sheet;
}
