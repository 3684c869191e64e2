// One server process of `npm start` (a cluster worker of src/server/supervisor.mjs): loads the Astro
// standalone handler of one build folder without letting it start its own server, and serves
// it behind the front (front.mjs) on HOST:PORT. The build folder is the first argument.
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createFront, refuseMalformed, refuseTunnel } from './front.mjs';

const build = process.argv[2];
if (!build) {
  console.error('usage: worker.mjs <build folder>');
  process.exit(2);
}
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import(pathToFileURL(path.join(build, 'server', 'entry.mjs')).href);
// The API's own answers (cached ones, and paths Astro has routed), offered by the server bundle
// once its endpoints have loaded, under API_FRONT_KEY of src/server/api/fast-answer.ts.
const API_FRONT_KEY = Symbol.for('sunshine.api.front');
const apiFront = () => globalThis[API_FRONT_KEY];
const server = http.createServer(createFront({ clientDir: path.join(build, 'client'), handler, apiFront }));
server.on('connect', refuseTunnel);
server.on('clientError', refuseMalformed);
// Slow or idle clients must not hold connections forever.
server.headersTimeout = 20_000;
server.requestTimeout = 30_000;
server.listen(Number(process.env.PORT ?? 4321), process.env.HOST ?? '127.0.0.1');
