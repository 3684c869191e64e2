/**
 * Dates and times for people, in Asia/Shanghai (UTC+8, no DST since 1991). Stored values are
 * 'YYYY-MM-DD' days or ISO-8601 timestamps; anything with another offset is shifted to +08:00.
 * Intl is avoided so the output is identical on every build machine.
 */

const SHANGHAI_MS = 8 * 3_600_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function shanghaiParts(value: string): { y: number; mo: number; d: number; h: number; mi: number } | null {
  const day = DAY.exec(value);
  if (day) return { y: Number(day[1]), mo: Number(day[2]), d: Number(day[3]), h: 0, mi: 0 };
  // A timestamp without an offset means Asia/Shanghai (DESIGN §3).
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}+08:00`;
  const ms = Date.parse(withZone);
  if (Number.isNaN(ms)) return null;
  const t = new Date(ms + SHANGHAI_MS);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2019-03-05` for tables and files. Unparseable input is returned as is (never hidden). */
export function formatDayIso(value: string): string {
  const p = shanghaiParts(value);
  return p ? `${p.y}-${pad(p.mo)}-${pad(p.d)}` : value;
}

/** `2019年3月5日` for running text. */
export function formatDayText(value: string): string {
  const p = shanghaiParts(value);
  return p ? `${p.y}年${p.mo}月${p.d}日` : value;
}

/** `2019年3月5日 14:05` (Asia/Shanghai). */
export function formatDateTimeText(value: string): string {
  const p = shanghaiParts(value);
  return p ? `${p.y}年${p.mo}月${p.d}日 ${pad(p.h)}:${pad(p.mi)}` : value;
}

/** `2019-03-05 14:05` for tables. */
export function formatDateTimeIso(value: string): string {
  const p = shanghaiParts(value);
  return p ? `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}` : value;
}

/** `2019年3月` for a month key 'YYYY-MM'. */
export function formatMonthText(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

/** The Asia/Shanghai year of a day or timestamp, as text ('2019'). */
export function yearOf(value: string): string {
  const p = shanghaiParts(value);
  return p ? String(p.y) : value.slice(0, 4);
}

/** RFC 3339 in UTC+08:00 for machine-readable places (Atom, <time datetime>). */
export function toRfc3339(value: string): string {
  const p = shanghaiParts(value);
  if (!p) return value;
  const seconds = /T\d{2}:\d{2}:(\d{2})/.exec(value)?.[1] ?? '00';
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${DAY.test(value) ? '00' : seconds}+08:00`;
}
