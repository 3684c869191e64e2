import fs from 'node:fs';
import { readRegularFile } from '../feed/read-feed-file.ts';
import path from 'node:path';

/**
 * OCDS input documents from a file, a folder (every .json/.jsonl/.ndjson file below it, in
 * path order) or an http(s) URL. JSON Lines hold one document per line. A file that is not
 * JSON at all breaks the source (a truncated download must not load as "fewer contracts");
 * a JSON Lines line that does not parse is reported per line.
 */

export interface OcdsDocument {
  origin: string;
  doc?: unknown;
  /** Set for a JSON Lines line that did not parse. */
  error?: string;
}

const DATA = /\.(json|jsonl|ndjson)$/i;
const LINES = /\.(jsonl|ndjson)$/i;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (DATA.test(e.name)) out.push(p);
  }
  return out;
}

export function parseDocuments(text: string, origin: string, jsonLines: boolean): OcdsDocument[] {
  const body = text.replace(/^\uFEFF/, '');
  if (!jsonLines) {
    try {
      return [{ origin, doc: JSON.parse(body) }];
    } catch (e) {
      throw new Error(`${origin}: not valid JSON (${(e as Error).message}); if it holds one document per line, name it .jsonl`);
    }
  }
  const docs: OcdsDocument[] = [];
  body.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      docs.push({ origin: `${origin}#${i + 1}`, doc: JSON.parse(line) });
    } catch (e) {
      docs.push({ origin: `${origin}#${i + 1}`, error: `is not valid JSON (${(e as Error).message})` });
    }
  });
  return docs;
}

export async function readOcdsInput(input: string, fetchImpl: typeof fetch = fetch): Promise<OcdsDocument[]> {
  if (/^https?:\/\//i.test(input)) {
    const res = await fetchImpl(input, { signal: AbortSignal.timeout(60_000), headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${input}: HTTP ${res.status}; check the address or try again later`);
    const text = await res.text();
    const jsonLines = LINES.test(new URL(input).pathname) || /ndjson|jsonl|json-seq/i.test(res.headers.get('content-type') ?? '');
    return parseDocuments(text, input, jsonLines);
  }
  if (!fs.existsSync(input)) throw new Error(`${input}: no such file or folder`);
  const base = fs.statSync(input).isDirectory() ? input : path.dirname(input);
  const files = fs.statSync(input).isDirectory() ? listFiles(input) : [input];
  if (files.length === 0) throw new Error(`${input}: no .json, .jsonl or .ndjson files found`);
  return files.flatMap((f) => {
    let text: string;
    // Never fs.readFileSync: a FIFO would block the run forever (DESIGN §3 Limits).
    // A file named on the command line may be a link the operator chose; files found in a
    // folder may not lead out of it.
    const bytes = f === input ? readRegularFile(fs.realpathSync(f)) : readRegularFile(f, base);
    if (!bytes.ok) throw new Error(`${f}: ${bytes.reason}`);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.value);
    } catch {
      throw new Error(`${f}: OCDS JSON must be UTF-8 and this file is not`);
    }
    return parseDocuments(text, path.relative(base, f) || path.basename(f), LINES.test(f));
  });
}
