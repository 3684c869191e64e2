// The front of the public server (DESIGN §9): every request passes here before the Astro
// handler, static files included (Astro's middleware never sees prerendered files, and the
// node adapter forwards only the CSP header). Plain JavaScript so production needs no build
// step or TypeScript runner; start.mjs's cluster workers run it (see worker.mjs).
//
// It answers what the handler must never see: a request target that is not a path (`*`,
// absolute forms, bad percent-encoding) is 400; a method other than GET and HEAD is 405 with
// Allow; a Range no byte of the file satisfies is 416. Every response carries the security
// headers. A handler that throws or emits a 5xx still answers with no stack trace, and the
// line logged names the method and path only (query strings may hold anything).
import fs from 'node:fs';
import path from 'node:path';

export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  // No inline script anywhere on the site (data travels in JSON script tags, which are not
  // executed); Pagefind needs WebAssembly and a blob: worker.
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

const ALLOWED = 'GET, HEAD';

function answer(res, status, message, extra = {}) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: message });
  res.writeHead(status, { ...extra, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(body);
}

/** The decoded path of a request target, or null when it is not a plain origin-form path. */
export function requestPath(target) {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null;
  const raw = target.split('?')[0].split('#')[0];
  try {
    const p = decodeURIComponent(raw);
    return p.includes('\0') ? null : p;
  } catch {
    return null;
  }
}

/** The static file a path names inside clientDir (directories → index.html), or null. */
export function staticFile(clientDir, pathname) {
  const resolved = path.resolve(clientDir, `.${path.posix.normalize(pathname)}`);
  if (resolved !== clientDir && !resolved.startsWith(clientDir + path.sep)) return null;
  for (const candidate of [resolved, path.join(resolved, 'index.html')]) {
    try {
      const st = fs.statSync(candidate);
      if (st.isFile()) return { file: candidate, size: st.size };
    } catch {
      /* not there */
    }
  }
  return null;
}

/**
 * Whether a Range header can be served for a file of `size` bytes: 'ok' (let the handler serve
 * it), 'ignore' (not a byte range we read: RFC 9110 lets a server answer 200 in full), or
 * 'unsatisfiable' (well-formed, but no range overlaps the file: 416).
 */
export function rangeFit(header, size) {
  const m = /^bytes=(.+)$/.exec(header.trim());
  if (!m) return 'ignore';
  let any = false;
  for (const part of m[1].split(',')) {
    const r = /^\s*(\d*)-(\d*)\s*$/.exec(part);
    if (!r || (r[1] === '' && r[2] === '')) return 'ignore';
    if (r[1] === '') {
      if (Number(r[2]) > 0 && size > 0) any = true; // a suffix range of N > 0 bytes
    } else {
      const start = Number(r[1]);
      if (r[2] !== '' && Number(r[2]) < start) return 'ignore';
      if (start < size) any = true;
    }
  }
  return any ? 'ok' : 'unsatisfiable';
}

/**
 * A request listener that fronts `handler(req, res)` (Astro's standalone handler). `apiFront()`,
 * when given, returns the API's ApiFront once the server bundle has loaded its endpoints: an
 * /api/ request it can answer (a cached answer, or a GET to a path Astro has already routed)
 * is answered without the handler (src/server/api/fast-answer.ts says why).
 */
export function createFront({ clientDir, handler, apiFront, log = (line) => console.error(line) }) {
  const root = path.resolve(clientDir);
  return async (req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const pathname = requestPath(req.url);
    if (pathname === null) return answer(res, 400, 'the request target must be a path such as /orders/');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return answer(res, 405, `${String(req.method).slice(0, 20)} is not allowed: this site is read-only`, { Allow: ALLOWED });
    }
    const range = req.headers.range;
    if (range !== undefined) {
      const file = pathname.startsWith('/api/') ? null : staticFile(root, pathname);
      const fit = file ? rangeFit(range, file.size) : 'ignore';
      if (fit === 'unsatisfiable') return answer(res, 416, 'no part of the requested range exists', { 'Content-Range': `bytes */${file.size}` });
      if (fit === 'ignore') delete req.headers.range;
    }
    // Whatever the handler does, a server error reaches the client as a plain status, never
    // as a stack trace; the log line holds the method and path only.
    const writeHead = res.writeHead;
    res.writeHead = function (status, ...rest) {
      if (status >= 500 && status !== 503) log(`[front] ${req.method} ${pathname.slice(0, 200)}: handler answered ${status}`);
      return writeHead.call(this, status, ...rest);
    };
    try {
      const api = pathname.startsWith('/api/') ? apiFront?.() : undefined;
      if (api && (sendCached(api, req, res) || (req.method === 'GET' && (await sendRouted(api, req, res))))) return;
      await handler(req, res);
    } catch (e) {
      log(`[front] ${req.method} ${pathname.slice(0, 200)}: ${e instanceof Error ? e.name : 'error'}`);
      answer(res, 400, 'the request could not be served');
    }
  };
}

const ifNoneMatch = (req) => (typeof req.headers['if-none-match'] === 'string' ? req.headers['if-none-match'] : undefined);

/** Sends the API's cached answer (or 304) for this request; false (nothing sent) when it holds none or fails. */
function sendCached(api, req, res) {
  let a;
  try {
    a = api.cached(req.url, ifNoneMatch(req));
  } catch {
    return false; // the handler will answer, or say what is wrong
  }
  if (!a) return false;
  send(req, res, a.status, a.headers, a.body);
  return true;
}

/** Sends the answer of the endpoint Astro routed this path to before; false when there is none or it failed before answering. */
async function sendRouted(api, req, res) {
  let status;
  let headers;
  let body;
  try {
    const pending = api.routed(req.url, ifNoneMatch(req));
    if (!pending) return false;
    const r = await pending;
    [status, headers, body] = [r.status, [...r.headers], new Uint8Array(await r.arrayBuffer())];
  } catch {
    return false;
  }
  send(req, res, status, headers, body);
  return true;
}

function send(req, res, status, headers, body) {
  for (const [k, v] of headers) res.setHeader(k, v);
  if (status === 304) {
    res.writeHead(304);
    res.end();
    return;
  }
  res.setHeader('Content-Length', body.byteLength);
  res.writeHead(status);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * CONNECT never reaches a request listener (Node hands the raw socket to a 'connect' event,
 * and without a listener drops it): answer it as any other method that is not allowed.
 */
export function refuseTunnel(_req, socket) {
  const headers = Object.entries({ ...SECURITY_HEADERS, Allow: ALLOWED, 'Content-Length': '0', Connection: 'close' })
    .map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\n${headers}\r\n`);
}

/**
 * What Node's HTTP parser refuses before any listener runs (an unknown method such as FOO,
 * a malformed request line, headers too large) gets a plain 4xx with the security headers
 * too, instead of Node's bare default answer.
 */
export function refuseMalformed(err, socket) {
  if (!socket.writable || err?.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = err?.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const headers = Object.entries({ ...SECURITY_HEADERS, 'Content-Length': '0', Connection: 'close' })
    .map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status}\r\n${headers}\r\n`);
}
