import { describe, expect, it } from 'vitest';
import { priceDiscrimination } from '../../../src/domain/flags/price-discrimination.ts';
import { input, line, order, R, V } from './fixtures.ts';

type Sale = [orderNo: string, agency: string, day: string, price: number];
const run = (sales: Sale[]) =>
  priceDiscrimination(
    input({
      orders: sales.map(([no, agency_id, day]) => order(no, { agency_id, day })),
      lines: sales.map(([no, , , price]) => line(no, { sku: 'P1', unit_price_fen: price })),
    }),
    R['price-discrimination'],
    V,
  );

describe('price-discrimination (same sku, different agencies, ≤ 7 days, ≥ 5 % apart)', () => {
  it('flags each purchase involved with one shared group', () => {
    const f = run([['O1', 'A1', '2019-03-01', 10000], ['O2', 'A2', '2019-03-03', 10500]]);
    expect(f.map((x) => x.order_no)).toEqual(['O1', 'O2']);
    expect(f[0]?.evidence).toMatchObject({ group: 'P1|台|2019-03-01..2019-03-03', low_fen: 10000, high_fen: 10500, spread_bp: 500 });
    expect((f[0]?.evidence as { lines: unknown[] }).lines).toHaveLength(2);
  });
  it('at 5 % raises, just below not, just above yes', () => {
    expect(run([['O1', 'A1', '2019-03-01', 10000], ['O2', 'A2', '2019-03-03', 10499]])).toHaveLength(0);
    expect(run([['O1', 'A1', '2019-03-01', 10000], ['O2', 'A2', '2019-03-03', 10501]])).toHaveLength(2);
  });
  it('window edges: 7 days apart within, 8 days not', () => {
    expect(run([['O1', 'A1', '2019-03-01', 10000], ['O2', 'A2', '2019-03-08', 12000]])).toHaveLength(2);
    expect(run([['O1', 'A1', '2019-03-01', 10000], ['O2', 'A2', '2019-03-09', 12000]])).toHaveLength(0);
  });
  it('one agency paying two prices is not discrimination', () => {
    expect(run([['O1', 'A1', '2019-03-01', 10000], ['O2', 'A1', '2019-03-02', 12000]])).toHaveLength(0);
  });
  it('only purchases that differ from another agency’s are involved', () => {
    const f = run([
      ['O1', 'A1', '2019-03-01', 10000],
      ['O2', 'A2', '2019-03-02', 10100],
      ['O3', 'A3', '2019-03-03', 10000],
      ['O4', 'A1', '2019-03-04', 11000], // ≥ 5 % above A2, A3
    ]);
    // O1 (A1 at 100.00) is within 5 % of every other agency's price; its own agency's 110.00 does not count.
    expect(f.map((x) => x.order_no)).toEqual(['O2', 'O3', 'O4']);
  });
  it('lines in different units of one sku are not compared', () => {
    const f = priceDiscrimination(
      input({
        orders: [order('O1', { agency_id: 'A1' }), order('O2', { agency_id: 'A2' })],
        lines: [line('O1', { sku: 'P1', unit: '包', unit_price_fen: 2500 }), line('O2', { sku: 'P1', unit: '箱', unit_price_fen: 20000 })],
      }),
      R['price-discrimination'],
      V,
    );
    expect(f).toHaveLength(0);
  });
});
