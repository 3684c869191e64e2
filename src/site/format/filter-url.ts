/**
 * Query strings of filtered lists. A GET form sends every field, the empty ones too; the API
 * refuses empty parameters (a typo must not pass as "no filter"), so the list page drops them
 * and redirects to the clean URL, which is then the permalink of the filtered view.
 */
import { ApiError } from '../../server/api/errors.ts';

export const FILTERED_ORDERS_PATH = '/filter/orders/';
export const FILTERED_FLAGS_PATH = '/filter/flags/';

/** The non-empty parameters, in the order given, and whether anything was dropped. */
export function nonEmptyParams(search: URLSearchParams): { params: URLSearchParams; dropped: boolean } {
  const params = new URLSearchParams();
  let dropped = false;
  for (const [k, v] of search) {
    if (v === '') dropped = true;
    else params.append(k, v);
  }
  return { params, dropped };
}

/** path?params with `changes` applied (undefined removes a parameter); no "?" when empty. */
export function hrefWith(path: string, params: URLSearchParams, changes: Record<string, string | number | undefined> = {}): string {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) next.delete(k);
    else next.set(k, String(v));
  }
  const qs = next.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The filtered-orders list preset to one subject, e.g. { agency: 'A001' }. */
export function filteredOrdersHref(preset: Record<string, string>): string {
  return hrefWith(FILTERED_ORDERS_PATH, new URLSearchParams(preset));
}

/**
 * The request of a filtered list page, read the same way for every list: a URL with empty fields
 * becomes a redirect to its clean form; otherwise the API's query (HTML pages never take
 * `format`; `per_page` defaults to the list's page size) runs through `run`, and an ApiError
 * (a bad parameter, no database yet) comes back as the page's error with its status.
 */
export type ListRequest<R> =
  | { redirect: string }
  | { params: URLSearchParams; result: R; error?: undefined }
  | { params: URLSearchParams; result?: undefined; error: ApiError };

export async function readListRequest<R>(url: URL, path: string, perPage: number, run: (query: URL) => Promise<R>): Promise<ListRequest<R>> {
  const { params, dropped } = nonEmptyParams(url.searchParams);
  if (dropped) return { redirect: hrefWith(path, params) };
  params.delete('format');
  if (!params.has('per_page')) params.set('per_page', String(perPage));
  try {
    return { params, result: await run(new URL(`http://x/?${params}`)) };
  } catch (e) {
    if (e instanceof ApiError) return { params, error: e };
    throw e;
  }
}
