/**
 * Spreadsheet exports write money and dates the way a spreadsheet shows them. These
 * rewrites are the unambiguous ones only; anything else reaches the validators unchanged
 * and is rejected there with the value quoted.
 */

/** "¥1,730.00", "￥1730", "1730元" → "1,730.00" / "1730" (the digits are parsed exactly later). */
export function cleanMoney(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  return v.trim().replace(/^[¥￥]\s*/, '').replace(/\s*元$/, '');
}

const YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/;

/**
 * "2018/7/2 9:05", "2018年7月2日", "2018.07.02" → ISO "2018-07-02T09:05:00" (Asia/Shanghai,
 * as every timestamp without an offset). Only year-first forms are rewritten: "7/2/2018"
 * could be July or February and stays as it is, to be rejected.
 */
export function cleanTimestamp(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const m = YMD.exec(v.trim());
  if (!m) return v;
  const [, y, mo, d, h, mi, s] = m;
  const day = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  return h === undefined ? day : `${day}T${h.padStart(2, '0')}:${mi}:${s ?? '00'}`;
}

/** Applies the cleaners to the named fields of a flat record (dotted names allowed as keys). */
export function cleanFields(rec: Record<string, unknown>, money: readonly string[], times: readonly string[]): Record<string, unknown> {
  for (const f of money) if (f in rec) rec[f] = cleanMoney(rec[f]);
  for (const f of times) if (f in rec) rec[f] = cleanTimestamp(rec[f]);
  return rec;
}
