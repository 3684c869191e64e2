import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Builds the site from a given database into a fresh folder (STACK-NOTES: never in place)
 * with the real `astro build`, in a child process so Vite does not run inside Vitest's Vite.
 * The prerender step imports the server bundle from the output folder, whose bare imports
 * must resolve: the temp folder gets a node_modules symlink to the project's.
 * Asynchronous on purpose: a blocking spawnSync starves Vitest's worker RPC during the build.
 * Returns the client folder (static files; the node adapter puts them under client/).
 */
export async function buildSite(dbPath: string, label: string): Promise<string> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `sunshine-site-${label}-`));
  fs.symlinkSync(path.resolve('node_modules'), path.join(work, 'node_modules'), 'dir');
  const outDir = path.join(work, 'dist');
  const astro = path.resolve('node_modules/.bin/astro');
  const log: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(astro, ['build', '--outDir', outDir], {
      cwd: process.cwd(),
      env: { ...process.env, SUNSHINE_DB: dbPath, TZ: 'Asia/Shanghai', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => log.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => log.push(d.toString()));
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`astro build failed (${code}):\n${log.join('').slice(-4000)}`);
  return path.join(outDir, 'client');
}

/** Every file under dir, as sorted relative paths. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Hashed asset names change whenever any stylesheet or script changes; goldens ignore them. */
export function normaliseHtml(html: string): string {
  return html.replace(/\/_astro\/[^"'\s)]+/g, '/_astro/ASSET');
}
