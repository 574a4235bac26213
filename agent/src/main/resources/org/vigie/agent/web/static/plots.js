// One uPlot per channel: numbers as lines with their rules' thresholds, booleans as state bands.
import { el } from './format.js';

const plots = new Map(); // channel -> { u, ch, data, seen }
// A plot's history is fetched once it scrolls into view: a phone on a weak link loads only what it shows.
const observer = new IntersectionObserver(entries => entries.forEach(e => {
  const p = plots.get(e.target.dataset.channel);
  if (p && e.isIntersecting && !p.seen) {
    p.seen = true;
    refresh(e.target.dataset.channel);
  }
}), { rootMargin: '200px' });
const SEV_COLOUR = { warning: '#d97706', critical: '#c81e1e' };
let range = '1h';
let container;

export function init(where) {
  container = where;
  window.addEventListener('resize', () => plots.forEach(p => p.u.setSize(size(p.ch))));
}

function size(ch) {
  const w = Math.max(200, container.clientWidth - 10);
  return { width: w, height: ch.type === 'boolean' ? 110 : Math.min(240, Math.max(170, Math.round(w * 0.45))) };
}

/** Creates the plots of channels not plotted yet, in name order. */
export function ensure(channels) {
  for (const [name, ch] of Object.entries(channels)) {
    if (plots.has(name)) continue;
    const box = el('div', 'plot');
    box.id = `plot-${name}`;
    box.dataset.channel = name;
    box.append(el('div', 'title', ch.unit ? `${name} (${ch.unit})` : name));
    container.append(box);
    const empty = ch.type === 'boolean' ? [[], []] : [[], [], [], []];
    const u = new uPlot(options(name, ch), empty, box);
    plots.set(name, { u, ch, data: empty, seen: false });
    observer.observe(box);
  }
}

function options(name, ch) {
  const thresholds = ch.thresholds || [];
  if (ch.type === 'boolean') {
    return { ...size(ch), legend: { show: false }, cursor: { y: false },
      scales: { y: { range: [0, 1] } },
      axes: [{}, { values: (u, vals) => vals.map(v => (v === 1 ? 'on' : v === 0 ? 'off' : '')), size: 40 }],
      series: [{}, { label: name, stroke: '#c81e1e', fill: 'rgba(200,30,30,0.35)', width: 1,
        paths: uPlot.paths.stepped({ align: 1 }) }] };
  }
  return { ...size(ch), legend: { show: false },
    scales: { y: { range: (u, min, max) => {
      const vals = [min, max, ...thresholds.map(t => t.value)].filter(v => v !== null && Number.isFinite(v));
      if (!vals.length) return [0, 1];
      let lo = Math.min(...vals); let hi = Math.max(...vals);
      const pad = Math.max((hi - lo) * 0.08, 0.5);
      return [lo - pad, hi + pad];
    } } },
    series: [{}, { label: name, stroke: '#2563eb', width: 2 },
      { label: 'min', stroke: 'rgba(37,99,235,0.35)', width: 1 }, { label: 'max', stroke: 'rgba(37,99,235,0.35)', width: 1 }],
    hooks: { draw: [u => drawThresholds(u, thresholds)] } };
}

function drawThresholds(u, thresholds) {
  const ctx = u.ctx;
  ctx.save();
  ctx.setLineDash([6, 4]);
  ctx.lineWidth = 1.5 * devicePixelRatio;
  for (const t of thresholds) {
    const y = u.valToPos(t.value, 'y', true);
    ctx.strokeStyle = SEV_COLOUR[t.severity] || '#6b7280';
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, y);
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
    ctx.fillStyle = ctx.strokeStyle;
    ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.fillText(`${t.severity} ${t.value}`, u.bbox.left + u.bbox.width - 4, y - 3 * devicePixelRatio);
  }
  ctx.restore();
}

/** Fetches a channel's history for the current range and redraws it. */
export async function refresh(name) {
  const p = plots.get(name);
  if (!p || !p.seen) return;
  try {
    const r = await fetch(`api/history?channel=${encodeURIComponent(name)}&since=${range}`);
    if (!r.ok) return;
    const h = await r.json();
    const xs = h.points.map(q => q[0] / 1000);
    const data = [xs, h.points.map(q => (q[1] === null ? null : Number(q[1])))];
    if (h.points.length && h.points[0].length === 4 && p.ch.type !== 'boolean') {
      data.push(h.points.map(q => q[2]), h.points.map(q => q[3]));
    } else if (p.ch.type !== 'boolean') {
      data.push(xs.map(() => null), xs.map(() => null));
    }
    const now = Date.now() / 1000;
    p.u.setScale('x', { min: now - seconds(range), max: now });
    p.data = data;
    p.u.setData(data, false);
    p.u.setScale('x', { min: now - seconds(range), max: now });
  } catch (e) {
    // the next refresh tries again
  }
}

function seconds(r) {
  return { '1h': 3600, '24h': 86400, '7d': 604800 }[r];
}

/** Appends the live values to the 1 h plots between history refreshes. */
export function live(channels) {
  if (range !== '1h') return;
  for (const [name, ch] of Object.entries(channels)) {
    const p = plots.get(name);
    if (!p || !p.seen || !ch.ts) continue;
    const x = Date.parse(ch.ts) / 1000;
    const xs = p.data[0];
    if (xs.length && x <= xs[xs.length - 1]) continue;
    const v = ch.quality === 'good' ? (typeof ch.value === 'boolean' ? (ch.value ? 1 : 0) : ch.value) : null;
    p.data.forEach((col, i) => col.push(i === 0 ? x : i === 1 ? v : null));
    const now = Date.now() / 1000;
    p.u.setData(p.data, false);
    p.u.setScale('x', { min: now - 3600, max: now });
  }
}

export function setRange(r) {
  range = r;
  plots.forEach((p, name) => refresh(name));
}

export function refreshAll() {
  plots.forEach((p, name) => refresh(name));
}
