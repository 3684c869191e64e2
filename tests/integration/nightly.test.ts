import BetterSqlite3 from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, LockBusyError, readLock } from '../../src/publish/lock.ts';
import { lockPathFor, retiredBuildsRemoved, runNightly, type NightlyOptions } from '../../src/publish/nightly.ts';
import { rollback } from '../../src/publish/rollback.ts';
import { listBuilds, publishedBuild } from '../../src/publish/site.ts';
import { dbFiles, expectUntouched, hashTree, layout, nightlyOptions, snapshot, startFeed, type FakeBuildOptions, type Layout } from './nightly-helpers.ts';

/*
 * The nightly run end to end with a feed on 127.0.0.1 and a fake build (the real `astro build`
 * is in nightly-real-build.test.ts). Every test works in its own temp folder: database in
 * <tmp>/data, published symlink <tmp>/dist, builds in <tmp>/builds.
 */

let feed: Awaited<ReturnType<typeof startFeed>>;
beforeAll(async () => { feed = await startFeed(12); });
afterAll(async () => { await feed.close(); });
beforeEach(() => { feed.mode.fail = false; });

const opts = (l: Layout, build: FakeBuildOptions = {}, extra: Partial<NightlyOptions> = {}) => nightlyOptions(feed.url, l, build, extra);

const query = (dbPath: string, sql: string) => {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try { return db.prepare(sql).all(); } finally { db.close(); }
};

describe('nightly: publish', () => {
  it('ingests from the feed, builds a fresh folder, checks it and publishes database and site', async () => {
    const l = layout();
    const r = await runNightly(opts(l));
    expect(r.error).toBeUndefined();
    expect(r.status).toBe('published');
    expect(r.summary).toEqual({ purchases_new: 12, purchases_updated: 0, flags_new: {}, rejects: { [`feed:${feed.url}`]: 0 } });
    expect(r.check).toMatchObject({ orders: 12, order_pages: 12, pagefind_pages: 13 });

    expect(fs.lstatSync(l.distPath).isSymbolicLink()).toBe(true);
    const build = publishedBuild(l.distPath)!;
    expect(path.dirname(build)).toBe(fs.realpathSync(l.buildsDir));
    expect(fs.existsSync(path.join(l.distPath, 'client', 'orders', 'PO-0001', 'index.html'))).toBe(true);
    // The published database is one file in rollback-journal mode, with the run's history.
    expect(fs.readdirSync(path.dirname(l.dbPath)).filter((f) => !f.startsWith('.'))).toEqual(['sunshine.db']);
    expect(query(l.dbPath, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'delete' }]);
    expect(query(l.dbPath, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: 12 }]);
    const stages = (query(l.dbPath, `SELECT stage, status FROM ingest_runs ORDER BY id`) as { stage: string }[]).map((s) => s.stage);
    expect(stages).toEqual(['ingest', 'build', 'check', 'nightly']);
    const nightly = query(l.dbPath, `SELECT counts_json FROM ingest_runs WHERE stage = 'nightly'`)[0] as { counts_json: string };
    expect(JSON.parse(nightly.counts_json)).toMatchObject({ run_id: r.run_id, purchases_new: 12, duration_ms: expect.any(Number) });
    // The build keeps a copy of its database for rollback.
    expect(fs.existsSync(path.join(build, 'sunshine.db'))).toBe(true);
  });

  it('keeps the previous builds (three in all) and rolls back to the previous one with its database', async () => {
    const l = layout();
    const published: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await runNightly(opts(l));
      expect(r.status).toBe('published');
      published.push(publishedBuild(l.distPath)!);
      await new Promise((res) => setTimeout(res, 1100)); // run ids have a one-second resolution
    }
    // The oldest build was retired when the fourth night started, out of every listing at once,
    // and removed after that night, which did not wait for it.
    expect(listBuilds(l.buildsDir)).toEqual(published.slice(1));
    await retiredBuildsRemoved();
    expect(fs.readdirSync(l.buildsDir).map((d) => path.join(fs.realpathSync(l.buildsDir), d)).sort()).toEqual(published.slice(1));
    const second = await runNightly(opts(l));
    expect(second.summary).toMatchObject({ purchases_new: 0, purchases_updated: 0 });

    const before = query(l.dbPath, `SELECT count(*) AS n FROM ingest_runs`);
    const current = publishedBuild(l.distPath);
    const r = rollback({ dbPath: l.dbPath, distPath: l.distPath, buildsDir: l.buildsDir });
    expect(r).toEqual({ from: current, to: published[3] });
    expect(publishedBuild(l.distPath)).toBe(published[3]);
    expect(fs.readFileSync(l.dbPath)).toEqual(fs.readFileSync(path.join(published[3]!, 'sunshine.db')));
    // The database is the one that build was made from: fewer runs in its history.
    expect((query(l.dbPath, `SELECT count(*) AS n FROM ingest_runs`)[0] as { n: number }).n).toBeLessThan((before[0] as { n: number }).n);
  }, 30_000);
});

describe('nightly: a failed stage leaves database and site byte-identical', () => {
  it('a source that answers HTTP 500 forever fails the run in stage ingest', async () => {
    const l = layout();
    expect((await runNightly(opts(l))).status).toBe('published');
    const before = snapshot(l);
    feed.mode.fail = true;
    const r = await runNightly(opts(l));
    expect(r.status).toBe('failed');
    expect(r.stage).toBe('ingest');
    expect(r.error).toMatch(/500/);
    expectUntouched(l, before);
    const report = JSON.parse(fs.readFileSync(r.log_file!, 'utf8'));
    expect(report).toMatchObject({ status: 'failed', stage: 'ingest', run_id: r.run_id });
    expect(path.dirname(r.log_file!)).toBe(path.join(path.dirname(l.dbPath), 'runs'));
  });

  it('a second run in the same second builds into its own folder, never into the published one', async () => {
    const l = layout();
    const frozen = () => Date.parse('2019-01-05T02:30:00+08:00');
    const first = await runNightly(opts(l, {}, { now: frozen }));
    expect(first.status).toBe('published');
    const before = snapshot(l);
    const second = await runNightly(opts(l, { fail: 'pagefind crashed' }, { now: frozen }));
    expect(second.status).toBe('failed');
    expect(second.run_id).not.toBe(first.run_id);
    expectUntouched(l, before);
  });

  it('a build that fails, or a build missing a purchase page, publishes nothing', async () => {
    const l = layout();
    expect((await runNightly(opts(l))).status).toBe('published');
    const before = snapshot(l);

    const failed = await runNightly(opts(l, { fail: 'pagefind crashed' }));
    expect(failed).toMatchObject({ status: 'failed', stage: 'build', error: 'pagefind crashed' });
    expectUntouched(l, before);

    const incomplete = await runNightly(opts(l, { omitOrder: 'PO-0007' }));
    expect(incomplete).toMatchObject({ status: 'failed', stage: 'check' });
    expect(incomplete.error).toMatch(/PO-0007 has no page/);
    expectUntouched(l, before);

    const analyzeFails = await runNightly(opts(l, {}, { analyze: async () => { throw new Error('rules.json: bad'); } }));
    expect(analyzeFails).toMatchObject({ status: 'failed', stage: 'analyze', error: 'rules.json: bad' });
    expectUntouched(l, before);
  });

  it('the first run failing leaves no database and no site at all', async () => {
    const l = layout();
    feed.mode.fail = true;
    const r = await runNightly(opts(l));
    expect(r).toMatchObject({ status: 'failed', stage: 'ingest' });
    expect(fs.existsSync(l.dbPath)).toBe(false);
    expect(fs.existsSync(l.distPath)).toBe(false);
  });
});

// ── runs in their own processes ────────────────────────────────────────────────────────────

function runner(l: Layout, extra: { delayMs?: number; startedMarker?: string } = {}) {
  const cfg = JSON.stringify({ dbPath: l.dbPath, distPath: l.distPath, buildsDir: l.buildsDir, feed: feed.url, ...extra });
  const child = spawn(process.execPath, ['tests/integration/nightly-runner.ts', cfg], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
}

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('nightly: killed runs and concurrent runs', () => {
  it('SIGKILL in the middle of the build leaves the site intact; the next run clears the stale lock and publishes', async () => {
    const l = layout();
    expect((await runNightly(opts(l))).status).toBe('published');
    const before = snapshot(l);

    const marker = path.join(l.root, 'build-started');
    const run = runner(l, { delayMs: 60_000, startedMarker: marker });
    await waitFor(() => fs.existsSync(marker), 20_000);
    run.child.kill('SIGKILL');
    const { signal } = await run.done;
    expect(signal).toBe('SIGKILL');

    // Killed mid-build: its lock, staging copy and half-built folder are still there …
    const lock = readLock(lockPathFor(l.dbPath));
    expect(lock?.pid).toBe(run.child.pid);
    expect(fs.readdirSync(path.dirname(l.dbPath)).some((f) => f.includes('.staging-'))).toBe(true);
    expect(fs.readdirSync(l.buildsDir).length).toBe(before.builds.length + 1);
    // … but what is published did not change.
    expect(dbFiles(l.dbPath)).toEqual(before.db);
    expect(publishedBuild(l.distPath)).toBe(before.target);
    expect(hashTree(l.distPath)).toEqual(before.site);

    const logs: string[] = [];
    const next = await runNightly(opts(l, {}, { log: (line) => logs.push(line) }));
    expect(next.status).toBe('published');
    expect(logs.join('\n')).toMatch(new RegExp(`cleared a stale lock left by pid ${run.child.pid}`));
    expect(logs.join('\n')).toMatch(/removed leftovers of earlier runs/);
    expect(fs.readdirSync(path.dirname(l.dbPath)).filter((f) => f.includes('.staging-'))).toEqual([]);
    expect(fs.readdirSync(l.buildsDir).length).toBe(2); // previous + new; the half-built one is gone
  }, 60_000);

  it('two runs started together: one publishes, the other exits 75 without touching anything', async () => {
    const l = layout();
    const a = runner(l, { delayMs: 1500 });
    const b = runner(l, { delayMs: 1500 });
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code].sort()).toEqual([0, 75]);
    const busy = ra.code === 75 ? ra : rb;
    expect(busy.out).toMatch(/another nightly run holds/);
    expect(query(l.dbPath, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(query(l.dbPath, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: 12 }]);
    expect(fs.readdirSync(l.buildsDir)).toHaveLength(1);
    expect(fs.existsSync(lockPathFor(l.dbPath))).toBe(false);
  }, 60_000);

  it('a run in the same process while one is in progress is refused (busy), and the first still publishes', async () => {
    const l = layout();
    const first = runNightly(opts(l, { delayMs: 500 }));
    await new Promise((r) => setTimeout(r, 100));
    const second = await runNightly(opts(l));
    expect(second).toMatchObject({ status: 'busy', stage: 'lock' });
    expect((await first).status).toBe('published');
  });
});

describe('nightly: the lock file', () => {
  const deadPid = () => {
    const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    return Number(r.stdout.toString());
  };

  it('a lock from a dead process is cleared; a live one is respected; a fresh empty one means "being taken"', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
    const lockPath = path.join(dir, '.sunshine-nightly.lock');

    fs.writeFileSync(lockPath, JSON.stringify({ pid: deadPid(), host: os.hostname(), started_at: 'yesterday' }));
    const lock = acquireLock(lockPath, 'now');
    expect(lock.cleared).toMatchObject({ started_at: 'yesterday' });
    expect(readLock(lockPath)).toMatchObject({ pid: process.pid, started_at: 'now' });
    // Held by a live process (this one): a second taker is refused with the owner's details.
    expect(() => acquireLock(lockPath, 'later')).toThrow(LockBusyError);
    expect(() => acquireLock(lockPath, 'later')).toThrow(new RegExp(`pid ${process.pid}`));
    lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);

    fs.writeFileSync(lockPath, ''); // another run between creating and writing its lock
    expect(() => acquireLock(lockPath, 'now')).toThrow(/just taking/);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath, old, old); // … or one that died right there, long ago
    acquireLock(lockPath, 'now').release();
    // Another machine's lock (shared storage) cannot be checked from here, so it stands.
    fs.writeFileSync(lockPath, JSON.stringify({ pid: deadPid(), host: 'elsewhere', started_at: 'x' }));
    expect(() => acquireLock(lockPath, 'now')).toThrow(LockBusyError);
  });
});
