import { describe, expect, it } from 'vitest';
import { normalizeUnit, unitPriceIn } from '../../src/domain/units.ts';

const side = (unit: string, spec: string | null = null, title = '') => ({ unit, spec, title });

describe('unitPriceIn', () => {
  it('keeps the price between identical units', () => {
    expect(unitPriceIn(173000, side('台'), side('台'))).toBe(173000);
    expect(unitPriceIn(19800, side(' 把 '), side('把'))).toBe(19800);
    expect(unitPriceIn(2800, side('包'), side('包'))).toBe(2800);
  });

  it('converts a box of 5 × 500 sheets at ¥150 to 3000 fen a pack', () => {
    const box = side('箱', 'A4 70g 500张/包 5包/箱', '得力 A4 70g 复印纸 5包/箱');
    const pack = side('包', null, '得力 A4 70g 复印纸 500张/包');
    expect(unitPriceIn(15000, box, pack)).toBe(3000);
    // …and a ¥28 pack back to a box of 5.
    expect(unitPriceIn(2800, pack, box)).toBe(14000);
  });

  it('uses the packs per box written in the title when the spec does not say', () => {
    expect(unitPriceIn(17600, side('箱', null, '晨光 A4 70g 复印纸 500张*8包'), side('包'))).toBe(2200);
  });

  it('converts between sheets, packs and reams, rounding half up to the fen', () => {
    expect(unitPriceIn(2500, side('包', 'A4 70g 500张/包'), side('张'))).toBe(5);
    expect(unitPriceIn(2501, side('包', 'A4 70g 500张/包'), side('张'))).toBe(5); // 5.002
    expect(unitPriceIn(2750, side('包', 'A4 70g 500张/包'), side('张'))).toBe(6); // 5.5 → 6
    expect(unitPriceIn(2749, side('包', 'A4 70g 500张/包'), side('张'))).toBe(5); // 5.498
    expect(unitPriceIn(2600, side('令'), side('包', 'A4 80g 500张/包'))).toBe(2600);
    expect(unitPriceIn(2600, side('令'), side('包', 'A4 80g 250张/包'))).toBe(1300);
    expect(unitPriceIn(13000, side('箱', 'A3 80g 5令/箱'), side('令'))).toBe(2600);
  });

  it('compares boxes of different sizes through their packs', () => {
    expect(unitPriceIn(17600, side('箱', 'A4 70g 500张/包 8包/箱'), side('箱', 'A4 70g 500张/包 5包/箱'))).toBe(11000);
  });

  it('gives null when the units cannot be reconciled, never a guess', () => {
    // Box contents unknown.
    expect(unitPriceIn(15000, side('箱', null, '得力复印纸'), side('包'))).toBeNull();
    // Sheet count of the pack unknown.
    expect(unitPriceIn(2800, side('包'), side('张'))).toBeNull();
    // Different count units.
    expect(unitPriceIn(173000, side('台'), side('套'))).toBeNull();
    expect(unitPriceIn(5000, side('个'), side('箱', 'A4 70g 500张/包 5包/箱'))).toBeNull();
    expect(unitPriceIn(5000, side(''), side(''))).toBeNull();
  });

  it('rejects prices that are not whole non-negative fen', () => {
    expect(unitPriceIn(-100, side('台'), side('台'))).toBeNull();
    expect(unitPriceIn(10.5, side('台'), side('台'))).toBeNull();
  });
});

describe('normalizeUnit', () => {
  it('removes "per" and "one" prefixes but not the digits of a count', () => {
    expect(normalizeUnit('/箱')).toBe('箱');
    expect(normalizeUnit('每包')).toBe('包');
    expect(normalizeUnit('1台')).toBe('台');
    expect(normalizeUnit('10箱')).toBe('10箱');
  });
});
