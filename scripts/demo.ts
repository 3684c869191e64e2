// `npm run demo`: the nightly run on the bundled sample (data/sample/), then `npm start`.
// A newcomer's first command: afterwards the site is at http://localhost:4321.
import path from 'node:path';
import { shareCompileCache } from '../src/cli/compile-cache.ts';
import { shareHugePageMalloc } from '../src/cli/huge-page-malloc.ts';
import { runMain } from '../src/cli/main.ts';
import { stageProgress } from '../src/cli/stage-progress.ts';
import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { resolveDbPath } from '../src/db/connection.ts';
import { parseIngestArgs } from '../src/ingest/core/cli-args.ts';
import { ingestStepFromArgs } from '../src/publish/ingest-step.ts';
import { runNightly } from '../src/publish/nightly.ts';
import { defaultBuildsDir, resolveDistPath } from '../src/publish/paths.ts';
import { formatNightlyReport } from '../src/publish/summary.ts';

const SAMPLE = 'data/sample';
const RETAIL = 'data/sample/retail-observations.csv';

/** The demo must never pour sample purchases into a database that holds real ones. */
function holdsRealData(dbPath: string): boolean {
  if (!fs.existsSync(dbPath)) return false;
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    if (!tables.has('orders') || !tables.has('meta')) return false;
    const orders = db.prepare(`SELECT count(*) FROM orders`).pluck().get() as number;
    const sample = db.prepare(`SELECT value FROM meta WHERE key = 'sample'`).pluck().get();
    return orders > 0 && sample !== '1';
  } finally {
    db.close();
  }
}

async function main(): Promise<number> {
  const dbPath = resolveDbPath();
  if (!fs.existsSync(`${SAMPLE}/dataset.json`)) {
    console.error(`the sample is missing (${SAMPLE}/); run \`npm run sample\` to generate it`);
    return 1;
  }
  if (holdsRealData(dbPath)) {
    console.error(`${dbPath} holds real (non-sample) purchases; the demo will not mix the sample into it.`);
    console.error('run it against another database: SUNSHINE_DB=data/demo.db SUNSHINE_DIST=dist-demo npm run demo');
    return 1;
  }
  const flags = ['--feed', SAMPLE];
  if (fs.existsSync(RETAIL)) flags.push('--retail', RETAIL);
  else console.error(`note: ${RETAIL} not found; running without retail prices (no gaps)`);
  const args = parseIngestArgs(flags);

  const distPath = resolveDistPath();
  // One line per stage on the console; everything (the build's thousands of lines) in the log file.
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const progress = stageProgress(path.join(path.dirname(dbPath), 'runs', `demo-${stamp}.log`));
  const log = progress.log;
  console.error(`demo: nightly run on ${SAMPLE} → ${dbPath}, site ${distPath} (the build takes a minute or two)`);
  const report = await runNightly({
    dbPath: args.dbPath,
    distPath,
    buildsDir: defaultBuildsDir(distPath),
    projectRoot: process.cwd(),
    ingest: ingestStepFromArgs(args),
    log,
  });
  const logFile = progress.finish(report.status === 'published');
  console.log(formatNightlyReport(report));
  const shown = path.relative(process.cwd(), logFile);
  console.log(`  full log: ${shown.startsWith('..') ? logFile : shown}`);
  if (report.status !== 'published') return report.status === 'busy' ? 75 : 1;

  const port = process.env.PORT ?? '4321';
  console.log(`\n阳光采购 demo: open http://localhost:${port}  (API: http://localhost:${port}/api/orders, docs: /api-docs/; Ctrl-C stops)\n`);
  const server = spawn(process.execPath, ['src/server/supervisor.mjs'], { stdio: 'inherit', env: { ...process.env, PORT: port } });
  const forward = (sig: NodeJS.Signals) => server.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => server.on('exit', (code) => resolve(code ?? 0)));
}

// Before any child or worker starts, so that all of them share them (src/cli/compile-cache.ts,
// src/cli/huge-page-malloc.ts).
shareCompileCache(path.resolve(import.meta.dirname, '..'));
shareHugePageMalloc();
await runMain(main);
