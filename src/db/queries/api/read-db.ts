import type { Kysely } from 'kysely';
import type { Sqlite } from '../../connection.ts';
import type { Database } from '../../schema.ts';

/** The API's read-only view of one published database (opened and reopened by src/server/api/db.ts). */
export interface ApiDb {
  db: Kysely<Database>;
  sqlite: Sqlite;
  /** Identifies the published data: changes whenever a new database is published. */
  version: string;
}

/** The id of the last successful run, which names the published data version (0 if none). */
export function lastGoodRunId(sqlite: Sqlite): number {
  const row = sqlite.prepare(`SELECT max(id) AS id FROM ingest_runs WHERE status = 'ok'`).get() as { id: number | null } | undefined;
  return row?.id ?? 0;
}
