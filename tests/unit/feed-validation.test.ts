import { describe, expect, it } from 'vitest';
import { parseFeedListing, parseFeedOrder } from '../../src/ingest/feed/feed-records.ts';
import { makeListing, makeOrder } from '../fixtures/feed-items.ts';

const issuesOf = (item: ReturnType<typeof parseFeedOrder>) => (item.ok === false ? item.issues : []);

describe('feed order validation', () => {
  it('accepts a valid order and normalises money, dates and lines', () => {
    const item = parseFeedOrder(makeOrder('O-1'), 'orders.json#1');
    expect(item.ok).toBe(true);
    if (item.ok !== true || item.kind !== 'order') return;
    expect(item.record).toMatchObject({
      order_no: 'O-1', total_fen: 346000, currency: 'CNY', placed_at: '2018-07-02T10:00:00+08:00',
      lines: [{ line_no: 1, quantity: 2, unit_price_fen: 173000, amount_fen: 346000 }],
    });
  });
  it.each([
    [{ total: 'abc' }, 'total', /not a decimal amount/],
    [{ placed_at: '2019-02-30T10:00:00' }, 'placed_at', /not a real date/],
    [{ buyer: { id: 'A1' } }, 'buyer.name', /is missing/],
    [{ lines: [] }, 'lines', /has no lines/],
    [{ lines: [{ title: 't', unit: '台', quantity: { n: 1 }, unit_price: '1', amount: '1' }], total: '1' }, 'lines[0].quantity', /not a number/],
    [{ lines: [{ title: 't', unit: '台', quantity: -1, unit_price: '1', amount: '-1' }], total: '1' }, 'lines[0].quantity', /greater than zero/],
    [{ lines: [{ title: 't', unit: '台', quantity: 2, unit_price: '10.00', amount: '25.00' }], total: '25.00' }, 'lines[0].amount', /unit_price × quantity is 20\.00/],
    [{ total: '100.00' }, 'total', /lines add up to 3460\.00/],
    [{ completed_at: '2018-07-01T00:00:00' }, 'completed_at', /before placed_at/],
    [{ evaluation: { rating: 6, comment: '' } }, 'evaluation.rating', /1 to 5/],
    [{ status: 'lost' }, 'status', /"lost", expected completed, refunded, cancelled, returned/],
    [{ buyer: { id: 'A1', name: 42 } }, 'buyer.name', /^must be text, got number$/],
    [{ buyer: { id: 'A1', name: ['x'] } }, 'buyer.name', /^must be text, got array$/],
    [{ buyer: { id: 'A1', name: '   ' } }, 'buyer.name', /^is empty$/],
    [{ supplier: { id: 'S1', name: '供'.repeat(201) } }, 'supplier.name', /^is longer than 200 characters$/],
    [{ supplier: { id: 'S1', name: 'x', credit_code: 12 } }, 'supplier.credit_code', /^must be text, got number$/],
    [{ order_no: 1.5 }, 'order_no', /^must be a text or integer id$/],
    [{ buyer: { id: ' ', name: 'x' } }, 'buyer.id', /^is empty or too long$/],
  ])('rejects %j on %s', (over, field, reason) => {
    const issues = issuesOf(parseFeedOrder(makeOrder('O-1', over), 'orders.json#1'));
    const issue = issues.find((i) => i.field === field);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.reason).toMatch(reason);
  });
  it('trims text, turns blank optional text into null and integer ids into text', () => {
    const item = parseFeedOrder(makeOrder(' O-9 ', {
      buyer: { id: 7, name: ' 示例县教育局 ' },
      lines: [{ sku: '  ', title: ' 打印机 ', brand: null, unit: '台', quantity: '2', unit_price: '1730.00', amount: '3460.00' }],
    }), 'x#1');
    expect(item).toMatchObject({ ok: true, key: 'O-9', record: { buyer: { id: '7', name: '示例县教育局' }, lines: [{ sku: null, title: '打印机', brand: null, model: null, quantity: 2 }] } });
  });
  it('skips orders in progress and reads refunds, cancellations and returns as withdrawals', () => {
    for (const status of ['pending', 'paid', 'shipped', '已发货']) {
      expect(parseFeedOrder(makeOrder('O-1', { status }), 'x#1'), status).toMatchObject({ ok: 'skipped', key: 'O-1' });
    }
    const cases: [string, string][] = [['refunded', 'refunded'], ['cancelled', 'cancelled'], ['closed', 'cancelled'], ['returned', 'returned'], ['已退款', 'refunded'], ['退货', 'returned']];
    for (const [status, meaning] of cases) {
      expect(parseFeedOrder(makeOrder('O-1', { status, lines: [], total: '0' }), 'x#1'), status).toMatchObject({
        kind: 'withdrawal', ok: true, key: 'O-1', record: { order_no: 'O-1', status: meaning },
      });
    }
    // A withdrawal still needs to say which order and when.
    expect(parseFeedOrder(makeOrder('O-1', { status: 'refunded', updated_at: '2019-13-01' }), 'x#1')).toMatchObject({ kind: 'withdrawal', ok: false, issues: [{ field: 'updated_at' }] });
  });
  it('keys a record without its key by file and position', () => {
    expect(parseFeedOrder(makeOrder('', {}), 'orders-0003.json#17')).toMatchObject({ ok: false, key: 'orders-0003.json#17' });
    expect(parseFeedOrder('not an object', 'orders.json#2')).toMatchObject({ ok: false, key: 'orders.json#2' });
  });
});

describe('feed listing validation', () => {
  it('rejects a listing without price or with an unknown status', () => {
    const { price: _p, ...noPrice } = makeListing('L1');
    expect(parseFeedListing(noPrice, 'l#1')).toMatchObject({ ok: false, issues: [{ field: 'price', reason: 'is missing' }] });
    expect(parseFeedListing(makeListing('L1', { status: 'gone' }), 'l#1')).toMatchObject({ ok: false, issues: [{ field: 'status' }] });
  });
  it('accepts numeric prices and ids', () => {
    expect(parseFeedListing(makeListing('L1', { price: 1730, sku: 1001 }), 'l#1')).toMatchObject({ ok: true, key: '1001' });
  });
});
