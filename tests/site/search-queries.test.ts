/**
 * Real Chinese (and English) queries against the BUILT Pagefind index, run the way readers run
 * them: pagefind.js in Chromium, which segments the query with Intl.Segmenter while the indexer
 * used its own dictionary (Pagefind issue #1237 — the two can disagree). Each query names the
 * pages it must find. A page counts only once it is built: the list names the agency, supplier
 * and product pages too, and those assertions switch on as soon as the pages exist — but every
 * query must name at least one built page, so none passes on an empty expectation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { agencyPath, orderPath, productPath, supplierPath } from '../../src/site/format/paths.ts';
import { isIndexFolder } from '../../src/site/format/search-shards.ts';
import { browserAvailability } from '../browser/harness.ts';
import { LOAD_MERGED_INDEX, servedSite } from '../browser/served-site.ts';

interface Query {
  q: string;
  /** Pages that must be in the results (those that exist in the build). */
  expect: string[];
}

const QUERIES: Query[] = [
  // Product words
  { q: '打印机', expect: [orderPath('ES2018071000002'), orderPath('ES2018101500014'), orderPath('ES2019012500016'), productPath('SKU-HP-M202DW')] },
  { q: '复印纸', expect: [orderPath('ES2018080100004'), orderPath('ES2019011000009'), productPath('SKU-PAPER-A4-70')] },
  { q: '文件柜', expect: [orderPath('ES2018072000003'), orderPath('ES2018101000013'), productPath('SKU-CAB-01')] },
  { q: '传真机', expect: [orderPath('ES2018071400005'), orderPath('ES2019012000015'), productPath('SKU-CANON-FAX')] },
  { q: '照相机', expect: [orderPath('ES2018081500011'), productPath('SKU-CANON-80D')] },
  { q: '摄像机', expect: [orderPath('ES2018082000012'), productPath('SKU-SONY-AX60')] },
  { q: '喷墨打印机', expect: [orderPath('ES2018101500014')] },
  { q: '激光打印机', expect: [orderPath('ES2018071000002'), orderPath('ES2018101000013')] },
  // Brands, in Chinese and in Latin letters
  { q: '惠普', expect: [orderPath('ES2018071000002'), productPath('SKU-HP-M202DW')] },
  { q: 'HP', expect: [orderPath('ES2018071000002'), productPath('SKU-HP-M202DW')] },
  { q: '得力', expect: [orderPath('ES2018080100004'), orderPath('ES2018101000013'), productPath('SKU-PAPER-A4-70')] },
  { q: 'deli', expect: [orderPath('ES2018080100004'), productPath('SKU-DELI-CAB')] },
  { q: '佳能', expect: [orderPath('ES2018081500011'), orderPath('ES2019012000015'), productPath('SKU-CANON-80D')] },
  { q: 'Canon', expect: [orderPath('ES2018081500011'), productPath('SKU-CANON-FAX')] },
  { q: '兄弟', expect: [orderPath('ES2018101000013'), productPath('SKU-BROTHER-2260D')] },
  { q: 'brother', expect: [orderPath('ES2018101000013')] },
  { q: '爱普生', expect: [orderPath('ES2018101500014'), productPath('SKU-EPSON-L3158')] },
  { q: 'EPSON', expect: [orderPath('ES2018101500014')] },
  { q: '索尼', expect: [orderPath('ES2018082000012')] },
  { q: '松下', expect: [orderPath('ES2018071400005'), productPath('SKU-FAX-KX')] },
  { q: '联想', expect: [orderPath('ES2019012500016')] },
  { q: 'Lenovo', expect: [orderPath('ES2019012500016')] },
  // Model numbers, as people type them
  { q: 'M202dw', expect: [orderPath('ES2018071000002'), productPath('SKU-HP-M202DW')] },
  { q: 'm202dw', expect: [orderPath('ES2018071000002')] },
  { q: 'HL-2260D', expect: [orderPath('ES2018101000013'), productPath('SKU-BROTHER-2260D')] },
  { q: 'L3158', expect: [orderPath('ES2018101500014')] },
  { q: 'EOS 80D', expect: [orderPath('ES2018081500011')] },
  // Agencies and suppliers, by full name and by the words people remember
  { q: '示例州教育局', expect: [agencyPath('AG001'), orderPath('ES2018071000002')] },
  { q: '示例县卫生健康局', expect: [agencyPath('AG/003'), orderPath('ES2018071400005')] },
  { q: '公安局', expect: [agencyPath('AG004'), orderPath('ES2018081500011')] },
  { q: '人民医院', expect: [agencyPath('AG005'), orderPath('ES2018082000012')] },
  { q: '示例纸业商行', expect: [supplierPath('S02'), orderPath('ES2018080100004')] },
  { q: '示例数码科技有限公司', expect: [supplierPath('S04'), orderPath('ES2018081500011')] },
  { q: '数码科技', expect: [supplierPath('S04'), orderPath('ES2019012000015')] },
  { q: '示例办公设备有限公司', expect: [supplierPath('S01'), orderPath('ES2018071000002')] },
];

const availability = browserAvailability();
let page: Page;

/** URLs of every result of a query, through the same pagefind.js the search page loads. */
async function search(q: string): Promise<string[]> {
  return page.evaluate(async (term) => {
    const pf = (window as unknown as { __pf: { search: (t: string) => Promise<{ results: { data: () => Promise<{ url: string }> }[] }> } }).__pf;
    const r = await pf.search(term);
    return Promise.all(r.results.map(async (x) => (await x.data()).url));
  }, q);
}


describe.skipIf(!availability.run)(`Chinese search against the built index${availability.run ? '' : ` (${(availability as { reason: string }).reason})`}`, () => {
  const served = servedSite('search');
  const built = (url: string) => fs.existsSync(path.join(served.site.clientDir, decodeURIComponent(url), 'index.html'));

  beforeAll(async () => {
    page = (await served.openPage()).page;
    await page.goto(served.url('/search/'));
    await page.evaluate(LOAD_MERGED_INDEX);
  });

  it('indexed the site as Chinese', () => {
    // Every shard (format/search-shards.ts) is Chinese; together they hold every searchable page.
    const shards = fs.readdirSync(served.site.clientDir).filter(isIndexFolder);
    expect(shards.length).toBeGreaterThan(2);
    let pages = 0;
    for (const s of shards) {
      const entry = JSON.parse(fs.readFileSync(path.join(served.site.clientDir, s, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
      expect(Object.keys(entry.languages), s).toEqual(['zh-cn']);
      pages += entry.languages['zh-cn']!.page_count;
    }
    expect(pages).toBeGreaterThanOrEqual(17);
  });

  it('has at least 20 queries, each expecting a page that was built', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(20);
    for (const { q, expect: pages } of QUERIES) {
      expect(pages.filter(built), `no expected page of "${q}" exists in the build`).not.toEqual([]);
    }
  });

  it.each(QUERIES)('finds the pages of $q', async ({ q, expect: pages }) => {
    const urls = await search(q);
    for (const want of pages.filter(built)) {
      expect(urls, `"${q}" should find ${want}`).toContain(want);
    }
  });

  it('does not index navigation or footer text', async () => {
    // The skip link is on every page, outside data-pagefind-body. (Common words make poor probes:
    // bigram indexing finds them inside unrelated body text.)
    expect(await search('跳到正文')).toEqual([]);
  });
});
