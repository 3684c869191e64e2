// `npm run bench -- ingest [--lines N]`: the full ingest (parse, validate, upsert) of a synthetic
// feed of N order lines (default 200,000), next to a raw better-sqlite3 insert of the same rows
// into the same schema by the same Node with the same flags: the physical floor on this machine.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { shareCompileCache } from '../src/cli/compile-cache.ts';
import { openWriter } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { runIngest } from '../src/ingest/core/run.ts';
import { feedDirSource } from '../src/ingest/feed/feed-dir.ts';
import { nodeFlagsOfScript } from './_process.ts';

const LINES_PER_ORDER = 4;
const PAGE = 500;

/** Writes the feed page by page so the generator never holds the whole set in memory. */
function writeSyntheticFeed(dir: string, lines: number): number {
  const orders = Math.ceil(lines / LINES_PER_ORDER);
  let page: unknown[] = [];
  let pageNo = 0;
  const flush = () => {
    pageNo++;
    fs.writeFileSync(path.join(dir, `orders-${String(pageNo).padStart(5, '0')}.json`), JSON.stringify({ items: page, next_cursor: null }));
    page = [];
  };
  for (let i = 0; i < orders; i++) {
    const ls = Array.from({ length: LINES_PER_ORDER }, (_, j) => {
      const price = 100 + ((i * 7 + j * 13) % 5000);
      const qty = 1 + ((i + j) % 5);
      return { sku: `SKU-${(i * 3 + j) % 1000}`, title: `测试商品 ${j}`, brand: '得力', model: `M${j}`, unit: '台',
        quantity: qty, unit_price: `${price}.50`, amount: `${(price * 100 + 50) * qty / 100}` };
    });
    const total = ls.reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0);
    const day = 1 + (i % 28);
    page.push({
      order_no: `B${String(i).padStart(8, '0')}`, buyer: { id: `A${i % 135}`, name: `示例单位${i % 135}` },
      supplier: { id: `S${i % 32}`, name: `示例供应商${i % 32}` },
      placed_at: `2019-03-${String(day).padStart(2, '0')}T10:00:00`, completed_at: `2019-03-${String(day).padStart(2, '0')}T18:00:00`,
      status: 'completed', contact: { name: '测试', phone: '13800000000' }, lines: ls,
      total: (total / 100).toFixed(2), updated_at: `2019-03-${String(day).padStart(2, '0')}T18:00:00`,
    });
    if (page.length === PAGE) flush();
  }
  if (page.length) flush();
  return orders;
}

// The source id both steps store in every row, so that the floor's rows are the ingest's rows.
const SOURCE = 'feed:bench';

/**
 * The floor: the same rows the ingest writes (agencies, suppliers, orders, lines and the
 * raw_records archive of every order), already parsed and serialised, through prepared
 * statements in one transaction, nothing else. Parsing, serialising and hashing happen before
 * the clock starts, so this is the insert alone.
 */
async function rawInsert(dbPath: string, feedDir: string): Promise<number> {
  // The same connection settings (WAL, page cache) as the ingest's writer.
  const { sqlite, db } = openWriter(dbPath);
  await migrateToLatest(db);
  type Row = unknown[];
  const orderRows: Row[] = [];
  const lineRows: Row[] = [];
  const rawRows: Row[] = [];
  const parties = new Map<string, Row>();
  for (const f of fs.readdirSync(feedDir).sort()) {
    const { items } = JSON.parse(fs.readFileSync(path.join(feedDir, f), 'utf8')) as { items: any[] };
    for (const o of items) {
      parties.set(`a${o.buyer.id}`, ['agencies', o.buyer.id, o.buyer.name]);
      parties.set(`s${o.supplier.id}`, ['suppliers', o.supplier.id, o.supplier.name]);
      const { contact: _contact, ...archived } = o;
      const body = JSON.stringify(archived);
      const hash = createHash('sha256').update(body).digest('hex');
      // Bodies as UTF-8 bytes, the cheapest form to hand SQLite, as the ingest's worker hands them.
      rawRows.push([SOURCE, 'order', o.order_no, hash, Buffer.from(body)]);
      orderRows.push([o.order_no, o.buyer.id, o.supplier.id, o.placed_at, o.completed_at, Math.round(Number(o.total) * 100), o.updated_at, hash]);
      o.lines.forEach((l: any, i: number) => {
        lineRows.push([o.order_no, i + 1, l.sku, l.title, l.brand, l.model, l.unit, l.quantity,
          Math.round(Number(l.unit_price) * 100), Math.round(Number(l.amount) * 100)]);
      });
    }
  }
  const order = sqlite.prepare(`INSERT INTO orders (order_no, agency_id, supplier_id, placed_at, completed_at, total_fen,
    currency, source, updated_at, record_hash, ingest_run) VALUES (?, ?, ?, ?, ?, ?, 'CNY', '${SOURCE}', ?, ?, 1)`);
  const line = sqlite.prepare(`INSERT INTO order_lines (order_no, line_no, sku, title, brand, model, spec, unit, quantity,
    unit_price_fen, amount_fen) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`);
  const agency = sqlite.prepare(`INSERT INTO agencies (id, name) VALUES (?, ?)`);
  const supplier = sqlite.prepare(`INSERT INTO suppliers (id, name) VALUES (?, ?)`);
  const raw = sqlite.prepare(`INSERT INTO raw_records (source, kind, key, hash, body, first_seen_run) VALUES (?, ?, ?, ?, CAST(? AS TEXT), 1)`);
  const start = performance.now();
  sqlite.exec('BEGIN');
  for (const [table, id, name] of parties.values()) (table === 'agencies' ? agency : supplier).run(id, name);
  for (const r of rawRows) raw.run(...r);
  for (const r of orderRows) order.run(...r);
  for (const r of lineRows) line.run(...r);
  sqlite.exec('COMMIT');
  const seconds = (performance.now() - start) / 1000;
  await db.destroy();
  return seconds;
}

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

/** One measurement, run in a fresh process: `full` (the whole ingest) or `floor` (the raw insert). */
async function measureOnce(step: string, work: string, round: number): Promise<{ seconds: number; peakMb: number }> {
  const dbPath = path.join(work, `${step}-${round}.db`);
  // As `npm run ingest` and the nightly run it: the parsing worker's modules from the compile cache.
  shareCompileCache(path.resolve(import.meta.dirname, '..'));
  let seconds: number;
  if (step === 'full') {
    const start = performance.now();
    const report = await runIngest({ dbPath, sources: [feedDirSource(path.join(work, 'feed'), SOURCE)] });
    seconds = (performance.now() - start) / 1000;
    if (report.status !== 'ok') throw new Error(`ingest failed: ${report.error}`);
  } else {
    seconds = await rawInsert(dbPath, path.join(work, 'feed'));
  }
  return { seconds, peakMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

export default async function benchIngest(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { lines: { type: 'string' }, measure: { type: 'string' } } });
  if (values.measure) {
    const [step, work, round] = values.measure.split(',');
    console.log(JSON.stringify(await measureOnce(step!, work!, Number(round))));
    return;
  }
  const lines = Number(values.lines ?? 200_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
  const feedDir = path.join(work, 'feed');
  fs.mkdirSync(feedDir);
  const orders = writeSyntheticFeed(feedDir, lines);
  console.log(`synthetic feed: ${orders.toLocaleString('en')} orders, ${(orders * LINES_PER_ORDER).toLocaleString('en')} lines in ${work}`);
  // Every measurement runs in a fresh process started with the Node flags of `npm run ingest`
  // (read from package.json), so neither the generator's garbage nor one step's heap is
  // charged to the next, and the page cache is flushed in between so pending writes are not
  // either. Steps alternate for ROUNDS rounds: the disk of this machine makes single runs
  // vary by ±30 %, and the medians are compared.
  const flags = nodeFlagsOfScript('ingest');
  const full: number[] = [];
  const raw: number[] = [];
  let peakMb = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const step of ['full', 'floor']) {
      spawnSync('sync');
      const child = spawnSync(process.execPath, [...flags, process.argv[1]!, 'ingest', '--measure', `${step},${work},${round}`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      if (child.status !== 0) throw new Error(`the measuring process (${step}) failed (exit ${child.status})`);
      const m = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { seconds: number; peakMb: number };
      if (step === 'full') {
        full.push(m.seconds);
        peakMb = Math.max(peakMb, m.peakMb);
      } else raw.push(m.seconds);
    }
  }
  const fullSeconds = median(full);
  const rawSeconds = median(raw);
  const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
  const total = orders * LINES_PER_ORDER;
  console.log(`node flags:          ${flags.join(' ')}  (as npm run ingest)`);
  console.log(`raw insert (floor):  ${rawSeconds.toFixed(2)} s  ${Math.round(total / rawSeconds).toLocaleString('en')} lines/s  (median of ${list(raw)})`);
  console.log(`full ingest:         ${fullSeconds.toFixed(2)} s  ${Math.round(total / fullSeconds).toLocaleString('en')} lines/s  (median of ${list(full)})`);
  console.log(`ratio full/raw:      ${(fullSeconds / rawSeconds).toFixed(2)}×  (issue 15 goal ≤ 2×; medians)`);
  console.log(`peak RSS of ingest:  ${peakMb} MB  (target < 500 MB)`);
  fs.rmSync(work, { recursive: true, force: true });
}
