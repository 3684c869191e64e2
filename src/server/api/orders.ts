import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { addDays } from '../../domain/time.ts';
import type { OrdersQuery } from './orders-query.ts';
import { bpToPct, yuan } from './money.ts';

/** One row of GET /api/orders. No personal data exists in these tables (ingest drops it). */
export interface OrderListItem {
  order_no: string;
  placed_at: string;
  completed_at: string;
  agency: { id: string; name: string | null };
  supplier: { id: string; name: string | null };
  total_fen: number;
  total_yuan: string;
  currency: string;
  rating: number | null;
  lines: number;
  /** Largest price gap of any line, in basis points; null when no line has a reference. */
  max_gap_bp: number | null;
  max_gap_pct: string | null;
  /** Σ max(gap, 0) × quantity over lines with a reference. */
  overpaid_fen: number;
  overpaid_yuan: string;
  flags: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  per_page: number;
}

// Upper bound for a prefix range on order_no: every string starting with q sorts below q + U+10FFFF.
const MAX_CHAR = String.fromCodePoint(0x10ffff);

type OrdersDb = Kysely<Database>;

function filtered(db: OrdersDb, q: OrdersQuery) {
  return db.selectFrom('orders as o').where((eb) => {
    const conds: Expression<SqlBool>[] = [];
    if (q.agency !== undefined) conds.push(eb('o.agency_id', '=', q.agency));
    if (q.supplier !== undefined) conds.push(eb('o.supplier_id', '=', q.supplier));
    if (q.from !== undefined) conds.push(eb('o.placed_at', '>=', q.from));
    // placed_at is Shanghai ISO text, so "before the next day" is an index-friendly text range.
    if (q.to !== undefined) conds.push(eb('o.placed_at', '<', addDays(q.to, 1)));
    if (q.q !== undefined) {
      const prefix = q.q;
      conds.push(eb('o.order_no', '>=', prefix));
      conds.push(eb('o.order_no', '<', prefix + MAX_CHAR));
      conds.push(sql<SqlBool>`substr(o.order_no, 1, ${[...prefix].length}) = ${prefix}`);
    }
    if (q.category !== undefined) {
      const cat = q.category;
      conds.push(
        eb.exists(
          eb.selectFrom('order_lines as l')
            .innerJoin('listings as li', 'li.sku', 'l.sku')
            .select(sql`1`.as('one'))
            .whereRef('l.order_no', '=', 'o.order_no')
            .where(sql<SqlBool>`substr(li.category_code, 1, ${[...cat].length}) = ${cat}`),
        ),
      );
    }
    if (q.flag !== undefined) {
      conds.push(
        eb.exists(eb.selectFrom('flags as f').select(sql`1`.as('one')).whereRef('f.order_no', '=', 'o.order_no').where('f.rule', '=', q.flag)),
      );
    }
    if (q.min_gap_bp !== undefined) {
      conds.push(
        eb.exists(
          eb.selectFrom('line_gaps as g').select(sql`1`.as('one')).whereRef('g.order_no', '=', 'o.order_no').where('g.gap_bp', '>=', q.min_gap_bp),
        ),
      );
    }
    return eb.and(conds);
  });
}

export async function listOrders(db: OrdersDb, q: OrdersQuery): Promise<Page<OrderListItem>> {
  const countRow = await filtered(db, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const total = Number(countRow?.n ?? 0);
  const offset = (q.page - 1) * q.per_page;
  if (offset >= total) return { items: [], total, page: q.page, per_page: q.per_page };

  const dir = q.direction;
  let base = filtered(db, q)
    .leftJoin('agencies as a', 'a.id', 'o.agency_id')
    .leftJoin('suppliers as s', 's.id', 'o.supplier_id')
    .select([
      'o.order_no', 'o.placed_at', 'o.completed_at', 'o.agency_id', 'a.name as agency_name', 'o.supplier_id',
      's.name as supplier_name', 'o.total_fen', 'o.currency', 'o.rating',
    ]);
  if (q.sort === 'date') base = base.orderBy('o.placed_at', dir);
  else if (q.sort === 'amount') base = base.orderBy('o.total_fen', dir);
  else {
    // Orders without any reference price go last either way: "no reference" is not a zero gap.
    const maxGap = sql`(SELECT max(g.gap_bp) FROM line_gaps g WHERE g.order_no = o.order_no)`;
    base = base.orderBy(sql`${maxGap} IS NULL`).orderBy(maxGap, dir);
  }
  const rows = await base.orderBy('o.order_no', dir).limit(q.per_page).offset(offset).execute();
  const details = await pageDetails(db, rows.map((r) => r.order_no));
  const items = rows.map((r): OrderListItem => {
    const d = details.get(r.order_no);
    const overpaid = d?.overpaid ?? 0;
    return {
      order_no: r.order_no,
      placed_at: r.placed_at,
      completed_at: r.completed_at,
      agency: { id: r.agency_id, name: r.agency_name },
      supplier: { id: r.supplier_id, name: r.supplier_name },
      total_fen: r.total_fen,
      total_yuan: yuan(r.total_fen)!,
      currency: r.currency,
      rating: r.rating,
      lines: d?.lines ?? 0,
      max_gap_bp: d?.maxGap ?? null,
      max_gap_pct: bpToPct(d?.maxGap ?? null),
      overpaid_fen: overpaid,
      overpaid_yuan: yuan(overpaid)!,
      flags: d?.flags ?? [],
    };
  });
  return { items, total, page: q.page, per_page: q.per_page };
}

interface Detail {
  lines: number;
  maxGap: number | null;
  overpaid: number;
  flags: string[];
}

/** Per-order line counts, gaps and flag rules for one page of orders (at most 500 ids). */
async function pageDetails(db: OrdersDb, orderNos: string[]): Promise<Map<string, Detail>> {
  const out = new Map<string, Detail>();
  if (orderNos.length === 0) return out;
  const lineRows = await db
    .selectFrom('order_lines as l')
    .leftJoin('line_gaps as g', (j) => j.onRef('g.order_no', '=', 'l.order_no').onRef('g.line_no', '=', 'l.line_no'))
    .select([
      'l.order_no',
      (eb) => eb.fn.countAll<number>().as('lines'),
      (eb) => eb.fn.max('g.gap_bp').as('max_gap'),
      sql<number>`coalesce(sum(CASE WHEN g.gap_fen > 0 THEN round(g.gap_fen * l.quantity) ELSE 0 END), 0)`.as('overpaid'),
    ])
    .where('l.order_no', 'in', orderNos)
    .groupBy('l.order_no')
    .execute();
  for (const r of lineRows) {
    out.set(r.order_no, { lines: Number(r.lines), maxGap: r.max_gap ?? null, overpaid: Number(r.overpaid), flags: [] });
  }
  const flagRows = await db
    .selectFrom('flags')
    .select(['order_no', 'rule'])
    .distinct()
    .where('order_no', 'in', orderNos)
    .orderBy('order_no')
    .orderBy('rule')
    .execute();
  for (const f of flagRows) {
    if (f.order_no === null) continue;
    const d = out.get(f.order_no) ?? { lines: 0, maxGap: null, overpaid: 0, flags: [] };
    d.flags.push(f.rule);
    out.set(f.order_no, d);
  }
  return out;
}
