// `npm start`: serve the published site and its /api/ (the @astrojs/node standalone server).
// Plain JavaScript so production needs no TypeScript runner.
//
// The published path (dist/ or SUNSHINE_DIST) is a symlink that the nightly run switches to a
// new build folder. A server started from the old folder would keep serving the old pages
// and, worse, lazily load code chunks from the new one. So this file is a small supervisor:
// the server runs in a cluster worker started from the real build folder, and when the
// symlink moves, a worker for the new build starts on the same port (cluster workers share the
// listening socket) and the old one is then disconnected gracefully — no downtime, no mix.
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from './node-flags.mjs';

const distPath = path.resolve(process.cwd(), process.env.SUNSHINE_DIST ?? 'dist');
const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = process.env.PORT ?? '4321';
const POLL_MS = 2000;
const DRAIN_MS = 10_000;

// Workers accept connections themselves (no hand-off through this process).
cluster.schedulingPolicy = cluster.SCHED_NONE;

/** @returns {string | undefined} the build folder the published path points at */
function currentBuild() {
  try {
    const real = fs.realpathSync(distPath);
    return fs.existsSync(path.join(real, 'server', 'entry.mjs')) ? real : undefined;
  } catch {
    return undefined;
  }
}

const log = (line) => console.log(`[start] ${line}`);
const shownHost = HOST === '0.0.0.0' || HOST === '::' || HOST === '127.0.0.1' ? 'localhost' : HOST;

/** @type {{ worker: import('node:cluster').Worker, build: string } | undefined} */
let active;
/** @type {{ worker: import('node:cluster').Worker, build: string } | undefined} */
let pending;
let failedBuild; // a build whose server would not start: not retried until the symlink moves again
let stopping = false;
const crashes = [];

// Each worker serves one build behind the front (headers, methods, ranges: src/server/front.mjs).
const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));

function fork(build) {
  cluster.setupPrimary({ exec: WORKER, args: [build], execArgv: [...process.execArgv, ...SERVER_NODE_FLAGS] });
  const worker = cluster.fork({ HOST, PORT });
  return { worker, build };
}

function startFirst(build) {
  active = fork(build);
  active.worker.once('listening', () => log(`serving ${path.relative(process.cwd(), build) || build} at http://${shownHost}:${PORT}/`));
  active.worker.once('exit', (code, signal) => onActiveExit(active, code, signal));
}

function onActiveExit(which, code, signal) {
  if (stopping || which !== active) return;
  log(`server exited (${signal ?? `code ${code}`}); restarting`);
  const now = Date.now();
  crashes.push(now);
  while (crashes.length && now - crashes[0] > 60_000) crashes.shift();
  if (crashes.length > 5) {
    log('the server keeps crashing (more than 5 times in a minute); giving up');
    process.exit(1);
  }
  const build = currentBuild() ?? which.build;
  setTimeout(() => startFirst(build), 1000);
}

function switchTo(build) {
  pending = fork(build);
  const candidate = pending;
  candidate.worker.once('listening', () => {
    const old = active;
    active = candidate;
    pending = undefined;
    active.worker.once('exit', (code, signal) => onActiveExit(candidate, code, signal));
    // "switched" once the old server has stopped taking connections (disconnect closes its
    // servers first): until then the primary may still hand a new connection to it, and a
    // reader (or the test that follows a publish) would get the old build after the message.
    let said = false;
    const announce = () => {
      if (said) return;
      said = true;
      log(`switched to ${path.relative(process.cwd(), build) || build}`);
    };
    if (old) {
      old.worker.once('disconnect', announce);
      old.worker.once('exit', announce);
      old.worker.disconnect();
      setTimeout(() => old.worker.isDead() || old.worker.kill(), DRAIN_MS).unref();
    } else announce();
  });
  candidate.worker.once('exit', (code) => {
    if (pending !== candidate) return;
    pending = undefined;
    failedBuild = build;
    log(`the server of ${build} did not start (code ${code}); still serving the previous build`);
  });
}

const first = currentBuild();
if (!first) {
  console.error(`nothing is published at ${distPath} (no server/entry.mjs there).`);
  console.error('run `npm run nightly -- <ingest flags>` (or `npm run demo`) first.');
  process.exit(1);
}
startFirst(first);

setInterval(() => {
  if (stopping || pending) return;
  const build = currentBuild();
  if (build && active && build !== active.build && build !== failedBuild) switchTo(build);
}, POLL_MS).unref();

function shutdown(sig) {
  if (stopping) process.exit(1);
  stopping = true;
  log(`${sig}: stopping`);
  for (const w of Object.values(cluster.workers ?? {})) w?.disconnect();
  setTimeout(() => process.exit(0), DRAIN_MS).unref();
  cluster.on('exit', () => {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// Keep the primary alive while it has workers (the poll timer is unref'd).
setInterval(() => {}, 1 << 30);
