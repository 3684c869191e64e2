import { describe, expect, it } from 'vitest';
import { SortedMerge } from '../../src/site/client/merge-sorted.ts';

const lazy = (keys: string[], loads: string[]) => keys.map((k) => ({ data: async () => { loads.push(k); return { k }; } }));

describe('merging sorted results of several indexes', () => {
  it('yields one sorted stream, loading only the heads it needs', async () => {
    const loads: string[] = [];
    const m = new SortedMerge([lazy(['2019-05', '2019-02', '2019-01'], loads), lazy(['2018-12', '2018-03'], loads), lazy(['2019-03'], loads)], (d) => d.k, 'desc');
    expect(m.total).toBe(6);
    expect((await m.next(2)).map((d) => d.k)).toEqual(['2019-05', '2019-03']);
    expect(loads.length).toBeLessThanOrEqual(2 + 3);
    expect((await m.next(10)).map((d) => d.k)).toEqual(['2019-02', '2019-01', '2018-12', '2018-03']);
    expect(m.remaining).toBe(0);
    expect(await m.next(5)).toEqual([]);
  });
  it('sorts ascending too, and survives empty lists', async () => {
    const m = new SortedMerge([[], lazy(['b', 'd'], []), lazy(['a', 'c', 'e'], [])], (d) => d.k, 'asc');
    expect((await m.next(9)).map((d) => d.k)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
