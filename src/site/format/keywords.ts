/**
 * Extra search words for a page (Pagefind has no substring search, and the browser may
 * segment a query differently from the indexer): brand names split into their Chinese and
 * Latin parts, model numbers with and without spaces, organisation names without legal suffixes.
 */

/** "惠普（HP）" → ["惠普", "HP"]; "Hewlett-Packard 惠普" → ["Hewlett-Packard", "惠普"]. */
export function brandParts(brand: string | null | undefined): string[] {
  if (!brand) return [];
  const parts = brand.split(/[（）()【】\[\]/／|·\s]+/).map((p) => p.trim()).filter(Boolean);
  return [...new Set([brand.trim(), ...parts])];
}

/** "LaserJet Pro M202dw" → ["LaserJet Pro M202dw", "M202dw", "M202DW"]; "KX-FL323CN" → [..., "KXFL323CN"]. */
export function modelVariants(model: string | null | undefined): string[] {
  if (!model) return [];
  const m = model.trim();
  const tokens = m.split(/\s+/).filter((tok) => /\d/.test(tok));
  const compact = m.replace(/[\s\-_]+/g, '').toUpperCase();
  return [...new Set([m, ...tokens, ...tokens.map((tok) => tok.toUpperCase()), compact])];
}

const ORG_SUFFIX = /(股份有限公司|有限责任公司|有限公司|分公司|公司|商行|经营部|门市部|店)$/;

/** "示例办公设备有限公司" → "示例办公设备"; names without a legal suffix give nothing extra. */
export function shortOrgName(name: string | null | undefined): string[] {
  if (!name) return [];
  const short = name.trim().replace(ORG_SUFFIX, '');
  return short && short !== name.trim() ? [short] : [];
}

export function keywordList(...groups: (string[] | string | null | undefined)[]): string[] {
  const flat = groups.flatMap((g) => (Array.isArray(g) ? g : g ? [g] : []));
  return [...new Set(flat.map((k) => k.trim()).filter((k) => k.length > 0))];
}
