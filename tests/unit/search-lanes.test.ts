import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { splitLanes } from '../../src/site/integrations/pagefind.ts';
import { pagefindInstance } from '../../src/site/integrations/pagefind-instance.ts';

const shard = (index: string, pages: number) => ({ index, key: index, pages: Array.from({ length: pages }, (_, i) => `p${i}`) });

describe('splitLanes', () => {
  it('puts the largest shards first onto the least-loaded lane, so the lanes end near together', () => {
    const lanes = splitLanes([shard('/a/', 1800), shard('/products/', 8000), shard('/b/', 1900), shard('/c/', 2400), shard('/d/', 2300), shard('/e/', 1300)], 2);
    const load = lanes.map((l) => l.reduce((n, s) => n + s.pages.length, 0));
    expect(lanes.map((l) => l.map((s) => s.index))).toEqual([['/products/', '/e/'], ['/c/', '/d/', '/b/', '/a/']]);
    expect(load).toEqual([9300, 8400]);
  });

  it('never returns an empty lane, and keeps every shard exactly once', () => {
    expect(splitLanes([shard('/a/', 5)], 2)).toHaveLength(1);
    expect(splitLanes([], 2)).toEqual([]);
    const all = [shard('/a/', 3), shard('/b/', 3), shard('/c/', 1)];
    expect(splitLanes(all, 2).flat().map((s) => s.index).sort()).toEqual(['/a/', '/b/', '/c/']);
  });
});

describe('pagefindInstance', () => {
  const pagefindChildren = () =>
    execFileSync('ps', ['--ppid', String(process.pid), '-o', 'args='], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('pagefind') && l.includes('--service'));

  it('gives each lane its own Pagefind process in this one Node process, and close() ends each', async () => {
    const before = pagefindChildren().length;
    const [a, b] = [await pagefindInstance(0), await pagefindInstance(1)];
    expect(a).not.toBe(b);
    expect(await pagefindInstance(1)).toBe(b);
    const [ia, ib] = [await a.createIndex({}), await b.createIndex({})];
    expect(ia.errors).toEqual([]);
    expect(ib.errors).toEqual([]);
    expect(pagefindChildren().length).toBe(before + 2);
    await Promise.all([a.close(), b.close()]);
    await expect.poll(() => pagefindChildren().length, { timeout: 5000 }).toBe(before);
  });
});
