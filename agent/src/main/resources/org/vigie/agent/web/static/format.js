// Small formatting helpers for the status page.

/** A channel's value as text: numbers to at most 2 decimals with their unit, booleans as active/inactive. */
export function value(ch) {
  if (ch.value === null || ch.value === undefined) return '—';
  if (typeof ch.value === 'boolean') return ch.value ? (activeWord(ch.kind)) : 'normal';
  const v = Math.round(ch.value * 100) / 100;
  return ch.unit ? `${v} ${ch.unit}` : String(v);
}

function activeWord(kind) {
  return { leak: 'WATER', power: 'ACTIVE', door: 'OPEN', smoke: 'SMOKE' }[kind] || 'ACTIVE';
}

/** How long ago `ts` was, seen from `now` (both RFC 3339), in a few characters. */
export function age(ts, now) {
  if (!ts) return 'never read';
  const s = Math.max(0, Math.round((Date.parse(now) - Date.parse(ts)) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** A local time of day (and the date when not today). */
export function when(ts) {
  const d = new Date(ts);
  const today = new Date().toDateString() === d.toDateString();
  const t = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return today ? t : `${d.toLocaleDateString()} ${t}`;
}

/** One journal event as a sentence. */
export function event(e) {
  switch (e.type) {
    case 'alarm': {
      const by = e.acked_by && e.transition === 'acknowledged' ? ` by ${e.acked_by}` : '';
      return `${e.alarm} ${e.transition || e.state} (${e.severity})${by}: ${e.message || ''}`;
    }
    case 'agent': return `agent ${e.state}`;
    case 'shutdown': return `shutdown ${e.policy || ''} ${e.state || e.step || ''} ${e.group || ''}`.trim();
    case 'recovery': return `recovery ${e.recovery}: ${recoveryStep(e)}`;
    case 'journal': return e.message || `journal ${e.state}: events ${e.from_seq}–${e.to_seq}`;
    default: return `${e.type}: ${Object.entries(e).filter(([k]) => !['seq', 'ts', 'type'].includes(k))
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' ')}`;
  }
}

const list = (a) => (Array.isArray(a) ? a.join(', ') : '');

/** An ordered recovery's step (SPEC §9), in the words of `vigie timeline`. */
function recoveryStep(e) {
  switch (e.step) {
    case 'waiting': return `waiting: policy ${e.policy} stopped ${list(e.groups)}`;
    case 'settling': return `every alarm of ${e.policy} cleared; settling`;
    case 'confirm': return `waits for a person: vigie recover --policy ${e.recovery}`;
    case 'confirmed': return `confirmed by ${e.by}`;
    case 'waking': return `waking group ${e.group}`;
    case 'woken': return `group ${e.group} woken: ${list(e.outcome)}`;
    case 'back': return `group ${e.group} back online`;
    case 'timeout': return `group ${e.group} NOT back in time; missing ${list(e.missing)}`;
    case 'complete': return 'complete: every server the policy stopped is back';
    case 'incomplete': return `INCOMPLETE: not back: ${list(e.missing)}`;
    case 'stopped': return `STOPPED: alarm(s) back: ${list(e.alarms)}`;
    default: return e.step;
  }
}

/** Creates an element with a class and text. */
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
