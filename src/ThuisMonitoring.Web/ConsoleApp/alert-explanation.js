// Why an alert fired, in the call panel: the rule(s), the protocol version and layer that raised it, and for a
// continuous meter the window its band held over, with a mini chart of the samples of that stretch (alert.holds from
// GET /api/alerts; PROTOCOL.md section 4). Built with DOM nodes only (no innerHTML).

import { t, reasonText } from './i18n.js';
import { clockTime } from './format.js';
import { element } from './patient-overview.js';

const VALUE = { spo2: 'spo2', heartRate: 'heartRate', respiratoryRate: 'respiratoryRate', news2: 'spo2' };
const WIDTH = 280;
const HEIGHT = 90;

/** The protocol id split into its parts: the shipped version and each layer (org:..., patient). */
export function protocolParts(protocolId) {
  const [basis, ...layers] = (protocolId ?? '').split('+');
  return { basis, layers };
}

/** The explanation block of an alert. */
export function alertExplanation(alert) {
  const { basis, layers } = protocolParts(alert.protocol);
  const block = element(
    'section',
    { className: 'alert-explanation' },
    element('h4', {}, t('why.title')),
    element(
      'dl',
      {},
      element('dt', {}, t('why.rules')),
      element('dd', {}, alert.reasons.map(reasonText).join(', ')),
      element('dt', {}, t('why.protocol')),
      element('dd', {}, basis || '—'),
      element('dt', {}, t('why.layers')),
      element('dd', {}, layers.length ? layers.join(', ') : t('why.noLayer')),
    ),
  );
  block.dataset.testid = 'alert-explanation';
  for (const hold of alert.holds ?? []) {
    block.append(holdFigure(hold));
  }
  return block;
}

function holdFigure(hold) {
  const plot = element('div', { className: 'plot hold-plot' });
  const caption = element(
    'figcaption',
    {},
    t('why.held', {
      reason: reasonText(hold.reason),
      window: Math.round(hold.windowSeconds),
      from: clockTime(hold.from),
      to: clockTime(hold.to),
    }),
  );
  const figure = element('figure', { className: 'hold' }, caption, plot);
  figure.dataset.testid = 'alert-hold';
  figure.dataset.reason = hold.reason;
  queueMicrotask(() => drawHold(plot, hold));
  return figure;
}

function drawHold(container, hold) {
  if (!window.uPlot) return;
  const key = VALUE[hold.parameter] ?? 'spo2';
  const samples = (hold.samples ?? []).filter((s) => s[key] !== null && s[key] !== undefined);
  const data = [samples.map((s) => Date.parse(s.at) / 1000), samples.map((s) => s[key])];
  const from = Date.parse(hold.from) / 1000;
  const to = Date.parse(hold.to) / 1000;
  const options = {
    width: WIDTH,
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: true } },
    axes: [{ show: false }, { size: 32, stroke: '#4d5561', grid: { stroke: '#e6e9ed' } }],
    series: [{}, { stroke: hold.level === 'red' ? '#b3261e' : '#b35c00', width: 1.5 }],
    hooks: {
      // The stretch the band held: shaded from the start of the hold to the sample that completed the window.
      drawClear: [(u) => {
        const left = u.valToPos(from, 'x', true);
        const right = u.valToPos(to, 'x', true);
        u.ctx.save();
        u.ctx.fillStyle = 'rgba(179, 38, 30, 0.08)';
        u.ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
        u.ctx.restore();
      }],
    },
  };
  container.replaceChildren();
  container.dataset.points = String(samples.length);
  new window.uPlot(options, data, container);
}
