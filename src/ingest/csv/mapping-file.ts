import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Column mapping files: how an export whose headers differ from ours (Chinese headers, no
 * header at all, values hidden inside other columns) becomes our field names. A mapping is
 * declarative JSON kept in the repository (data/mappings/), so a reviewer can see where every
 * stored value came from without reading code.
 *
 *   {
 *     "encoding": "gbk",                 // optional; default: detect (see decode.ts)
 *     "header": false,                   // optional; default true
 *     "positional": ["sku", "title", …], // names for the columns when there is no header
 *     "columns": { "品牌": "brand" },    // source column → our field
 *     "fields": {                        // our field → rule, for anything not a plain column
 *       "retailer": { "const": "jd" },
 *       "self_operated": { "from": "店铺", "contains": "自营" },
 *       "url": { "template": "https://item.jd.com/{商品编号}.html" },
 *       "model": { "from": "Name", "regex": "^\\S+\\s+(.+?)\\s*(\\(|$)", "group": 1 },
 *       "observed_at": { "const": "2019-08-27", "note": "no date column; the scrape date per SOURCE.md" },
 *       "brand": { "first": [ {…}, {…} ] }
 *     }
 *   }
 *
 * A mapping file holds either one such spec or several keyed by file-name pattern
 * ({ "orders*.csv": {…}, "order-lines*.csv": {…} }). Column references are header names or
 * "#N" (1-based position), which is the only way to reach a duplicated header.
 */

const note = z.string().optional();

type RuleInput =
  | string
  | { from: string; note?: string }
  | { const: string | number | boolean | null; note?: string }
  | { from: string; contains: string | string[]; note?: string }
  | { from: string; regex: string; group?: number | string; flags?: string; note?: string }
  | { template: string; encode?: 'uri'; note?: string }
  | { from: string; map: Record<string, string | number | boolean>; note?: string }
  | { first: RuleInput[]; note?: string };

export const fieldRuleSchema: z.ZodType<RuleInput> = z.lazy(() =>
  z.union([
    z.string().min(1),
    z.object({ const: z.union([z.string(), z.number(), z.boolean(), z.null()]), note }).strict(),
    z.object({ from: z.string().min(1), contains: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]), note }).strict(),
    z.object({ from: z.string().min(1), regex: z.string().min(1), group: z.union([z.number().int().min(0), z.string()]).optional(), flags: z.string().regex(/^[imsu]*$/).optional(), note }).strict(),
    z.object({ template: z.string().min(1), encode: z.literal('uri').optional(), note }).strict(),
    z.object({ from: z.string().min(1), map: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), note }).strict(),
    z.object({ first: z.array(fieldRuleSchema).min(1), note }).strict(),
    z.object({ from: z.string().min(1), note }).strict(),
  ]),
);
export type FieldRule = RuleInput;

export const ENTITY_KINDS = ['orders', 'order-lines', 'listings', 'retail'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const mappingSpecSchema = z
  .object({
    $comment: z.string().optional(),
    description: z.string().optional(),
    kind: z.enum(ENTITY_KINDS).optional(),
    encoding: z.enum(['auto', 'utf-8', 'gbk', 'gb18030']).optional(),
    header: z.boolean().optional(),
    delimiter: z.string().length(1).optional(),
    positional: z.array(z.union([z.string(), z.null()])).optional(),
    columns: z.record(z.string(), z.string().min(1, 'names our field; use "fields" for rules')).optional(),
    fields: z.record(z.string(), fieldRuleSchema).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.header === false && !s.positional) {
      ctx.addIssue({ code: 'custom', path: ['positional'], message: 'is required when "header" is false (name every column in order)' });
    }
  });
export type MappingSpec = z.infer<typeof mappingSpecSchema>;

const SPEC_KEYS = new Set(Object.keys(mappingSpecSchema.shape));

/** A loaded mapping file: one spec for every file, or specs by file-name pattern. */
export interface MappingFile {
  path: string;
  specFor(fileName: string): MappingSpec | undefined;
}

function globToRegExp(glob: string): RegExp {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i');
}

function formatZodError(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
}

/** Parses mapping JSON (already read); `where` names it in error messages. */
export function parseMapping(json: unknown, where: string): MappingFile {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${where}: a mapping must be a JSON object`);
  const keys = Object.keys(json).filter((k) => !k.startsWith('$'));
  const single = keys.every((k) => SPEC_KEYS.has(k));
  if (single) {
    const r = mappingSpecSchema.safeParse(json);
    if (!r.success) throw new Error(`${where}: ${formatZodError(r.error)}`);
    return { path: where, specFor: () => r.data };
  }
  const entries: Array<[RegExp, MappingSpec]> = [];
  for (const k of keys) {
    const r = mappingSpecSchema.safeParse((json as Record<string, unknown>)[k]);
    if (!r.success) throw new Error(`${where}: "${k}": ${formatZodError(r.error)}`);
    entries.push([globToRegExp(k), r.data]);
  }
  return { path: where, specFor: (name) => entries.find(([re]) => re.test(name))?.[1] };
}

export function loadMappingFile(file: string): MappingFile {
  let json: unknown;
  try {
    // A BOM is tolerated: mapping files written by Windows editors often carry one.
    json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${file}: cannot read the mapping file (${(e as Error).message})`);
  }
  return parseMapping(json, file);
}

/** Accepts what a caller may pass: a path, an already-parsed spec or pattern map, or nothing. */
export function toMappingFile(m: string | MappingSpec | MappingFile | Record<string, MappingSpec> | undefined): MappingFile | undefined {
  if (m === undefined) return undefined;
  if (typeof m === 'string') return loadMappingFile(path.resolve(m));
  if ('specFor' in m && typeof m.specFor === 'function') return m as MappingFile;
  return parseMapping(m, '(mapping option)');
}

// ---------------------------------------------------------------------------------------
