import path from 'node:path';
import { compileReleases } from './merge.ts';
import { entriesOf, type PackageProblem, type ReleaseEntry } from './package.ts';
import { readOcdsInput } from './read.ts';
import { ordersOfRelease } from './to-order.ts';
import type { Source, SourceItem } from '../core/source.ts';

export interface OcdsSourceOptions {
  id?: string;
  log?: (line: string) => void;
  fetch?: typeof fetch;
}

/**
 * Open Contracting Data Standard publications (DESIGN §3, `--ocds FILE|DIR|URL`): release
 * packages, record packages and JSON Lines. All releases of one ocid found in the input are
 * merged (newest wins) before contracts become orders, so a folder holding a record package
 * and later releases of the same process yields each contract once, complete.
 */
export function ocdsSource(input: string, opts: OcdsSourceOptions = {}): Source {
  const id = opts.id ?? `ocds:${/^https?:/i.test(input) ? input : path.relative(process.cwd(), path.resolve(input)) || '.'}`;
  return {
    id,
    async *items(): AsyncGenerator<SourceItem> {
      const docs = await readOcdsInput(input, opts.fetch);
      const byOcid = new Map<string, ReleaseEntry[]>();
      const linkedOnly: PackageProblem[] = [];
      const problems: PackageProblem[] = [];
      for (const d of docs) {
        if (d.error) {
          problems.push({ key: d.origin, issues: [{ field: '(line)', reason: d.error }] });
          continue;
        }
        const r = entriesOf(d.doc, d.origin);
        for (const e of r.entries) {
          const list = byOcid.get(e.ocid) ?? [];
          list.push(e);
          byOcid.set(e.ocid, list);
        }
        linkedOnly.push(...r.linkedOnly);
        problems.push(...r.problems);
      }
      opts.log?.(`${id}: ${docs.length} documents, ${byOcid.size} processes (ocids)`);
      for (const [ocid, entries] of byOcid) {
        const compiled = compileReleases(entries);
        yield* ordersOfRelease(compiled, { ocid, origins: [...new Set(entries.map((e) => e.origin))] });
      }
      // A record that only links its releases is a problem only if nothing else in the input
      // carried that process.
      for (const p of linkedOnly) if (!p.ocid || !byOcid.has(p.ocid)) problems.push(p);
      for (const p of problems) yield { kind: 'order', ok: false, key: p.key, issues: p.issues };
    },
  };
}
