import { resolveDbPath } from '../src/db/connection.ts';
import { runAnalyze } from '../src/analyze/run.ts';
import { describeFailure, UsageError } from '../src/cli/main.ts';

/** `npm run analyze [-- --db PATH]`: recompute matches, gaps, flags and totals; exit ≠ 0 on failure. */
function dbArg(argv: string[]): string | undefined {
  const i = argv.indexOf('--db');
  if (i === -1) return argv.find((a) => a.startsWith('--db='))?.slice(5);
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError('--db needs a path');
  return v;
}

try {
  const dbPath = resolveDbPath(dbArg(process.argv.slice(2)));
  const r = await runAnalyze({ dbPath });
  const methods = Object.entries(r.matches_by_method).map(([k, v]) => `${k} ${v}`).join(', ');
  const flags = Object.entries(r.flags_by_rule).map(([k, v]) => `${k} ${v}`).join(', ');
  const reasons = Object.entries(r.no_ref_reasons).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`analyze: ${dbPath} (rules ${r.rule_version}), run #${r.run_id} in ${(r.duration_ms / 1000).toFixed(2)} s`);
  console.log(`  listings ${r.listings} matched: ${methods}`);
  console.log(`  lines ${r.lines}: with reference ${r.lines_with_ref}, without ${r.lines_without_ref}${reasons ? ` (${reasons})` : ''}`);
  if (r.non_cny_orders > 0 || r.orphan_lines > 0) console.log(`  non-CNY orders kept out of flags and totals: ${r.non_cny_orders}; lines without an order: ${r.orphan_lines}`);
  console.log(`  flags: ${flags}`);
  console.log(`  totals rows ${r.totals_rows}, agency-years ${r.cap_rows}`);
} catch (err) {
  const { code, line } = describeFailure(err);
  console.error(`analyze failed: ${line}`);
  process.exitCode = code;
}
