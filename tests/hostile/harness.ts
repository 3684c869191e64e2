import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runIngest } from '../../src/ingest/core/run.ts';
import type { Source } from '../../src/ingest/core/source.ts';
import { feedDirSource } from '../../src/ingest/feed/feed-dir.ts';

/** Shared by the hostile-input tests: one ingest into a fresh database, and its rejects. */

export const tmpDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

export async function ingestDir(dir: string, parseInWorker = false, maxRejectShare = 0.9) {
  return ingestSource(feedDirSource(dir, 'feed:hostile', { parseInWorker }), maxRejectShare);
}

export async function ingestSource(source: Source, maxRejectShare = 0.9) {
  const dbPath = path.join(tmpDir('hostile-db-'), 'test.db');
  const report = await runIngest({ dbPath, sources: [source], maxRejectShare, categoriesFile: '/nonexistent' });
  return { report, dbPath, rejects: rows<Reject>(dbPath, 'SELECT record_key, field, reason FROM rejects ORDER BY id') };
}

export interface Reject {
  record_key: string;
  field: string;
  reason: string;
}

export function rows<T>(dbPath: string, sql: string): T[] {
  if (!fs.existsSync(dbPath)) return [];
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** Writes a feed envelope file as the given raw bytes or text. */
export function writeRaw(dir: string, name: string, body: string | Uint8Array): void {
  fs.writeFileSync(path.join(dir, name), body);
}

export const envelope = (items: unknown[]) => JSON.stringify({ items, next_cursor: null });
