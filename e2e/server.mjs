// A tiny static file server for the end-to-end tests (no dependencies).
//
// startServer(dir) serves `dir` (default: the repository's dist/ folder,
// resolved relative to this file) on 127.0.0.1 with a random port and
// resolves to { url, close }. Only loopback is ever listened on.
//
// Run by hand: `node e2e/server.mjs [dir] [port]` prints the URL and serves until
// interrupted.

import http from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// Pages that are also served with a Content-Security-Policy header (the
// page carries the same policy in a <meta> for `make serve`).
export const STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";

function extraHeaders(file) {
  return path.basename(file) === 'strict-csp.html' ? { 'content-security-policy': STRICT_CSP } : {};
}

export function contentTypeFor(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(root, candidate) {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function send(res, status, text) {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(text);
}

/**
 * Maps a request path to a file under root, or returns an HTTP status.
 * Refuses anything that would leave root: "..", encoded dots or slashes,
 * backslashes, NUL bytes, and symlinks pointing outside.
 */
async function resolveFile(root, rawUrl) {
  let pathname;
  try {
    pathname = new URL(rawUrl, 'http://127.0.0.1').pathname;
  } catch {
    return { status: 400 };
  }
  // Look at the raw path too: URL parsing already folds "/../", but an
  // encoded "%2e%2e" or "%2f" is only visible after decoding.
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 403 };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { status: 403 };
  if (rawUrl.split('?')[0].split('/').some((s) => s === '..')) return { status: 403 };

  let file = path.resolve(root, '.' + path.posix.normalize(decoded));
  if (!isInside(root, file)) return { status: 403 };

  let info;
  try {
    info = await stat(file);
    if (info.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file);
    }
  } catch {
    return { status: 404 };
  }
  if (!info.isFile()) return { status: 404 };
  // A symlink inside root must not lead outside it.
  let real;
  try {
    real = await realpath(file);
  } catch {
    return { status: 404 };
  }
  if (!isInside(root, real)) return { status: 403 };
  return { file: real, size: info.size };
}

/**
 * Serves `dir` on 127.0.0.1:<port> (default: a random free port).
 * @param {string} [dir] folder to serve; defaults to the repository's dist/.
 * @returns {Promise<{url: string, close: () => Promise<void>}>} url ends with "/".
 */
export async function startServer(dir = DEFAULT_DIR, port = 0) {
  const root = await realpath(path.resolve(dir));
  const server = http.createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, 'method not allowed');
      return;
    }
    const found = await resolveFile(root, req.url ?? '/');
    if (found.status) {
      const text = { 400: 'bad request', 403: 'forbidden', 404: 'not found' }[found.status];
      send(res, found.status, text);
      return;
    }
    res.writeHead(200, {
      'content-type': contentTypeFor(found.file),
      'content-length': found.size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...extraHeaders(found.file),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(found.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });

  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address().port;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const served = await startServer(process.argv[2] ?? DEFAULT_DIR, Number(process.argv[3] ?? 0));
  console.log(`serving ${process.argv[2] ?? 'dist/'} at ${served.url}`);
  const stop = () => served.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
