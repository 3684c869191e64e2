/** Names of the parties and products a piece of evidence mentions, looked up by id. */
export interface EvidenceNames {
  agency?: (id: string) => string | undefined;
  supplier?: (id: string) => string | undefined;
  category?: (code: string) => string | undefined;
  product?: (sku: string) => string | undefined;
}
import { all, placeholders } from './db.ts';
import { categoryByCode } from './categories.ts';

/**
 * Names of the agencies, suppliers and products a piece of evidence mentions: one indexed
 * IN-lookup per kind, only for the ids asked for (never a whole table per page).
 */
export function namesFor(refs: { agencies: string[]; suppliers: string[]; skus: string[] }): EvidenceNames {
  const lookup = (sql: string, ids: string[]) =>
    ids.length === 0 ? new Map<string, string>() : new Map(all<{ id: string; name: string }>(`${sql} (${placeholders(ids.length)})`, ...ids).map((r) => [r.id, r.name]));
  const agencies = lookup(`SELECT id, name FROM agencies WHERE id IN`, refs.agencies);
  const suppliers = lookup(`SELECT id, name FROM suppliers WHERE id IN`, refs.suppliers);
  const products = lookup(`SELECT sku AS id, title AS name FROM listings WHERE sku IN`, refs.skus);
  return {
    agency: (id) => agencies.get(id),
    supplier: (id) => suppliers.get(id),
    product: (sku) => products.get(sku),
    category: (code) => categoryByCode(code)?.name ?? undefined,
  };
}

/** The other names a party was given by the sources, in the order they were first seen (曾用名). */
export function formerNames(kind: 'agency' | 'supplier', id: string, current: string): string[] {
  return all<{ name: string }>(
    `SELECT name FROM party_names WHERE kind = ? AND id = ? AND name <> ? ORDER BY first_run, name`,
    kind, id, current,
  ).map((r) => r.name);
}
