import module from 'node:module';
import path from 'node:path';

/**
 * Node's module compile cache for this process and every process and worker thread it starts
 * (they inherit NODE_COMPILE_CACHE from the environment). A nightly starts ≈ a dozen of them
 * (the versions step, `astro build` and its workers, the search index), and each
 * stripped the types of our TypeScript again and compiled Astro's, Vite's and Pagefind's modules
 * again: ≈ 2.5–3 CPU-seconds of a quiet night on two cores. The cache holds the stripped and
 * compiled code, keyed by each file's content, so a changed file is compiled afresh; deleting the
 * folder is always safe. A NODE_COMPILE_CACHE set by the deployer wins; NODE_DISABLE_COMPILE_CACHE=1
 * turns it off (Node's own switch).
 */
export function shareCompileCache(projectRoot: string): string | null {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return null;
  const dir = process.env.NODE_COMPILE_CACHE || path.join(projectRoot, '.cache', 'node-compile-cache');
  const result = module.enableCompileCache?.(dir);
  if (!result || result.status === module.constants.compileCacheStatus.FAILED) return null;
  process.env.NODE_COMPILE_CACHE = dir;
  return dir;
}
