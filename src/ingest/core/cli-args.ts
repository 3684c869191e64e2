import { parseArgs } from 'node:util';
import { resolveDbPath } from '../../db/connection.ts';

/** A file or folder source, with the column mapping that applies to it (if any). */
export interface PathSource {
  path: string;
  mapping?: string;
}

export interface IngestArgs {
  dbPath: string;
  feed: string[];
  retail: PathSource[];
  ocds: string[];
  csv: PathSource[];
  maxRejectShare: number;
  /** Read every feed file again, even those an earlier run read as they are now (file-ledger.ts). */
  reread: boolean;
}

export const INGEST_USAGE = `usage: npm run ingest -- [--feed DIR|URL] [--retail FILE|DIR [--mapping FILE]]… [--ocds FILE|DIR|URL]…
                        [--csv DIR [--mapping FILE]] [--db PATH] [--max-reject-share 0.1] [--reread]
  any one source flag is enough; --mapping applies to the --retail or --csv just before it;
  a feed file an earlier run read byte for byte as it is now is hashed, not parsed again, unless --reread;
  --db defaults to $SUNSHINE_DB or data/sunshine.db`;

/** Parses the ingest flags (shared by `ingest` and `nightly`). Throws with the usage on bad input. */
export function parseIngestArgs(argv: string[]): IngestArgs {
  const { tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    tokens: true,
    options: {
      feed: { type: 'string', multiple: true },
      retail: { type: 'string', multiple: true },
      ocds: { type: 'string', multiple: true },
      csv: { type: 'string', multiple: true },
      mapping: { type: 'string', multiple: true },
      db: { type: 'string' },
      'max-reject-share': { type: 'string' },
      reread: { type: 'boolean' },
    },
  });
  const args: IngestArgs = { dbPath: resolveDbPath(), feed: [], retail: [], ocds: [], csv: [], maxRejectShare: 0.1, reread: false };
  // Walk the tokens in order, because --mapping belongs to the source flag before it.
  let last: PathSource | null = null;
  for (const t of tokens ?? []) {
    if (t.kind === 'positional') throw new Error(`unexpected argument "${t.value}"\n${INGEST_USAGE}`);
    if (t.kind !== 'option') continue;
    const value = t.value ?? '';
    switch (t.name) {
      case 'feed': args.feed.push(checkedUrl('--feed', value)); last = null; break;
      case 'ocds': args.ocds.push(checkedUrl('--ocds', value)); last = null; break;
      case 'retail': last = { path: value }; args.retail.push(last); break;
      case 'csv': last = { path: value }; args.csv.push(last); break;
      case 'mapping':
        if (!last) throw new Error(`--mapping must follow the --retail or --csv it applies to\n${INGEST_USAGE}`);
        last.mapping = value;
        last = null;
        break;
      case 'db': args.dbPath = resolveDbPath(value); break;
      case 'reread': args.reread = true; break;
      case 'max-reject-share': {
        const share = Number(value);
        if (value === '' || !(share >= 0 && share <= 1)) throw new Error(`--max-reject-share must be between 0 and 1, got "${value}"`);
        args.maxRejectShare = share;
        break;
      }
    }
  }
  if (args.feed.length + args.retail.length + args.ocds.length + args.csv.length === 0) {
    throw new Error(`no source given\n${INGEST_USAGE}`);
  }
  return args;
}

/** A value that looks like a URL must be a valid http(s) URL; anything else is a path. */
function checkedUrl(flag: string, value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^https?:/i.test(value)) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${flag} ${JSON.stringify(value.slice(0, 200))} is not a valid URL\n${INGEST_USAGE}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${flag} must be an http(s) URL or a path, got the ${url.protocol} scheme`);
  }
  return value;
}
