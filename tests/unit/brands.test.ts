import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brandKey, findBrandInText, loadBrandDictionary } from '../../src/domain/brands.ts';

const json: unknown = JSON.parse(readFileSync('data/brands.json', 'utf8'));
const dict = loadBrandDictionary(json);

describe('data/brands.json', () => {
  it('has at least 40 brands, each with a Chinese or Latin alias that resolves to itself', () => {
    expect(dict.brands.size).toBeGreaterThanOrEqual(40);
    for (const [key, entry] of dict.brands) {
      for (const alias of entry.aliases) expect(brandKey(dict, alias), `${key}: ${alias}`).toBe(key);
    }
  });

  it('covers the brands of the issue in their Chinese, English and combined forms', () => {
    const cases: [string, string][] = [
      ['惠普', 'hp'], ['HP', 'hp'], ['惠普（HP）', 'hp'], ['HP/惠普', 'hp'], ['Hewlett-Packard', 'hp'],
      ['得力', 'deli'], ['deli', 'deli'], ['得力(deli)', 'deli'], ['兄弟', 'brother'], ['Brother', 'brother'],
      ['佳能', 'canon'], ['Canon', 'canon'], ['爱普生', 'epson'], ['Epson', 'epson'], ['联想', 'lenovo'],
      ['Lenovo', 'lenovo'], ['理光', 'ricoh'], ['Ricoh', 'ricoh'], ['松下', 'panasonic'], ['Panasonic', 'panasonic'],
      ['晨光', 'mg'], ['M&G', 'mg'], ['齐心', 'comix'], ['Comix', 'comix'], ['京瓷', 'kyocera'], ['柯尼卡美能达', 'konica-minolta'],
      ['夏普', 'sharp'], ['东芝', 'toshiba'], ['富士施乐', 'fujixerox'], ['奔图', 'pantum'], ['Xerox', 'xerox'],
    ];
    for (const [raw, key] of cases) expect(brandKey(dict, raw), raw).toBe(key);
  });
});

describe('brandKey', () => {
  it('reads combined forms in any bracket width, case and order', () => {
    expect(brandKey(dict, '联想（Lenovo）')).toBe('lenovo');
    expect(brandKey(dict, '联想(LENOVO)')).toBe('lenovo');
    expect(brandKey(dict, 'lenovo/联想')).toBe('lenovo');
    expect(brandKey(dict, '惠普HP')).toBe('hp');
    expect(brandKey(dict, ' ＨＰ ')).toBe('hp');
    expect(brandKey(dict, '宏碁（acer）')).toBe('acer');
    expect(brandKey(dict, '外星人（alienware）')).toBe('alienware');
  });

  it('maps sub-brands sold as brands to their maker', () => {
    expect(brandKey(dict, 'ThinkPad')).toBe('lenovo');
    expect(brandKey(dict, 'ROG')).toBe('asus');
  });

  it('does not treat a series word as a brand', () => {
    expect(brandKey(dict, '拯救者')).toBeNull();
    expect(brandKey(dict, 'LaserJet')).toBeNull();
  });

  it('gives null for unknown brands, empty input and parts naming two brands', () => {
    expect(brandKey(dict, null)).toBeNull();
    expect(brandKey(dict, undefined)).toBeNull();
    expect(brandKey(dict, '  ')).toBeNull();
    expect(brandKey(dict, '戴睿（dere）')).toBeNull();
    // Compared whole, not by substring: 荣耀剑舞 is not the brand 荣耀.
    expect(brandKey(dict, '荣耀剑舞')).toBeNull();
    expect(brandKey(dict, '惠普/佳能')).toBeNull();
  });

  it('keeps a two-word brand whole instead of splitting it into two brands', () => {
    expect(brandKey(dict, '富士施乐 Fuji Xerox')).toBe('fujixerox');
  });
});

describe('findBrandInText', () => {
  it('finds the combined form at the start of a Chinese title, in the original text', () => {
    expect(findBrandInText(dict, '惠普（HP）LaserJet Pro M202dw 黑白激光打印机')).toEqual({ key: 'hp', matched: '惠普（HP）' });
    expect(findBrandInText(dict, 'HP/惠普 M202dw')).toEqual({ key: 'hp', matched: 'HP/惠普' });
    expect(findBrandInText(dict, '联想拯救者Y9000P')).toEqual({ key: 'lenovo', matched: '联想' });
  });

  it('finds a Latin brand as a whole word inside Russian text', () => {
    expect(findBrandInText(dict, 'Принтер HP LaserJet Pro M15w')).toEqual({ key: 'hp', matched: 'HP' });
    expect(findBrandInText(dict, 'HPX 3000')).toBeNull();
  });

  it('prefers the longest alias at a place: 富士施乐 over 富士', () => {
    expect(findBrandInText(dict, '富士施乐 DocuPrint P228db')?.key).toBe('fujixerox');
  });

  it('never finds exact-only aliases (common words) in free text', () => {
    expect(findBrandInText(dict, '光明正大的 MI 标志')).toBeNull();
  });

  it('returns null when no brand is named', () => {
    expect(findBrandInText(dict, '美国福勒（Fowler）X7870单道手动可调移液器')).toBeNull();
  });
});

describe('loadBrandDictionary', () => {
  it('rejects a malformed file and an alias claimed by two brands', () => {
    expect(() => loadBrandDictionary({})).toThrow(/brands/);
    expect(() => loadBrandDictionary({ brands: [{ key: 'HP', aliases: ['HP'] }] })).toThrow(/key/);
    expect(() =>
      loadBrandDictionary({ brands: [{ key: 'a', aliases: ['X'] }, { key: 'b', aliases: ['x'] }] }),
    ).toThrow(/both "a" and "b"/);
  });
});

describe('findBrandInText: what is not the product brand', () => {
  it('skips a brand named as what a product fits ("适用惠普" toner is not HP)', () => {
    expect(findBrandInText(dict, '适用惠普M202dw硒鼓 CF230A')).toBeNull();
    expect(findBrandInText(dict, '兼容HP 30A 硒鼓')).toBeNull();
    expect(findBrandInText(dict, '得力 适用惠普 硒鼓')?.key).toBe('deli');
  });

  it('skips a Latin alias hyphenated into a code', () => {
    expect(findBrandInText(dict, '加热磁力搅拌机JK-DMS-HP数显加热板')).toBeNull();
  });
});
