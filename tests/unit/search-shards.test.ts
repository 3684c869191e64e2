import { describe, expect, it } from 'vitest';
import { isIndexFolder, mergedIndexes, orderShards } from '../../src/site/format/search-shards.ts';
import { searchDocument } from '../../src/site/integrations/search-document.ts';

describe('search index shards', () => {
  const counts = (o: Record<string, number>) => new Map(Object.entries(o));

  it('groups consecutive months up to the page cap, named by the first month', () => {
    const shards = orderShards(counts({ '2019-02': 900, '2018-12': 1200, '2019-01': 1000, '2019-03': 2000, '2019-04': 3000, '2019-05': 10 }), 2500);
    expect(Object.fromEntries(shards)).toEqual({
      '2018-12': '/pagefind-2018-12/', '2019-01': '/pagefind-2018-12/', // 2,200
      '2019-02': '/pagefind-2019-02/', // 900 + 2,000 would pass 2,500
      '2019-03': '/pagefind-2019-03/',
      '2019-04': '/pagefind-2019-04/', // a month over the cap is a shard of its own
      '2019-05': '/pagefind-2019-05/',
    });
  });

  it('keeps the newest month, where new orders fall, a shard of its own', () => {
    const shards = orderShards(counts({ '2019-01': 300, '2019-02': 300, '2019-03': 300 }), 2500);
    expect(Object.fromEntries(shards)).toEqual({ '2019-01': '/pagefind-2019-01/', '2019-02': '/pagefind-2019-01/', '2019-03': '/pagefind-2019-03/' });
    expect(Object.fromEntries(orderShards(counts({ '2019-05': 7 }), 2500))).toEqual({ '2019-05': '/pagefind-2019-05/' });
  });

  it('changes only the newest shard when the newest month grows, and is the same for the same counts', () => {
    const before = counts({ '2019-01': 1000, '2019-02': 1000, '2019-03': 1000, '2019-04': 400 });
    const grown = counts({ '2019-01': 1000, '2019-02': 1000, '2019-03': 1000, '2019-04': 900 });
    const a = orderShards(before, 2500);
    expect(orderShards(before, 2500)).toEqual(a);
    const b = orderShards(grown, 2500);
    for (const m of ['2019-01', '2019-02', '2019-03']) expect(b.get(m)).toBe(a.get(m));
    expect(b.get('2019-04')).toBe('/pagefind-2019-04/');
    expect([...b.values()].filter((i) => i === b.get('2019-04'))).toHaveLength(1);
  });

  it('at the turn of a month moves at most the last closed group, and none when the closed month stands alone', () => {
    // 2019-04 closes and fits with 2019-03 under the cap: that one group is re-indexed.
    const turned = orderShards(counts({ '2019-01': 1000, '2019-02': 1000, '2019-03': 1000, '2019-04': 900, '2019-05': 5 }), 2500);
    const grown = orderShards(counts({ '2019-01': 1000, '2019-02': 1000, '2019-03': 1000, '2019-04': 900 }), 2500);
    for (const m of ['2019-01', '2019-02']) expect(turned.get(m)).toBe(grown.get(m));
    expect(turned.get('2019-04')).toBe('/pagefind-2019-03/');
    expect(turned.get('2019-05')).toBe('/pagefind-2019-05/');
    // Months of ≈1,800 pages: the closed month keeps the very shard it had while it was the newest.
    const big = { '2019-04': 1875, '2019-05': 1648 };
    const open = orderShards(counts(big), 2500);
    const closed = orderShards(counts({ ...big, '2019-06': 212 }), 2500);
    expect(closed.get('2019-05')).toBe(open.get('2019-05'));
    expect(closed.get('2019-04')).toBe(open.get('2019-04'));
    expect(closed.get('2019-06')).toBe('/pagefind-2019-06/');
  });

  it('refuses a value that is not a month', () => {
    for (const bad of ['2019', '2019-13', '2019-00', 'x2019-01', '2019-1']) expect(() => orderShards(counts({ [bad]: 1 })), bad).toThrow(/not a month/);
  });

  it('knows its folders and nothing else', () => {
    for (const name of ['pagefind', 'pagefind-parties', 'pagefind-2019-01', 'pagefind-2020-12']) expect(isIndexFolder(name), name).toBe(true);
    for (const name of ['pagefind-2019', 'pagefind-2019-q1', 'pagefind-x', 'orders', '_astro']) expect(isIndexFolder(name), name).toBe(false);
    for (const index of orderShards(counts({ '2021-07': 3 })).values()) expect(isIndexFolder(index.replace(/\//g, ''))).toBe(true);
  });

  it('merges the parties, then the order shards newest first, each once', () => {
    expect(mergedIndexes(['/pagefind-2018-11/', '/pagefind-2019-04/', '/pagefind-2018-11/', '/pagefind-2019-01/'])).toEqual([
      '/pagefind-parties/', '/pagefind-2019-04/', '/pagefind-2019-01/', '/pagefind-2018-11/',
    ]);
  });
});

describe('the search document of a page (what Pagefind reads, the shard key)', () => {
  const page = (inside: string, outside: string, lang = 'zh-CN') =>
    `<!DOCTYPE html><html lang="${lang}"><head><title>T</title></head><body><nav>${outside}</nav>` +
    `<article data-pagefind-body><h1 data-pagefind-meta="title">名</h1>${inside}</article><section>${outside}</section><footer>${outside}</footer></body></html>`;

  it('ignores what lies outside the indexed element', () => {
    expect(searchDocument(page('内容', '2019年1月1日更新'))).toBe(searchDocument(page('内容', '2026年12月4日更新 <table><tr><td>¥1</td></tr></table>')));
    // data-pagefind-ignore has no effect outside the body, so it does not force the whole page.
    expect(searchDocument(page('内容', '<div data-pagefind-ignore>a</div>'))).toBe(searchDocument(page('内容', '<div data-pagefind-ignore>b</div>')));
  });

  it('changes with the indexed text, its attributes and the language', () => {
    const base = searchDocument(page('内容', 'x'));
    expect(searchDocument(page('内容。', 'x'))).not.toBe(base);
    expect(searchDocument(page('<span data-pagefind-sort="date:2019-01-02"></span>', 'x'))).not.toBe(searchDocument(page('<span data-pagefind-sort="date:2019-01-03"></span>', 'x')));
    expect(searchDocument(page('内容', 'x', 'en'))).not.toBe(base);
  });

  it('follows nested elements of the same name to the real end of the body', () => {
    const nested = (tail: string) => `<html lang="zh-CN"><body><div data-pagefind-body><div>a</div>${tail}</div><p>out</p></body></html>`;
    expect(searchDocument(nested('b'))).not.toBe(searchDocument(nested('c')));
    expect(searchDocument(nested('b'))).toContain('<div>a</div>b</div>');
  });

  it('cuts the ignored blocks out, but not the attributes and images Pagefind reads in them', () => {
    const doc = searchDocument(page(
      '<p>留<span data-pagefind-ignore>价 <b>¥1</b><span>嵌</span></span>下</p>' +
      '<div data-pagefind-ignore><span data-pagefind-filter="year:2019"></span></div>' +
      '<div data-pagefind-ignore><img src="a.png"></div>' +
      '<p>字面 data-pagefind-ignore 不是属性</p><br data-pagefind-ignore>',
      'x',
    ));
    expect(doc).toContain('<p>留下</p>');
    expect(doc).not.toContain('¥1');
    expect(doc).toContain('data-pagefind-filter="year:2019"');
    expect(doc).toContain('<img src="a.png">');
    expect(doc).toContain('<p>字面 data-pagefind-ignore 不是属性</p>');
    expect(doc).toMatch(/^<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>T<\/title><\/head><body><article data-pagefind-body>/);
    expect(doc).not.toContain('<nav>');
  });

  it('keys the whole page when the indexed part cannot be told apart', () => {
    const metaOutside = page('内容', '<span data-pagefind-meta="x:1"></span>');
    expect(searchDocument(metaOutside)).toBe(metaOutside);
    const twoBodies = `<html><body><main data-pagefind-body>a</main><aside data-pagefind-body>b</aside></body></html>`;
    expect(searchDocument(twoBodies)).toBe(twoBodies);
    const unclosed = `<html><body><article data-pagefind-body>a</body></html>`;
    expect(searchDocument(unclosed)).toBe(unclosed);
    const none = '<html><body>a</body></html>';
    expect(searchDocument(none)).toBe(none);
  });
});
