import type { RecordKind } from '../core/records.ts';

/** What happened to the records of one kind from one source in one run. */
export interface KindCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipped: number;
}

export type Outcome = Exclude<keyof KindCounts, 'read'>;

export const emptyKindCounts = (): KindCounts => ({ read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0 });

export interface SourceCounts {
  kinds: Partial<Record<RecordKind, KindCounts>>;
  /** Category codes not in data/categories.json: kept and shown as the code, but counted. */
  unknown_categories: Record<string, number>;
  /** Spans of personal data scrubbed from free text. */
  redactions: number;
  /** Input fields outside the allow-list, by name (their values are never kept). */
  dropped_fields: Record<string, number>;
  /** Records whose free text had invalid or invisible characters removed (DESIGN §3). */
  cleaned_records: number;
  /** Versions of one key with the same updated_at and different content; the later in feed order won. */
  same_time_conflicts: number;
  /** A source made of files: files read, and files hashed but not parsed again because an earlier run read the same bytes (FileLedger). */
  files?: { read: number; unchanged: number; unchanged_bytes: number };
}

export const emptySourceCounts = (): SourceCounts => ({
  kinds: {}, unknown_categories: {}, redactions: 0, dropped_fields: {}, cleaned_records: 0, same_time_conflicts: 0,
});

export function tally(counts: SourceCounts, kind: RecordKind, outcome: Outcome): void {
  const k = (counts.kinds[kind] ??= emptyKindCounts());
  k.read++;
  k[outcome]++;
}

export function totalOf(counts: SourceCounts, field: keyof KindCounts): number {
  return Object.values(counts.kinds).reduce((sum, k) => sum + (k?.[field] ?? 0), 0);
}
