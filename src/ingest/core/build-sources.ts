import type { IngestArgs } from './cli-args.ts';
import type { Source } from './source.ts';
import { csvDirSource } from '../csv/csv-dir.ts';
import { feedDirSource } from '../feed/feed-dir.ts';
import { feedHttpSource } from '../feed/feed-http.ts';
import { ocdsSource } from '../ocds/ocds-source.ts';
import { retailFileSource } from '../retail/retail-file.ts';

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
      sources.push(feedHttpSource(f, { since: opts.since(id), log, ...httpLimitsFromEnv(process.env) }));
    } else {
      sources.push(feedDirSource(f));
    }
  }
  for (const c of args.csv) sources.push(csvDirSource(c.path, { mapping: c.mapping, log }));
  for (const o of args.ocds) sources.push(ocdsSource(o, { log }));
  for (const r of args.retail) sources.push(retailFileSource(r.path, { mapping: r.mapping, log }));
  return sources;
}

/**
 * Limits of the HTTP pull that an operator may need to change without a release:
 * SUNSHINE_FEED_DEADLINE_MINUTES (whole run, default 30), SUNSHINE_FEED_MAX_PAGES (default
 * 100,000) and SUNSHINE_FEED_TIMEOUT_SECONDS (per request, default 30). Anything that is not a
 * positive number is ignored rather than read as "no limit".
 */
export function httpLimitsFromEnv(env: Record<string, string | undefined>): { deadlineMs?: number; maxPages?: number; timeoutMs?: number } {
  const num = (name: string) => {
    const v = env[name];
    return v !== undefined && /^\d+(\.\d+)?$/.test(v.trim()) && Number(v) > 0 ? Number(v) : undefined;
  };
  const out: { deadlineMs?: number; maxPages?: number; timeoutMs?: number } = {};
  const minutes = num('SUNSHINE_FEED_DEADLINE_MINUTES');
  if (minutes !== undefined) out.deadlineMs = minutes * 60_000;
  const pages = num('SUNSHINE_FEED_MAX_PAGES');
  if (pages !== undefined) out.maxPages = Math.floor(pages);
  const seconds = num('SUNSHINE_FEED_TIMEOUT_SECONDS');
  if (seconds !== undefined) out.timeoutMs = seconds * 1000;
  return out;
}
