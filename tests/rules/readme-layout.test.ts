import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README's layout section is the map a newcomer reads first: every folder of `src/` (and
 * each source folder of ingest, the site's format/ and render/, tools/) has its line, and no
 * line names a folder that no longer exists.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs = (p: string) => readdirSync(path.join(ROOT, p), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${p}/${e.name}/`);

describe('README layout section', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Layout'), readme.indexOf('\n## ', readme.indexOf('## Layout') + 1));
  const listed = [...section.matchAll(/^((?:src|tools|scripts|tests)\/[\w/-]*)\s/gm)].map((m) => m[1]!);

  it('lists every folder of the flow', () => {
    const expected = [...dirs('src').filter((d) => d !== 'src/ingest/'), ...dirs('src/ingest'), 'src/site/format/', 'src/site/render/', ...dirs('tools')];
    expect(expected.filter((d) => !listed.includes(d))).toEqual([]);
  });

  it('names no folder that does not exist', () => {
    const missing = listed.filter((d) => {
      try {
        readdirSync(path.join(ROOT, d));
        return false;
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });
});
