import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../schema.ts';
import type { FlagsQuery } from './filters.ts';
import { parseApiEvidence } from './evidence-json.ts';
import type { Page } from './orders.ts';

export interface FlagItem {
  id: number;
  rule: string;
  subject_type: string;
  subject_id: string;
  order_no: string | null;
  agency_id: string | null;
  supplier_id: string | null;
  placed_at: string | null;
  rule_version: string;
  evidence: unknown;
}

function filtered(db: Kysely<Database>, q: FlagsQuery) {
  return db
    .selectFrom('flags as f')
    .leftJoin('orders as o', 'o.order_no', 'f.order_no')
    .leftJoin('flag_reviews as r', 'r.flag_key', 'f.key')
    .where((eb) => {
      const conds: Expression<SqlBool>[] = [];
      if (q.rule !== undefined) conds.push(eb('f.rule', '=', q.rule));
      if (q.agency !== undefined) {
        // Agency-level flags (annual cap) may name the agency as their subject.
        conds.push(eb.or([eb('o.agency_id', '=', q.agency), eb.and([eb('f.subject_type', '=', 'agency'), eb('f.subject_id', '=', q.agency)])]));
      }
      if (q.supplier !== undefined) conds.push(eb('o.supplier_id', '=', q.supplier));
      if (q.review === 'unreviewed') conds.push(eb('r.status', 'is', null));
      else if (q.review !== undefined) conds.push(eb('r.status', '=', q.review));
      if (q.category !== undefined) {
        // Flags about a purchase with a line in this category (a code or a prefix of one, like /api/orders).
        const prefix = q.category;
        conds.push(eb.exists(eb.selectFrom('order_lines as l').innerJoin('listings as li', 'li.sku', 'l.sku').select(sql<number>`1`.as('x'))
          .whereRef('l.order_no', '=', 'f.order_no').where(sql<SqlBool>`substr(li.category_code, 1, ${prefix.length}) = ${prefix}`)));
      }
      if (q.year !== undefined) {
        conds.push(eb('o.placed_at', '>=', `${q.year}-01-01`));
        conds.push(eb('o.placed_at', '<', `${q.year + 1}-01-01`));
      }
      return eb.and(conds);
    });
}

/** GET /api/flags: newest purchases first, then by flag id. */
export async function listFlags(db: Kysely<Database>, q: FlagsQuery): Promise<Page<FlagItem>> {
  const countRow = await filtered(db, q).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  const total = Number(countRow?.n ?? 0);
  const offset = (q.page - 1) * q.per_page;
  if (offset >= total) return { items: [], total, page: q.page, per_page: q.per_page };
  const rows = await filtered(db, q)
    .select([
      'f.id', 'f.rule', 'f.subject_type', 'f.subject_id', 'f.order_no', 'o.agency_id', 'o.supplier_id', 'o.placed_at',
      'f.rule_version', 'f.evidence_json',
    ])
    .orderBy('o.placed_at', 'desc')
    .orderBy('f.id')
    .limit(q.per_page)
    .offset(offset)
    .execute();
  const items = rows.map(({ evidence_json, ...r }) => ({ ...r, evidence: parseApiEvidence(evidence_json) }));
  return { items, total, page: q.page, per_page: q.per_page };
}
