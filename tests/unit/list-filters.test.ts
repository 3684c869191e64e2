import { describe, expect, it } from 'vitest';
import { GAP_BANDS, gapBandOf } from '../../src/domain/gap-band.ts';
import { hrefWith, nonEmptyParams } from '../../src/site/format/filter-url.ts';

describe('gap bands', () => {
  it('a band includes its lower bound; no reference is its own band, never a zero gap', () => {
    expect(gapBandOf(null)).toBe('none');
    expect(gapBandOf(0)).toBe('not-over');
    expect(gapBandOf(-2500)).toBe('not-over');
    expect(gapBandOf(1)).toBe('over-0');
    expect(gapBandOf(1999)).toBe('over-0');
    expect(gapBandOf(2000)).toBe('over-20');
    expect(gapBandOf(4999)).toBe('over-20');
    expect(gapBandOf(5000)).toBe('over-50');
    expect(gapBandOf(1_000_000)).toBe('over-50');
  });
  it('every band is reachable', () => {
    expect(new Set([null, -1, 1, 2000, 5000].map(gapBandOf))).toEqual(new Set(GAP_BANDS));
  });
});

describe('filtered list URLs', () => {
  it('drops the empty fields a GET form sends and says so', () => {
    const r = nonEmptyParams(new URLSearchParams('year=&agency=A%2F1&gap_band=&sort=-amount'));
    expect(r.dropped).toBe(true);
    expect(r.params.toString()).toBe('agency=A%2F1&sort=-amount');
    expect(nonEmptyParams(new URLSearchParams('year=2019')).dropped).toBe(false);
  });
  it('changes one parameter and keeps the rest, with no stray "?"', () => {
    const p = new URLSearchParams('agency=A1&page=3');
    expect(hrefWith('/filter/orders/', p, { page: 4 })).toBe('/filter/orders/?agency=A1&page=4');
    expect(hrefWith('/filter/orders/', p, { page: undefined })).toBe('/filter/orders/?agency=A1');
    expect(hrefWith('/filter/orders/', new URLSearchParams(), {})).toBe('/filter/orders/');
    expect(p.get('page')).toBe('3'); // the caller's parameters are not changed
  });
});
