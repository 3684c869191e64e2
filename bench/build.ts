// `npm run bench -- build [--orders N] [--no-sample] [--db PATH] [--keep]`: the static build at
// scale (issue 4). For the bundled sample and for synthetic sets of N/2 and N orders (default
// 20,000), prints Astro render seconds and ms per page, Pagefind seconds, index size, peak
// memory of the whole build (Astro + the Pagefind binary), HTML sizes, and — in the same run,
// on the same database — a plain Node template writing the same kinds of pages to files: the
// floor that Astro's overhead is measured against. The N/2 → N pair shows whether per-page
// work grows with the size of the site. Each dataset is made by the project's own commands (sample → ingest → analyze) into a temp
// folder, and every build goes into a fresh folder: this machine's disk slows down when many
// files are recreated right after being deleted (STACK-NOTES), which would skew the figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { ASTRO_BUILD_NODE_FLAGS, astroBin } from '../src/publish/build-flags.ts';
import { parsePagefind, parseRenderSeconds, run } from './_process.ts';
import { isIndexFolder } from '../src/site/format/search-shards.ts';

const ROOT = process.cwd();
const ASTRO = astroBin(ROOT);

interface Dataset {
  name: string;
  dbPath: string;
  orders: number;
  prepareSeconds: number;
}

interface BuildFigures {
  dataset: string;
  orders: number;
  pages: number;
  indexedPages: number;
  wallSeconds: number;
  renderSeconds: number;
  msPerPage: number;
  pagefindSeconds: number;
  indexBytes: number;
  peakRssBytes: number;
  htmlBytes: number;
  maxOrderPageBytes: number;
  floorSeconds: number;
  floorPages: number;
  floorMsPerPage: number;
}

export default async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string', default: '20000' },
      'no-sample': { type: 'boolean', default: false },
      db: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const big = Number(values.orders);
  if (!Number.isInteger(big) || big < 200) throw new Error(`--orders must be a whole number ≥ 200, got ${values.orders}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sunshine-bench-build-'));
  // The server half of an Astro build imports packages by name from its own folder.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  console.log(`bench build: working in ${work}${values.keep ? ' (kept)' : ''}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}\n`);

  const results: BuildFigures[] = [];
  try {
    const datasets: Dataset[] = [];
    if (values.db) {
      const dbPath = path.resolve(values.db);
      datasets.push({ name: path.basename(dbPath), dbPath, orders: countOrders(dbPath), prepareSeconds: 0 });
    } else {
      if (!values['no-sample']) datasets.push(await prepareSample(work));
      datasets.push(await prepareSynthetic(work, Math.round(big / 2)));
      datasets.push(await prepareSynthetic(work, big));
    }
    for (const ds of datasets) {
      const figures = await buildOnce(work, ds);
      results.push(figures);
      printFigures(figures);
    }
    printSummary(results);
  } finally {
    if (!values.keep) fs.rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- datasets

async function prepareSample(work: string): Promise<Dataset> {
  const dbPath = path.join(work, 'sample.db');
  const started = performance.now();
  const feed = path.join(ROOT, 'data', 'sample');
  await run(process.execPath, ['scripts/ingest.ts', '--db', dbPath, '--feed', feed, '--retail', path.join(feed, 'retail-observations.csv')]);
  await run(process.execPath, ['scripts/analyze.ts', '--db', dbPath]);
  const ds = { name: 'sample', dbPath, orders: countOrders(dbPath), prepareSeconds: (performance.now() - started) / 1000 };
  console.log(`dataset sample: ${ds.orders} orders, prepared in ${ds.prepareSeconds.toFixed(1)} s`);
  return ds;
}

async function prepareSynthetic(work: string, orders: number): Promise<Dataset> {
  const dir = path.join(work, `feed-${orders}`);
  const dbPath = path.join(work, `synthetic-${orders}.db`);
  const started = performance.now();
  await run(process.execPath, ['scripts/sample.ts', '--orders', String(orders), '--out', dir]);
  await run(process.execPath, ['scripts/ingest.ts', '--db', dbPath, '--feed', dir, '--retail', path.join(dir, 'retail-observations.csv')]);
  await run(process.execPath, ['scripts/analyze.ts', '--db', dbPath]);
  const ds = { name: `synthetic ${orders}`, dbPath, orders: countOrders(dbPath), prepareSeconds: (performance.now() - started) / 1000 };
  console.log(`dataset ${ds.name}: ${ds.orders} orders, prepared in ${ds.prepareSeconds.toFixed(1)} s`);
  return ds;
}

function countOrders(dbPath: string): number {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- the Astro build

async function buildOnce(work: string, ds: Dataset): Promise<BuildFigures> {
  const outDir = fs.mkdtempSync(path.join(work, `dist-${ds.name.replace(/\W+/g, '-')}-`));
  const started = performance.now();
  const { output, peakRssBytes } = await run(process.execPath, [...ASTRO_BUILD_NODE_FLAGS, ASTRO, 'build', '--outDir', outDir], {
    env: { SUNSHINE_DB: ds.dbPath, NO_COLOR: '1', FORCE_COLOR: '0' },
    quiet: true,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const clientDir = fs.existsSync(path.join(outDir, 'client')) ? path.join(outDir, 'client') : outDir;

  const renderSeconds = parseRenderSeconds(output);
  const pf = parsePagefind(output);
  const html = walkHtml(clientDir);
  const orderPages = html.filter((f) => f.rel.startsWith(`orders${path.sep}`) && !f.rel.includes(`${path.sep}page${path.sep}`) && !/^orders[\\/](by-|index)/.test(f.rel));
  const floor = renderFloor(ds.dbPath, fs.mkdtempSync(path.join(work, `floor-${ds.name.replace(/\W+/g, '-')}-`)));

  return {
    dataset: ds.name,
    orders: ds.orders,
    pages: html.length,
    indexedPages: pf ? pf.pages : 0,
    wallSeconds,
    renderSeconds,
    msPerPage: (renderSeconds * 1000) / Math.max(1, html.length),
    pagefindSeconds: pf ? pf.seconds : Number.NaN,
    indexBytes: fs.readdirSync(clientDir).filter(isIndexFolder).reduce((n, d) => n + dirBytes(path.join(clientDir, d)), 0),
    peakRssBytes,
    htmlBytes: html.reduce((n, f) => n + f.bytes, 0),
    maxOrderPageBytes: orderPages.reduce((m, f) => Math.max(m, f.bytes), 0),
    floorSeconds: floor.seconds,
    floorPages: floor.pages,
    floorMsPerPage: (floor.seconds * 1000) / Math.max(1, floor.pages),
  };
}



function walkHtml(root: string): { rel: string; bytes: number }[] {
  const out: { rel: string; bytes: number }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (p !== path.join(root, 'pagefind')) walk(p);
      } else if (e.name.endsWith('.html')) {
        out.push({ rel: path.relative(root, p), bytes: fs.statSync(p).size });
      }
    }
  };
  walk(root);
  return out;
}

function dirBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return n;
}

// ---------------------------------------------------------------- the floor

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toFixed(2)}`);

/**
 * The same page kinds the site has per entity — one per order, product, agency and supplier —
 * each from the same kind of by-id queries, rendered with template literals and written to
 * its own index.html. No layout framework, no components: what the data and the disk cost.
 */
export function renderFloor(dbPath: string, outDir: string): { seconds: number; pages: number } {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  const started = performance.now();
  let pages = 0;
  const write = (dir: string, body: string, title: string) => {
    const d = path.join(outDir, dir);
    fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(
      path.join(d, 'index.html'),
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main data-pagefind-body>${body}</main></body></html>`,
    );
    pages++;
  };
  try {
    const orderHead = db.prepare(`SELECT o.*, a.name AS agency, s.name AS supplier FROM orders o
      LEFT JOIN agencies a ON a.id = o.agency_id LEFT JOIN suppliers s ON s.id = o.supplier_id WHERE o.order_no = ?`);
    const orderLines = db.prepare(`SELECT l.*, g.ref_price_fen, g.ref_retailer, g.ref_observed_on, g.ref_url, g.gap_fen, g.gap_bp
      FROM order_lines l LEFT JOIN line_gaps g ON g.order_no = l.order_no AND g.line_no = l.line_no WHERE l.order_no = ? ORDER BY l.line_no`);
    const orderFlags = db.prepare(`SELECT rule, evidence_json FROM flags WHERE order_no = ? ORDER BY id`);
    for (const { order_no } of db.prepare('SELECT order_no FROM orders ORDER BY order_no').all() as { order_no: string }[]) {
      const o = orderHead.get(order_no) as Record<string, string | number | null>;
      const lines = orderLines.all(order_no) as Record<string, string | number | null>[];
      const flags = orderFlags.all(order_no) as { rule: string; evidence_json: string }[];
      write(
        `orders/${encodeURIComponent(order_no)}`,
        `<h1>${esc(o.agency)} 向 ${esc(o.supplier)} 采购</h1><p>${esc(o.placed_at)} · ${yuan(o.total_fen as number)}</p>` +
          `<table><tbody>${lines.map((l) => `<tr><td>${esc(l.title)}</td><td>${esc(l.quantity)}</td><td>${yuan(l.unit_price_fen as number)}</td>` +
            `<td>${yuan(l.ref_price_fen as number | null)} ${esc(l.ref_retailer)} ${esc(l.ref_observed_on)}</td><td>${yuan(l.gap_fen as number | null)}</td></tr>`).join('')}</tbody></table>` +
          `<ul>${flags.map((f) => `<li>${esc(f.rule)} ${esc(f.evidence_json)}</li>`).join('')}</ul>`,
        String(order_no),
      );
    }
    const listing = db.prepare('SELECT * FROM listings WHERE sku = ?');
    const prices = db.prepare('SELECT day, price_fen FROM listing_prices WHERE sku = ? ORDER BY day');
    const purchases = db.prepare(`SELECT l.order_no, o.placed_at, l.unit_price_fen FROM order_lines l JOIN orders o ON o.order_no = l.order_no
      WHERE l.sku = ? ORDER BY o.placed_at DESC LIMIT 50`);
    for (const { sku } of db.prepare('SELECT sku FROM listings ORDER BY sku').all() as { sku: string }[]) {
      const p = listing.get(sku) as Record<string, string | number>;
      write(
        `products/${encodeURIComponent(sku)}`,
        `<h1>${esc(p.title)}</h1><p>${esc(p.brand)} ${esc(p.model)} ${yuan(p.price_fen as number)}</p>` +
          `<table>${(prices.all(sku) as { day: string; price_fen: number }[]).map((r) => `<tr><td>${r.day}</td><td>${yuan(r.price_fen)}</td></tr>`).join('')}</table>` +
          `<ul>${(purchases.all(sku) as { order_no: string; placed_at: string; unit_price_fen: number }[]).map((r) => `<li>${esc(r.order_no)} ${esc(r.placed_at)} ${yuan(r.unit_price_fen)}</li>`).join('')}</ul>`,
        String(p.title),
      );
    }
    const totals = db.prepare(`SELECT * FROM totals WHERE dimension = ? AND key = ? AND period = 'all'`);
    const recent = (col: 'agency_id' | 'supplier_id') =>
      db.prepare(`SELECT order_no, placed_at, total_fen FROM orders WHERE ${col} = ? ORDER BY placed_at DESC LIMIT 50`);
    for (const [table, dim, col] of [['agencies', 'agency', 'agency_id'], ['suppliers', 'supplier', 'supplier_id']] as const) {
      const latest = recent(col);
      for (const r of db.prepare(`SELECT id, name FROM ${table} ORDER BY id`).all() as { id: string; name: string }[]) {
        const t = totals.get(dim, r.id) as Record<string, number> | undefined;
        write(
          `${table}/${encodeURIComponent(r.id)}`,
          `<h1>${esc(r.name)}</h1><p>${t ? `${t.orders} · ${yuan(t.spend_fen!)} · ${yuan(t.net_gap_fen!)}` : ''}</p>` +
            `<ul>${(latest.all(r.id) as { order_no: string; placed_at: string; total_fen: number }[]).map((o) => `<li>${esc(o.order_no)} ${esc(o.placed_at)} ${yuan(o.total_fen)}</li>`).join('')}</ul>`,
          r.name,
        );
      }
    }
  } finally {
    db.close();
  }
  return { seconds: (performance.now() - started) / 1000, pages };
}

// ---------------------------------------------------------------- output

const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
const s = (x: number) => `${x.toFixed(2)} s`;

function printFigures(f: BuildFigures): void {
  console.log(`\n== ${f.dataset}: ${f.orders} orders, ${f.pages} HTML pages (${f.indexedPages} indexed by Pagefind)`);
  console.log(`  build wall time        ${s(f.wallSeconds)} (Vite bundling + render + public db + Pagefind)`);
  console.log(`  Astro render           ${s(f.renderSeconds)}  = ${f.msPerPage.toFixed(2)} ms/page`);
  console.log(`  plain Node floor       ${s(f.floorSeconds)}  = ${f.floorMsPerPage.toFixed(2)} ms/page (${f.floorPages} order, product, agency and supplier pages)`);
  console.log(`  Pagefind               ${s(f.pagefindSeconds)}  = ${((f.pagefindSeconds * 1000) / Math.max(1, f.indexedPages)).toFixed(2)} ms/indexed page`);
  console.log(`  Pagefind index size    ${mb(f.indexBytes)}`);
  console.log(`  peak memory (tree RSS) ${mb(f.peakRssBytes)}`);
  console.log(`  HTML total             ${mb(f.htmlBytes)}; largest order page ${(f.maxOrderPageBytes / 1024).toFixed(1)} KB`);
}

function printSummary(rows: BuildFigures[]): void {
  console.log('\n| dataset | orders | pages | render s | ms/page | floor ms/page | Pagefind s | index | peak RSS | wall s |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const f of rows) {
    console.log(`| ${f.dataset} | ${f.orders} | ${f.pages} | ${f.renderSeconds.toFixed(2)} | ${f.msPerPage.toFixed(2)} | ${f.floorMsPerPage.toFixed(2)} | ` +
      `${f.pagefindSeconds.toFixed(2)} | ${mb(f.indexBytes)} | ${mb(f.peakRssBytes)} | ${f.wallSeconds.toFixed(1)} |`);
  }
  const synth = rows.filter((r) => r.dataset.startsWith('synthetic'));
  if (synth.length === 2) {
    const [half, full] = synth as [BuildFigures, BuildFigures];
    const ratio = (a: number, b: number) => (b / a).toFixed(2);
    console.log(`\ndoubling ${half.orders} → ${full.orders} orders (×${ratio(half.orders, full.orders)}; pages ×${ratio(half.pages, full.pages)}):`);
    console.log(`  render ×${ratio(half.renderSeconds, full.renderSeconds)}, ms/page ${half.msPerPage.toFixed(2)} → ${full.msPerPage.toFixed(2)}`);
    console.log(`  Pagefind ×${ratio(half.pagefindSeconds, full.pagefindSeconds)}, index ×${ratio(half.indexBytes, full.indexBytes)}, peak memory ×${ratio(half.peakRssBytes, full.peakRssBytes)}`);
    console.log(`  floor ×${ratio(half.floorSeconds, full.floorSeconds)}, whole build ×${ratio(half.wallSeconds, full.wallSeconds)}`);
    const growth = full.msPerPage / half.msPerPage;
    console.log(growth < 1.3 ? '  per-page render cost stays flat' : `  WARNING: per-page render cost grew ×${growth.toFixed(2)}: some page does work that grows with the site`);
    console.log('  (the goals of the whole nightly are in `npm run bench`, bench/scaling.ts)');
  }
}
