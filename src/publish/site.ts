import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fsyncDir } from './staging-db.ts';

/**
 * The published site is a symlink (`dist`, or SUNSHINE_DIST) to one complete build folder in
 * the builds directory. Publishing writes a new symlink beside it and renames it over the old
 * one: rename(2) replaces it atomically, so a web server or the node server sees either the
 * old build or the new one, never a mix or a gap. Previous builds stay for rollback.
 *
 * Why a symlink and not renaming folders: a folder cannot be renamed over a non-empty folder
 * atomically, and the old build must stay intact while running servers still read from it.
 * Why the builds live in the project (dist-builds/): the server bundle imports packages
 * (better-sqlite3, kysely …) that Node resolves from node_modules above the bundle's real path.
 */

/** Marks a build folder as checked and complete; folders without it are leftovers of a failed run. */
export const BUILD_MARKER = 'sunshine-build.json';

export interface BuildMeta {
  run_id: string;
  built_at: string;
  orders: number;
}

export function writeBuildMarker(buildDir: string, meta: BuildMeta): void {
  fs.writeFileSync(path.join(buildDir, BUILD_MARKER), `${JSON.stringify(meta, null, 2)}\n`);
}

/** The build folder the published path points at, or undefined (nothing published, or a plain folder). */
export function publishedBuild(distPath: string): string | undefined {
  try {
    if (!fs.lstatSync(distPath).isSymbolicLink()) return undefined;
    return fs.realpathSync(distPath);
  } catch {
    return undefined;
  }
}

/** Points the published path at `buildDir`, atomically. Returns the build it pointed at before. */
export function publishSite(buildDir: string, distPath: string, buildsDir: string, runId: string): string | undefined {
  const previous = publishedBuild(distPath);
  const parent = path.dirname(distPath);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = path.join(parent, `.${path.basename(distPath)}.publish-${runId}`);
  fs.rmSync(tmp, { force: true });
  // Relative when possible, so the project folder can be moved or mounted elsewhere.
  fs.symlinkSync(path.relative(parent, buildDir) || '.', tmp, 'dir');
  try {
    adoptPlainFolder(distPath, buildsDir, runId);
    fs.renameSync(tmp, distPath);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(parent);
  return previous;
}

/**
 * The first nightly may find `dist/` as an ordinary folder from a manual `npm run build`. It is
 * moved into the builds directory (kept like any previous build) so the symlink can take its
 * place; this one time the swap is two renames instead of one.
 */
function adoptPlainFolder(distPath: string, buildsDir: string, runId: string): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(distPath);
  } catch {
    return;
  }
  if (st.isSymbolicLink()) return;
  const target = path.join(buildsDir, `${runId}-before-nightly`);
  fs.renameSync(distPath, target);
}

/** Complete builds, oldest first (run ids sort by time). */
export function listBuilds(buildsDir: string): string[] {
  if (!fs.existsSync(buildsDir)) return [];
  return fs
    .readdirSync(buildsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(RETIRED_PREFIX))
    .map((e) => path.join(buildsDir, e.name))
    .filter((d) => fs.existsSync(path.join(d, BUILD_MARKER)) || d.endsWith('-before-nightly'))
    .sort();
}

/** Folders in the builds directory that never completed (a failed or killed run). */
export function removeIncompleteBuilds(buildsDir: string, keep: string | undefined): string[] {
  if (!fs.existsSync(buildsDir)) return [];
  const complete = new Set(listBuilds(buildsDir));
  const removed: string[] = [];
  for (const e of fs.readdirSync(buildsDir, { withFileTypes: true })) {
    const dir = path.join(buildsDir, e.name);
    // A retired build is removed by the removal that retired it (retireBuilds), or the next night's.
    if (!e.isDirectory() || complete.has(dir) || dir === keep || e.name.startsWith(RETIRED_PREFIX)) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/** Keeps the published build and the newest others, `keep` in all; removes the rest. */
export function pruneBuilds(buildsDir: string, published: string, keep: number): string[] {
  const doomed = doomedBuilds(buildsDir, published, keep);
  for (const d of doomed) fs.rmSync(d, { recursive: true, force: true });
  return doomed;
}

function doomedBuilds(buildsDir: string, published: string | undefined, keep: number): string[] {
  if (!fs.existsSync(buildsDir)) return [];
  // By real path: the builds directory and the published link may name one folder two ways.
  const live = published === undefined ? undefined : realPath(published);
  const others = listBuilds(buildsDir).filter((d) => realPath(d) !== live);
  return others.slice(0, Math.max(0, others.length - (keep - 1)));
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** A build folder a night retired: renamed, so that no listing or rollback sees it, and removed by a child process. */
export const RETIRED_PREFIX = '.removing-';

/**
 * Makes room for the build a night is about to add: keeps the published build and the newest
 * others, `keep - 1` in all, and retires the rest — renamed in place (one rename(2) each, so
 * they leave the builds' listing at once and whole) for removeInBackground to remove. Also
 * returns the retired folders an earlier night left (its removal was stopped).
 */
export function retireBuilds(buildsDir: string, published: string | undefined, keep: number): { retired: string[]; leftovers: string[] } {
  const leftovers = fs.existsSync(buildsDir)
    ? fs.readdirSync(buildsDir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name.startsWith(RETIRED_PREFIX)).map((e) => path.join(buildsDir, e.name)).sort()
    : [];
  const retired: string[] = [];
  for (const dir of published === undefined ? [] : doomedBuilds(buildsDir, published, keep - 1)) {
    const to = path.join(buildsDir, `${RETIRED_PREFIX}${path.basename(dir)}`);
    try {
      fs.renameSync(dir, to);
      retired.push(to);
    } catch {
      // Left where it is: the publish removes what is beyond the builds kept (pruneBuilds).
    }
  }
  return { retired, leftovers };
}

/**
 * Removes folders in a child process at the lowest priority. A 20k-order build is ≈ 100k files
 * (hard links, mostly, of the pages the newer builds share): removing one took 3–9 s, and beside
 * a night, whose two cores are busy, it waited for the night to end: a quiet night's publish took
 * 6.6–9.4 s instead of 0.3 s. `detached`: the child outlives this process, so a night can end
 * without waiting for it (a removal that is stopped is finished by the next night: retireBuilds'
 * leftovers). Not with fs.promises.rm in this process: its calls filled libuv's threads, and the
 * ingest's file reads waited behind them (ingest 15.9 s instead of 2.5–4.9 s).
 */
export function removeInBackground(dirs: readonly string[], { detached }: { detached: boolean }): Promise<void> {
  if (dirs.length === 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', REMOVE, ...dirs], { stdio: ['ignore', 'ignore', detached ? 'ignore' : 'pipe'], detached });
    try {
      if (child.pid !== undefined) os.setPriority(child.pid, 19);
    } catch {
      // a priority is a nicety
    }
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`removing ${dirs.join(', ')} failed${err ? `: ${err.trim().slice(-500)}` : ` (exit ${code})`}`))));
    if (detached) child.unref();
  });
}

const REMOVE = `for (const d of process.argv.slice(1)) require('node:fs').rmSync(d, { recursive: true, force: true });`;
