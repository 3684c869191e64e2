import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of the code base as tests (in the spirit of Starlight's test that forbids
 * internal barrel imports): the import graph of `src/` is read from the sources, and each rule
 * names the arrows it forbids. A failure lists the offending file and import.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function* sourceFiles(dir: string): Generator<string> {
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const p = path.posix.join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|mts|mjs|astro)$/.test(e.name) && !e.name.endsWith('.d.mts')) yield p;
  }
}

/** Every import of a file: relative ones resolved to repository paths, packages as written. */
export function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s+['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(re)) {
    const spec = (m[1] ?? m[2] ?? m[3])!;
    out.push(spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : spec);
  }
  return out;
}

const graph = new Map<string, string[]>();
for (const f of sourceFiles('src')) graph.set(f, importsOf(f, readFileSync(path.join(ROOT, f), 'utf8')));

/** The arrows from files under `from` to imports matching `to`. */
function arrows(from: string, to: (spec: string) => boolean): string[] {
  return [...graph].filter(([f]) => f.startsWith(from)).flatMap(([f, specs]) => specs.filter(to).map((s) => `${f} → ${s}`));
}

const under = (...dirs: string[]) => (spec: string) => dirs.some((d) => spec.startsWith(d));
const IO = (spec: string) => /^(node:)?(fs|fs\/promises|http|https|net|child_process|worker_threads|cluster|os|dgram|tls)$/.test(spec) || ['better-sqlite3', 'kysely', 'astro'].includes(spec) || spec.startsWith('astro:');

describe('layering rules', () => {
  it('reads a real graph (a guard against a parser that finds nothing)', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('src/analyze/run.ts')).toContain('src/domain/flags/index.ts');
  });

  it('domain logic does no I/O and depends on nothing of the project outside src/domain', () => {
    expect(arrows('src/domain/', (s) => IO(s) || (s.startsWith('src/') && !s.startsWith('src/domain/')))).toEqual([]);
  });

  it('the database layer never imports site, page or formatting code', () => {
    expect(arrows('src/db/', under('src/site/', 'src/i18n/', 'src/downloads/', 'src/server/'))).toEqual([]);
  });

  it('ingest never imports pages, and pages never import ingest', () => {
    expect(arrows('src/ingest/', under('src/site/', 'src/downloads/', 'src/server/', 'src/publish/'))).toEqual([]);
    expect(arrows('src/site/', under('src/ingest/'))).toEqual([]);
  });

  it('browser code imports neither the database nor Node', () => {
    expect(arrows('src/site/client/', (s) => IO(s) || s.startsWith('node:') || under('src/db/', 'src/ingest/', 'src/publish/')(s))).toEqual([]);
  });

  it('no query code outside the read layer, ingest, analyze and publish', () => {
    // Pages, downloads, the API and the server ask the database only through src/db/.
    const QUERY = /\bselectFrom\(|\.prepare\(|\bsql`|\b(?:SELECT|INSERT|UPDATE|DELETE)\s+(?:\*|[a-z_]+\s*(?:,|FROM|INTO|SET)|FROM|INTO)/;
    const allowed = ['src/db/', 'src/ingest/', 'src/analyze/', 'src/publish/'];
    const offenders = [...graph.keys()].filter((f) => !allowed.some((a) => f.startsWith(a)) && QUERY.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
    expect(QUERY.test("all(`SELECT id, name FROM agencies`)")).toBe(true);
  });

  it('there are no import cycles', () => {
    // Tarjan's strongly connected components over the relative imports.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    let n = 0;
    const visit = (v: string) => {
      index.set(v, n);
      low.set(v, n++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const c: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          c.push(w);
        } while (w !== v);
        if (c.length > 1) cycles.push(c.sort());
      }
    };
    for (const v of graph.keys()) if (!index.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });

  it('catches what it must', () => {
    expect(importsOf('src/db/queries/x.ts', "import type { A } from '../../site/render/evidence.ts';\nimport fs from 'node:fs';")).toEqual(['src/site/render/evidence.ts', 'node:fs']);
    expect(importsOf('src/a/b.ts', "const m = await import('./c.ts');\nexport { x } from '../d.ts';")).toEqual(['src/a/c.ts', 'src/d.ts']);
  });
});
