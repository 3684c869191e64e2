import rulesJson from '../../../data/rules.json' with { type: 'json' };
import { parseRules, type RulesConfig } from '../../../src/domain/flags/rules.ts';
import type { FlagGap, FlagInput, FlagLine, FlagOrder, PricePoint } from '../../../src/domain/flags/types.ts';

const parsed = parseRules(rulesJson);
if (!parsed.ok) throw new Error(parsed.reason);
export const rules: RulesConfig = parsed.value;
export const R = rules.rules;
export const V = rules.version;
export const CAP = 10_000_000; // ¥100,000 in fen

export function order(no: string, p: Partial<FlagOrder> = {}): FlagOrder {
  const day = p.day ?? '2019-03-01';
  return {
    order_no: no,
    agency_id: 'A1',
    supplier_id: 'S1',
    placed_at: `${day}T10:00:00+08:00`,
    day,
    total_fen: 100_00,
    currency: 'CNY',
    rating: null,
    comment: null,
    evaluated_at: null,
    ...p,
  };
}

export function line(orderNo: string, p: Partial<FlagLine> = {}): FlagLine {
  return {
    order_no: orderNo,
    line_no: 1,
    sku: 'SKU1',
    category_code: 'A02010601',
    unit: '台',
    quantity: 1,
    unit_price_fen: 100_00,
    amount_fen: 100_00,
    ...p,
  };
}

export function gap(orderNo: string, unitPrice: number, ref: number, p: Partial<FlagGap> = {}): FlagGap {
  const g = unitPrice - ref;
  return {
    order_no: orderNo,
    line_no: 1,
    ref_price_fen: ref,
    ref_median_fen: ref,
    ref_retailer: 'jd',
    ref_observed_on: '2019-03-01',
    ref_url: 'https://item.jd.com/1.html',
    ref_observation_id: 7,
    gap_fen: g,
    gap_bp: Math.round((g * 10000) / ref),
    ...p,
  };
}

export function input(p: Partial<FlagInput> = {}): FlagInput {
  return { orders: [], lines: [], gaps: [], listingPrices: new Map<string, PricePoint[]>(), ...p };
}

/** Orders with one line each, the line's amount = the order total. */
export function withLines(orders: FlagOrder[], p: Partial<FlagLine> = {}): FlagInput {
  return input({
    orders,
    lines: orders.map((o) => line(o.order_no, { amount_fen: o.total_fen, unit_price_fen: o.total_fen, ...p })),
  });
}
