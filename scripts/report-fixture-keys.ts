/**
 * How well brand and model keys work on real retail data: reads the three files in
 * tests/fixtures/real/retail/ (or SUNSHINE_RETAIL_FIXTURES), keys every row the way retail
 * observations are keyed, and prints per file how many rows get a brand key, a model key and a
 * product key, then every row that does not get one.
 *
 *   node scripts/report-fixture-keys.ts [--all]     (--all lists every row's keys)
 *
 * The readers here are deliberately minimal (a proper CSV adapter lives in src/ingest/);
 * tests/unit/matching-fixtures.test.ts uses them too.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { loadBrandDictionary, type BrandDictionary } from '../src/domain/brands.ts';
import { modelKey, productKey } from '../src/domain/model-key.ts';
import { resolveBrand } from '../src/domain/matching.ts';

export interface FixtureRow {
  /** 1-based data row number within its file (the header is not counted). */
  row: number;
  brand: string;
  model: string;
  title: string;
}

export interface KeyedRow extends FixtureRow {
  brandKey: string | null;
  modelKey: string;
  productKey: string | null;
}

export function fixturesDir(): string {
  return process.env.SUNSHINE_RETAIL_FIXTURES ?? resolve(process.cwd(), 'tests/fixtures/real/retail');
}

type Cells = string[];

function csvRows(text: string): Cells[] {
  return parse(text, { relax_column_count: true, bom: true, skip_empty_lines: true }) as Cells[];
}

/** JD gaming laptops: UTF-8 with BOM, Chinese header; brand 品牌, model 型号, title 商品全名. */
export function readJdLaptops(dir = fixturesDir()): FixtureRow[] {
  const [header, ...rows] = csvRows(readFileSync(resolve(dir, 'jd-gaming-laptops/DATA_游戏本_2022_08.csv'), 'utf8'));
  if (!header) return [];
  const col = (name: string) => header.indexOf(name); // first column of that name (some repeat)
  const [b, m, t] = [col('品牌'), col('型号'), col('商品全名')];
  return rows.map((r, i) => ({ row: i + 1, brand: r[b] ?? '', model: r[m] ?? '', title: r[t] ?? '' }));
}

/** JD lab equipment: GBK, no header; columns sku, title, price, self-operated, shop. Brand and model are in the title. */
export function readJdLab(dir = fixturesDir()): FixtureRow[] {
  const text = new TextDecoder('gb18030').decode(readFileSync(resolve(dir, 'jd-lab-equipment-gbk/jd.csv')));
  return csvRows(text).map((r, i) => ({ row: i + 1, brand: '', model: '', title: r[1] ?? '' }));
}

/** Rozetka printers: brand and model inside Name ("\nHP LaserJet Pro M130a (G3Q57A) "), Brand = its first word. */
export function readRozetka(dir = fixturesDir()): FixtureRow[] {
  const rows = parse(readFileSync(resolve(dir, 'rozetka-printers/printers.csv'), 'utf8'), {
    columns: true,
    bom: true,
  }) as Record<string, string>[];
  return rows.map((r, i) => {
    const name = (r.Name ?? '').trim();
    return { row: i + 1, brand: (r.Brand ?? '').trim(), model: name, title: name };
  });
}

export function loadDictionary(): BrandDictionary {
  return loadBrandDictionary(JSON.parse(readFileSync(resolve(process.cwd(), 'data/brands.json'), 'utf8')));
}

/** Keys a row as retail observations are keyed: brand field (else title), model field (else title). */
export function keyRow(dict: BrandDictionary, r: FixtureRow): KeyedRow {
  const brand = resolveBrand(dict, r.brand, r.title);
  const fromModel = modelKey(r.model, brand, dict);
  const model = fromModel !== '' ? fromModel : modelKey(r.title, brand, dict);
  return { ...r, brandKey: brand, modelKey: model, productKey: productKey(brand, model) };
}

export interface FileReport {
  file: string;
  rows: number;
  withBrand: number;
  withModel: number;
  withProduct: number;
  missing: KeyedRow[];
  keyed: KeyedRow[];
}

export function reportFixtures(dict = loadDictionary(), dir = fixturesDir()): FileReport[] {
  const files: [string, FixtureRow[]][] = [
    ['jd-gaming-laptops', readJdLaptops(dir)],
    ['rozetka-printers', readRozetka(dir)],
    ['jd-lab-equipment-gbk', readJdLab(dir)],
  ];
  return files.map(([file, rows]) => {
    const keyed = rows.map((r) => keyRow(dict, r));
    return {
      file,
      rows: keyed.length,
      withBrand: keyed.filter((k) => k.brandKey !== null).length,
      withModel: keyed.filter((k) => k.modelKey !== '').length,
      withProduct: keyed.filter((k) => k.productKey !== null).length,
      missing: keyed.filter((k) => k.productKey === null),
      keyed,
    };
  });
}

function show(k: KeyedRow): string {
  const brand = k.brandKey ?? '—';
  const model = k.modelKey === '' ? '—' : k.modelKey;
  const src = k.brand !== '' ? `${k.brand} | ${k.model}` : k.title;
  return `  #${k.row}  brand=${brand} model=${model}  ← ${src.length > 90 ? `${src.slice(0, 90)}…` : src}`;
}

function main(): void {
  const all = process.argv.includes('--all');
  const reports = reportFixtures();
  console.log('file                   rows  brand key  model key  product key');
  for (const r of reports) {
    console.log(
      `${r.file.padEnd(22)} ${String(r.rows).padStart(4)}  ${String(r.withBrand).padStart(9)}  ${String(r.withModel).padStart(9)}  ${String(r.withProduct).padStart(11)}`,
    );
  }
  for (const r of reports) {
    const list = all ? r.keyed : r.missing;
    console.log(`\n${r.file}: ${all ? 'every row' : `${r.missing.length} rows without a product key`}`);
    // The lab file is mostly brands an office-goods dictionary does not hold: summarise it.
    const limit = all || r.file !== 'jd-lab-equipment-gbk' ? list.length : 40;
    for (const k of list.slice(0, limit)) console.log(show(k));
    if (list.length > limit) console.log(`  … and ${list.length - limit} more (--all lists every row)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
