import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openWriter } from '../db/connection.ts';
import { PAGE_KINDS, pageIds, pageInputHashes, type PageKind } from '../db/queries/page-inputs.ts';
import type { VersionsReply, VersionsTask } from './versions-worker.ts';

/**
 * The nightly's versions step (DESIGN §10): hash the inputs of every order, product, agency and
 * supplier page and record in content_versions when each hash last changed. Kept in the
 * database, so a full build and an incremental build of the same database show the same "data
 * updated" day on a page.
 */
export interface VersionsReport {
  pages: number;
  changed: number;
  removed: number;
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

async function hashAll(of: number): Promise<Hashes> {
  if (of < 2) return pageInputHashes();
  const ids = pageIds();
  const queue: NonNullable<VersionsTask>[] = [];
  for (const kind of PAGE_KINDS) for (let i = 0; i < ids[kind].length; i += RUN) queue.push({ kind, ids: ids[kind].slice(i, i + RUN) });
  const all = Object.fromEntries(PAGE_KINDS.map((k) => [k, new Map<string, string>()])) as Hashes;
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
 * Hashes through the build's read connection (SUNSHINE_DB must name `dbPath`; run it in its own
 * process, see runVersionsStep), then writes the changes in one transaction.
 */
export async function updateContentVersions(dbPath: string, at: string, workers = defaultHashWorkers()): Promise<VersionsReport> {
  const hashes = await hashAll(workers);
  const { sqlite } = openWriter(dbPath);
  try {
    const report: VersionsReport = { pages: 0, changed: 0, removed: 0 };
    const stored = sqlite.prepare(`SELECT id, hash FROM content_versions WHERE kind = ?`);
    const upsert = sqlite.prepare(
      `INSERT INTO content_versions (kind, id, hash, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`,
    );
    const remove = sqlite.prepare(`DELETE FROM content_versions WHERE kind = ? AND id = ?`);
    sqlite.transaction(() => {
      for (const kind of PAGE_KINDS) {
        const before = new Map((stored.all(kind) as { id: string; hash: string }[]).map((r) => [r.id, r.hash]));
        for (const [id, hash] of hashes[kind]) {
          report.pages++;
          if (before.get(id) === hash) continue;
          upsert.run(kind, id, hash, at);
          report.changed++;
        }
        for (const id of before.keys()) {
          if (hashes[kind].has(id)) continue;
          remove.run(kind, id);
          report.removed++;
        }
      }
    })();
    return report;
  } finally {
    sqlite.close();
  }
}

/** Runs scripts/versions.ts on `dbPath` in a child process (the read layer opens SUNSHINE_DB once per process). */
export function runVersionsStep(projectRoot: string, dbPath: string, at: string, workers?: number): Promise<VersionsReport> {
  return new Promise((resolve, reject) => {
    const args = [path.join(projectRoot, 'scripts', 'versions.ts'), at, ...(workers === undefined ? [] : ['--workers', String(workers)])];
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
