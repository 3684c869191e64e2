import { describe, expect, it } from 'vitest';
import { splitLanes } from '../../src/site/integrations/pagefind.ts';

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
