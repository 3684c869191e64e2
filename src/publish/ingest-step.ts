import { buildSources } from '../ingest/core/build-sources.ts';
import type { IngestArgs } from '../ingest/core/cli-args.ts';
import type { FileLedgerOptions } from '../ingest/core/file-ledger.ts';
import { runIngest, type IngestReport } from '../ingest/core/run.ts';
import { readSourceState } from '../ingest/core/source-state.ts';
import { ingestCodeHash } from './code-hash.ts';

export type IngestStep = (stagingPath: string, log: (line: string) => void) => Promise<IngestReport>;

/**
 * The ingest stage of a nightly run: the same flags as `npm run ingest`, pointed at the
 * staging copy (whose source_state is the live one's, so HTTP feeds resume where they were).
 * `full` (`nightly --full`) reads every feed file again, as --reread does.
 */
export function ingestStepFromArgs(args: IngestArgs, full = false): IngestStep {
  return async (stagingPath, log) => {
    const sources = buildSources(args, { since: readSourceState(stagingPath), log });
    return runIngest({ dbPath: stagingPath, sources, maxRejectShare: args.maxRejectShare, log, files: fileLedgerOptions(args, full) });
  };
}

/** The files policy of `ingest` and `nightly`: record every file read; leave out unchanged ones unless --reread (or --full). */
export const fileLedgerOptions = (args: Pick<IngestArgs, 'reread'>, full = false): FileLedgerOptions => ({
  code: ingestCodeHash(process.cwd()),
  skipUnchanged: !args.reread && !full,
});
