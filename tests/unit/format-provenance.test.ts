import { describe, expect, it } from 'vitest';
import { csvRows, formatRows, ocidPublisherPrefix, parseProvenance, sourceKind } from '../../src/db/queries/provenance.ts';

// Archived bodies in the shapes the adapters write (src/ingest/ocds/to-order.ts, src/ingest/csv/orders.ts).
const OCDS_BODY = JSON.stringify({
  contract: '21-63970', date_from: 'dateSigned', ocid: 'ocds-xs1qbl-02-0070-00-2017',
  order: { order_no: 'ocds-xs1qbl-02-0070-00-2017/21-63970', currency: 'MXN', lines: [] },
  published_value: { amount: 20000, currency: 'MXN' }, release_date: '2018-01-18T04:39:56Z',
  sources: ['records_ocds-xs1qbl-02-0070-00-2017.json'],
});
const CSV_BODY = JSON.stringify({
  source_rows: ['orders.csv#2', 'order-lines.csv#4', 'order-lines.csv#3', 'order-lines.csv#7'],
  derived: ['lines[0].amount', 'total'], order: { order_no: 'C-1' },
});

describe('parseProvenance', () => {
  it('reads the ocid, its publisher prefix, the contract and the files of an OCDS record', () => {
    const p = parseProvenance('ocds:tests/fixtures/real/ocds/mexico-jalisco', OCDS_BODY);
    expect(p).toEqual({
      kind: 'ocds', source: 'ocds:tests/fixtures/real/ocds/mexico-jalisco',
      ocds: {
        ocid: 'ocds-xs1qbl-02-0070-00-2017', prefix: 'ocds-xs1qbl', publisher: null, contract: '21-63970', award: null,
        dateFrom: 'dateSigned', releaseDate: '2018-01-18T04:39:56Z', files: ['records_ocds-xs1qbl-02-0070-00-2017.json'],
      },
    });
    const named = parseProvenance('ocds:x', JSON.stringify({ ocid: 'ocds-03ad3f-277004', award: 'A1', publisher: { name: 'DNCP' } }));
    expect(named.ocds).toMatchObject({ publisher: 'DNCP', award: 'A1', contract: null, prefix: 'ocds-03ad3f' });
  });

  it('reads the files and rows of a CSV export, grouped and sorted', () => {
    const p = parseProvenance('csv:exports/2019', CSV_BODY);
    expect(p.kind).toBe('csv');
    expect(p.csv).toEqual({
      files: [{ file: 'orders.csv', rows: [2] }, { file: 'order-lines.csv', rows: [3, 4, 7] }],
      derived: ['lines[0].amount', 'total'],
    });
  });

  it('keeps only the source id for the feed, a missing record or a body it cannot read', () => {
    expect(parseProvenance('feed:data/sample', JSON.stringify({ order_no: 'ES1', lines: [] }))).toEqual({ kind: 'feed', source: 'feed:data/sample' });
    expect(parseProvenance('ocds:x', null)).toEqual({ kind: 'ocds', source: 'ocds:x' });
    expect(parseProvenance('csv:x', '{oops')).toEqual({ kind: 'csv', source: 'csv:x' });
    // A feed order whose body happens to have an "ocid" field is still a feed order.
    expect(parseProvenance('feed:x', OCDS_BODY).kind).toBe('feed');
    expect(parseProvenance('mystery', OCDS_BODY).kind).toBe('ocds');
  });

  it('helpers', () => {
    expect(sourceKind('OCDS:https://example.org/x')).toBe('ocds');
    expect(sourceKind('retail:x')).toBe('unknown');
    expect(ocidPublisherPrefix('ocds-03ad3f-277004')).toBe('ocds-03ad3f');
    expect(ocidPublisherPrefix('local-1')).toBeNull();
    expect(csvRows(['a.csv#3', 'bad', 'a.csv#3', 'b#x.csv#1'])).toEqual([{ file: 'a.csv', rows: [3] }, { file: 'b#x.csv', rows: [1] }]);
    expect(formatRows([2, 3, 4, 7, 9, 10])).toBe('2–4、7、9–10');
    expect(formatRows([])).toBe('');
  });
});
