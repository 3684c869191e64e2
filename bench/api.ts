// `npm run bench -- api [--seconds 20] [--rate 200] [--connections 16] [--orders 20000] [--db PATH] [--server DIR]`
//
// Load on GET /api/orders from a second process over loopback against a database of 20,000
// generated orders (the sample generator at scale, ingested and analysed). Two phases:
//   1. fixed rate (default 200 requests/s, open loop: requests leave on schedule whether or not
//      earlier ones returned, so a slow server cannot hide its latency by slowing the load);
//   2. the same rate on about 6,000 distinct queries, so that nothing is answered from the cache;
//   3. saturation (N keep-alive connections back to back) for the throughput ceiling.
// Prints requests/s, p50/p99/max latency and errors. Target (issue 5): p99 < 50 ms at 200/s.
//
// The server is what `npm start` runs for a build (dist/, or --server DIR): src/server/worker.mjs,
// the front and the build's Astro handler, with SUNSHINE_DB pointing at the bench database; the
// API does not depend on which database the build was made from. The loader is plain node:http with a keep-alive agent — no new dependency.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { SERVER_NODE_FLAGS } from '../src/server/node-flags.mjs';

interface LoadConfig {
  base: string;
  paths: string[];
  seconds: number;
  rate?: number;
  connections?: number;
}

interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  statuses: Record<string, number>;
  latenciesMs: number[];
  elapsedMs: number;
}

// ── the loader (runs in the child process) ─────────────────────────────────────────────────

async function load(cfg: LoadConfig): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.connections ?? 64 });
  const url = new URL(cfg.base);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let ok = 0;
  let errors = 0;
  const one = (p: string) =>
    new Promise<void>((resolve) => {
      const t = performance.now();
      sent++;
      const req = http.get({ host: url.hostname, port: url.port, path: p, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - t);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          if (res.statusCode === 200) ok++;
          else errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        statuses.error = (statuses.error ?? 0) + 1;
        resolve();
      });
    });
  const start = performance.now();
  const end = start + cfg.seconds * 1000;
  if (cfg.rate) {
    const interval = 1000 / cfg.rate;
    const pending: Promise<void>[] = [];
    for (let i = 0; ; i++) {
      const due = start + i * interval;
      if (due >= end) break;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      pending.push(one(cfg.paths[i % cfg.paths.length]!));
    }
    await Promise.all(pending);
  } else {
    let i = 0;
    await Promise.all(
      Array.from({ length: cfg.connections ?? 16 }, async () => {
        while (performance.now() < end) await one(cfg.paths[i++ % cfg.paths.length]!);
      }),
    );
  }
  agent.destroy();
  return { sent, ok, errors, statuses, latenciesMs: latencies, elapsedMs: performance.now() - start };
}

const isChild = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isChild && process.argv[2] === '--loader') {
  // The configuration comes on stdin: thousands of paths exceed what one argument may hold.
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const result = await load(JSON.parse(Buffer.concat(chunks).toString('utf8')) as LoadConfig);
  process.stdout.write(JSON.stringify(result));
}

// ── the bench (runs in `npm run bench`) ────────────────────────────────────────────────────

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function report(name: string, r: LoadResult): void {
  const s = [...r.latenciesMs].sort((a, b) => a - b);
  console.log(
    `${name}: ${r.sent} requests in ${(r.elapsedMs / 1000).toFixed(1)} s = ${((r.ok / r.elapsedMs) * 1000).toFixed(0)} ok/s; ` +
      `latency p50 ${pct(s, 50).toFixed(2)} ms, p99 ${pct(s, 99).toFixed(2)} ms, max ${(s.at(-1) ?? NaN).toFixed(2)} ms; ` +
      `errors ${r.errors} ${JSON.stringify(r.statuses)}`,
  );
}

function runLoader(cfg: LoadConfig): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--loader'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child.stdin.end(JSON.stringify(cfg));
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`loader exited ${code}`))));
  });
}

function prepareDb(orders: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-api-'));
  const feed = path.join(dir, 'feed');
  const dbPath = path.join(dir, 'sunshine.db');
  const step = (args: string[]) => {
    const r = spawnSync(process.execPath, [...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed`);
  };
  console.log(`preparing ${orders} orders in ${dir} …`);
  step(['scripts/sample.ts', '--orders', String(orders), '--out', feed]);
  step(['scripts/ingest.ts', '--feed', feed, '--retail', path.join(feed, 'retail-observations.csv'), '--db', dbPath, '--max-reject-share', '1']);
  step(['scripts/analyze.ts', '--db', dbPath]);
  return dbPath;
}

/** A realistic mix of list queries, using ids that exist in the database. */
function queryMix(dbPath: string): string[] {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const agencies = db.prepare(`SELECT agency_id FROM orders GROUP BY agency_id ORDER BY count(*) DESC LIMIT 5`).pluck().all() as string[];
    const suppliers = db.prepare(`SELECT supplier_id FROM orders GROUP BY supplier_id ORDER BY count(*) DESC LIMIT 5`).pluck().all() as string[];
    const prefix = (db.prepare(`SELECT order_no FROM orders ORDER BY order_no LIMIT 1 OFFSET 5000`).pluck().get() as string).slice(0, -3);
    const paths = [
      '/api/orders',
      '/api/orders?per_page=100&page=7',
      '/api/orders?sort=-amount',
      '/api/orders?sort=gap&order=desc',
      '/api/orders?min_gap_pct=10',
      '/api/orders?flag=price-above-retail',
      '/api/orders?category=A0201',
      '/api/orders?from=2019-01-01&to=2019-03-31',
      `/api/orders?q=${encodeURIComponent(prefix)}`,
      '/api/orders?format=csv&per_page=200',
    ];
    for (const a of agencies) paths.push(`/api/orders?agency=${encodeURIComponent(a)}&sort=-amount`);
    for (const s of suppliers) paths.push(`/api/orders?supplier=${encodeURIComponent(s)}&per_page=20`);
    return paths;
  } finally {
    db.close();
  }
}

/**
 * Queries no cache holds: about 6,000 distinct lists (each agency in three sorts, each supplier's
 * first five pages, each month's first four pages, each category in three sorts, gap thresholds,
 * deep pages), in a fixed shuffled order, so that at 10,000 requests a URL comes back only after
 * its answer has left the 512-answer cache. What a crawler or many different readers cost.
 */
function coldMix(dbPath: string): string[] {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const col = (sql: string) => db.prepare(sql).pluck().all() as string[];
    const paths: string[] = [];
    for (const a of col(`SELECT DISTINCT agency_id FROM orders ORDER BY 1`)) for (const s of ['-amount', 'date', '-gap']) paths.push(`/api/orders?agency=${encodeURIComponent(a)}&sort=${s}`);
    for (const s of col(`SELECT DISTINCT supplier_id FROM orders ORDER BY 1`)) for (let p = 1; p <= 5; p++) paths.push(`/api/orders?supplier=${encodeURIComponent(s)}&page=${p}`);
    for (const m of col(`SELECT DISTINCT substr(placed_at, 1, 7) FROM orders ORDER BY 1`)) for (let p = 1; p <= 4; p++) paths.push(`/api/orders?from=${m}-01&to=${m}-28&page=${p}`);
    for (const c of col(`SELECT DISTINCT category_code FROM listings ORDER BY 1`)) for (const s of ['-amount', 'date', '-gap']) paths.push(`/api/orders?category=${encodeURIComponent(c)}&sort=${s}`);
    for (let g = 1; g <= 300; g++) paths.push(`/api/orders?min_gap_pct=${g}`);
    for (let p = 1; p <= 1000; p++) paths.push(`/api/orders?page=${p}&sort=-amount`);
    // A fixed shuffle (the same order every run): neighbours in the list would share cache lines.
    for (let i = paths.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [paths[i], paths[j]] = [paths[j]!, paths[i]!];
    }
    return paths;
  } finally {
    db.close();
  }
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

export default async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '20' },
      rate: { type: 'string', default: '200' },
      connections: { type: 'string', default: '16' },
      orders: { type: 'string', default: '20000' },
      db: { type: 'string' },
      server: { type: 'string' },
    },
  });
  const seconds = Number(values.seconds);
  const serverDir = path.resolve(values.server ?? process.env.SUNSHINE_DIST ?? 'dist');
  const entry = path.join(serverDir, 'server', 'entry.mjs');
  if (!fs.existsSync(entry)) {
    throw new Error(`no server build at ${serverDir} (server/entry.mjs); run \`npm run demo\` or \`npm run nightly\` first, or pass --server DIR`);
  }
  const dbPath = values.db ? path.resolve(values.db) : prepareDb(Number(values.orders));
  const orders = new BetterSqlite3(dbPath, { readonly: true }).prepare(`SELECT count(*) FROM orders`).pluck().get() as number;
  const paths = queryMix(dbPath);
  const port = await freePort();
  const worker = fileURLToPath(new URL('../src/server/worker.mjs', import.meta.url));
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, worker, fs.realpathSync(serverDir)], {
    env: { ...process.env, SUNSHINE_DB: dbPath, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited: number | null | undefined;
  server.on('exit', (code) => (exited = code));
  try {
    const base = `http://127.0.0.1:${port}`;
    // The worker prints nothing when it listens (as under `npm start`): ask until it answers.
    const probe = await (async () => {
      for (const until = Date.now() + 30_000; Date.now() < until; ) {
        if (exited !== undefined) throw new Error(`server exited ${exited}`);
        try {
          return await fetch(`${base}/api/orders?per_page=1`);
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      throw new Error('server did not start in 30 s');
    })();
    if (probe.status !== 200) throw new Error(`probe returned ${probe.status}: ${await probe.text()}`);
    console.log(`api bench: ${orders} orders, ${paths.length} query shapes, server ${path.relative(process.cwd(), serverDir) || '.'} on ${base}, loader in a second process`);
    await runLoader({ base, paths, seconds: 2, rate: 50 }); // warm-up: JIT, page cache, statement cache
    report(`fixed rate ${values.rate}/s for ${seconds} s`, await runLoader({ base, paths, seconds, rate: Number(values.rate) }));
    const cold = coldMix(dbPath);
    report(
      `fixed rate ${values.rate}/s for ${seconds} s, ${cold.length} distinct queries (none cached)`,
      await runLoader({ base, paths: cold, seconds, rate: Number(values.rate) }),
    );
    report(
      `saturation, ${values.connections} connections for ${seconds} s`,
      await runLoader({ base, paths, seconds, connections: Number(values.connections) }),
    );
  } finally {
    server.kill('SIGTERM');
  }
}
