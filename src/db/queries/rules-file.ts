import fs from 'node:fs';
import path from 'node:path';
import { memo } from './db.ts';

/**
 * data/rules.json (thresholds, DESIGN §7) read defensively for the methodology page: a missing
 * or malformed file gives empty thresholds and a note, never a failed build. Resolved from the
 * working directory (or SUNSHINE_RULES), not import.meta.url, which points into dist/ after a build.
 */
export interface RulesFile {
  version: string | null;
  windowDays: number | null;
  rules: Record<string, Record<string, number>>;
  problem: string | null;
}

export const rulesFile = memo((): RulesFile => {
  const file = path.resolve(process.cwd(), process.env.SUNSHINE_RULES ?? 'data/rules.json');
  try {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (!json || typeof json !== 'object') throw new Error('not an object');
    const o = json as { version?: unknown; gap?: { window_days?: unknown }; rules?: unknown };
    const rules: Record<string, Record<string, number>> = {};
    if (o.rules && typeof o.rules === 'object') {
      for (const [id, th] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!th || typeof th !== 'object') continue;
        rules[id] = Object.fromEntries(Object.entries(th as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'));
      }
    }
    return {
      version: typeof o.version === 'string' ? o.version : null,
      windowDays: typeof o.gap?.window_days === 'number' ? o.gap.window_days : null,
      rules,
      problem: null,
    };
  } catch (e) {
    return { version: null, windowDays: null, rules: {}, problem: `无法读取规则阈值文件（${e instanceof Error ? e.message : String(e)}）` };
  }
});
