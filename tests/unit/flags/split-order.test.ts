import { describe, expect, it } from 'vitest';
import { splitOrder } from '../../../src/domain/flags/split-order.ts';
import { CAP, input, line, order, R, V, withLines } from './fixtures.ts';

const run = (i: ReturnType<typeof input>) => splitOrder(i, R['split-order'], V);
const half = CAP / 2;

describe('split-order (same agency, supplier, category; ≤ 7 days; each < cap; together ≥ cap)', () => {
  it('flags every order of the group with the same group evidence', () => {
    const f = run(withLines([order('O1', { day: '2019-03-01', total_fen: half }), order('O2', { day: '2019-03-04', total_fen: half })]));
    expect(f.map((x) => x.order_no)).toEqual(['O1', 'O2']);
    expect(f[0]?.evidence).toEqual(f[1]?.evidence);
    expect(f[0]?.evidence).toMatchObject({ together_fen: CAP, span_days: 3, category_code: 'A02010601', agency_id: 'A1', supplier_id: 'S1' });
    expect((f[0]?.evidence as { orders: unknown[] }).orders).toHaveLength(2);
  });
  it('window edges: 7 days apart is within, 8 days is not', () => {
    expect(run(withLines([order('O1', { day: '2019-03-01', total_fen: half }), order('O2', { day: '2019-03-08', total_fen: half })]))).toHaveLength(2);
    expect(run(withLines([order('O1', { day: '2019-03-01', total_fen: half }), order('O2', { day: '2019-03-09', total_fen: half })]))).toHaveLength(0);
  });
  it('together at the cap raises, one fen short does not', () => {
    expect(run(withLines([order('O1', { total_fen: half }), order('O2', { total_fen: half - 1 })]))).toHaveLength(0);
    expect(run(withLines([order('O1', { total_fen: half }), order('O2', { total_fen: half + 1 })]))).toHaveLength(2);
  });
  it('an order at the cap takes no part (order-over-cap covers it)', () => {
    expect(run(withLines([order('O1', { total_fen: CAP }), order('O2', { total_fen: 100 })]))).toHaveLength(0);
    expect(run(withLines([order('O1', { total_fen: CAP - 1 }), order('O2', { total_fen: 1 })]))).toHaveLength(2);
  });
  it('different agency, supplier or category never group', () => {
    expect(run(withLines([order('O1', { total_fen: half }), order('O2', { agency_id: 'A2', total_fen: half })]))).toHaveLength(0);
    expect(run(withLines([order('O1', { total_fen: half }), order('O2', { supplier_id: 'S2', total_fen: half })]))).toHaveLength(0);
    const i = withLines([order('O1', { total_fen: half }), order('O2', { total_fen: half })]);
    const lines = [i.lines[0]!, { ...i.lines[1]!, category_code: 'A02061801' }];
    expect(run({ ...i, lines })).toHaveLength(0);
  });
  it('counts only the lines of the category', () => {
    const orders = [order('O1', { total_fen: 8_000_000 }), order('O2', { total_fen: 8_000_000 })];
    const lines = [
      line('O1', { line_no: 1, amount_fen: 4_000_000 }),
      line('O1', { line_no: 2, amount_fen: 4_000_000, category_code: 'PAPER' }),
      line('O2', { line_no: 1, amount_fen: 5_000_000 }),
      line('O2', { line_no: 2, amount_fen: 3_000_000, category_code: 'PAPER' }),
    ];
    expect(run(input({ orders, lines }))).toHaveLength(0); // 9M printers, 7M paper
    lines[0] = line('O1', { line_no: 1, amount_fen: 5_000_000 });
    const f = run(input({ orders, lines }));
    expect(f.map((x) => x.order_no)).toEqual(['O1', 'O2']);
    expect(f[0]?.evidence).toMatchObject({ together_fen: CAP });
  });
  it('a long run of small orders yields one group per maximal 7-day window', () => {
    const orders = ['01', '03', '05', '07', '10'].map((d, i) => order(`O${i}`, { day: `2019-03-${d}`, total_fen: 3_000_000 }));
    const f = run(withLines(orders));
    const groups = new Set(f.map((x) => (x.evidence as { group: string }).group));
    // 01..07 (4 orders, 12M) and 03..10 (4 orders, 12M); 05..10 is inside 03..10
    expect([...groups]).toEqual(['A1|S1|A02010601|2019-03-01..2019-03-07', 'A1|S1|A02010601|2019-03-03..2019-03-10']);
    expect(f).toHaveLength(8);
  });
});
