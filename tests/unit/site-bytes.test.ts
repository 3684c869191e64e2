import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderBytes } from '../../src/publish/folder-bytes.ts';
import { SITE_BYTES_FILE, siteBytes } from '../../src/publish/site-bytes.ts';
import { MANIFEST_FILE, type BuildManifest } from '../../src/site/integrations/build-manifest.ts';

/*
 * The site's size on an incremental night: the page folders and month lists the build linked
 * from the previous one count with the bytes that build recorded, without a walk; whatever was
 * rendered, and the rest of the site, is walked; the search indexes are not counted here.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'site-bytes-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function build(name: string, files: Record<string, string>, manifest: Omit<BuildManifest, 'format' | 'code'>): string {
  const dir = path.join(work, name);
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'client', rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'client', rel), body);
  }
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify({ format: 1, code: 'c', ...manifest }));
  return dir;
}
const record = (dir: string) => (JSON.parse(fs.readFileSync(path.join(dir, SITE_BYTES_FILE), 'utf8')) as { folders: Record<string, number> }).folders;
const walked = (dir: string) => folderBytes(path.join(dir, 'client'), undefined, '', (n) => n === 'pagefind');

const shared = {
  'index.html': 'x'.repeat(50),
  'orders/A/index.html': 'a'.repeat(100),
  'products/P/index.html': 'p'.repeat(300),
  'products/P/prices.csv': 'p'.repeat(30),
  'orders/month/2019-01/index.html': 'm'.repeat(70),
  'orders/month/2019-01/page/2/index.html': 'm'.repeat(7),
  'pagefind/pagefind-entry.json': 'i'.repeat(1000),
};
const pages = (order: Record<string, string>) => ({ order, product: { P: 'p1' }, agency: {}, supplier: {} });

describe('siteBytes', () => {
  const first = build('first', { ...shared, 'orders/B/index.html': 'b'.repeat(200) }, { pages: pages({ A: 'a1', B: 'b1' }), months: { '2019-01': 'm1' } });

  it('walks a full build, leaves the search index out and records every page and month folder', () => {
    expect(siteBytes(first, null)).toBe(50 + 100 + 200 + 300 + 30 + 70 + 7);
    expect(record(first)).toEqual({ 'orders/A': 100, 'orders/B': 200, 'products/P': 330, 'orders/month/2019-01': 77 });
  });

  it('takes the linked folders from the previous record and walks what was rendered', () => {
    // B changed (a longer page), C is new; A, P and the month are the previous build's.
    const second = build('second', { ...shared, 'orders/B/index.html': 'b'.repeat(250), 'orders/C/index.html': 'c'.repeat(40) }, {
      from: first, pages: pages({ A: 'a1', B: 'b2', C: 'c1' }), months: { '2019-01': 'm1' },
    });
    const truth = walked(second);
    expect(siteBytes(second, first)).toBe(truth);
    // Proof that the linked folders were not walked: a recorded size is believed.
    fs.writeFileSync(path.join(first, SITE_BYTES_FILE), JSON.stringify({ format: 1, folders: { ...record(first), 'orders/A': 9_000, 'orders/month/2019-01': 700 } }));
    expect(siteBytes(second, first)).toBe(truth - 100 + 9_000 - 77 + 700);
    expect(record(second)).toMatchObject({ 'orders/A': 9_000, 'orders/B': 250, 'orders/C': 40, 'orders/month/2019-01': 700 });
  });

  it('walks everything when the build was not made from that previous build, or its record lacks a folder', () => {
    const third = build('third', { ...shared, 'orders/B/index.html': 'b'.repeat(200) }, { pages: pages({ A: 'a1', B: 'b1' }), months: { '2019-01': 'm1' } });
    expect(siteBytes(third, first)).toBe(walked(third)); // no `from`: every page was rendered
    const fourth = build('fourth', { ...shared, 'orders/B/index.html': 'b'.repeat(200) }, { from: third, pages: pages({ A: 'a1', B: 'b1' }), months: { '2019-01': 'm1' } });
    expect(siteBytes(fourth, first)).toBe(walked(fourth)); // linked from another build than the one named
    fs.writeFileSync(path.join(first, SITE_BYTES_FILE), JSON.stringify({ format: 1, folders: { 'orders/A': 9_000 } }));
    const fifth = build('fifth', { ...shared, 'orders/B/index.html': 'b'.repeat(200) }, { from: first, pages: pages({ A: 'a1', B: 'b1' }), months: { '2019-01': 'm1' } });
    expect(siteBytes(fifth, first)).toBe(walked(fifth) - 100 + 9_000); // only A is on record
  });
});
