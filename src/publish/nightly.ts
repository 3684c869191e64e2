import { clearJournal, recoverPublish, writeJournal } from './journal.ts';
import fs from 'node:fs';
import path from 'node:path';
import { runAnalyze, type AnalyzeReport } from '../analyze/run.ts';
import { summarize, type NightlyReport, type Stage } from './nightly-report.ts';
import { toShanghaiIso } from '../domain/time.ts';
import { writeRunLog } from '../ingest/core/run-log.ts';
import { runVersionsStep, type VersionsReport } from './content-versions.ts';
import { astroBuild, type BuildFn } from './build.ts';
import { markVersionsReady } from './versions-ready.ts';
import { checkBuild, startCheck, type PendingCheck } from './check.ts';
import type { IngestStep } from './ingest-step.ts';
import { acquireLock, LockBusyError, type Lock } from './lock.ts';
import { makeRunId } from './run-id.ts';
import { flagKeys, newFlagsByRule, recordStages, type StageRow } from './run-rows.ts';
import { publishedBuild, publishSite, pruneBuilds, removeInBackground, removeIncompleteBuilds, RETIRED_PREFIX, retireBuilds, writeBuildMarker } from './site.ts';
import {
  createStaging, finalizeStaging, removeDb, removeLeftoverStaging, snapshotDb, stagingPathFor, swapInStaging,
} from './staging-db.ts';

/**
 * ingest → analyze → build → check → publish, all-or-nothing (DESIGN §10).
 *
 * Everything before "publish" works on copies: a staging copy of the database beside the live
 * one, and a fresh build folder. Publishing is two renames (the site symlink, then the database
 * file). Any failure before them deletes the copies, so the live database and the published
 * site stay byte-identical; the failure is written to <db dir>/runs/ and returned.
 */

export interface NightlyOptions {
  /** The live database. */
  dbPath: string;
  /** The published site (a symlink to a build folder): `dist` or SUNSHINE_DIST. */
  distPath: string;
  /** Where build folders live; inside the project so the server bundle finds node_modules. */
  buildsDir: string;
  /** Tests only: called between the steps of publishing, to simulate a crash there (by exiting). */
  crashPoint?: (step: 'journal-written' | 'site-published' | 'db-installed') => void;
  projectRoot: string;
  ingest: IngestStep;
  analyze?: (stagingPath: string) => Promise<AnalyzeReport>;
  build?: BuildFn;
  /** Records each page's data version in the staging database (default: scripts/versions.ts in a child). */
  versions?: (stagingPath: string, at: string) => Promise<VersionsReport>;
  /** Render every page instead of reusing the unchanged ones of the published build. */
  full?: boolean;
  /** Builds kept, the published one included (default 3). */
  keepBuilds?: number;
  log?: (line: string) => void;
  now?: () => number;
  signal?: AbortSignal;
}

export const lockPathFor = (dbPath: string) => path.join(path.dirname(dbPath), '.sunshine-nightly.lock');
export const SNAPSHOT_NAME = 'sunshine.db';

class StageError extends Error {
  readonly stage: Stage;
  constructor(stage: Stage, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.stage = stage;
  }
}

// The removals of retired builds this process started and does not wait for (removeInBackground).
const removals: Promise<void>[] = [];

/** Resolves once every removal of retired builds this process started has ended (for tests: a run does not wait for them). */
export async function retiredBuildsRemoved(): Promise<void> {
  await Promise.all(removals);
}

export async function runNightly(opts: NightlyOptions): Promise<NightlyReport> {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => {});
  const t0 = now();
  const runId = freshRunId(makeRunId(t0), opts.buildsDir);
  const report: NightlyReport = { status: 'failed', run_id: runId, started_at: toShanghaiIso(t0), finished_at: '', duration_ms: 0, stages: {} };
  const finish = (status: NightlyReport['status']) => {
    report.status = status;
    report.finished_at = toShanghaiIso(now());
    report.duration_ms = now() - t0;
    return report;
  };

  let lock: Lock;
  try {
    fs.mkdirSync(path.dirname(opts.dbPath), { recursive: true });
    lock = acquireLock(lockPathFor(opts.dbPath), report.started_at);
  } catch (e) {
    report.stage = 'lock';
    report.error = e instanceof Error ? e.message : String(e);
    return finish(e instanceof LockBusyError ? 'busy' : 'failed');
  }
  if (lock.cleared) log(`cleared a stale lock left by pid ${lock.cleared.pid} (started ${lock.cleared.started_at})`);

  const staging = stagingPathFor(opts.dbPath, runId);
  const buildDir = path.join(opts.buildsDir, runId);
  // Starts with the staging database's name, so a run that dies leaves nothing the next one misses.
  const versionsReady = `${staging}.versions-ready`;
  const rows: StageRow[] = [];
  // `announce: false`: the stage runs beside another one and announces itself when that one ends
  // (stage-progress.ts shows one stage at a time).
  const stage = async <T>(name: Stage, fn: () => Promise<T> | T, announce = true): Promise<T> => {
    if (opts.signal?.aborted) throw new StageError(name, new Error('interrupted before this stage'));
    const s = now();
    if (announce) log(`── ${name}`);
    try {
      return await fn();
    } catch (e) {
      throw new StageError(name, e);
    } finally {
      report.stages[name] = now() - s;
    }
  };

  // The oldest builds are retired when the night starts, making room for the one it adds, and
  // removed after it ends without it waiting (site.ts: retireBuilds, removeInBackground). What an
  // earlier night's removal left is removed beside this night, which waits for that at its publish.
  let retired: string[] = [];
  let leftovers: Promise<void> = Promise.resolve();
  let leftoversOutcome: Promise<void> | null = null;
  const leftoversRemoved = () => (leftoversOutcome ??= leftovers.catch((e: Error) => log(`warning: could not remove the builds an earlier night retired: ${e.message}`)));
  try {
    await stage('prepare', async () => {
      // An interrupted publish is completed before anything else (its staging database is
      // one of the "leftovers" below).
      for (const line of recoverPublish(opts.dbPath, opts.distPath)) log(`recovered: ${line}`);
      const staleDbs = removeLeftoverStaging(opts.dbPath);
      const staleBuilds = removeIncompleteBuilds(opts.buildsDir, publishedBuild(opts.distPath));
      if (staleDbs.length + staleBuilds.length > 0) log(`removed leftovers of earlier runs: ${[...staleDbs, ...staleBuilds].join(', ')}`);
      await createStaging(opts.dbPath, staging);
      const retiring = retireBuilds(opts.buildsDir, publishedBuild(opts.distPath), opts.keepBuilds ?? 3);
      retired = retiring.retired;
      leftovers = removeInBackground(retiring.leftovers, { detached: false });
    });

    const ingest = await stage('ingest', async () => {
      const r = await opts.ingest(staging, log);
      report.ingest = r;
      if (r.status !== 'ok') throw new Error(r.error ?? 'ingest failed');
      return r;
    });

    // Astro's start and bundling (≈ 4–5 s) need no data, and the build's every read of the
    // database waits until the versions step has committed (versions-ready.ts), the night's last
    // write before the pages are read. So the build starts early enough for its start to end
    // about when the data is ready: with the analysis on an incremental night, whose versions
    // step (≈ 2.5 s at 20k orders) is shorter than Astro's start; with the versions step when
    // every page is hashed (≈ 5–6 s), where starting sooner only took the analysis' core (1.1 →
    // 2.8 s at 20k orders). Never with the ingest: its two threads and Astro's start took the same
    // two cores (ingest 2.7 → 5 s). A failed analysis or versions step stops the build; either way
    // it has ended before this run goes on or cleans up.
    const stopBuild = new AbortController();
    // The published build, unless --full: it lends this one its unchanged pages, which it passed
    // the check with, and makes the night incremental.
    const checkAgainst = opts.full ? null : publishedBuild(opts.distPath) ?? null;
    const buildEarly = checkAgainst !== null;
    let buildStart = 0;
    let building: Promise<void> | undefined;
    // The pages are checked while the search index is built (check.ts startCheck).
    let checking: PendingCheck | undefined;
    const startBuild = () => {
      buildStart = now();
      report.build_started_with = buildEarly ? 'analyze' : 'versions';
      building = stage('build', async () => {
        fs.mkdirSync(opts.buildsDir, { recursive: true });
        await (opts.build ?? astroBuild)({
          outDir: buildDir,
          dbPath: staging,
          // The published build lends its unchanged pages (DESIGN §10); --full renders everything.
          previousBuild: publishedBuild(opts.distPath),
          full: opts.full ?? false,
          versionsReady,
          projectRoot: opts.projectRoot,
          log,
          onChild: (pid) => lock.update({ child_pid: pid }),
          onPagesBuilt: () => { checking = startCheck(buildDir, staging, checkAgainst); },
          signal: opts.signal ? AbortSignal.any([opts.signal, stopBuild.signal]) : stopBuild.signal,
        });
        lock.update({ child_pid: undefined });
      }, false);
      // Its failure is reported once the steps before it have ended (below), not as it happens.
      building.catch(() => {});
    };
    try {
      if (buildEarly) startBuild();
      const flagsBefore = flagKeys(opts.dbPath);
      report.analyze = await stage('analyze', () => (opts.analyze ?? ((p) => runAnalyze({ dbPath: p })))(staging));
      report.summary = summarize(ingest, newFlagsByRule(flagsBefore, flagKeys(staging)));

      if (!buildEarly) startBuild();
      report.versions = await stage('versions', async () => {
        // Against the published database the staging one was copied from: only the pages the
        // night's changes reach are hashed again (db/page-changes.ts); --full hashes every page.
        const previous = opts.full ? undefined : opts.dbPath;
        const r = await (opts.versions ?? ((p, at) => runVersionsStep(opts.projectRoot, p, at, undefined, previous)))(staging, toShanghaiIso(now()));
        markVersionsReady(versionsReady);
        log('── build');
        return r;
      });
    } catch (e) {
      stopBuild.abort();
      await building?.catch(() => {});
      fs.rmSync(versionsReady, { force: true });
      throw e;
    }
    await building!.catch(async (e: unknown) => {
      await checking?.stop();
      throw e;
    }).finally(() => fs.rmSync(versionsReady, { force: true }));
    rows.push({ stage: 'build', started_at: toShanghaiIso(buildStart), finished_at: toShanghaiIso(now()), counts: { run_id: runId, duration_ms: report.stages.build } });

    const checkStart = now();
    report.check = await stage('check', () => checkBuild(buildDir, staging, checkAgainst, checking));
    rows.push({ stage: 'check', started_at: toShanghaiIso(checkStart), finished_at: toShanghaiIso(now()), counts: { ...report.check, duration_ms: report.stages.check } });

    report.published = await stage('publish', async () => {
      rows.push({
        stage: 'nightly',
        started_at: report.started_at,
        finished_at: toShanghaiIso(now()),
        counts: { run_id: runId, ...report.summary, stages_ms: report.stages, orders: report.check?.orders, duration_ms: now() - t0 },
      });
      recordStages(staging, rows, `nightly:${runId}`);
      finalizeStaging(staging);
      // The database this build was made from travels with it, so a rollback restores both.
      snapshotDb(staging, path.join(buildDir, SNAPSHOT_NAME));
      writeBuildMarker(buildDir, { run_id: runId, built_at: report.started_at, orders: report.check?.orders ?? 0 });
      writeJournal({ run_id: runId, build: buildDir, staging, db: opts.dbPath, dist: opts.distPath, builds: opts.buildsDir });
      opts.crashPoint?.('journal-written');
      const previous = publishSite(buildDir, opts.distPath, opts.buildsDir, runId);
      opts.crashPoint?.('site-published');
      try {
        swapInStaging(staging, opts.dbPath);
      } catch (e) {
        // Put the old site back so site and database still match, then report the failure.
        if (previous) publishSite(previous, opts.distPath, opts.buildsDir, `${runId}-revert`);
        else fs.rmSync(opts.distPath, { force: true });
        clearJournal(opts.dbPath);
        throw e;
      }
      opts.crashPoint?.('db-installed');
      clearJournal(opts.dbPath);
      await leftoversRemoved();
      // Named as they were: retired, they are being removed (after this run).
      const removed = retired.map((d) => path.join(path.dirname(d), path.basename(d).slice(RETIRED_PREFIX.length)));
      try {
        // Normally nothing left: the night began by making room (retireBuilds).
        removed.push(...pruneBuilds(opts.buildsDir, buildDir, opts.keepBuilds ?? 3));
      } catch (e) {
        log(`warning: could not prune old builds: ${(e as Error).message}`);
      }
      return { build: buildDir, dist: opts.distPath, previous, pruned: removed };
    });
    return finish('published');
  } catch (e) {
    report.stage = e instanceof StageError ? e.stage : 'publish';
    report.error = e instanceof Error ? e.message : String(e);
    removeDb(staging);
    // The fresh folder goes too — unless a failed revert left it published (never delete what is live).
    if (path.basename(publishedBuild(opts.distPath) ?? '') !== runId) fs.rmSync(buildDir, { recursive: true, force: true });
    finish('failed');
    try {
      report.log_file = writeRunLog(opts.dbPath, `nightly-${runId}-failed`, report);
    } catch (logErr) {
      log(`could not write the failure report: ${(logErr as Error).message}`);
    }
    return report;
  } finally {
    // What an earlier night retired is gone before the lock is released, failed night or not.
    await leftoversRemoved();
    // A failed night's retired builds go too: they were beyond the builds kept either way.
    removals.push(removeInBackground(retired, { detached: true }).catch(() => {}));
    lock.release();
  }
}

/**
 * Two runs of one process in the same second get the same time-and-pid id; the second must
 * never build into (and so overwrite) the first one's folder, which may be the published site.
 */
function freshRunId(base: string, buildsDir: string): string {
  let id = base;
  for (let n = 2; fs.existsSync(path.join(buildsDir, id)); n++) id = `${base}-${n}`;
  return id;
}
