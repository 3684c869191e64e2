import { createHash } from 'node:crypto';
import type { PageKind } from '../../db/queries/page-inputs.ts';

/**
 * Stable permalinks (DESIGN §3, Identifiers and text). Ids come from sources (order numbers,
 * skus, agency ids) and may hold anything, so each id becomes one safe path segment: the id
 * itself when it is 1–80 characters of `A–Z a–z 0–9 - _ .` not starting with a dot (nearly
 * every real id); otherwise a readable part of it (letters and digits of any script, up to 40
 * of them) plus `-` and the first 10 hex digits of the SHA-256 of the whole id. So a segment is
 * at most ~135 bytes, never holds `/ \ % ? #`, a dot first or a control character, and is not
 * a name Windows reserves. The same function names the file at build time and writes the
 * link, so they always agree; distinctSegments() checks a whole kind for collisions.
 */

const PLAIN = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,79}$/;
// Windows device names, and the words the list pages use as folders (an order numbered
// `by-amount` must not overwrite /orders/by-amount/, nor one numbered `month` the month lists).
const RESERVED = /^(?:(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)|(?:page|by-amount|by-gap|by-date|month|index)$)/i;
const READABLE = /[\p{L}\p{N}_-]/u;

export function idSegment(id: string): string {
  if (PLAIN.test(id) && !RESERVED.test(id)) return id;
  let readable = '';
  let n = 0;
  for (const ch of id.normalize('NFC')) {
    if (n >= 40) break;
    const keep = READABLE.test(ch);
    if (keep || !readable.endsWith('-')) {
      readable += keep ? ch : '-';
      n++;
    }
  }
  readable = readable.replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 10);
  return `${readable || 'id'}-${hash}`;
}

/**
 * The segment of every id of one kind, checked: two ids that would share a page fail the
 * build with both named, instead of one page silently replacing the other.
 */
export function distinctSegments(kind: string, ids: Iterable<string>): Map<string, string> {
  const byId = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const id of ids) {
    const seg = idSegment(id);
    const other = owner.get(seg);
    if (other !== undefined && other !== id) throw new Error(`${kind}: ids ${JSON.stringify(other)} and ${JSON.stringify(id)} would share the page path "${seg}"`);
    owner.set(seg, id);
    byId.set(id, seg);
  }
  return byId;
}

/** The folder of each kind's pages in the client folder. */
export const PAGE_DIRS: Record<PageKind, string> = { order: 'orders', product: 'products', agency: 'agencies', supplier: 'suppliers' };

/** A page's folder in the client folder (the page, and its feed and price CSV where it has them). */
export const pageFolder = (kind: PageKind, id: string): string => `${PAGE_DIRS[kind]}/${idSegment(id)}`;

/** href of a segment: non-ASCII letters percent-encoded so the link is valid everywhere. */
const href = (base: string, id: string) => `${base}${encodeURIComponent(idSegment(id))}/`;

export const orderPath = (orderNo: string) => href('/orders/', orderNo);
export const productPath = (sku: string) => href('/products/', sku);
export const agencyPath = (id: string) => href('/agencies/', id);
export const supplierPath = (id: string) => href('/suppliers/', id);
export const categoryPath = (code: string) => href('/categories/', code);
export const flagRulePath = (rule: string) => href('/flags/', rule);
export const methodologyRuleHref = (rule: string) => `/methodology/#${encodeURIComponent(idSegment(rule))}`;

/** `/orders/month/2019-03/`, `/orders/month/2019-03/page/2/`, `/flags/price-hike/page/3/`. */
export function listPagePath(base: string, page: number): string {
  return page <= 1 ? base : `${base}page/${page}/`;
}

/** The folder of one month's purchase lists (YYYY-MM): `/orders/month/2019-03/`. */
export const monthListPath = (month: string) => `/orders/month/${month}/`;
