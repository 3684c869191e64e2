import { apiDb } from './db.ts';
import { cacheKey, cachedAnswer, type CachedAnswer } from './response-cache.ts';
import { etagFor, matchesEtag, notModifiedHeaders } from './respond.ts';

/**
 * What the server's front (src/server/front.mjs) may answer without Astro's handler:
 *   - `cached`: an answer an endpoint has already given for this data version and URL, or a 304
 *     for that URL when the client holds this version (cachedReply, which the endpoints use too);
 *   - `routed`: a GET to a path Astro has already routed to an endpoint, called the way Astro
 *     called it (the same endpoint, the same path id), with a plain `Request`.
 * Anything else returns undefined and goes through Astro.
 *
 * Why: Astro's node adapter makes a `Request` with an abort signal for every request, and Node
 * keeps such a request reachable through a WeakRef, which V8 clears only in a full collection.
 * At 500 requests/s those requests filled the old generation by 5 MB/s, and its collections
 * every 7 s (14-31 ms pauses) were the API's p99. The cached answers skip the endpoint's
 * `Request` and `Response` too: twice the requests a second at saturation.
 *
 * Neither can answer a path Astro would route otherwise: the cache holds only answers the
 * endpoints gave (response-cache.ts), and a path is routed here only after Astro routed it.
 */
export interface ApiFront {
  cached: (target: string, ifNoneMatch: string | undefined) => CachedAnswer | undefined;
  routed: (target: string, ifNoneMatch: string | undefined) => Promise<Response> | undefined;
}

/**
 * The cached answer to a URL for the published data version, or its 304 when the client holds
 * that version; undefined when there is none (or no database yet). The cache holds answers to
 * valid input only, so a 304 is given only where the endpoint answers 200 (RFC 9110 §13.2.1): a
 * bad parameter or an unknown id keeps its 400 or 404 whatever If-None-Match says.
 */
export function cachedReply(url: URL, ifNoneMatch: string | null | undefined): CachedAnswer | undefined {
  let version: string;
  try {
    version = apiDb().version;
  } catch {
    return undefined;
  }
  const hit = cachedAnswer(version, cacheKey(url));
  if (hit === undefined) return undefined;
  const etag = etagFor(version);
  if (ifNoneMatch && matchesEtag(ifNoneMatch, etag)) {
    return { status: 304, headers: Object.entries(notModifiedHeaders(etag)), body: new Uint8Array(0) };
  }
  return hit;
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
  cached: (target, ifNoneMatch) => cachedReply(new URL(target, BASE), ifNoneMatch),
  routed(target, ifNoneMatch) {
    const url = new URL(target, BASE);
    const call = routes.get(url.pathname);
    if (call === undefined) return undefined;
    // The endpoints read the URL and If-None-Match only (handlers.ts).
    return call(new Request(url, { headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch } }));
  },
};

/** Called once when the API's handlers load. */
export function offerApiFront(): void {
  (globalThis as Record<symbol, unknown>)[API_FRONT_KEY] = apiFront;
}
