/**
 * The ids a flag's evidence names (agencies, suppliers, products), so a page can look up their
 * names — and a page's data version can include them (DESIGN §10). Evidence that is not JSON
 * names nothing.
 */
export function evidenceRefs(json: string): { agencies: string[]; suppliers: string[]; skus: string[] } {
  const agencies = new Set<string>();
  const suppliers = new Set<string>();
  const skus = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === 'string') {
      if (key === 'agency_id' || key === 'agency_ids') agencies.add(v);
      else if (key === 'supplier_id') suppliers.add(v);
      else if (key === 'sku' || key === 'skus') skus.add(v);
    }
  };
  let data: unknown = null;
  try {
    data = JSON.parse(json);
  } catch {
    // not JSON: no references
  }
  walk(data, '');
  return { agencies: [...agencies].sort(), suppliers: [...suppliers].sort(), skus: [...skus].sort() };
}
