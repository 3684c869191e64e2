/**
 * The built site of the browser tests: the search seed database built once per test file,
 * served by the production server, with Chromium open. `servedSite()` registers the
 * beforeAll/afterAll hooks of the calling describe block and returns what the tests use.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ConsoleMessage, Page } from 'playwright-core';
import { searchSeedDb } from '../fixtures/search-seed.ts';
import { buildSite, launchChromium, serveBuild, type BuiltSite, type LaunchedBrowser, type StaticServer } from './harness.ts';

export interface ServedSite {
  readonly site: BuiltSite;
  readonly dbPath: string;
  readonly dbDir: string;
  url: (p: string) => string;
  fetchText: (p: string) => Promise<string>;
  /** A page that records what went wrong on it: console errors, uncaught exceptions, dialogs. */
  openPage: () => Promise<{ page: Page; errors: string[]; dialogs: string[] }>;
}

/**
 * In the page: the search index as the search page loads it — its own copy of pagefind.js (the
 * query string keeps it apart from the page's already merged one) with every other shard merged
 * in (format/search-shards.ts) — left in window.__pf. A string, not a function, because Vitest
 * would rewrite a dynamic import() inside a function.
 */
export const LOAD_MERGED_INDEX = `(async () => {
  const pf = await import('/pagefind/pagefind.js?test');
  await pf.options({ basePath: '/pagefind/' });
  await pf.init();
  for (const index of JSON.parse(document.querySelector('[data-indexes]').dataset.indexes)) await pf.mergeIndex(index);
  window.__pf = pf;
})()`;

/** `seed` makes the database in a folder (default: the search seed, with its search variety). */
export function servedSite(label: string, seed: (dir: string) => Promise<string> = searchSeedDb): ServedSite {
  let site: BuiltSite;
  let server: StaticServer;
  let chromium: LaunchedBrowser;
  let dbDir = '';
  let dbPath = '';
  beforeAll(async () => {
    dbDir = fs.mkdtempSync(path.join(os.tmpdir(), `sunshine-${label}-db-`));
    dbPath = await seed(dbDir);
    site = await buildSite(dbPath, label);
    server = await serveBuild(site.outDir, dbPath);
    chromium = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    site?.cleanup();
    if (dbDir) fs.rmSync(dbDir, { recursive: true, force: true });
  });
  const url = (p: string) => `${server.origin}${p}`;
  return {
    get site() { return site; },
    get dbPath() { return dbPath; },
    get dbDir() { return dbDir; },
    url,
    fetchText: async (p) => {
      const res = await fetch(url(p));
      expect(res.status, p).toBe(200);
      return res.text();
    },
    openPage: async () => {
      const page = await chromium.context.newPage();
      const errors: string[] = [];
      const dialogs: string[] = [];
      page.on('console', (m: ConsoleMessage) => {
        // Browsers ask for /favicon.ico on their own; its absence is not an error of the page.
        if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`${m.text()} @ ${m.location().url}`);
      });
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      return { page, errors, dialogs };
    },
  };
}
