import { fenToYuanString, lineAmountFen, parseMoneyToFen } from '../../domain/money.ts';
import type { FieldIssue } from '../core/records.ts';
import type { SourceItem } from '../core/source.ts';
import { parseFeedOrder } from '../feed/feed-records.ts';
import { isObject, type OcdsJson } from './package.ts';

/**
 * A compiled OCDS release → orders. Each contract is one order; an award that no contract
 * refers to is one order too (some publishers stop at the award). The order key is
 * `${ocid}/${contract id}` (or award id), so the same contract read from a record package and
 * again from a release is one order.
 *
 * OrderRecord fields from OCDS:
 * - buyer: `buyer` {id, name}, completed from the party it names or the party with role
 *   "buyer". Without any id (DNCP publishes only the buyer's name and no parties) the id is
 *   "name:<name>": the name identifies the body within its publisher, which is unambiguous.
 * - supplier: the contract's `suppliers` (a list, or DNCP's single object), else its award's
 *   suppliers; exactly one is required, since an order has one seller. Ids are the OCDS id or
 *   the identifier's id (a tax number), names completed from `parties`.
 * - Agency and supplier ids are prefixed with the ocid prefix ("ocds-xs1qbl/P01576"): ids are
 *   only unique within a publisher, and must never collide with the e-mall's own ids.
 * - placed_at: contract `dateSigned`, else the award `date`.
 * - completed_at: the same moment. A signed contract is a concluded purchase; delivery
 *   periods and payments are later and optional, and the order must not move in time when a
 *   publisher adds them.
 * - updated_at: the compiled release's `date` (its newest release), so a newer publication
 *   of the same contract replaces the older one in the loader.
 * - lines: the contract's (or award's) `items[]`: `quantity`, `unit.value.amount` as the
 *   UNIT price, `unit.name` as the unit (trimmed: Jalisco pads it with spaces), `description`
 *   as the title. The line amount is unit price × quantity and the total is the sum of the
 *   lines. The published contract `value` is not used as the total: Jalisco's includes 16 %
 *   VAT while its unit prices exclude it, DNCP's differs from its items by rounding or by
 *   items not listed. It stays in the archived record (published_value) for reference.
 * - currency: the items' currency (all must agree). Non-CNY amounts are kept in hundredths of
 *   their own unit with their currency beside them (PYG has no minor unit: ×100 anyway).
 *
 * Deviations: an item with a unit price of zero is rejected, and with it the whole order. A
 * zero can be a free item or a price the publisher did not fill in, and the two cannot be
 * told apart; accepting it would publish a purchase at ¥0 or a wrong total. Rejecting it says
 * which item and why, and the rest of the file still loads.
 */

const KEEP_CONTRACT = new Set(['active', 'terminated']);
const KEEP_AWARD = new Set(['active']);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined);
const arr = (v: unknown): OcdsJson[] => (Array.isArray(v) ? v.filter(isObject) : []);

export function ocidPrefix(ocid: string): string {
  return /^(ocds-[a-z0-9]{6})-/i.exec(ocid)?.[1] ?? 'ocds';
}

interface Party {
  id?: string;
  name?: string;
}

function partyId(p: OcdsJson): string | undefined {
  return str(p.id) ?? (isObject(p.identifier) ? str(p.identifier.id) : undefined);
}

/** A party reference completed from `parties` (matched by id). */
function resolveParty(ref: OcdsJson, parties: OcdsJson[]): Party {
  const id = partyId(ref);
  const full = id ? parties.find((p) => partyId(p) === id) : undefined;
  const name = str(ref.name) ?? (full ? str(full.name) ?? (isObject(full.identifier) ? str(full.identifier.legalName) : undefined) : undefined);
  return { id, name };
}

function buyerOf(rel: OcdsJson, parties: OcdsJson[]): { party?: Party; issue?: FieldIssue } {
  const withRole = parties.filter((p) => Array.isArray(p.roles) && p.roles.includes('buyer'));
  if (isObject(rel.buyer)) {
    const b = resolveParty(rel.buyer, parties);
    if (b.name) return { party: b };
  }
  if (withRole.length === 1) return { party: resolveParty(withRole[0]!, parties) };
  if (withRole.length > 1) return { issue: { field: 'parties', reason: `name ${withRole.length} parties with role "buyer" and no "buyer" says which one bought` } };
  return { issue: { field: 'buyer', reason: 'is missing, and no party has the role "buyer": the release does not say who bought (ingest it together with the record or release that names the buyer)' } };
}

function suppliersOf(v: unknown): OcdsJson[] {
  // DNCP writes contracts[].suppliers as one object instead of a list; one object is one
  // supplier either way, so it is read as a list of one.
  if (isObject(v)) return [v];
  return arr(v);
}

function uniqueParties(list: OcdsJson[], parties: OcdsJson[]): Party[] {
  const seen = new Map<string, Party>();
  for (const s of list) {
    const p = resolveParty(s, parties);
    const k = p.id ?? `name:${p.name ?? ''}`;
    if (!seen.has(k)) seen.set(k, p);
  }
  return [...seen.values()];
}

interface Candidate {
  key: string;
  path: string;
  items: OcdsJson[];
  date: unknown;
  dateField: string;
  suppliers: Party[];
  supplierPath: string;
  status: string | undefined;
  keep: Set<string>;
  value: unknown;
}

/** Renames feed field paths in issues to the OCDS paths a publisher would look up. */
function toOcdsField(field: string, path: string): string {
  const m = /^lines\[(\d+)\]\.(.+)$/.exec(field);
  if (m) {
    const sub: Record<string, string> = { unit_price: 'unit.value.amount', quantity: 'quantity', unit: 'unit.name', title: 'description', amount: 'unit.value.amount' };
    return `${path}.items[${m[1]}].${sub[m[2]!] ?? m[2]}`;
  }
  const top: Record<string, string> = {
    placed_at: `${path}.dateSigned`, completed_at: `${path}.dateSigned`, updated_at: 'date', lines: `${path}.items`,
    'buyer.id': 'buyer.id', 'buyer.name': 'buyer.name', 'supplier.id': `${path}.suppliers.id`, 'supplier.name': `${path}.suppliers.name`,
  };
  return top[field] ?? field;
}

export interface OrderContext {
  ocid: string;
  /** Files (and positions) the releases came from, archived as provenance. */
  origins: string[];
}

export function ordersOfRelease(rel: OcdsJson, ctx: OrderContext): SourceItem[] {
  const { ocid } = ctx;
  const prefix = ocidPrefix(ocid);
  const parties = arr(rel.parties);
  const awards = arr(rel.awards);
  const contracts = arr(rel.contracts);
  const candidates: Candidate[] = [];

  for (const c of contracts) {
    const cid = str(c.id);
    const award = awards.find((a) => str(a.id) !== undefined && str(a.id) === str(c.awardID));
    const own = suppliersOf(c.suppliers);
    candidates.push({
      key: `${ocid}/${cid ?? `contracts[${contracts.indexOf(c)}]`}`,
      path: `contracts[id=${cid ?? '?'}]`,
      items: arr(c.items),
      date: c.dateSigned ?? award?.date,
      dateField: c.dateSigned !== undefined ? 'dateSigned' : 'award date',
      suppliers: uniqueParties(own.length > 0 ? own : arr(award?.suppliers), parties),
      supplierPath: own.length > 0 ? `contracts[id=${cid}].suppliers` : `awards[id=${str(c.awardID) ?? '?'}].suppliers`,
      status: str(c.status),
      keep: KEEP_CONTRACT,
      value: c.value,
    });
  }
  const contracted = new Set(contracts.map((c) => str(c.awardID)).filter(Boolean));
  for (const a of awards) {
    const aid = str(a.id);
    if (aid && contracted.has(aid)) continue;
    candidates.push({
      key: `${ocid}/${aid ?? `awards[${awards.indexOf(a)}]`}`,
      path: `awards[id=${aid ?? '?'}]`,
      items: arr(a.items),
      date: a.date,
      dateField: 'date',
      suppliers: uniqueParties(arr(a.suppliers), parties),
      supplierPath: `awards[id=${aid ?? '?'}].suppliers`,
      status: str(a.status),
      keep: KEEP_AWARD,
      value: a.value,
    });
  }

  const buyer = buyerOf(rel, parties);
  return candidates.map((c) => toItem(c, rel, buyer, prefix, ctx));
}

function toItem(c: Candidate, rel: OcdsJson, buyer: ReturnType<typeof buyerOf>, prefix: string, ctx: OrderContext): SourceItem {
  if (c.status !== undefined && !c.keep.has(c.status)) {
    return { kind: 'order', ok: 'skipped', key: c.key, reason: `${c.path}.status is "${c.status}"; only ${[...c.keep].join(' or ')} ones are purchases` };
  }
  if (c.items.length === 0) {
    // An award that lists suppliers but no items (DNCP puts the items on its contracts) is
    // not a purchase we can show line by line; it is counted, not rejected.
    return { kind: 'order', ok: 'skipped', key: c.key, reason: `${c.path} has no items, so there are no lines to publish` };
  }
  const issues: FieldIssue[] = [];
  if (buyer.issue) issues.push(buyer.issue);
  if (c.suppliers.length !== 1) {
    issues.push({
      field: c.supplierPath,
      reason: c.suppliers.length === 0 ? 'is missing: nobody is named as the seller' : `name ${c.suppliers.length} suppliers; an order has one seller and the items do not say who sold which`,
    });
  }
  const supplier = c.suppliers[0];
  if (c.suppliers.length === 1 && (!supplier?.id || !supplier.name)) {
    issues.push({ field: c.supplierPath, reason: `has no ${supplier?.id ? 'name' : 'id or identifier.id'}` });
  }

  const currencies = new Set<string>();
  let sum: number | null = 0;
  const lines = c.items.map((it, i) => {
    const unit = isObject(it.unit) ? it.unit : {};
    const value = isObject(unit.value) ? unit.value : {};
    const amount = value.amount;
    const cur = str(value.currency);
    if (cur) currencies.add(cur);
    if (amount === 0 || amount === '0') {
      issues.push({ field: `${c.path}.items[${i}].unit.value.amount`, reason: 'is 0: a free item and a missing price look the same, so the order is not published (ask the publisher for the price)' });
    } else if (amount === undefined || amount === null) {
      issues.push({ field: `${c.path}.items[${i}].unit.value.amount`, reason: 'is missing: the item has no unit price' });
    }
    const p = parseMoneyToFen(amount);
    const q = typeof it.quantity === 'number' ? it.quantity : typeof it.quantity === 'string' ? Number(it.quantity) : NaN;
    // Line amounts and the total are derived (see above); a placeholder stands in when the
    // price or quantity is unusable, and the schema then reports that field, not the sum.
    // The placeholder is one fen, not zero: a zero amount is itself rejected (DESIGN §3 Values)
    // and would add an issue about a value the publisher never sent.
    const lineFen = p.ok && Number.isFinite(q) && q > 0 ? lineAmountFen(p.value, q) : undefined;
    sum = lineFen !== undefined && sum !== null ? sum + lineFen : null;
    return {
      sku: null,
      title: typeof it.description === 'string' ? it.description.replace(/\s+/g, ' ').trim() : it.description,
      unit: typeof unit.name === 'string' ? unit.name.trim() : unit.name,
      quantity: it.quantity,
      unit_price: amount,
      amount: lineFen !== undefined ? fenToYuanString(lineFen) : '0.01',
    };
  });
  if (currencies.size > 1) issues.push({ field: `${c.path}.items`, reason: `mix currencies (${[...currencies].join(', ')}); one order has one currency` });
  if (currencies.size === 0) issues.push({ field: `${c.path}.items`, reason: 'give no currency (unit.value.currency); amounts without a currency cannot be shown' });

  const placed = typeof c.date === 'string' ? c.date : undefined;
  if (!placed) issues.push({ field: `${c.path}.dateSigned`, reason: 'is missing, and there is no award date either: the purchase has no date' });

  const raw = {
    order_no: c.key,
    buyer: { id: buyer.party ? `${prefix}/${buyer.party.id ?? `name:${buyer.party.name}`}` : undefined, name: buyer.party?.name },
    supplier: { id: supplier?.id ? `${prefix}/${supplier.id}` : undefined, name: supplier?.name, credit_code: null },
    placed_at: placed,
    completed_at: placed,
    status: 'completed',
    currency: [...currencies][0],
    lines,
    total: sum !== null ? fenToYuanString(sum) : '0.01',
    updated_at: rel.date,
  };
  const item = parseFeedOrder(raw, c.key);
  if (issues.length > 0 || item.ok === false) {
    // Feed-schema issues on values already reported above (a missing price) would repeat
    // them in feed words; keep the OCDS-worded one.
    const reported = new Set(issues.map((i) => i.field));
    const covered = (f: string) => [...reported].some((r) => f === r || f.startsWith(`${r}.`));
    const more = item.ok === false ? item.issues.map((i) => ({ field: toOcdsField(i.field, c.path), reason: i.reason })).filter((i) => !covered(i.field)) : [];
    return { kind: 'order', ok: false, key: c.key, issues: [...issues, ...more] };
  }
  if (item.ok !== true) return item;
  return {
    ...item,
    raw: {
      ocid: ctx.ocid,
      [c.path.startsWith('contracts') ? 'contract' : 'award']: c.path.replace(/^.*id=|\]$/g, ''),
      date_from: c.dateField,
      published_value: c.value ?? null,
      release_date: rel.date ?? null,
      sources: ctx.origins,
      order: item.raw,
    },
  };
}
