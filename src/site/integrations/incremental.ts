import type { AstroIntegration } from 'astro';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { PAGE_KINDS, type PageKind } from '../../db/queries/page-inputs.ts';
import { idSegment } from '../format/paths.ts';
import { MANIFEST_FILE, PAGE_IDS, renderPlan, type BuildManifest } from './render-plan.ts';
import { linkOrCopy } from './link-files.ts';
import { SUBJECT_FILES } from '../render/subject-files.ts';

/**
 * The second half of an incremental build (DESIGN §10): after Astro has rendered the changed
 * pages, every file of the unchanged order, product, agency and supplier pages (the page and,
 * in its folder, its feed and price CSV) is linked from the previous build (hard links:
 * builds are never modified once written, and a link costs no copy), so the client folder is
 * the complete site before Pagefind indexes it. Then the manifest records the data version each
 * page was rendered from, for the next night. Runs before the Pagefind integration.
 */
const FILES = Object.fromEntries(PAGE_KINDS.map((kind) => [kind, ['index.html', ...SUBJECT_FILES[kind].map((f) => f.name)]])) as Record<PageKind, string[]>;

export default function incrementalIntegration(): AstroIntegration {
  return {
    name: 'sunshine-incremental',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        const client = fileURLToPath(dir);
        const plan = renderPlan();
        const ids = Object.fromEntries(PAGE_KINDS.map((kind) => [kind, PAGE_IDS[kind].ids()])) as Record<PageKind, string[]>;
        let reused = 0;
        let rendered = 0;
        const byKind: string[] = [];
        if (!plan.full) {
          for (const kind of PAGE_KINDS) {
            const before = rendered;
            for (const id of ids[kind]) {
              if (plan.renders(kind, id)) {
                rendered++;
                continue;
              }
              const rel = path.join(PAGE_IDS[kind].dir, idSegment(id));
              fs.mkdirSync(path.join(client, rel), { recursive: true });
              for (const f of FILES[kind]) reuse(path.join(plan.previousClient!, rel, f), path.join(client, rel, f));
              reused++;
            }
            byKind.push(`${kind} ${rendered - before}/${ids[kind].length}`);
          }
        }
        const manifest: BuildManifest = {
          format: 1,
          code: plan.code,
          pages: Object.fromEntries(PAGE_KINDS.map((kind) => [kind, Object.fromEntries(ids[kind].map((id) => [id, plan.versions[kind].get(id)?.hash ?? '']))])) as BuildManifest['pages'],
        };
        // Beside the client folder, not in it: the manifest is for the next build, not for readers.
        fs.writeFileSync(path.join(path.dirname(client), MANIFEST_FILE), JSON.stringify(manifest));
        logger.info(
          plan.full
            ? `full build (${plan.reason})`
            : `incremental: rendered ${rendered} order, product, agency and supplier pages, reused ${reused} (rendered/all: ${byKind.join(', ')}; ${plan.reason}) in ${((performance.now() - started) / 1000).toFixed(2)} s`,
        );
      },
    },
  };
}

function reuse(from: string, to: string): void {
  // No existence check first: at 28k reused pages a stat per file cost ≈ 0.5 s; a missing file
  // fails the link, and only then is it told apart from other causes.
  try {
    linkOrCopy(from, to);
  } catch (e) {
    if (!fs.existsSync(from)) throw new Error(`incremental build: ${from} is missing from the previous build; run a full build (npm run nightly -- --full)`);
    throw e;
  }
}
