import { describe, expect, it } from 'vitest';
import { REDACTED, redactText } from '../../src/domain/redact.ts';
import { quoteValue, safeReason } from '../../src/domain/reason.ts';
import { keepAllowed, ORDER_RULES, RETAIL_RULES } from '../../src/ingest/core/allow-list.ts';

describe('redactText: every writing of a phone, ID, e-mail or card number', () => {
  const pii: [string, string][] = [
    ['mobile', '13812345678'],
    ['mobile with spaces', '138 1234 5678'],
    ['mobile with hyphens', '138-1234-5678'],
    ['mobile with dots', '138.1234.5678'],
    ['mobile in full-width digits', '１３８１２３４５６７８'],
    ['mobile with +86', '+86 13812345678'],
    ['mobile with (+86)', '(+86)138-1234-5678'],
    ['mobile with 0086', '0086 13812345678'],
    ['landline with hyphen', '0718-8221234'],
    ['landline with (area code)', '(0718)8221234'],
    ['landline with full-width brackets', '（0718）8221234'],
    ['landline in full-width', '（０７１８）８２２１２３４'],
    ['Beijing landline grouped', '010 6512 3456'],
    ['400 number', '400-123-4567'],
    ['800 number', '800 820 8820'],
    ['18-digit ID', '42280119800101123X'],
    ['18-digit ID lower-case x', '42280119800101123x'],
    ['18-digit ID grouped', '422801 19800101 123X'],
    ['15-digit ID', '422801800101123'],
    ['e-mail', 'zhang.san+gov@example.com.cn'],
    ['e-mail with full-width at', 'lisi＠example.cn'],
    ['bank card', '6222021234567890123'],
    ['bank card grouped', '6222 0212 3456 7890'],
  ];
  for (const [what, value] of pii) {
    it(`scrubs a ${what}`, () => {
      const r = redactText(`请联系${value}，谢谢`);
      expect(r.text).toBe(`请联系${REDACTED}，谢谢`);
      expect(r.count).toBe(1);
    });
  }

  it('leaves ordinary numbers alone (prices, models, dates, quantities, GTINs in text, years)', () => {
    for (const t of [
      '单价1730元，型号M202dw，2018-06-30送达',
      '¥1,730.00 共 2 台，2019年3月2日',
      'LaserJet Pro M202dw 黑白激光打印机 A4 80g 500张/包 5包/箱',
      '京东自营 2019-03-02 09:30 价格 1859.00',
      'KX-FL323CN 传真机 SKU-000123',
      '尺寸 1800×800×750mm',
    ]) expect(redactText(t), t).toEqual({ text: t, count: 0 });
  });

  it('scrubs given names wherever the text repeats them, but not single characters', () => {
    expect(redactText('感谢李华的耐心服务，李华很专业', ['李华'])).toEqual({ text: `感谢${REDACTED}的耐心服务，${REDACTED}很专业`, count: 2 });
    expect(redactText('王', ['王']).count).toBe(0);
  });
});

describe('reasons quote at most 80 characters of a value, scrubbed', () => {
  it('clips and scrubs a quoted value', () => {
    expect(quoteValue('x'.repeat(500))).toBe(`"${'x'.repeat(80)}…"`);
    expect(quoteValue('电话13812345678')).toBe(`"电话${REDACTED}"`);
    expect(quoteValue({ a: 1 })).toBe('"{"a":1}"');
  });
  it('safeReason bounds any reason however it was built', () => {
    const r = safeReason(`price is not a decimal: "${'9'.repeat(300)}" call 13812345678`);
    expect(r).not.toMatch(/9{81}/);
    expect(r).toContain(REDACTED);
    expect([...safeReason('x'.repeat(5000))].length).toBeLessThanOrEqual(401);
  });
});

describe('keepAllowed: only the contract fields are copied', () => {
  it('drops personal fields under any name, counts their names, and removes their values from kept text', () => {
    const kept = keepAllowed({
      order_no: 'X', status: 'completed',
      buyer: { id: 'A1', name: '示例局', contact_phone: '13700000000' },
      contact: { name: '赵六', phone: '13700000000' },
      contacts: [{ name: '钱七' }], receiver: '孙八', 联系人: '周九',
      lines: [{ sku: 'S', title: '打印机', 联系电话: '0718-8221234' }],
      evaluation: { rating: 4, comment: '赵六服务好，孙八签收 13700000000' },
    }, ORDER_RULES);
    expect(kept.dropped.sort()).toEqual(['buyer.contact_phone', 'contact', 'contacts', 'lines[].联系电话', 'receiver', '联系人']);
    const json = JSON.stringify(kept.value);
    for (const s of ['赵六', '钱七', '孙八', '周九', '13700000000', '8221234']) expect(json).not.toContain(s);
    expect(kept.value.evaluation).toEqual({ rating: 4, comment: `${REDACTED}服务好，${REDACTED}签收 ${REDACTED}` });
    expect(kept.redactions).toBe(3);
  });
  it('does not scrub ordinary words because an unknown, non-personal field held them', () => {
    const kept = keepAllowed({ retailer: 'jd', title: '惠普打印机', category_name: '打印机' }, RETAIL_RULES);
    expect(kept.value).toEqual({ retailer: 'jd', title: '惠普打印机' });
    expect(kept.dropped).toEqual(['category_name']);
  });
});

describe('the fast path of redactText (no @, fewer than 10 digits: nothing can match)', () => {
  it('still catches the shortest numbers, of exactly 10 digits', () => {
    expect(redactText('客服 400-800-1234').count).toBe(1);
    expect(redactText('（０７１）８２２１２３４').text).toBe(REDACTED);
    expect(redactText('a@b.cn').count).toBe(1);
  });
  it('leaves texts with 9 digits or fewer as they are', () => {
    for (const t of ['得力 凭证打印纸 80g 240×140mm', '400-800-123', 'HP M202dw 1200dpi', '']) {
      expect(redactText(t)).toEqual({ text: t, count: 0 });
    }
  });
});
