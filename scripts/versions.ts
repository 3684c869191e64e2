// The nightly's versions step in its own process: hash every order, product, agency and supplier
// page's inputs in $SUNSHINE_DB and record which changed (src/publish/content-versions.ts).
// Prints the report as one JSON line.
// With --previous, the database this one was copied from (the published one), only the pages the
// changes since reach are hashed (src/db/page-changes.ts).
// Usage: SUNSHINE_DB=path node scripts/versions.ts <timestamp> [--workers N] [--previous PATH]
import { parseArgs } from 'node:util';
import { resolveDbPath } from '../src/db/connection.ts';
import { defaultHashWorkers, updateContentVersions } from '../src/publish/content-versions.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { workers: { type: 'string' }, previous: { type: 'string' } } });
const at = positionals[0];
const workers = values.workers === undefined ? defaultHashWorkers() : Number(values.workers);
if (!at || !Number.isInteger(workers) || workers < 1 || workers > 16) {
  console.error('usage: SUNSHINE_DB=path node scripts/versions.ts <timestamp> [--workers 1-16] [--previous PATH]');
  process.exit(2);
}
console.log(JSON.stringify(await updateContentVersions(resolveDbPath(), at, workers, values.previous)));
