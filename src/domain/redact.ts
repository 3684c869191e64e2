/**
 * Personal data of contact persons must never be stored. Adapters drop the `contact` object;
 * this scrubs what leaks into free text (an evaluation comment that quotes a phone number or
 * names the person who placed the order).
 */

export const REDACTED = '［已隐去］';

// Mainland mobile numbers, landlines with area code, and 18-digit resident ID numbers.
const PATTERNS: RegExp[] = [
  /(?<!\d)\d{17}[\dXx](?!\d)/g,
  /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g,
  /(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)/g,
];

export interface Redaction {
  text: string;
  /** How many spans were replaced; counted in the run report, never stored with the text. */
  count: number;
}

export function redactText(text: string, names: readonly string[] = []): Redaction {
  let count = 0;
  let out = text;
  for (const re of PATTERNS) {
    out = out.replace(re, () => {
      count++;
      return REDACTED;
    });
  }
  for (const name of names) {
    const n = name.trim();
    // One-character "names" would scrub ordinary words; real contact names are 2+ characters.
    if (n.length < 2) continue;
    out = replaceAll(out, n, () => count++);
  }
  return { text: out, count };
}

function replaceAll(text: string, needle: string, onHit: () => void): string {
  const parts = text.split(needle);
  for (let i = 1; i < parts.length; i++) onHit();
  return parts.join(REDACTED);
}
