import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCRIPT_SUPPLIER_NAME, seedDb } from '../fixtures/seed-db.ts';
import { idSegment, orderPath, supplierPath } from '../../src/site/format/paths.ts';
import { buildSite, listFiles, normaliseHtml } from './build-site.ts';
import * as pagefind from 'pagefind';
import { searchDocument } from '../../src/site/integrations/search-document.ts';
import { addShardPages } from '../../src/site/integrations/search-add-pages.ts';

/**
 * The built site from the seed database: page counts match the data, source text is escaped,
 * every indexed page carries every Pagefind sort key, pages stay small, and a few representative
 * pages match their golden HTML (regenerate on purpose with UPDATE_GOLDEN=1, never in CI).
 */
let dbPath: string;
let site: string;
let buildMs: number;
const builds: string[] = [];
const read = (rel: string) => fs.readFileSync(path.join(site, rel), 'utf8');
const fileOf = (href: string) => path.join(decodeURIComponent(href).replace(/^\//, ''), 'index.html');

beforeAll(async () => {
  dbPath = await seedDb();
  const t0 = performance.now();
  site = await buildSite(dbPath, 'a');
  builds.push(site);
  buildMs = performance.now() - t0;
  console.log(`seed site built in ${(buildMs / 1000).toFixed(1)} s`);
}, 600_000);

// client/ sits in <work>/dist/client: remove the whole temp work folder of each build.
afterAll(() => {
  for (const c of builds) fs.rmSync(path.dirname(path.dirname(c)), { recursive: true, force: true });
  if (dbPath) fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
});

describe('pages from the seed database', () => {
  it('has one page per order, product, agency and supplier', () => {
    const db = new BetterSqlite3(dbPath, { readonly: true });
    const ids = (sql: string) => (db.prepare(sql).all() as { id: string }[]).map((r) => r.id);
    const orderNos = ids(`SELECT order_no AS id FROM orders`);
    const files = listFiles(site);
    const orderPages = files.filter((f) => /^orders\/(?!page\/|by-)[^/]+\/index\.html$/.test(f));
    expect(orderPages.length).toBe(orderNos.length);
    for (const no of orderNos) expect(fs.existsSync(path.join(site, fileOf(orderPath(no))))).toBe(true);
    for (const [sql, dir] of [[`SELECT sku AS id FROM listings`, 'products'], [`SELECT id FROM agencies`, 'agencies'], [`SELECT id FROM suppliers`, 'suppliers']] as const) {
      const pages = files.filter((f) => new RegExp(`^${dir}/(?!page/)[^/]+/index\\.html$`).test(f));
      expect(pages.length, dir).toBe(ids(sql).length);
    }
    db.close();
    for (const f of ['index.html', '404.html', 'orders/index.html', 'orders/by-amount/index.html', 'orders/by-gap/index.html',
      'products/index.html', 'agencies/index.html', 'suppliers/index.html', 'categories/index.html', 'categories/Z99/index.html',
      'flags/index.html', 'methodology/index.html', 'data/index.html', 'feed.xml']) {
      expect(fs.existsSync(path.join(site, f)), f).toBe(true);
    }
  });

  it('escapes the <script> supplier name everywhere and never emits it as a tag', () => {
    const html = read(fileOf(supplierPath('S03')));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;示例供应商');
    for (const f of listFiles(site).filter((x) => x.endsWith('.html'))) {
      // Inside a quoted attribute value '<' is plain text; outside of one it would be markup.
      const outsideAttributes = read(f).replace(/"[^"]*"/g, '""');
      // Booleans, not the page text, so a failure does not print whole pages.
      expect(outsideAttributes.includes('<script>alert'), f).toBe(false);
      expect(outsideAttributes.includes(SCRIPT_SUPPLIER_NAME), f).toBe(false);
      expect(outsideAttributes.includes('<b>不满意</b>'), f).toBe(false);
    }
  });

  it('shows the sample banner and the last successful run on every page', () => {
    for (const f of listFiles(site).filter((x) => x.endsWith('.html') && !x.startsWith('pagefind/'))) {
      const html = read(f);
      expect(html, f).toContain('class="sample-banner"');
      expect(html, f).toContain('最后更新：<time datetime="2019-02-02T02:05:30+08:00">2019年2月2日 02:05</time>');
      expect(html, f).toMatch(/^<!DOCTYPE html>\s*<html lang="zh-CN">/);
    }
  });

  it('gives every indexed page every sort key and a search document whose excerpts keep no dangling punctuation, and keeps order pages small and script-free', () => {
    const indexed = listFiles(site).filter((f) => f.endsWith('.html') && read(f).includes('data-pagefind-body'));
    expect(indexed.length).toBe(10 + 5 + 3 + 3);
    for (const f of indexed) {
      const html = read(f);
      expect(html, f).toMatch(/data-pagefind-sort="date:\d{4}-\d{2}-\d{2}"/);
      expect(html, f).toMatch(/data-pagefind-sort="amount:\d{15}"/);
      expect(html, f).toMatch(/data-pagefind-sort="gap:\d{8}"/);
      expect(html, f).toContain('data-pagefind-meta="title"');
      expect(searchDocument(html).replace(/<[^>]*>/g, ''), f).not.toMatch(/[，、；：]\s*[。，；]/);
    }
    for (const f of indexed.filter((x) => x.startsWith('orders/'))) {
      const html = read(f);
      expect(Buffer.byteLength(html), f).toBeLessThan(30 * 1024);
      // No JavaScript on pages without a chart or search (checked outside attribute values).
      expect(/<script[\s>]/.test(html.replace(/"[^"]*"/g, '""')), f).toBe(false);
      for (const key of ['agency', 'supplier', 'year']) expect(html, f).toContain(`data-pagefind-filter="${key}:`);
    }
    expect(read('orders/ES2018071400005/index.html')).toContain('data-pagefind-filter="flag:下单前后挂牌价短暂上涨"');
  });

  it('gives Pagefind the same index from the search documents as from the whole pages', async () => {
    // The nightly indexes each page's search document (integrations/search-document.ts): the
    // indexed article without its ignored blocks. Both ways must write the very same index files.
    const indexed = listFiles(site).filter((f) => f.endsWith('.html') && read(f).includes('data-pagefind-body'));
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'search-document-'));
    try {
      const trees: Record<string, string>[] = [];
      for (const way of ['pages', 'documents'] as const) {
        const { index } = await pagefind.createIndex({});
        const shard = { index: '/pagefind/', pages: [...indexed].sort(), key: '' };
        const added = await addShardPages(index!, site, shard, way === 'pages' ? (html) => html : searchDocument);
        expect({ pages: added.pages, errors: added.errors }, way).toEqual({ pages: indexed.length, errors: [] });
        // Each page's document hash, for the shard's key: of what Pagefind was given.
        expect(Object.keys(added.documents).sort(), way).toEqual(shard.pages);
        const out = path.join(work, way);
        await index!.writeFiles({ outputPath: out });
        await index!.deleteIndex();
        trees.push(Object.fromEntries(listFiles(out).map((f) => [f, fs.readFileSync(path.join(out, f)).toString('base64')])));
      }
      expect(Object.keys(trees[1]!)).toEqual(Object.keys(trees[0]!));
      for (const f of Object.keys(trees[0]!)) expect(trees[1]![f], f).toBe(trees[0]![f]);
      // And the documents are smaller: the ignored blocks and the page around the article are gone.
      const bytes = (g: (f: string) => string) => indexed.reduce((n, f) => n + Buffer.byteLength(g(f)), 0);
      expect(bytes((f) => searchDocument(read(f)))).toBeLessThan(bytes(read) / 2);
    } finally {
      await pagefind.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);

  it('fails the search index, naming the page, when a lane cannot read one', async () => {
    // A copy of the site where one product page cannot be read (a folder in its place): the lane
    // indexing the products fails, and so does the whole index, with the file's name.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'search-lanes-'));
    const copy = path.join(work, 'client');
    fs.cpSync(site, copy, { recursive: true });
    const lost = listFiles(copy).find((f) => /^products\/[^/]+\/index\.html$/.test(f) && !f.startsWith('products/page/'))!;
    fs.rmSync(path.join(copy, lost));
    fs.mkdirSync(path.join(copy, lost));
    const env = { ...process.env };
    Object.assign(process.env, { SUNSHINE_DB: dbPath, SUNSHINE_FULL_BUILD: '1', SUNSHINE_PREVIOUS_BUILD: '' });
    const lines: string[] = [];
    const log = (m: string) => lines.push(m);
    try {
      const { indexSite } = await import('../../src/site/integrations/pagefind.ts');
      await expect(indexSite(copy, { info: log, warn: log, error: log })).rejects.toThrow(lost);
      // The other shards were built meanwhile, each logged by its lane.
      expect(lines.some((l) => l.startsWith('Pagefind: /pagefind-parties/'))).toBe(true);
      // And no lane's Pagefind process outlives the failed index.
      const pagefindChildren = () =>
        execFileSync('ps', ['--ppid', String(process.pid), '-o', 'args='], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('pagefind') && l.includes('--service'));
      await expect.poll(pagefindChildren, { timeout: 5000 }).toEqual([]);
    } finally {
      process.env = env;
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);

  it('says 无参考价 with a reason instead of a zero gap, and links the evidence', () => {
    const html = read('orders/ES2018071400005/index.html');
    expect(html).toContain('无参考价');
    expect(html).toContain('匹配到同款商品，但没有找到它的零售价格记录');
    expect(html).toContain('href="https://product.suning.com/0000000000/000000001.html"');
    expect(html).toContain('+7.5%');
    expect(html).toContain('高于零售价');
    expect(read('orders/ES2018071000002/index.html')).toContain('−¥129.00 −6.9%');
    expect(read('orders/OCDS-0010/index.html')).toContain('USD 50.00');
  });

  it('reads flag evidence in plain Chinese: named parties, linked orders, group tables, no raw keys', () => {
    const split = read('orders/ES2018090300007/index.html');
    expect(split).toContain('<caption>同组订单（2 笔）</caption>');
    expect(split).toContain('<td>ES2018090300007（本订单）</td>');
    expect(split).toContain('<a href="/orders/ES2018090500008/">ES2018090500008</a>');
    expect(split).toContain('合计 ¥103,800.00，达到单笔限额 ¥100,000.00');
    const annual = read('orders/ES2018090500008/index.html');
    expect(annual).toContain('<dt>此前累计</dt><dd>¥55,450.00（本年度此前 3 笔订单）</dd>');
    const paper = read('orders/ES2018080100004/index.html');
    expect(paper).toContain('¥119.00（京东，2018年8月1日）');
    expect(paper).toContain('class="evidence-link" rel="nofollow noopener">https://item.jd.com/100000002.html</a>');
    // The /flags/ pages use the same reading, with the parties named and linked.
    const flags = read('flags/index.html');
    expect(flags).toContain('<a href="/agencies/AG002/">示例市财政局</a>');
    for (const f of listFiles(site).filter((x) => /^(orders|flags)\/.*\.html$/.test(x))) {
      // A raw evidence key (crossing_order_no, order_total_fen …) as a label would show here.
      expect(/<dt>[a-z]+(_[a-z]+)+<\/dt>/.test(read(f)), f).toBe(false);
    }
  });

  it('shows where each purchase came from: feed hash, OCDS ocid and publisher, CSV file and rows', () => {
    const ocds = read('orders/OCDS-0010/index.html');
    expect(ocds).toContain('<dt>OCID（采购流程编号）</dt><dd><code>ocds-abc123-0010</code></dd>');
    expect(ocds).toContain('OCDS 前缀 ocds-abc123');
    const csv = read('orders/ES2019011000009/index.html');
    expect(csv).toContain('orders.csv 第 2 行；order-lines.csv 第 2–3 行');
    expect(csv).toContain('<dt>推算的字段</dt><dd>订单总额');
    expect(read('orders/ES2018071400005/index.html')).toContain('<dd>网上商城开放数据</dd>');
  });

  it('says when purchases in another currency are listed but not summed, and links the API docs', () => {
    const agency = read(fileOf(`/agencies/${idSegment('AG/003')}/`));
    expect(agency).toContain('其中 1 笔以人民币以外的币种计价（USD 1 笔，合计 USD 50.00）');
    expect(read('index.html')).toContain('<a href="/api-docs/">');
    expect(read('data/index.html')).toContain('<a href="/api-docs/">');
  });

  it('leads with overpayment and savings side by side, never a lone net figure (DESIGN §8)', () => {
    for (const page of ['index.html', fileOf(`/agencies/${idSegment('AG/003')}/`), fileOf('/suppliers/S01/')]) {
      const stats = read(page).match(/<dl class="stats">(.*?)<\/dl>/s)?.[1] ?? '';
      expect(stats, page).toContain('<dt>高于零售价多付</dt>');
      expect(stats, page).toContain('<dt>低于零售价节省</dt>');
      expect(stats, page).not.toContain('净差额');
    }
  });

  it('names the reference day and store of every gap, and shows the archived copy beside the live link', () => {
    const page = read(fileOf(orderPath('ES2018071400005')));
    expect(page).toContain('参考价：苏宁易购（自营） 2018-07-10');
    expect(page).toContain('href="https://web.archive.org/web/20180710000000/https://product.suning.com/0000000000/000000001.html" rel="nofollow noopener">存档</a>');
  });

  it('shows each flag\'s review, and per rule how many were confirmed, explained or dismissed', () => {
    const page = read(fileOf(orderPath('ES2018071400005')));
    expect(page).toMatch(/<strong>审核结论<\/strong>：已说明（有合理解释）（2018-08-01）：供应商说明：7 月 12 日调价是上游涨价/);
    expect(page).toContain('<strong>审核结论</strong>：尚未审核');
    expect(page).toMatch(/标记编号 <code>price-hike:[0-9a-f]{12}<\/code>/);
    expect(read('methodology/index.html')).toContain('已确认 0 条，已说明（有合理解释） 1 条，已排除（误报） 0 条');
  });

  it('marks flagged rows in the lists with a sign and words, linking to the flags', () => {
    const list = read('orders/index.html');
    expect(list).toMatch(/<a href="\/orders\/ES2018071400005\/">ES2018071400005<\/a> <a class="flag-marker" href="\/orders\/ES2018071400005\/#flags" title="待核实的异常：[^"]+">⚑ 2 项待核实<\/a>/);
    expect(list).not.toMatch(/ES2019011000009<\/a> <a class="flag-marker"/);
  });

  it('tells how to cite every page and under which licence, and where to send a correction', () => {
    for (const page of ['index.html', fileOf(orderPath('ES2018071400005')), 'data/index.html']) {
      const html = read(page);
      expect(html, page).toMatch(/引用本页<\/strong>：[^<]+。阳光采购，\/[^，]*，数据版本 [0-9a-f]{12}，2019年2月2日。/);
      expect(html, page).toContain('CC BY 4.0');
      expect(html, page).toContain('发现错误或个人信息？');
    }
  });

  it('offers an Atom feed per agency, supplier, product and flag rule, linked from its page', () => {
    const agencyPage = fileOf(`/agencies/${idSegment('AG/003')}/`);
    const feedHref = read(agencyPage).match(/<link rel="alternate" type="application\/atom\+xml"[^>]*href="([^"]+)"/g)?.map((l) => l.match(/href="([^"]+)"/)![1]!) ?? [];
    const own = feedHref.find((h) => h !== '/feed.xml')!;
    expect(own).toBe(`/agencies/${encodeURIComponent(idSegment('AG/003'))}/feed.xml`);
    const feed = read(decodeURIComponent(own).replace(/^\//, ''));
    const orders = [...feed.matchAll(/<id>tag:sunshine-procurement,2018:order:([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(orders).toEqual(['OCDS-0010', 'ES2018071400005']);
    for (const f of ['suppliers/S01/feed.xml', 'products/SKU-HP-M202DW/feed.xml', 'flags/split-order/feed.xml']) {
      expect(read(f), f).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    }
  });

  it('writes a deterministic Atom feed dated from the data', () => {
    const xml = read('feed.xml');
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toContain('<updated>2019-02-02T02:05:30+08:00</updated>');
    expect((xml.match(/<entry>/g) ?? []).length).toBe(10 + 10);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('matches the golden HTML of representative pages', () => {
    const pages: [string, string][] = [
      ['order-with-gaps-and-flags.html', 'orders/ES2018071400005/index.html'],
      ['order-other-currency.html', 'orders/OCDS-0010/index.html'],
      ['supplier-script-name.html', 'suppliers/S03/index.html'],
      ['agency-escaped-id.html', `agencies/${idSegment('AG/003')}/index.html`],
    ];
    const dir = path.join(import.meta.dirname, '__golden__');
    for (const [golden, rel] of pages) {
      const actual = normaliseHtml(read(rel));
      const file = path.join(dir, golden);
      if (process.env.UPDATE_GOLDEN === '1' && !process.env.CI) fs.writeFileSync(file, actual);
      expect(fs.existsSync(file), `${golden} missing: run with UPDATE_GOLDEN=1 once`).toBe(true);
      const expected = fs.readFileSync(file, 'utf8');
      // Report the first differing line rather than two whole pages.
      const a = actual.split('\n'), e = expected.split('\n');
      const at = a.findIndex((line, i) => line !== e[i]);
      expect(at === -1 && a.length === e.length ? null : { golden, line: at + 1, actual: a[at], expected: e[at] }).toBeNull();
    }
  });

  it('gives byte-identical files when built twice from the same database (determinism)', async () => {
    const second = await buildSite(dbPath, 'b');
    builds.push(second);
    const a = listFiles(site);
    expect(listFiles(second)).toEqual(a);
    const differing = a.filter((f) => !fs.readFileSync(path.join(site, f)).equals(fs.readFileSync(path.join(second, f))));
    expect(differing).toEqual([]);
  }, 600_000);
});
