import type { FieldIssue } from '../core/records.ts';
import { idProblem } from '../../domain/clean-text.ts';
import { MAX_RECORD_DEPTH, nestsDeeperThan } from '../core/json-depth.ts';

/**
 * Reading OCDS documents into releases. OCDS publishes the same facts in several wrappers:
 * release packages ({ releases: [...] }), record packages ({ records: [{ ocid,
 * compiledRelease?, releases }] }), bare releases (Paraguay's DNCP wraps them in a
 * non-standard "packageInfo"), and JSON Lines of any of these. They all become a flat list of
 * releases keyed by ocid; the caller merges each ocid's releases.
 */

export type OcdsJson = Record<string, unknown>;
export const isObject = (v: unknown): v is OcdsJson => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ReleaseEntry {
  ocid: string;
  release: OcdsJson;
  /** Where it came from ("records_277004.json", "feed.jsonl#3"), for provenance. */
  origin: string;
  /** A publisher's compiledRelease (already the merge of its releases). */
  compiled: boolean;
}

export interface PackageProblem {
  key: string;
  ocid?: string;
  issues: FieldIssue[];
}

/** A linked release ({url, date, tag}) names a release without carrying its body. */
const isLinkedOnly = (r: OcdsJson) => Object.keys(r).every((k) => k === 'url' || k === 'date' || k === 'tag');

const looksLikeRelease = (v: OcdsJson) => typeof v.ocid === 'string' && ('tag' in v || 'date' in v || 'id' in v);

export function entriesOf(doc: unknown, origin: string): { entries: ReleaseEntry[]; linkedOnly: PackageProblem[]; problems: PackageProblem[] } {
  const entries: ReleaseEntry[] = [];
  const linkedOnly: PackageProblem[] = [];
  const problems: PackageProblem[] = [];
  const add = (r: unknown, where: string, compiled: boolean) => {
    if (!isObject(r) || typeof r.ocid !== 'string' || r.ocid.trim() === '') {
      problems.push({ key: where, issues: [{ field: 'ocid', reason: 'is missing: a release without an ocid cannot be tied to a procurement process' }] });
      return;
    }
    // Merging releases recurses; a release nested deeper than any real one would overflow it.
    if (nestsDeeperThan(r)) {
      problems.push({ key: where, issues: [{ field: '(release)', reason: `is nested deeper than ${MAX_RECORD_DEPTH} levels` }] });
      return;
    }
    const bad = idProblem(r.ocid.trim());
    if (bad) {
      problems.push({ key: where, issues: [{ field: 'ocid', reason: bad }] });
      return;
    }
    entries.push({ ocid: r.ocid.trim(), release: r, origin, compiled });
  };
  if (!isObject(doc)) {
    problems.push({ key: origin, issues: [{ field: '(document)', reason: 'is not a JSON object (expected an OCDS release package, record package or release)' }] });
  } else if (Array.isArray(doc.records)) {
    doc.records.forEach((rec, i) => {
      const where = `${origin} records[${i}]`;
      if (!isObject(rec)) {
        problems.push({ key: where, issues: [{ field: `records[${i}]`, reason: 'is not an object' }] });
        return;
      }
      if (isObject(rec.compiledRelease)) {
        // The publisher's own merge; it already holds everything its releases said.
        add({ ocid: rec.ocid, ...rec.compiledRelease }, where, true);
        return;
      }
      const releases = Array.isArray(rec.releases) ? rec.releases.filter(isObject) : [];
      const bodies = releases.filter((r) => !isLinkedOnly(r));
      if (bodies.length > 0) {
        for (const r of bodies) add({ ocid: rec.ocid, ...r }, where, false);
      } else {
        const ocid = typeof rec.ocid === 'string' ? rec.ocid : undefined;
        linkedOnly.push({
          key: ocid ?? where,
          ocid,
          issues: [{
            field: 'releases',
            reason: `are only links (url, date, tag) and the record has no compiledRelease (${where}); download the linked releases and ingest them too`,
          }],
        });
      }
    });
  } else if (Array.isArray(doc.releases)) {
    doc.releases.forEach((r, i) => add(r, `${origin} releases[${i}]`, false));
  } else if (looksLikeRelease(doc)) {
    add(doc, origin, false);
  } else {
    problems.push({ key: origin, issues: [{ field: '(document)', reason: 'is neither an OCDS release package (releases), a record package (records) nor a release (ocid)' }] });
  }
  return { entries, linkedOnly, problems };
}
