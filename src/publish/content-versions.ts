import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openWriter } from '../db/connection.ts';
import { PAGE_KINDS, pageInputHashes, type PageKind } from '../db/queries/page-inputs.ts';

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
 * it is independent per page: one worker thread per core but one (at most 4) hashes a part of
 * each kind. The core left is Astro's: the nightly starts the build beside this step.
 */
export const defaultHashWorkers = (): number => Math.max(1, Math.min(4, os.availableParallelism() - 1));

async function hashAll(of: number): Promise<Hashes> {
  if (of < 2) return pageInputHashes();
  const parts = await Promise.all(Array.from({ length: of }, (_, index) => new Promise<Hashes>((resolve, reject) => {
    // A larger young generation, as the npm scripts give their processes (README): with the
    // worker default, two workers took 4.2 s at 20k orders, with 48 MB 3.6 s (one thread: 5.3 s).
    const worker = new Worker(new URL('./versions-worker.ts', import.meta.url), { workerData: { index, of }, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`versions worker ${index} exited with code ${code}`)); });
  })));
  const all = Object.fromEntries(PAGE_KINDS.map((k) => [k, new Map<string, string>()])) as Hashes;
  for (const part of parts) for (const k of PAGE_KINDS) for (const [id, hash] of part[k]) all[k].set(id, hash);
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
