/**
 * Shared machinery of the browser and built-site tests: build the site from a database into a
 * fresh folder, serve its static client folder over node:http on 127.0.0.1, and drive Debian's
 * Chromium through playwright-core (never a downloaded browser; STACK-NOTES flags).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext } from 'playwright-core';
import { astroBin as astroCli } from '../../src/publish/build-flags.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Whether browser tests can run here. In CI they must: a missing browser fails there instead
 * of skipping, so a green CI run always means the browser tests ran.
 */
export function browserAvailability(): { run: true } | { run: false; reason: string } {
  if (fs.existsSync(CHROMIUM)) return { run: true };
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}; CI must install it (.ci/run does: apt-get install chromium)`);
  return { run: false, reason: `skipped: no Chromium at ${CHROMIUM} (install Debian's chromium to run browser tests)` };
}

export interface BuiltSite {
  /** The static client folder (dist/client with the node adapter). */
  clientDir: string;
  outDir: string;
  buildLog: string;
  cleanup: () => void;
}

/**
 * `astro build` into a new temp folder from the given database. The folder holds a symlink to
 * the project's node_modules because the server half of the build imports packages by name and
 * resolves them from its own location.
 */
export async function buildSite(dbPath: string, label = 'site'): Promise<BuiltSite> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `sunshine-${label}-`));
  fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  const outDir = path.join(work, 'dist');
  const astroBin = astroCli(PROJECT_ROOT);
  const log: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--outDir', outDir], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, SUNSHINE_DB: dbPath, TZ: 'Asia/Shanghai', NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => log.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => log.push(d.toString()));
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  const buildLog = log.join('');
  if (code !== 0) {
    // No caller gets a cleanup handle from a failed build: remove the folder here.
    fs.rmSync(work, { recursive: true, force: true });
    throw new Error(`astro build failed (exit ${code}):\n${buildLog.slice(-4000)}`);
  }
  const clientDir = fs.existsSync(path.join(outDir, 'client')) ? path.join(outDir, 'client') : outDir;
  return { clientDir, outDir, buildLog, cleanup: () => fs.rmSync(work, { recursive: true, force: true }) };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.db': 'application/vnd.sqlite3',
};

export interface StaticServer {
  origin: string;
  close: () => Promise<void>;
}

/** A minimal static file server over the built folder (directory → index.html; nothing outside root). */
export async function serveStatic(root: string): Promise<StaticServer> {
  const rootReal = fs.realpathSync(root);
  const server = http.createServer((req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(rootReal, pathname);
    if (!file.startsWith(rootReal)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The production server over a build (src/server/worker.mjs: the front with its headers, then
 * Astro's handler for the on-demand pages and the API), reading `dbPath`, on a free port.
 */
export async function serveBuild(outDir: string, dbPath: string): Promise<StaticServer> {
  const port = await new Promise<number>((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const log: string[] = [];
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'src/server/worker.mjs'), outDir], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SUNSHINE_DB: dbPath, TZ: 'Asia/Shanghai' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => log.push(d.toString()));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log.join('')}`);
    const up = await fetch(`${origin}/`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 300) {
      child.kill();
      throw new Error(`server did not answer within 30 s:\n${log.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * Chromium with a fresh profile folder. Playwright refuses --user-data-dir in args, so the
 * profile is given through launchPersistentContext, which is the same thing.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sunshine-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // Keep Chromium off the (closed) network: without these it floods it with background requests.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
