import fs from 'node:fs';
import { openReader } from '../../db/connection.ts';

/** updated_since per source and kind from the last successful run ({} before the first one). */
export function readSourceState(dbPath: string): (sourceId: string) => Record<string, string> {
  const state = new Map<string, Record<string, string>>();
  if (fs.existsSync(dbPath)) {
    const { sqlite } = openReader(dbPath);
    try {
      const hasTable = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'source_state'`).get();
      if (hasTable) {
        for (const r of sqlite.prepare(`SELECT source, kind, updated_since FROM source_state`).all() as {
          source: string; kind: string; updated_since: string;
        }[]) {
          state.set(r.source, { ...state.get(r.source), [r.kind]: r.updated_since });
        }
      }
    } finally {
      sqlite.close();
    }
  }
  return (sourceId) => state.get(sourceId) ?? {};
}
