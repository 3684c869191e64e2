import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNightly, type NightlyOptions } from '../../src/publish/nightly.ts';
import { expectUntouched, fakeBuild, layout, nightlyOptions, snapshot, startFeed, type FakeBuildOptions, type Layout } from './nightly-helpers.ts';

/*
 * The build beside the steps that write the database (src/publish/versions-ready.ts): it starts
 * after the ingest, with the analysis, reads nothing before the versions are committed, and is
 * stopped when the analysis or the versions step fails. A fake build in this process, on a feed
 * on 127.0.0.1.
 */

let feed: Awaited<ReturnType<typeof startFeed>>;
beforeAll(async () => { feed = await startFeed(12); });
afterAll(async () => { await feed.close(); });

const opts = (l: Layout, build: FakeBuildOptions = {}, extra: Partial<NightlyOptions> = {}) => nightlyOptions(feed.url, l, build, extra);

describe('nightly: versions and build', () => {
  it('the build starts with the analysis and reads nothing before the versions are in; a failed analysis or versions step stops it', async () => {
    const l = layout();
    expect((await runNightly(opts(l))).status).toBe('published');
    const before = snapshot(l);
    const events: string[] = [];
    // The real build waits synchronously in its own process (versions-ready.ts); in this process
    // the fake one polls, or it would block the versions step it waits for.
    const untilReady = (file: string | undefined, signal: AbortSignal | undefined) => new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (signal?.aborted) { clearInterval(t); reject(new Error('build stopped')); }
        else if (file && fs.existsSync(file)) { clearInterval(t); resolve(); }
      }, 5);
    });
    const waiting: NightlyOptions['build'] = async (req) => {
      events.push(`build started, versions ready: ${fs.existsSync(req.versionsReady ?? '')}`);
      await untilReady(req.versionsReady, req.signal);
      events.push('build read the versions');
      await fakeBuild()(req);
    };
    const versions = (fail: boolean) => async () => {
      await new Promise((r) => setTimeout(r, 300));
      events.push('versions committed');
      if (fail) throw new Error('versions: disk full');
      return { pages: 1, hashed: 1, changed: 0, removed: 0, basis: 'every page (a test)' };
    };

    // The ingest and the analysis, as the nightly runs them, recorded in the same list.
    const steps = (o: NightlyOptions, fail?: 'ingest' | 'analyze'): Partial<NightlyOptions> => ({
      ingest: async (staging, log) => {
        events.push('ingest started');
        if (fail === 'ingest') throw new Error('feed: connection refused');
        return o.ingest(staging, log);
      },
      analyze: async (staging) => {
        events.push('analysis started');
        if (fail === 'analyze') throw new Error('rules.json: bad');
        return o.analyze!(staging);
      },
    });
    const base = opts(l);
    const ok = await runNightly(opts(l, {}, { build: waiting, versions: versions(false), ...steps(base) }));
    expect(ok.status).toBe('published');
    expect(events).toEqual(['ingest started', 'build started, versions ready: false', 'analysis started', 'versions committed', 'build read the versions']);
    expect(ok.build_started_with).toBe('analyze');
    expect(ok.versions).toEqual({ pages: 1, hashed: 1, changed: 0, removed: 0, basis: 'every page (a test)' });
    expect(fs.readdirSync(path.dirname(l.dbPath)).filter((f) => f.includes('versions-ready'))).toEqual([]);
    const published = snapshot(l);

    events.length = 0;
    const failed = await runNightly(opts(l, {}, { build: waiting, versions: versions(true) }));
    expect(failed).toMatchObject({ status: 'failed', stage: 'versions', error: 'versions: disk full' });
    expect(events).toEqual(['build started, versions ready: false', 'versions committed']);
    expectUntouched(l, published);
    expect(published.target).not.toBe(before.target);

    // A failed analysis stops the build it started; a failed ingest starts none.
    for (const [fail, started] of [['analyze', true], ['ingest', false]] as const) {
      events.length = 0;
      const stopped = await runNightly(opts(l, {}, { build: waiting, versions: versions(false), ...steps(base, fail) }));
      expect(stopped).toMatchObject({ status: 'failed', stage: fail });
      expect(events.includes('build started, versions ready: false')).toBe(started);
      expect(events).not.toContain('build read the versions');
      expect(events).not.toContain('versions committed');
      expectUntouched(l, published);
    }

    // A full night hashes every page, a versions step longer than Astro's start: the build starts beside it.
    events.length = 0;
    const full = await runNightly(opts(l, {}, { build: waiting, versions: versions(false), full: true, ...steps(base) }));
    expect(full.status).toBe('published');
    expect(events).toEqual(['ingest started', 'analysis started', 'build started, versions ready: false', 'versions committed', 'build read the versions']);
    expect(full.build_started_with).toBe('versions');
  });
});
