// Bundle benchmark: raw, gzip (-9) and brotli (q 11) sizes of the
// release build's .wasm + .js + .css in dist/ (wasm-opt -Oz through
// trunk), beside @recogito/text-annotator's npm bundle (its self-contained
// UMD build and its stylesheet) as a reference.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { DIST, RECOGITO_DIST } from './site.mjs';
import { DELIVERIES, sizes, total } from '../scripts/deliveries.mjs';

const kind = (name) => (name.endsWith('.wasm') ? 'wasm' : name.endsWith('.js') ? 'js' : name.endsWith('.css') ? 'css' : null);

export async function benchBundle() {
  const claimmark = [];
  for (const name of (await readdir(DIST)).sort()) {
    const k = kind(name);
    if (!k) continue;
    // File names carry a content hash; report them by kind and base name.
    const label = name.replace(/-[0-9a-f]{16}(?=[._])/, '');
    claimmark.push({ file: label, kind: k, ...sizes(await readFile(path.join(DIST, name))) });
  }
  const recogito = [];
  for (const name of ['text-annotator.umd.js', 'text-annotator.css']) {
    recogito.push({ file: name, kind: kind(name), ...sizes(await readFile(path.join(RECOGITO_DIST, name))) });
  }
  const pkg = JSON.parse(await readFile(path.join(RECOGITO_DIST, '..', 'package.json'), 'utf8'));
  return {
    claimmark: { files: claimmark, total: total(claimmark) },
    recogito: { version: pkg.version, files: recogito, total: total(recogito) },
  };
}

/**
 * Each delivery's files (scripts/deliveries.mjs) with raw, gzip and brotli
 * sizes, looked up in dist/ or `extra` (where the read-page benchmark put
 * the prerendered fragment), with its budget and goal.
 */
export async function benchDeliveries(extra) {
  const out = [];
  for (const delivery of DELIVERIES) {
    const files = [];
    for (const file of delivery.files) {
      const found = [path.join(extra, file), path.join(DIST, file)].find(existsSync);
      if (found) files.push({ file, ...sizes(await readFile(found)) });
      else files.push({ file, missing: true, raw: 0, gzip: 0, brotli: 0 });
    }
    out.push({ name: delivery.name, budget: delivery.budget, goal: delivery.goal, files, total: total(files) });
  }
  return out;
}
