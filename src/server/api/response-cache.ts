/**
 * Answers of the list endpoints kept per published data version: the data changes only when a
 * nightly run publishes, so the same URL gets the same bytes until then, and a hot list (the
 * newest orders, an agency's purchases) costs one lookup instead of a filter, a sort and a
 * serialisation. Bounded by entries and bytes (least recently used goes first); a new data
 * version empties it.
 */
export interface CachedAnswer {
  status: number;
  headers: [string, string][];
  /** Bytes, not text: a decoded CSV would lose its BOM. */
  body: Uint8Array<ArrayBuffer>;
}

const MAX_ENTRIES = 512;
const MAX_BYTES = 32 * 1024 * 1024;

let version = '';
let bytes = 0;
const entries = new Map<string, CachedAnswer>();

/** The cache key of a request URL: path and normalised query (`a=%31` and `a=1` are one key). */
export function cacheKey(url: URL): string {
  return `${url.pathname}?${url.searchParams}`;
}

export function cachedAnswer(dataVersion: string, key: string): CachedAnswer | undefined {
  if (dataVersion !== version) return undefined;
  const hit = entries.get(key);
  if (hit) {
    // Map order is insertion order: re-inserting marks it most recently used.
    entries.delete(key);
    entries.set(key, hit);
  }
  return hit;
}

export async function keepAnswer(dataVersion: string, key: string, response: Response): Promise<Response> {
  if (response.status !== 200) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  const answer: CachedAnswer = { status: response.status, headers: [...response.headers], body };
  if (dataVersion !== version) {
    entries.clear();
    bytes = 0;
    version = dataVersion;
  }
  const size = body.byteLength;
  if (size <= MAX_BYTES / 8) {
    entries.set(key, answer);
    bytes += size;
    for (const [k, v] of entries) {
      if (entries.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
      entries.delete(k);
      bytes -= v.body.byteLength;
    }
  }
  return answerResponse(answer);
}

export function answerResponse(a: CachedAnswer): Response {
  // A 304 (fast-answer.ts) has no body, and a Response refuses one for it.
  return new Response(a.status === 304 ? null : a.body, { status: a.status, headers: a.headers });
}
