import { describe, expect, it } from 'vitest';
import { evidenceItems } from '../../src/format/evidence.ts';
import { safeHttpUrl } from '../../src/format/url.ts';

describe('evidenceItems', () => {
  it('labels money, percentages, links and nested prices', () => {
    const items = evidenceItems(JSON.stringify({
      unit_price_fen: 15900, gap_bp: 3361, ref_retailer: 'jd', ref_url: 'https://item.jd.com/1.html',
      order_nos: ['A1', 'B/2'], before: { day: '2018-07-01', price_fen: 173000 },
    }));
    const byKey = Object.fromEntries(items.map((i) => [i.key, i]));
    expect(byKey.unit_price_fen!.parts[0]!.text).toBe('¥159.00');
    expect(byKey.gap_bp!.parts[0]!.text).toBe('+33.6%');
    expect(byKey.ref_retailer!.parts[0]!.text).toBe('京东');
    expect(byKey.ref_url!.parts[0]).toMatchObject({ href: 'https://item.jd.com/1.html', external: true });
    expect(byKey.order_nos!.parts.map((p) => p.href)).toEqual(['/orders/A1/', '/orders/B~2F2/']);
    expect(byKey.before!.parts[0]!.text).toBe('2018-07-01 ¥1,730.00');
  });
  it('never turns a javascript: URL into a link and survives bad JSON', () => {
    const [item] = evidenceItems(JSON.stringify({ ref_url: 'javascript:alert(1)' }));
    expect(item!.parts[0]!.href).toBeUndefined();
    expect(evidenceItems('{oops')[0]!.parts[0]!.text).toBe('{oops');
    expect(safeHttpUrl('data:text/html,x')).toBeNull();
    expect(safeHttpUrl(' https://a.example/x ')).toBe('https://a.example/x');
  });
});

import { brandParts, keywordList, modelVariants, shortOrgName } from '../../src/format/keywords.ts';
import { sortAmount, sortGap } from '../../src/format/pagefind.ts';

describe('search keywords and sort keys', () => {
  it('splits brands and normalises models', () => {
    expect(brandParts('惠普（HP）')).toEqual(['惠普（HP）', '惠普', 'HP']);
    expect(modelVariants('LaserJet Pro M202dw')).toEqual(['LaserJet Pro M202dw', 'M202dw', 'M202DW', 'LASERJETPROM202DW']);
    expect(modelVariants('KX-FL323CN')).toContain('KXFL323CN');
    expect(shortOrgName('示例办公设备有限公司')).toEqual(['示例办公设备']);
    expect(shortOrgName('示例州教育局')).toEqual([]);
    expect(keywordList(['a', ' a '], 'b', null)).toEqual(['a', 'b']);
  });
  it('gives fixed-width sort keys that sort the same as text and as numbers', () => {
    expect(sortAmount(173000)).toBe('000000000173000');
    const gaps = [-10000, -694, 0, 753, 3361, null].map(sortGap);
    expect([...gaps].sort()).toEqual([gaps[5], gaps[0], gaps[1], gaps[2], gaps[3], gaps[4]]);
    expect(gaps.map(Number)).toEqual([...gaps].map(Number));
    expect(sortGap(-694)).toBe('00999306');
  });
});
