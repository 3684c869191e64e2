import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Kysely runs SQLite migrations outside a transaction; wrap each `up`/`down` so a failed migration leaves nothing half-made. */
export function transactional(migration: {
  up: (db: Kysely<any>) => Promise<void>;
  down?: (db: Kysely<any>) => Promise<void>;
}): Migration {
  return {
    up: (db) => db.transaction().execute((trx) => migration.up(trx)),
    down: migration.down ? (db) => db.transaction().execute((trx) => migration.down!(trx)) : undefined,
  };
}
