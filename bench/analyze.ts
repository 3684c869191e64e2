// `npm run bench -- analyze [--lines N] [--observations N] [--keep]`: analysis of a synthetic
// database (default 200,000 order lines, 100,000 retail observations), printing seconds and
// peak memory. Target (issue 3): under 10 s and 1 GB. The data is generated in code from a
// seeded PRNG, so every run analyses the same rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runAnalyze } from '../src/analyze/run.ts';
import { openWriter, type Sqlite } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { addDays } from '../src/domain/time.ts';

/** mulberry32: small, fast, good enough to spread synthetic rows; seeded for reproducibility. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRANDS = [
  ['惠普', '惠普（HP）', 'LaserJet Pro M'],
  ['佳能', '佳能（Canon）', 'imageCLASS MF'],
  ['兄弟', '兄弟（brother）', 'HL-'],
  ['爱普生', '爱普生（EPSON）', 'L'],
  ['联想', '联想（Lenovo）', 'LJ'],
  ['理光', '理光（Ricoh）', 'SP '],
  ['松下', '松下（Panasonic）', 'KX-FL'],
  ['奔图', '奔图（PANTUM）', 'P'],
] as const;
const RETAILERS = ['jd', 'suning', 'tmall', 'gome'];
const CATEGORIES = ['A02021001', 'A02021002', 'A02061801', 'A0206180101'];
const PAPER_CATEGORY = 'A090101';

interface Product {
  brand: string;
  retailBrand: string;
  model: string;
  paper: boolean;
  priceFen: number;
  category: string;
}

export function generate(sqlite: Sqlite, lines: number, observations: number): { listings: number; orders: number; prices: number } {
  const rnd = prng(20180630);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;

  // 2,500 products, 15 % of them paper (matched by spec and converted 箱 ↔ 包).
  const products: Product[] = [];
  for (let i = 0; i < 2500; i++) {
    const [brand, retailBrand, series] = pick(BRANDS);
    const paper = i % 7 === 0;
    products.push(
      paper
        ? { brand: '得力', retailBrand: '得力(deli)', model: `${70 + (i % 3) * 5}`, paper, priceFen: 2000 + int(1500), category: PAPER_CATEGORY }
        : { brand, retailBrand, model: `${series}${100 + i}${pick(['dw', 'a', 'n', 'cdw'])}`, paper, priceFen: 50_000 + int(900_000), category: pick(CATEGORIES) },
    );
  }
  const paperSpec = (p: Product, i: number) => `A4 ${p.model}g ${400 + (i % 3) * 50}张/包`;

  const insListing = sqlite.prepare(
    `INSERT INTO listings (sku, supplier_id, category_code, brand, model, title, spec, unit, price_fen, status, updated_at, gtin, source, record_hash, ingest_run)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'on_sale', '2019-01-01T00:00:00+08:00', NULL, 'bench', 'h', 0)`,
  );
  const insPrice = sqlite.prepare('INSERT INTO listing_prices (sku, day, price_fen) VALUES (?, ?, ?)');
  const insObs = sqlite.prepare(
    `INSERT INTO retail_observations (retailer, brand, model, title, unit, price_fen, currency, observed_on, url, self_operated, spec, gtin, price_kind, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 'bench')`,
  );
  const insOrder = sqlite.prepare(
    `INSERT INTO orders (order_no, agency_id, supplier_id, placed_at, completed_at, total_fen, currency, rating, comment, source, evaluated_at, updated_at, record_hash, ingest_run)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 'bench', NULL, ?, 'h', 0)`,
  );
  const insLine = sqlite.prepare(
    `INSERT INTO order_lines (order_no, line_no, sku, title, brand, model, spec, unit, quantity, unit_price_fen, amount_fen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  let priceRows = 0;
  let orderCount = 0;
  interface Listing { sku: string; product: Product; spec: string | null; unit: string; title: string; supplier: string; priceFen: number }
  const listings: Listing[] = [];

  sqlite.transaction(() => {
    // 4,000 listings: several suppliers sell one product; paper is sold by the box of 5 or 8 packs.
    for (let i = 0; i < 4000; i++) {
      const p = products[i % products.length] as Product;
      const supplier = `S${int(32)}`;
      const packs = 5 + 3 * (i % 2);
      const spec = p.paper ? `${paperSpec(p, products.indexOf(p))} ${packs}包/箱` : null;
      const unit = p.paper ? '箱' : '台';
      // Platform prices sit around retail (−10 % … +10 %): most gaps are small, a tail is flagged.
      const priceFen = Math.round((p.paper ? p.priceFen * packs : p.priceFen) * (0.9 + rnd() * 0.2));
      const title = p.paper ? `${p.brand} A4 复印纸 ${spec}` : `${p.brand} ${p.model} 激光打印机`;
      const l = { sku: `SKU${String(i).padStart(5, '0')}`, product: p, spec, unit, title, supplier, priceFen };
      listings.push(l);
      insListing.run(l.sku, supplier, p.category, p.brand, p.paper ? '' : p.model, title, spec, unit, priceFen);
      // A price history of about a dozen changes over 2019.
      let day = '2019-01-01';
      let price = priceFen;
      while (day < '2020-01-01') {
        insPrice.run(l.sku, day, price);
        priceRows++;
        day = addDays(day, 10 + int(40));
        price = Math.max(100, Math.round(price * (0.9 + rnd() * 0.25)));
      }
    }

    for (let i = 0; i < observations; i++) {
      const p = pick(products);
      const pi = products.indexOf(p);
      const kind = rnd() < 0.05 ? 'list' : 'sale';
      const currency = rnd() < 0.01 ? 'USD' : 'CNY';
      const title = p.paper ? `${p.retailBrand} A4 复印纸 ${paperSpec(p, pi)}` : `${p.retailBrand} ${p.model} 黑白激光打印机`;
      insObs.run(pick(RETAILERS), p.retailBrand, p.paper ? '' : p.model, title, p.paper ? '包' : '台',
        Math.round(p.priceFen * (0.95 + rnd() * 0.13)), currency, addDays('2019-01-01', int(365)), `https://retail.example/${i}`,
        rnd() < 0.6 ? 1 : 0, p.paper ? paperSpec(p, pi) : null, kind);
    }

    let written = 0;
    while (written < lines) {
      const no = `B${String(orderCount++).padStart(8, '0')}`;
      const day = addDays('2019-01-01', int(365));
      const n = Math.min(1 + int(7), lines - written);
      let total = 0;
      const supplier = `S${int(32)}`;
      for (let j = 1; j <= n; j++) {
        const l = pick(listings);
        const qty = 1 + int(l.product.paper ? 20 : 3);
        // Most lines pay the listing price; a few pay another (what price-discrimination looks for).
        const unit = rnd() < 0.92 ? l.priceFen : Math.round(l.priceFen * (0.9 + rnd() * 0.3));
        total += unit * qty;
        insLine.run(no, j, l.sku, l.title, l.product.brand, l.product.model, l.spec, l.unit, qty, unit, unit * qty);
      }
      written += n;
      const placed = `${day}T10:00:00+08:00`;
      insOrder.run(no, `A${int(135)}`, supplier, placed, placed, total, rnd() < 0.005 ? 'USD' : 'CNY', rnd() < 0.3 ? 1 + int(5) : null, placed);
    }
  })();
  return { listings: listings.length, orders: orderCount, prices: priceRows };
}

const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

export default async function benchAnalyze(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { lines: { type: 'string', default: '200000' }, observations: { type: 'string', default: '100000' }, keep: { type: 'boolean', default: false } },
  });
  const lines = Number(values.lines);
  const observations = Number(values.observations);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sunshine-bench-analyze-'));
  const dbPath = path.join(dir, 'bench.db');
  try {
    let t = performance.now();
    const { sqlite, db } = openWriter(dbPath);
    await migrateToLatest(db);
    const g = generate(sqlite, lines, observations);
    await db.destroy();
    console.log(`generated ${lines} lines in ${g.orders} orders, ${observations} retail observations, ${g.listings} listings, ${g.prices} listing prices in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const rssBefore = process.memoryUsage().rss;
    // analyze is mostly synchronous, so a timer would rarely get to sample; the kernel's high-water
    // mark (maxRSS) is exact. It covers the whole process, generation included, which stays far lower.
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const r = await runAnalyze({ dbPath });
    const seconds = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const peak = process.resourceUsage().maxRSS * 1024;
    // CPU time beside wall time: on a shared machine the wall clock also measures the neighbours.
    console.log(`analyze: ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs), peak RSS ${mb(peak)} (RSS before analyze ${mb(rssBefore)})`);
    console.log(`  phases (ms) ${JSON.stringify(r.phases_ms)}`);
    console.log(`  lines ${r.lines}: with reference ${r.lines_with_ref}, without ${r.lines_without_ref} ${JSON.stringify(r.no_ref_reasons)}`);
    console.log(`  matches ${JSON.stringify(r.matches_by_method)}`);
    console.log(`  flags ${JSON.stringify(r.flags_by_rule)}`);
    console.log(`  totals rows ${r.totals_rows}, agency-years ${r.cap_rows}`);
    console.log(`target: < 10 s and < 1024 MB → ${seconds < 10 && peak < 1024 * 1048576 ? 'met' : 'NOT met'}`);
  } finally {
    if (values.keep) console.log(`kept ${dbPath}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
