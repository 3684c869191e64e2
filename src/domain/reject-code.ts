/**
 * A stable code for every reject reason (issue 16): the reason text says in detail what was
 * wrong with which value, for the person fixing the export; the code is what pages, counts and
 * translations key on (src/i18n/zh-CN.ts gives each its Chinese message). Stored with the
 * reject, so a later rewording of a reason never changes a published code. Order matters:
 * the first pattern that matches decides.
 */
export const REJECT_CODES = [
  'too-deep', 'not-utf8', 'not-a-file', 'too-large', 'bad-characters', 'too-long', 'missing', 'bad-date',
  'inconsistent', 'bad-amount', 'bad-quantity', 'bad-value', 'bad-type', 'duplicate', 'other',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

const RULES: ReadonlyArray<readonly [RejectCode, RegExp]> = [
  ['too-deep', /nested deeper/i],
  ['not-utf8', /not valid UTF-8|GBK|GB18030/i],
  ['not-a-file', /not a regular file|FIFO|device|link lead|directory/i],
  ['too-large', /larger than|over \d+ ?MB|too large/i],
  ['bad-characters', /control|invisible|noncharacter|surrogate|format character|code point/i],
  ['too-long', /longer than|too long/i],
  ['missing', /\bis missing\b|\bis empty\b|has no /i],
  ['bad-date', /date|time|year|offset|timestamp/i],
  ['inconsistent', /add up|but unit_price|differs between|is before/i],
  ['bad-amount', /amount|yuan|fen|plausible|price|precision|negative|greater than zero|out of range/i],
  ['bad-quantity', /quantity|base-10|decimal number/i],
  ['bad-value', /expected one of|expected completed|expected true|expected "sale"|not a valid|must be/i],
  ['bad-type', /must be text|not a JSON object|not an object|not a number|got (array|number|object|boolean)/i],
  ['duplicate', /twice|repeats|appears \d+ times/i],
];

export function rejectCode(reason: string): RejectCode {
  for (const [code, re] of RULES) if (re.test(reason)) return code;
  return 'other';
}
