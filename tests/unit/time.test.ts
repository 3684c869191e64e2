import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, parseDay, parseTimestamp } from '../../src/domain/time.ts';

const ts = (x: unknown) => {
  const r = parseTimestamp(x);
  return r.ok ? r.value : `error: ${r.reason}`;
};

describe('parseTimestamp', () => {
  it('reads a timestamp without offset as Asia/Shanghai', () => {
    expect(ts('2018-06-30T09:15:00')).toBe('2018-06-30T09:15:00+08:00');
    expect(ts('2018-06-30 09:15')).toBe('2018-06-30T09:15:00+08:00');
    expect(ts('2018-06-30')).toBe('2018-06-30T00:00:00+08:00');
  });
  it('converts other offsets to Shanghai time, moving the day when needed', () => {
    expect(ts('2018-06-30T20:00:00Z')).toBe('2018-07-01T04:00:00+08:00');
    expect(ts('2018-06-30T09:15:00+08:00')).toBe('2018-06-30T09:15:00+08:00');
    expect(ts('2018-06-30T01:00:00-05:00')).toBe('2018-06-30T14:00:00+08:00');
    expect(ts('2018-06-30T01:00:00.123+0000')).toBe('2018-06-30T09:00:00+08:00');
  });
  it('rejects impossible dates and non-dates', () => {
    expect(ts('2019-02-29T10:00:00')).toMatch(/not a real date/);
    expect(ts('2020-02-29T10:00:00')).toBe('2020-02-29T10:00:00+08:00');
    // Century years are leap years only every 400 years.
    expect(ts('2000-02-29')).toBe('2000-02-29T00:00:00+08:00');
    expect(ts('2100-02-29')).toMatch(/not a real date/);
    expect(ts('2019-12-31T23:59:59.5+08:00')).toBe('2019-12-31T23:59:59+08:00');
    expect(ts('2019-13-01')).toMatch(/not a real date/);
    expect(ts('2019-04-31')).toMatch(/not a real date/);
    expect(ts('2019-01-01T24:00:00')).toMatch(/not a real date/);
    expect(ts('yesterday')).toMatch(/not an ISO-8601/);
    expect(ts(20190101)).toMatch(/ISO-8601 string/);
    expect(ts(null)).toBe('error: is missing');
  });
});

describe('day arithmetic', () => {
  it('gives the Shanghai day and counts days across month ends', () => {
    expect(parseDay('2018-06-30T23:30:00Z')).toEqual({ ok: true, value: '2018-07-01' });
    expect(daysBetween('2019-02-25', '2019-03-04')).toBe(7);
    expect(addDays('2019-12-28', 7)).toBe('2020-01-04');
  });
});
