import fs from 'node:fs';
import { lastGoodRunId, type ApiDb } from '../../db/queries/api/read-db.ts';

export type { ApiDb };
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { openReader, resolveDbPath, type Sqlite } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { ApiError } from './errors.ts';

/**
 * The API's read-only connection. The nightly run publishes by renaming a new database file
 * over the old one, so an open connection would keep reading the old (unlinked) file forever.
 * Each request therefore stats the path — at most once a second — and when the file's identity
 * (inode, size, mtime) changed, opens the new file. The old connection is closed a little later,
 * not at once, because a request that started on it may still be awaiting a query.
 */


const STAT_EVERY_MS = 1000;
const CLOSE_OLD_AFTER_MS = 30_000;

interface State {
  path: string;
  identity: string;
  current: ApiDb;
  checkedAt: number;
}

let state: State | undefined;

function identityOf(st: fs.Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
}

function open(dbPath: string, identity: string): ApiDb {
  const { sqlite, db } = openReader(dbPath);
  // The last successful run plus the file's identity: a republished file with the same run id
  // (e.g. a restored backup) still changes the version.
  let lastRun = 0;
  try {
    lastRun = lastGoodRunId(sqlite);
  } catch {
    // A database without ingest_runs has never been published by us; the file identity suffices.
  }
  const version = `${lastRun}-${createHash('sha256').update(identity).digest('hex').slice(0, 12)}`;
  return { sqlite, db, version };
}

/** The current connection, reopened when the published file changed. 503 when there is no database yet. */
export function apiDb(now = Date.now()): ApiDb {
  const dbPath = resolveDbPath();
  if (state && state.path === dbPath && now - state.checkedAt < STAT_EVERY_MS) return state.current;
  let st: fs.Stats;
  try {
    st = fs.statSync(dbPath);
  } catch {
    if (state) return state.current; // a moment between two renames: keep serving what we have
    throw new ApiError(503, 'no database has been published yet; run `npm run nightly`');
  }
  const identity = identityOf(st);
  if (state && state.path === dbPath && state.identity === identity) {
    state.checkedAt = now;
    return state.current;
  }
  const previous = state?.current;
  state = { path: dbPath, identity, current: open(dbPath, identity), checkedAt: now };
  if (previous) setTimeout(() => closeQuietly(previous), CLOSE_OLD_AFTER_MS).unref();
  return state.current;
}

function closeQuietly(d: ApiDb): void {
  void d.db.destroy().catch(() => {});
}

/** For tests: forget the cached connection (and close it) so the next call opens afresh. */
export async function resetApiDb(): Promise<void> {
  const s = state;
  state = undefined;
  if (s) await s.current.db.destroy();
}
