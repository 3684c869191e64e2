import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Database } from './schema.ts';
import initial from './migrations/0001-initial.ts';
import totals from './migrations/0002-totals.ts';
import retailProductKeys from './migrations/0003-retail-product-keys.ts';
import orderLifecycle from './migrations/0004-order-lifecycle.ts';
import partyNames from './migrations/0005-party-names.ts';
import orderGaps from './migrations/0006-order-gaps.ts';
import earlyWithdrawals from './migrations/0007-early-withdrawals.ts';
import rejectCodes from './migrations/0008-reject-codes.ts';
import archiveUrl from './migrations/0009-archive-url.ts';
import flagReviews from './migrations/0010-flag-reviews.ts';
import contentVersions from './migrations/0011-content-versions.ts';
import partyVersions from './migrations/0012-party-versions.ts';
import sourceFiles from './migrations/0013-source-files.ts';

/**
 * Migrations are listed here in order rather than read from the folder, so they survive
 * bundling and need no file-system lookups. Only ingest (the writer) calls migrateToLatest.
 */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-totals': totals,
  '0003-retail-product-keys': retailProductKeys,
  '0004-order-lifecycle': orderLifecycle,
  '0005-party-names': partyNames,
  '0006-order-gaps': orderGaps,
  '0007-early-withdrawals': earlyWithdrawals,
  '0008-reject-codes': rejectCodes,
  '0009-archive-url': archiveUrl,
  '0010-flag-reviews': flagReviews,
  '0011-content-versions': contentVersions,
  '0012-party-versions': partyVersions,
  '0013-source-files': sourceFiles,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const what = failed ? `migration ${failed.migrationName}` : 'migrations';
    throw new Error(`Database ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
