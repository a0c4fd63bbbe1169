// Stages what the benchmark server serves on 127.0.0.1, in one folder:
//   /                 claimmark's release build (dist/), unchanged
//   /bench/blank.html a same-origin page to seed localStorage from
//   /recogito/        @recogito/text-annotator's npm bundle and one page
//                     per data set (article HTML + W3C annotations inline)
//   /data/            per data set, the localStorage entries for claimmark
// and, when the build left it, a copy of the demo whose .wasm keeps its
// function names (wasm-bindgen's output before wasm-opt) for profiling.

import { copyFile, mkdir, readdir, rm, writeFile, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { paragraphsOf, toEntries, toW3C } from './generate.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = path.join(ROOT, 'dist');
export const RECOGITO_DIST = path.join(ROOT, 'node_modules', '@recogito', 'text-annotator', 'dist');
export const NAMED_WASM = path.join(ROOT, 'target', 'wasm-bindgen', 'release', 'claimmark-demo_bg.wasm');
const PAGES = fileURLToPath(new URL('./pages/', import.meta.url));

async function copyDir(from, to) {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isFile()) await copyFile(path.join(from, entry.name), path.join(to, entry.name));
  }
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeJsonInHtml = (s) => s.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** The article as <p> blocks with the text between them kept as text nodes, so textContent === text. */
export function articleHtml(text) {
  let html = '';
  let at = 0;
  for (const [start, end] of paragraphsOf(text)) {
    html += escapeHtml(text.slice(at, start));
    html += `<p>${escapeHtml(text.slice(start, end))}</p>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}

/**
 * Builds the served folder `www`: claimmark's release build `build`
 * (default dist/), the blank page, and unless `recogito` is false the
 * Recogito pages for `sets`.
 */
export async function stageSite(www, sets, { build = DIST, recogito: withRecogito = true } = {}) {
  if (!existsSync(path.join(build, 'index.html'))) {
    throw new Error(`no release build in ${path.relative(ROOT, build) || build}/: run \`make build\` (or \`make bench\`, which builds first)`);
  }
  await rm(www, { recursive: true, force: true });
  await copyDir(build, www);
  await copyDir(PAGES, path.join(www, 'bench'));
  await mkdir(path.join(www, 'data'), { recursive: true });
  if (!withRecogito) return www;
  const recogito = path.join(www, 'recogito');
  await mkdir(recogito, { recursive: true });
  for (const file of ['text-annotator.umd.js', 'text-annotator.css']) {
    await copyFile(path.join(RECOGITO_DIST, file), path.join(recogito, file));
  }
  await copyFile(path.join(PAGES, 'recogito-run.js'), path.join(recogito, 'recogito-run.js'));
  const template = await readFile(path.join(PAGES, 'recogito.html'), 'utf8');
  for (const set of sets) {
    const w3c = set.claims.map((c) => toW3C(c, 'bench'));
    const page = template
      .replace('{{ARTICLE}}', () => articleHtml(set.text))
      .replace('{{ANNOTATIONS}}', () => escapeJsonInHtml(JSON.stringify(w3c)));
    await writeFile(path.join(recogito, `${set.name}.html`), page);
  }
  return www;
}

/**
 * Writes /data/<name>.json: the localStorage entries that make the demo
 * open `set` with its claims. The seed article is the demo's embedded
 * one (no text stored); other articles are stored as "loaded by hand".
 */
export async function writeSeedData(www, set, documentId) {
  const entries = toEntries(documentId, set.embedded ? null : set.text, set.claims);
  entries['claimmark:v1:demo:current'] = set.embedded ? '' : documentId;
  await writeFile(path.join(www, 'data', `${set.name}.json`), JSON.stringify(entries));
  return entries;
}

/** A copy of `www`'s demo whose .wasm has function names, or null. */
export async function stageProfilingSite(www, wwwNamed) {
  if (!existsSync(NAMED_WASM)) return null;
  await rm(wwwNamed, { recursive: true, force: true });
  await copyDir(www, wwwNamed);
  await copyDir(path.join(www, 'data'), path.join(wwwNamed, 'data'));
  await copyDir(path.join(www, 'bench'), path.join(wwwNamed, 'bench'));
  const wasm = (await readdir(wwwNamed)).find((f) => f.endsWith('_bg.wasm'));
  await copyFile(NAMED_WASM, path.join(wwwNamed, wasm));
  // The preload's integrity hash no longer matches: drop the preload.
  const indexFile = path.join(wwwNamed, 'index.html');
  const index = (await readFile(indexFile, 'utf8')).replace(/<link rel="preload"[^>]*_bg\.wasm"[^>]*>/, '');
  await writeFile(indexFile, index);
  return wwwNamed;
}
