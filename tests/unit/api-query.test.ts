import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/server/api/errors.ts';
import { parseFlagsQuery } from '../../src/server/api/flags-query.ts';
import { parseOrdersQuery } from '../../src/server/api/orders-query.ts';

const u = (qs: string) => new URL(`http://x/api/orders${qs}`);

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('parseOrdersQuery', () => {
  it('defaults: first page of 50, newest first, JSON', () => {
    expect(parseOrdersQuery(u(''))).toEqual({ page: 1, per_page: 50, sort: 'date', direction: 'desc', format: 'json' });
  });

  it('reads every filter', () => {
    const q = parseOrdersQuery(
      u('?agency=A001&supplier=S01&category=A0202&flag=split-order&from=2018-07-01&to=2018-12-31&min_gap_pct=12.5&q=PO-2018&sort=-amount&page=3&per_page=500&format=csv'),
    );
    expect(q).toEqual({
      agency: 'A001', supplier: 'S01', category: 'A0202', flag: 'split-order', from: '2018-07-01', to: '2018-12-31',
      min_gap_bp: 1250, q: 'PO-2018', sort: 'amount', direction: 'desc', page: 3, per_page: 500, format: 'csv',
    });
  });

  it('sort with order=asc|desc, and "-" prefix', () => {
    expect(parseOrdersQuery(u('?sort=gap'))).toMatchObject({ sort: 'gap', direction: 'asc' });
    expect(parseOrdersQuery(u('?sort=gap&order=desc'))).toMatchObject({ sort: 'gap', direction: 'desc' });
    expect(parseOrdersQuery(u('?sort=-date'))).toMatchObject({ sort: 'date', direction: 'desc' });
    expect(parseOrdersQuery(u('?order=asc'))).toMatchObject({ sort: 'date', direction: 'asc' });
  });

  it.each([
    ['?sort=price', 'sort'],
    ['?sort=-', 'sort'],
    ['?sort=-amount&order=asc', 'order'],
    ['?order=up', 'order'],
    ['?format=xml', 'format'],
    ['?flag=bribery', 'flag'],
    ['?agnecy=A1', 'agnecy'],
    ['?agency=A1&agency=A2', 'agency'],
    ['?agency=', 'agency'],
    ['?from=2019-02-30', 'from'],
    ['?from=20190201', 'from'],
    ['?from=2018-13-01', 'from'],
    ['?to=2018-00-10', 'to'],
    ['?to=yesterday', 'to'],
    ['?from=2019-03-01&to=2019-02-01', 'to'],
    ['?min_gap_pct=abc', 'min_gap_pct'],
    ['?min_gap_pct=12.345', 'min_gap_pct'],
    ['?min_gap_pct=1e3', 'min_gap_pct'],
    ['?min_gap_pct=NaN', 'min_gap_pct'],
    ['?q=' + 'x'.repeat(129), 'q'],
    ['?q=a%00b', 'q'],
  ])('%s → 400 naming %s', (qs, parameter) => {
    const e = errorOf(() => parseOrdersQuery(u(qs)));
    expect(e.status).toBe(400);
    expect(e.parameter).toBe(parameter);
    expect(e.toJSON()).toEqual({ error: expect.any(String), parameter });
  });

  describe('paging has a hard cap and refuses anything that is not a plain whole number', () => {
    it.each([
      ['?per_page=501', 'per_page'],
      ['?per_page=0', 'per_page'],
      ['?per_page=-1', 'per_page'],
      ['?per_page=10.5', 'per_page'],
      ['?per_page=1e2', 'per_page'],
      ['?per_page=0x10', 'per_page'],
      ['?per_page=%2010', 'per_page'],
      ['?page=0', 'page'],
      ['?page=99999999999999999999999999', 'page'],
      ['?page=9007199254740993', 'page'],
      ['?page=1000001', 'page'],
      ['?page=Infinity', 'page'],
    ])('%s → 400', (qs, parameter) => {
      const e = errorOf(() => parseOrdersQuery(u(qs)));
      expect(e.status).toBe(400);
      expect(e.parameter).toBe(parameter);
    });

    it('accepts the edges', () => {
      expect(parseOrdersQuery(u('?per_page=500&page=1000000'))).toMatchObject({ per_page: 500, page: 1_000_000 });
      expect(parseOrdersQuery(u('?per_page=1'))).toMatchObject({ per_page: 1 });
    });
  });

  it('huge and odd numbers for min_gap_pct are refused', () => {
    for (const v of ['1000000000000', '100000.01', '-100.01', '9'.repeat(400)]) {
      expect(errorOf(() => parseOrdersQuery(u(`?min_gap_pct=${v}`))).parameter).toBe('min_gap_pct');
    }
    expect(parseOrdersQuery(u('?min_gap_pct=-5'))).toMatchObject({ min_gap_bp: -500 });
    expect(parseOrdersQuery(u('?min_gap_pct=0.01'))).toMatchObject({ min_gap_bp: 1 });
  });

  it('SQL-looking and Chinese strings are just values', () => {
    const sqlish = `' OR 1=1; DROP TABLE orders; --`;
    expect(parseOrdersQuery(u(`?q=${encodeURIComponent(sqlish)}`)).q).toBe(sqlish);
    expect(parseOrdersQuery(u(`?agency=${encodeURIComponent('恩施州教育局"; --')}`)).agency).toBe('恩施州教育局"; --');
    expect(parseOrdersQuery(u('?category=%25')).category).toBe('%');
  });

  it('error messages do not echo long input back', () => {
    const e = errorOf(() => parseOrdersQuery(u(`?sort=${'z'.repeat(5000)}`)));
    expect(e.message.length).toBeLessThan(200);
  });
});

describe('parseFlagsQuery', () => {
  it('defaults and filters', () => {
    expect(parseFlagsQuery(new URL('http://x/api/flags'))).toEqual({ page: 1, per_page: 50, format: 'json' });
    expect(parseFlagsQuery(new URL('http://x/api/flags?rule=low-rating&agency=A1&supplier=S1&year=2018&per_page=10'))).toEqual({
      rule: 'low-rating', agency: 'A1', supplier: 'S1', year: 2018, page: 1, per_page: 10, format: 'json',
    });
  });

  it.each([
    ['?rule=nope', 'rule'],
    ['?year=18', 'year'],
    ['?year=2018.0', 'year'],
    ['?year=99999999999999999999', 'year'],
    ['?sort=date', 'sort'],
    ['?per_page=1000', 'per_page'],
  ])('%s → 400 naming %s', (qs, parameter) => {
    const e = errorOf(() => parseFlagsQuery(new URL(`http://x/api/flags${qs}`)));
    expect(e.status).toBe(400);
    expect(e.parameter).toBe(parameter);
  });
});
