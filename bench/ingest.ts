// `npm run bench -- ingest [--lines N]`: the full ingest (parse, validate, upsert) of a synthetic
// feed of N order lines (default 200,000), next to a raw better-sqlite3 insert of the same rows
// into the same schema in the same process: the physical floor on this machine.
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openWriter } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { runIngest } from '../src/ingest/run.ts';
import { feedDirSource } from '../src/ingest/sources/feed-dir.ts';

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

/**
 * The floor: the same rows, already parsed, through prepared statements in one transaction,
 * nothing else. Parsing is done before the clock starts, so this is the insert alone.
 */
async function rawInsert(dbPath: string, feedDir: string): Promise<number> {
  const { db } = openWriter(dbPath);
  await migrateToLatest(db);
  await db.destroy();
  type Row = unknown[];
  const orderRows: Row[] = [];
  const lineRows: Row[] = [];
  for (const f of fs.readdirSync(feedDir).sort()) {
    const { items } = JSON.parse(fs.readFileSync(path.join(feedDir, f), 'utf8')) as { items: any[] };
    for (const o of items) {
      orderRows.push([o.order_no, o.buyer.id, o.supplier.id, o.placed_at, o.completed_at, Math.round(Number(o.total) * 100), o.updated_at]);
      o.lines.forEach((l: any, i: number) => {
        lineRows.push([o.order_no, i + 1, l.sku, l.title, l.brand, l.model, l.unit, l.quantity,
          Math.round(Number(l.unit_price) * 100), Math.round(Number(l.amount) * 100)]);
      });
    }
  }
  const sqlite = new BetterSqlite3(dbPath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  const order = sqlite.prepare(`INSERT INTO orders (order_no, agency_id, supplier_id, placed_at, completed_at, total_fen,
    currency, source, updated_at, record_hash, ingest_run) VALUES (?, ?, ?, ?, ?, ?, 'CNY', 'raw', ?, '', 0)`);
  const line = sqlite.prepare(`INSERT INTO order_lines (order_no, line_no, sku, title, brand, model, spec, unit, quantity,
    unit_price_fen, amount_fen) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`);
  const start = performance.now();
  sqlite.exec('BEGIN');
  for (const r of orderRows) order.run(...r);
  for (const r of lineRows) line.run(...r);
  sqlite.exec('COMMIT');
  const seconds = (performance.now() - start) / 1000;
  sqlite.close();
  return seconds;
}

export default async function benchIngest(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { lines: { type: 'string' } } });
  const lines = Number(values.lines ?? 200_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
  const feedDir = path.join(work, 'feed');
  fs.mkdirSync(feedDir);
  const orders = writeSyntheticFeed(feedDir, lines);
  console.log(`synthetic feed: ${orders.toLocaleString('en')} orders, ${(orders * LINES_PER_ORDER).toLocaleString('en')} lines in ${work}`);

  // The full ingest runs first so that the peak RSS below is its own, not the floor's arrays.
  const start = performance.now();
  const report = await runIngest({ dbPath: path.join(work, 'full.db'), sources: [feedDirSource(feedDir, 'feed:bench')] });
  const fullSeconds = (performance.now() - start) / 1000;
  if (report.status !== 'ok') throw new Error(`ingest failed: ${report.error}`);
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const rawSeconds = await rawInsert(path.join(work, 'raw.db'), feedDir);
  const total = orders * LINES_PER_ORDER;
  console.log(`raw insert (floor):  ${rawSeconds.toFixed(2)} s  ${Math.round(total / rawSeconds).toLocaleString('en')} lines/s`);
  console.log(`full ingest:         ${fullSeconds.toFixed(2)} s  ${Math.round(total / fullSeconds).toLocaleString('en')} lines/s`);
  console.log(`ratio full/raw:      ${(fullSeconds / rawSeconds).toFixed(2)}×  (target ≤ 3×)`);
  console.log(`peak RSS of ingest:  ${peakMb} MB  (target < 500 MB)`);
  fs.rmSync(work, { recursive: true, force: true });
}
