import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openReader, openWriter, type Sqlite } from '../db/connection.ts';
import { changedPages, VERSIONS_BASIS_KEY } from '../db/page-changes.ts';
import { hashPages, PAGE_KINDS, pageBasis, pageIds, type PageKind } from '../db/queries/page-inputs.ts';
import { codeHash } from './code-hash.ts';
import type { VersionsReply, VersionsTask } from './versions-worker.ts';

/**
 * The nightly's versions step (DESIGN §10): hash the inputs of every order, product, agency and
 * supplier page and record in content_versions when each hash last changed. Kept in the
 * database, so a full build and an incremental build of the same database show the same "data
 * updated" day on a page.
 */
export interface VersionsReport {
  pages: number;
  /** Pages whose inputs were read and hashed: all of them, or those the night's changes reach. */
  hashed: number;
  changed: number;
  removed: number;
  /** Why every page was hashed, or which database the changes were taken against. */
  basis: string;
}

type Hashes = Record<PageKind, Map<string, string>>;

/**
 * Hashing is most of the step (≈29k pages at 20k orders, each read with its page's queries), and
 * it is independent per page: one worker thread per core (at most 4) hashes runs of pages handed
 * out one at a time. The last of them runs at the lowest priority: the nightly starts Astro's
 * build beside this step, and that thread takes only the CPU Astro's start leaves (on 2 cores,
 * one thread at full speed and one in the gaps).
 */
export const defaultHashWorkers = (): number => Math.max(1, Math.min(4, os.availableParallelism()));

/** Pages per run handed to a worker: long enough for the windowed reads, short enough to share out. */
const RUN = 1024;

/** Below this many pages the step hashes in its own thread: starting workers costs more. */
const IN_THREAD = 4096;

async function hashAll(ids: Record<PageKind, string[]>, of: number): Promise<Hashes> {
  const all = Object.fromEntries(PAGE_KINDS.map((k) => [k, new Map<string, string>()])) as Hashes;
  const total = PAGE_KINDS.reduce((n, k) => n + ids[k].length, 0);
  if (of < 2 || total <= IN_THREAD) {
    for (const kind of PAGE_KINDS) if (ids[kind].length > 0) all[kind] = hashPages(kind, ids[kind]);
    return all;
  }
  const queue: NonNullable<VersionsTask>[] = [];
  for (const kind of PAGE_KINDS) for (let i = 0; i < ids[kind].length; i += RUN) queue.push({ kind, ids: ids[kind].slice(i, i + RUN) });
  await Promise.all(Array.from({ length: of }, (_, index) => new Promise<void>((resolve, reject) => {
    // A larger young generation, as the npm scripts give their processes (README): with the
    // worker default, two workers took 4.2 s at 20k orders, with 48 MB 3.6 s (one thread: 5.3 s).
    const worker = new Worker(new URL('./versions-worker.ts', import.meta.url), {
      workerData: { lowPriority: index === of - 1 },
      resourceLimits: { maxYoungGenerationSizeMb: 48 },
    });
    const next = () => worker.postMessage(queue.shift() ?? null);
    worker.on('message', (reply: VersionsReply) => {
      if ('hashes' in reply) for (const [id, hash] of reply.hashes) all[reply.kind].set(id, hash);
      next();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`versions worker ${index} exited with code ${code}`))));
  })));
  return all;
}

/**
 * What the stored versions were computed with, besides the page rows: the code, the site-wide
 * inputs every page shares, the years every product and party page lists, and the last ingest
 * or analysis that had written the database. Stored beside the versions; a night may hash only
 * the pages its changes reach when the previous database's basis still holds for it.
 */
interface Basis {
  code: string;
  shared: string;
  years: string;
  runs: number;
}

const lastDataRun = (sqlite: Sqlite) =>
  (sqlite.prepare(`SELECT COALESCE(MAX(id), 0) FROM ingest_runs WHERE stage IN ('ingest', 'analyze')`).pluck().get() as number);

const storedBasis = (sqlite: Sqlite): string | null =>
  (sqlite.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(VERSIONS_BASIS_KEY) as string | undefined) ?? null;

function parseBasis(raw: string | null): Basis | null {
  try {
    return raw === null ? null : (JSON.parse(raw) as Basis);
  } catch {
    return null;
  }
}

type Scope = { only: Record<PageKind, Set<string>> | null; why: string };

/**
 * Which pages to hash: every one, or (given the previous night's database, whose versions this
 * database holds as a copy) only those its changes reach (db/page-changes.ts), when the
 * previous basis holds: same code, same site-wide inputs, nothing written since its versions.
 * Hashing every page is always right: anything that goes wrong here costs time, not the night.
 */
function scope(dbPath: string, previous: string | undefined, ownBasis: string | null, basis: Basis, ids: Record<PageKind, string[]>): Scope {
  if (!previous) return { only: null, why: 'every page (no previous database given)' };
  if (!fs.existsSync(previous)) return { only: null, why: `every page (${previous} does not exist)` };
  try {
    return changedScope(dbPath, previous, ownBasis, basis, ids);
  } catch (e) {
    return { only: null, why: `every page (comparing with the previous database failed: ${e instanceof Error ? e.message : String(e)})` };
  }
}

function changedScope(dbPath: string, previous: string, ownBasis: string | null, basis: Basis, ids: Record<PageKind, string[]>): Scope {
  const { sqlite } = openReader(previous);
  let raw: string | null;
  let runs: number;
  try {
    raw = storedBasis(sqlite);
    runs = lastDataRun(sqlite);
  } finally {
    sqlite.close();
  }
  const before = parseBasis(raw);
  if (!before) return { only: null, why: 'every page (the previous database has no versions basis)' };
  // The same basis in both: this database's versions are a copy of the previous one's.
  if (raw !== ownBasis) return { only: null, why: "every page (this database's versions are not the previous database's)" };
  if (before.runs !== runs) return { only: null, why: 'every page (the previous database was written after its versions)' };
  if (before.code !== basis.code) return { only: null, why: 'every page (the code changed)' };
  if (before.shared !== basis.shared) return { only: null, why: 'every page (the site-wide inputs changed)' };
  const changes = changedPages(dbPath, previous);
  if ('full' in changes) return { only: null, why: `every page (${changes.full})` };
  // A year more or less in the order filters shows on every product and party page.
  if (before.years !== basis.years) for (const kind of ['product', 'agency', 'supplier'] as const) for (const id of ids[kind]) changes.pages[kind].add(id);
  return { only: changes.pages, why: `the pages the changes since ${previous} reach` };
}

/**
 * Hashes through the build's read connection (SUNSHINE_DB must name `dbPath`; run it in its own
 * process, see runVersionsStep), then writes the changes in one transaction. With `previous`
 * (the published database this one was copied from), only the pages the night's changes reach
 * are hashed; every other page keeps its stored hash.
 */
export async function updateContentVersions(dbPath: string, at: string, workers = defaultHashWorkers(), previous?: string): Promise<VersionsReport> {
  const ids = pageIds();
  // The stored versions, read once: which pages have one (those without are always hashed), and
  // what each new hash is compared with.
  const stored = Object.fromEntries(PAGE_KINDS.map((k) => [k, new Map<string, string>()])) as Hashes;
  let runs: number;
  let ownBasis: string | null;
  {
    const { sqlite } = openReader(dbPath);
    try {
      runs = lastDataRun(sqlite);
      ownBasis = storedBasis(sqlite);
      for (const r of sqlite.prepare(`SELECT kind, id, hash FROM content_versions`).all() as { kind: PageKind; id: string; hash: string }[]) stored[r.kind]?.set(r.id, r.hash);
    } finally {
      sqlite.close();
    }
  }
  const basis: Basis = { code: codeHash(process.cwd()), ...pageBasis(), runs };
  const { only, why } = scope(dbPath, previous, ownBasis, basis, ids);
  // A page without a stored version is hashed whatever the changes say.
  const toHash = only
    ? (Object.fromEntries(PAGE_KINDS.map((k) => [k, ids[k].filter((id) => only[k].has(id) || !stored[k].has(id))])) as Record<PageKind, string[]>)
    : ids;
  const hashes = await hashAll(toHash, workers);
  const { sqlite } = openWriter(dbPath);
  try {
    const report: VersionsReport = { pages: 0, hashed: 0, changed: 0, removed: 0, basis: why };
    const upsert = sqlite.prepare(
      `INSERT INTO content_versions (kind, id, hash, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`,
    );
    const remove = sqlite.prepare(`DELETE FROM content_versions WHERE kind = ? AND id = ?`);
    sqlite.transaction(() => {
      for (const kind of PAGE_KINDS) {
        const before = stored[kind];
        const present = new Set(ids[kind]);
        report.pages += present.size;
        report.hashed += hashes[kind].size;
        for (const id of ids[kind]) {
          const hash = hashes[kind].get(id);
          // A page the changes do not reach keeps its stored hash.
          if (hash === undefined || before.get(id) === hash) continue;
          upsert.run(kind, id, hash, at);
          report.changed++;
        }
        for (const id of before.keys()) {
          if (present.has(id)) continue;
          remove.run(kind, id);
          report.removed++;
        }
      }
      sqlite.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(VERSIONS_BASIS_KEY, JSON.stringify(basis));
    })();
    return report;
  } finally {
    sqlite.close();
  }
}

/** Runs scripts/versions.ts on `dbPath` in a child process (the read layer opens SUNSHINE_DB once per process). */
export function runVersionsStep(projectRoot: string, dbPath: string, at: string, workers?: number, previous?: string): Promise<VersionsReport> {
  return new Promise((resolve, reject) => {
    const args = [path.join(projectRoot, 'scripts', 'versions.ts'), at, ...(workers === undefined ? [] : ['--workers', String(workers)]), ...(previous === undefined ? [] : ['--previous', previous])];
    const child = spawn(process.execPath, args, {
      cwd: projectRoot,
      env: { ...process.env, SUNSHINE_DB: dbPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`versions step exited with code ${code}: ${err.trim().slice(-2000)}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as VersionsReport);
      } catch {
        reject(new Error(`versions step printed no report: ${out.slice(-500)}`));
      }
    });
  });
}
