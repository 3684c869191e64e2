// `npm run bench -- <name> [args…]`: runs the default export of bench/<name>.ts with the
// remaining arguments; `npm run bench` alone runs `scaling`, the table of every figure beside
// its goal. Each bench prints its own figures; this file only dispatches, so new benches need
// no change here.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [name = 'scaling', ...rest] = process.argv.slice(2);
const dir = path.resolve(process.cwd(), 'bench');
const available = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [args…]${name ? `\nno bench named "${name}"` : ''}`);
  process.exit(2);
}

try {
  const mod = (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as { default?: (argv: string[]) => unknown };
  if (typeof mod.default !== 'function') throw new Error(`bench/${name}.ts has no default export function`);
  await mod.default(rest);
} catch (err) {
  console.error(`bench ${name} failed:`, err);
  process.exitCode = 1;
}
