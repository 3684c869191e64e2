import { describe, expect, it } from 'vitest';
import { archiveOf } from '../../src/ingest/load/hash.ts';
import { parseFeedFile } from '../../src/ingest/feed/feed-file.ts';
import { packItems, unpackItems } from '../../src/ingest/feed/worker/pack-items.ts';
import { makeOrder } from '../fixtures/feed-items.ts';

const fileOf = (items: unknown[]) => JSON.stringify({ items, next_cursor: null });

describe('items crossing from the parsing worker', () => {
  it('come back equal after packing and a structured clone, with and without evaluation, bodies as UTF-8', () => {
    const items = parseFeedFile(fileOf([
      makeOrder('O-1'),
      makeOrder('O-2', { evaluation: null, supplier: { id: 'S9', name: '供应商', credit_code: '91422800MA0000001X' } }),
      makeOrder('O-3', {
        evaluation: { rating: 2, comment: null },
        lines: [
          { sku: 'A', title: '甲', brand: null, model: 'M1', spec: 'A4', unit: '包', quantity: 1.5, unit_price: '10.00', amount: '15.00' },
          { title: '乙', unit: '台', quantity: 1, unit_price: '5.00', amount: '5.00' },
        ],
        total: '20.00',
      }),
      makeOrder('O-BAD', { total: 'abc' }),
      makeOrder('O-PENDING', { status: 'pending' }),
    ]), '/x/orders-1.json', 'order', true);
    const packed = packItems(items);
    expect(packed.items.filter(Array.isArray)).toHaveLength(3);
    // As postMessage does it: cloned, with the bodies' buffer moved.
    const back = unpackItems(structuredClone(packed, { transfer: [packed.bodies] }));
    expect(packed.bodies.byteLength).toBe(0);
    const bodiesAsText = back.map((i) =>
      i.ok === true && i.archived && typeof i.archived.body !== 'string'
        ? { ...i, archived: { ...i.archived, body: Buffer.from(i.archived.body).toString('utf8') } }
        : i,
    );
    expect(bodiesAsText).toEqual(items);
  });

  it('carry the names and product fields that orders repeat once per page, by index', () => {
    const items = parseFeedFile(fileOf([makeOrder('O-1'), makeOrder('O-2'), makeOrder('O-3')]), 'f', 'order', true);
    const first = items[0];
    if (first?.ok !== true || first.kind !== 'order') throw new Error('expected an accepted order');
    const packed = packItems(items);
    const repeated = [first.record.buyer.name, first.record.supplier.name, first.record.lines[0]!.title];
    for (const value of repeated) {
      expect(packed.strings.filter((s) => s === value)).toHaveLength(1);
      expect(packed.items.flat().includes(value)).toBe(false);
    }
    // What is unique to an order still travels in its row.
    expect(packed.items.flat()).toContain('O-2');
  });

  it('carry the archived form, not the raw record, of accepted items', () => {
    const [item] = parseFeedFile(fileOf([makeOrder('O-1')]), 'f', 'order', true);
    expect(item).toMatchObject({ ok: true, raw: undefined, archived: { hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const [inProcess] = parseFeedFile(fileOf([makeOrder('O-1')]), 'f', 'order', false);
    if (item?.ok !== true || inProcess?.ok !== true) throw new Error('expected accepted items');
    expect(inProcess.archived).toBeUndefined();
    expect(item.archived).toEqual(archiveOf(inProcess.raw));
    expect(item.archived!.body).not.toContain('contact');
  });
});
