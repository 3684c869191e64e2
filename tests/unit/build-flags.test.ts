import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ASTRO_BUILD_NODE_FLAGS, ASTRO_INCREMENTAL_NODE_FLAGS, astroNodeFlags } from '../../src/publish/build-flags.ts';
import { codeHash } from '../../src/publish/code-hash.ts';
import { MANIFEST_FILE } from '../../src/site/integrations/build-manifest.ts';

// The Astro process gets a small young generation only on a night that will link most pages
// (a previous build made by the same code); any night that renders every page gets the large one.
const ROOT = path.resolve(import.meta.dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'build-flags-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const build = (name: string, code: string | null) => {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  if (code !== null) fs.writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify({ format: 1, code, pages: { order: {}, product: {}, agency: {}, supplier: {} } }));
  return dir;
};

describe('astroNodeFlags', () => {
  const same = build('same', codeHash(ROOT));
  it('is the incremental set only for a previous build of the same code, not asked to render everything', () => {
    expect(astroNodeFlags(ROOT, same, false)).toEqual(ASTRO_INCREMENTAL_NODE_FLAGS);
    expect(astroNodeFlags(ROOT, same, true)).toEqual(ASTRO_BUILD_NODE_FLAGS);
    expect(astroNodeFlags(ROOT, null, false)).toEqual(ASTRO_BUILD_NODE_FLAGS);
    expect(astroNodeFlags(ROOT, build('other', 'f'.repeat(64)), false)).toEqual(ASTRO_BUILD_NODE_FLAGS);
    expect(astroNodeFlags(ROOT, build('none', null), false)).toEqual(ASTRO_BUILD_NODE_FLAGS);
  });
  it('differs only in the young generation', () => {
    expect(ASTRO_INCREMENTAL_NODE_FLAGS.filter((f) => !f.startsWith('--max-semi-space-size='))).toEqual(ASTRO_BUILD_NODE_FLAGS.filter((f) => !f.startsWith('--max-semi-space-size=')));
  });
});
