// The npm package (make package) as an embedder uses it: installed from its
// tarball into a small site (e2e/package-site: TypeScript, a read-mode
// element and an edit-mode mount()), type-checked with tsc against the
// package's declarations, built with Vite, served, and opened in Chromium:
// both widgets render from the bundler's copies of the wasm and CSS.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, isLoopback } from './chromium.mjs';
import { startServer } from './server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Inside the repository, so that Vite and TypeScript resolve from its node_modules.
const SITE = path.join(ROOT, 'target', 'package-site');
let server;
let browser;

before(async () => {
  const tarball = path.join(ROOT, execFileSync('node', ['scripts/package.mjs'], { cwd: ROOT, encoding: 'utf8' }).trim());
  rmSync(SITE, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'e2e', 'package-site'), SITE, { recursive: true });
  writeFileSync(path.join(SITE, 'package.json'), '{ "private": true, "type": "module" }\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-save', tarball], { cwd: SITE, stdio: ['ignore', 'ignore', 'inherit'] });
  const { build } = await import('vite');
  await build({ root: SITE, logLevel: 'warn', build: { outDir: 'dist', target: 'es2022', emptyOutDir: true } });
  server = await startServer(path.join(SITE, 'dist'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the package type-checks in a TypeScript site (tsc --strict against claimmark.d.ts)', () => {
  const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
  execFileSync(tsc, ['-p', SITE], { cwd: SITE, stdio: ['ignore', 'inherit', 'inherit'] });
});

test('built with Vite from the tarball: a read-mode element and an edit-mode mount() render', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  const page = await context.newPage();
  const failed = [];
  const errors = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  const wasm = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname);
  });
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelectorAll('#read mark.cm-claim').length >= 3, null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('#editor .claimmark[data-mode=edit] article.cm-article'), null, { timeout: 30_000 });
    const shown = await page.evaluate(() => ({
      read: document.querySelector('#read .claimmark')?.dataset.mode,
      counts: [...document.querySelectorAll('#read .cm-legend .cm-count')].map((c) => c.textContent),
      editor: document.querySelector('#editor article.cm-article').textContent,
      exported: window.fixture.editor.exportAnnotations().type,
      styled: getComputedStyle(document.querySelector('#read mark.cm-claim')).backgroundColor,
    }));
    assert.equal(shown.read, 'read');
    assert.deepEqual(shown.counts, ['1', '1', '1']);
    assert.match(shown.editor, /harbour bridge will reopen/);
    assert.equal(shown.exported, 'AnnotationCollection');
    assert.notEqual(shown.styled, 'rgba(0, 0, 0, 0)', 'the stylesheets came with the bundle');
    assert.equal(wasm.length, 2, `the reader's and the editor's wasm: ${wasm.join(', ')}`);
    assert.ok(wasm.every((p) => p.startsWith('/assets/')), 'served from the bundler\'s assets');
    assert.deepEqual(failed, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
