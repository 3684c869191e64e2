import type { AstroIntegration } from 'astro';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBuildWorker, type BuildWorker } from './build-worker.ts';
import type { SubjectFilesWritten } from './subject-files-worker.ts';

/**
 * The feeds and price CSVs beside the product, agency and supplier pages this build renders
 * (render/subject-files.ts says why they are not Astro endpoints). The same plan as the pages'
 * routes (pagesToRender): an incremental build writes the changed subjects' files and the
 * incremental integration links the rest from the previous build. A worker thread makes and
 * writes them while Astro renders (subject-files-worker.ts); the build waits for it at the end.
 * Built sites only: `astro dev` does not serve these files.
 */
export default function subjectFilesIntegration(): AstroIntegration {
  let site: string | null = null;
  let client: string | null = null;
  let worker: BuildWorker<SubjectFilesWritten> | null = null;
  return {
    name: 'sunshine-subject-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ? new URL(config.site).href : null;
        client = fileURLToPath(config.build.client);
      },
      'astro:build:start': () => {
        worker = startBuildWorker(new URL('./subject-files-worker.ts', import.meta.url), 'feeds and price CSVs', { site });
      },
      // Astro empties its output folder between astro:build:start and this hook.
      'astro:build:setup': () => {
        if (!worker || client === null) throw new Error('feeds and price CSVs: astro:build:start did not run');
        worker.post({ client });
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!worker || client === null) throw new Error('feeds and price CSVs: astro:build:start did not run');
        if (path.resolve(fileURLToPath(dir)) !== path.resolve(client)) throw new Error(`feeds and price CSVs: written to ${client}, but the site was built in ${fileURLToPath(dir)}`);
        const started = performance.now();
        const { files, seconds } = await worker.wait();
        // "waited": what the render stage spent on them after the pages; the bench adds it to the render (bench/_process.ts).
        logger.info(`subject files: ${files} feeds and price CSVs, made and written in ${seconds.toFixed(2)} s beside the render, waited ${((performance.now() - started) / 1000).toFixed(2)} s`);
      },
    },
  };
}
