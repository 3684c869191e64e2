import { spawn } from 'node:child_process';
import { astroBin, astroNodeFlags } from './build-flags.ts';
import fs from 'node:fs';
import path from 'node:path';
import { VERSIONS_READY_ENV } from './versions-ready.ts';
import { markPagesReady, PAGES_READY_ENV } from './pages-ready.ts';

/**
 * `astro build --outDir <fresh folder>` as a child process, reading the staging database
 * (SUNSHINE_DB); the public-database and incremental integrations run inside it, and the search
 * index is built by a second child once the pages are in place (see astroBuild). Children
 * rather than Astro's JS API: the build's memory is returned to the system when it exits, a
 * crash in it cannot take the nightly run down with it, and it can be stopped as a whole.
 */

export interface BuildRequest {
  outDir: string;
  dbPath: string;
  projectRoot: string;
  /** The published build: its unchanged order, product, agency and supplier pages are reused (src/site/integrations/render-plan.ts). */
  previousBuild?: string | undefined;
  /** Render every page. */
  full?: boolean;
  /** A file that exists once the page versions are in the database (versions-ready.ts); unset: they already are. */
  versionsReady?: string;
  log: (line: string) => void;
  /** Called once Astro has exited, while the search index may still run: every page, download and feed is in place. */
  onPagesBuilt?: () => void;
  /** Called with the child's pid once it is running (recorded in the lock). */
  onChild?: (pid: number) => void;
  signal?: AbortSignal;
}

export type BuildFn = (req: BuildRequest) => Promise<void>;

const TAIL_LINES = 30;

/**
 * `astro build` and the search index in a second child, started together: the index waits for
 * the pages (pages-ready.ts). When Astro rendered most pages (a full night, other code), the
 * pages are marked ready at Astro's exit: at 20k orders Astro held 1.25 GB while Pagefind
 * (0.84 GB) indexed inside it; one after the other, the peaks no longer add up, and until then
 * the waiting index is a Node process that has loaded its modules (≈ 0.5 s of its start on the
 * core the render leaves idle). On an incremental night the incremental integration marks them
 * ready as soon as they are in place: Astro's heap is small when it rendered few pages, and its
 * downloads, feeds and exit (≈ 1 s) no longer delay the index.
 */
export const astroBuild: BuildFn = async (req) => {
  const env = {
    SUNSHINE_DB: req.dbPath,
    ASTRO_TELEMETRY_DISABLED: '1',
    SUNSHINE_PREVIOUS_BUILD: req.previousBuild ?? '',
    SUNSHINE_FULL_BUILD: req.full ? '1' : '',
    SUNSHINE_SEARCH_INDEX: 'separate',
    [VERSIONS_READY_ENV]: req.versionsReady ?? '',
  };
  const astro = astroBin(req.projectRoot);
  if (!fs.existsSync(astro)) throw new Error(`astro is not installed (${astro} missing): run npm ci`);
  const astroArgs = [...astroNodeFlags(req.projectRoot, req.previousBuild, req.full ?? false), astro, 'build', '--outDir', req.outDir];
  const searchArgs = [path.join(req.projectRoot, 'scripts', 'search-index.ts'), path.join(req.outDir, 'client')];
  const pagesReady = `${req.dbPath}.pages-ready`;
  fs.rmSync(pagesReady, { force: true });
  const withReady = { ...env, [PAGES_READY_ENV]: pagesReady };
  const build = child(req, 'astro build', astroArgs, withReady);
  // Astro's pid is the one in the lock; the search index ends by itself when its parent is gone.
  const search = child(req, 'search index', searchArgs, withReady, false);
  try {
    // Whichever fails first stops the other. A render of most pages (other code, new analysis
    // rules) leaves the marking to this point, when Astro has exited, so that a full build's heap
    // and Pagefind's never add up (incremental.ts).
    await Promise.all([
      build.done.then(() => { markPagesReady(pagesReady); req.onPagesBuilt?.(); }, (e: unknown) => { search.stop(); throw e; }),
      search.done.catch((e: unknown) => { build.stop(); throw e; }),
    ]);
  } finally {
    fs.rmSync(pagesReady, { force: true });
  }
};

interface Child { done: Promise<void>; stop: () => void }

/** A child process of the build; `report`: its pid goes to the lock (the one a successor stops, lock.ts). */
function child(req: BuildRequest, what: string, args: string[], extraEnv: Record<string, string>, report = true): Child {
  let stop = () => {};
  const done = new Promise<void>((resolve, reject) => {
    const proc = spawn(process.execPath, args, {
      cwd: req.projectRoot,
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so stopping the build also stops what it started (Pagefind).
      detached: true,
    });
    if (proc.pid !== undefined && report) req.onChild?.(proc.pid);
    const tail: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) {
        if (line.trim() === '') continue;
        req.log(`  build | ${line}`);
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
      }
    };
    proc.stdout.on('data', collect);
    proc.stderr.on('data', collect);
    stop = () => {
      try {
        if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    if (req.signal?.aborted) stop();
    req.signal?.addEventListener('abort', stop, { once: true });
    proc.on('error', (e) => reject(e));
    proc.on('close', (code, sig) => {
      req.signal?.removeEventListener('abort', stop);
      if (code === 0) resolve();
      else {
        const why = sig ? `was stopped by ${sig}` : `exited with code ${code}`;
        reject(new Error(`${what} ${why}; last output:\n${tail.map((l) => `    ${l}`).join('\n')}`));
      }
    });
  });
  return { done, stop: () => stop() };
}
