import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pidAlive, readLock } from '../../src/publish/lock.ts';
import { lockPathFor, runNightly } from '../../src/publish/nightly.ts';
import { publishedBuild, publishSite } from '../../src/publish/site.ts';
import { runIngest } from '../../src/ingest/core/run.ts';
import { feedHttpSource } from '../../src/ingest/feed/feed-http.ts';
import { dbFiles, fakeBuild, hashTree, sha256, startFeed } from './nightly-helpers.ts';

/*
 * The real thing once: `npm run nightly` (scripts/nightly.ts) with the real analyze and the real
 * `astro build` + Pagefind, then `npm start` (src/server/supervisor.mjs) serving the published build and
 * its API on 127.0.0.1, then a run SIGKILLed while `astro build` runs. Slow (a real build), so
 * everything shares one published build. Builds go to dist-test-PID inside the project (the server
 * bundle needs node_modules above it; the dist-* ignore pattern covers it).
 */

const ORDERS = 30;
let feed: Awaited<ReturnType<typeof startFeed>>;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nightly-real-'));
const dbPath = path.join(root, 'data', 'sunshine.db');
const distPath = path.join(root, 'dist');
const buildsDir = path.join(process.cwd(), `dist-test-${process.pid}`);
const children: ChildProcess[] = [];

beforeAll(async () => { feed = await startFeed(ORDERS); });
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await feed.close();
  fs.rmSync(buildsDir, { recursive: true, force: true });
});

function run(cmd: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, cmd, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('close', (code, signal) => r({ code, signal })));
  return { child, done, out: () => out };
}
const nightlyCli = () =>
  run(['scripts/nightly.ts', '--feed', feed.url, '--db', dbPath, '--dist', distPath, '--builds', buildsDir]);

async function waitFor<T>(probe: () => T | undefined | false, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('nightly with the real astro build, then npm start', () => {
  it('publishes, serves the site and a read-only API, follows a switch, and survives SIGKILL mid-build', async () => {
    // ── npm run nightly ──────────────────────────────────────────────────────────────────
    const n = nightlyCli();
    const { code } = await n.done;
    expect(code, n.out()).toBe(0);
    expect(n.out()).toMatch(/published in/);
    expect(n.out()).toMatch(new RegExp(`purchases: ${ORDERS} new, 0 updated`));
    const build = publishedBuild(distPath)!;
    expect(fs.existsSync(path.join(build, 'client', 'pagefind', 'pagefind-entry.json'))).toBe(true);
    expect(fs.existsSync(path.join(build, 'server', 'entry.mjs'))).toBe(true);

    // ── npm start ────────────────────────────────────────────────────────────────────────
    const port = await freePort();
    const server = run(['src/server/supervisor.mjs'], { SUNSHINE_DIST: distPath, SUNSHINE_DB: dbPath, PORT: String(port), HOST: '127.0.0.1' });
    await waitFor(() => /serving .* at http:\/\/localhost:\d+/.test(server.out()), 30_000, 'the server');
    const base = `http://127.0.0.1:${port}`;
    const dbBefore = sha256(dbPath);

    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toMatch(/<html lang="zh-CN"/);
    expect((await fetch(`${base}/orders/PO-0001/`)).status).toBe(200);

    const list = await fetch(`${base}/api/orders?per_page=5&sort=-amount`);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: unknown[]; total: number; page: number; per_page: number };
    expect(body).toMatchObject({ total: ORDERS, page: 1, per_page: 5 });
    expect(body.items).toHaveLength(5);
    const etag = list.headers.get('etag')!;
    expect((await fetch(`${base}/api/orders?per_page=5&sort=-amount`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    const over = await fetch(`${base}/api/orders?per_page=501`);
    expect(over.status).toBe(400);
    expect(await over.json()).toMatchObject({ parameter: 'per_page' });
    expect((await fetch(`${base}/api/orders?sort=price`)).status).toBe(400);
    const detail = await fetch(`${base}/api/orders/PO-0001`);
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({ order_no: 'PO-0001', lines: [{ sku: 'SKU-1' }] });
    const missing = await fetch(`${base}/api/orders/NOPE`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/json/);
    const csv = Buffer.from(await (await fetch(`${base}/api/orders?format=csv&per_page=3`)).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((await fetch(`${base}/api/flags?rule=low-rating`)).status).toBe(200);
    expect((await fetch(`${base}/api/products/SKU-1/prices`)).status).toBe(200);
    // Nothing writes: not a crafted q, not another method.
    expect((await fetch(`${base}/api/orders?q=${encodeURIComponent("'; DELETE FROM orders; --")}`)).status).toBe(200);
    expect((await fetch(`${base}/api/orders`, { method: 'POST', body: 'x' })).ok).toBe(false);
    expect((await fetch(`${base}/api/orders`, { method: 'DELETE' })).ok).toBe(false);
    expect(sha256(dbPath)).toBe(dbBefore);

    // The supervisor follows a publish: a copy of the build is switched in, and served.
    const copy = path.join(buildsDir, `${path.basename(build)}-copy`);
    fs.cpSync(build, copy, { recursive: true });
    fs.writeFileSync(path.join(copy, 'client', 'switch-probe.txt'), 'new build');
    publishSite(copy, distPath, buildsDir, 'switch-test');
    await waitFor(() => /switched to/.test(server.out()), 15_000, 'the switch');
    expect(await (await fetch(`${base}/switch-probe.txt`)).text()).toBe('new build');
    expect((await fetch(`${base}/api/orders?per_page=1`)).status).toBe(200);
    publishSite(build, distPath, buildsDir, 'switch-back');
    server.child.kill('SIGTERM');
    await server.done;

    // ── SIGKILL while astro build runs ────────────────────────────────────────────────────
    const site = hashTree(distPath);
    const db = dbFiles(dbPath);
    const killed = nightlyCli();
    const lock = await waitFor(() => {
      const l = readLock(lockPathFor(dbPath));
      return l?.child_pid ? l : undefined;
    }, 120_000, 'the build to start');
    await new Promise((r) => setTimeout(r, 1500)); // well into the build
    killed.child.kill('SIGKILL');
    await killed.done;
    expect(pidAlive(lock.child_pid!)).toBe(true); // the orphaned build is still running …
    expect(hashTree(distPath)).toEqual(site);
    expect(dbFiles(dbPath)).toEqual(db);

    const next = await runNightly({
      dbPath, distPath, buildsDir, projectRoot: process.cwd(),
      ingest: (staging) => runIngest({ dbPath: staging, sources: [feedHttpSource(feed.url)], categoriesFile: '/nonexistent' }),
      build: fakeBuild(),
    });
    expect(next.error).toBeUndefined();
    expect(next.status).toBe('published');
    await waitFor(() => !pidAlive(lock.child_pid!), 5000, 'the orphaned build to stop'); // … until the next run stops it
  }, 600_000);
});
