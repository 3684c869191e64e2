// The search index of a finished build, in a process of its own (the nightly runs it after
// `astro build` has exited, so the two never hold memory at once; see src/publish/build.ts).
// Reads SUNSHINE_DB, SUNSHINE_PREVIOUS_BUILD and SUNSHINE_FULL_BUILD as the build did.
// Usage: node scripts/search-index.ts <build folder>/client
import path from 'node:path';
import { indexSite } from '../src/site/integrations/pagefind.ts';

const client = process.argv[2];
if (!client) {
  console.error('usage: node scripts/search-index.ts <build folder>/client');
  process.exit(2);
}
const log = (level: string) => (m: string) => console.log(`[search-index] ${level === 'info' ? '' : `${level}: `}${m}`);
await indexSite(path.resolve(client), { info: log('info'), warn: log('warning'), error: log('error') });
