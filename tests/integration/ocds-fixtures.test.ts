import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../src/ingest/core/run.ts';
import { ocdsSource } from '../../src/ingest/ocds/ocds-source.ts';
import { DATA_TABLES, dumpTables } from '../fixtures/db-dump.ts';

/**
 * Every real OCDS file in tests/fixtures/real/ocds, ingested alone and by folder. The expected
 * figures are computed here from the raw JSON with deliberately plain code that shares
 * nothing with the adapter (no package reader, no merge, no feed schema):
 *   - a "view" of a process is a record's compiledRelease, a package's release, or a bare
 *     release object; views of the same ocid are pooled, contracts keyed by their id;
 *   - a contract is an order when its status is active/terminated (or absent), it has items,
 *     every item has quantity > 0 and unit.value.amount > 0, some view of its ocid names a
 *     buyer (buyer.name or a party with role buyer), and exactly one distinct supplier is
 *     named (contract.suppliers as list or object, else the suppliers of its award);
 *   - an award no contract of its ocid refers to is an order by the same tests;
 *   - lines = items of those orders; agencies = distinct buyer names; suppliers = distinct
 *     supplier ids (id, else identifier.id).
 * The counts are also checked against SOURCE.md where it states them (151 Jalisco contract
 * items; DNCP 21 + 85 contract items).
 */
const FIX = path.resolve('tests/fixtures/real/ocds');
type J = Record<string, any>;

function viewsOf(doc: J): J[] {
  if (Array.isArray(doc.records)) return doc.records.filter((r: J) => r.compiledRelease).map((r: J) => ({ ocid: r.ocid, ...r.compiledRelease }));
  if (Array.isArray(doc.releases)) return doc.releases;
  return doc.ocid ? [doc] : [];
}

function expected(files: string[]) {
  const views = files.flatMap((f) => viewsOf(JSON.parse(fs.readFileSync(f, 'utf8'))));
  const buyerOf = new Map<string, string>();
  const contracts = new Map<string, { c: J; v: J }>();
  const awards = new Map<string, { a: J; v: J }>();
  const referenced = new Set<string>();
  for (const v of views) {
    const b = v.buyer?.name ?? (v.parties ?? []).find((p: J) => (p.roles ?? []).includes('buyer'))?.name;
    if (b && !buyerOf.has(v.ocid)) buyerOf.set(v.ocid, b);
    for (const c of v.contracts ?? []) {
      contracts.set(`${v.ocid}/${c.id}`, { c, v });
      if (c.awardID) referenced.add(`${v.ocid}/${c.awardID}`);
    }
    for (const a of v.awards ?? []) awards.set(`${v.ocid}/${a.id}`, { a, v });
  }
  const supplierIds = (list: J[]) => [...new Set(list.map((s) => s.id ?? s.identifier?.id))];
  const orders: Array<{ key: string; buyer: string; supplier: string; lines: number }> = [];
  const consider = (key: string, holder: J, v: J, suppliers: J[]) => {
    const items: J[] = holder.items ?? [];
    const ok =
      ['active', 'terminated', undefined].includes(holder.status) &&
      items.length > 0 &&
      items.every((i) => i.quantity > 0 && i.unit?.value?.amount > 0) &&
      buyerOf.has(v.ocid) &&
      supplierIds(suppliers).length === 1;
    if (ok) orders.push({ key, buyer: buyerOf.get(v.ocid)!, supplier: supplierIds(suppliers)[0], lines: items.length });
  };
  for (const [key, { c, v }] of contracts) {
    const own = Array.isArray(c.suppliers) ? c.suppliers : c.suppliers ? [c.suppliers] : [];
    const award = (v.awards ?? []).find((a: J) => a.id === c.awardID) ?? awards.get(`${v.ocid}/${c.awardID}`)?.a;
    consider(key, c, v, own.length ? own : award?.suppliers ?? []);
  }
  for (const [key, { a, v }] of awards) if (!referenced.has(key)) consider(key, a, v, a.suppliers ?? []);
  return {
    orders: orders.length,
    lines: orders.reduce((s, o) => s + o.lines, 0),
    agencies: new Set(orders.map((o) => o.buyer)).size,
    suppliers: new Set(orders.map((o) => o.supplier)).size,
  };
}

function counts(dbPath: string) {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      orders: one(`SELECT count(*) AS n FROM orders`),
      lines: one(`SELECT count(*) AS n FROM order_lines WHERE unit_price_fen > 0`),
      agencies: one(`SELECT count(*) AS n FROM agencies`),
      suppliers: one(`SELECT count(*) AS n FROM suppliers`),
      rejects: db.prepare(`SELECT record_key, field, reason FROM rejects`).all() as Array<{ record_key: string; field: string; reason: string }>,
    };
  } finally {
    db.close();
  }
}

const tmpDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ocds-')), 'test.db');
// Contract releases without a buyer are rejected whole when read alone; the reject share
// limit belongs to the run policy, not to what this test measures.
const ingest = (dbPath: string, input: string) =>
  runIngest({ dbPath, sources: [ocdsSource(input, { id: 'ocds:test' })], maxRejectShare: 1, categoriesFile: '/nonexistent' });

const folders = fs.readdirSync(FIX).filter((d) => fs.statSync(path.join(FIX, d)).isDirectory()).sort();
const files = folders.flatMap((d) => fs.readdirSync(path.join(FIX, d)).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(FIX, d, f)));

describe('OCDS fixtures: counts match an independent reading of the raw JSON', () => {
  it('finds the fixture files', () => {
    expect(files.length).toBe(22); // 15 Jalisco + 7 DNCP
  });

  for (const file of files) {
    it(`${path.relative(FIX, file)}`, async () => {
      const dbPath = tmpDb();
      const report = await ingest(dbPath, file);
      expect(report.status, report.error).toBe('ok');
      const got = counts(dbPath);
      expect({ orders: got.orders, lines: got.lines, agencies: got.agencies, suppliers: got.suppliers }).toEqual(expected([file]));
      for (const r of got.rejects) expect(r.reason.length).toBeGreaterThan(r.field.length + 10);
    });
  }

  for (const folder of [...folders, '.']) {
    it(`folder ${folder}: releases of one process merge with its record; a second ingest changes nothing`, async () => {
      const dir = path.join(FIX, folder);
      const inside = files.filter((f) => f.startsWith(dir + path.sep));
      const dbPath = tmpDb();
      const first = await ingest(dbPath, dir);
      expect(first.status, first.error).toBe('ok');
      const got = counts(dbPath);
      expect({ orders: got.orders, lines: got.lines, agencies: got.agencies, suppliers: got.suppliers }).toEqual(expected(inside));
      expect(got.rejects).toEqual([]);
      const before = dumpTables(dbPath, DATA_TABLES);
      expect((await ingest(dbPath, dir)).status).toBe('ok');
      expect(dumpTables(dbPath, DATA_TABLES)).toEqual(before);
    });
  }

  it('agrees with SOURCE.md: 151 Jalisco contract items, 21 + 85 DNCP contract items, MXN and PYG kept', async () => {
    const dbPath = tmpDb();
    expect((await ingest(dbPath, FIX)).status).toBe('ok');
    const db = new BetterSqlite3(dbPath, { readonly: true });
    const rows = db.prepare(`SELECT o.currency, count(*) AS n FROM order_lines l JOIN orders o USING (order_no) GROUP BY 1 ORDER BY 1`).all();
    const calc = db.prepare(`SELECT l.unit_price_fen, l.quantity, l.unit, o.total_fen FROM order_lines l JOIN orders o USING (order_no) WHERE o.order_no = ?`).get('ocds-xs1qbl-SFIN-03-0011-00-2017/3-64180');
    const dncp = db.prepare(`SELECT agency_id, supplier_id, placed_at, total_fen FROM orders WHERE order_no = ?`).get('ocds-03ad3f-277004/277004-data-lab-sa-5');
    db.close();
    expect(rows).toEqual([{ currency: 'MXN', n: 151 }, { currency: 'PYG', n: 21 + 85 }]);
    // The calculator: 30 × 981.00 MXN before VAT; the published 34,138.80 includes 16 % VAT.
    expect(calc).toEqual({ unit_price_fen: 98100, quantity: 30, unit: 'PIEZA', total_fen: 2943000 });
    // 2015-07-14T12:00-04:00 is midnight in Shanghai, where every stored timestamp lives.
    expect(dncp).toEqual({ agency_id: 'ocds-03ad3f/name:Municipalidad de Asunción', supplier_id: 'ocds-03ad3f/80030218-4', placed_at: '2015-07-15T00:00:00+08:00', total_fen: 140002950000 });
  });
});
