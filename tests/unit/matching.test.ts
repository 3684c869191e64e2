import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBrandDictionary } from '../../src/domain/brands.ts';
import {
  buildRetailIndex,
  manualMatchMap,
  matchListing,
  normalizeGtin,
  paperProductKey,
  parseManualMatches,
  retailProductKey,
  type ManualMatch,
  type MatchInput,
  type RetailKeyInput,
} from '../../src/domain/matching.ts';

const dict = loadBrandDictionary(JSON.parse(readFileSync('data/brands.json', 'utf8')));

// A valid EAN-13 (check digit 7) and the same code as GTIN-14.
const GTIN = '2000000000107';

function obs(id: number, o: Partial<RetailKeyInput>): RetailKeyInput {
  return { id, brand: '', model: '', title: '', spec: null, gtin: null, ...o };
}

function listing(o: Partial<MatchInput>): MatchInput {
  return { sku: '100001', brand: '', model: '', title: '', spec: null, unit: '台', gtin: null, category_code: 'A02010601', ...o };
}

const retail = [
  obs(1, { brand: '惠普（HP）', model: 'M202dw', title: '惠普（HP）M202dw 黑白激光打印机' }),
  obs(2, { brand: 'HP/惠普', model: 'LaserJet Pro M104a', title: 'HP/惠普 M104a 打印机', gtin: GTIN }),
  obs(3, { brand: '得力(deli)', model: 'A4 70g', title: '得力(deli) A4 70g 复印纸 500张/包', spec: 'A4 70g 500张/包' }),
  obs(4, { brand: '兄弟', model: 'HL-2260D', title: '兄弟 HL-2260D' }),
];
const index = buildRetailIndex(dict, retail);
const noManual = new Map<string, ManualMatch>();

describe('retailProductKey', () => {
  it('keys a product by brand and model, whatever the brand spelling', () => {
    expect(retailProductKey(dict, retail[0] as RetailKeyInput)).toBe('hp:M202DW');
    expect(retailProductKey(dict, retail[1] as RetailKeyInput)).toBe('hp:M104A');
  });

  it('keys paper by its spec', () => {
    expect(retailProductKey(dict, retail[2] as RetailKeyInput)).toBe('deli:PAPER:A4:70G:500');
  });

  it('takes the model from the title when the model field is empty, and the brand too when none is given', () => {
    expect(retailProductKey(dict, obs(9, { title: 'Принтер HP LaserJet Pro M15w' }))).toBe('hp:M15W');
  });

  it('gives null for an unknown brand rather than a brand word found in the title', () => {
    expect(retailProductKey(dict, obs(9, { brand: '荣耀剑舞', model: 'N158', title: '荣耀剑舞N158' }))).toBeNull();
  });
});

describe('paper keys', () => {
  it('are the same for a boxed listing and a single-pack retail row', () => {
    const box = { spec: 'A4 70g 500张/包 8包/箱', title: '得力 A4 70g 复印纸 8包/箱' };
    const pack = { spec: null, title: '得力(deli) A4 70g 复印纸 500张/包' };
    expect(paperProductKey('deli', box)).toBe('deli:PAPER:A4:70G:500');
    expect(paperProductKey('deli', pack)).toBe(paperProductKey('deli', box));
  });

  it('need brand, size, grammage and sheets', () => {
    expect(paperProductKey(null, { spec: 'A4 70g 500张/包', title: '' })).toBeNull();
    expect(paperProductKey('deli', { spec: 'A4 500张/包', title: '' })).toBeNull();
    expect(paperProductKey('deli', { spec: 'A4 70g', title: '' })).toBeNull();
  });
});

describe('matchListing', () => {
  it('matches by model across brand spellings and full-width text', () => {
    expect(matchListing(dict, listing({ brand: 'HP', model: 'LaserJet Pro M202dw' }), index, noManual)).toEqual({
      sku: '100001', product_key: 'hp:M202DW', method: 'model', confidence: 0.9,
    });
    expect(matchListing(dict, listing({ brand: '兄弟', model: 'ＨＬ－２２６０Ｄ' }), index, noManual).product_key).toBe('brother:HL2260D');
  });

  it('lets a GTIN beat the model', () => {
    // The model says M202dw; the barcode says M104a, and the barcode wins.
    const l = listing({ brand: 'HP', model: 'M202dw', gtin: GTIN });
    expect(matchListing(dict, l, index, noManual)).toEqual({ sku: '100001', product_key: 'hp:M104A', method: 'gtin', confidence: 1 });
  });

  it('accepts a GTIN-14 with a leading zero for the same EAN-13, and ignores a wrong check digit', () => {
    expect(normalizeGtin(`0${GTIN}`)).toBe(normalizeGtin(GTIN));
    expect(normalizeGtin('2000000000108')).toBeNull();
    const l = listing({ brand: 'HP', model: 'M202dw', gtin: '2000000000108' });
    expect(matchListing(dict, l, index, noManual).method).toBe('model');
  });

  it('lets a manual "no match" beat the model', () => {
    const manual = manualMatchMap([{ sku: '100001', product_key: null, note: 'bundle' }]);
    expect(matchListing(dict, listing({ brand: 'HP', model: 'M202dw' }), index, manual)).toEqual({
      sku: '100001', product_key: null, method: 'manual', confidence: 1,
    });
  });

  it('lets a manual key stand even when the model would match something else', () => {
    const manual = manualMatchMap([{ sku: '100001', product_key: 'hp:M104A' }]);
    expect(matchListing(dict, listing({ brand: 'HP', model: 'M202dw' }), index, manual).product_key).toBe('hp:M104A');
  });

  it('matches boxed paper with single-pack retail paper by spec', () => {
    const l = listing({
      brand: '得力', model: 'A4 70g', title: '得力 A4 70g 复印纸 8包/箱', spec: 'A4 70g 500张/包 8包/箱', unit: '箱', category_code: 'A090101',
    });
    expect(matchListing(dict, l, index, noManual)).toEqual({
      sku: '100001', product_key: 'deli:PAPER:A4:70G:500', method: 'spec', confidence: 0.8,
    });
  });

  it('does not match paper of another grammage or brand', () => {
    const l80 = listing({ brand: '得力', title: '得力 A4 80g 复印纸', spec: 'A4 80g 500张/包', category_code: 'A090101' });
    expect(matchListing(dict, l80, index, noManual).method).toBe('none');
    const comix = listing({ brand: '齐心', title: '齐心 A4 70g 复印纸', spec: 'A4 70g 500张/包', category_code: 'A090101' });
    expect(matchListing(dict, comix, index, noManual).method).toBe('none');
  });

  it('gives none, with no key and zero confidence, when retail does not have the product', () => {
    expect(matchListing(dict, listing({ brand: 'HP', model: 'M402dn' }), index, noManual)).toEqual({
      sku: '100001', product_key: null, method: 'none', confidence: 0,
    });
    expect(matchListing(dict, listing({ brand: '无名', model: 'M202dw' }), index, noManual).method).toBe('none');
  });

  it('distrusts a GTIN that retail shows on two different products', () => {
    const idx = buildRetailIndex(dict, [
      obs(1, { brand: 'HP', model: 'M202dw', gtin: GTIN }),
      obs(2, { brand: 'HP', model: 'M104a', gtin: GTIN }),
    ]);
    expect(idx.byGtin.size).toBe(0);
    expect(matchListing(dict, listing({ brand: 'HP', model: 'M104a', gtin: GTIN }), idx, noManual).method).toBe('model');
  });
});

describe('parseManualMatches', () => {
  it('reads the header, quoted notes, comments, a BOM and empty keys as "no match"', () => {
    const csv = '\uFEFF# comment\nsku,product_key,note\r\n100001,hp:M202DW,"checked, by hand"\n\n# another\n100002,,"bundle ""2 in 1"""\n';
    expect(parseManualMatches(csv)).toEqual([
      { sku: '100001', product_key: 'hp:M202DW', note: 'checked, by hand' },
      { sku: '100002', product_key: null, note: 'bundle "2 in 1"' },
    ]);
  });

  it('reads the bundled data/matches.csv, with its pinned "no match"', () => {
    const rows = parseManualMatches(readFileSync('data/matches.csv', 'utf8'));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.product_key === null)).toBe(true);
  });

  it('stops on a malformed row with its line number', () => {
    expect(() => parseManualMatches('sku,product_key\n1,hp:A\n1,hp:B\n')).toThrow(/line 3: sku 1 appears twice/);
    expect(() => parseManualMatches('sku,product_key\n1,M202DW\n')).toThrow(/line 2/);
    expect(() => parseManualMatches('sku,model\n1,x\n')).toThrow(/header/);
    expect(() => parseManualMatches('sku,product_key\n1,"hp:A\n')).toThrow(/unclosed quote/);
  });
});
