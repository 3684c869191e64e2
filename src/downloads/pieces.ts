import { createHash } from 'node:crypto';
import type { Dataset, OrderDownloadRow } from '../db/queries/datasets.ts';
import type { PiecewiseFile, WholeFile } from './datasets.ts';

// The downloads of a build, reusing the previous build's bytes for every purchase whose rows did
// not change (DESIGN §10: a night's cost follows the night's changes). A piecewise file is its
// head, one piece per purchase in order_no order, and its tail; each piece depends only on the
// purchase's rows in the dataset and on the code. So a piece whose key (the hash of those rows)
// and code are the previous build's is taken from the previous file, byte for byte, and the file
// is the one a full build writes. Pure: the caller reads the previous build and writes the files.

/** The index of a build's pieces, in the build folder beside client/ (for the next build, not for readers). */
export const DOWNLOAD_PIECES_FILE = 'download-pieces.json';

export interface PieceIndex {
  format: 1;
  /** The code the pieces were written with (publish/code-hash.ts): other code, no reuse. */
  code: string;
  orders: string[];
  /** Each purchase's pieceKey, in the order of `orders`. */
  keys: string[];
  /** For each piecewise file, the byte length of each purchase's piece, in the order of `orders`. */
  bytes: Record<string, number[]>;
}

export interface PreviousDownloads {
  index: PieceIndex;
  /** The previous build's files, by name. */
  files: Record<string, Uint8Array | undefined>;
}

export interface MadeDownloads {
  files: { name: string; bytes: Uint8Array }[];
  index: PieceIndex;
  /** Purchases whose pieces came from the previous build (in every piecewise file it still had intact). */
  reused: number;
}

/** What a purchase's pieces are made from: its row, its lines and its flags. */
export function pieceKey(o: OrderDownloadRow, d: Dataset): string {
  const inputs = [o, d.linesByOrder.get(o.order_no) ?? [], d.flagsByOrder.get(o.order_no) ?? []];
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

const isPiecewise = (f: PiecewiseFile | WholeFile): f is PiecewiseFile => 'piece' in f;

export function makeDownloads(d: Dataset, files: readonly (PiecewiseFile | WholeFile)[], code: string, previous: PreviousDownloads | null): MadeDownloads {
  const keys = d.orders.map((o) => pieceKey(o, d));
  const prev = previous && previous.index.format === 1 && previous.index.code === code ? previous : null;
  const prevAt = new Map((prev?.index.orders ?? []).map((no, i) => [no, i]));
  // A purchase is reused where its key is unchanged, in each file that is intact.
  const same = d.orders.map((o, i) => {
    const j = prevAt.get(o.order_no);
    return j !== undefined && prev!.index.keys[j] === keys[i] ? j : -1;
  });
  const index: PieceIndex = { format: 1, code, orders: d.orders.map((o) => o.order_no), keys, bytes: {} };
  const out: MadeDownloads['files'] = [];
  let reused = d.orders.length;
  for (const f of files) {
    if (!isPiecewise(f)) {
      out.push({ name: f.name, bytes: Buffer.from(f.whole(d)) });
      continue;
    }
    const starts = prev ? pieceStarts(f, prev) : null;
    const head = Buffer.from(f.head);
    const separator = Buffer.from(f.separator);
    const parts: Uint8Array[] = [head];
    const lengths: number[] = [];
    let fileReused = 0;
    d.orders.forEach((o, i) => {
      if (i > 0) parts.push(separator);
      const j = same[i]!;
      let piece: Uint8Array;
      if (starts && j >= 0) {
        piece = prev!.files[f.name]!.subarray(starts[j]!, starts[j]! + prev!.index.bytes[f.name]![j]!);
        fileReused++;
      } else {
        piece = Buffer.from(f.piece(o, d));
      }
      parts.push(piece);
      lengths.push(piece.byteLength);
    });
    parts.push(Buffer.from(f.tail));
    index.bytes[f.name] = lengths;
    reused = Math.min(reused, fileReused);
    out.push({ name: f.name, bytes: Buffer.concat(parts) });
  }
  return { files: out, index, reused };
}

/**
 * Where each purchase's piece starts in the previous build's file, or null when that file is
 * missing, or its head or length is not what this code and its index say (then nothing of it is
 * reused).
 */
function pieceStarts(f: PiecewiseFile, prev: PreviousDownloads): number[] | null {
  const bytes = prev.files[f.name];
  const lengths = prev.index.bytes[f.name];
  if (!bytes || !lengths || lengths.length !== prev.index.orders.length) return null;
  const head = Buffer.from(f.head);
  if (Buffer.compare(bytes.subarray(0, head.byteLength), head) !== 0) return null;
  const separator = Buffer.byteLength(f.separator);
  const starts: number[] = [];
  let at = head.byteLength;
  lengths.forEach((n, i) => {
    if (i > 0) at += separator;
    starts.push(at);
    at += n;
  });
  return at + Buffer.byteLength(f.tail) === bytes.byteLength ? starts : null;
}
