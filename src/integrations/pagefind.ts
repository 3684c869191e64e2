import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as pagefind from 'pagefind';

/**
 * Indexes the built site with Pagefind's Node API once Astro has written every page
 * (DESIGN §8). `dir` from astro:build:done is the folder the static files went to — with the
 * node adapter that is dist/client/, without it dist/ — so the index always lands beside the
 * pages it describes, at /pagefind/.
 *
 * Chinese: no `forceLanguage`. Pagefind reads `<html lang="zh-CN">` from each page and then
 * segments with its Chinese dictionary plus two-character pairs; forcing any language code
 * lost 打印机 in our measurements (STACK-NOTES). The layout sets lang, so we only warn when the
 * index comes out in another language.
 */
export interface PagefindIntegrationOptions {
  /** Fail the build when Pagefind reports errors or indexes no page (default true). */
  strict?: boolean;
}

export default function pagefindIntegration(options: PagefindIntegrationOptions = {}): AstroIntegration {
  const strict = options.strict ?? true;
  return {
    name: 'sunshine-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        const started = performance.now();
        try {
          const created = await pagefind.createIndex({});
          check('createIndex', created.errors, logger, strict);
          const index = created.index;
          if (!index) throw new Error('Pagefind createIndex returned no index');

          const added = await index.addDirectory({ path: siteDir });
          check('addDirectory', added.errors, logger, strict);
          if (added.page_count === 0 && strict) {
            throw new Error(`Pagefind indexed no page in ${siteDir}: is data-pagefind-body on the content?`);
          }

          const outputPath = path.join(siteDir, 'pagefind');
          const written = await index.writeFiles({ outputPath });
          check('writeFiles', written.errors, logger, strict);

          const langs = readLanguages(outputPath);
          if (langs.length > 0 && !langs.some((l) => l.startsWith('zh'))) {
            logger.warn(`Pagefind index languages are ${langs.join(', ')}; Chinese search needs <html lang="zh-CN">`);
          }
          const seconds = (performance.now() - started) / 1000;
          logger.info(`Pagefind indexed ${added.page_count} pages in ${seconds.toFixed(2)} s → ${outputPath}`);
        } finally {
          // The Node API runs the Pagefind binary as a child process; without close() the
          // build process would linger until it exits on its own.
          await pagefind.close();
        }
      },
    },
  };
}

function check(step: string, errors: string[], logger: { error: (m: string) => void }, strict: boolean): void {
  if (errors.length === 0) return;
  const message = `Pagefind ${step} failed: ${errors.join('; ')}`;
  if (strict) throw new Error(message);
  logger.error(message);
}

/** Languages present in the written index, from pagefind-entry.json (for the lang warning above). */
function readLanguages(outputPath: string): string[] {
  try {
    const entry = JSON.parse(fs.readFileSync(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
      languages?: Record<string, unknown>;
    };
    return Object.keys(entry.languages ?? {});
  } catch {
    return [];
  }
}
