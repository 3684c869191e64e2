import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveDbPath } from '../../db/connection.ts';
import { writePublicDb } from '../../db/public-copy.ts';

/**
 * Writes /data/sunshine-public.db into the built site (DESIGN §8 downloads). Done after the
 * pages rather than as a prerendered endpoint so the file goes straight from SQLite to disk
 * without passing through memory as one buffer, and so it comes from the same database the
 * pages were rendered from (SUNSHINE_DB, read at build time, never import.meta.url).
 */
export default function publicDbIntegration(): AstroIntegration {
  return {
    name: 'sunshine-public-db',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        const outPath = path.join(fileURLToPath(dir), 'data', 'sunshine-public.db');
        const result = writePublicDb(resolveDbPath(), outPath);
        const rows = result.tables.reduce((n, t) => n + t.rows, 0);
        logger.info(
          `public database: ${result.tables.length} tables, ${rows} rows, ${(result.bytes / 1024).toFixed(0)} KB ` +
            `in ${((performance.now() - started) / 1000).toFixed(2)} s → ${outPath}`,
        );
      },
    },
  };
}
