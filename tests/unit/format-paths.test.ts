import { describe, expect, it } from 'vitest';
import { agencyPath, idSegment, listPagePath, orderPath, segmentId } from '../../src/format/paths.ts';

describe('id segments', () => {
  it('keeps ordinary ids readable', () => {
    expect(idSegment('ES20180630001')).toBe('ES20180630001');
    expect(idSegment('A02010601')).toBe('A02010601');
    expect(idSegment('v1.2')).toBe('v1.2');
    expect(orderPath('ES20180630001')).toBe('/orders/ES20180630001/');
  });
  it('escapes path-breaking characters reversibly', () => {
    for (const id of ['a/b', '../etc', '.hidden', 'x?y#z', '50%', 'a~b', '恩施州财政局', 'a b', '']) {
      const seg = idSegment(id);
      expect(seg).not.toMatch(/[/?#% ]/);
      expect(seg.startsWith('.')).toBe(false);
      expect(segmentId(seg)).toBe(id);
    }
    expect(idSegment('a/b')).toBe('a~2Fb');
  });
  it('percent-encodes non-ASCII in hrefs', () => {
    expect(agencyPath('财政局')).toBe(`/agencies/${encodeURIComponent('财政局')}/`);
    expect(listPagePath('/orders/', 1)).toBe('/orders/');
    expect(listPagePath('/orders/by-amount/', 3)).toBe('/orders/by-amount/page/3/');
  });
});
