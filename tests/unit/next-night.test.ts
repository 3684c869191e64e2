import { describe, expect, it } from 'vitest';
import { generateSample } from '../../tools/sample/generate.ts';
import { nextNight, type FeedFile } from '../../tools/sample/next-night.ts';

// The quiet night of the bench and of the incremental test (tools/sample/next-night.ts).

type Order = { order_no: string; status: string; placed_at: string; evaluation?: { rating: number } | null };
const files: FeedFile[] = generateSample({ orders: 600 }).files.map((f) => ({ name: f.name, content: f.content }));
const newPage = (night: { files: FeedFile[] }): Order[] => {
  const added = night.files.filter((f) => !files.some((g) => g.name === f.name));
  expect(added).toHaveLength(1);
  return (JSON.parse(added[0]!.content) as { items: Order[] }).items;
};
const month = (o: Order) => o.placed_at.slice(0, 7);

describe('nextNight', () => {
  it('brings issue 15\'s quiet night by default: 1 % new orders and one changed order, none refunded', () => {
    const night = nextNight(files);
    const items = newPage(night);
    expect(night.changed).toHaveLength(1);
    expect(night.refunded).toEqual([]);
    expect(items).toHaveLength(night.newOrders + 1);
    const changed = items.find((o) => o.order_no === night.changed[0])!;
    expect(changed.evaluation?.rating).toBe(2);
    expect(items.filter((o) => o.status === 'refunded')).toEqual([]);
    // The changed order is an older one: it was in the feed before.
    expect(files.some((f) => f.content.includes(`"order_no":"${night.changed[0]}"`) || f.content.includes(`"order_no": "${night.changed[0]}"`))).toBe(true);
  });

  it('takes the counts it is given, changed and refunded orders from different months, the same night for the same input', () => {
    const night = nextNight(files, { share: 0.02, changed: 2, refunded: 1 });
    const items = newPage(night);
    expect(night.changed).toHaveLength(2);
    expect(night.refunded).toHaveLength(1);
    expect(new Set(night.changed).size).toBe(2);
    const refunded = items.find((o) => o.order_no === night.refunded[0])!;
    expect(refunded.status).toBe('refunded');
    const changedMonths = new Set(items.filter((o) => night.changed.includes(o.order_no)).map(month));
    expect(changedMonths.has(month(refunded))).toBe(false);
    expect(nextNight(files, { share: 0.02, changed: 2, refunded: 1 })).toEqual(night);
  });

  it('says so when the sample has too few orders for the counts asked, rather than change and refund one order', () => {
    const completed = files.flatMap((f) => (/^orders-\d+\.json$/.test(f.name) ? (JSON.parse(f.content) as { items: Order[] }).items : [])).filter((o) => o.status === 'completed' && Array.isArray((o as { lines?: unknown }).lines)).length;
    // The most that fit between a third and two thirds of the way, 97 orders apart, and one more.
    const fit = Math.floor((Math.floor((2 * completed) / 3) - 1 - Math.floor(completed / 3)) / 97) + 1;
    expect(nextNight(files, { changed: fit, refunded: 1 }).changed).toHaveLength(fit);
    expect(() => nextNight(files, { changed: fit + 1 })).toThrow(/too few orders/);
    expect(() => nextNight(files, { refunded: 1000 })).toThrow(/too few orders/);
  });
});
