// The static server used by the end-to-end tests: content types, index.html
// for "/", 404s, and refusal of path traversal. Runs without a build.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from './server.mjs';

let base;
let served;

/** A raw GET, so that "..", "%2e%2e" and backslashes reach the server unchanged. */
function rawGet(url, rawPath) {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'claimmark-server-'));
  const root = path.join(base, 'site');
  await mkdir(path.join(root, 'sub'), { recursive: true });
  await writeFile(path.join(base, 'secret.txt'), 'SECRET outside the served folder');
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>root</title>');
  await writeFile(path.join(root, 'app.js'), 'export const x = 1;');
  await writeFile(path.join(root, 'app_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  await writeFile(path.join(root, 'style.css'), 'body{}');
  await writeFile(path.join(root, 'notes.txt'), 'plain');
  await writeFile(path.join(root, 'sub', 'index.html'), '<!doctype html><title>sub</title>');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
  served = await startServer(root);
});

after(async () => {
  await served?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

test('listens on loopback with a random port', () => {
  const u = new URL(served.url);
  assert.equal(u.hostname, '127.0.0.1');
  assert.ok(Number(u.port) > 0);
});

test('serves index.html for / and for a folder', async () => {
  const root = await rawGet(served.url, '/');
  assert.equal(root.status, 200);
  assert.match(root.type, /^text\/html/);
  assert.match(root.body, /<title>root<\/title>/);
  const sub = await rawGet(served.url, '/sub/');
  assert.equal(sub.status, 200);
  assert.match(sub.body, /<title>sub<\/title>/);
});

test('sends the content type for each kind of file', async () => {
  const expected = {
    '/app.js': /^text\/javascript/,
    '/app_bg.wasm': /^application\/wasm$/,
    '/style.css': /^text\/css/,
    '/notes.txt': /^text\/plain/,
    '/index.html': /^text\/html/,
  };
  for (const [file, type] of Object.entries(expected)) {
    const res = await rawGet(served.url, file);
    assert.equal(res.status, 200, file);
    assert.match(res.type, type, file);
  }
});

test('answers 404 for a missing file', async () => {
  assert.equal((await rawGet(served.url, '/nope.js')).status, 404);
});

test('refuses path traversal', async () => {
  for (const attempt of [
    '/../secret.txt',
    '/sub/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/sub/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%00index.html',
    '/escape.txt',
  ]) {
    const res = await rawGet(served.url, attempt);
    assert.ok(res.status >= 400, `${attempt} answered ${res.status}`);
    assert.ok(!res.body.includes('SECRET'), `${attempt} leaked the file outside the root`);
  }
});
