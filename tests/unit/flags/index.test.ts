import { describe, expect, it } from 'vitest';
import { runFlagRules } from '../../../src/domain/flags/index.ts';
import { parseRules } from '../../../src/domain/flags/rules.ts';
import { CAP, gap, input, line, order, rules } from './fixtures.ts';

describe('runFlagRules', () => {
  it('uses only CNY orders: a USD order over the cap, low-rated, with a gap, raises nothing', () => {
    const usd = order('U1', { currency: 'USD', total_fen: CAP * 3, rating: 1 });
    const f = runFlagRules(input({ orders: [usd], lines: [line('U1', { unit_price_fen: 900_00 })], gaps: [gap('U1', 900_00, 100_00)] }), rules);
    expect(f).toEqual([]);
  });
  it('a USD order never adds to a CNY agency year nor to a split group', () => {
    const orders = [order('C1', { total_fen: CAP / 2 }), order('U1', { currency: 'USD', total_fen: CAP / 2 })];
    const f = runFlagRules(input({ orders, lines: orders.map((o) => line(o.order_no, { amount_fen: o.total_fen })) }), rules);
    expect(f).toEqual([]);
  });
  it('returns flags in a stable order: rule order, then order_no', () => {
    const orders = [order('O2', { total_fen: CAP, rating: 1 }), order('O1', { total_fen: CAP })];
    const f = runFlagRules(input({ orders }), rules);
    expect(f.map((x) => `${x.rule}:${x.order_no}`)).toEqual(['order-over-cap:O1', 'order-over-cap:O2', 'annual-over-cap:O1', 'low-rating:O2']);
  });
});

describe('parseRules', () => {
  it('accepts data/rules.json and rejects a missing threshold with its path', () => {
    expect(rules.gap.window_days).toBe(14);
    const bad = parseRules({ ...rules, rules: { ...rules.rules, 'order-over-cap': {} } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/rules\.order-over-cap\.cap_fen/);
  });
});
