import type { OrderLineRecord, OrderRecord } from '../../core/records.ts';
import type { SourceItem } from '../../core/source.ts';

/**
 * Accepted orders cross from the parsing worker to the main thread as flat arrays of values.
 * Structured clone writes, and the main thread reads back, every property name of every
 * object; the flat form more than halved the main thread's cost of receiving a page
 * (≈ 120 → 47 ms per 20,000 orders). Other items are rare and cross as they are.
 *
 * The archived bodies (most of the bytes) travel as UTF-8 in one buffer per page, moved
 * rather than copied: the main thread then never makes a string of them, only hands SQLite
 * a view of the bytes.
 */
export type PackedItem = unknown[] | SourceItem;

export interface PackedPage {
  items: PackedItem[];
  bodies: ArrayBuffer;
}

const HEAD = 20;
const LINE = 10;

export function packItems(items: SourceItem[]): PackedPage {
  let bytes = 0;
  for (const item of items) if (isPackable(item)) bytes += Buffer.byteLength(bodyText(item));
  // Not from Node's shared pool: the buffer must own its ArrayBuffer to be moved whole.
  const bodies = Buffer.allocUnsafeSlow(bytes);
  let offset = 0;
  const packed = items.map((item) => {
    if (!isPackable(item)) return item;
    const length = bodies.write(bodyText(item), offset);
    const row = packOrder(item, offset, length);
    offset += length;
    return row;
  });
  return { items: packed, bodies: bodies.buffer as ArrayBuffer };
}

export function unpackItems(page: PackedPage): SourceItem[] {
  return page.items.map((p) => (Array.isArray(p) ? unpackOrder(p, page.bodies) : p));
}

type AcceptedOrder = Extract<SourceItem, { kind: 'order'; ok: true }>;

const isPackable = (item: SourceItem): item is AcceptedOrder =>
  item.kind === 'order' && item.ok === true && typeof item.archived?.body === 'string';
const bodyText = (item: AcceptedOrder) => item.archived!.body as string;

function packOrder(item: AcceptedOrder, offset: number, length: number): unknown[] {
  const o = item.record;
  const out: unknown[] = [
    // Slot 4: the redaction count, or [count, dropped field names] when fields were left behind.
    item.key, offset, length, item.archived!.hash, item.dropped?.length ? [item.redactions, item.dropped] : item.redactions,
    o.order_no, o.buyer.id, o.buyer.name, o.supplier.id, o.supplier.name, o.supplier.credit_code,
    o.placed_at, o.completed_at, o.currency, o.total_fen, o.updated_at,
    o.evaluation?.rating ?? null, o.evaluation?.comment ?? null, o.evaluation?.at ?? null, item.cleaned ?? false,
  ];
  for (const l of o.lines) {
    out.push(l.line_no, l.sku, l.title, l.brand, l.model, l.spec, l.unit, l.quantity, l.unit_price_fen, l.amount_fen);
  }
  return out;
}

function unpackOrder(v: any[], bodies: ArrayBuffer): AcceptedOrder {
  const lines: OrderLineRecord[] = [];
  for (let i = HEAD; i < v.length; i += LINE) {
    lines.push({
      line_no: v[i], sku: v[i + 1], title: v[i + 2], brand: v[i + 3], model: v[i + 4], spec: v[i + 5],
      unit: v[i + 6], quantity: v[i + 7], unit_price_fen: v[i + 8], amount_fen: v[i + 9],
    });
  }
  const record: OrderRecord = {
    order_no: v[5], buyer: { id: v[6], name: v[7] }, supplier: { id: v[8], name: v[9], credit_code: v[10] },
    placed_at: v[11], completed_at: v[12], currency: v[13], lines, total_fen: v[14],
    // A rating is required whenever there is an evaluation, so a null rating means none.
    evaluation: v[16] === null ? null : { rating: v[16], comment: v[17], at: v[18] },
    updated_at: v[15],
  };
  const body = Buffer.from(bodies, v[1], v[2]);
  const [redactions, dropped] = Array.isArray(v[4]) ? v[4] : [v[4], undefined];
  return {
    kind: 'order', ok: true, key: v[0], record, raw: undefined, archived: { body, hash: v[3] }, redactions, cleaned: v[19],
    ...(dropped ? { dropped } : {}),
  };
}
