// The nightly's versions step in its own process: hash every order, product, agency and supplier
// page's inputs in $SUNSHINE_DB and record which changed (src/publish/content-versions.ts).
// Prints the report as one JSON line.
// Usage: SUNSHINE_DB=path node scripts/versions.ts <timestamp> [--workers N]
import { parseArgs } from 'node:util';
import { resolveDbPath } from '../src/db/connection.ts';
import { defaultHashWorkers, updateContentVersions } from '../src/publish/content-versions.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { workers: { type: 'string' } } });
const at = positionals[0];
const workers = values.workers === undefined ? defaultHashWorkers() : Number(values.workers);
if (!at || !Number.isInteger(workers) || workers < 1 || workers > 16) {
  console.error('usage: SUNSHINE_DB=path node scripts/versions.ts <timestamp> [--workers 1-16]');
  process.exit(2);
}
console.log(JSON.stringify(await updateContentVersions(resolveDbPath(), at, workers)));
