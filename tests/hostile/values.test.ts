import { describe, expect, it } from 'vitest';
import { parsePositiveQuantity } from '../../src/domain/money.ts';
import { parseTimestamp } from '../../src/domain/time.ts';
import { makeListing, makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';
import { ingestDir, rows } from './harness.ts';

// Values are rejected, never reinterpreted (DESIGN §3 Values).
const line = (over: Record<string, unknown>) => ({ sku: 'SKU-1', title: 't', unit: '台', quantity: 1, unit_price: '10.00', amount: '10.00', ...over });

describe('timestamps', () => {
  it.each(['0050-01-01T00:00:00', '1999-12-31T23:59:59', '2100-01-01', '50-01-01', '+002018-07-01'])('rejects %s', (t) => {
    expect(parseTimestamp(t).ok).toBe(false);
  });
  it.each(['2018-07-01T00:00:00+15:00', '2018-07-01T00:00:00-14:01', '2018-07-01T00:00:00+1430'])('rejects the offset of %s', (t) => {
    const r = parseTimestamp(t);
    expect(r.ok ? r.value : r.reason).toMatch(/impossible UTC offset/);
  });
  it('accepts ±14:00 exactly and the years 2000 and 2099', () => {
    expect(parseTimestamp('2018-07-01T00:00:00+14:00')).toEqual({ ok: true, value: '2018-06-30T18:00:00+08:00' });
    expect(parseTimestamp('2018-07-01T00:00:00-14:00').ok).toBe(true);
    expect(parseTimestamp('2000-01-01').ok).toBe(true);
    expect(parseTimestamp('2099-12-31T23:59:59').ok).toBe(true);
  });
});

describe('quantities', () => {
  it.each(['0x10', '1e3', 'Infinity', '', ' ', '-1', '0', '0.0', '1_000', '0b1', '+2', '1.', '.5', Infinity, NaN, -2, 0, true, [1]])(
    'rejects %j',
    (q) => expect(parsePositiveQuantity(q).ok).toBe(false),
  );
  it.each([['16', 16], ['2.5', 2.5], [3, 3], [' 7 ', 7], ['007', 7]])('reads %j as %d', (q, n) => {
    expect(parsePositiveQuantity(q)).toEqual({ ok: true, value: n });
  });
});

describe('a feed with hostile values, end to end', () => {
  it('rejects each with record and field, and loads the good ones', async () => {
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['O-Y0050', { placed_at: '0050-07-02T10:00:00' }, 'placed_at', /year outside 2000–2099/],
      ['O-OFFSET', { completed_at: '2018-07-05T16:30:00+15:00' }, 'completed_at', /impossible UTC offset/],
      ['O-HEX', { lines: [line({ quantity: '0x10', amount: '160.00' })], total: '160.00' }, 'lines[0].quantity', /base 10/],
      ['O-EXP', { lines: [line({ quantity: '1e3', amount: '10000.00' })], total: '10000.00' }, 'lines[0].quantity', /base 10/],
      ['O-ZERO-PRICE', { lines: [line({ unit_price: '0.00', amount: '0.00' })], total: '0.00' }, 'lines[0].unit_price', /greater than zero/],
      ['O-ZERO-TOTAL', { lines: [line({ unit_price: 0, amount: 0 })], total: 0 }, 'total', /greater than zero/],
      ['O-NEG', { lines: [line({ unit_price: '-10.00', amount: '-10.00' })], total: '-10.00' }, 'lines[0].unit_price', /negative/],
    ];
    const good = Array.from({ length: 20 }, (_, i) => makeOrder(`G-${i}`));
    const dir = writeFeedDir({
      'listings-0001.json': [makeListing('SKU-1'), makeListing('SKU-0', { price: '0' })],
      'orders-0001.json': [...good, ...cases.map(([no, over]) => makeOrder(no, over))],
    });
    const { report, dbPath, rejects } = await ingestDir(dir);
    expect(report.status).toBe('ok');
    for (const [no, , field, reason] of cases) {
      expect(rejects, no).toContainEqual(expect.objectContaining({ record_key: no, field, reason: expect.stringMatching(reason) }));
    }
    expect(rejects).toContainEqual(expect.objectContaining({ record_key: 'SKU-0', field: 'price' }));
    expect(rows(dbPath, 'SELECT order_no FROM orders')).toHaveLength(20);
  });
});
