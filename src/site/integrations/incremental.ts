import type { AstroIntegration } from 'astro';
import fs from 'node:fs';
import path from 'node:path';
import { PAGE_KINDS, type PageKind } from '../../db/queries/page-inputs.ts';
import { clientFolder, started, startBuildWorker, type BuildWorker } from './build-worker.ts';
import { MANIFEST_FILE, type BuildManifest } from './build-manifest.ts';
import { PAGE_IDS, renderPlan, workerMessage } from './render-plan.ts';
import type { PagesReused } from './reuse-worker.ts';
import { VERSIONS_READY_ENV, versionsWaitSeconds } from '../../publish/versions-ready.ts';
import { markPagesReady } from '../../publish/pages-ready.ts';

/**
 * The second half of an incremental build (DESIGN §10): while Astro renders the changed pages,
 * a worker thread links every file of the unchanged order, product, agency and supplier pages
 * (the page and, in its folder, its feed and price CSV) from the previous build
 * (reuse-worker.ts; hard links: builds are never modified once written, and a link costs no
 * copy), so the client folder is the complete site before Pagefind indexes it. Then the
 * manifest records the data version each page was rendered from, for the next night. Runs
 * before the Pagefind integration.
 */
export default function incrementalIntegration(): AstroIntegration {
  const what = 'incremental build';
  const client = clientFolder(what);
  let worker: BuildWorker<PagesReused> | null = null;
  return {
    name: 'sunshine-incremental',
    hooks: {
      'astro:config:done': ({ config }) => client.configure(config),
      'astro:build:start': () => {
        worker = startBuildWorker(new URL('./reuse-worker.ts', import.meta.url), what);
      },
      // Astro empties its output folder between astro:build:start and this hook.
      // With the render plan, made once the page versions are ready (render-plan.ts).
      'astro:build:setup': () => started(worker, what).post(workerMessage(client.get())),
      'astro:build:done': async ({ dir, logger }) => {
        const folder = client.check(dir);
        const at = performance.now();
        const { reused, rendered, byKind, months, seconds } = await started(worker, what).wait();
        const plan = renderPlan();
        const manifest: BuildManifest = {
          format: 1,
          code: plan.code,
          ...(plan.previousClient ? { from: path.dirname(plan.previousClient) } : {}),
          pages: Object.fromEntries(PAGE_KINDS.map((kind) => [kind, Object.fromEntries(PAGE_IDS[kind].ids().map((id) => [id, plan.versions[kind].get(id)?.hash ?? '']))])) as Record<PageKind, Record<string, string>>,
          months: Object.fromEntries([...plan.months].map(([month, v]) => [month, v.hash])),
        };
        // Beside the client folder, not in it: the manifest is for the next build, not for readers.
        fs.writeFileSync(path.join(path.dirname(folder), MANIFEST_FILE), JSON.stringify(manifest));
        // Every page is in place and the manifest written: the nightly's search index may start.
        // Not when most pages were rendered (other code, or a change that reaches every page, such
        // as new analysis rules): Astro's heap is then a full build's, and would add up with
        // Pagefind's; the build marks the pages ready at Astro's exit instead.
        if (!plan.full && rendered <= reused) markPagesReady();
        const waited = ((performance.now() - at) / 1000).toFixed(2);
        logger.info(
          plan.full
            ? `full build (${plan.reason})`
            : `incremental: rendered ${rendered} order, product, agency and supplier pages, reused ${reused} (rendered/all: ${byKind.join(', ')}; ${plan.reason}); month lists rendered ${months.rendered}, reused ${months.reused}; linked in ${seconds.toFixed(2)} s beside the render, waited ${waited} s`,
        );
        // Started with the nightly's analysis, the render's first read of the database waited for its data.
        if (process.env[VERSIONS_READY_ENV]) logger.info(`page versions: the render waited ${versionsWaitSeconds().toFixed(2)} s for the nightly's analysis and versions step`);
      },
    },
  };
}
