/**
 * Results of several search indexes, each already sorted by the same key, merged into one
 * sorted stream (Pagefind sorts within an index only; across merged indexes it orders by score).
 * The key of a result is known only after its data is loaded, so the merge loads just the head
 * of each list: n results cost at most n + (number of lists) loads, however long the lists.
 */
export interface Lazy<D> {
  data: () => Promise<D>;
}

export class SortedMerge<D> {
  private readonly lists: Lazy<D>[][];
  private readonly pos: number[];
  private readonly heads: (D | undefined)[];
  private readonly key: (d: D) => string;
  private readonly direction: 'asc' | 'desc';
  readonly total: number;

  constructor(lists: Lazy<D>[][], key: (d: D) => string, direction: 'asc' | 'desc') {
    this.lists = lists;
    this.key = key;
    this.direction = direction;
    this.pos = lists.map(() => 0);
    this.heads = lists.map(() => undefined);
    this.total = lists.reduce((n, l) => n + l.length, 0);
  }

  get remaining(): number {
    return this.lists.reduce((n, l, i) => n + l.length - this.pos[i]!, 0);
  }

  /** The next `n` results in order (fewer at the end). Ties keep the order of the lists. */
  async next(n: number): Promise<D[]> {
    const out: D[] = [];
    while (out.length < n) {
      await Promise.all(
        this.lists.map(async (l, i) => {
          if (this.heads[i] === undefined && this.pos[i]! < l.length) this.heads[i] = await l[this.pos[i]!]!.data();
        }),
      );
      let best = -1;
      for (let i = 0; i < this.lists.length; i++) {
        const h = this.heads[i];
        if (h === undefined) continue;
        if (best < 0) {
          best = i;
          continue;
        }
        const a = this.key(h);
        const b = this.key(this.heads[best]!);
        if (this.direction === 'asc' ? a < b : a > b) best = i;
      }
      if (best < 0) break;
      out.push(this.heads[best]!);
      this.heads[best] = undefined;
      this.pos[best]!++;
    }
    return out;
  }
}
