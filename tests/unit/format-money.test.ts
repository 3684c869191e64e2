import { describe, expect, it } from 'vitest';
import { formatCount, formatMoney, formatQuantity, formatSignedYuan, formatWan, formatYuan, isWan, MINUS } from '../../src/site/format/money.ts';

describe('formatYuan', () => {
  it('groups thousands and always shows two decimals', () => {
    expect(formatYuan(173000)).toBe('¥1,730.00');
    expect(formatYuan(15000)).toBe('¥150.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(123456789012)).toBe('¥1,234,567,890.12');
  });
  it('uses a real minus sign for negatives', () => {
    expect(formatYuan(-1200)).toBe(`${MINUS}¥12.00`);
    expect(formatYuan(-1200)).not.toContain('-');
  });
});

describe('formatSignedYuan', () => {
  it('signs gaps both ways and leaves zero unsigned', () => {
    expect(formatSignedYuan(12900)).toBe('+¥129.00');
    expect(formatSignedYuan(-12900)).toBe('−¥129.00');
    expect(formatSignedYuan(0)).toBe('¥0.00');
  });
});

describe('formatWan', () => {
  it('shows large totals in 万元 with two decimals, rounded half up', () => {
    expect(formatWan(12_345_600)).toBe('12.35 万元');
    expect(formatWan(12_344_999)).toBe('12.34 万元');
    expect(formatWan(1_000_000)).toBe('1.00 万元');
    expect(formatWan(1_234_567_800_00)).toBe('123,456.78 万元');
    expect(formatWan(-12_345_600)).toBe('−12.35 万元');
  });
  it('keeps small amounts exact', () => {
    expect(formatWan(999_999)).toBe('¥9,999.99');
    expect(isWan(999_999)).toBe(false);
    expect(isWan(1_000_000)).toBe(true);
  });
});

describe('counts and quantities', () => {
  it('formats counts and fractional quantities', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
    expect(formatQuantity(3)).toBe('3');
    expect(formatQuantity(2.5)).toBe('2.5');
    expect(formatQuantity(1 / 3)).toBe('0.333');
  });
});

describe('formatMoney', () => {
  it('keeps ¥ for CNY and names other currencies', () => {
    expect(formatMoney(173000)).toBe('¥1,730.00');
    expect(formatMoney(500000, 'USD')).toBe('USD 5,000.00');
  });
});
