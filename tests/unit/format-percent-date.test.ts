import { describe, expect, it } from 'vitest';
import { formatBp, formatShare, ratioBp } from '../../src/site/format/percent.ts';
import {
  formatDateTimeIso, formatDateTimeText, formatDayIso, formatDayText, formatMonthText, toRfc3339, yearOf,
} from '../../src/site/format/date.ts';

describe('formatBp', () => {
  it('shows one decimal and a sign, with a real minus', () => {
    expect(formatBp(1360)).toBe('+13.6%');
    expect(formatBp(-690)).toBe('\u22126.9%');
    expect(formatBp(1365)).toBe('+13.7%');
    expect(formatBp(-1365)).toBe('\u221213.7%');
    expect(formatBp(10000)).toBe('+100.0%');
    expect(formatBp(5)).toBe('+0.1%');
  });
  it('never shows a gap that is not zero as 0.0% (DESIGN §6)', () => {
    expect(formatBp(4)).toBe('< 0.1%');
    expect(formatBp(-4)).toBe('< 0.1%');
    // +¥1 on ¥100,000: 0 bp after rounding, but the amount is not zero.
    expect(formatBp(0, 100)).toBe('< 0.1%');
    expect(formatBp(0, 0)).toBe('0.0%');
  });
});

describe('formatShare and ratioBp', () => {
  it('gives unsigned shares and guards a zero denominator', () => {
    expect(formatShare(7, 8)).toBe('87.5%');
    expect(formatShare(1, 3)).toBe('33.3%');
    expect(formatShare(0, 0)).toBe('—');
    expect(ratioBp(12900, 185900)).toBe(694);
    expect(ratioBp(-12900, 185900)).toBe(-694);
    expect(ratioBp(1, 0)).toBeNull();
  });
});

describe('dates in Asia/Shanghai', () => {
  it('formats days for text and for tables', () => {
    expect(formatDayText('2019-03-05')).toBe('2019年3月5日');
    expect(formatDayIso('2019-03-05')).toBe('2019-03-05');
    expect(formatMonthText('2018-07')).toBe('2018年7月');
  });
  it('reads timestamps in Shanghai time whatever their offset', () => {
    expect(formatDayText('2018-06-30T09:15:00+08:00')).toBe('2018年6月30日');
    // 20:30 UTC is already the next morning in Shanghai.
    expect(formatDayIso('2019-03-04T20:30:00Z')).toBe('2019-03-05');
    expect(formatDateTimeText('2019-03-04T20:30:00Z')).toBe('2019年3月5日 04:30');
    expect(formatDateTimeIso('2019-03-05T14:05:09+08:00')).toBe('2019-03-05 14:05');
    expect(formatDateTimeIso('2019-03-05T14:05:09')).toBe('2019-03-05 14:05');
    expect(yearOf('2018-12-31T23:30:00-01:00')).toBe('2019');
  });
  it('gives RFC 3339 for machines', () => {
    expect(toRfc3339('2019-03-05')).toBe('2019-03-05T00:00:00+08:00');
    expect(toRfc3339('2019-03-05T14:05:09+08:00')).toBe('2019-03-05T14:05:09+08:00');
  });
  it('returns unparseable input unchanged rather than hiding it', () => {
    expect(formatDayText('someday')).toBe('someday');
  });
});
