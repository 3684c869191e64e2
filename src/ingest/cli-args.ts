import { parseArgs } from 'node:util';
import { resolveDbPath } from '../db/connection.ts';

export interface IngestArgs {
  dbPath: string;
  feed: string[];
  retail: string[];
  ocds: string[];
  csv: string[];
  maxRejectShare: number;
}

export const INGEST_USAGE = `usage: npm run ingest -- [--feed DIR|URL] [--retail FILE|DIR]… [--ocds FILE|DIR|URL]… [--csv DIR]
                        [--db PATH] [--max-reject-share 0.1]
  any one source flag is enough; --db defaults to $SUNSHINE_DB or data/sunshine.db`;

/** Parses the ingest flags (shared by `ingest` and `nightly`). Throws with the usage on bad input. */
export function parseIngestArgs(argv: string[]): IngestArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      feed: { type: 'string', multiple: true },
      retail: { type: 'string', multiple: true },
      ocds: { type: 'string', multiple: true },
      csv: { type: 'string', multiple: true },
      db: { type: 'string' },
      'max-reject-share': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"\n${INGEST_USAGE}`);
  const args: IngestArgs = {
    dbPath: resolveDbPath(values.db),
    feed: values.feed ?? [],
    retail: values.retail ?? [],
    ocds: values.ocds ?? [],
    csv: values.csv ?? [],
    maxRejectShare: 0.1,
  };
  if (values['max-reject-share'] !== undefined) {
    const share = Number(values['max-reject-share']);
    if (!(share >= 0 && share <= 1)) throw new Error(`--max-reject-share must be between 0 and 1, got "${values['max-reject-share']}"`);
    args.maxRejectShare = share;
  }
  if (args.feed.length + args.retail.length + args.ocds.length + args.csv.length === 0) {
    throw new Error(`no source given\n${INGEST_USAGE}`);
  }
  return args;
}
