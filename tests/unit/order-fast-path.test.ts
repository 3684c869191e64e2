import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepAllowed, ORDER_RULES } from '../../src/ingest/core/allow-list.ts';
import { parseRecord } from '../../src/ingest/core/field-validators.ts';
import { fastFeedOrder, feedOrderSchema } from '../../src/ingest/feed/order-schema.ts';

// The fast path must be an optimisation only: for every record, parsing with it gives exactly
// what zod alone gives (value, cleaned flag, reasons), whether it answers or defers to zod.
const sampleOrders = (): Record<string, unknown>[] =>
  fs.readdirSync('data/sample').filter((f) => f.startsWith('orders')).sort()
    .flatMap((f) => (JSON.parse(fs.readFileSync(path.join('data/sample', f), 'utf8')) as { items: Record<string, unknown>[] }).items);

const ODD_VALUES: unknown[] = [undefined, null, '', '  ', 0, -1, 1.5, 5, 6, NaN, Infinity, 2.0, 'abc', '0x10', '1e3', 'Infinity', '12.345', '1,730.00', '  42 ', 42,
  '2019-02-30T10:00:00', '2019-03-01', '2019-03-01T10:00:00+15:00', '0050-01-01T00:00:00', 'a\u200bb', 'x'.repeat(501), '\ud800', 'ＵＳＤ',
  'USD', 'cny', [], {}, { a: 1 }, true, '\u202eevil', '13812345678', '已完成'];

const isObj = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

function mutations(o: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const lines = Array.isArray(o.lines) ? (o.lines as Record<string, unknown>[]) : [];
  ODD_VALUES.forEach((v, n) => {
    for (const k of ['order_no', 'placed_at', 'completed_at', 'currency', 'total', 'updated_at', 'lines', 'evaluation']) if (n % 3 === k.length % 3) out.push({ ...o, [k]: v });
    out.push({ ...o, buyer: { ...(o.buyer as object), [n % 2 ? 'id' : 'name']: v } });
    out.push({ ...o, supplier: { ...(o.supplier as object), [['id', 'name', 'credit_code'][n % 3]!]: v } });
    out.push({ ...o, evaluation: { rating: 4, comment: '好', at: '2019-03-01T10:00:00', ...(isObj(o.evaluation) ? o.evaluation : {}), [['rating', 'comment', 'at'][n % 3]!]: v } });
    if (lines.length) {
      const field = ['sku', 'title', 'brand', 'model', 'spec', 'unit', 'quantity', 'unit_price', 'amount'][n % 9]!;
      out.push({ ...o, lines: [{ ...lines[0], [field]: v }, ...lines.slice(1)] });
    }
  });
  out.push({ ...o, completed_at: '2000-01-01T00:00:00' }, { ...o, lines: [] }, { ...o, currency: 'USD' }, { ...o, lines: [...lines, 1] });
  return out;
}

describe('the fast path of feed orders', () => {
  it('gives what zod gives for the sample and thousands of broken variants of it', () => {
    let accepted = 0;
    let fast = 0;
    let total = 0;
    sampleOrders().forEach((order, n) => {
      // Every sample order as it is, and every seventh with its broken variants (≈ 70k records).
      for (const input of n % 7 === 0 ? [order, ...mutations(order)] : [order]) {
        const raw = keepAllowed(input, ORDER_RULES).value;
        const withFast = parseRecord(feedOrderSchema, raw, fastFeedOrder);
        const zodOnly = parseRecord(feedOrderSchema, raw);
        expect(withFast).toEqual(zodOnly);
        if (withFast.ok) expect(JSON.stringify(withFast.value)).toBe(JSON.stringify(zodOnly.ok && zodOnly.value));
        if (input === order && withFast.ok) accepted++;
        if (input === order && fastFeedOrder(raw) !== undefined) fast++;
        total++;
      }
    });
    expect(total).toBeGreaterThan(10_000);
    // Most accepted sample orders take the fast path; the comparison would prove little otherwise.
    expect(fast).toBeGreaterThan(accepted / 2);
  });
});
