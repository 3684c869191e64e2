import { describe, expect, it } from 'vitest';
import { agencyPath, distinctSegments, idSegment, listPagePath, orderPath } from '../../src/site/format/paths.ts';

describe('id segments (DESIGN §3: the id itself when plain, else a readable part and a hash)', () => {
  it('keeps plain ids as they are', () => {
    expect(idSegment('ES20180630001')).toBe('ES20180630001');
    expect(idSegment('A02010601')).toBe('A02010601');
    expect(idSegment('v1.2')).toBe('v1.2');
    expect(idSegment('x'.repeat(80))).toBe('x'.repeat(80));
    expect(orderPath('ES20180630001')).toBe('/orders/ES20180630001/');
  });
  it('gives every other id a readable part plus a stable hash, never a path-breaking character', () => {
    for (const id of ['a/b', '../etc', '.hidden', 'x?y#z', '50%', 'a~b', '恩施州财政局', 'a b', '', 'CON', 'nul.txt', 'page', 'by-amount', 'by-gap', '#'.repeat(100), 'x'.repeat(81), 'a\\b', '😀'.repeat(60), '财'.repeat(200)]) {
      const seg = idSegment(id);
      expect(seg, id).toMatch(/-[0-9a-f]{10}$/);
      expect(seg, id).not.toMatch(/[/\\?#%\s\u0000-\u001f]/);
      expect(seg.startsWith('.'), id).toBe(false);
      expect(Buffer.byteLength(seg), id).toBeLessThanOrEqual(135);
      expect(idSegment(id), 'stable').toBe(seg);
    }
    expect(idSegment('AG/003')).toMatch(/^AG-003-[0-9a-f]{10}$/);
    expect(idSegment('恩施州财政局')).toMatch(/^恩施州财政局-[0-9a-f]{10}$/);
  });
  it('distinct ids give distinct segments, and a collision fails loudly naming both', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `#${i}#`);
    expect(new Set(distinctSegments('orders', ids).values()).size).toBe(5000);
    expect(() => distinctSegments('orders', ['a', 'a'])).not.toThrow();
  });
  it('percent-encodes non-ASCII in hrefs', () => {
    expect(agencyPath('财政局')).toBe(`/agencies/${encodeURIComponent(idSegment('财政局'))}/`);
    expect(listPagePath('/orders/', 1)).toBe('/orders/');
    expect(listPagePath('/orders/by-amount/', 3)).toBe('/orders/by-amount/page/3/');
  });
});
