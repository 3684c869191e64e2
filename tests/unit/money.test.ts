import { describe, expect, it } from 'vitest';
import { fenToYuanString, implausibleCny, parseMoneyToFen } from '../../src/domain/money.ts';

const fen = (x: unknown) => {
  const r = parseMoneyToFen(x);
  return r.ok ? r.value : `error: ${r.reason}`;
};

describe('parseMoneyToFen', () => {
  it('parses decimal strings exactly', () => {
    expect(fen('1730.00')).toBe(173000);
    expect(fen('150')).toBe(15000);
    expect(fen('0.07')).toBe(7);
    expect(fen(' 12.5 ')).toBe(1250);
    expect(fen('12.500')).toBe(1250);
  });
  it('parses JSON numbers through their decimal text', () => {
    expect(fen(1730)).toBe(173000);
    expect(fen(1730.1)).toBe(173010);
    expect(fen(0.29)).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(fen(1.005)).toBe('error: has more precision than one fen: "1.005"');
  });
  it('rejects floating-point sums instead of rounding them', () => {
    expect(fen(0.1 + 0.2)).toMatch(/more precision than one fen/);
  });
  it('accepts comma-grouped thousands only when every group has three digits', () => {
    expect(fen('1,730.00')).toBe(173000);
    expect(fen('1,234,567.89')).toBe(123456789);
    expect(fen('1,73')).toMatch(/not a decimal amount/);
    expect(fen('17,30.00')).toMatch(/not a decimal amount/);
  });
  it('rejects what is not an amount, saying why', () => {
    expect(fen('')).toBe('error: is empty');
    expect(fen(undefined)).toBe('error: is missing');
    expect(fen('¥1730')).toMatch(/not a decimal amount/);
    expect(fen('1730元')).toMatch(/not a decimal amount/);
    expect(fen('-5.00')).toMatch(/negative/);
    expect(fen(Number.NaN)).toMatch(/finite/);
    expect(fen(1e21)).toMatch(/out of range/);
    expect(fen('99999999999999999')).toMatch(/out of range/);
    // A mobile number typed into a CNY amount field is not published as a price.
    expect(implausibleCny(fen('13812345678') as number)).toMatch(/not a plausible amount/);
    expect(implausibleCny(fen('1000000000.00') as number)).toBeNull();
    expect(fen(true)).toMatch(/decimal string or number/);
  });
  it('allows negatives only on request', () => {
    expect(parseMoneyToFen('-5.10', { allowNegative: true })).toEqual({ ok: true, value: -510 });
  });
});

describe('fenToYuanString', () => {
  it('formats fen as plain yuan', () => {
    expect(fenToYuanString(173000)).toBe('1730.00');
    expect(fenToYuanString(7)).toBe('0.07');
    expect(fenToYuanString(-12900)).toBe('-129.00');
  });
});
