import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileReleases, mergeInto } from '../../src/ingest/ocds/merge.ts';
import type { SourceItem } from '../../src/ingest/core/source.ts';
import { ocdsSource } from '../../src/ingest/ocds/ocds-source.ts';

async function collect(src: { items(): AsyncIterable<SourceItem> }): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const i of src.items()) out.push(i);
  return out;
}
function write(name: string, content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-unit-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const item = (id: string, amount: unknown, quantity = 2, currency = 'MXN') => ({ id, description: `  item ${id}  `, quantity, unit: { name: 'PIEZA   ', value: { amount, currency } } });
const release = (over: Record<string, unknown> = {}) => ({
  ocid: 'ocds-abc123-1', id: 'r1', date: '2018-01-01T00:00:00Z', tag: ['contract'],
  buyer: { id: 'B1', name: 'Buyer One' },
  parties: [{ id: 'B1', name: 'Buyer One', roles: ['buyer'] }, { id: 'S1', name: 'Seller One', roles: ['supplier'] }],
  awards: [{ id: 'A1', date: '2017-06-01T00:00:00Z', status: 'active', suppliers: [{ id: 'S1', name: 'Seller One' }] }],
  contracts: [{ id: 'C1', awardID: 'A1', status: 'active', dateSigned: '2017-06-16T12:00:00Z', value: { amount: 99, currency: 'MXN' }, items: [item('i1', 10.5), item('i2', 3)] }],
  ...over,
});

describe('OCDS merge', () => {
  it('merges objects recursively and id-keyed arrays by id; newest wins; null removes', () => {
    const a = { tag: ['tender'], tender: { title: 'old', x: 1 }, contracts: [{ id: 'C1', status: 'pending', items: [{ id: 'i', quantity: 1 }] }] };
    const b = { tag: ['contract'], tender: { title: 'new', x: null }, contracts: [{ id: 'C1', status: 'active' }, { id: 'C2' }] };
    expect(mergeInto(a, b)).toEqual({ tag: ['contract'], tender: { title: 'new' }, contracts: [{ id: 'C1', status: 'active', items: [{ id: 'i', quantity: 1 }] }, { id: 'C2' }] });
    const entries = [
      { ocid: 'o', origin: 'b', compiled: false, release: { date: '2018-02-01T00:00:00Z', v: 'newer' } },
      { ocid: 'o', origin: 'a', compiled: false, release: { date: '2018-01-01T00:00:00Z', v: 'older', w: 1 } },
    ];
    expect(compileReleases(entries)).toEqual({ date: '2018-02-01T00:00:00Z', v: 'newer', w: 1 });
  });
});

describe('ocdsSource', () => {
  it('maps a contract to an order: unit prices per unit, derived amounts and total, prefixed party ids, Shanghai times', async () => {
    const items = await collect(ocdsSource(write('p.json', { releases: [release()] })));
    expect(items).toHaveLength(1);
    const o = items[0]!;
    expect(o.ok).toBe(true);
    if (o.ok !== true || o.kind !== 'order') throw new Error('expected an order');
    expect(o.key).toBe('ocds-abc123-1/C1');
    expect(o.record).toMatchObject({
      buyer: { id: 'ocds-abc123/B1', name: 'Buyer One' }, supplier: { id: 'ocds-abc123/S1', name: 'Seller One' },
      placed_at: '2017-06-16T20:00:00+08:00', completed_at: '2017-06-16T20:00:00+08:00', updated_at: '2018-01-01T08:00:00+08:00',
      currency: 'MXN', total_fen: 2700,
      lines: [
        { line_no: 1, title: 'item i1', unit: 'PIEZA', quantity: 2, unit_price_fen: 1050, amount_fen: 2100 },
        { line_no: 2, title: 'item i2', unit: 'PIEZA', quantity: 2, unit_price_fen: 300, amount_fen: 600 },
      ],
    });
    expect(o.raw).toMatchObject({ ocid: 'ocds-abc123-1', contract: 'C1', published_value: { amount: 99, currency: 'MXN' } });
  });

  it('rejects the whole order when one item has a zero or missing unit price, naming the OCDS path', async () => {
    const r = release({ contracts: [{ ...release().contracts[0], items: [item('i1', 10), item('i2', 0), item('i3', null)] }] });
    const [o] = await collect(ocdsSource(write('p.json', { releases: [r] })));
    expect(o).toMatchObject({ ok: false, key: 'ocds-abc123-1/C1' });
    const issues = (o as Extract<SourceItem, { ok: false }>).issues;
    expect(issues.map((i) => i.field)).toEqual(['contracts[id=C1].items[1].unit.value.amount', 'contracts[id=C1].items[2].unit.value.amount']);
    expect(issues[0]!.reason).toMatch(/^is 0: a free item and a missing price look the same/);
    expect(issues[1]!.reason).toBe('is missing: the item has no unit price');
  });

  it('reads suppliers given as an object, a buyer without id or parties, and rejects two sellers or mixed currencies', async () => {
    const dncp = release({
      buyer: { name: 'Municipalidad' }, parties: undefined,
      contracts: [
        { id: 'C1', awardID: 'A1', status: 'active', dateSigned: '2015-07-14T12:00:00-04:00', suppliers: { name: 'DATA LAB SA', identifier: { id: '80030218-4' } }, items: [item('i1', 100, 1, 'PYG')] },
        { id: 'C2', awardID: 'A2', status: 'active', dateSigned: '2015-07-14T12:00:00-04:00', items: [item('i1', 100, 1, 'PYG')] },
        { id: 'C3', awardID: 'A1', status: 'active', dateSigned: '2015-07-14T12:00:00-04:00', suppliers: { name: 'X', identifier: { id: '1' } }, items: [item('i1', 1, 1, 'PYG'), item('i2', 1, 1, 'USD')] },
        { id: 'C4', awardID: 'A1', status: 'cancelled', items: [item('i1', 1)] },
      ],
      awards: [
        { id: 'A1', status: 'active', suppliers: [] },
        { id: 'A2', status: 'active', suppliers: [{ name: 'P', identifier: { id: '1' } }, { name: 'Q', identifier: { id: '2' } }] },
      ],
    });
    const items = await collect(ocdsSource(write('p.json', dncp)));
    expect(items.map((i) => [i.key, i.ok])).toEqual([
      ['ocds-abc123-1/C1', true], ['ocds-abc123-1/C2', false], ['ocds-abc123-1/C3', false], ['ocds-abc123-1/C4', 'skipped'],
    ]);
    expect((items[0] as Extract<SourceItem, { ok: true; kind: 'order' }>).record).toMatchObject({
      buyer: { id: 'ocds-abc123/name:Municipalidad' }, supplier: { id: 'ocds-abc123/80030218-4', name: 'DATA LAB SA' }, currency: 'PYG', total_fen: 10000,
    });
    expect((items[1] as Extract<SourceItem, { ok: false }>).issues).toEqual([
      { field: 'awards[id=A2].suppliers', reason: 'name 2 suppliers; an order has one seller and the items do not say who sold which' },
    ]);
    expect((items[2] as Extract<SourceItem, { ok: false }>).issues[0]!.reason).toMatch(/mix currencies \(PYG, USD\)/);
  });

  it('merges JSON Lines releases of one ocid (newest wins); an award without contract is an order of its own', async () => {
    const older = release({ id: 'r1', date: '2018-01-01T00:00:00Z', contracts: [{ ...release().contracts[0], items: [item('i1', 5)] }] });
    const newer = { ocid: 'ocds-abc123-1', id: 'r2', date: '2018-03-01T00:00:00Z', contracts: [{ id: 'C1', items: [{ id: 'i1', unit: { value: { amount: 6 } } }] }] };
    const awardOnly = release({ ocid: 'ocds-abc123-2', contracts: [], awards: [{ id: 'A9', date: '2017-05-05', status: 'active', suppliers: [{ id: 'S1' }], items: [item('x', 1)] }] });
    const file = write('r.jsonl', [JSON.stringify(newer), '', JSON.stringify(older), '{not json', JSON.stringify(awardOnly)].join('\n'));
    const items = await collect(ocdsSource(file));
    expect(items.map((i) => [i.key, i.ok])).toEqual([['ocds-abc123-1/C1', true], ['ocds-abc123-2/A9', true], ['r.jsonl#4', false]]);
    const c1 = items[0] as Extract<SourceItem, { ok: true; kind: 'order' }>;
    expect(c1.record.lines[0]).toMatchObject({ unit_price_fen: 600, unit: 'PIEZA' });
    expect(c1.record.updated_at).toBe('2018-03-01T08:00:00+08:00');
    const a9 = items[1] as Extract<SourceItem, { ok: true; kind: 'order' }>;
    expect(a9.record).toMatchObject({ placed_at: '2017-05-05T00:00:00+08:00', supplier: { name: 'Seller One' } });
  });

  it('reports records that only link their releases, and reads a URL', async () => {
    const linked = { records: [{ ocid: 'ocds-abc123-7', releases: [{ url: 'https://x/1.json', date: '2018-01-01', tag: ['tender'] }] }] };
    const [r] = await collect(ocdsSource(write('rec.json', linked)));
    expect(r).toMatchObject({ ok: false, key: 'ocds-abc123-7', issues: [{ field: 'releases', reason: expect.stringMatching(/only links .* download the linked releases/) }] });

    const fetchStub = (async () => new Response(JSON.stringify({ releases: [release()] }), { headers: { 'content-type': 'application/json' } })) as typeof fetch;
    const items = await collect(ocdsSource('https://example.org/ocds/package.json', { fetch: fetchStub }));
    expect(items.map((i) => [i.key, i.ok])).toEqual([['ocds-abc123-1/C1', true]]);
    const failing = (async () => new Response('nope', { status: 503 })) as typeof fetch;
    await expect(collect(ocdsSource('https://example.org/x.json', { fetch: failing }))).rejects.toThrow(/HTTP 503/);
  });
});
