import { parseRules, type RulesConfig } from '../../domain/flags/rules.ts';
import { memo, one } from './db.ts';

/**
 * The thresholds the published figures were computed with: analyze records the rules it
 * applied (parsed by the same schema) in `meta`, so the methodology page explains exactly the
 * flags on the site, never a rules file edited since. Null before the first analysis.
 */
export const analysisRules = memo((): RulesConfig | null => {
  const row = one<{ value: string }>(`SELECT value FROM meta WHERE key = 'analysis_rules'`);
  if (!row) return null;
  const r = parseRules(JSON.parse(row.value));
  return r.ok ? r.value : null;
});
