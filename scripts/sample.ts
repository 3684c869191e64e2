import fs from 'node:fs';
import { nextNight } from '../tools/sample/next-night.ts';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ORDERS, generateSample } from '../tools/sample/generate.ts';

/** `npm run sample -- [--orders N] [--out DIR] [--seed S]`: write the deterministic sample feed. */

const DEFAULT_OUT = path.join('data', 'sample');

const { values } = parseArgs({
  options: {
    orders: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    'next-night': { type: 'string' },
    share: { type: 'string' },
    changed: { type: 'string' },
    refunded: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log('usage: npm run sample -- [--orders N] [--out DIR] [--seed S]\n' +
    `  --orders N  about N orders (default ${DEFAULT_ORDERS}); listings, suppliers and agencies scale with it\n` +
    `  --out DIR   output folder (default ${DEFAULT_OUT}; its listings/orders files are replaced)\n` +
    'usage: npm run sample -- --next-night FROM --out DIR [--share 0.01] [--changed 1] [--refunded 0]\n' +
    '  a quiet next night of the sample in FROM: the same files plus a page with that share of new orders,\n' +
    '  that many older orders changed (an evaluation arrives) and that many refunded (tools/sample/next-night.ts)');
  process.exit(0);
}

if (values['next-night'] !== undefined) {
  const from = path.resolve(values['next-night']);
  if (!values.out) {
    console.error('--next-night needs --out DIR');
    process.exit(2);
  }
  const share = values.share === undefined ? 0.01 : Number(values.share);
  if (!(share > 0 && share <= 1)) {
    console.error(`--share must be a number in (0, 1], got ${values.share}`);
    process.exit(2);
  }
  const count = (name: 'changed' | 'refunded', fallback: number): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    if (!/^\d{1,3}$/.test(raw)) {
      console.error(`--${name} must be a whole number from 0 to 999, got ${raw}`);
      process.exit(2);
    }
    return Number(raw);
  };
  const changed = count('changed', 1);
  const refunded = count('refunded', 0);
  const files = fs.readdirSync(from).filter((n) => fs.statSync(path.join(from, n)).isFile()).map((name) => ({ name, content: fs.readFileSync(path.join(from, name), 'utf8') }));
  const night = nextNight(files, { share, changed, refunded });
  const dest = path.resolve(values.out);
  fs.mkdirSync(dest, { recursive: true });
  for (const f of night.files) fs.writeFileSync(path.join(dest, f.name), f.content);
  console.log(`wrote the next night to ${path.relative(process.cwd(), dest) || '.'}: ${night.newOrders} new orders, ${night.changed.length} changed (${night.changed.join(', ') || '—'}), ${night.refunded.length} refunded (${night.refunded.join(', ') || '—'})`);
  process.exit(0);
}

const orders = values.orders === undefined ? DEFAULT_ORDERS : Number(values.orders);
if (!Number.isInteger(orders) || orders < 100) {
  console.error(`--orders must be a whole number ≥ 100, got ${values.orders}`);
  process.exit(2);
}
const out = path.resolve(values.out ?? DEFAULT_OUT);
const sample = generateSample({ orders, seed: values.seed });

fs.mkdirSync(out, { recursive: true });
// Stale pages from a larger earlier run would be read as part of the feed.
for (const name of fs.readdirSync(out)) {
  if (/^(listings|orders)-\d+\.json$/.test(name)) fs.rmSync(path.join(out, name));
}
let bytes = 0;
for (const f of sample.files) {
  fs.writeFileSync(path.join(out, f.name), f.content);
  bytes += Buffer.byteLength(f.content);
}
if (out === path.resolve(DEFAULT_OUT)) fs.writeFileSync(path.resolve('data', 'categories.json'), sample.categories);

const s = sample.summary;
console.log(`wrote ${sample.files.length} files (${(bytes / 1e6).toFixed(2)} MB) to ${path.relative(process.cwd(), out) || '.'}: ` +
  `${s.listings} listings, ${s.orders} orders, ${s.suppliers} suppliers, ${s.agencies} agencies, ${s.retailRows} retail rows`);
