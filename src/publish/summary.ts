import path from 'node:path';
import { formatIngestReport } from '../ingest/core/report-text.ts';
import type { NightlyReport } from './nightly-report.ts';

// Two decimals below 10 s: the bench divides one night's stage times by another's, and at one
// decimal a 0.54 → 1.06 s analyze read as ×2.2.
const secs = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed((ms ?? 0) < 10_000 ? 2 : 1)} s`;
// Paths inside the project are shown relative to it, others in full.
const rel = (p: string) => {
  const r = path.relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') ? p : r;
};

/** The few lines a person reads after the nightly run (or in the cron mail). */
export function formatNightlyReport(r: NightlyReport): string {
  const out: string[] = [];
  if (r.status === 'busy') {
    out.push(`nightly ${r.run_id}: NOT STARTED — ${r.error}`);
    return out.join('\n');
  }
  if (r.status === 'failed') {
    out.push(`nightly ${r.run_id}: FAILED in stage "${r.stage}" after ${secs(r.duration_ms)}`);
    out.push(indent(r.error ?? 'unknown error'));
    if (r.stage === 'ingest' && r.ingest) out.push(indent(formatIngestReport(r.ingest)));
    out.push('  nothing was published: the database and the site are exactly as they were.');
    if (r.log_file) out.push(`  report: ${rel(r.log_file)}`);
    return out.join('\n');
  }
  out.push(`nightly ${r.run_id}: published in ${secs(r.duration_ms)} → ${rel(r.published!.dist)} (${rel(r.published!.build)})`);
  const s = r.summary;
  if (s) {
    out.push(`  purchases: ${s.purchases_new} new, ${s.purchases_updated} updated`);
    const flags = Object.entries(s.flags_new).filter(([, n]) => n > 0);
    const flagTotal = flags.reduce((n, [, k]) => n + k, 0);
    out.push(`  flags: ${flagTotal} new${flags.length ? ` (${flags.map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`);
    const rejects = Object.entries(s.rejects);
    out.push(`  rejects: ${rejects.length ? rejects.map(([src, n]) => `${src} ${n}`).join(', ') : 'none'}`);
  }
  const unread = (r.ingest?.sources ?? []).flatMap((x) => (x.counts.files?.unchanged ? [{ source: x.source, ...x.counts.files }] : []));
  if (unread.length) {
    out.push(`  files hashed but not parsed again, as an earlier run read the same bytes: ${unread.map((f) => `${f.source} ${f.unchanged} of ${f.unchanged + f.read}`).join(', ')}`);
  }
  if (r.versions) out.push(`  page data versions: ${r.versions.changed} of ${r.versions.pages} changed, ${r.versions.removed} removed (${r.versions.hashed} hashed: ${r.versions.basis})`);
  if (r.check) {
    out.push(`  site: ${r.check.orders} orders (withdrawn ones included), ${r.check.order_pages} order pages, ${r.check.pagefind_pages} pages in the search index, ${(r.check.bytes / 1e6).toFixed(1)} MB`);
  }
  const st = r.stages;
  out.push(`  stages: ingest ${secs(st.ingest)}, analyze ${secs(st.analyze)}, versions ${secs(st.versions)}, build ${secs(st.build)}${r.build_started_with ? ` (started with ${r.build_started_with === 'analyze' ? 'the analysis' : 'the versions step'})` : ''}, check ${secs(st.check)}, publish ${secs(st.publish)}`);
  if (r.published?.previous) out.push(`  previous build kept for rollback: ${rel(r.published.previous)} (npm run nightly -- --rollback)`);
  return out.join('\n');
}

const indent = (text: string) => text.split('\n').map((l) => `  ${l}`).join('\n');
