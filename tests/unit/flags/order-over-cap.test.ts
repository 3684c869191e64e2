import { describe, expect, it } from 'vitest';
import { orderOverCap } from '../../../src/domain/flags/order-over-cap.ts';
import { CAP, input, order, R, V } from './fixtures.ts';

const run = (total: number) => orderOverCap(input({ orders: [order('O1', { total_fen: total })] }), R['order-over-cap'], V);

describe('order-over-cap (one order ≥ ¥100,000)', () => {
  it('raises at the cap and above, not just below', () => {
    expect(run(CAP - 1)).toHaveLength(0);
    expect(run(CAP)).toHaveLength(1);
    expect(run(CAP + 1)).toHaveLength(1);
  });
  it('carries the total and the cap as evidence', () => {
    expect(run(CAP + 50)[0]).toMatchObject({ subject_type: 'order', subject_id: 'O1', order_no: 'O1', evidence: { total_fen: CAP + 50, cap_fen: CAP, over_fen: 50 } });
  });
});
