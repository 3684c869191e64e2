import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { openReader } from '../../src/db/connection.ts';
import { idSegment } from '../../src/site/format/paths.ts';
import type { BuildFn } from '../../src/publish/build.ts';
import { runIngest } from '../../src/ingest/core/run.ts';
import { feedHttpSource } from '../../src/ingest/feed/feed-http.ts';
import { lockPathFor, type NightlyOptions } from '../../src/publish/nightly.ts';
import { publishedBuild } from '../../src/publish/site.ts';
import { makeListing, makeOrder } from '../fixtures/feed-items.ts';

/** A platform feed on 127.0.0.1; `mode = 'fail'` answers HTTP 500 to everything, forever. */
export async function startFeed(orders: number): Promise<{ url: string; mode: { fail: boolean }; requests: () => number; close(): Promise<void> }> {
  const mode = { fail: false };
  let requests = 0;
  const listings = [makeListing('SKU-1'), makeListing('SKU-2', { model: 'M203dw', title: '惠普 M203dw 打印机' })];
  const orderItems = Array.from({ length: orders }, (_, i) =>
    makeOrder(`PO-${String(i + 1).padStart(4, '0')}`, { buyer: { id: `A${i % 3}`, name: `示例单位${i % 3}` } }),
  );
  const server = http.createServer((req, res) => {
    requests++;
    if (mode.fail) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const items = url.pathname.endsWith('/listings') ? listings : url.pathname.endsWith('/orders') ? orderItems : null;
    if (!items) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items, next_cursor: null }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feed`,
    mode,
    requests: () => requests,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export interface FakeBuildOptions {
  delayMs?: number;
  /** Written when the build starts (so a test knows when to kill the run). */
  startedMarker?: string;
  /** Leave out this purchase's page (the check must catch it). */
  omitOrder?: string;
  fail?: string;
}

/**
 * Writes what the real build writes, minus Astro: a page per order (naming it), the Pagefind
 * entry file, the public database, the server entry. Fast enough for many runs per test.
 */
export function fakeBuild(o: FakeBuildOptions = {}): BuildFn {
  return async ({ outDir, dbPath, signal, versionsReady }) => {
    if (o.startedMarker) fs.writeFileSync(o.startedMarker, String(process.pid));
    const client = path.join(outDir, 'client');
    fs.mkdirSync(path.join(client, 'pagefind'), { recursive: true });
    fs.mkdirSync(path.join(client, 'data'), { recursive: true });
    fs.mkdirSync(path.join(outDir, 'server'), { recursive: true });
    fs.writeFileSync(path.join(client, 'index.html'), '<html lang="zh-CN"><body>阳光采购</body></html>');
    // Started with the ingest, the build reads the database once the nightly says it is done, as the real one does.
    while (versionsReady && !fs.existsSync(versionsReady)) {
      if (signal?.aborted) throw new Error('build stopped');
      await new Promise((r) => setTimeout(r, 10));
    }
    const { sqlite } = openReader(dbPath);
    const orderNos = sqlite.prepare(`SELECT order_no FROM orders`).pluck().all() as string[];
    sqlite.close();
    for (const no of orderNos) {
      if (no === o.omitOrder) continue;
      fs.mkdirSync(path.join(client, 'orders', idSegment(no)), { recursive: true });
      fs.writeFileSync(path.join(client, 'orders', idSegment(no), 'index.html'), `<html><body><h1>${no}</h1></body></html>`);
    }
    fs.writeFileSync(path.join(client, 'pagefind', 'pagefind-entry.json'), JSON.stringify({ version: 'fake', languages: { 'zh-cn': { page_count: orderNos.length + 1 } } }));
    fs.copyFileSync(dbPath, path.join(client, 'data', 'sunshine-public.db'));
    fs.writeFileSync(path.join(outDir, 'server', 'entry.mjs'), 'export {};\n');
    if (o.delayMs) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, o.delayMs);
        signal?.addEventListener('abort', () => { clearTimeout(t); reject(new Error('build stopped')); }, { once: true });
      });
    }
    if (o.fail) throw new Error(o.fail);
  };
}

export const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Every file under a folder (following the published symlink) with its hash, for byte-for-byte comparisons. */
export function hashTree(root: string): Record<string, string> {
  const real = fs.realpathSync(root);
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(real, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    out[path.relative(real, abs)] = sha256(abs);
  }
  return out;
}

/** The database file and anything beside it that belongs to it. */
export function dbFiles(dbPath: string): Record<string, string> {
  const dir = path.dirname(dbPath);
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir)) {
    if (['', '-wal', '-shm', '-journal'].some((s) => f === path.basename(dbPath) + s)) out[f] = sha256(path.join(dir, f));
  }
  return out;
}

/** A run's own temp folder: database in <root>/data, published symlink <root>/dist, builds in <root>/builds. */
export function layout() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nightly-'));
  return { root, dbPath: path.join(root, 'data', 'sunshine.db'), distPath: path.join(root, 'dist'), buildsDir: path.join(root, 'builds') };
}
export type Layout = ReturnType<typeof layout>;

/** A nightly run that ingests the feed at `feedUrl` and builds with the fake build. */
export function nightlyOptions(feedUrl: string, l: Layout, build: FakeBuildOptions = {}, extra: Partial<NightlyOptions> = {}): NightlyOptions {
  return {
    dbPath: l.dbPath,
    distPath: l.distPath,
    buildsDir: l.buildsDir,
    projectRoot: process.cwd(),
    ingest: (staging) =>
      runIngest({ dbPath: staging, sources: [feedHttpSource(feedUrl, { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } })], categoriesFile: '/nonexistent' }),
    analyze: async () => ({}) as never, // gaps and flags are analyze's tests; here only the pipeline matters
    build: fakeBuild(build),
    ...extra,
  };
}

/** What must hold after any failed run: nothing changed, nothing left behind. */
export function expectUntouched(l: Layout, before: { db: Record<string, string>; site: Record<string, string>; target: string | undefined; builds: string[] }) {
  expect(dbFiles(l.dbPath)).toEqual(before.db);
  expect(publishedBuild(l.distPath)).toBe(before.target);
  expect(hashTree(l.distPath)).toEqual(before.site);
  expect(fs.readdirSync(l.buildsDir).sort()).toEqual(before.builds);
  expect(fs.readdirSync(path.dirname(l.dbPath)).filter((f) => f.includes('staging'))).toEqual([]);
  expect(fs.existsSync(lockPathFor(l.dbPath))).toBe(false);
}

export const snapshot = (l: Layout) => ({
  db: dbFiles(l.dbPath),
  site: hashTree(l.distPath),
  target: publishedBuild(l.distPath),
  builds: fs.readdirSync(l.buildsDir).sort(),
});
