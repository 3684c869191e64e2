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

export function codeHash(root: string): string {
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
  for (const p of CODE_INPUTS) walk(p);
  for (const name of BUILD_SETTINGS) h.update(`${name}=${process.env[name] ?? ''}\u0000`);
  return h.digest('hex');
}
