// Child processes of the benches: run one to completion while sampling the resident memory of
// its whole process tree, and read the figures Astro prints. (Files starting with "_" are not
// benches; bench/index.ts skips them.)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = process.cwd();
const PAGE_SIZE = fs.existsSync('/proc/self/statm') ? 4096 : 0;

/**
 * Runs a command to completion, sampling the resident memory of its whole process tree
 * (Astro and the Pagefind binary it starts) every 100 ms from /proc: peak = the largest sum.
 */
export async function run(
  cmd: string,
  args: string[],
  opts: { env?: Record<string, string>; quiet?: boolean } = {},
): Promise<{ output: string; peakRssBytes: number }> {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, TZ: 'Asia/Shanghai', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => chunks.push(d.toString()));
  let peak = 0;
  const timer = setInterval(() => {
    if (child.pid) peak = Math.max(peak, treeRss(child.pid));
  }, 100);
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  clearInterval(timer);
  const output = chunks.join('');
  if (code !== 0) throw new Error(`${path.basename(args[1] ?? cmd)} ${args.slice(2).join(' ')} failed (exit ${code}):\n${output.slice(-3000)}`);
  if (!opts.quiet) {
    const last = output.trim().split('\n').slice(-1)[0];
    if (last) console.log(`  ${last}`);
  }
  return { output, peakRssBytes: peak };
}

export function treeRss(rootPid: number): number {
  if (!PAGE_SIZE) return 0;
  const parent = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
    } catch {
      // The process ended between listing and reading.
    }
  }
  let total = 0;
  for (const pid of parent.keys()) {
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== rootPid) p = parent.get(p);
    if (p !== rootPid) continue;
    try {
      total += Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE;
    } catch {
      // Ended meanwhile.
    }
  }
  return total;
}

/**
 * The render: Astro's prerendering phase ("prerendering static routes … ✓ Completed in 1.66s.")
 * plus the files that were Astro endpoints before and are now made by worker threads beside the
 * render: the feeds and price CSVs ("subject files: N feeds and price CSVs, made and written in
 * 3.10 s beside the render, waited 0.70 s",
 * integrations/subject-files.ts) and the CSV and JSON downloads ("downloads: 4 files, 60.1 MB,
 * made in 2.10 s beside the render, waited 0.05 s", integrations/downloads.ts). The time the
 * render stage waited for them counts; the wait for the nightly's data (analysis and versions) at its start
 * ("page versions: the render waited 2.50 s", integrations/incremental.ts) does not. NaN when a
 * part is missing.
 */
export function parseRenderSeconds(output: string): number {
  const at = output.indexOf('prerendering static routes');
  if (at === -1) return Number.NaN;
  const m = /✓ Completed in ([\d.]+)(ms|s|m)/.exec(output.slice(at));
  if (!m) return Number.NaN;
  const v = Number(m[1]);
  const files = /subject files: \d+ feeds and price CSVs, made and written in [\d.]+ s beside the render, waited ([\d.]+) s/.exec(output);
  const downloads = /downloads: \d+ files, [\d.]+ MB, made in [\d.]+ s beside the render, waited ([\d.]+) s/.exec(output);
  if (!files || !downloads) return Number.NaN;
  // Started with the nightly's analysis, the prerendering begins by waiting for the data: not render time.
  const versions = Number(/page versions: the render waited ([\d.]+) s/.exec(output)?.[1] ?? 0);
  return (m[2] === 'ms' ? v / 1000 : m[2] === 'm' ? v * 60 : v) + Number(files[1]) + Number(downloads[1]) - versions;
}

/** The Pagefind integration's summary line: pages, indexes built and reused, seconds. */
export function parsePagefind(output: string): { pages: number; indexes: number; built: number; reused: number; seconds: number } | null {
  const m = /Pagefind: (\d+) pages in (\d+) indexes \((\d+) built, (\d+) reused\) in ([\d.]+) s/.exec(output);
  if (!m) return null;
  return { pages: Number(m[1]), indexes: Number(m[2]), built: Number(m[3]), reused: Number(m[4]), seconds: Number(m[5]) };
}

/** The flags `node` gets in package.json's script NAME, e.g. `--max-semi-space-size=32`. */
export function nodeFlagsOfScript(name: string): string[] {
  const scripts = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = (scripts[name] ?? '').split(/\s+/);
  if (words[0] !== 'node') throw new Error(`package.json script "${name}" does not start with node`);
  const flags: string[] = [];
  for (let i = 1; i < words.length && words[i]!.startsWith('--'); i++) {
    flags.push(words[i]!);
    if (words[i] === '--import') flags.push(words[++i]!);
  }
  return flags;
}
