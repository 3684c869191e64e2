import type { Kysely } from 'kysely';
import type { Database } from '../../schema.ts';
import { bpToPct, yuan } from './json-money.ts';
import { parseApiEvidence } from './evidence-json.ts';
import { parseProvenance } from '../provenance.ts';

/** GET /api/orders/{order_no}: the purchase, its lines with reference prices and gaps, its flags. */
export async function getOrder(db: Kysely<Database>, orderNo: string) {
  const o = await db
    .selectFrom('orders as o')
    .leftJoin('agencies as a', 'a.id', 'o.agency_id')
    .leftJoin('suppliers as s', 's.id', 'o.supplier_id')
    .select([
      'o.order_no', 'o.placed_at', 'o.completed_at', 'o.agency_id', 'a.name as agency_name', 'o.supplier_id',
      's.name as supplier_name', 'o.total_fen', 'o.currency', 'o.rating', 'o.comment', 'o.evaluated_at', 'o.source',
      'o.updated_at', 'o.record_hash', 'o.ingest_run', 'o.status', 'o.withdrawn_at',
    ])
    .where('o.order_no', '=', orderNo)
    .executeTakeFirst();
  if (!o) return undefined;

  // The archived record of this version, by its primary key (source, kind, key, hash).
  const raw = await db
    .selectFrom('raw_records')
    .select('body')
    .where('source', '=', o.source)
    .where('kind', '=', 'order')
    .where('key', '=', o.order_no)
    .where('hash', '=', o.record_hash)
    .executeTakeFirst();
  const { kind, ocds, csv } = parseProvenance(o.source, raw?.body ?? null);

  const lines = await db
    .selectFrom('order_lines as l')
    .leftJoin('line_gaps as g', (j) => j.onRef('g.order_no', '=', 'l.order_no').onRef('g.line_no', '=', 'l.line_no'))
    .leftJoin('listings as li', 'li.sku', 'l.sku')
    .select([
      'l.line_no', 'l.sku', 'l.title', 'l.brand', 'l.model', 'l.spec', 'l.unit', 'l.quantity', 'l.unit_price_fen',
      'l.amount_fen', 'li.category_code', 'g.ref_price_fen', 'g.ref_retailer', 'g.ref_observed_on', 'g.ref_url',
      'g.ref_median_fen', 'g.ref_count', 'g.gap_fen', 'g.gap_bp', 'g.method', 'g.no_ref_reason',
    ])
    .where('l.order_no', '=', orderNo)
    .orderBy('l.line_no')
    .execute();

  const flags = await db
    .selectFrom('flags')
    .select(['id', 'rule', 'subject_type', 'subject_id', 'evidence_json', 'rule_version'])
    .where('order_no', '=', orderNo)
    .orderBy('id')
    .execute();

  return {
    order_no: o.order_no,
    placed_at: o.placed_at,
    completed_at: o.completed_at,
    status: o.status,
    withdrawn_at: o.withdrawn_at,
    agency: { id: o.agency_id, name: o.agency_name },
    supplier: { id: o.supplier_id, name: o.supplier_name },
    total_fen: o.total_fen,
    total_yuan: yuan(o.total_fen),
    currency: o.currency,
    // The buyer's evaluation; ingest has already scrubbed names and phone numbers from it.
    evaluation: o.rating === null && o.comment === null ? null : { rating: o.rating, comment: o.comment, at: o.evaluated_at },
    source: o.source,
    updated_at: o.updated_at,
    // Where this purchase came from: the source, the archived record's hash (raw_records in the
    // public database), and for OCDS the ocid and publisher prefix, for CSV the file and rows.
    provenance: {
      kind,
      source: o.source,
      record_hash: o.record_hash,
      ingest_run: o.ingest_run,
      archived: raw !== undefined,
      ...(ocds ? { ocds: { ocid: ocds.ocid, publisher: ocds.publisher, publisher_prefix: ocds.prefix, contract: ocds.contract, award: ocds.award, release_date: ocds.releaseDate, files: ocds.files } } : {}),
      ...(csv ? { csv: { files: csv.files, derived: csv.derived } } : {}),
    },
    lines: lines.map((l) => ({
      line_no: l.line_no,
      sku: l.sku,
      title: l.title,
      brand: l.brand,
      model: l.model,
      spec: l.spec,
      unit: l.unit,
      category_code: l.category_code ?? null,
      quantity: l.quantity,
      unit_price_fen: l.unit_price_fen,
      unit_price_yuan: yuan(l.unit_price_fen),
      amount_fen: l.amount_fen,
      amount_yuan: yuan(l.amount_fen),
      gap:
        l.method === null
          ? null
          : l.ref_price_fen === null
            ? { reference: null, method: l.method, reason: l.no_ref_reason }
            : {
                reference: {
                  price_fen: l.ref_price_fen,
                  price_yuan: yuan(l.ref_price_fen),
                  retailer: l.ref_retailer,
                  observed_on: l.ref_observed_on,
                  url: l.ref_url,
                  median_fen: l.ref_median_fen,
                  retailers: l.ref_count,
                },
                method: l.method,
                gap_fen: l.gap_fen,
                gap_yuan: yuan(l.gap_fen),
                gap_bp: l.gap_bp,
                gap_pct: bpToPct(l.gap_bp),
              },
    })),
    flags: flags.map((f) => ({
      id: f.id,
      rule: f.rule,
      subject_type: f.subject_type,
      subject_id: f.subject_id,
      rule_version: f.rule_version,
      evidence: parseApiEvidence(f.evidence_json),
    })),
  };
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof getOrder>>>;
