import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckFailed, checkBuild, startCheck } from '../../src/publish/check.ts';

/*
 * The publish check on a quiet night: an order page that is the published build's very file was
 * checked when that build was published and is not read again — but a new or rewritten page is.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'check-build-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const dbPath = path.join(work, 'sunshine.db');
const db = new BetterSqlite3(dbPath);
db.exec(`CREATE TABLE orders (order_no TEXT PRIMARY KEY); INSERT INTO orders VALUES ('PO-1'), ('PO-2');`);
db.close();

function build(name: string, pages: Record<string, string | { linkFrom: string }>): string {
  const dir = path.join(work, name);
  const client = path.join(dir, 'client');
  for (const [rel, body] of Object.entries({ 'index.html': '<html></html>', 'data/sunshine-public.db': '', 'pagefind/pagefind-entry.json': JSON.stringify({ languages: { 'zh-cn': { page_count: 2 } } }) })) {
    fs.mkdirSync(path.dirname(path.join(client, rel)), { recursive: true });
    fs.writeFileSync(path.join(client, rel), body);
  }
  fs.mkdirSync(path.join(dir, 'server'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'server', 'entry.mjs'), '');
  for (const [no, body] of Object.entries(pages)) {
    const file = path.join(client, 'orders', no, 'index.html');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (typeof body === 'string') fs.writeFileSync(file, body);
    else fs.linkSync(path.join(work, body.linkFrom, 'client', 'orders', no, 'index.html'), file);
  }
  return dir;
}

describe('checkBuild with the published build', () => {
  const published = build('published', { 'PO-1': '<h1>PO-1</h1>', 'PO-2': '<h1>PO-2</h1>' });

  it('passes pages linked from the published build', async () => {
    const next = build('linked', { 'PO-1': { linkFrom: 'published' }, 'PO-2': { linkFrom: 'published' } });
    await expect(checkBuild(next, dbPath, published)).resolves.toMatchObject({ orders: 2, order_pages: 2 });
  });

  it('still reads a page rendered again, even at the same path', async () => {
    const next = build('rewritten', { 'PO-1': { linkFrom: 'published' }, 'PO-2': '<h1>nothing here</h1>' });
    await expect(checkBuild(next, dbPath, published)).rejects.toThrow(CheckFailed);
    await expect(checkBuild(next, dbPath, published)).rejects.toThrow(/PO-2 does not show its order number/);
  });

  it('still finds a missing page', async () => {
    const next = build('missing', { 'PO-1': { linkFrom: 'published' } });
    await expect(checkBuild(next, dbPath, published)).rejects.toThrow(/PO-2 has no page/);
  });

  it('finds the order number anywhere in the page, not only in the part it reads first', async () => {
    const padding = `<p>${'采购'.repeat(3000)}</p>`; // 18 KB of three-byte characters
    const late = build('late', { 'PO-1': `${padding}<h1>PO-1</h1>`, 'PO-2': `<h1>PO-2</h1>${padding}` });
    await expect(checkBuild(late, dbPath, null)).resolves.toMatchObject({ orders: 2, order_pages: 2 });
    const absent = build('absent', { 'PO-1': `${padding}<h1>PO-3</h1>${padding}`, 'PO-2': '<h1>PO-2</h1>' });
    await expect(checkBuild(absent, dbPath, null)).rejects.toThrow(/PO-1 does not show its order number/);
  });
});

/*
 * The nightly starts the page checks when Astro has exited, while the search index is still being
 * written (startCheck), and finishes with the index once the build is done: the result must be
 * what a check of the finished folder gives, the index's files counted in the size.
 */
describe('a check started before the search index is written', () => {
  const withoutIndex = (name: string, pages: Record<string, string>) => {
    const dir = build(name, pages);
    fs.rmSync(path.join(dir, 'client', 'pagefind'), { recursive: true });
    return dir;
  };
  const writeIndex = (dir: string, extra = '') => {
    fs.mkdirSync(path.join(dir, 'client', 'pagefind'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'client', 'pagefind', 'pagefind-entry.json'), JSON.stringify({ languages: { 'zh-cn': { page_count: 2 } } }) + extra);
  };

  it('gives what a check of the finished folder gives, the index counted in the size', async () => {
    const early = withoutIndex('early', { 'PO-1': '<h1>PO-1</h1>', 'PO-2': '<h1>PO-2</h1>' });
    const started = startCheck(early, dbPath, null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeIndex(early, ' '.repeat(5000));
    const result = await checkBuild(early, dbPath, null, started);
    expect(result).toEqual(await checkBuild(early, dbPath, null));
    expect(result.pagefind_pages).toBe(2);
    expect(result.bytes).toBeGreaterThan(5000);
  });

  it('reports the problems its early part found, and a search index that never came', async () => {
    const bad = withoutIndex('early-bad', { 'PO-1': '<h1>PO-1</h1>', 'PO-2': '<h1>nothing</h1>' });
    await expect(checkBuild(bad, dbPath, null, startCheck(bad, dbPath, null))).rejects.toThrow(/PO-2 does not show its order number[\s\S]*Pagefind index is missing/);
  });
});

