import { hash } from 'node:crypto';
import { inCanonicalOrder } from '../core/allow-list.ts';

/**
 * JSON with object keys sorted, so the same record always hashes the same whatever its key
 * order. Written as a direct serialiser rather than a JSON.stringify replacer: the replacer
 * had to build a sorted copy of every object, and that garbage was a visible share of ingest.
 */
// Records repeat the same few dozen keys; their JSON form is computed once.
const keyJson = new Map<string, string>();
function jsonKey(k: string): string {
  let j = keyJson.get(k);
  if (j === undefined) {
    j = `${JSON.stringify(k)}:`;
    if (keyJson.size < 10_000) keyJson.set(k, j);
  }
  return j;
}

// Strings JSON would escape: quotes, backslashes, control characters and (lone) surrogates.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

export function canonicalJson(value: unknown): string {
  // Most leaves are plain text: quoting it directly is what JSON.stringify would write.
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (value === null || typeof value !== 'object') {
    // undefined and functions have no JSON form; inside objects they are skipped below.
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v = value[i];
      out += v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v);
    }
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined || typeof v === 'function') continue;
    if (!first) out += ',';
    first = false;
    out += jsonKey(k) + canonicalJson(v);
  }
  return `${out}}`;
}

export function sha256Hex(text: string): string {
  // One-shot: no Hash object per record (crypto.hash returns hex by default).
  return hash('sha256', text);
}

/**
 * What raw_records stores for one accepted record: its canonical JSON and that text's hash.
 * The body may arrive as the text's UTF-8 bytes (from the parsing worker); SQLite stores both
 * forms as the same TEXT.
 */
export interface Archived {
  body: string | Uint8Array;
  hash: string;
}

export function archiveOf(raw: unknown): Archived {
  // An allow-listed copy is already in canonical order: the native serialiser writes the same text.
  const body = inCanonicalOrder(raw) ? JSON.stringify(raw) : canonicalJson(raw);
  return { body, hash: sha256Hex(body) };
}
