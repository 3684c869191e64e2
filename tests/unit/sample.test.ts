import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { feedListingSchema } from '../../src/ingest/feed/listing-schema.ts';
import { feedOrderSchema, orderLifecycle } from '../../src/ingest/feed/order-schema.ts';
import { toFieldIssues } from '../../src/ingest/core/field-validators.ts';
import { generateSample, type Sample } from '../../tools/sample/generate.ts';

type Rec = Record<string, unknown>;

const SAMPLE_DIR = path.resolve('data/sample');
let sample: Sample;

const items = (s: Sample, prefix: string): Rec[] =>
  s.files.filter((f) => f.name.startsWith(prefix) && f.name.endsWith('.json')).flatMap((f) => (JSON.parse(f.content) as { items: Rec[] }).items);

beforeAll(() => {
  sample = generateSample();
});

describe('sample generator', () => {
  it('is deterministic: the same options give byte-identical files', () => {
    const again = generateSample();
    expect(again.files.map((f) => f.name)).toEqual(sample.files.map((f) => f.name));
    for (const [i, f] of again.files.entries()) expect(f.content, f.name).toBe(sample.files[i]?.content);
    expect(again.categories).toBe(sample.categories);
  });

  it('matches the committed data/sample and data/categories.json (regenerate with `npm run sample`)', () => {
    for (const f of sample.files) expect(fs.readFileSync(path.join(SAMPLE_DIR, f.name), 'utf8'), f.name).toBe(f.content);
    const pagesOnDisk = fs.readdirSync(SAMPLE_DIR).filter((n) => /^(listings|orders)-\d+\.json$/.test(n));
    expect(pagesOnDisk.sort()).toEqual(sample.files.map((f) => f.name).filter((n) => /^(listings|orders)-/.test(n)));
    expect(fs.readFileSync(path.resolve('data/categories.json'), 'utf8')).toBe(sample.categories);
  });

  it('pages are envelopes of at most 500 items whose next_cursor names the next page', () => {
    for (const prefix of ['listings', 'orders']) {
      const pages = sample.files.filter((f) => f.name.startsWith(`${prefix}-`));
      pages.forEach((p, i) => {
        const env = JSON.parse(p.content) as { items: unknown[]; next_cursor: string | null };
        expect(env.items.length).toBeLessThanOrEqual(500);
        expect(env.next_cursor).toBe(i + 1 < pages.length ? pages[i + 1]?.name : null);
      });
    }
    const bytes = sample.files.reduce((t, f) => t + Buffer.byteLength(f.content), 0);
    expect(bytes).toBeLessThan(5_000_000);
  });

  it('has the shape of DESIGN §11: ~1,000 listings, 32 suppliers, 135 agencies, 2,000–3,000 orders', () => {
    const listings = items(sample, 'listings');
    const orders = items(sample, 'orders');
    const skus = new Set(listings.map((l) => l.sku));
    expect(skus.size).toBeGreaterThanOrEqual(950);
    expect(skus.size).toBeLessThanOrEqual(1100);
    expect(new Set(listings.map((l) => (l.supplier as Rec).id)).size).toBe(32);
    expect(sample.summary.agencies).toBe(135);
    const buyers = new Set(orders.map((o) => (o.buyer as Rec).id));
    expect(buyers.size).toBeGreaterThan(120);
    expect(buyers.size).toBeLessThanOrEqual(135);
    const orderNos = new Set(orders.map((o) => o.order_no).filter(Boolean));
    expect(orderNos.size).toBeGreaterThanOrEqual(2000);
    expect(orderNos.size).toBeLessThanOrEqual(3000);
    expect(sample.categories).toContain('"A090101"');
    expect(JSON.parse(sample.categories)).toHaveLength(12);
  });

  it('every record passes the real validators except the planted bad ones, which fail on the stated field', () => {
    const badByKey = new Map(sample.bad.filter((b) => b.kind !== 'retail').map((b) => [JSON.stringify(b.record?.body), b]));
    const seenBad = new Set<string>();
    let completed = 0;
    for (const o of items(sample, 'orders')) {
      expect(o.contact, 'every order carries contact data for redaction').toMatchObject({ name: expect.any(String), phone: expect.any(String) });
      const { contact: _c, ...rest } = o;
      const bad = badByKey.get(JSON.stringify(o));
      const r = feedOrderSchema.safeParse(rest);
      if (bad) {
        seenBad.add(bad.id);
        // The status is read before the schema (it decides which schema applies).
        const fields = orderLifecycle(o.status) === undefined ? ['status'] : r.success ? [] : toFieldIssues(r.error).map((i) => i.field);
        expect(fields, bad.id).toContain(bad.field);
      } else if (o.status === 'completed') {
        expect(r.success ? 'ok' : JSON.stringify(toFieldIssues(r.error)), String(o.order_no)).toBe('ok');
        completed++;
      } else {
        expect(orderLifecycle(o.status), String(o.order_no)).toBeDefined();
      }
    }
    for (const l of items(sample, 'listings')) {
      const bad = badByKey.get(JSON.stringify(l));
      const r = feedListingSchema.safeParse(l);
      if (bad) {
        seenBad.add(bad.id);
        expect(r.success, bad.id).toBe(false);
        if (!r.success) expect(toFieldIssues(r.error).map((i) => i.field), bad.id).toContain(bad.field);
      } else {
        expect(r.success ? 'ok' : JSON.stringify(toFieldIssues(r.error)), String(l.sku)).toBe('ok');
      }
    }
    expect([...seenBad].sort()).toEqual(sample.bad.filter((b) => b.kind !== 'retail').map((b) => b.id).sort());
    expect(completed).toBeGreaterThan(2000);
  });

  it('plants every flag rule, with expected flags that name real orders', () => {
    const planted = JSON.parse(sample.files.find((f) => f.name === 'planted.json')?.content ?? '{}') as {
      expected_flags: { rule: string; order_no: string }[];
      rejects: { field: string }[];
    };
    const rules = new Set(planted.expected_flags.map((f) => f.rule));
    for (const r of ['price-above-retail', 'order-over-cap', 'annual-over-cap', 'split-order', 'price-hike', 'price-discrimination', 'low-rating']) {
      expect(rules, r).toContain(r);
    }
    const orderNos = new Set(items(sample, 'orders').map((o) => o.order_no));
    for (const f of planted.expected_flags) expect(orderNos, f.order_no).toContain(f.order_no);
    expect(planted.rejects.length).toBeGreaterThanOrEqual(10);
    expect(planted.rejects.length).toBeLessThanOrEqual(20);
  });

  it('keeps the two public facts and the retail rows analysis needs', () => {
    const orders = items(sample, 'orders');
    const first = orders.find((o) => o.placed_at === '2018-06-30T09:12:00+08:00');
    expect(first?.total).toBe('150.00');
    expect(orders.every((o) => typeof o.placed_at !== 'string' || o.placed_at >= '2018-06-30T09:12')).toBe(true);
    const csv = sample.files.find((f) => f.name === 'retail-observations.csv')?.content ?? '';
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe('retailer,brand,model,title,spec,unit,price,observed_at,url,self_operated,gtin,currency,price_kind');
    expect(rows.some((r) => r.startsWith('suning,') && r.includes(',M202dw,') && r.includes(',1859.00,2018-07-03,'))).toBe(true);
    expect(rows.filter((r) => r.endsWith(',list')).length).toBeGreaterThan(3);
    expect(rows.some((r) => r.includes(',true,')) && rows.some((r) => r.includes(',false,'))).toBe(true);
  });

  it('scales for benchmarks: more orders give more listings, suppliers and agencies', () => {
    const big = generateSample({ orders: 5000 });
    expect(big.summary.suppliers).toBe(64);
    expect(big.summary.agencies).toBe(270);
    expect(big.summary.listings).toBeGreaterThan(sample.summary.listings * 1.7);
    expect(big.summary.orders).toBeGreaterThan(4500);
  });
});
