import type { IngestArgs } from './cli-args.ts';
import type { Source } from './source.ts';
import { csvDirSource } from './sources/csv-dir.ts';
import { feedDirSource } from './sources/feed-dir.ts';
import { feedHttpSource } from './sources/feed-http.ts';
import { ocdsSource } from './sources/ocds.ts';
import { retailFileSource } from './sources/retail-file.ts';

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Turns the command-line source flags into adapters, in a fixed order: feeds, CSV, OCDS, then retail. */
export function buildSources(
  args: IngestArgs,
  opts: { since: (sourceId: string) => Record<string, string>; log: (line: string) => void },
): Source[] {
  const { log } = opts;
  const sources: Source[] = [];
  for (const f of args.feed) {
    if (isUrl(f)) {
      const id = `feed:${f.replace(/\/+$/, '')}`;
      sources.push(feedHttpSource(f, { since: opts.since(id), log }));
    } else {
      sources.push(feedDirSource(f));
    }
  }
  for (const c of args.csv) sources.push(csvDirSource(c.path, { mapping: c.mapping, log }));
  for (const o of args.ocds) sources.push(ocdsSource(o, { log }));
  for (const r of args.retail) sources.push(retailFileSource(r.path, { mapping: r.mapping, log }));
  return sources;
}
