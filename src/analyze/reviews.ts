import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REVIEW_STATUSES, type ReviewStatus } from '../domain/flags/flag-key.ts';
import { redactText } from '../domain/redact.ts';

/** One row of data/reviews.csv: what came of a flag. */
export interface FlagReview {
  flag_key: string;
  status: ReviewStatus;
  note: string;
  source_url: string | null;
  reviewed_on: string;
}

/**
 * data/reviews.csv (optional): flag_key, status (confirmed / explained / dismissed), a public
 * note, a source link, the day. The file is curated by people, so a bad row fails the analysis
 * naming the row and the field — a review is never silently dropped or half-read. Notes are
 * published, and pass the personal-data scrubber like every published text.
 */
export function readReviews(dataDir: string): FlagReview[] {
  const file = path.join(dataDir, 'reviews.csv');
  if (!fs.existsSync(file)) return [];
  const rows = parse(fs.readFileSync(file, 'utf8'), { bom: true, columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const seen = new Set<string>();
  return rows.map((r, i) => {
    const where = `reviews.csv row ${i + 2}`;
    const key = r.flag_key ?? '';
    if (!/^[a-z-]+:[0-9a-f]{12}$/.test(key)) throw new Error(`${where}: flag_key ${JSON.stringify(key.slice(0, 40))} is not a flag key (rule:hash, as the flag pages show)`);
    if (seen.has(key)) throw new Error(`${where}: flag_key ${key} is reviewed twice; keep one row`);
    seen.add(key);
    const status = r.status as ReviewStatus;
    if (!REVIEW_STATUSES.includes(status)) throw new Error(`${where}: status must be one of ${REVIEW_STATUSES.join(', ')}`);
    const day = r.reviewed_on ?? '';
    if (!/^20\d\d-\d\d-\d\d$/.test(day)) throw new Error(`${where}: reviewed_on must be a day such as 2019-03-02`);
    const url = (r.source_url ?? '').trim();
    if (url !== '' && !/^https?:\/\/\S+$/i.test(url)) throw new Error(`${where}: source_url must be an http(s) address`);
    return { flag_key: key, status, note: redactText((r.note ?? '').slice(0, 1000)).text, source_url: url || null, reviewed_on: day };
  });
}
