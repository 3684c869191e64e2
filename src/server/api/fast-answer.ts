import { apiDb } from './db.ts';
import { cachedAnswer, type CachedAnswer } from './response-cache.ts';
import { etagFor, notModifiedHeaders, matchesEtag } from './respond.ts';

/**
 * The answers the server's front (src/server/front.mjs) may give without the Astro handler: an
 * answer an endpoint has already given for this data version and URL, or a 304 for that URL when
 * the client holds this version. Everything else returns undefined and goes through Astro.
 *
 * Why: Astro's node adapter makes a `Request` with an abort signal for every request, and Node
 * keeps such a request reachable through a WeakRef, which V8 clears only in a full collection.
 * At 500 requests/s those requests filled the old generation by 5 MB/s, and its collections
 * every 7 s (14-31 ms pauses) were the API's p99. A cached answer needs none of that.
 *
 * Only keys the endpoints themselves cached can hit (the cache holds valid inputs' answers
 * only, response-cache.ts), so the front never answers a path Astro would route differently.
 */
export type FastAnswer = (target: string, ifNoneMatch: string | undefined) => CachedAnswer | undefined;

/** The name under which the server bundle hands `fastAnswer` to the front (a global: the bundle's chunk names are hashed, the front cannot import them). */
export const FAST_ANSWER_KEY = Symbol.for('sunshine.api.fastAnswer');

export const fastAnswer: FastAnswer = (target, ifNoneMatch) => {
  let version: string;
  try {
    version = apiDb().version;
  } catch {
    return undefined; // no database yet: Astro's route gives the 503
  }
  const hit = cachedAnswer(version, cacheKey(new URL(target, 'http://front.invalid')));
  // A 304 only where the endpoint has answered 200: an unknown path or a bad parameter must
  // still get its 404 or 400 from the endpoint, whatever the client's If-None-Match says.
  if (hit === undefined) return undefined;
  const etag = etagFor(version);
  if (ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, etag)) {
    return { status: 304, headers: Object.entries(notModifiedHeaders(etag)), body: new Uint8Array(0) };
  }
  return hit;
};

/** The cache key of a request URL: path and normalised query (`a=%31` and `a=1` are one key). */
export function cacheKey(url: URL): string {
  return `${url.pathname}?${url.searchParams}`;
}

/** Called once when the API's handlers load. */
export function offerFastAnswers(): void {
  (globalThis as Record<symbol, unknown>)[FAST_ANSWER_KEY] = fastAnswer;
}
