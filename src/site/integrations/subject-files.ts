import type { AstroIntegration } from 'astro';
import { clientFolder, started, startBuildWorker, type BuildWorker } from './build-worker.ts';
import type { SubjectFilesWritten } from './subject-files-worker.ts';
import { workerMessage } from './render-plan.ts';

/**
 * The feeds and price CSVs beside the product, agency and supplier pages this build renders
 * (render/subject-files.ts says why they are not Astro endpoints). The same plan as the pages'
 * routes (pagesToRender): an incremental build writes the changed subjects' files and the
 * incremental integration links the rest from the previous build. A worker thread makes and
 * writes them while Astro renders (subject-files-worker.ts); the build waits for it at the end.
 * Built sites only: `astro dev` does not serve these files.
 */
export default function subjectFilesIntegration(): AstroIntegration {
  const what = 'feeds and price CSVs';
  const client = clientFolder(what);
  let site: string | null = null;
  let worker: BuildWorker<SubjectFilesWritten> | null = null;
  return {
    name: 'sunshine-subject-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ? new URL(config.site).href : null;
        client.configure(config);
      },
      'astro:build:start': () => {
        worker = startBuildWorker(new URL('./subject-files-worker.ts', import.meta.url), what, { site });
      },
      // Astro empties its output folder between astro:build:start and this hook.
      // With the render plan, made once the page versions are ready (render-plan.ts).
      'astro:build:setup': () => started(worker, what).post(workerMessage(client.get())),
      'astro:build:done': async ({ dir, logger }) => {
        client.check(dir);
        const at = performance.now();
        const { files, seconds } = await started(worker, what).wait();
        // "waited": what the render stage spent on them after the pages; the bench adds it to the render (bench/_process.ts).
        logger.info(`subject files: ${files} feeds and price CSVs, made and written in ${seconds.toFixed(2)} s beside the render, waited ${((performance.now() - at) / 1000).toFixed(2)} s`);
      },
    },
  };
}
