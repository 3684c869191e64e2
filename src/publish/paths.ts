import path from 'node:path';

/**
 * Where the published site and its builds live. `dist/` (or SUNSHINE_DIST) is the published
 * path; build folders live in `dist-builds/` of the project (see site.ts for why), both
 * resolved from the working directory — never from import.meta.url.
 */
export function resolveDistPath(explicit?: string): string {
  return path.resolve(process.cwd(), explicit ?? process.env.SUNSHINE_DIST ?? 'dist');
}

export function defaultBuildsDir(projectRoot = process.cwd()): string {
  return path.join(projectRoot, 'dist-builds');
}
