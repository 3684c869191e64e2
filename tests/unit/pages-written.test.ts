import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pageLogReader, pageLogWriter } from '../../src/publish/pages-written.ts';

// The list of pages Astro has finished on a full night (pages-written.ts): what the search index
// reads to index a shard beside the render must name only whole pages, each once it is whole.
const dirs: string[] = [];
const tmpFile = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pages-written-'));
  dirs.push(d);
  return path.join(d, 'written');
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the pages-written log', () => {
  it('records pages only, in batches, and everything by close', async () => {
    const file = tmpFile();
    const log = pageLogWriter(file);
    const read = pageLogReader(file);
    log.written('/b/client/orders/甲1/index.html');
    log.written('/b/client/products/P1/prices.csv');
    // Gathered, not yet appended: a page is a line in the file once a batch is flushed.
    expect(read()).toEqual([]);
    await new Promise((r) => setTimeout(r, 250));
    expect(read()).toEqual(['/b/client/orders/甲1/index.html']);
    log.written('/b/client/orders/甲2/index.html');
    log.close();
    expect(read()).toEqual(['/b/client/orders/甲2/index.html']);
    expect(read()).toEqual([]);
  });

  it('reads a line only once it has ended, and nothing before the file exists', () => {
    const file = tmpFile();
    const read = pageLogReader(file);
    expect(read()).toEqual([]);
    // "订" is three bytes in UTF-8: a batch could end inside it.
    const bytes = Buffer.from('/c/orders/订1/index.html\n/c/orders/订2/ind', 'utf8');
    const cut = bytes.indexOf(Buffer.from('订2', 'utf8')) + 1;
    fs.writeFileSync(file, bytes.subarray(0, cut));
    expect(read()).toEqual(['/c/orders/订1/index.html']);
    fs.appendFileSync(file, bytes.subarray(cut));
    expect(read()).toEqual([]);
    fs.appendFileSync(file, 'ex.html\n');
    expect(read()).toEqual(['/c/orders/订2/index.html']);
  });
});
