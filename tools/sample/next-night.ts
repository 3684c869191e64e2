/**
 * A quiet next night for a generated sample (issue 15): the same feed folder plus one more
 * page holding what a real night brings — a share of new orders (copies of recent purchases
 * with new numbers, placed the day after the newest record), one changed order (its evaluation
 * arrives) and one refunded order. Every new record is dated after everything already in the
 * feed, so an incremental pull takes exactly these. Deterministic: the same folder in gives the
 * same night out.
 */
type Json = { [k: string]: unknown };
export interface FeedFile { name: string; content: string }
export interface NextNight { files: FeedFile[]; newOrders: number; changed: string; refunded: string }

const DAY = 86_400_000;

/** The Asia/Shanghai wall-clock ISO text of an instant. */
function shanghai(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

export function nextNight(files: readonly FeedFile[], share = 0.01): NextNight {
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
  const changedFrom = completed[Math.floor(completed.length / 3)]!;
  const refundedFrom = completed[Math.floor((2 * completed.length) / 3)]!;
  const changed = { ...changedFrom, evaluation: { rating: 2, comment: '到货后发现包装破损，已协商处理', at: later }, updated_at: later };
  const refunded = { ...refundedFrom, status: 'refunded', updated_at: later };

  const last = pages[pages.length - 1]!;
  const lastPage = JSON.parse(last.content) as { items: Json[]; next_cursor: string | null };
  const nextName = `orders-${String(Number(/\d+/.exec(last.name)![0]) + 1).padStart(4, '0')}.json`;
  const out = files.map((f) => (f === last ? { name: f.name, content: `${JSON.stringify({ ...lastPage, next_cursor: nextName }, null, 1)}\n` } : f));
  out.push({ name: nextName, content: `${JSON.stringify({ items: [...fresh, changed, refunded], next_cursor: null }, null, 1)}\n` });
  return { files: out, newOrders: fresh.length, changed: String(changedFrom.order_no), refunded: String(refundedFrom.order_no) };
}
