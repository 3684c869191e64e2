import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/core/run.ts';
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';
import { pageLogWriter } from '../../src/publish/pages-written.ts';
import { shardOptionsOf } from '../../src/site/integrations/pagefind.ts';
import { pagefindInstance } from '../../src/site/integrations/pagefind-instance.ts';
import { buildShard } from '../../src/site/integrations/search-build-shard.ts';
import { indexBesideRender } from '../../src/site/integrations/search-early.ts';
import { orderShardPages } from '../../src/site/integrations/search-shards.ts';
import { makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';

// A full night's purchase shards indexed beside the render (search-early.ts): a shard is taken
// once Astro has said every page of it is written, not when the files merely exist, and its
// index is the one a shard built after the render has, byte for byte.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'search-early-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const page = (title: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><nav>导航</nav><article data-pagefind-body><h1>${title}</h1><p>惠普 M202dw 打印机 示例县教育局</p></article></body></html>`;

function writePage(client: string, rel: string): void {
  fs.mkdirSync(path.join(client, path.dirname(rel)), { recursive: true });
  fs.writeFileSync(path.join(client, rel), page(rel));
}

const files = (dir: string) => Object.fromEntries(
  fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => [path.relative(dir, path.join(e.parentPath, e.name)), fs.readFileSync(path.join(e.parentPath, e.name)).toString('base64')]),
);

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
}

describe('purchase shards indexed beside the render', () => {
  it('takes a shard once its pages are listed as written, and writes the index a later build writes', async () => {
    const dbPath = path.join(work, 'db.sqlite');
    const june = Array.from({ length: 3 }, (_, i) => makeOrder(`ES2018060${i}`, { placed_at: `2018-06-1${i}T10:00:00`, completed_at: `2018-06-2${i}T10:00:00`, updated_at: `2018-06-2${i}T10:00:00` }));
    const july = Array.from({ length: 2 }, (_, i) => makeOrder(`ES2018070${i}`, { placed_at: `2018-07-1${i}T10:00:00`, completed_at: `2018-07-2${i}T10:00:00`, updated_at: `2018-07-2${i}T10:00:00` }));
    const report = await runIngest({ dbPath, sources: [feedDirSource(writeFeedDir({ 'orders-1.json': [...june, ...july] }), 'feed:test')] });
    expect(report.error).toBeUndefined();
    process.env.SUNSHINE_DB = dbPath;
    const shards = orderShardPages();
    expect([...shards.keys()].sort()).toEqual(['/pagefind-2018-06/', '/pagefind-2018-07/']);
    const junePages = shards.get('/pagefind-2018-06/')!;
    const julyPages = shards.get('/pagefind-2018-07/')!;

    const client = path.join(work, 'early', 'client');
    const logFile = path.join(work, 'pages-written');
    const log = pageLogWriter(logFile);
    const lines: string[] = [];
    const early = indexBesideRender(client, logFile, shardOptionsOf(), { info: (m) => lines.push(m), warn: () => {}, error: (m) => lines.push(m) });
    for (const rel of junePages) {
      writePage(client, rel);
      log.written(path.join(client, rel));
    }
    // Every July page is on disk, but only one is said to be whole: July must wait.
    for (const rel of julyPages) writePage(client, rel);
    log.written(path.join(client, julyPages[0]!));
    expect(await until(() => fs.existsSync(path.join(client, 'pagefind-2018-06', 'pagefind-entry.json')), 20_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect([...early.taken]).toEqual(['/pagefind-2018-06/']);
    log.close();

    const { built, documents } = await early.stop();
    expect([...built]).toEqual(['/pagefind-2018-06/']);
    expect(Object.keys(documents).sort()).toEqual([...junePages].sort());
    expect(lines.join('\n')).toMatch(/\/pagefind-2018-06\/ 3 pages added in .* \(beside the render\)/);
    expect(fs.existsSync(path.join(client, 'pagefind-2018-07'))).toBe(false);

    // The same shard built after the render, in a folder of its own: the same files.
    const later = path.join(work, 'later', 'client');
    for (const rel of junePages) writePage(later, rel);
    const api = await pagefindInstance(0);
    try {
      await buildShard(api, { index: '/pagefind-2018-06/', pages: [...junePages].sort(), key: '' }, later, shardOptionsOf(), { info: () => {}, warn: () => {}, error: () => {} });
    } finally {
      await api.close();
    }
    expect(files(path.join(client, 'pagefind-2018-06'))).toEqual(files(path.join(later, 'pagefind-2018-06')));
  }, 60_000);
});
