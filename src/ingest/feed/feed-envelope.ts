/** One page of platform feed v1, from a file or an HTTP response. */
export interface FeedEnvelope {
  items: unknown[];
  next_cursor: string | null;
}

/**
 * Accepts `{ items: [...], next_cursor }`; throws with the reason otherwise: over HTTP a
 * retryable failure (a truncated or garbled page), in a directory a broken file.
 */
export function parseEnvelope(json: unknown): FeedEnvelope {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('body is not a feed envelope (expected a JSON object)');
  const { items, next_cursor } = json as { items?: unknown; next_cursor?: unknown };
  if (!Array.isArray(items)) throw new Error('body is not a feed envelope (no "items" array)');
  if (next_cursor === null || next_cursor === undefined) return { items, next_cursor: null };
  if ((typeof next_cursor === 'string' && next_cursor !== '') || (typeof next_cursor === 'number' && Number.isFinite(next_cursor))) {
    return { items, next_cursor: String(next_cursor) };
  }
  throw new Error(`body is not a feed envelope (next_cursor is ${JSON.stringify(next_cursor)}, expected a non-empty string or null)`);
}
