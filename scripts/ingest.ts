// `npm run ingest -- --feed DIR|URL --retail FILE …`: pull sources into the database.
import path from 'node:path';
import { shareCompileCache } from '../src/cli/compile-cache.ts';
import { runMain } from '../src/cli/main.ts';
import { buildSources } from '../src/ingest/core/build-sources.ts';
import { parseIngestArgs } from '../src/ingest/core/cli-args.ts';
import { formatIngestReport } from '../src/ingest/core/report-text.ts';
import { runIngest } from '../src/ingest/core/run.ts';
import { readSourceState } from '../src/ingest/core/source-state.ts';
import { fileLedgerOptions } from '../src/publish/ingest-step.ts';

async function main(): Promise<number> {
  let args;
  try {
    args = parseIngestArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const log = (line: string) => console.error(line);
  const sources = buildSources(args, { since: readSourceState(args.dbPath), log });
  log(`ingesting ${sources.map((s) => s.id).join(', ')} into ${args.dbPath}`);
  const report = await runIngest({ dbPath: args.dbPath, sources, maxRejectShare: args.maxRejectShare, log, files: fileLedgerOptions(args) });
  console.log(formatIngestReport(report));
  return report.status === 'ok' ? 0 : 1;
}

// Before the parsing worker starts (src/cli/compile-cache.ts).
shareCompileCache(path.resolve(import.meta.dirname, '..'));
await runMain(main);
