// The anchoring benchmark (part of `make bench`): one seeded workload,
// anchored side by side in the same run by
//   - claimmark natively (release build of claimmark-anchor-bench),
//   - claimmark in wasm in headless Chromium (the `bench` feature's export),
//   - the Hypothesis path in Node (indexOf + approx-string-match).
// Writes bench/results/anchoring.json: { section, markdown, data }.
//
//   node bench/anchoring/run.mjs [--smoke] [--out FILE]
//
// --smoke uses a small text and few quotes so CI checks that the harness
// still works; its figures mean nothing.

import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

import { generate, writeWorkload } from './generate.mjs';
import { anchorTarget } from './hypothesis-path.mjs';
import { startServer } from '../../e2e/server.mjs';
import { launchBrowser, newContext, offLoopback } from '../lib.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./', import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : path.join(ROOT, 'bench', 'results', smoke ? 'smoke' : '', 'anchoring.json');

const sizes = smoke
  ? { bytes: 50_000, exact: 200, fuzzy: 40, orphans: 40 }
  : { bytes: 1_000_000, exact: 10_000, fuzzy: 1_000, orphans: 1_000 };

function run(cmd, argv, options = {}) {
  return execFileSync(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 30, ...options }).toString();
}

/** Share of fuzzy quotes whose top result covers at least half of the true edited span. */
function recall(landed, truth) {
  let found = 0;
  truth.forEach(([s, e], i) => {
    const hit = landed[i];
    if (!hit || hit.start === undefined) return;
    const overlap = Math.min(e, hit.end) - Math.max(s, hit.start);
    if (overlap >= (e - s) / 2) found++;
  });
  return found / truth.length;
}

const fromRust = (landed) => landed.map(([start, end, kind]) => (kind <= 1 ? { start, end, kind } : {}));
const exactCorrect = (landed, truth) => landed.filter((l, i) => l.start === truth[i][0] && l.end === truth[i][1]).length / truth.length;

async function main() {
  const data = path.join(ROOT, 'bench', 'out', smoke ? 'anchoring-smoke' : 'anchoring');
  const workload = generate(sizes);
  await writeWorkload(data, workload);
  console.error(`anchoring: workload of ${workload.next.length} characters in ${path.relative(ROOT, data)}`);

  // Native.
  run('cargo', ['build', '--release', '--quiet', '-p', 'claimmark-tools', '--bin', 'claimmark-anchor-bench']);
  const native = JSON.parse(run(path.join(ROOT, 'target', 'release', 'claimmark-anchor-bench'), [data]));

  // wasm in Chromium.
  run('cargo', ['build', '--release', '--quiet', '-p', 'claimmark-tools', '--lib', '--target', 'wasm32-unknown-unknown']);
  const pkg = path.join(HERE, 'pkg');
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', pkg,
    path.join(ROOT, 'target', 'wasm32-unknown-unknown', 'release', 'claimmark_tools.wasm')]);
  const site = path.join(ROOT, 'bench', 'out', 'anchoring-site');
  await mkdir(path.join(site, 'pkg'), { recursive: true });
  await mkdir(path.join(site, 'data'), { recursive: true });
  for (const f of ['page.html', 'page.mjs']) await copyFile(path.join(HERE, f), path.join(site, f));
  for (const f of ['claimmark_tools.js', 'claimmark_tools_bg.wasm']) await copyFile(path.join(pkg, f), path.join(site, 'pkg', f));
  for (const f of ['new.txt', 'exact.json', 'fuzzy.json', 'orphan.json']) await copyFile(path.join(data, f), path.join(site, 'data', f));
  await copyFile(path.join(ROOT, 'assets', 'article.txt'), path.join(site, 'data', 'seed.txt'));
  const server = await startServer(site);
  const browser = await launchBrowser();
  let wasm;
  try {
    const page = await (await newContext(browser)).newPage();
    page.on('pageerror', (error) => console.error(`anchoring page: ${error.message}`));
    await page.goto(new URL('page.html', server.url).href);
    await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: 300_000 });
    wasm = await page.evaluate(() => window.benchResult);
    if (wasm.error) throw new Error(wasm.error);
  } finally {
    await browser.close();
    await server.close();
  }
  if (offLoopback.length) throw new Error(`the anchoring page asked for addresses off loopback (refused): ${offLoopback.slice(0, 5).join(', ')}`);

  // The Hypothesis path in Node, on the same text and targets.
  const text = workload.next;
  let start = performance.now();
  const jsExact = workload.exactTargets.map((t) => anchorTarget(text, t) ?? {});
  const jsExactMs = performance.now() - start;
  start = performance.now();
  const jsFuzzy = workload.fuzzyTargets.map((t) => anchorTarget(text, t) ?? {});
  const jsFuzzyMs = performance.now() - start;
  start = performance.now();
  const jsOrphan = workload.orphanTargets.map((t) => anchorTarget(text, t));
  const jsOrphanMs = performance.now() - start;

  const n = sizes;
  const rows = {
    wasm: {
      exactMs: wasm.exactMs, fuzzyMs: wasm.fuzzyMs, indexMs: wasm.indexMs, orphanUs: (wasm.orphanMs * 1000) / n.orphans,
      exactCorrect: exactCorrect(fromRust(wasm.exact), workload.exactTruth),
      fuzzyRecall: recall(fromRust(wasm.fuzzy), workload.fuzzyTruth),
      orphansRejected: wasm.orphan.filter(([, , k]) => k === 3).length / n.orphans,
    },
    native: {
      exactMs: native.exactMs, fuzzyMs: native.fuzzyMs, indexMs: native.indexMs, orphanUs: (native.orphanMs * 1000) / n.orphans,
      exactCorrect: exactCorrect(fromRust(native.exact), workload.exactTruth),
      fuzzyRecall: recall(fromRust(native.fuzzy), workload.fuzzyTruth),
      orphansRejected: native.orphan.filter(([, , k]) => k === 3).length / n.orphans,
    },
    hypothesis: {
      exactMs: jsExactMs, fuzzyMs: jsFuzzyMs, indexMs: null, orphanUs: (jsOrphanMs * 1000) / n.orphans,
      exactCorrect: exactCorrect(jsExact, workload.exactTruth),
      fuzzyRecall: recall(jsFuzzy, workload.fuzzyTruth),
      orphansRejected: jsOrphan.filter((r) => r === null).length / n.orphans,
    },
  };
  const w = rows.wasm, h = rows.hypothesis;
  const goals = {
    exactWithin100ms: w.exactMs <= 100,
    exactAtLeast15xFaster: h.exactMs / w.exactMs >= 15,
    fuzzyAtLeast50xFaster: h.fuzzyMs / w.fuzzyMs >= 50,
    fuzzyRecallAtLeast99PercentOfHypothesis: w.fuzzyRecall >= 0.99 * h.fuzzyRecall,
    orphanWithin50us: w.orphanUs <= 50,
  };
  const f = (x, d = 1) => (x === null ? '—' : x.toFixed(d));
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  const markdown = [
    `Workload: ${(text.length / 1e6).toFixed(2)} MB generated text (seed 20261128), every stored position stale; ` +
      `${n.exact} exact quotes, ${n.fuzzy} quotes with ~5% of characters edited, ${n.orphans} quotes found nowhere.`,
    '',
    '| engine | exact: all (ms, incl. index) | exact placed right | fuzzy: all (ms) | fuzzy recall | per orphan (µs) | orphans rejected |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...[['claimmark, wasm in Chromium', w], ['claimmark, native', rows.native], ['Hypothesis path (indexOf + approx-string-match), Node', h]].map(
      ([name, r]) => `| ${name} | ${f(r.exactMs)} | ${pct(r.exactCorrect)} | ${f(r.fuzzyMs)} | ${pct(r.fuzzyRecall)} | ${f(r.orphanUs)} | ${pct(r.orphansRejected)} |`),
    '',
    `Ratios (Hypothesis path ÷ claimmark wasm): exact ${f(h.exactMs / w.exactMs)}×, fuzzy ${f(h.fuzzyMs / w.fuzzyMs)}×, ` +
      `orphan ${f(h.orphanUs / w.orphanUs)}×. Index build in wasm: ${f(w.indexMs)} ms (included in the exact figure).`,
    '',
    'Goals: ' + Object.entries(goals).map(([k, ok]) => `${k} ${ok ? 'met' : 'NOT met'}`).join('; ') + '.',
    '',
    `Certainty assistant in wasm in Chromium (median of 7, after one warm-up): the seed article ${f(wasm.assistant.seedMs, 2)} ms ` +
      `(${wasm.assistant.seedSuggestions} suggestions; goal ≤ 5 ms), ${(wasm.assistant.bigChars / 1e6).toFixed(1)} MB of it ${f(wasm.assistant.bigMs)} ms ` +
      `(${wasm.assistant.bigSuggestions} suggestions; goal ≤ 200 ms).`,
  ].join('\n');
  const result = { section: 'Anchoring', markdown, data: { smoke, sizes, rows, goals, assistant: wasm.assistant } };
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(result, null, 2) + '\n');
  console.log(markdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
