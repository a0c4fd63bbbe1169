// Read-page benchmark: a publisher's page with the seed article and its 20
// claims (examples/seed.annotations.json), as each delivery shows it, beside
// @recogito/text-annotator on the same text and claims, in one Chromium,
// loads alternated, every file served gzip -9 from loopback:
//
//   prerendered  `claimmark render` fragment + claimmark-read.css, no script
//   reader       <claim-annotator mode="read" annotations=…> (the reader bundle)
//   editor       <claim-annotator mode="edit" storage="none" annotations=…>
//   recogito     the bench's Recogito page (bench/pages/recogito-run.js)
//
// Time: from navigation start until all 20 highlights are in the DOM with
// their style applied, then a double requestAnimationFrame (Recogito: its
// own criterion, every highlight in view painted). Median of `runs` cold
// loads (a fresh context each), at normal speed, with the CPU throttled 4×
// (CDP Emulation.setCPUThrottlingRate) and with the network throttled to
// Chrome's "Fast 4G" (CDP Network.emulateNetworkConditions). Also: bytes
// transferred, requests, and the Cumulative Layout Shift.
//   node bench/read-page.mjs [--runs N]   (after make build)

import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile, copyFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { contentTypeFor } from '../e2e/server.mjs';
import { SET_SIZES, benchmarkSet } from './generate.mjs';
import { launchBrowser, log, newContext } from './lib.mjs';
import { articleHtml, DIST, ROOT, stageSite } from './site.mjs';

const SEED_CLAIMS = path.join(ROOT, 'examples', 'seed.annotations.json');
const SEED_ARTICLE = path.join(ROOT, 'assets', 'article.txt');

/** Chrome DevTools' "Fast 4G" preset (bytes per second, ms). */
const FAST_4G = { offline: false, downloadThroughput: (9e6 / 8) * 0.9, uploadThroughput: (1.5e6 / 8) * 0.9, latency: 60 * 2.75 };
export const CONDITIONS = [
  { name: 'normal' },
  { name: 'cpu 4×', cpu: 4 },
  { name: 'fast 4G', network: FAST_4G },
];
export const VARIANTS = ['prerendered', 'reader', 'editor', 'recogito'];

const page = (title, head, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body { margin: 0; font-family: Georgia, "Times New Roman", serif; line-height: 1.6; color: #1b1b1b; background: #fdfdfb; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }</style>
${head}</head><body><main><h1>${title}</h1>${body}</main></body></html>\n`;

/** The served folder: dist/, the Recogito page, and the three claimmark pages. */
async function stage(www) {
  const text = (await readFile(SEED_ARTICLE, 'utf8')).replace(/\r\n?/g, '\n');
  const set = benchmarkSet(SET_SIZES.full, 0, text);
  await stageSite(www, [set]);
  const read = path.join(www, 'read');
  await mkdir(read, { recursive: true });
  await copyFile(SEED_CLAIMS, path.join(read, 'seed.json'));
  const fragment = path.join(read, 'fragment.html');
  execFileSync('cargo', ['run', '-q', '--release', '-p', 'claimmark-cli', '--', 'render', SEED_ARTICLE, SEED_CLAIMS, '-o', fragment,
    '--stylesheet', path.join(www, 'claimmark-read.css')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  await writeFile(path.join(read, 'prerendered.html'),
    page('Prerendered', '<link rel="stylesheet" href="../claimmark-read.css">', await readFile(fragment, 'utf8')));
  const element = (mode) =>
    page(`claimmark ${mode}`, '<script type="module" src="../claimmark.js"></script>',
      `<claim-annotator mode="${mode}" storage="none" doc-id="seed" annotations="seed.json">${articleHtml(text)}</claim-annotator>`);
  await writeFile(path.join(read, 'reader.html'), element('read'));
  await writeFile(path.join(read, 'editor.html'), element('edit'));
  return { set, ids: JSON.parse(await readFile(SEED_CLAIMS, 'utf8')).first.items.map((a) => a.id.replace('urn:uuid:', '')) };
}

/** Serves `root` on 127.0.0.1 with every file gzip -9 (compressed once, kept in memory). */
export async function gzipServer(root) {
  const cache = new Map();
  const server = http.createServer(async (req, res) => {
    const name = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html');
    const file = path.join(root, path.normalize(name));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      if (!cache.has(file)) cache.set(file, zlib.gzipSync(await readFile(file), { level: 9 }));
    } catch {
      return res.writeHead(404).end();
    }
    const body = cache.get(file);
    res.writeHead(200, { 'content-type': contentTypeFor(file), 'content-encoding': 'gzip', 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Init script: when every one of `ids` is marked and styled, a double rAF, then __bench.done. */
export function watcher({ ids }) {
  if (!location.pathname.startsWith('/read/')) return;
  const bench = (window.__bench = { shifts: 0 });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) bench.shifts += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const check = () => {
    const marks = document.querySelectorAll('mark.cm-claim[data-annotation-id]');
    const seen = new Set([...marks].map((m) => m.getAttribute('data-annotation-id')));
    const styled = marks.length > 0 && getComputedStyle(marks[0]).backgroundColor !== 'rgba(0, 0, 0, 0)';
    if (styled && ids.every((id) => seen.has(id))) {
      requestAnimationFrame(() => requestAnimationFrame(() => {
        bench.painted = performance.now();
        bench.done = true;
      }));
    } else {
      requestAnimationFrame(check);
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', check);
  else check();
}

async function once(browser, url, variant, condition, ids) {
  const context = await newContext(browser);
  try {
    await context.addInitScript(watcher, { ids });
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    if (condition.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpu });
    if (condition.network) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', condition.network);
    }
    const requests = [];
    tab.on('requestfinished', (r) => requests.push(r));
    const target = variant === 'recogito' ? 'recogito/a.html?renderer=SPANS' : `read/${variant}.html`;
    await tab.goto(new URL(target, url).href, { waitUntil: 'commit' });
    await tab.waitForFunction(() => window.__bench && window.__bench.done, null, { timeout: 120_000, polling: 50 });
    const result = await tab.evaluate(() => ({ painted: window.__bench.painted, shifts: window.__bench.shifts ?? null }));
    const sizes = await Promise.all(requests.map((r) => r.sizes().then((s) => s.responseBodySize + s.responseHeadersSize).catch(() => 0)));
    return { ...result, requests: requests.length, bytes: sizes.reduce((a, b) => a + b, 0), scripts: requests.filter((r) => ['script', 'fetch'].includes(r.resourceType()) && /\.(js|wasm)$/.test(r.url())).length };
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};

/** Runs every variant under every condition, alternating; medians per cell. */
export async function benchReadPage(browser, { runs = 11 } = {}) {
  const www = path.join(ROOT, 'bench', 'out', 'read-page');
  await rm(www, { recursive: true, force: true });
  const { ids } = await stage(www);
  const server = await gzipServer(www);
  const out = {};
  try {
    for (const condition of CONDITIONS) {
      const raw = Object.fromEntries(VARIANTS.map((v) => [v, []]));
      for (let i = 0; i < runs; i++) {
        for (const variant of VARIANTS) raw[variant].push(await once(browser, server.url, variant, condition, ids));
      }
      const cells = {};
      for (const variant of VARIANTS) {
        const rs = raw[variant];
        cells[variant] = {
          painted: median(rs.map((r) => r.painted)),
          shifts: Math.max(...rs.map((r) => r.shifts ?? 0)),
          requests: median(rs.map((r) => r.requests)),
          bytes: median(rs.map((r) => r.bytes)),
          scripts: median(rs.map((r) => r.scripts)),
          runs: rs.map((r) => Math.round(r.painted)),
        };
      }
      const recogito = cells.recogito.painted;
      for (const variant of VARIANTS) cells[variant].ratio = recogito ? cells[variant].painted / recogito : null;
      out[condition.name] = cells;
      log(`read page, ${condition.name}: ` + VARIANTS.map((v) => `${v} ${cells[v].painted?.toFixed(0)} ms`).join(', '));
    }
  } finally {
    await server.close();
  }
  return out;
}

/** The result as a markdown table. */
export function readPageTable(result) {
  const lines = ['| condition | delivery | all claims painted, median | × Recogito | transferred | requests | script files | CLS (max) |', '|---|---|---:|---:|---:|---:|---:|---:|'];
  for (const [condition, cells] of Object.entries(result)) {
    for (const [variant, c] of Object.entries(cells)) {
      lines.push(`| ${condition} | ${variant} | ${c.painted?.toFixed(0)} ms | ${c.ratio?.toFixed(2)}× | ${(c.bytes / 1000).toFixed(1)} KB | ${c.requests} | ${c.scripts} | ${c.shifts.toFixed(3)} |`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  const runs = i > 0 ? Number(process.argv[i + 1]) : 11;
  if ((await readdir(DIST)).length === 0) throw new Error('run make build first');
  const browser = await launchBrowser();
  try {
    const result = await benchReadPage(browser, { runs });
    const file = path.join(ROOT, 'bench', 'out', 'read-page.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(result, null, 1));
    console.log(readPageTable(result));
  } finally {
    await browser.close();
  }
}
