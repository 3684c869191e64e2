import { addDays, daysBetween } from '../../src/domain/time.ts';
import type { TimeStyle } from './types.ts';

/** The sample's calendar: the e-mall's first year, from its first order on 2018-06-30. */
export const FIRST_DAY = '2018-06-30';
export const DAYS = 365;

export const dayAt = (i: number): string => addDays(FIRST_DAY, i);
export const dayIndex = (day: string): number => daysBetween(FIRST_DAY, day);
export { addDays, daysBetween };

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A local (Asia/Shanghai) day and minute written the way a supplier's system writes it. All
 * three forms mean the same instant; minutes stay inside 08:00–20:00 so the UTC form never
 * moves to another calendar day.
 */
export function stamp(day: string, minute: number, style: TimeStyle = 'offset'): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  if (style === 'local') return `${day} ${pad(h)}:${pad(m)}:00`;
  if (style === 'utc') return `${day}T${pad(h - 8)}:${pad(m)}:00Z`;
  return `${day}T${pad(h)}:${pad(m)}:00+08:00`;
}
