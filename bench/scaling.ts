// `npm run bench` (or `npm run bench -- scaling [--orders 20000] [--keep]`): the figures of
// issue 15 in one run, each beside its floor or goal. With the project's own generator it makes
// sets of N/2 and N orders, a quiet next night of the N set (issue 15's: 1 % new orders and one
// changed order) and a night after it with a refund (1 % new orders and one refunded order of
// another month: a second old month's search shard to index again), then times the real nightly
// (`npm run nightly`: ingest → analyze → versions → build → check → publish) on each — full for
// N/2 and N, incremental for the two quiet nights — with
// the peak memory of the whole process tree; then the render floor (a plain Node template writing
// the same pages), the ingest against a raw insert of the same rows, and the API under an
// open-loop load of 500 requests/s on the N-order database. Last, what the issue checks of the
// quiet night's site (bench/_quiet-night-checks.ts); a failed check fails the bench.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { renderFloor } from './build.ts';
import { nodeFlagsOfScript, parsePagefind, parseRenderSeconds, run } from './_process.ts';
import { isIndexFolder } from '../src/site/format/search-shards.ts';
import { type Check, addedOrderNos, copyDatabase, equalsFullRebuild, ordersIndexed, ordersShown } from './_quiet-night-checks.ts';

const ROOT = process.cwd();

interface Night {
  label: string;
  orders: number;
  wall: number;
  stages: Record<string, number>;
  render: number;
  pagesRendered: number;
  pagefind: number;
  peakRss: number;
  dbPath: string;
  build: string;
}

export default async function bench(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { orders: { type: 'string', default: '20000' }, keep: { type: 'boolean', default: false } } });
  const big = Number(values.orders);
  const half = Math.round(big / 2);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sunshine-bench-scaling-'));
  const builds = path.join(ROOT, `dist-bench-${process.pid}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(2)}`);
  console.log(`working in ${work}; builds in ${path.relative(ROOT, builds)}\n`);
  try {
    const feed = (n: number) => {
      const dir = path.join(work, `feed-${n}`);
      node(['scripts/sample.ts', '--orders', String(n), '--out', dir]);
      return dir;
    };
    const feedHalf = feed(half);
    const feedBig = feed(big);
    const quietFeed = path.join(work, `feed-${big}-next`);
    const quietLine = node(['scripts/sample.ts', '--next-night', feedBig, '--out', quietFeed, '--share', '0.01', '--changed', '1', '--refunded', '0']);
    const newOrders = Number(/: (\d+) new orders/.exec(quietLine)?.[1] ?? NaN);
    const refundFeed = path.join(work, `feed-${big}-refund`);
    node(['scripts/sample.ts', '--next-night', quietFeed, '--out', refundFeed, '--share', '0.01', '--changed', '0', '--refunded', '1']);

    const nightHalf = await nightly(`full ${half}`, feedHalf, path.join(work, 'db-half', 'sunshine.db'), path.join(work, 'dist-half'), builds);
    const nightBig = await nightly(`full ${big}`, feedBig, path.join(work, 'db-big', 'sunshine.db'), path.join(work, 'dist-big'), builds);
    const quiet = await nightly('quiet night', quietFeed, nightBig.dbPath, path.join(work, 'dist-big'), builds);
    // What issue 15 checks of the quiet night's site: its orders and its search index now, before
    // the next night changes the database; the full rebuild to compare it with at the end, from a
    // copy of this database, so its half-gigabyte of writes cannot slow a timed figure.
    const quietClient = path.join(quiet.build, 'client');
    const checks: Check[] = [
      ...ordersShown(quietClient, path.join(nightBig.build, 'client'), addedOrderNos(feedBig, quietFeed), newOrders),
      ordersIndexed(quietClient, quiet.dbPath),
    ];
    const quietDb = await copyDatabase(quiet.dbPath, path.join(work, 'db-quiet', 'sunshine.db'));
    const refund = await nightly('night with a refund', refundFeed, nightBig.dbPath, path.join(work, 'dist-big'), builds);

    const floorDir = fs.mkdtempSync(path.join(work, 'floor-'));
    const floor = renderFloor(nightBig.dbPath, floorDir);
    const ingest = benchOutput(['ingest', '--lines', '200000']);
    const api = benchOutput(['api', '--rate', '500', '--seconds', '20', '--db', nightBig.dbPath, '--server', refund.build]);

    checks.push(await equalsFullRebuild(quietClient, quietDb, path.join(builds, 'full-rebuild')));
    fs.rmSync(path.join(builds, 'full-rebuild'), { recursive: true, force: true });
    console.log('');
    for (const c of checks) console.log(`quiet night's site: ${c.ok ? 'ok' : 'FAILED'}, ${c.text}`);

    const ratio = (a: number, b: number) => b / a;
    const astroMs = (nightBig.render * 1000) / Math.max(1, nightBig.pagesRendered);
    const floorMs = (floor.seconds * 1000) / Math.max(1, floor.pages);
    const ingestRatio = Number(/ratio full\/raw:\s+([\d.]+)/.exec(ingest)?.[1] ?? NaN);
    const ingestLine = /full ingest:\s+([\d.]+) s/.exec(ingest)?.[1];
    const rawLine = /raw insert \(floor\):\s+([\d.]+) s/.exec(ingest)?.[1];
    const fixed = /fixed rate 500\/s[^:]*: (\d+) requests.*?p50 ([\d.]+) ms, p99 ([\d.]+) ms.*?errors (\d+)/.exec(api);
    const cold = /fixed rate 500\/s[^:]*, (\d+) distinct queries[^:]*: (\d+) requests.*?p50 ([\d.]+) ms, p99 ([\d.]+) ms.*?errors (\d+)/.exec(api);
    const saturated = /saturation[^:]*: \d+ requests in [\d.]+ s = (\d+) ok\/s.*?p99 ([\d.]+) ms/.exec(api);
    const stageRatios = ['ingest', 'analyze', 'versions', 'check'].map((k) => `${k} ×${ratio(nightHalf.stages[k] ?? NaN, nightBig.stages[k] ?? NaN).toFixed(2)}`).join(', ');
    const gb = (b: number) => `${(b / 2 ** 30).toFixed(2)} GB`;
    const rows: [string, string, string][] = [
      [`whole nightly, ${big.toLocaleString('en')} orders (${stagesText(nightBig)})`, `${nightBig.wall.toFixed(1)} s`, '< 60 s full'],
      [`whole nightly, ${half.toLocaleString('en')} orders`, `${nightHalf.wall.toFixed(1)} s`, '—'],
      [`the next night, 1 % new orders and one changed order (${stagesText(quiet)})`, `${quiet.wall.toFixed(2)} s (${(quiet.wall / nightBig.wall).toFixed(3)} × the full night)`, '≤ 15 s and ≤ 0.25 × full'],
      [`the night after, 1 % new orders and one refunded order of another month (${stagesText(refund)})`, `${refund.wall.toFixed(1)} s (${(refund.wall / nightBig.wall).toFixed(3)} × the full night)`, '— (beyond the issue: a second old month)'],
      [`${half.toLocaleString('en')} → ${big.toLocaleString('en')} orders`, `render ×${ratio(nightHalf.render, nightBig.render).toFixed(2)}, Pagefind ×${ratio(nightHalf.pagefind, nightBig.pagefind).toFixed(2)}, ${stageRatios}, whole ×${ratio(nightHalf.wall, nightBig.wall).toFixed(2)}`, 'every stage ≤ 2.1×'],
      [`peak memory of the nightly's process tree, ${big.toLocaleString('en')} orders`, gb(nightBig.peakRss), '< 2 GB'],
      ['render per page vs plain Node template → file', `${astroMs.toFixed(2)} ms vs ${floorMs.toFixed(2)} ms (${(astroMs / floorMs).toFixed(1)}×)`, '≤ 5×'],
      ['ingest of 200k lines vs raw prepared insert of the same rows', `${ingestLine ?? '?'} s vs ${rawLine ?? '?'} s (${ingestRatio.toFixed(2)}×)`, '≤ 2×'],
      [`API GET /api/orders & co., ${big.toLocaleString('en')} orders, open loop 500 rps`, fixed ? `p50 ${fixed[2]} ms, p99 ${fixed[3]} ms, ${fixed[4]} errors of ${fixed[1]}; saturates at ${saturated?.[1] ?? '?'} rps (p99 ${saturated?.[2] ?? '?'} ms)` : 'no figure (see the api output above)', 'p99 < 20 ms @ 500 rps, 0 errors'],
      [`the same, ${cold?.[1] ?? '?'} distinct queries (none answered from the cache)`, cold ? `p50 ${cold[3]} ms, p99 ${cold[4]} ms, ${cold[5]} errors of ${cold[2]}` : 'no figure (see the api output above)', '—'],
    ];
    console.log('\n| work | measured | goal |\n|---|---|---|');
    for (const [w, m, g] of rows) console.log(`| ${w} | ${m} | ${g} |`);
    console.log(`\nquiet night: rendered ${quiet.pagesRendered} pages; full night rendered ${nightBig.pagesRendered}; Pagefind ${quiet.pagefind.toFixed(1)} s vs ${nightBig.pagefind.toFixed(1)} s`);
    console.log(`night with a refund: rendered ${refund.pagesRendered} pages; Pagefind ${refund.pagefind.toFixed(1)} s`);
    const failed = checks.filter((c) => !c.ok);
    console.log(failed.length === 0 ? `quiet night's site: all ${checks.length} checks passed` : `quiet night's site: ${failed.length} of ${checks.length} checks FAILED: ${failed.map((c) => c.text).join('; ')}`);
    if (failed.length > 0) process.exitCode = 1;
  } finally {
    if (!values.keep) {
      fs.rmSync(work, { recursive: true, force: true });
      fs.rmSync(builds, { recursive: true, force: true });
    }
  }
}

/** Runs a script to completion; prints and returns its last line. */
function node(args: string[]): string {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${r.status})`);
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  console.log(`  ${last}`);
  return last;
}

/** Another bench of this folder, in its own process; its output is printed and returned. */
function benchOutput(args: string[]): string {
  console.log(`\n$ npm run bench -- ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [...nodeFlagsOfScript('bench'), path.join(ROOT, 'bench', 'index.ts'), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(r.stdout);
  if (r.status !== 0) console.log(`(bench ${args[0]} exited ${r.status})`);
  return r.stdout;
}

/** `npm run nightly` as a user runs it (package.json's node flags), timed, with the tree's peak memory. */
async function nightly(label: string, feed: string, dbPath: string, dist: string, builds: string): Promise<Night> {
  const started = performance.now();
  const { output, peakRssBytes } = await run(process.execPath, [
    ...nodeFlagsOfScript('nightly'), 'scripts/nightly.ts', '--feed', feed, '--retail', path.join(feed, 'retail-observations.csv'),
    '--db', dbPath, '--dist', dist, '--builds', builds, '--max-reject-share', '1',
  ], { quiet: true });
  const wall = (performance.now() - started) / 1000;
  const stages: Record<string, number> = {};
  const line = /stages: (.*)/.exec(output)?.[1] ?? '';
  for (const m of line.matchAll(/([a-z]+) ([\d.]+) s/g)) stages[m[1]!] = Number(m[2]);
  const n: Night = {
    label, orders: Number(/site: (\d+) orders/.exec(output)?.[1] ?? NaN), wall, stages,
    render: parseRenderSeconds(output), pagesRendered: renderedFiles(path.join(fs.realpathSync(dist), 'client')),
    pagefind: parsePagefind(output)?.seconds ?? NaN, peakRss: peakRssBytes, dbPath, build: fs.realpathSync(dist),
  };
  console.log(`  ${label}: ${wall.toFixed(1)} s (${stagesText(n)}), render ${n.render.toFixed(1)} s for ${n.pagesRendered} pages, Pagefind ${n.pagefind.toFixed(1)} s, peak ${(peakRssBytes / 2 ** 30).toFixed(2)} GB`);
  return n;
}

function stagesText(n: Night): string {
  return Object.entries(n.stages).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
}

/** Files Astro rendered in this build: pages and endpoints, not the search index, assets or links to the previous build. */
function renderedFiles(client: string): number {
  let n = 0;
  for (const e of fs.readdirSync(client, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(client, path.join(e.parentPath, e.name));
    const top = rel.split(path.sep)[0]!;
    if (isIndexFolder(top) || top === '_astro' || rel.endsWith('.db')) continue;
    if (fs.statSync(path.join(e.parentPath, e.name)).nlink === 1) n++;
  }
  return n;
}
