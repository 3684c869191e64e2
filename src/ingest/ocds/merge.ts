import { isObject, type OcdsJson, type ReleaseEntry } from './package.ts';

/**
 * Merging the releases of one ocid into one compiled view, the OCDS way: later releases
 * override earlier ones field by field; objects merge recursively; arrays of objects that all
 * carry an `id` (awards, contracts, items, parties) merge element by element on that id;
 * other arrays are replaced whole; a null removes a field. Releases are applied oldest first,
 * so the newest value of every field wins. A publisher's compiledRelease is one input among
 * the others, dated by its own `date`.
 */

const hasIds = (a: unknown[]) => a.length > 0 && a.every((x) => isObject(x) && (typeof x.id === 'string' || typeof x.id === 'number'));

export function mergeInto(base: OcdsJson, update: OcdsJson): OcdsJson {
  const out: OcdsJson = { ...base };
  for (const [k, v] of Object.entries(update)) {
    const prev = out[k];
    if (v === null) delete out[k];
    else if (isObject(v) && isObject(prev)) out[k] = mergeInto(prev, v);
    else if (Array.isArray(v) && Array.isArray(prev) && hasIds(v) && hasIds(prev)) {
      const merged = (prev as OcdsJson[]).map((p) => ({ ...p }));
      for (const item of v as OcdsJson[]) {
        const i = merged.findIndex((m) => String(m.id) === String(item.id));
        if (i >= 0) merged[i] = mergeInto(merged[i]!, item);
        else merged.push(item);
      }
      out[k] = merged;
    } else out[k] = v;
  }
  return out;
}

const time = (r: OcdsJson) => {
  const t = typeof r.date === 'string' ? Date.parse(r.date) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
};

/** One ocid's releases → its compiled release (newest wins); input order breaks date ties. */
export function compileReleases(entries: ReleaseEntry[]): OcdsJson {
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => time(a.e.release) - time(b.e.release) || a.i - b.i);
  let out: OcdsJson = {};
  for (const { e } of ordered) out = mergeInto(out, e.release);
  return out;
}
