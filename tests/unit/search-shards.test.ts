import { describe, expect, it } from 'vitest';
import { isIndexFolder, mergedIndexes, orderIndex } from '../../src/site/format/search-shards.ts';
import { indexedPart } from '../../src/site/integrations/indexed-part.ts';

describe('search index shards', () => {
  it('puts a purchase in the index of its quarter', () => {
    expect(orderIndex('2019-01-01T00:00:00+08:00')).toBe('/pagefind-2019-q1/');
    expect(orderIndex('2019-03-31T23:59:59+08:00')).toBe('/pagefind-2019-q1/');
    expect(orderIndex('2019-04-01')).toBe('/pagefind-2019-q2/');
    expect(orderIndex('2018-12')).toBe('/pagefind-2018-q4/');
    for (const bad of ['', '2019', '2019-13-01', '2019-00-01', 'x2019-01']) expect(() => orderIndex(bad), bad).toThrow(/not a purchase time/);
  });

  it('knows its folders and nothing else', () => {
    for (const name of ['pagefind', 'pagefind-parties', 'pagefind-2019-q1', 'pagefind-2020-q4']) expect(isIndexFolder(name), name).toBe(true);
    for (const name of ['pagefind-2019', 'pagefind-2019-q5', 'pagefind-x', 'orders', '_astro']) expect(isIndexFolder(name), name).toBe(false);
    expect(isIndexFolder(orderIndex('2021-07-01').replace(/\//g, ''))).toBe(true);
  });

  it('merges the parties, then the quarters newest first, each once', () => {
    expect(mergedIndexes(['/pagefind-2018-q4/', '/pagefind-2019-q2/', '/pagefind-2018-q4/', '/pagefind-2019-q1/'])).toEqual([
      '/pagefind-parties/', '/pagefind-2019-q2/', '/pagefind-2019-q1/', '/pagefind-2018-q4/',
    ]);
  });
});

describe('what Pagefind reads of a page (the shard key)', () => {
  const page = (inside: string, outside: string, lang = 'zh-CN') =>
    `<!DOCTYPE html><html lang="${lang}"><head><title>T</title></head><body><nav>${outside}</nav>` +
    `<article data-pagefind-body><h1 data-pagefind-meta="title">名</h1>${inside}</article><section>${outside}</section><footer>${outside}</footer></body></html>`;

  it('ignores what lies outside the indexed element', () => {
    expect(indexedPart(page('内容', '2019年1月1日更新'))).toBe(indexedPart(page('内容', '2026年12月4日更新 <table><tr><td>¥1</td></tr></table>')));
    // data-pagefind-ignore has no effect outside the body, so it does not force the whole page.
    expect(indexedPart(page('内容', '<div data-pagefind-ignore>a</div>'))).toBe(indexedPart(page('内容', '<div data-pagefind-ignore>b</div>')));
  });

  it('changes with the indexed text, its attributes and the language', () => {
    const base = indexedPart(page('内容', 'x'));
    expect(indexedPart(page('内容。', 'x'))).not.toBe(base);
    expect(indexedPart(page('<span data-pagefind-sort="date:2019-01-02"></span>', 'x'))).not.toBe(indexedPart(page('<span data-pagefind-sort="date:2019-01-03"></span>', 'x')));
    expect(indexedPart(page('内容', 'x', 'en'))).not.toBe(base);
  });

  it('follows nested elements of the same name to the real end of the body', () => {
    const nested = (tail: string) => `<html lang="zh-CN"><body><div data-pagefind-body><div>a</div>${tail}</div><p>out</p></body></html>`;
    expect(indexedPart(nested('b'))).not.toBe(indexedPart(nested('c')));
    expect(indexedPart(nested('b'))).toContain('<div>a</div>b</div>');
  });

  it('keys the whole page when the indexed part cannot be told apart', () => {
    const metaOutside = page('内容', '<span data-pagefind-meta="x:1"></span>');
    expect(indexedPart(metaOutside)).toBe(metaOutside);
    const twoBodies = `<html><body><main data-pagefind-body>a</main><aside data-pagefind-body>b</aside></body></html>`;
    expect(indexedPart(twoBodies)).toBe(twoBodies);
    const unclosed = `<html><body><article data-pagefind-body>a</body></html>`;
    expect(indexedPart(unclosed)).toBe(unclosed);
    const none = '<html><body>a</body></html>';
    expect(indexedPart(none)).toBe(none);
  });
});
