import { describe, expect, it } from 'vitest';
import { makeListing, makeOrder, writeFeedDir } from '../fixtures/feed-items.ts';
import { ingestDir, rows } from './harness.ts';

// Two versions claiming the same updated_at: the later in feed order wins, and it is counted (DESIGN §3).
describe('same updated_at, different content', () => {
  it('keeps the later version in feed order and counts each conflict', async () => {
    const dir = writeFeedDir({
      'listings-0001.json': [makeListing('SKU-1'), makeListing('SKU-1', { price: '1799.00' }), makeListing('SKU-1', { price: '1799.00' })],
      'orders-0001.json': [makeOrder('O-1'), makeOrder('O-2')],
      'orders-0002.json': [makeOrder('O-1', { evaluation: { rating: 2, comment: '迟到', at: '2018-07-06T09:00:00' } }), makeOrder('O-2')],
    });
    const { report, dbPath } = await ingestDir(dir);
    expect(report.status).toBe('ok');
    // SKU-1 once (the identical third copy is no conflict), O-1 once (O-2 repeats unchanged).
    expect(report.sources[0]!.counts.same_time_conflicts).toBe(2);
    expect(rows(dbPath, `SELECT price_fen FROM listings WHERE sku = 'SKU-1'`)).toEqual([{ price_fen: 179900 }]);
    expect(rows(dbPath, `SELECT rating FROM orders WHERE order_no = 'O-1'`)).toEqual([{ rating: 2 }]);
  });
});
