/**
 * Compiling a column mapping (mapping-file.ts) against one file's header, and applying it to
 * its rows. The file format and its loading live in mapping-file.ts, re-exported here so
 * callers keep one import.
 */
export * from './mapping-file.ts';
import type { FieldRule, MappingSpec } from './mapping-file.ts';

// Compiling rules against a header

/** One input row: CSV cells by position, or a JSON object by key. */
export type Row = readonly string[] | Record<string, unknown>;
export type Getter = (row: Row) => unknown;

/** Resolves a column reference to a getter, or throws an Error a person can act on. */
export type ColumnLookup = (ref: string, forField: string) => Getter;

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const text = (v: unknown): string | undefined => (isEmpty(v) ? undefined : String(v));

export function compileRule(rule: FieldRule, field: string, lookup: ColumnLookup, where: string): Getter {
  if (typeof rule === 'string') return lookup(rule, field);
  if ('const' in rule) {
    const v = rule.const;
    return () => v;
  }
  if ('first' in rule) {
    const gs = rule.first.map((r) => compileRule(r, field, lookup, where));
    return (row) => {
      for (const g of gs) {
        const v = g(row);
        if (!isEmpty(v)) return v;
      }
      return undefined;
    };
  }
  if ('template' in rule) {
    const parts: Array<string | Getter> = [];
    let last = 0;
    for (const m of rule.template.matchAll(/\{([^{}]+)\}/g)) {
      parts.push(rule.template.slice(last, m.index));
      parts.push(lookup(m[1]!, field));
      last = m.index! + m[0].length;
    }
    parts.push(rule.template.slice(last));
    const enc = rule.encode === 'uri' ? (s: string) => encodeURIComponent(s) : (s: string) => s;
    return (row) => {
      let out = '';
      for (const p of parts) {
        if (typeof p === 'string') out += p;
        else {
          const v = text(p(row));
          // A template with a hole would store a wrong value (a URL to nowhere): none at all.
          if (v === undefined) return undefined;
          out += enc(v.trim());
        }
      }
      return out;
    };
  }
  const from = lookup(rule.from, field);
  if ('contains' in rule) {
    const needles = Array.isArray(rule.contains) ? rule.contains : [rule.contains];
    return (row) => {
      const v = text(from(row));
      // An empty source cell says nothing either way; the validator reports it as missing.
      return v === undefined ? undefined : needles.some((n) => v.includes(n));
    };
  }
  if ('regex' in rule) {
    let re: RegExp;
    try {
      re = new RegExp(rule.regex, rule.flags ?? 'u');
    } catch (e) {
      throw new Error(`${where}: field "${field}": bad regex (${(e as Error).message})`);
    }
    const group = rule.group ?? (/\((?!\?)/.test(rule.regex) ? 1 : 0);
    return (row) => {
      const v = text(from(row));
      if (v === undefined) return undefined;
      const m = re.exec(v.trim());
      if (!m) return undefined;
      const g = typeof group === 'number' ? m[group] : m.groups?.[group];
      return text(g)?.trim();
    };
  }
  if ('map' in rule) {
    const map = new Map(Object.entries(rule.map).map(([k, v]) => [k.trim(), v]));
    // An unmapped value passes through unchanged so the validator can name it in its reason.
    return (row) => {
      const v = from(row);
      return typeof v === 'string' && map.has(v.trim()) ? map.get(v.trim()) : v;
    };
  }
  return from;
}

export interface CompiledMapping {
  /** Getter per field of ours that the input provides (by rule, rename or same name). */
  getters: Map<string, Getter>;
  /** Where each field comes from, for messages ("column 单价", "rule"). */
  origin: Map<string, string>;
}

/**
 * Binds a spec to an input's columns. `fields` are all our field names for this kind of
 * record; `required` those whose absence makes the whole file unusable (an Error that says
 * how to fix the mapping), never a per-row rejection that would reject every row.
 */
export function compileMapping(opts: {
  spec: MappingSpec | undefined;
  fields: readonly string[];
  required: readonly string[];
  lookup: ColumnLookup;
  hasColumn: (name: string) => boolean;
  where: string;
  mappingHint: string;
}): CompiledMapping {
  const { spec, fields, required, lookup, hasColumn, where } = opts;
  const getters = new Map<string, Getter>();
  const origin = new Map<string, string>();
  const renamed = new Map<string, string>();
  for (const [src, dst] of Object.entries(spec?.columns ?? {})) {
    if (!fields.includes(dst)) throw new Error(`${where}: the mapping sends column "${src}" to "${dst}", which is not one of ${fields.join(', ')}`);
    if (renamed.has(dst)) throw new Error(`${where}: the mapping sends both "${renamed.get(dst)}" and "${src}" to "${dst}"; keep one`);
    renamed.set(dst, src);
  }
  for (const f of Object.keys(spec?.fields ?? {})) {
    if (!fields.includes(f)) throw new Error(`${where}: the mapping has a rule for "${f}", which is not one of ${fields.join(', ')}`);
  }
  for (const f of fields) {
    const rule = spec?.fields?.[f];
    if (rule !== undefined) {
      getters.set(f, compileRule(rule, f, lookup, where));
      const plain = typeof rule === 'string' ? rule : 'from' in rule && Object.keys(rule).every((k) => k === 'from' || k === 'note') ? rule.from : null;
      origin.set(f, plain !== null ? `column ${plain}` : 'mapping rule');
    } else if (renamed.has(f)) {
      getters.set(f, lookup(renamed.get(f)!, f));
      origin.set(f, `column ${renamed.get(f)}`);
    } else if (hasColumn(f)) {
      getters.set(f, lookup(f, f));
      origin.set(f, `column ${f}`);
    }
  }
  const missing = required.filter((f) => !getters.has(f));
  if (missing.length > 0) {
    const cols = missing.length === 1 ? `column ${missing[0]} missing` : `columns ${missing.join(', ')} missing`;
    throw new Error(
      `${where}: ${cols}; add ${missing.length === 1 ? 'it' : 'them'} to ${opts.mappingHint} ` +
        `(e.g. "columns": { "<header in the file>": "${missing[0]}" }, or a rule under "fields")`,
    );
  }
  return { getters, origin };
}

/** Sets a dotted field ("buyer.name") on a nested object. */
export function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let o = target;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== 'object' || o[p] === null) o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]!] = value;
}

/** Applies a compiled mapping to one row; empty cells are left out (they mean "absent"). */
export function applyMapping(m: CompiledMapping, row: Row, nested = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [f, g] of m.getters) {
    const v = g(row);
    if (isEmpty(v)) continue;
    if (nested) setPath(out, f, v);
    else out[f] = v;
  }
  return out;
}
