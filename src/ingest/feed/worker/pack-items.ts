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
 *
 * The names and product fields that orders repeat (agencies, suppliers, a line's SKU, title,
 * brand, model, spec and unit) cross once per page, in `strings`, and each order names them by
 * index: structured clone makes a new string on the main thread for every one it reads, and
 * that garbage was the main thread's own work beside its SQLite writes.
 */
export type PackedItem = unknown[] | SourceItem;

export interface PackedPage {
  items: PackedItem[];
  bodies: ArrayBuffer;
  strings: string[];
}

const HEAD = 20;
const LINE = 10;

export function packItems(items: SourceItem[]): PackedPage {
  let bytes = 0;
  for (const item of items) if (isPackable(item)) bytes += Buffer.byteLength(bodyText(item));
  // Not from Node's shared pool: the buffer must own its ArrayBuffer to be moved whole.
  const bodies = Buffer.allocUnsafeSlow(bytes);
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const intern: Intern = (value) => {
    if (value === null) return null;
    let i = indexOf.get(value);
    if (i === undefined) {
      i = strings.push(value) - 1;
      indexOf.set(value, i);
    }
    return i;
  };
  let offset = 0;
  const packed = items.map((item) => {
    if (!isPackable(item)) return item;
    const length = bodies.write(bodyText(item), offset);
    const row = packOrder(item, offset, length, intern);
    offset += length;
    return row;
  });
  return { items: packed, bodies: bodies.buffer as ArrayBuffer, strings };
}

export function unpackItems(page: PackedPage): SourceItem[] {
  return page.items.map((p) => (Array.isArray(p) ? unpackOrder(p, page.bodies, page.strings) : p));
}

type Intern = (value: string | null) => number | null;

type AcceptedOrder = Extract<SourceItem, { kind: 'order'; ok: true }>;

const isPackable = (item: SourceItem): item is AcceptedOrder =>
  item.kind === 'order' && item.ok === true && typeof item.archived?.body === 'string';
const bodyText = (item: AcceptedOrder) => item.archived!.body as string;

function packOrder(item: AcceptedOrder, offset: number, length: number, s: Intern): unknown[] {
  const o = item.record;
  const out: unknown[] = [
    // Slot 4: the redaction count, or [count, dropped field names] when fields were left behind.
    item.key, offset, length, item.archived!.hash, item.dropped?.length ? [item.redactions, item.dropped] : item.redactions,
    o.order_no, s(o.buyer.id), s(o.buyer.name), s(o.supplier.id), s(o.supplier.name), s(o.supplier.credit_code),
    o.placed_at, o.completed_at, s(o.currency), o.total_fen, o.updated_at,
    o.evaluation?.rating ?? null, o.evaluation?.comment ?? null, o.evaluation?.at ?? null, item.cleaned ?? false,
  ];
  for (const l of o.lines) {
    out.push(l.line_no, s(l.sku), s(l.title), s(l.brand), s(l.model), s(l.spec), s(l.unit), l.quantity, l.unit_price_fen, l.amount_fen);
  }
  return out;
}

function unpackOrder(v: any[], bodies: ArrayBuffer, strings: readonly string[]): AcceptedOrder {
  const s = (i: number | null): any => (i === null ? null : strings[i]);
  const lines: OrderLineRecord[] = [];
  for (let i = HEAD; i < v.length; i += LINE) {
    lines.push({
      line_no: v[i], sku: s(v[i + 1]), title: s(v[i + 2]), brand: s(v[i + 3]), model: s(v[i + 4]), spec: s(v[i + 5]),
      unit: s(v[i + 6]), quantity: v[i + 7], unit_price_fen: v[i + 8], amount_fen: v[i + 9],
    });
  }
  const record: OrderRecord = {
    order_no: v[5], buyer: { id: s(v[6]), name: s(v[7]) }, supplier: { id: s(v[8]), name: s(v[9]), credit_code: s(v[10]) },
    placed_at: v[11], completed_at: v[12], currency: s(v[13]), lines, total_fen: v[14],
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
