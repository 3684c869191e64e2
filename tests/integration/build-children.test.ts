import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { astroBuild } from '../../src/publish/build.ts';

// astroBuild's two children (src/publish/build.ts), played by stand-ins in a fake project: an
// "astro" that writes the pages-ready file (as the incremental integration does) or fails, and
// a "search index" that waits for that file (as scripts/search-index.ts does). Each appends what
// it does to a journal, so the test reads the order of events.

const ASTRO = `
import fs from 'node:fs';
const journal = process.env.TEST_JOURNAL;
const note = (m) => fs.appendFileSync(journal, m + '\\n');
note('astro start');
await new Promise((r) => setTimeout(r, 300));
if (process.env.TEST_ASTRO === 'fail') { note('astro fail'); console.error('render failed on purpose'); process.exit(3); }
if (process.env.SUNSHINE_PAGES_READY && process.env.TEST_ASTRO !== 'full') { fs.writeFileSync(process.env.SUNSHINE_PAGES_READY, 'ready'); note('astro pages ready'); }
await new Promise((r) => setTimeout(r, 600));
note('astro exit');
`;

const SEARCH = `
import fs from 'node:fs';
const journal = process.env.TEST_JOURNAL;
const note = (m) => fs.appendFileSync(journal, m + '\\n');
note('search start');
const file = process.env.SUNSHINE_PAGES_READY;
if (file) while (!fs.existsSync(file)) await new Promise((r) => setTimeout(r, 10));
note('search indexing');
if (process.env.TEST_SEARCH === 'fail') { console.error('index failed on purpose'); process.exit(4); }
// Longer than Astro's exit after the pages are ready, as a real index is.
await new Promise((r) => setTimeout(r, 1000));
note('search done');
`;

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
  delete process.env.TEST_ASTRO;
  delete process.env.TEST_SEARCH;
  delete process.env.TEST_JOURNAL;
});

function project(): { root: string; journal: string; db: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-children-'));
  roots.push(root);
  fs.mkdirSync(path.join(root, 'node_modules', 'astro', 'bin'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), ASTRO);
  fs.mkdirSync(path.join(root, 'scripts'));
  fs.writeFileSync(path.join(root, 'scripts', 'search-index.ts'), SEARCH);
  const journal = path.join(root, 'journal.txt');
  fs.writeFileSync(journal, '');
  process.env.TEST_JOURNAL = journal;
  return { root, journal, db: path.join(root, 'staging.db') };
}

const events = (journal: string) => fs.readFileSync(journal, 'utf8').trim().split('\n');

async function build(p: { root: string; db: string; journal: string }, opts: { previous?: boolean; full?: boolean } = {}) {
  const pids: number[] = [];
  const run = astroBuild({
    outDir: path.join(p.root, 'out'), dbPath: p.db, projectRoot: p.root, log: () => {},
    previousBuild: opts.previous ? path.join(p.root, 'previous') : undefined, full: opts.full, onChild: (pid) => pids.push(pid),
    // The nightly starts its page checks here (check.ts startCheck).
    onPagesBuilt: () => fs.appendFileSync(p.journal, 'pages built\n'),
  });
  return { run, pids };
}

describe('the build and its search index', () => {
  it('indexes beside Astro on an incremental night, once the pages are ready', async () => {
    const p = project();
    const { run, pids } = await build(p, { previous: true });
    await run;
    const e = events(p.journal);
    expect(e).toContain('search start');
    // The search index indexed before Astro exited, and only after the pages were ready.
    expect(e.indexOf('search indexing')).toBeGreaterThan(e.indexOf('astro pages ready'));
    expect(e.indexOf('search indexing')).toBeLessThan(e.indexOf('astro exit'));
    expect(e.indexOf('search start')).toBeLessThan(e.indexOf('astro pages ready'));
    // Astro has exited when the nightly is told the pages are built, and the index is still going.
    expect(e.indexOf('pages built')).toBeGreaterThan(e.indexOf('astro exit'));
    expect(e.indexOf('pages built')).toBeLessThan(e.indexOf('search done'));
    // Only Astro's pid goes to the lock (the one a successor stops), and the ready file is gone.
    expect(pids).toHaveLength(1);
    expect(fs.existsSync(`${p.db}.pages-ready`)).toBe(false);
  });

  it('starts the index at Astro\'s exit when the render did not mark the pages ready (a full render)', async () => {
    const p = project();
    process.env.TEST_ASTRO = 'full';
    const { run } = await build(p, { previous: true });
    await run;
    const e = events(p.journal);
    expect(e.indexOf('search indexing')).toBeGreaterThan(e.indexOf('astro exit'));
  });

  it('on a full night or without a previous build, starts the index beside Astro and indexes after Astro\'s exit', async () => {
    for (const opts of [{ previous: true, full: true }, {}]) {
      process.env.TEST_ASTRO = 'full';
      const p = project();
      const { run, pids } = await build(p, opts);
      await run;
      const e = events(p.journal);
      // Started (its modules loaded) while Astro renders; indexing only once Astro has exited.
      expect(e.indexOf('search start')).toBeLessThan(e.indexOf('astro exit'));
      expect(e.indexOf('search indexing')).toBeGreaterThan(e.indexOf('astro exit'));
      expect(e.indexOf('pages built')).toBeGreaterThan(e.indexOf('astro exit'));
      expect(e.at(-1)).toBe('search done');
      expect(pids).toHaveLength(1);
      expect(fs.existsSync(`${p.db}.pages-ready`)).toBe(false);
    }
  });

  /** A build whose stand-in `who` fails: its error, and the journal once the other has had time to go on (it must not). */
  async function failing(who: 'TEST_ASTRO' | 'TEST_SEARCH', settle: number): Promise<{ error: unknown; journal: string[]; ready: boolean }> {
    const p = project();
    process.env[who] = 'fail';
    const error = await (await build(p, { previous: true })).run.then(() => null, (e: unknown) => e);
    await new Promise((r) => setTimeout(r, settle));
    return { error, journal: events(p.journal), ready: fs.existsSync(`${p.db}.pages-ready`) };
  }

  it('stops the waiting search index when Astro fails, and reports Astro\'s error', async () => {
    const { error, journal, ready } = await failing('TEST_ASTRO', 200);
    expect(String(error)).toMatch(/astro build exited with code 3[\s\S]*render failed on purpose/);
    expect(journal).not.toContain('search indexing');
    expect(journal).not.toContain('pages built');
    expect(ready).toBe(false);
  });

  it('stops Astro when the search index fails', async () => {
    const { error, journal } = await failing('TEST_SEARCH', 800);
    expect(String(error)).toMatch(/search index exited with code 4[\s\S]*index failed on purpose/);
    expect(journal).not.toContain('astro exit');
  });
});
