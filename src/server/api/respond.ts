import { ApiError } from './errors.ts';

/**
 * Response plumbing shared by every endpoint: JSON and CSV bodies, errors as JSON, and HTTP
 * caching keyed on the published data version. The data only changes when a nightly run
 * publishes, so an ETag of that version lets clients and proxies revalidate for free.
 */

// Short enough that a fresh publish shows within minutes; revalidation is a cheap 304.
export const CACHE_CONTROL = 'public, max-age=300, must-revalidate';
// Bump when the shape of responses changes, so caches do not mix old and new shapes.
const API_SHAPE = 'v1';

export function etagFor(dataVersion: string): string {
  return `"${API_SHAPE}-${dataVersion}"`;
}

/** True when the client already holds this version (If-None-Match, including lists and W/). */
export function notModified(request: Request, etag: string): boolean {
  const header = request.headers.get('if-none-match');
  return header !== null && matchesEtag(header, etag);
}

/** Whether an If-None-Match value names `etag` (or is `*`). An empty value names nothing. */
export function matchesEtag(header: string, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

const baseHeaders = (etag: string) => ({
  etag,
  'cache-control': CACHE_CONTROL,
  'x-content-type-options': 'nosniff',
  // The API is public data; any site may read it.
  'access-control-allow-origin': '*',
});

export function jsonResponse(body: unknown, etag: string): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { ...baseHeaders(etag), 'content-type': 'application/json; charset=utf-8' },
  });
}

export function csvResponse(body: string, filename: string, etag: string, total: number): Response {
  return new Response(body, {
    status: 200,
    headers: {
      ...baseHeaders(etag),
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'x-total-count': String(total),
    },
  });
}

export function notModifiedHeaders(etag: string): Record<string, string> {
  return baseHeaders(etag);
}

export function notModifiedResponse(etag: string): Response {
  return new Response(null, { status: 304, headers: notModifiedHeaders(etag) });
}

export function errorResponse(e: unknown): Response {
  const err =
    e instanceof ApiError
      ? e
      : new ApiError(500, 'internal error; the request was not completed');
  if (!(e instanceof ApiError)) console.error('[api]', e);
  return new Response(JSON.stringify(err.toJSON()), {
    status: err.status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
    },
  });
}
