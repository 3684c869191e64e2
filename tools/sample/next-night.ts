/**
 * A quiet next night for a generated sample (issue 15): the same feed folder plus one more
 * page holding what a real night brings — a share of new orders (copies of recent purchases
 * with new numbers, placed the day after the newest record), changed orders (an evaluation
 * arrives) and refunded ones, by default one changed order and none refunded (issue 15's quiet
 * night). Changed orders are taken from a third of the way through the feed, refunded ones from
 * two thirds, so in a sample of several months the two lie in different months. Every new
 * record is dated after everything already in the feed, so an incremental pull takes exactly
 * these. Deterministic: the same folder in gives the same night out.
 */
type Json = { [k: string]: unknown };
export interface FeedFile { name: string; content: string }
export interface NightChanges {
  /** Share of the completed orders that arrive new (at least one). */
  share?: number;
  /** Older orders whose evaluation arrives. */
  changed?: number;
  /** Older orders refunded. */
  refunded?: number;
}
export interface NextNight { files: FeedFile[]; newOrders: number; changed: string[]; refunded: string[] }

// Between two picked orders of one kind: consecutive ones would be one agency's day of buying.
const PICK_STEP = 97;

const DAY = 86_400_000;

/** The Asia/Shanghai wall-clock ISO text of an instant. */
function shanghai(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

export function nextNight(files: readonly FeedFile[], { share = 0.01, changed: changes = 1, refunded: refunds = 0 }: NightChanges = {}): NextNight {
  const pages = files.filter((f) => /^orders-\d+\.json$/.test(f.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (pages.length === 0) throw new Error('no orders-NNNN.json pages in the sample');
  const items = pages.flatMap((p) => (JSON.parse(p.content) as { items: Json[] }).items);
  const completed = items.filter((o) => o.status === 'completed' && Array.isArray(o.lines));
  // The newest instant anywhere in the feed; records whose time does not parse are skipped here.
  let newest = 0;
  for (const o of items) for (const k of ['placed_at', 'completed_at', 'updated_at']) {
    const t = Date.parse(String(o[k] ?? ''));
    if (Number.isFinite(t) && t > newest) newest = t;
  }
  const day = Math.floor((newest + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000 + DAY; // next Shanghai midnight
  const n = Math.max(1, Math.round(completed.length * share));
  const stampDay = shanghai(day).slice(0, 10).replace(/-/g, '');
  const fresh = completed.slice(-n).map((o, i) => {
    const placed = day + 9 * 3_600_000 + i * 60_000;
    return {
      ...o,
      order_no: `ES${stampDay}9${String(i + 1).padStart(5, '0')}`,
      placed_at: shanghai(placed),
      completed_at: shanghai(placed + 3_600_000),
      updated_at: shanghai(placed + 3_600_000),
      evaluation: null,
    };
  });
  const later = shanghai(day + 20 * 3_600_000);
  // From `from` up to (not including) `until`, as fractions of the completed orders: the changed
  // ones never reach the refunded ones.
  const pick = (count: number, from: number, until: number): Json[] => {
    const first = Math.floor(from * completed.length);
    if (count > 0 && first + (count - 1) * PICK_STEP >= Math.floor(until * completed.length)) throw new Error(`the sample has too few orders for ${count} changed or refunded ones`);
    return Array.from({ length: count }, (_, k) => completed[first + k * PICK_STEP]!);
  };
  const changedFrom = pick(changes, 1 / 3, 2 / 3);
  const refundedFrom = pick(refunds, 2 / 3, 1);
  const changed = changedFrom.map((o) => ({ ...o, evaluation: { rating: 2, comment: '到货后发现包装破损，已协商处理', at: later }, updated_at: later }));
  const refunded = refundedFrom.map((o) => ({ ...o, status: 'refunded', updated_at: later }));

  const last = pages[pages.length - 1]!;
  const lastPage = JSON.parse(last.content) as { items: Json[]; next_cursor: string | null };
  const nextName = `orders-${String(Number(/\d+/.exec(last.name)![0]) + 1).padStart(4, '0')}.json`;
  const out = files.map((f) => (f === last ? { name: f.name, content: `${JSON.stringify({ ...lastPage, next_cursor: nextName }, null, 1)}\n` } : f));
  out.push({ name: nextName, content: `${JSON.stringify({ items: [...fresh, ...changed, ...refunded], next_cursor: null }, null, 1)}\n` });
  return { files: out, newOrders: fresh.length, changed: changedFrom.map((o) => String(o.order_no)), refunded: refundedFrom.map((o) => String(o.order_no)) };
}
