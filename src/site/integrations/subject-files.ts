import type { AstroIntegration } from 'astro';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { PAGE_KINDS } from '../../db/queries/page-inputs.ts';
import { SUBJECT_FILES } from '../render/subject-files.ts';
import { PAGE_IDS, pagesToRender, pageVersion } from './render-plan.ts';

/**
 * Writes the feeds and price CSVs beside the product, agency and supplier pages this build
 * renders (render/subject-files.ts says why they are not Astro endpoints). The same plan as the
 * pages' routes (pagesToRender): an incremental build writes the changed subjects' files and the
 * incremental integration links the rest from the previous build. Built sites only: `astro dev`
 * does not serve these files.
 */
export default function subjectFilesIntegration(): AstroIntegration {
  let site: URL | undefined;
  return {
    name: 'sunshine-subject-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ? new URL(config.site) : undefined;
      },
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        const client = fileURLToPath(dir);
        let files = 0;
        for (const kind of PAGE_KINDS) {
          const writers = SUBJECT_FILES[kind];
          if (writers.length === 0) continue;
          for (const [id, seg] of pagesToRender(kind)) {
            const folder = path.join(client, PAGE_IDS[kind].dir, seg);
            // Dated from the subject's own data (not the site's), so a feed stays the same while its subject does.
            const ctx = { site, updated: pageVersion(kind, id)?.updated_at };
            for (const w of writers) {
              write(folder, w.name, w.body(id, ctx));
              files++;
            }
          }
        }
        // The bench adds these seconds to Astro's render (bench/_process.ts parseRenderSeconds).
        logger.info(`subject files: ${files} feeds and price CSVs in ${((performance.now() - started) / 1000).toFixed(2)} s`);
      },
    },
  };
}

// The page's folder nearly always exists (Astro wrote its index.html just before); a mkdir per
// file cost 0.36 s at 17k files, so it is made only when the write says it is missing.
function write(folder: string, name: string, body: string): void {
  const file = path.join(folder, name);
  try {
    fs.writeFileSync(file, body);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(file, body);
  }
}
