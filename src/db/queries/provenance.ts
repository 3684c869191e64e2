/**
 * Where a purchase came from, read from its archived raw record (raw_records.body, written by
 * the ingest adapters): the platform feed archives the redacted order itself; the OCDS
 * adapter (src/ingest/ocds/to-order.ts) wraps it as { ocid, contract | award, date_from,
 * release_date, sources, order }; the CSV adapter (src/ingest/csv/orders.ts) as
 * { source_rows: ["orders.csv#2", …], derived, order }. Pure, so the page and the API give
 * the same answer, and a body of another shape still yields the source id.
 */
export type SourceKind = 'feed' | 'ocds' | 'csv' | 'unknown';

export interface CsvRows { file: string; rows: number[] }

export interface Provenance {
  kind: SourceKind;
  /** The source id the ingest run used ("feed:data/sample", "ocds:…", "csv:…"). */
  source: string;
  ocds?: {
    ocid: string;
    /** The publisher's registered ocid prefix ("ocds-xs1qbl"), which names the publisher. */
    prefix: string | null;
    /** The publisher's name when the archived record carries one. */
    publisher: string | null;
    contract: string | null;
    award: string | null;
    dateFrom: string | null;
    releaseDate: string | null;
    files: string[];
  };
  csv?: { files: CsvRows[]; derived: string[] };
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const s = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(s).filter((x): x is string => x !== null) : []);

export function sourceKind(source: string): SourceKind {
  const scheme = /^([a-z]+):/i.exec(source)?.[1]?.toLowerCase();
  return scheme === 'feed' || scheme === 'ocds' || scheme === 'csv' ? scheme : 'unknown';
}

/** The registered prefix of an ocid ("ocds-" + 6 characters), as OCDS defines it. */
export function ocidPublisherPrefix(ocid: string): string | null {
  return /^(ocds-[a-z0-9]{6})-/i.exec(ocid)?.[1] ?? null;
}

/** "orders.csv#2", "order-lines.csv#3", "order-lines.csv#4" → one entry per file, rows ascending. */
export function csvRows(positions: readonly string[]): CsvRows[] {
  const byFile = new Map<string, Set<number>>();
  for (const p of positions) {
    const m = /^(.*)#(\d+)$/.exec(p);
    if (!m) continue;
    const set = byFile.get(m[1]!) ?? new Set<number>();
    set.add(Number(m[2]));
    byFile.set(m[1]!, set);
  }
  return [...byFile].map(([file, rows]) => ({ file, rows: [...rows].sort((a, b) => a - b) }));
}

export function parseProvenance(source: string, body: string | null | undefined): Provenance {
  const out: Provenance = { kind: sourceKind(source), source };
  // A platform feed record carries nothing more to show (its hash is on the page already);
  // not parsing it saves a JSON.parse on each of the site's order pages.
  if (out.kind === 'feed') return out;
  let raw: unknown = null;
  try {
    raw = body ? JSON.parse(body) : null;
  } catch {
    raw = null;
  }
  if (!isObj(raw)) return out;
  const ocid = s(raw.ocid);
  if (ocid && (out.kind === 'ocds' || out.kind === 'unknown')) {
    const publisher = isObj(raw.publisher) ? s(raw.publisher.name) : s(raw.publisher);
    out.kind = 'ocds';
    out.ocds = {
      ocid, prefix: ocidPublisherPrefix(ocid), publisher, contract: s(raw.contract), award: s(raw.award),
      dateFrom: s(raw.date_from), releaseDate: s(raw.release_date), files: strings(raw.sources),
    };
  } else if (Array.isArray(raw.source_rows) && (out.kind === 'csv' || out.kind === 'unknown')) {
    out.kind = 'csv';
    out.csv = { files: csvRows(strings(raw.source_rows)), derived: strings(raw.derived) };
  }
  return out;
}

/** Rows as a reader writes them: 2–4, 7. */
export function formatRows(rows: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    parts.push(j > i ? `${rows[i]}–${rows[j]}` : String(rows[i]));
    i = j + 1;
  }
  return parts.join('、');
}
