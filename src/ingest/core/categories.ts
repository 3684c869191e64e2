import fs from 'node:fs';
import { z } from 'zod';

const categoriesSchema = z.array(
  z.object({ code: z.string().min(1), name: z.string().min(1), parent_code: z.string().min(1).nullable().optional() }),
);

export type CategoryEntry = { code: string; name: string; parent_code: string | null };

/** The catalogue (data/categories.json): the platform's category codes and their Chinese names. */
export function readCategories(file: string): CategoryEntry[] {
  if (!fs.existsSync(file)) return [];
  const parsed = categoriesSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: not a list of {code, name, parent_code}: ${parsed.error.issues[0]?.message}`);
  return parsed.data.map((c) => ({ code: c.code, name: c.name, parent_code: c.parent_code ?? null }));
}
