import { hash } from 'node:crypto';
import path from 'node:path';
import type { FileFingerprint, SourceItem } from '../core/source.ts';
import { archiveOf } from '../load/hash.ts';
import { parseEnvelope } from './feed-envelope.ts';
import { parseFeedListing, parseFeedOrder } from './feed-records.ts';
import { decodeFeedBytes, readRegularFile } from './read-feed-file.ts';

export type FeedFileKind = 'listing' | 'order';

const PARSERS = { listing: parseFeedListing, order: parseFeedOrder } as const;

/**
 * One feed envelope file (`{ items, next_cursor }`) as SourceItems, positions written
 * `orders-0001.json#n` (the file's name without its folder). Throws when the text is not a readable envelope: a half-read export must never
 * be published as if it were complete. With `archive`, accepted items carry their archived
 * form instead of the raw record, so a worker thread can do the hashing and hand over less.
 */
export function parseFeedFile(text: string, file: string, kind: FeedFileKind, archive: boolean): SourceItem[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  let raws: unknown[];
  try {
    raws = parseEnvelope(body).items;
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  const parse = PARSERS[kind];
  const name = path.basename(file);
  const out: SourceItem[] = new Array(raws.length);
  for (let i = 0; i < raws.length; i++) {
    const item = parse(raws[i], `${name}#${i + 1}`);
    out[i] = archive && item.ok === true ? { ...item, raw: undefined, archived: archiveOf(item.raw) } : item;
  }
  return out;
}

/** A feed file's items, and the fingerprint of the bytes they were parsed from (null: the file was not read). */
export interface ParsedFeedFile {
  items: SourceItem[];
  file: FileFingerprint | null;
}

/**
 * Reads and parses one feed file. A file refused as a whole (not a regular file, a link out of
 * the folder, too large, not UTF-8) becomes one reject naming the file: a reject, counted
 * against the source's reject share, never a hang or a crash. The fingerprint is of the very
 * bytes parsed, so a ledger never marks read what this run did not see.
 */
export function readAndParseFeedFile(file: string, kind: FeedFileKind, archive: boolean, root?: string): ParsedFeedFile {
  const refused = (reason: string): ParsedFeedFile => ({ items: [{ kind, ok: false, key: path.basename(file), issues: [{ field: '(file)', reason }] }], file: null });
  const bytes = readRegularFile(file, root);
  if (!bytes.ok) return refused(bytes.reason);
  const text = decodeFeedBytes(bytes.value);
  if (!text.ok) return refused(text.reason);
  return { items: parseFeedFile(text.value, file, kind, archive), file: fingerprintOf(path.basename(file), bytes.value) };
}

export const fingerprintOf = (name: string, bytes: Uint8Array): FileFingerprint => ({ name, sha256: hash('sha256', bytes), bytes: bytes.length });
