import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository must stand alone: a fresh clone with nothing beside it passes its tests. So no
 * test, script, benchmark, build step or source file may name a path that climbs out of the
 * checkout (the team's shared folder beside it, `../../fixtures`) or an absolute home of someone's
 * machine.
 * Relative imports that stay inside the repository are fine; this walks every file and
 * resolves each `../` string literal against the file's folder.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHARED = ['sha', 'red'].join('');
const SCANNED = ['src', 'scripts', 'tests', 'bench', '.ci', 'astro.config.mjs', 'package.json', 'vitest.config.ts'];
const TEXT = /\.(ts|mts|mjs|js|astro|json|sh)$|^run$/;
const SKIP_DIRS = new Set(['node_modules', 'real', '__golden__']);

function* files(p: string): Generator<string> {
  const abs = path.join(ROOT, p);
  let entries;
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch {
    if (TEXT.test(path.basename(p))) yield p;
    return;
  }
  for (const e of entries) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) yield* files(path.join(p, e.name));
    } else if (TEXT.test(e.name)) yield path.join(p, e.name);
  }
}

/** Every quoted string (or path-like word) that starts with ../ and where it points from its file. */
export function outsidePaths(file: string, text: string): string[] {
  const found: string[] = [];
  const inside = (p: string) => p === ROOT || p.startsWith(ROOT + path.sep);
  for (const m of text.matchAll(/(?<![\w.])((?:\.\.\/)+[^\s'"`)]*)/g)) {
    if (!inside(path.resolve(ROOT, path.dirname(file), m[1]!))) found.push(m[1]!);
  }
  // A path resolved against the working directory (the repository root when tests run) that climbs out.
  for (const m of text.matchAll(/(?:resolve|join|readFileSync|existsSync|readdirSync)\(\s*(?:process\.cwd\(\),\s*)?['"`]((?:\.\.\/)+[^'"`]*)/g)) {
    if (!inside(path.resolve(ROOT, m[1]!))) found.push(m[1]!);
  }
  for (const m of text.matchAll(/['"`](\/(?:work|home|Users)\/[^'"`]*)['"`]/g)) found.push(m[1]!);
  // The team's folder beside the checkout, by name (spelled so this file does not name it).
  for (const m of text.matchAll(new RegExp(`\\.\\./${SHARED}\\b`, 'g'))) found.push(m[0]);
  return found;
}

describe('the repository stands alone', () => {
  const all = SCANNED.flatMap((p) => [...files(p)]);

  it('scans the sources it is meant to (a guard against a walker that finds nothing)', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all).toContain(path.join('tests', 'rules', 'repo-boundary.test.ts'));
  });

  it('no file names a path outside the checkout', () => {
    const offenders = all.flatMap((f) => {
      if (f === path.join('tests', 'rules', 'repo-boundary.test.ts')) return [];
      return outsidePaths(f, readFileSync(path.join(ROOT, f), 'utf8')).map((p) => `${f}: ${p}`);
    });
    expect(offenders).toEqual([]);
  });

  it('catches what it must', () => {
    expect(outsidePaths('tests/integration/x.test.ts', `path.resolve('../${SHARED}/fixtures/ocds')`)).not.toEqual([]);
    expect(outsidePaths('tests/unit/x.test.ts', "import x from '../../../other/thing.ts'")).not.toEqual([]);
    expect(outsidePaths('tests/unit/x.test.ts', `const p = '/work/${SHARED}/fixtures'`)).not.toEqual([]);
    expect(outsidePaths('tests/integration/x.test.ts', "fs.readFileSync('../fixtures/a.csv')")).not.toEqual([]);
    expect(outsidePaths('tests/unit/x.test.ts', "import x from '../../src/db/schema.ts'")).toEqual([]);
  });
});
