import { describe, expect, it } from 'vitest';
import { priceHike } from '../../../src/domain/flags/price-hike.ts';
import type { PricePoint } from '../../../src/domain/flags/types.ts';
import { input, line, order, R, V } from './fixtures.ts';

// The order is on 2019-03-15.
const run = (history: [string, number][]) =>
  priceHike(
    input({
      orders: [order('O1', { day: '2019-03-15' })],
      lines: [line('O1', { sku: 'P1', unit_price_fen: 11000 }), line('O1', { line_no: 2, sku: 'P1', unit_price_fen: 11000 })],
      listingPrices: new Map<string, PricePoint[]>([['P1', history.map(([day, price_fen]) => ({ day, price_fen }))]]),
    }),
    R['price-hike'],
    V,
  );

describe('price-hike (rise ≥ 10 % within 14 days before AND fall back within 14 days after)', () => {
  it('raises on a rise and a fall of exactly 10 %, once per order and sku', () => {
    const f = run([['2019-03-01', 10000], ['2019-03-10', 11000], ['2019-03-20', 10000]]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ subject_type: 'listing', subject_id: 'P1', order_no: 'O1' });
    expect(f[0]?.evidence).toMatchObject({
      price_at_order: { day: '2019-03-10', price_fen: 11000 },
      lowest_before: { day: '2019-03-01', price_fen: 10000 },
      lowest_after: { day: '2019-03-20', price_fen: 10000 },
      rise_bp: 1000,
      fall_bp: 1000,
    });
  });
  it('does not raise just below 10 % on either side, and raises just above', () => {
    expect(run([['2019-03-01', 10000], ['2019-03-10', 10999], ['2019-03-20', 9000]])).toHaveLength(0);
    expect(run([['2019-03-01', 9000], ['2019-03-10', 11000], ['2019-03-20', 10001]])).toHaveLength(0);
    expect(run([['2019-03-01', 10000], ['2019-03-10', 11001], ['2019-03-20', 10000]])).toHaveLength(1);
  });
  it('needs both the rise and the fall', () => {
    expect(run([['2019-03-01', 10000], ['2019-03-10', 12000]])).toHaveLength(0); // rise that stays
    expect(run([['2019-03-01', 12000], ['2019-03-20', 10000]])).toHaveLength(0); // fall without a rise
  });
  it('the rise must be within 14 days before, day −14 included (as in the gap window); day −15 not', () => {
    expect(run([['2019-03-01', 10000], ['2019-03-02', 12000], ['2019-03-20', 10000]])).toHaveLength(1); // rise on D−13
    expect(run([['2019-02-28', 10000], ['2019-03-01', 12000], ['2019-03-20', 10000]])).toHaveLength(1); // rise on D−14 itself
    expect(run([['2019-02-27', 10000], ['2019-02-28', 12000], ['2019-03-20', 10000]])).toHaveLength(0); // rise on D−15
    const [f] = run([['2019-02-28', 10000], ['2019-03-01', 12000], ['2019-03-20', 10000]]);
    expect(f?.evidence).toMatchObject({ lowest_before: { day: '2019-02-28', price_fen: 10000 }, rise_bp: 2000, fall_bp: 2000 });
  });
  it('the fall is measured against the later price, as the rise is against the earlier one', () => {
    // 11000 → 10000 is a fall of 10 % of 10000 (the later price), though only 9.1 % of 11000.
    expect(run([['2019-03-01', 10000], ['2019-03-10', 11000], ['2019-03-29', 10000]])).toHaveLength(1);
  });
  it('the fall must be within 14 days after: day +14 counts, day +15 not', () => {
    expect(run([['2019-03-01', 10000], ['2019-03-10', 12000], ['2019-03-29', 10000]])).toHaveLength(1);
    expect(run([['2019-03-01', 10000], ['2019-03-10', 12000], ['2019-03-30', 10000]])).toHaveLength(0);
  });
  it('a rise on the order day itself counts; without history nothing is raised', () => {
    expect(run([['2019-03-01', 10000], ['2019-03-15', 12000], ['2019-03-16', 10000]])).toHaveLength(1);
    expect(run([])).toHaveLength(0);
  });
});
