// The status page: polls api/state every second, the journal when it grew, and draws it all.
import * as fmt from './format.js';
import * as plots from './plots.js';

const POLL_MS = 1000;
let lastSeq = null;
let canAck = false;
let fetchingEvents = false;
const $ = id => document.getElementById(id);

plots.init($('plots'));
document.querySelectorAll('.ranges button').forEach(b => b.addEventListener('click', () => {
  document.querySelectorAll('.ranges button').forEach(x => x.classList.toggle('on', x === b));
  plots.setRange(b.dataset.range);
}));

async function poll() {
  try {
    const r = await fetch('api/state', { cache: 'no-store' });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    render(await r.json());
  } catch (e) {
    $('freshness').textContent = `agent unreachable (${e.message}); retrying`;
    $('banner').className = 'sev-unknown';
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

function render(s) {
  canAck = s.ack === true;
  document.title = `${s.worst ? s.worst.toUpperCase() + ' · ' : ''}vigie ${s.site}/${s.agent}`;
  $('where').textContent = `${s.site} / ${s.agent}`;
  $('worst').textContent = s.worst ? `${s.worst.toUpperCase()}: ${raised(s).length} alarm(s)` : 'all normal';
  $('banner').className = `sev-${s.worst || 'none'}`;
  $('freshness').textContent = `updated ${fmt.when(s.ts)}${s.broker_connected ? '' : ' · broker unreachable'}`;
  renderAlarms(s);
  renderTiles(s);
  plots.ensure(Object.fromEntries(Object.entries(s.channels)));
  plots.live(s.channels);
  if (s.last_seq !== lastSeq && !fetchingEvents) events(s.last_seq);
}

function raised(s) {
  return Object.values(s.alarms).filter(a => a.state !== 'cleared');
}

function renderAlarms(s) {
  const box = $('alarms');
  const list = raised(s).sort((a, b) => sevRank(b.severity) - sevRank(a.severity) || a.since.localeCompare(b.since));
  box.replaceChildren();
  if (!list.length) {
    box.append(fmt.el('p', 'note', 'none raised'));
    return;
  }
  for (const a of list) {
    const row = fmt.el('div', `alarm ${a.state}`);
    row.dataset.alarm = a.alarm;
    row.append(fmt.el('span', `sev ${a.severity}`, a.severity), fmt.el('span', 'msg', `${a.alarm}: ${a.message}`));
    if (canAck && a.state === 'active') {
      const b = fmt.el('button', '', 'acknowledge');
      b.addEventListener('click', () => ack(a.alarm, b));
      row.append(b);
    } else {
      row.append(fmt.el('span'));
    }
    const by = a.acked_by ? ` · acknowledged by ${a.acked_by}` : '';
    row.append(fmt.el('span', 'when', `since ${fmt.when(a.since)} (${fmt.age(a.since, s.ts)})${by}`));
    box.append(row);
  }
}

function sevRank(s) {
  return { info: 1, warning: 2, critical: 3 }[s] || 0;
}

function renderTiles(s) {
  const box = $('tiles');
  const worstBy = {};
  for (const a of raised(s)) {
    for (const c of [a.sensor, ...(a.sensors || [])].filter(Boolean)) {
      if (sevRank(a.severity) > sevRank(worstBy[c])) worstBy[c] = a.severity;
    }
  }
  box.replaceChildren();
  for (const [name, ch] of Object.entries(s.channels)) {
    const sensor = name.split('.')[0];
    const sev = worstBy[name] || worstBy[sensor];
    const t = fmt.el('div', `tile ${ch.quality}${sev ? ' alarm-' + sev : ''}`);
    t.dataset.channel = name;
    t.append(fmt.el('div', 'name', name), fmt.el('div', 'value', fmt.value(ch)));
    const meta = fmt.el('div', 'meta');
    if (ch.quality !== 'good') meta.append(fmt.el('span', 'quality', `${ch.quality} `));
    meta.append(document.createTextNode(ch.quality === 'good' ? fmt.age(ch.ts, s.ts) : `${ch.problem || ''} · ${fmt.age(ch.ts, s.ts)}`));
    t.append(meta);
    box.append(t);
  }
}

async function events(seq) {
  const after = lastSeq === null ? Math.max(0, seq - 50) : lastSeq;
  fetchingEvents = true;
  try {
    const r = await fetch(`api/events?after_seq=${after}`);
    if (!r.ok) return;
    const list = await r.json();
    const ol = $('timeline');
    for (const e of list) {
      const li = fmt.el('li');
      li.append(fmt.el('time', '', fmt.when(e.ts)), document.createTextNode(fmt.event(e)));
      ol.prepend(li);
    }
    while (ol.children.length > 100) ol.lastChild.remove();
    lastSeq = list.length ? list[list.length - 1].seq : seq;
  } catch (e) {
    // tried again at the next change
  } finally {
    fetchingEvents = false;
  }
}

async function ack(alarm, button) {
  button.disabled = true;
  try {
    const r = await fetch('api/ack', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ alarm }) });
    if (!r.ok) {
      const e = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
      alert(`not acknowledged: ${e.error}`);
    }
  } finally {
    button.disabled = false;
  }
}

setInterval(plots.refreshAll, 30000);
poll();
