import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One meaning per exported name: a type, function or constant exported from `src/` is defined
 * in one module only, so `Order` or `FlagRow` means one thing wherever it is imported. Astro's
 * route conventions (`GET`, `prerender`, `getStaticPaths`) are names every route must export.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const ROUTE_CONVENTIONS = new Set(['GET', 'POST', 'prerender', 'getStaticPaths', 'partial']);

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const p = path.posix.join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (/\.(ts|mts|mjs)$/.test(e.name) && !e.name.endsWith('.d.mts')) yield p;
  }
}

export function exportedNames(text: string): string[] {
  return [...text.matchAll(/^export\s+(?:declare\s+)?(?:async\s+)?(?:type|interface|class|function\*?|const|let|enum)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!);
}

describe('one definition per exported name', () => {
  const definedIn = new Map<string, string[]>();
  for (const f of sources('src')) {
    for (const name of exportedNames(readFileSync(path.join(ROOT, f), 'utf8'))) {
      if (!ROUTE_CONVENTIONS.has(name)) definedIn.set(name, [...(definedIn.get(name) ?? []), f]);
    }
  }

  it('reads the exports it should', () => {
    expect(definedIn.size).toBeGreaterThan(300);
    expect(definedIn.get('orderGap')).toEqual(['src/domain/order-gap.ts']);
  });

  it('no name is exported by two modules', () => {
    const twice = [...definedIn].filter(([, files]) => files.length > 1).map(([n, files]) => `${n}: ${files.join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('catches what it must', () => {
    expect(exportedNames('export interface A {}\nexport type B = 1;\nexport async function c() {}\nexport const D = 1;')).toEqual(['A', 'B', 'c', 'D']);
  });
});
