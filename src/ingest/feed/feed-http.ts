import { parseTimestamp, toShanghaiIso } from '../../domain/time.ts';
import { fetchJsonPage, type FetchJsonOptions } from '../core/http/fetch-json-page.ts';
import type { Source, SourceItem } from '../core/source.ts';
import { parseEnvelope } from './feed-envelope.ts';
import { parseFeedListing, parseFeedOrder } from './feed-records.ts';

/**
 * Platform feed v1 over HTTP (DESIGN §3): `{base}/listings` then `{base}/orders` (every status),
 * each followed by `next_cursor` until null, yielded page by page. Incremental: `since` is the
 * `updated_since` remembered from the last good run, and `stateToSave()` offers the next one
 * for every kind read to the end. Transient failures are retried by fetchJsonPage; a page
 * that stays unavailable throws, which fails the run: a half-read feed is never published.
 */

export type FeedKind = 'listings' | 'orders';

export interface FeedHttpOptions extends FetchJsonOptions {
  /** `updated_since` per kind from source_state; absent on the first run (full read). */
  since?: Partial<Record<FeedKind, string>>;
  /** Whole-run deadline for this source, listings and orders together. Default 30 minutes. */
  deadlineMs?: number;
  /** Most pages read in one run, all kinds together; a feed that pages on past it fails the run. Default 100,000. */
  maxPages?: number;
}

export const DEFAULT_DEADLINE_MS = 30 * 60_000;
export const DEFAULT_MAX_PAGES = 100_000;

const KINDS: ReadonlyArray<{ kind: FeedKind; query: Record<string, string>; parse: (raw: unknown, position: string) => SourceItem }> = [
  // Listings first, so that orders can refer to them.
  { kind: 'listings', query: {}, parse: parseFeedListing },
  // Every status: a refund or cancellation after completion arrives as a newer version (DESIGN §3).
  { kind: 'orders', query: {}, parse: parseFeedOrder },
];

/** `{base}/{kind}` with the base's own query kept (e.g. an access token) and ours added. */
export function pageUrl(base: URL, kind: FeedKind, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${kind}`;
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

export function feedHttpSource(baseUrl: string, options: FeedHttpOptions = {}): Source {
  const trimmed = baseUrl.replace(/\/+$/, '');
  let base: URL;
  try {
    base = new URL(trimmed);
  } catch {
    throw new Error(`feed URL is not a valid URL: "${baseUrl}"`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`feed URL must be http or https: "${baseUrl}"`);

  let state: Array<{ kind: FeedKind; updated_since: string }> = [];

  return {
    id: `feed:${trimmed}`,
    async *items(): AsyncGenerator<SourceItem> {
      state = [];
      // A server that never answers or never stops paging must not hold the run (and its
      // lock) forever: one deadline for the whole source aborts the request in flight too.
      const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
      const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
      const deadline = new AbortController();
      const timer = setTimeout(
        () => deadline.abort(new Error(`the feed was not read within the run's deadline of ${Math.round(deadlineMs / 1000)} s`)),
        deadlineMs,
      );
      timer.unref?.();
      const fetchOptions = { ...options, signal: deadline.signal };
      let pagesRead = 0;
      try {
        for (const { kind, query, parse } of KINDS) {
          const since = options.since?.[kind];
          const mark = new Watermark();
          const seen = new Set<string>();
          let cursor: string | null = null;
          let page = 0;
          do {
            page++;
            if (++pagesRead > maxPages) throw new Error(`${kind}: more than ${maxPages} pages in one run; the feed does not end (raise maxPages if it is real)`);
            const url = pageUrl(base, kind, { ...query, updated_since: since, cursor: cursor ?? undefined });
            const requestedAt = Date.now();
            const { body, serverDateMs } = await fetchJsonPage(url, parseEnvelope, fetchOptions);
            if (page === 1) mark.readStartedAt(serverDateMs ?? requestedAt);
            const where = cursor === null ? kind : `${kind}?cursor=${cursor}`;
            for (let i = 0; i < body.items.length; i++) {
              const raw = body.items[i];
              mark.see(raw);
              yield parse(raw, `${where}#${i + 1}`);
            }
            cursor = body.next_cursor;
            // A server that hands out a cursor twice would page forever.
            if (cursor !== null && seen.has(cursor)) throw new Error(`GET ${url}: next_cursor "${cursor}" was already followed; the feed loops`);
            if (cursor !== null) seen.add(cursor);
          } while (cursor !== null);
          const next = mark.value() ?? since;
          if (next !== undefined) state.push({ kind, updated_since: next });
        }
      } finally {
        clearTimeout(timer);
      }
    },
    stateToSave: () => state.map((s) => ({ ...s })),
  };
}

/**
 * The next run's `updated_since` for one kind: the newest `updated_at` seen, but never later
 * than the moment reading began (the server's Date header of the first page, else our clock).
 * A record changed while we were paging may have moved behind our cursor with an updated_at
 * older than newer records on later pages; capping at the start time lets the next run fetch
 * it again. Timestamps compare as instants (offsets differ between platforms) and are stored
 * normalised to Asia/Shanghai, truncated to the second, which only errs towards re-fetching.
 */
class Watermark {
  private maxMs: number | null = null;
  private startMs: number | null = null;

  readStartedAt(ms: number): void {
    this.startMs = Math.floor(ms / 1000) * 1000;
  }

  see(raw: unknown): void {
    if (typeof raw !== 'object' || raw === null) return;
    const t = parseTimestamp((raw as { updated_at?: unknown }).updated_at);
    if (!t.ok) return;
    const ms = Date.parse(t.value);
    if (this.maxMs === null || ms > this.maxMs) this.maxMs = ms;
  }

  value(): string | undefined {
    if (this.maxMs === null) return undefined;
    return toShanghaiIso(this.startMs === null ? this.maxMs : Math.min(this.maxMs, this.startMs));
  }
}
