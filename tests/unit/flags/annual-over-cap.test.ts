import { describe, expect, it } from 'vitest';
import { agencyYears, annualOverCap } from '../../../src/domain/flags/annual-over-cap.ts';
import { CAP, input, order, R, V } from './fixtures.ts';

const run = (orders: ReturnType<typeof order>[]) => annualOverCap(input({ orders }), R['annual-over-cap'], V);

describe('annual-over-cap (an agency’s calendar-year spend reaches ¥100,000)', () => {
  it('flags the order that crosses the cap, not the ones before or after', () => {
    const f = run([
      order('O1', { day: '2019-01-05', total_fen: 4_000_000 }),
      order('O2', { day: '2019-02-05', total_fen: 5_000_000 }),
      order('O3', { day: '2019-03-05', total_fen: 2_000_000 }), // 9.0M → 11.0M: crosses
      order('O4', { day: '2019-04-05', total_fen: 2_000_000 }),
    ]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ subject_type: 'agency', subject_id: 'A1', order_no: 'O3' });
    expect(f[0]?.evidence).toMatchObject({ year: '2019', spend_before_fen: 9_000_000, spend_after_fen: 11_000_000, orders_so_far: 3, year_spend_fen: 13_000_000, cap_fen: CAP });
  });
  it('reaching the cap exactly crosses it; one fen short does not', () => {
    expect(run([order('O1', { total_fen: CAP - 100 }), order('O2', { day: '2019-03-02', total_fen: 100 })])[0]?.order_no).toBe('O2');
    expect(run([order('O1', { total_fen: CAP - 100 }), order('O2', { day: '2019-03-02', total_fen: 99 })])).toHaveLength(0);
    expect(run([order('O1', { total_fen: CAP - 100 }), order('O2', { day: '2019-03-02', total_fen: 101 })])).toHaveLength(1);
  });
  it('follows placed_at order (not input order), breaking ties by order_no', () => {
    const f = run([
      order('O9', { day: '2019-05-01', total_fen: 6_000_000 }),
      order('O1', { day: '2019-01-01', total_fen: 6_000_000 }),
    ]);
    expect(f[0]?.order_no).toBe('O9');
    const tie = run([
      order('B', { placed_at: '2019-05-01T09:00:00+08:00', day: '2019-05-01', total_fen: 6_000_000 }),
      order('A', { placed_at: '2019-05-01T09:00:00+08:00', day: '2019-05-01', total_fen: 6_000_000 }),
    ]);
    expect(tie[0]?.order_no).toBe('B');
  });
  it('counts each calendar year and each agency on its own', () => {
    const f = run([
      order('O1', { day: '2018-12-31', total_fen: 6_000_000 }),
      order('O2', { day: '2019-01-01', total_fen: 6_000_000 }),
      order('O3', { agency_id: 'A2', day: '2019-01-02', total_fen: 6_000_000 }),
    ]);
    expect(f).toHaveLength(0);
    const years = agencyYears([order('O1', { day: '2018-12-31', total_fen: 6 }), order('O2', { day: '2019-01-01', total_fen: 7 })], CAP);
    expect(years.map((y) => [y.year, y.spend_fen, y.crossing])).toEqual([['2018', 6, null], ['2019', 7, null]]);
  });
});
