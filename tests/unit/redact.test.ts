import { describe, expect, it } from 'vitest';
import { REDACTED, redactText } from '../../src/domain/redact.ts';
import { redactFeedOrder } from '../../src/ingest/sources/feed-records.ts';

describe('redactText', () => {
  it('scrubs mobile numbers, landlines and resident ID numbers', () => {
    expect(redactText('请联系13812345678').text).toBe(`请联系${REDACTED}`);
    expect(redactText('电话 138-1234-5678 或 +86 13812345678').count).toBe(2);
    expect(redactText('座机0718-8221234').text).toBe(`座机${REDACTED}`);
    expect(redactText('身份证42280119800101123X').text).toBe(`身份证${REDACTED}`);
  });
  it('leaves ordinary numbers alone (prices, models, dates, order numbers)', () => {
    const t = '单价1730元，型号M202dw，2018-06-30送达，订单号201806300001';
    expect(redactText(t)).toEqual({ text: t, count: 0 });
  });
  it('scrubs the contact name where the comment repeats it', () => {
    expect(redactText('感谢李华的耐心服务，李华很专业', ['李华'])).toEqual({ text: `感谢${REDACTED}的耐心服务，${REDACTED}很专业`, count: 2 });
    expect(redactText('王', ['王']).count).toBe(0);
  });
});

describe('redactFeedOrder', () => {
  it('drops the contact object before anything else sees the order', () => {
    const { order, redactions } = redactFeedOrder({
      order_no: 'X', contact: { name: '赵六', phone: '13700000000' }, evaluation: { rating: 4, comment: '赵六 13700000000' },
    });
    expect(order).not.toHaveProperty('contact');
    expect(JSON.stringify(order)).not.toMatch(/赵六|13700000000/);
    expect(redactions).toBe(2);
  });
});
