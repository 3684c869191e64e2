import type { OrderLineRecord, OrderRecord } from '../../schema/records.ts';
import type { SourceItem } from '../source.ts';

/**
 * Accepted orders cross from the parsing worker to the main thread as flat arrays of values.
 * Structured clone writes, and the main thread reads back, every property name of every
 * object; the flat form more than halved the main thread's cost of receiving a page
 * (≈ 120 → 47 ms per 20,000 orders). Other items are rare and cross as they are.
 */
export type PackedItem = unknown[] | SourceItem;

const HEAD = 18;
const LINE = 10;

export function packItems(items: SourceItem[]): PackedItem[] {
  return items.map((item) => (item.kind === 'order' && item.ok === true && item.archived ? packOrder(item) : item));
}

export function unpackItems(packed: PackedItem[]): SourceItem[] {
  return packed.map((p) => (Array.isArray(p) ? unpackOrder(p) : p));
}

type AcceptedOrder = Extract<SourceItem, { kind: 'order'; ok: true }>;

function packOrder(item: AcceptedOrder): unknown[] {
  const o = item.record;
  const out: unknown[] = [
    item.key, item.archived!.body, item.archived!.hash, item.redactions,
    o.order_no, o.buyer.id, o.buyer.name, o.supplier.id, o.supplier.name, o.supplier.credit_code,
    o.placed_at, o.completed_at, o.currency, o.total_fen, o.updated_at,
    o.evaluation?.rating ?? null, o.evaluation?.comment ?? null, o.evaluation?.at ?? null,
  ];
  for (const l of o.lines) {
    out.push(l.line_no, l.sku, l.title, l.brand, l.model, l.spec, l.unit, l.quantity, l.unit_price_fen, l.amount_fen);
  }
  return out;
}

function unpackOrder(a: unknown[]): AcceptedOrder {
  const v = a as any[];
  const lines: OrderLineRecord[] = [];
  for (let i = HEAD; i < v.length; i += LINE) {
    lines.push({
      line_no: v[i], sku: v[i + 1], title: v[i + 2], brand: v[i + 3], model: v[i + 4], spec: v[i + 5],
      unit: v[i + 6], quantity: v[i + 7], unit_price_fen: v[i + 8], amount_fen: v[i + 9],
    });
  }
  const record: OrderRecord = {
    order_no: v[4], buyer: { id: v[5], name: v[6] }, supplier: { id: v[7], name: v[8], credit_code: v[9] },
    placed_at: v[10], completed_at: v[11], currency: v[12], lines, total_fen: v[13],
    // A rating is required whenever there is an evaluation, so a null rating means none.
    evaluation: v[15] === null ? null : { rating: v[15], comment: v[16], at: v[17] },
    updated_at: v[14],
  };
  return { kind: 'order', ok: true, key: v[0], record, raw: undefined, archived: { body: v[1], hash: v[2] }, redactions: v[3] };
}
