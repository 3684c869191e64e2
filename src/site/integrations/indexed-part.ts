/**
 * What Pagefind reads of a page, as text to hash (search-shards.ts keys a shard by it). With
 * `data-pagefind-body` on one element, Pagefind indexes that element only — its text, and the
 * data-pagefind-meta/filter/sort attributes in it — plus the page's language from `<html lang>`;
 * the rest of the page (navigation, footer, the site's date, a product's purchase tables outside
 * the indexed article) cannot change the index. That holds only when the page has exactly one
 * such element and no data-pagefind attribute outside it but data-pagefind-ignore (which only
 * matters inside): otherwise the whole page is the key,
 * which is never wrong, only slower.
 */
export function indexedPart(html: string): string {
  const first = html.indexOf('data-pagefind-body');
  if (first < 0 || html.indexOf('data-pagefind-body', first + 1) >= 0) return html;
  const start = html.lastIndexOf('<', first);
  const tag = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(start))?.[1];
  if (!tag) return html;
  const end = closingEnd(html, start, tag.toLowerCase());
  if (end < 0) return html;
  const outside = html.slice(0, start) + html.slice(end);
  if (/data-pagefind-(?!ignore\b)/.test(outside)) return html;
  const htmlTag = /<html\b[^>]*>/i.exec(html)?.[0] ?? '';
  const title = /<title>[^<]*<\/title>/i.exec(html)?.[0] ?? '';
  return `${htmlTag}\u0000${title}\u0000${html.slice(start, end)}`;
}

/** End offset of the element opened at `start`, counting nested elements of the same name (-1: unclosed). */
function closingEnd(html: string, start: number, tag: string): number {
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return -1;
}
