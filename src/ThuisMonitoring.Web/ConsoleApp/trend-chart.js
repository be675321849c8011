// One trend chart of one vital sign on uPlot (window.uPlot, copied from npm at build time; see the Web csproj).
// The protocol's bands are shaded behind the line (orange and red where a value alone raises that level), alerts
// and calls are vertical marks on the time axis, and the time axis is in Europe/Amsterdam whatever the PC's time zone.

import { t, locale } from './i18n.js';

const TIME_ZONE = 'Europe/Amsterdam';
const HEIGHT = 150;

// The y range always shown, widened when values fall outside it, so a flat normal line does not look alarming.
const Y_RANGE = {
  spo2: [84, 100],
  'heart-rate': [40, 140],
  'respiratory-rate': [8, 30],
  'oxygen-flow': [0, 5],
  temperature: [35, 40],
};

const BAND_FILL = { orange: 'rgba(240, 160, 32, 0.16)', red: 'rgba(179, 38, 30, 0.13)', green: null };
const LOW_SCORE_FILL = 'rgba(240, 200, 32, 0.10)';
const ALERT_STROKE = { urgent: '#b3261e', warning: '#c77800' };
const LINE = '#0b5394';
const CALL_STROKE = '#6a3d9a';

/** The series and x values of a vitals answer: raw gives one line, per minute gives mean with min and max. */
function seriesData(trend) {
  if (trend.resolution === 'raw') {
    return {
      data: [trend.values.map((v) => Date.parse(v.at) / 1000), trend.values.map((v) => v.value)],
      series: [{ label: t('chart.value'), stroke: LINE, width: 2, points: { show: trend.values.length < 200, size: 4 } }],
    };
  }
  const minutes = trend.aggregates;
  return {
    data: [
      minutes.map((a) => Date.parse(a.minute) / 1000),
      minutes.map((a) => a.mean),
      minutes.map((a) => a.min),
      minutes.map((a) => a.max),
    ],
    series: [
      { label: t('chart.mean'), stroke: LINE, width: 1.5, points: { show: false } },
      { label: t('chart.min'), stroke: 'rgba(11, 83, 148, 0.35)', width: 1, points: { show: false } },
      { label: t('chart.max'), stroke: 'rgba(11, 83, 148, 0.35)', width: 1, points: { show: false } },
    ],
  };
}

/**
 * Axis labels in 24-hour Amsterdam time in the console's language: "14:00" within a day, with the date under the
 * first label of each day; "26 nov" over a longer range.
 */
function timeLabels(splits, spanSeconds) {
  const day = new Intl.DateTimeFormat(locale(), { timeZone: TIME_ZONE, day: 'numeric', month: 'short' });
  if (spanSeconds > 2 * 86_400) return splits.map((seconds) => day.format(new Date(seconds * 1000)));
  const clock = new Intl.DateTimeFormat(locale(), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  let previousDay = null;
  return splits.map((seconds) => {
    const date = new Date(seconds * 1000);
    const thisDay = day.format(date);
    const label = thisDay === previousDay ? clock.format(date) : `${clock.format(date)}\n${thisDay}`;
    previousDay = thisDay;
    return label;
  });
}

/** Shades the bands that score: values alone reaching orange or red, and a faint tint for a score of 1. */
function drawBands(u, bands) {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const band of bands) {
    const fill = BAND_FILL[band.level] ?? null;
    const colour = fill ?? (band.score > 0 ? LOW_SCORE_FILL : null);
    if (!colour) continue;
    const [yMin, yMax] = [u.scales.y.min, u.scales.y.max];
    const low = band.above ?? yMin;
    const high = band.upTo ?? yMax;
    if (high < yMin || low > yMax) continue;
    const yTop = u.valToPos(Math.min(high, yMax), 'y', true);
    const yBottom = u.valToPos(Math.max(low, yMin), 'y', true);
    ctx.fillStyle = colour;
    ctx.fillRect(left, yTop, width, yBottom - yTop);
  }
  ctx.restore();
}

/** A vertical line at each alert's raising time, dashed for a warning, solid for urgent. */
function drawAlerts(u, alerts) {
  const { ctx } = u;
  const { top, height } = u.bbox;
  ctx.save();
  for (const alert of alerts) {
    const seconds = Date.parse(alert.raisedAt) / 1000;
    if (seconds < u.scales.x.min || seconds > u.scales.x.max) continue;
    const x = Math.round(u.valToPos(seconds, 'x', true));
    ctx.strokeStyle = ALERT_STROKE[alert.level] ?? ALERT_STROKE.warning;
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash(alert.level === 'urgent' ? [] : [6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * A mark at each call to the patient (the timeline's "call" entries): a dotted purple line with a small diamond on top,
 * so calls and alerts can be told apart at a glance.
 */
function drawCalls(u, calls) {
  const { ctx } = u;
  const { top, height } = u.bbox;
  const size = 4 * devicePixelRatio;
  ctx.save();
  ctx.strokeStyle = CALL_STROKE;
  ctx.fillStyle = CALL_STROKE;
  ctx.lineWidth = 1.5 * devicePixelRatio;
  for (const call of calls) {
    const seconds = Date.parse(call.at) / 1000;
    if (seconds < u.scales.x.min || seconds > u.scales.x.max) continue;
    const x = Math.round(u.valToPos(seconds, 'x', true));
    ctx.setLineDash([2 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x + size, top + size);
    ctx.lineTo(x, top + 2 * size);
    ctx.lineTo(x - size, top + size);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

/**
 * Draws a trend into container (emptied first). trend is the vitals answer; alerts are the patient's alerts; calls
 * (optional) are the timeline's call entries ({at}). The arrays are read at every draw, so a caller may change them
 * and call redraw(). Returns the uPlot instance so the caller can resize or destroy it.
 */
export function drawTrend(container, trend, alerts, calls = []) {
  const { data, series } = seriesData(trend);
  const [lowest, highest] = Y_RANGE[trend.sign] ?? [0, 1];
  const from = Date.parse(trend.from) / 1000;
  const to = Date.parse(trend.to) / 1000;
  const options = {
    width: Math.max(280, container.clientWidth),
    height: HEIGHT,
    tzDate: (seconds) => window.uPlot.tzDate(new Date(seconds * 1000), TIME_ZONE),
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: true, range: () => [from, to] },
      y: {
        range: (u, min, max) => [
          Math.min(lowest, Number.isFinite(min) ? Math.floor(min) : lowest),
          Math.max(highest, Number.isFinite(max) ? Math.ceil(max) : highest),
        ],
      },
    },
    axes: [
      { stroke: '#4d5561', grid: { stroke: '#e6e9ed' }, space: 60, values: (u, splits) => timeLabels(splits, to - from) },
      { stroke: '#4d5561', grid: { stroke: '#e6e9ed' }, size: 44 },
    ],
    series: [{}, ...series],
    hooks: {
      drawClear: [(u) => drawBands(u, trend.bands ?? [])],
      draw: [(u) => drawAlerts(u, alerts), (u) => drawCalls(u, calls)],
    },
  };
  container.replaceChildren();
  return new window.uPlot(options, data, container);
}
