import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every setting a deployer can change is in the README (in the spirit of Datasette's
 * test_docs): each environment variable the code reads — `process.env.NAME`, or a
 * `SUNSHINE_…` name passed around as a string — must appear in README.md in backticks.
 * Variables the code only sets for a library it runs are listed here, with why.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const INTERNAL = new Set([
  'ASTRO_NODE_AUTOSTART', // set by src/server/worker.mjs so Astro's handler does not start its own server
]);

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (/\.(ts|mjs|astro)$/.test(e.name)) yield p;
  }
}

export function settingsIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g)) names.add((m[1] ?? m[2])!);
  for (const m of text.matchAll(/\bSUNSHINE_[A-Z0-9_]+\b/g)) names.add(m[0]);
  return [...names];
}

describe('every setting is documented in the README', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const used = new Map<string, string>();
  for (const f of [...sources('src'), ...sources('scripts'), 'astro.config.mjs']) {
    for (const name of settingsIn(readFileSync(path.join(ROOT, f), 'utf8'))) if (!used.has(name)) used.set(name, f);
  }

  it('finds the settings it should (a guard against a scan that finds nothing)', () => {
    expect([...used.keys()]).toEqual(expect.arrayContaining(['SUNSHINE_DB', 'SUNSHINE_DIST', 'PORT', 'HOST']));
  });

  it('names each one in README.md', () => {
    const missing = [...used].filter(([name]) => !INTERNAL.has(name) && !readme.includes(`\`${name}\``)).map(([n, f]) => `${n} (read in ${f})`);
    expect(missing).toEqual([]);
  });

  it('catches what it must', () => {
    expect(settingsIn("const x = process.env.FOO_BAR ?? 'a'; num('SUNSHINE_NEW')")).toEqual(['FOO_BAR', 'SUNSHINE_NEW']);
  });
});
