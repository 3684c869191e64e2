import { describe, expect, it } from 'vitest';
import {
  fixturesDir,
  keyRow,
  loadDictionary,
  readJdLab,
  readJdLaptops,
  readRozetka,
  reportFixtures,
  type FixtureRow,
} from '../../scripts/report-fixture-keys.ts';

/**
 * Brand and model keys on the real retail files in tests/fixtures/real/retail/ (see their
 * SOURCE.md). Rows are asserted byte for byte as they are in the files; the counts pin the
 * figures reported in the issue, so a change to the dictionary or the key rules shows up here.
 */

const dir = fixturesDir();
const dict = loadDictionary();

function row(rows: FixtureRow[], n: number): FixtureRow {
  const r = rows[n - 1];
  if (!r) throw new Error(`no row ${n}`);
  return r;
}

describe('JD gaming laptops (UTF-8 with BOM, Chinese header)', () => {
  const rows = readJdLaptops(dir);

  it('reads all 156 rows with brand 品牌 and model 型号', () => {
    expect(rows).toHaveLength(156);
    expect(row(rows, 1)).toMatchObject({ brand: '戴尔（DELL）', model: 'G15 5520-R1766B' });
  });

  it('keys the 中文（English） brand forms and the model field', () => {
    const cases: [number, string, string, string][] = [
      // [row, 品牌, 型号, expected product key]
      [5, '惠普（HP）', '16-k0009TX', 'hp:16K0009TX'],
      [4, '联想（Lenovo）', '拯救者R9000P', 'lenovo:R9000P'],
      [13, '联想（Lenovo）', 'Lenovo Legion R9000P', 'lenovo:R9000P'],
      [58, '联想（Lenovo）', '拯救者Y7000p', 'lenovo:Y7000P'],
      [1, '戴尔（DELL）', 'G15 5520-R1766B', 'dell:G155520R1766B'],
      [3, '宏碁（acer）', 'N22C1-AN515', 'acer:N22C1AN515'],
      [8, '外星人（Alienware）', 'ALWM17-R1261B', 'alienware:ALWM17R1261B'],
      [24, '神舟（HASEE）', '战神Z7-DA7NS', 'hasee:Z7DA7NS'],
      [2, 'ROG', '魔霸6 Plus', 'asus:魔霸6PLUS'],
      [105, 'ThinkPad', 'ThinkBook 15', 'lenovo:THINKBOOK15'],
      [81, '惠普（HP）', '光影精灵8', 'hp:光影精灵8'],
    ];
    for (const [n, brand, model, key] of cases) {
      const r = row(rows, n);
      expect([r.brand, r.model], `row ${n}`).toEqual([brand, model]);
      expect(keyRow(dict, r).productKey, `row ${n}`).toBe(key);
    }
  });

  it('gives the same product key to one model written three ways', () => {
    const keys = [4, 13, 63].map((n) => keyRow(dict, row(rows, n)).productKey);
    expect(new Set(keys)).toEqual(new Set(['lenovo:R9000P']));
  });

  it('leaves unknown brands and series-only models unkeyed instead of guessing', () => {
    const r84 = keyRow(dict, row(rows, 84)); // 荣耀剑舞 is not Honor
    expect([r84.brand, r84.brandKey, r84.productKey]).toEqual(['荣耀剑舞', null, null]);
    const r28 = keyRow(dict, row(rows, 28)); // 机械革命蛟龙: a series, not a model
    expect([r28.brandKey, r28.modelKey]).toEqual(['mechrevo', '']);
  });
});

describe('Rozetka printers (brand and model inside Name)', () => {
  const rows = readRozetka(dir);

  it('keys brand, model and the bracketed part number out of the name', () => {
    const cases: [number, string, string][] = [
      [7, 'HP LaserJet Pro M130a (G3Q57A)', 'hp:M130A'],
      [1, 'HP LaserJet Ultra M134a (G3Q66A)', 'hp:M134A'],
      [9, 'Canon i-SENSYS LBP6030W with Wi-Fi (8468B002)', 'canon:LBP6030W'],
      [12, 'Canon PIXMA Ink Efficiency E474 with Wi-Fi (1365C009)', 'canon:E474'],
      [5, 'Epson L366 with WI-FI (C11CE54403)', 'epson:L366'],
      [6, 'Kyocera FS-1040 (1102M23RUV)', 'kyocera:FS1040'],
      [3, 'Samsung SCX-4650N', 'samsung:SCX4650N'],
      [28, 'Ricoh SP 212w (407691)', 'ricoh:SP212W'],
      [64, 'Brother DCP-L2540DNR (DCPL2540DNR1)', 'brother:DCPL2540DNR'],
      [70, 'Canon i-Sensys MF735Cx с Wi-Fi (1474C054)', 'canon:MF735CX'],
      [75, 'HP LaserJet Pro 500 M521dn (A8P79A)', 'hp:M521DN'],
      [77, 'Pantum M6500W с Wi-Fi', 'pantum:M6500W'],
      [83, 'Xerox WorkCentre 5024D (5024V_U)', 'xerox:5024D'],
      [62, 'HP DeskJet GT5810 (X3B11A)', 'hp:GT5810'],
    ];
    for (const [n, name, key] of cases) {
      const r = row(rows, n);
      expect(r.title, `row ${n}`).toBe(name);
      expect(keyRow(dict, r).productKey, `row ${n}`).toBe(key);
    }
  });

  it('gives every Rozetka row a brand key equal to its Brand column', () => {
    for (const r of rows) expect(keyRow(dict, r).brandKey, r.title).toBe(r.brand.toLowerCase());
  });
});

describe('JD lab equipment (GB18030, no header)', () => {
  const rows = readJdLab(dir);

  it('decodes the GBK titles', () => {
    expect(rows).toHaveLength(2040);
    expect(row(rows, 15).title).toBe('美国福勒（Fowler）X7870单道手动可调移液器100-1000μL【可定制】');
  });

  it('picks model tokens out of free titles and finds no office brand where there is none', () => {
    const r15 = keyRow(dict, row(rows, 15));
    expect([r15.brandKey, r15.modelKey]).toEqual([null, 'X7870']);
  });
});

describe('key counts per file (the figures for issue 3)', () => {
  it('matches the reported figures', () => {
    const counts = reportFixtures(dict, dir).map(({ file, rows, withBrand, withModel, withProduct }) => ({
      file, rows, withBrand, withModel, withProduct,
    }));
    expect(counts).toEqual([
      { file: 'jd-gaming-laptops', rows: 156, withBrand: 153, withModel: 147, withProduct: 144 },
      { file: 'rozetka-printers', rows: 100, withBrand: 100, withModel: 100, withProduct: 100 },
      { file: 'jd-lab-equipment-gbk', rows: 2040, withBrand: 6, withModel: 1086, withProduct: 5 },
    ]);
  });
});
