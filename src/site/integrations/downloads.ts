import type { AstroIntegration } from 'astro';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveDbPath } from '../../db/connection.ts';
import { connection } from '../../db/queries/db.ts';
import { writePublicDb } from '../../db/public-copy.ts';
import { DATASET_FILES } from '../../downloads/datasets.ts';

/**
 * Writes the whole-dataset downloads of /data/ (DESIGN §8) into the built site after the pages:
 * the CSV and JSON files, then sunshine-public.db. All come from the database the pages were
 * rendered from (SUNSHINE_DB, read at build time, never import.meta.url). Not Astro endpoints:
 * an endpoint's body goes through a Response that Astro reads back into one buffer before
 * writing it (at 20k orders ≈60 MB of CSV and JSON), and the public database goes straight from
 * SQLite to disk without passing through memory at all.
 */
export default function downloadsIntegration(): AstroIntegration {
  return {
    name: 'sunshine-downloads',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const dataDir = path.join(fileURLToPath(dir), 'data');
        fs.mkdirSync(dataDir, { recursive: true });
        let started = performance.now();
        let bytes = 0;
        for (const file of DATASET_FILES) {
          const body = file.body(connection());
          fs.writeFileSync(path.join(dataDir, file.name), body);
          bytes += Buffer.byteLength(body);
        }
        // The bench adds these seconds to the render (bench/_process.ts parseRenderSeconds).
        logger.info(`downloads: ${DATASET_FILES.length} files, ${(bytes / 2 ** 20).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(2)} s`);
        started = performance.now();
        const outPath = path.join(dataDir, 'sunshine-public.db');
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
