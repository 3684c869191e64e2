import { redactText } from './redact.ts';

/**
 * Reject reasons are published (on /data/, in the run report and the logs), and they quote the
 * bad value so a person can find and fix it. A quoted value is therefore clipped (a hostile
 * 10 MB string must not become a 10 MB reason) and scrubbed like any published text.
 */
export const MAX_QUOTED = 80;
const MAX_REASON = 400;

/** A value as a reason quotes it: JSON-ish, at most MAX_QUOTED characters of it, scrubbed. */
export function quoteValue(v: unknown): string {
  if (v === undefined) return 'missing';
  let s: string;
  try {
    s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  const chars = [...s];
  const clipped = chars.length > MAX_QUOTED ? `${chars.slice(0, MAX_QUOTED).join('')}…` : s;
  return `"${redactText(clipped).text}"`;
}

/**
 * The last line of defence for any reason however it was built: every quoted run longer than
 * MAX_QUOTED is clipped, the whole is scrubbed and bounded.
 */
export function safeReason(reason: string): string {
  const clipped = reason.replace(/"([^"]*)"/gu, (m, inner: string) => {
    const chars = [...inner];
    return chars.length > MAX_QUOTED ? `"${chars.slice(0, MAX_QUOTED).join('')}…"` : m;
  });
  const chars = [...redactText(clipped).text];
  return chars.length > MAX_REASON ? `${chars.slice(0, MAX_REASON).join('')}…` : chars.join('');
}
