import { upperNorm } from './normalize.ts';

/**
 * Paper specifications (DESIGN §5): copy and printing paper is matched by what it is, not by a
 * model number, and compared per pack. Parses the size, grammage, sheets per pack and packs per
 * box that sellers write in many ways: "A4 70g 500张/包 8包/箱", "复印纸 A4 80克 500张*5包",
 * "70克A4 5包/箱 500张/包", "A3 80g 5令/箱".
 */

export interface PaperSpec {
  size: string | null;
  grammage: number | null;
  sheetsPerPack: number | null;
  packsPerBox: number | null;
}

/** One 令 (ream) is 500 sheets: the paper trade's unit, used as a pack. */
export const SHEETS_PER_REAM = 500;

// Lookarounds instead of \b: \b does not see a boundary between "A4" and "纸" or "80" and "克".
const SIZE = /(?<![A-Z0-9])(A[0-6]|B[4-5]|16K|8K)(?![0-9A-Z])/;
const GRAMMAGE = /(?<![0-9.])(\d{2,3})\s*(?:克|(?:G\/M2|GSM|G)(?![A-Z]))/;
const SHEETS = /(?<![0-9.])(\d{2,4})\s*(?:张|SHEETS?)/;
const REAMS = /(?<![0-9.])(\d{1,2})\s*令/;
// "8包/箱", "5包每箱", "8包装", "5包/件"; "500张*5包", "500张×8包", "500张X5包" ("per box" implied).
const PACKS_PER_BOX = [
  /(?<![0-9.])(\d{1,2})\s*(?:包|令)\s*(?:\/|每|一)?\s*(?:箱|件)/,
  /(?<![0-9.])(\d{1,2})\s*(?:包|令)\s*装/,
  /张\s*(?:\/\s*(?:包|令))?\s*[*×X]\s*(\d{1,2})\s*(?:包|令)/,
  /(?:箱|件)\s*(?:装)?\s*(\d{1,2})\s*(?:包|令)/,
];

// Grammage of office paper lies in this range; outside it the number is something else.
const MIN_GRAMMAGE = 40;
const MAX_GRAMMAGE = 300;

function firstNumber(text: string, res: readonly RegExp[]): number | null {
  for (const re of res) {
    const m = re.exec(text);
    if (m?.[1] !== undefined) return Number(m[1]);
  }
  return null;
}

/** The paper specification in a spec or title, or null when none of its parts is there. */
export function parsePaperSpec(text: string): PaperSpec | null {
  const t = upperNorm(text);
  const size = SIZE.exec(t)?.[1] ?? null;

  const g = firstNumber(t, [GRAMMAGE]);
  const grammage = g !== null && g >= MIN_GRAMMAGE && g <= MAX_GRAMMAGE ? g : null;

  let sheetsPerPack = firstNumber(t, [SHEETS]);
  // A pack written as reams ("5令/箱") with no sheet count is a 500-sheet pack by definition.
  if (sheetsPerPack === null && REAMS.test(t)) sheetsPerPack = SHEETS_PER_REAM;
  if (sheetsPerPack !== null && sheetsPerPack <= 0) sheetsPerPack = null;

  const p = firstNumber(t, PACKS_PER_BOX);
  const packsPerBox = p !== null && p > 0 ? p : null;

  if (size === null && grammage === null && sheetsPerPack === null && packsPerBox === null) return null;
  return { size, grammage, sheetsPerPack, packsPerBox };
}

/** Combine what the spec field and the title say; the spec field wins where both speak. */
export function mergePaperSpecs(...specs: (PaperSpec | null)[]): PaperSpec | null {
  const present = specs.filter((s): s is PaperSpec => s !== null);
  if (present.length === 0) return null;
  const pick = <K extends keyof PaperSpec>(k: K): PaperSpec[K] =>
    present.find((s) => s[k] !== null)?.[k] ?? null;
  return {
    size: pick('size'),
    grammage: pick('grammage'),
    sheetsPerPack: pick('sheetsPerPack'),
    packsPerBox: pick('packsPerBox'),
  };
}

const PAPER_WORDS = /复印纸|打印纸|A[345]纸|凭证纸|办公用纸|COPY\s*PAPER|PRINTING\s*PAPER/;

const DEVICE_WORDS = /打印机|一体机|复印机|复合机|传真机|PRINTER|МФУ|ПРИНТЕР/;

/**
 * Copy or printing paper, from the words of a title or spec: 复印纸 / 打印纸 / A4纸, or a paper
 * size together with a grammage ("得力 A4 70g 500张/包"). The second, weaker sign does not
 * count in a device title ("A4 激光打印机 支持60-163g纸张" is a printer).
 */
export function looksLikePaper(text: string): boolean {
  const t = upperNorm(text);
  if (PAPER_WORDS.test(t)) return true;
  if (DEVICE_WORDS.test(t)) return false;
  const spec = parsePaperSpec(t);
  return spec !== null && spec.size !== null && spec.grammage !== null;
}
