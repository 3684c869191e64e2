import type { IngestArgs } from './cli-args.ts';
import type { Source } from './source.ts';
import { feedDirSource } from './sources/feed-dir.ts';
import { feedHttpSource } from './sources/feed-http.ts';
import { retailFileSource } from './sources/retail-file.ts';

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Turns the command-line source flags into adapters, in a fixed order: feeds, then CSV, OCDS, retail. */
export function buildSources(
  args: IngestArgs,
  opts: { since: (sourceId: string) => Record<string, string>; log: (line: string) => void },
): Source[] {
  const sources: Source[] = [];
  for (const f of args.feed) {
    if (isUrl(f)) {
      const id = `feed:${f.replace(/\/+$/, '')}`;
      sources.push(feedHttpSource(f, { since: opts.since(id), log: opts.log }));
    } else {
      sources.push(feedDirSource(f));
    }
  }
  for (const r of args.retail) sources.push(retailFileSource(r, { log: opts.log }));
  return sources;
}
