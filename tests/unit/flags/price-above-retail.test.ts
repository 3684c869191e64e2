import { describe, expect, it } from 'vitest';
import { priceAboveRetail } from '../../../src/domain/flags/price-above-retail.ts';
import { gap, input, line, order, R, V } from './fixtures.ts';

const run = (unit: number, ref: number) =>
  priceAboveRetail(input({ orders: [order('O1')], lines: [line('O1', { unit_price_fen: unit, quantity: 3 })], gaps: [gap('O1', unit, ref)] }), R['price-above-retail'], V);

describe('price-above-retail (gap ≥ 10 % and ≥ ¥20 a unit)', () => {
  it('raises exactly at 10 % when the gap is also ≥ ¥20', () => {
    const f = run(1100_00, 1000_00);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'price-above-retail', subject_type: 'line', subject_id: 'O1#1', order_no: 'O1', rule_version: V });
    expect(f[0]?.evidence).toMatchObject({ unit_price_fen: 1100_00, ref_price_fen: 1000_00, gap_fen: 100_00, gap_bp: 1000, overpaid_fen: 300_00, ref_observation_id: 7, ref_retailer: 'jd' });
  });
  it('does not raise just below 10 % (9.999 %), even though it rounds to 1000 bp', () => {
    expect(run(1099_99, 1000_00)).toHaveLength(0);
    expect(run(1100_01, 1000_00)).toHaveLength(1);
  });
  it('needs the ¥20 floor: at, just below, just above', () => {
    expect(run(220_00, 200_00)).toHaveLength(1); // 10 %, ¥20.00
    expect(run(219_99, 199_99)).toHaveLength(1); // 10.0005 %, ¥20.00
    expect(run(169_99, 150_00)).toHaveLength(0); // 13.3 %, ¥19.99
  });
  it('a big ratio on a cheap item is not raised below ¥20', () => {
    expect(run(29_99, 10_00)).toHaveLength(0); // 200 %, ¥19.99
    expect(run(30_00, 10_00)).toHaveLength(1);
    expect(run(30_01, 10_00)).toHaveLength(1);
  });
  it('never raises on a negative gap', () => {
    expect(run(900_00, 1000_00)).toHaveLength(0);
  });
});
