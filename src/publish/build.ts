import { spawn } from 'node:child_process';
import { ASTRO_BUILD_NODE_FLAGS, astroBin as astroCli } from './build-flags.ts';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `astro build --outDir <fresh folder>` as a child process, reading the staging database
 * (SUNSHINE_DB). The Pagefind and public-database integrations run inside it. A child rather
 * than Astro's JS API: the build's memory is returned to the system when it exits, a crash in
 * it cannot take the nightly run down with it, and it can be stopped as a whole.
 */

export interface BuildRequest {
  outDir: string;
  dbPath: string;
  projectRoot: string;
  /** The published build: its unchanged order and product pages are reused (src/site/integrations/render-plan.ts). */
  previousBuild?: string | undefined;
  /** Render every page. */
  full?: boolean;
  log: (line: string) => void;
  /** Called with the child's pid once it is running (recorded in the lock). */
  onChild?: (pid: number) => void;
  signal?: AbortSignal;
}

export type BuildFn = (req: BuildRequest) => Promise<void>;

const TAIL_LINES = 30;

export const astroBuild: BuildFn = (req) =>
  new Promise((resolve, reject) => {
    const astroBin = astroCli(req.projectRoot);
    if (!fs.existsSync(astroBin)) {
      reject(new Error(`astro is not installed (${astroBin} missing): run npm ci`));
      return;
    }
    const child = spawn(process.execPath, [...ASTRO_BUILD_NODE_FLAGS, astroBin, 'build', '--outDir', req.outDir], {
      cwd: req.projectRoot,
      env: {
        ...process.env,
        SUNSHINE_DB: req.dbPath,
        ASTRO_TELEMETRY_DISABLED: '1',
        SUNSHINE_PREVIOUS_BUILD: req.previousBuild ?? '',
        SUNSHINE_FULL_BUILD: req.full ? '1' : '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so stopping the build also stops what it started (Pagefind).
      detached: true,
    });
    if (child.pid !== undefined) req.onChild?.(child.pid);
    const tail: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) {
        if (line.trim() === '') continue;
        req.log(`  build | ${line}`);
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const stop = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    req.signal?.addEventListener('abort', stop, { once: true });
    child.on('error', (e) => reject(e));
    child.on('close', (code, sig) => {
      req.signal?.removeEventListener('abort', stop);
      if (code === 0) resolve();
      else {
        const why = sig ? `was stopped by ${sig}` : `exited with code ${code}`;
        reject(new Error(`astro build ${why}; last output:\n${tail.map((l) => `    ${l}`).join('\n')}`));
      }
    });
  });
