// `npm run nightly -- <ingest flags>`: ingest → analyze → build → check → atomic publish.
// `npm run nightly -- --rollback [RUN_ID]`: publish an earlier build and its database again.
// Exit codes: 0 published, 1 a stage failed (nothing published), 2 bad arguments,
// 75 another run holds the lock (EX_TEMPFAIL: try again later).
import { shareCompileCache } from '../src/cli/compile-cache.ts';
import { shareHugePageMalloc } from '../src/cli/huge-page-malloc.ts';
import { runMain } from '../src/cli/main.ts';
import path from 'node:path';
import { resolveDbPath } from '../src/db/connection.ts';
import { INGEST_USAGE, parseIngestArgs } from '../src/ingest/core/cli-args.ts';
import { ingestStepFromArgs } from '../src/publish/ingest-step.ts';
import { LockBusyError } from '../src/publish/lock.ts';
import { runNightly } from '../src/publish/nightly.ts';
import { defaultBuildsDir, resolveDistPath } from '../src/publish/paths.ts';
import { rollback } from '../src/publish/rollback.ts';
import { formatNightlyReport } from '../src/publish/summary.ts';

const USAGE = `usage: npm run nightly -- <ingest flags> [--full] [--dist PATH] [--builds DIR]
       npm run nightly -- --rollback [RUN_ID] [--db PATH] [--dist PATH]
${INGEST_USAGE.replace(/^usage: npm run ingest -- /, 'ingest flags: ')}
  the published site is --dist, else $SUNSHINE_DIST, else dist/; build folders go to --builds,
  else dist-builds/ (must be inside the project: the server bundle needs its node_modules);
  --full renders every page instead of reusing the unchanged ones of the published build, and
  reads every feed file again (as --reread)`;

/** Takes `--name VALUE` / `--name=VALUE` out of argv (the rest goes to the ingest parser). */
function take(argv: string[], name: string, needsValue = true): string | true | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        argv.splice(i, 2);
        return next;
      }
      if (needsValue) throw new Error(`--${name} needs a value\n${USAGE}`);
      argv.splice(i, 1);
      return true;
    }
    if (a.startsWith(`--${name}=`)) {
      argv.splice(i, 1);
      return a.slice(name.length + 3);
    }
  }
  return undefined;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let dist: string | undefined;
  let rollbackTo: string | true | undefined;
  let builds: string | undefined;
  let full = false;
  try {
    full = take(argv, 'full', false) === true;
    dist = take(argv, 'dist') as string | undefined;
    builds = take(argv, 'builds') as string | undefined;
    rollbackTo = take(argv, 'rollback', false);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const distPath = resolveDistPath(dist);
  const buildsDir = builds ? path.resolve(builds) : defaultBuildsDir(distPath);

  if (rollbackTo !== undefined) {
    const db = take(argv, 'db') as string | undefined;
    if (argv.length > 0) {
      console.error(`unexpected argument "${argv[0]}" with --rollback\n${USAGE}`);
      return 2;
    }
    try {
      const r = rollback({ dbPath: resolveDbPath(db), distPath, buildsDir, to: rollbackTo === true ? undefined : rollbackTo });
      console.log(`rolled back: ${distPath} now serves ${r.to} and its database (was ${r.from ?? 'nothing'})`);
      console.log('restart `npm start` only if it runs without the supervisor; it picks up the switch by itself.');
      return 0;
    } catch (e) {
      console.error(`rollback failed: ${(e as Error).message}`);
      return e instanceof LockBusyError ? 75 : 1;
    }
  }

  let args;
  try {
    args = parseIngestArgs(argv);
  } catch (e) {
    console.error((e as Error).message.replace(INGEST_USAGE, USAGE));
    return 2;
  }

  // First Ctrl-C / SIGTERM: stop the build and clean up; a second one: leave at once (the lock
  // is then stale and the next run clears it and the leftovers).
  const abort = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (abort.signal.aborted) process.exit(130);
    console.error(`\n${sig}: stopping after cleaning up (send again to quit at once)`);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const log = (line: string) => console.error(line);
  log(`nightly: database ${args.dbPath}, site ${distPath}`);
  const report = await runNightly({
    dbPath: args.dbPath,
    distPath,
    buildsDir,
    projectRoot: process.cwd(),
    ingest: ingestStepFromArgs(args, full),
    full,
    log,
    signal: abort.signal,
  });
  console.log(formatNightlyReport(report));
  return report.status === 'published' ? 0 : report.status === 'busy' ? 75 : 1;
}

// Before any child or worker starts, so that all of them share them (src/cli/compile-cache.ts,
// src/cli/huge-page-malloc.ts).
shareCompileCache(path.resolve(import.meta.dirname, '..'));
shareHugePageMalloc();
await runMain(main);
