import { createHash } from 'node:crypto';
import { REDACTED, redactText } from '../../domain/redact.ts';

/**
 * Personal data is kept out by construction (DESIGN §3): each entity keeps exactly the fields
 * of its contract, copied from the input into a new object. Anything else, under any name
 * (`contact`, `contacts[]`, `receiver`, `联系人`, `buyer.contact_phone` …), is never copied,
 * so it cannot be validated, hashed, archived, stored or logged; only its name is counted.
 *
 * A shape maps each allowed field to `true` (a value), a nested shape (an object) or a
 * one-element array holding the shape of each element (a list). `text` lists the free-text
 * fields (by path, `[]` for list elements) that the scrubber cleans before validation, so the
 * stored record and the archived one are both clean.
 */
export interface Shape {
  [field: string]: true | Shape | [Shape];
}

export interface EntityRules {
  shape: Shape;
  text: readonly string[];
  /** Parties (objects with id and name) that may be natural persons: see personParty. */
  parties?: readonly string[];
}

const PARTY: Shape = { id: true, name: true };

export const LISTING_RULES: EntityRules = {
  shape: {
    sku: true, supplier: { ...PARTY, credit_code: true }, category_code: true, brand: true, model: true, title: true,
    spec: true, unit: true, price: true, gtin: true, status: true, updated_at: true,
  },
  text: ['supplier.name', 'brand', 'model', 'title', 'spec'],
  parties: ['supplier'],
};

export const ORDER_RULES: EntityRules = {
  shape: {
    order_no: true, buyer: PARTY, supplier: { ...PARTY, credit_code: true }, placed_at: true, completed_at: true,
    status: true, currency: true,
    lines: [{ sku: true, title: true, brand: true, model: true, spec: true, unit: true, quantity: true, unit_price: true, amount: true }],
    total: true, evaluation: { rating: true, comment: true, at: true }, updated_at: true,
  },
  text: ['buyer.name', 'supplier.name', 'lines[].title', 'lines[].brand', 'lines[].model', 'lines[].spec', 'evaluation.comment'],
  parties: ['buyer', 'supplier'],
};

export const RETAIL_RULES: EntityRules = {
  shape: {
    retailer: true, brand: true, model: true, title: true, spec: true, unit: true, price: true, observed_at: true, url: true,
    self_operated: true, gtin: true, currency: true, price_kind: true, archive_url: true,
  },
  text: ['brand', 'model', 'title', 'spec'],
};

export interface Kept {
  /** The record with allowed fields only, free text scrubbed. */
  value: Record<string, unknown>;
  /** Names (paths) of the fields left behind, e.g. `contact`, `lines[].联系人`. */
  dropped: string[];
  /** Spans of personal data scrubbed from the kept free text. */
  redactions: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Copies the allowed fields of `input` (an object) and scrubs its free text. */
export function keepAllowed(input: Record<string, unknown>, rules: EntityRules): Kept {
  const into: CopyState = { dropped: [], droppedText: [], plain: true };
  const value = copy(input, rules.shape, '', into);
  // What was dropped must not come back through the text that is kept: the contact's name
  // quoted in the evaluation comment is removed with the contact.
  let redactions = 0;
  for (const p of rules.parties ?? []) redactions += personParty(value[p]);
  for (const p of textPaths(rules)) redactions += scrubPath(value, p, 0, into.droppedText);
  // Scrubbing only replaced strings, so the copy is still in canonical order.
  if (into.plain) canonicallyOrdered.add(value);
  return { value, dropped: into.dropped, redactions };
}

/**
 * Copies made by keepAllowed whose every object holds its keys in sorted order and whose
 * leaves are all JSON primitives: JSON.stringify writes such a value exactly as canonicalJson
 * does (load/hash.ts), natively and ≈ 3× faster. A value kept as it was (an object where text
 * belongs, for the validator to reject) may have any key order, and leaves its copy unmarked.
 */
const canonicallyOrdered = new WeakSet<object>();

/** True when `value` is a keepAllowed copy that JSON.stringify writes in canonical form. */
export function inCanonicalOrder(value: unknown): boolean {
  return typeof value === 'object' && value !== null && canonicallyOrdered.has(value);
}

interface CopyState {
  /** Names (paths) of the fields left behind, in input order. */
  dropped: string[];
  /** Text of dropped personal fields, scrubbed from the text that is kept. */
  droppedText: string[];
  /** False once a value was kept as it is rather than copied (see canonicallyOrdered). */
  plain: boolean;
}

// Each shape's fields in sorted order, with each field's position in that order.
const fieldOrder = new WeakMap<Shape, { fields: string[]; index: Map<string, number> }>();
function orderOf(shape: Shape): { fields: string[]; index: Map<string, number> } {
  let o = fieldOrder.get(shape);
  if (o === undefined) {
    const fields = Object.keys(shape).sort();
    o = { fields, index: new Map(fields.map((f, i) => [f, i])) };
    fieldOrder.set(shape, o);
  }
  return o;
}

const ABSENT = Symbol('absent');
const isPrimitive = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function' && typeof v !== 'symbol' && typeof v !== 'bigint');

/**
 * Fields are read in input order (so dropped names are counted in the order they appear, nested
 * ones where they appear) and written in sorted order, so the copy is in canonical order.
 */
function copy(input: Record<string, unknown>, shape: Shape, prefix: string, into: CopyState): Record<string, unknown> {
  const { fields, index } = orderOf(shape);
  const kept: unknown[] = new Array(fields.length).fill(ABSENT);
  for (const k of Object.keys(input)) {
    const v = input[k];
    const i = index.get(k);
    if (i === undefined) {
      // A key can itself be personal data ({"13812345678": …}): its name is scrubbed and clipped too.
      into.dropped.push([...redactText(`${prefix}${k}`).text].slice(0, 80).join(''));
      if (PERSONAL_KEY.test(k)) collectText(v, into.droppedText, 0);
      continue;
    }
    const rule = shape[k]!;
    if (rule === true || !isObject(v) && !Array.isArray(v)) {
      // A value where an object or list belongs is kept as it is for the validator to reject.
      if (!isPrimitive(v)) into.plain = false;
      kept[i] = v;
    } else if (Array.isArray(rule)) {
      if (Array.isArray(v)) {
        kept[i] = v.map((e) => {
          if (isObject(e)) return copy(e, rule[0], `${prefix}${k}[].`, into);
          if (!isPrimitive(e)) into.plain = false;
          return e;
        });
      } else {
        into.plain = false;
        kept[i] = v;
      }
    } else if (isObject(v)) {
      kept[i] = copy(v, rule, `${prefix}${k}.`, into);
    } else {
      into.plain = false;
      kept[i] = v;
    }
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) if (kept[i] !== ABSENT) out[fields[i]!] = kept[i];
  return out;
}

// A dropped field that names a person or a way to reach one: its text is also removed from the
// free text kept (a comment that repeats the contact's name). Other dropped fields are only
// counted: their values ("打印机" in an unknown category_name) are ordinary words.
const PERSONAL_KEY = /contact|receiver|recipient|consignee|person|people|phone|(?:^|[_.-])tel|mobile|mail|address|联系|收货|收件|姓名|电话|手机|邮箱|地址|经办|负责人|申请人|采购人/i;

/** String leaves of a dropped value (bounded: a hostile value may be huge or deep). */
function collectText(v: unknown, into: string[], depth: number): void {
  if (into.length > 200 || depth > 32) return;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.length >= 2 && t.length <= 100) into.push(t);
  } else if (Array.isArray(v)) for (const e of v) collectText(e, into, depth + 1);
  else if (isObject(v)) for (const e of Object.values(v)) collectText(e, into, depth + 1);
}

// Each entity's text paths split once, not once per record.
const splitPaths = new WeakMap<EntityRules, string[][]>();
function textPaths(rules: EntityRules): string[][] {
  let paths = splitPaths.get(rules);
  if (paths === undefined) splitPaths.set(rules, (paths = rules.text.map((p) => p.split('.'))));
  return paths;
}

function scrubPath(node: unknown, path: readonly string[], at: number, names: readonly string[]): number {
  const head = path[at];
  if (head === undefined) return 0;
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  if (!isObject(node)) return 0;
  const v = node[key];
  if (list) {
    if (!Array.isArray(v)) return 0;
    let n = 0;
    for (const e of v) n += scrubPath(e, path, at + 1, names);
    return n;
  }
  if (at + 1 < path.length) return scrubPath(v, path, at + 1, names);
  if (typeof v !== 'string') return 0;
  const r = redactText(v, names);
  node[key] = r.text;
  return r.count;
}

/**
 * A party whose id is a phone or ID number (an individual trader, a sole proprietor) is a
 * natural person: the id becomes a stable pseudonym (`person-` and 16 hex digits of its hash,
 * so the same person's purchases still group) and the name is withheld. Organisations have
 * credit codes and ids that are not personal numbers, and keep both.
 */
function personParty(party: unknown): number {
  if (!isObject(party) || typeof party.id !== 'string') return 0;
  if (redactText(party.id).count === 0) return 0;
  party.id = `person-${createHash('sha256').update(party.id).digest('hex').slice(0, 16)}`;
  if (typeof party.name === 'string') party.name = REDACTED;
  return 1;
}
