// The nightly's versions step in its own process: hash every order and product page's inputs
// in $SUNSHINE_DB and record which changed (src/publish/content-versions.ts). Prints the report
// as one JSON line. Usage: SUNSHINE_DB=path node scripts/versions.ts <timestamp>
import { resolveDbPath } from '../src/db/connection.ts';
import { updateContentVersions } from '../src/publish/content-versions.ts';

const at = process.argv[2];
if (!at) {
  console.error('usage: SUNSHINE_DB=path node scripts/versions.ts <timestamp>');
  process.exit(2);
}
console.log(JSON.stringify(await updateContentVersions(resolveDbPath(), at)));
