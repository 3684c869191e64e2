import { apiDb } from './db.ts';
import { cachedAnswer, type CachedAnswer } from './response-cache.ts';
import { etagFor, notModifiedHeaders, matchesEtag } from './respond.ts';

/**
 * What the server's front (src/server/front.mjs) may answer without Astro's handler:
 *   - `cached`: an answer an endpoint has already given for this data version and URL, or a 304
 *     for that URL when the client holds this version;
 *   - `routed`: a GET to a path Astro has already routed to an endpoint, called the way Astro
 *     called it (the same endpoint, the same path id), with a plain `Request`.
 * Anything else returns undefined and goes through Astro.
 *
 * Why: Astro's node adapter makes a `Request` with an abort signal for every request, and Node
 * keeps such a request reachable through a WeakRef, which V8 clears only in a full collection.
 * At 500 requests/s those requests filled the old generation by 5 MB/s, and its collections
 * every 7 s (14-31 ms pauses) were the API's p99.
 *
 * Neither can answer a path Astro would route otherwise: the cache holds only answers the
 * endpoints gave (response-cache.ts), and a path is routed here only after Astro routed it.
 */
export interface ApiFront {
  cached: (target: string, ifNoneMatch: string | undefined) => CachedAnswer | undefined;
  routed: (target: string, ifNoneMatch: string | undefined) => Promise<Response> | undefined;
}

/** The name under which the server bundle hands its ApiFront to the front (a global: the bundle's chunk names are hashed, the front cannot import them). */
export const API_FRONT_KEY = Symbol.for('sunshine.api.front');

// Paths are few (the lists) or one per order and product asked for; any path may be asked for,
// so both their number and their length are bounded (longer paths always go through Astro).
const MAX_ROUTES = 4096;
const MAX_PATH = 512;
const routes = new Map<string, (request: Request) => Promise<Response>>();

/** Called by an endpoint with each request Astro hands it: how to answer that path again. */
export function rememberRoute(pathname: string, call: (request: Request) => Promise<Response>): void {
  if (pathname.length > MAX_PATH) return;
  // Least recently used first out: a flood of one-off paths cannot push out the lists for good.
  if (!routes.delete(pathname) && routes.size >= MAX_ROUTES) routes.delete(routes.keys().next().value!);
  routes.set(pathname, call);
}

const BASE = 'http://localhost';

export const apiFront: ApiFront = {
  cached(target, ifNoneMatch) {
    let version: string;
    try {
      version = apiDb().version;
    } catch {
      return undefined; // no database yet: Astro's route gives the 503
    }
    const hit = cachedAnswer(version, cacheKey(new URL(target, BASE)));
    // A 304 only where the endpoint has answered 200: an unknown path or a bad parameter must
    // still get its 404 or 400 from the endpoint, whatever the client's If-None-Match says.
    if (hit === undefined) return undefined;
    const etag = etagFor(version);
    if (ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, etag)) {
      return { status: 304, headers: Object.entries(notModifiedHeaders(etag)), body: new Uint8Array(0) };
    }
    return hit;
  },
  routed(target, ifNoneMatch) {
    const url = new URL(target, BASE);
    const call = routes.get(url.pathname);
    if (call === undefined) return undefined;
    // The endpoints read the URL and If-None-Match only (handlers.ts).
    return call(new Request(url, { headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch } }));
  },
};

/** The cache key of a request URL: path and normalised query (`a=%31` and `a=1` are one key). */
export function cacheKey(url: URL): string {
  return `${url.pathname}?${url.searchParams}`;
}

/** Called once when the API's handlers load. */
export function offerApiFront(): void {
  (globalThis as Record<symbol, unknown>)[API_FRONT_KEY] = apiFront;
}
