import fs from 'node:fs';
import path from 'node:path';
import { toShanghaiIso } from '../domain/time.ts';
import { acquireLock } from './lock.ts';
import { lockPathFor, SNAPSHOT_NAME } from './nightly.ts';
import { makeRunId } from './run-id.ts';
import { listBuilds, publishedBuild, publishSite } from './site.ts';
import { removeDb, snapshotDb, stagingPathFor, swapInStaging } from './staging-db.ts';

export interface RollbackOptions {
  dbPath: string;
  distPath: string;
  buildsDir: string;
  /** Run id (build folder name) to go back to; default the newest build older than the published one. */
  to?: string;
}

/**
 * Publishes an earlier build again, together with the database it was built from (each build
 * folder keeps a copy as sunshine.db), with the same lock and the same atomic renames as a
 * nightly run. The build rolled back from stays in place, so a rollback can itself be undone.
 */
export function rollback(opts: RollbackOptions): { from?: string; to: string } {
  const lock = acquireLock(lockPathFor(opts.dbPath), toShanghaiIso(Date.now()));
  try {
    const current = publishedBuild(opts.distPath);
    const builds = listBuilds(opts.buildsDir);
    let target: string | undefined;
    if (opts.to) target = builds.find((b) => path.basename(b) === opts.to);
    else target = builds.filter((b) => current === undefined || b < current).pop();
    if (!target) {
      const names = builds.map((b) => path.basename(b)).join(', ') || 'none';
      throw new Error(opts.to ? `no complete build named ${opts.to} (builds: ${names})` : `no earlier build to roll back to (builds: ${names})`);
    }
    if (target === current) throw new Error(`${path.basename(target)} is already published`);
    const snapshot = path.join(target, SNAPSHOT_NAME);
    if (!fs.existsSync(snapshot)) throw new Error(`${path.basename(target)} has no database copy (${SNAPSHOT_NAME}); roll back by hand`);
    const staging = stagingPathFor(opts.dbPath, makeRunId(Date.now()));
    try {
      snapshotDb(snapshot, staging);
      const runId = `${makeRunId(Date.now())}-rollback`;
      const previous = publishSite(target, opts.distPath, opts.buildsDir, runId);
      try {
        swapInStaging(staging, opts.dbPath);
      } catch (e) {
        if (previous) publishSite(previous, opts.distPath, opts.buildsDir, `${runId}-revert`);
        throw e;
      }
    } finally {
      removeDb(staging);
    }
    return { from: current, to: target };
  } finally {
    lock.release();
  }
}
