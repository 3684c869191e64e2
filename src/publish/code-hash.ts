import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What the rendered pages and their data versions depend on besides the database: our source,
 * the Astro config, the locked dependency versions, and the build-time settings that reach a
 * page. A build reuses the previous build's pages only under the same code (render-plan.ts), and
 * the versions step hashes only the changed pages only under the same code (content-versions.ts).
 */
const CODE_INPUTS = ['src', 'astro.config.mjs', 'package-lock.json', 'public'];
const BUILD_SETTINGS = ['SUNSHINE_CORRECTIONS', 'SUNSHINE_SEARCH_SHARD_PAGES'];

export const codeHash = (root: string): string => treeHash(root, CODE_INPUTS, BUILD_SETTINGS);

/**
 * What a feed file's records depend on besides its bytes: our source (parsing, validation, the
 * allow-lists, the loader) and the locked dependencies. A file read under other code is read
 * again (src/ingest/core/file-ledger.ts).
 */
export const ingestCodeHash = (root: string): string => treeHash(root, ['src', 'package-lock.json'], []);

function treeHash(root: string, inputs: readonly string[], settings: readonly string[]): string {
  const h = createHash('sha256');
  const walk = (rel: string) => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) return;
    const st = fs.statSync(abs);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) walk(path.join(rel, name));
    } else {
      h.update(rel).update('\u0000').update(fs.readFileSync(abs)).update('\u0000');
    }
  };
  for (const p of inputs) walk(p);
  for (const name of settings) h.update(`${name}=${process.env[name] ?? ''}\u0000`);
  return h.digest('hex');
}
