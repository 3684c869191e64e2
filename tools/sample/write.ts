import { fenToYuanString } from '../../src/domain/money.ts';
import { CLASS_CODES } from './categories.ts';
import { stamp } from './clock.ts';
import type { SampleListing, ListingVersion, SampleOrder } from './types.ts';

/** Turning the generator's objects into platform feed v1 records (DESIGN §3) and pages. */

export type SampleJson = null | boolean | number | string | SampleJson[] | { [k: string]: SampleJson };
export interface FeedRecord {
  /** Sorts records the way an incremental feed delivers them: by updated_at, then key. */
  sortKey: string;
  body: { [k: string]: SampleJson };
}

/** Yuan as a decimal string, or as a JSON number for the suppliers whose systems send numbers. */
export function yuanText(fen: number, asNumber: boolean): string | number {
  return asNumber ? fen / 100 : fenToYuanString(fen);
}

const minuteKey = (day: string, minute: number) => `${day}T${String(minute).padStart(4, '0')}`;

export function listingRecord(l: SampleListing, v: ListingVersion): FeedRecord {
  const s = l.supplier;
  const body: FeedRecord['body'] = {
    sku: l.sku,
    supplier: s.credit_code ? { id: s.id, name: s.name, credit_code: s.credit_code } : { id: s.id, name: s.name },
    category_code: CLASS_CODES[l.product.cls],
    brand: l.brandText,
    model: l.modelText,
    title: l.title,
  };
  if (l.spec) body.spec = l.spec;
  body.unit = l.unit;
  body.price = yuanText(v.price, s.moneyAsNumber);
  if (l.gtin) body.gtin = l.gtin;
  body.status = v.status;
  body.updated_at = stamp(v.day, v.minute, s.timeStyle);
  return { sortKey: `${minuteKey(v.day, v.minute)}|${l.sku}`, body };
}

/**
 * One order as the feed carries it. `stage` picks the version: an order can appear first
 * as pending, or completed before its buyer's evaluation arrived, and again later.
 */
export function orderRecord(o: SampleOrder, stage: 'pending' | 'completed' | 'final'): FeedRecord {
  const s = o.supplier;
  const num = s.moneyAsNumber;
  const ts = (day: string, minute: number) => stamp(day, minute, s.timeStyle);
  const withEval = stage === 'final' && o.evaluation !== null;
  const status = stage === 'pending' ? 'pending' : o.status;
  const body: FeedRecord['body'] = {
    order_no: o.order_no,
    buyer: { id: o.agency.id, name: o.agency.name },
    supplier: s.credit_code ? { id: s.id, name: s.name, credit_code: s.credit_code } : { id: s.id, name: s.name },
    placed_at: ts(o.day, o.minute),
    completed_at: status === 'pending' ? null : ts(o.doneDay, o.doneMinute),
    status,
    contact: { name: o.contact.name, phone: o.contact.phone },
    lines: o.lines.map((l) => {
      const line: { [k: string]: SampleJson } = {
        sku: l.listing.sku,
        title: l.listing.title,
        brand: l.listing.brandText,
        model: l.listing.modelText,
      };
      if (l.listing.spec) line.spec = l.listing.spec;
      line.unit = l.listing.unit;
      line.quantity = l.quantity;
      line.unit_price = yuanText(l.unitFen, num);
      line.amount = yuanText(Math.round(l.unitFen * l.quantity), num);
      return line;
    }),
    total: yuanText(o.lines.reduce((t, l) => t + Math.round(l.unitFen * l.quantity), 0), num),
  };
  let upDay = status === 'pending' ? o.day : o.doneDay;
  let upMin = status === 'pending' ? o.minute + 1 : o.doneMinute;
  if (withEval && o.evaluation) {
    const e = o.evaluation;
    body.evaluation = { rating: e.rating, comment: e.comment, at: ts(e.day, e.minute) };
    upDay = e.day;
    upMin = e.minute;
  }
  body.updated_at = ts(upDay, upMin);
  return { sortKey: `${minuteKey(upDay, upMin)}|${o.order_no}`, body };
}

export interface SampleFile {
  name: string;
  content: string;
}

/**
 * Envelopes of at most `size` items, one item per line so diffs of the committed sample stay
 * readable. `where` receives each record's "file#position", as feed-dir names a record.
 */
export function pages(prefix: string, records: readonly FeedRecord[], size = 500, where?: Map<FeedRecord, string>): SampleFile[] {
  const sorted = [...records].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  const count = Math.max(1, Math.ceil(sorted.length / size));
  const name = (i: number) => `${prefix}-${String(i + 1).padStart(4, '0')}.json`;
  const out: SampleFile[] = [];
  if (where) sorted.forEach((r, k) => where.set(r, `${name(Math.floor(k / size))}#${(k % size) + 1}`));
  for (let i = 0; i < count; i++) {
    const items = sorted.slice(i * size, (i + 1) * size).map((r) => JSON.stringify(r.body));
    const next = i + 1 < count ? JSON.stringify(name(i + 1)) : 'null';
    out.push({ name: name(i), content: `{"items":[\n${items.join(',\n')}\n],"next_cursor":${next}}\n` });
  }
  return out;
}
