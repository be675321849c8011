// My data: a 14-day chart and list of one of my values (GET /api/me/vitals), and who looked at my data (GET /api/me/access-log).
import uPlot from './lib/uPlot.esm.js';
import { t, formatTime } from './i18n.js';
import * as platform from './platform.js';

const DAYS = 14;
const UNITS = { spo2: '%', 'heart-rate': '/min', 'respiratory-rate': '/min', temperature: '°C' };
let chart = null;

const $ = (id) => document.getElementById(id);
$('mydata-sign').addEventListener('change', () => showMyData());

export async function showMyData() {
  await Promise.all([showValues($('mydata-sign').value), showAccessLog()]);
}

function row(...cells) {
  const tr = document.createElement('tr');
  for (const text of cells) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

async function showValues(sign) {
  const rows = $('mydata-rows');
  let points;
  try {
    // Exact values of the last day, per-minute means before that (the API gives raw values for at most 24 h).
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
    const [recent, older] = await Promise.all([
      platform.vitals(sign, dayAgo),
      platform.vitals(sign, new Date(Date.now() - DAYS * 24 * 3600 * 1000)),
    ]);
    points = [
      ...(older.aggregates ?? []).filter((a) => new Date(a.minute) < dayAgo).map((a) => ({ at: a.minute, value: a.mean })),
      ...(recent.values ?? []).map((v) => ({ at: v.at, value: v.value })),
    ];
  } catch {
    rows.replaceChildren(row(t('mydata.failed'), ''));
    return;
  }
  const unit = UNITS[sign] ?? '';
  const format = (value) => `${Number.isInteger(value) ? value : value.toFixed(1).replace('.', ',')} ${unit}`;
  rows.replaceChildren(...(points.length === 0
    ? [row(t('mydata.none'), '')]
    : points.slice().reverse().slice(0, 50).map((p) => row(formatTime(p.at), format(p.value)))));
  drawChart(points);
}

function drawChart(points) {
  const container = $('mydata-chart');
  chart?.destroy();
  container.replaceChildren();
  const now = Date.now() / 1000;
  const data = [points.map((p) => new Date(p.at).getTime() / 1000), points.map((p) => p.value)];
  chart = new uPlot({
    width: Math.max(280, container.clientWidth),
    height: 200,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: true, min: now - DAYS * 24 * 3600, max: now } },
    series: [{}, { stroke: '#0b4f8a', width: 2, points: { show: true, size: 6, fill: '#0b4f8a' } }],
    axes: [{ stroke: '#1f2933' }, { stroke: '#1f2933' }],
  }, data, container);
}

/** The audit resource in words; an unknown one is shown as it is. */
function resourceText(resource) {
  const key = `resource.${resource}`;
  const text = t(key);
  return text === key ? resource : text;
}

async function showAccessLog() {
  const rows = $('access-rows');
  try {
    const page = await platform.accessLog();
    rows.replaceChildren(...(page.entries.length === 0
      ? [row(t('access.none'), '', '')]
      : page.entries.map((e) => row(formatTime(e.at), `${e.role === 'patient' ? '' : `${e.actor}, `}${t(`role.${e.role}`)}`, resourceText(e.resource)))));
  } catch {
    rows.replaceChildren(row(t('mydata.failed'), '', ''));
  }
}
