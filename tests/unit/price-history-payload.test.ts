import { describe, expect, it } from 'vitest';
import { dayMs, priceHistoryPayload } from '../../src/site/components/charts/payload.ts';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

describe('the price history payload', () => {
  const p = priceHistoryPayload(
    [
      { label: '平台挂牌价', points: [{ day: '2018-07-01', price_fen: 173000 }, { day: '2018-07-12', price_fen: 199900 }, { day: '2018-07-12', price_fen: 198000 }] },
      { label: '京东', points: [{ day: '2018-07-09', price_fen: 189900 }] },
    ],
    [{ order_no: 'O1', day: '2018-07-20', agency: '示例局', unit_price_fen: 199900, gapText: '差价 +7.5%' }],
    14,
    yuan,
  );

  it('one point a day per series (the lowest), each line carried to the newest day', () => {
    expect(p.series[0]!.points.map((x) => [x.x, x.y])).toEqual([[dayMs('2018-07-01'), 1730], [dayMs('2018-07-12'), 1980], [dayMs('2018-07-20'), 1980]]);
    expect(p.series[1]!.points.map((x) => x.x)).toEqual([dayMs('2018-07-09'), dayMs('2018-07-20')]);
    expect(p.lastX).toBe(dayMs('2018-07-20'));
  });

  it('purchases carry date, agency, unit price and gap; days are noon UTC (the same day everywhere)', () => {
    expect(p.purchases).toEqual([{ x: dayMs('2018-07-20'), y: 1999, order: 'O1', text: '2018-07-20 示例局 成交单价 ¥1999.00 差价 +7.5%' }]);
    expect(new Date(dayMs('2018-07-20')).toISOString()).toBe('2018-07-20T12:00:00.000Z');
    expect(p.windowDays).toBe(14);
  });
});
