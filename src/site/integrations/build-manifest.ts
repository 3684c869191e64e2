import fs from 'node:fs';
import path from 'node:path';
import type { PageKind } from '../../db/queries/page-inputs.ts';

/**
 * What a build records for the next one, beside its client folder (not in it: it is for the
 * next build, not for readers): the data version of every page it rendered or linked, and the
 * build it linked the unchanged ones from (render-plan.ts decides, reuse-worker.ts links).
 */
export const MANIFEST_FILE = 'build-manifest.json';

export interface BuildManifest {
  format: 1;
  /** Hash of the source, configuration and locked dependencies the build ran with. */
  code: string;
  /**
   * The build whose unchanged pages and month lists (equal versions in both manifests) this one
   * linked instead of rendering; absent when every page was rendered.
   */
  from?: string;
  /** The data version each order, product, agency and supplier page was rendered from. */
  pages: Record<PageKind, Record<string, string>>;
  /** The data version each month's purchase lists were rendered from (month-versions.ts). */
  months?: Record<string, string>;
  /** Each search index (URL path) and the hash of the pages it was built from (search-shards.ts). */
  shards?: Record<string, string>;
  /** Each indexed page (path in client/) and the hash of its search document (search-shards.ts). */
  documents?: Record<string, string>;
}

/**
 * Whether a page (or a month's lists) of version `now` is the one a previous build rendered at
 * version `then`, so that this build links it from there instead of rendering it: it has a
 * version, and the same. The render plan decides with it, and whatever later reads the two
 * manifests (the search index, the site's size) tells the linked pages by it.
 */
export const unchanged = (now: string | undefined, then: string | undefined): boolean => now !== undefined && now !== '' && now === then;

/** The manifest of the build this one linked its unchanged pages from (null: every page was rendered, or that build has none). */
export const linkedManifest = (manifest: BuildManifest | null): BuildManifest | null => (manifest?.from === undefined ? null : readManifest(manifest.from));

export function readManifest(buildDir: string): BuildManifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(buildDir, MANIFEST_FILE), 'utf8')) as BuildManifest;
    return m.format === 1 ? m : null;
  } catch {
    return null;
  }
}

/** Adds the search shards' keys and their pages' document hashes to the manifest the incremental integration wrote. */
export function writeShardKeys(outDir: string, shards: Record<string, string>, documents: Record<string, string>): void {
  const file = path.join(outDir, MANIFEST_FILE);
  const manifest = readManifest(outDir);
  if (!manifest) throw new Error(`no build manifest at ${file} (the incremental integration runs before Pagefind)`);
  fs.writeFileSync(file, JSON.stringify({ ...manifest, shards, documents }));
}
