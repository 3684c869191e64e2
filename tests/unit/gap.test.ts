import { describe, expect, it } from 'vitest';
import { basisPoints, computeGap, medianFen, type GapLine, type GapObservation, type UnitConverter } from '../../src/domain/gap.ts';

// A stand-in converter: same unit passes through, 箱 of 8 包 divides by 8, anything else is irreconcilable.
const convert: UnitConverter = (price, from, to) => {
  if (from.unit === to.unit) return price;
  if (from.unit === '箱' && to.unit === '包') return price / 8;
  if (from.unit === '包' && to.unit === '箱') return price * 8;
  return null;
};
const opts = { windowDays: 14, convert };

const line: GapLine = { unit_price_fen: 173000, currency: 'CNY', unit: '台', spec: null, title: '惠普 M202dw', day: '2018-07-10' };

let nextId = 1;
function obs(p: Partial<GapObservation>): GapObservation {
  return {
    id: nextId++,
    retailer: 'jd',
    price_fen: 185900,
    currency: 'CNY',
    observed_on: '2018-07-10',
    url: 'https://example.test/item',
    self_operated: true,
    price_kind: 'sale',
    unit: '台',
    spec: null,
    title: 'HP M202dw',
    ...p,
  };
}

function ok(r: ReturnType<typeof computeGap>) {
  if (!r.ok) throw new Error(`expected a reference, got ${r.reason}`);
  return r;
}

describe('computeGap: the reference', () => {
  it('takes the lowest retailer pick as reference and keeps the median', () => {
    const r = ok(
      computeGap(line, [
        obs({ retailer: 'suning', price_fen: 185900 }),
        obs({ retailer: 'jd', price_fen: 189900 }),
        obs({ retailer: 'tmall', price_fen: 199900 }),
      ], opts),
    );
    expect(r.ref.retailer).toBe('suning');
    expect(r.ref.price_fen).toBe(185900);
    expect(r.median_fen).toBe(189900);
    expect(r.gap_fen).toBe(173000 - 185900);
    expect(r.gap_bp).toBe(-694); // −12900 / 185900 = −6.939 %
    expect(r.picks.map((p) => p.retailer)).toEqual(['suning', 'jd', 'tmall']);
  });

  it('uses a reference on either window edge and ignores one just outside', () => {
    const at14 = ok(computeGap(line, [obs({ observed_on: '2018-07-24', price_fen: 150000 })], opts));
    expect(at14.ref.offset_days).toBe(14);
    const atMinus14 = ok(computeGap(line, [obs({ observed_on: '2018-06-26', price_fen: 150000 })], opts));
    expect(atMinus14.ref.offset_days).toBe(-14);
    expect(computeGap(line, [obs({ observed_on: '2018-07-25' })], opts)).toEqual({ ok: false, reason: 'no observation within window' });
    expect(computeGap(line, [obs({ observed_on: '2018-06-25' })], opts)).toEqual({ ok: false, reason: 'no observation within window' });
  });

  it('a cheaper observation outside the window never becomes the reference', () => {
    const r = ok(computeGap(line, [obs({ observed_on: '2018-06-01', price_fen: 100 }), obs({ observed_on: '2018-07-12', price_fen: 180000 })], opts));
    expect(r.ref.price_fen).toBe(180000);
  });

  it('per retailer takes the nearest observation, not the cheapest', () => {
    const r = ok(computeGap(line, [obs({ observed_on: '2018-07-01', price_fen: 150000 }), obs({ observed_on: '2018-07-09', price_fen: 180000 })], opts));
    expect(r.ref.observed_on).toBe('2018-07-09');
    expect(r.ref.price_fen).toBe(180000);
  });

  it('on equal distance prefers the observation on or before the order day', () => {
    const r = ok(computeGap(line, [obs({ observed_on: '2018-07-13', price_fen: 150000 }), obs({ observed_on: '2018-07-07', price_fen: 180000 })], opts));
    expect(r.ref.observed_on).toBe('2018-07-07');
  });
});

describe('computeGap: self-operated preferred', () => {
  it('the nearest self-operated observation in the window wins over a nearer marketplace one', () => {
    const r = ok(computeGap(line, [
      obs({ self_operated: false, observed_on: '2018-07-10', price_fen: 170000 }),
      obs({ self_operated: true, observed_on: '2018-07-20', price_fen: 185900 }),
      obs({ self_operated: true, observed_on: '2018-07-22', price_fen: 180000 }),
    ], opts));
    expect(r.ref.self_operated).toBe(true);
    expect(r.ref.observed_on).toBe('2018-07-20');
  });

  it('a marketplace price lower than the self-operated one is not used while a self-operated exists', () => {
    const r = ok(computeGap(line, [obs({ self_operated: false, price_fen: 120000 }), obs({ self_operated: true, price_fen: 185900 })], opts));
    expect(r.ref.price_fen).toBe(185900);
    expect(r.picks).toHaveLength(1);
  });

  it('falls back to the marketplace when the self-operated one is outside the window or not convertible', () => {
    const outside = ok(computeGap(line, [obs({ self_operated: true, observed_on: '2018-08-30' }), obs({ self_operated: false, price_fen: 170000 })], opts));
    expect(outside.ref.self_operated).toBe(false);
    const badUnit = ok(computeGap(line, [obs({ self_operated: true, unit: '套' }), obs({ self_operated: false, price_fen: 170000 })], opts));
    expect(badUnit.ref.self_operated).toBe(false);
  });

  it('the preference is per retailer: another retailer’s marketplace price still competes', () => {
    const r = ok(computeGap(line, [obs({ retailer: 'jd', self_operated: true, price_fen: 185900 }), obs({ retailer: 'tmall', self_operated: false, price_fen: 175000 })], opts));
    expect(r.ref.retailer).toBe('tmall');
    expect(r.median_fen).toBe(180450);
  });
});

describe('computeGap: unusable observations give a reason, never a zero gap', () => {
  it('explains why there is no reference', () => {
    expect(computeGap(line, [], opts)).toEqual({ ok: false, reason: 'no observation' });
    expect(computeGap(line, [obs({ price_kind: 'list', price_fen: 100 })], opts)).toEqual({ ok: false, reason: 'list price only' });
    expect(computeGap(line, [obs({ currency: 'UAH' })], opts)).toEqual({ ok: false, reason: 'currency' });
    expect(computeGap(line, [obs({ unit: '套' })], opts)).toEqual({ ok: false, reason: 'units not comparable' });
  });

  it('never uses a list price or a foreign currency beside usable rows', () => {
    const r = ok(computeGap(line, [obs({ price_kind: 'list', price_fen: 100 }), obs({ currency: 'USD', price_fen: 200 }), obs({ price_fen: 185900 })], opts));
    expect(r.ref.price_fen).toBe(185900);
  });

  it('converts to the line unit: a box of 8 packs against a per-pack line', () => {
    const paper: GapLine = { unit_price_fen: 3000, currency: 'CNY', unit: '包', spec: 'A4 70g 500张/包', title: '复印纸', day: '2018-07-10' };
    const r = ok(computeGap(paper, [obs({ unit: '箱', price_fen: 19900 })], opts));
    expect(r.ref.observed_price_fen).toBe(19900);
    expect(r.ref.price_fen).toBe(2488); // 199.00 / 8 = 24.875 → 24.88
    expect(r.gap_fen).toBe(512);
  });
});

describe('computeGap: conversion', () => {
  it('converts lazily: one call per retailer when the nearest observation converts', () => {
    let calls = 0;
    const counting: UnitConverter = (p, f, t) => (calls++, convert(p, f, t));
    const many = Array.from({ length: 50 }, (_, i) => obs({ retailer: i % 2 ? 'jd' : 'suning', observed_on: `2018-07-${String(1 + (i >> 1)).padStart(2, '0')}` }));
    ok(computeGap(line, many, { windowDays: 14, convert: counting }));
    expect(calls).toBe(2);
  });
  it('within one tier (same day) compares converted prices; an unconvertible nearest falls to the next tier', () => {
    const paper: GapLine = { unit_price_fen: 3000, currency: 'CNY', unit: '包', spec: null, title: '复印纸', day: '2018-07-10' };
    const tier = ok(computeGap(paper, [obs({ unit: '包', price_fen: 2600 }), obs({ unit: '箱', price_fen: 19900 })], opts));
    expect(tier.ref.price_fen).toBe(2488);
    const next = ok(computeGap(paper, [obs({ unit: '套', price_fen: 100 }), obs({ unit: '包', observed_on: '2018-07-12', price_fen: 2600 })], opts));
    expect(next.ref.price_fen).toBe(2600);
  });
});

describe('medianFen and basisPoints', () => {
  it('rounds the even median half up and basis points half away from zero', () => {
    expect(medianFen([3, 1, 2])).toBe(2);
    expect(medianFen([1, 2])).toBe(2);
    expect(basisPoints(1, 20000)).toBe(1); // 0.5 bp
    expect(basisPoints(-1, 20000)).toBe(-1);
    expect(basisPoints(0, 100)).toBe(0);
    expect(basisPoints(12900, 173000)).toBe(746);
  });
});
