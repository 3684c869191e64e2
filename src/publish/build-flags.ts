import path from 'node:path';
import { readManifest } from '../site/integrations/build-manifest.ts';
import { codeHash } from './code-hash.ts';

/**
 * Node flags for the process that runs `astro build` (also written out in package.json's
 * `build` script). A 128 MB young generation: rendering makes short-lived strings by the
 * gigabyte, and with the default 16 MB V8 spent ≈12 s of a 20k-order build copying survivors
 * (render at 20k orders: 68.6 s with 16 MB, 59 s with 64 MB, 44 s with 128 MB plus later changes).
 * --expose-gc lets the Pagefind integration collect Astro's garbage before the index is built,
 * so the two processes' peaks do not add up.
 */
export const ASTRO_BUILD_NODE_FLAGS = ['--expose-gc', '--max-semi-space-size=128'] as const;

/**
 * The same for a night that links most pages from the previous build (the same code: see
 * render-plan.ts), which renders a few hundred pages. Its young generation never needs 128 MB,
 * and every page of memory a process first touches costs a page fault — ≈ 15 µs on the 2-core
 * VM of the benchmarks (1 GB touched: 3.9 s). With 32 MB, Astro's process took ≈ 58k fewer
 * faults on the quiet 20k night (188k against 246k) and 14.3 CPU-s against 15.6, three
 * alternating pairs.
 */
export const ASTRO_INCREMENTAL_NODE_FLAGS = ['--expose-gc', '--max-semi-space-size=32'] as const;

/** The flags of a build that may link unchanged pages from `previousBuild` (null or `full`: it renders every page). */
export function astroNodeFlags(projectRoot: string, previousBuild: string | null | undefined, full: boolean): readonly string[] {
  if (!previousBuild || full) return ASTRO_BUILD_NODE_FLAGS;
  // Other code renders every page (render-plan.ts); so does a previous build without a manifest.
  return readManifest(previousBuild)?.code === codeHash(projectRoot) ? ASTRO_INCREMENTAL_NODE_FLAGS : ASTRO_BUILD_NODE_FLAGS;
}

/** The `astro` command-line entry inside a project's node_modules (its package's `bin`). */
export const astroBin = (projectRoot: string): string => path.join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
