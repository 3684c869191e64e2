import fs from 'node:fs';
import path from 'node:path';

/**
 * A failed run must leave the database exactly as it was, so its report cannot live there.
 * It is written as JSON beside the database (`<db dir>/runs/`) and printed.
 */
export function writeRunLog(dbPath: string, name: string, report: unknown): string {
  const dir = path.join(path.dirname(dbPath), 'runs');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
