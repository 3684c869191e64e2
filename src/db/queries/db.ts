import type { Statement } from 'better-sqlite3';
import { openReader, resolveDbPath, type Sqlite } from '../connection.ts';
import { waitForVersions } from '../../publish/versions-ready.ts';

/**
 * The build's one read-only connection, opened on first use (not at import, so importing a
 * page module never needs a database) and shared by every page of the build. The nightly starts
 * the build while it is still writing the database: the first use waits until it is done
 * (versions-ready.ts).
 *
 * Queries here are plain prepared statements, cached by their SQL text: a page costs a handful
 * of by-id lookups, and at ~1 ms per page the per-query overhead of building and compiling a
 * Kysely query each time would be a large share of the budget (STACK-NOTES). The row types
 * come from src/db/schema.ts.
 */
let sqlite: Sqlite | null = null;
const statements = new Map<string, Statement>();

export function connection(): Sqlite {
  if (!sqlite) {
    waitForVersions();
    sqlite = openReader(resolveDbPath()).sqlite;
    // A build reads every order, line and listing once, in id order across several tables:
    // with SQLite's default 2 MB page cache most lookups went back to the file (orderHead
    // ~50 µs → ~20 µs with a 64 MB cache at 20k orders). The cache only grows as pages are read.
    sqlite.pragma('cache_size = -65536');
  }
  return sqlite;
}

function prepared(sql: string): Statement {
  let s = statements.get(sql);
  if (!s) {
    s = connection().prepare(sql);
    statements.set(sql, s);
  }
  return s;
}

export type Param = string | number | bigint | null;

export function all<T>(sql: string, ...params: Param[]): T[] {
  return prepared(sql).all(...params) as T[];
}

export function one<T>(sql: string, ...params: Param[]): T | undefined {
  return prepared(sql).get(...params) as T | undefined;
}

/** Whole-site facts computed once per build (menus, orderings, lookups): never per page. */
export function memo<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** `?, ?, ?` for an IN list of n values. */
export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
