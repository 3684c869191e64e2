// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import pagefindIntegration from './src/site/integrations/pagefind.ts';
import downloadsIntegration from './src/site/integrations/downloads.ts';
import incrementalIntegration from './src/site/integrations/incremental.ts';
import subjectFilesIntegration from './src/site/integrations/subject-files.ts';
import syncPageWritesIntegration from './src/site/integrations/sync-page-writes.ts';

export default defineConfig({
  // The site's pages, components and styles live in src/site; the rest of src/ is the data flow.
  srcDir: './src/site',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  // One cached stylesheet for every page rather than CSS inlined into each (order pages < 30 KB).
  // Eight pages in flight: a page's file writes (mkdir, open, write, close) overlapped with the
  // rendering of the next ones. At 20k orders render fell from 68.6 s (2) to 50.2 s (6);
  // 16 and 48 were no faster. (Measured when the writes still went through libuv's threads;
  // sync-page-writes.ts has them written in place since.)
  build: { concurrency: 8, inlineStylesheets: 'never' },
  // Astro's console log without its two lines per written file (see the file).
  logger: { entrypoint: './src/site/integrations/build-log.ts' },
  // Build workers run one after the other in this order while Astro renders (build-worker.ts):
  // linking the unchanged pages of an incremental build (first: on a quiet night it is the
  // longest of them, and the render is short), the downloads of /data/, the feeds and price CSVs
  // of the rendered pages. Then the search index over the complete client folder.
  // First of all, the page writes without the thread pool (sync-page-writes.ts).
  integrations: [syncPageWritesIntegration(), incrementalIntegration(), downloadsIntegration(), subjectFilesIntegration(), pagefindIntegration()],
  vite: {
    ssr: { external: ['better-sqlite3'] },
    optimizeDeps: { exclude: ['better-sqlite3'] },
  },
});
