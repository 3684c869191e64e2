/**
 * Stable permalinks. Ids come from sources (order numbers, skus, agency ids) and may hold
 * anything, so each id becomes one safe path segment: letters, digits, '_', '-' and inner
 * '.' stay readable (also Chinese); every other character becomes `~` + its UTF-8 bytes in
 * hex, which is reversible and never produces '/', '%', '..' or a hidden '.file'.
 * The same function names the file at build time and writes the link, so they always agree.
 * The server and the search page should link with these helpers too.
 */

const SAFE = /[\p{L}\p{N}_\-.]/u;

export function idSegment(id: string): string {
  let out = '';
  let i = 0;
  for (const ch of id) {
    const keep = SAFE.test(ch) && !(ch === '.' && i === 0);
    out += keep ? ch : [...new TextEncoder().encode(ch)].map((b) => `~${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    i++;
  }
  return out === '' ? '~' : out;
}

/** The inverse of idSegment (used by tests and by anyone mapping a URL back to an id). */
export function segmentId(segment: string): string {
  if (segment === '~') return '';
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < segment.length; ) {
    if (segment[i] === '~') {
      bytes.push(parseInt(segment.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const cp = segment.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...enc.encode(ch));
      i += ch.length;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** href of a segment: non-ASCII letters percent-encoded so the link is valid everywhere. */
const href = (base: string, id: string) => `${base}${encodeURIComponent(idSegment(id))}/`;

export const orderPath = (orderNo: string) => href('/orders/', orderNo);
export const productPath = (sku: string) => href('/products/', sku);
export const agencyPath = (id: string) => href('/agencies/', id);
export const supplierPath = (id: string) => href('/suppliers/', id);
export const categoryPath = (code: string) => href('/categories/', code);
export const flagRulePath = (rule: string) => href('/flags/', rule);
export const methodologyRuleHref = (rule: string) => `/methodology/#${encodeURIComponent(idSegment(rule))}`;

/** `/orders/`, `/orders/page/2/`, `/orders/by-amount/page/3/`. */
export function listPagePath(base: string, page: number): string {
  return page <= 1 ? base : `${base}page/${page}/`;
}
