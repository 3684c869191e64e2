import path from 'node:path';

import { createHash } from 'node:crypto';

/**
 * Where the published site and its builds live. `dist/` (or SUNSHINE_DIST) is the published
 * path; build folders live in `dist-builds/<site>/` of the project (see site.ts for why), one
 * folder per published path, so two deployments in one checkout (the demo's dist-demo and the
 * nightly's dist) never prune each other's builds. Both are resolved from the working
 * directory — never from import.meta.url.
 */
export function resolveDistPath(explicit?: string): string {
  return path.resolve(process.cwd(), explicit ?? process.env.SUNSHINE_DIST ?? 'dist');
}

export function defaultBuildsDir(distPath: string, projectRoot = process.cwd()): string {
  const rel = path.relative(projectRoot, distPath);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  // A readable name for a published path in the project, a stable hash for one elsewhere.
  const site = inside ? rel.split(path.sep).join('_') : `site-${createHash('sha256').update(distPath).digest('hex').slice(0, 12)}`;
  return path.join(projectRoot, 'dist-builds', site);
}
