// The search index of a finished build, in a process of its own (the nightly starts it beside
// `astro build`; it indexes once the pages are in place: at Astro's exit after a full render, so
// the two never hold memory at once, sooner on an incremental night; see src/publish/build.ts).
// Reads SUNSHINE_DB as the build did, and the build's manifest, which names the build its
// unchanged pages (and search shards) come from.
// Usage: node scripts/search-index.ts <build folder>/client
import path from 'node:path';
import { indexSite } from '../src/site/integrations/pagefind.ts';
import { waitForPages } from '../src/publish/pages-ready.ts';

const client = process.argv[2];
if (!client) {
  console.error('usage: node scripts/search-index.ts <build folder>/client');
  process.exit(2);
}
const log = (level: string) => (m: string) => console.log(`[search-index] ${level === 'info' ? '' : `${level}: `}${m}`);
// Started beside `astro build`: the pages first (pages-ready.ts).
await waitForPages();
await indexSite(path.resolve(client), { info: log('info'), warn: log('warning'), error: log('error') });
