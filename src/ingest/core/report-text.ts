import type { IngestReport } from './run.ts';

/** The human summary printed at the end of an ingest: one block per source, rejects first. */
export function formatIngestReport(r: IngestReport): string {
  const out: string[] = [];
  out.push(r.status === 'ok' ? `ingest ok (${r.startedAt} → ${r.finishedAt})` : `ingest FAILED: ${r.error}`);
  for (const s of r.sources) {
    out.push(`  ${s.source} (run ${s.runId})`);
    for (const [kind, c] of Object.entries(s.counts.kinds)) {
      if (!c) continue;
      out.push(
        `    ${kind.padEnd(8)} read ${c.read}  inserted ${c.inserted}  updated ${c.updated}  unchanged ${c.unchanged}` +
          `  skipped ${c.skipped}  rejected ${c.rejected}`,
      );
    }
    const files = s.counts.files;
    if (files?.unchanged) {
      out.push(`    files: ${files.read} parsed, ${files.unchanged} hashed but not parsed again (${(files.unchanged_bytes / 1024 / 1024).toFixed(1)} MB): an earlier run read the same bytes`);
    }
    const unknown = Object.entries(s.counts.unknown_categories);
    if (unknown.length) out.push(`    unknown category codes (kept, shown as the code): ${unknown.map(([c, n]) => `${c}×${n}`).join(', ')}`);
    if (s.counts.redactions) out.push(`    personal data scrubbed from free text: ${s.counts.redactions} span(s)`);
    if (s.counts.cleaned_records) out.push(`    records whose text had invalid or invisible characters removed: ${s.counts.cleaned_records}`);
    if (s.counts.same_time_conflicts) out.push(`    versions with the same updated_at and other content (the later in feed order kept): ${s.counts.same_time_conflicts}`);
    for (const rej of s.firstRejects.slice(0, 10)) out.push(`    rejected ${rej.record_key}: ${rej.reason}`);
    if (s.firstRejects.length > 10) out.push(`    … see the rejects table (run_id ${s.runId}) for the rest`);
  }
  if (r.status === 'failed') {
    out.push('  nothing was saved: the database is as it was before this run.');
    if (r.logFile) out.push(`  report written to ${r.logFile}`);
  }
  return out.join('\n');
}
