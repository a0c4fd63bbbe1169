// Render benchmark: time from navigation start (performance.timeOrigin)
// until every highlight in view is painted, for claimmark (the release
// demo, its article and claims seeded in localStorage) and for
// @recogito/text-annotator on the same text and claims, in the same run.
//
// claimmark is "painted" when every claim intersecting the viewport has
// its marks in the DOM (Recogito's criterion), then a double
// requestAnimationFrame; how many claims have marks in the DOM by then is
// recorded. Recogito: see bench/pages/recogito-run.js.

import { log, newContext } from './lib.mjs';

const READY = 'article.cm-article mark, article.cm-article [data-s]';

/**
 * Page init script for the demo: watches for the highlights, keeps the wasm
 * instance. `claims` is [start, end, id] per claim (code points = UTF-16
 * units: the generated text is all BMP). Painted = every claim that
 * intersects the viewport (the article's text between the first and the
 * last block on screen) has its marks in the DOM — Recogito's criterion —
 * then a double requestAnimationFrame.
 */
function claimmarkWatcher({ claims }) {
  if (location.pathname !== '/') return;
  const bench = (window.__bench = { expected: claims.length });
  const wrap = (original) =>
    async function (...args) {
      const result = await original.apply(this, args);
      const instance = result instanceof WebAssembly.Instance ? result : result.instance;
      if (instance) {
        bench.wasm = instance;
        bench.instantiated = performance.now();
      }
      return result;
    };
  WebAssembly.instantiateStreaming = wrap(WebAssembly.instantiateStreaming);
  WebAssembly.instantiate = wrap(WebAssembly.instantiate);
  const started = performance.now();
  /** The elements of `list` (in document order) that intersect the viewport. */
  const inViewport = (list) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].getBoundingClientRect().bottom <= 0) lo = mid + 1;
      else hi = mid;
    }
    const shown = [];
    for (let i = lo; i < list.length && list[i].getBoundingClientRect().top < innerHeight; i++) shown.push(list[i]);
    return shown;
  };
  /**
   * The code points of the article on screen: [first, end) of the blocks in
   * the viewport. The chunks of blocks are searched first: a chunk off
   * screen skips its content's layout (`content-visibility: auto`), and a
   * block's box inside it would force that layout (one per chunk the
   * search probed, about 15 ms at set b), which a reader's page never does.
   */
  const onScreen = (article) => {
    const chunks = [...article.querySelectorAll('.cm-chunk')];
    const blocks = chunks.length
      ? inViewport(chunks).flatMap((chunk) => inViewport([...chunk.querySelectorAll('.cm-block')]))
      : inViewport([...article.querySelectorAll('.cm-block')]);
    const runs = blocks.flatMap((block) => [...block.querySelectorAll('[data-s]')]);
    if (!runs.length) return null;
    return [Number(runs[0].dataset.s), Number(runs.at(-1).dataset.e)];
  };
  const check = () => {
    const article = document.querySelector('article.cm-article');
    if (!bench.article && article && article.querySelector('.cm-run')) bench.article = performance.now();
    const range = bench.article ? onScreen(article) : null;
    let ready = false;
    if (range) {
      const [from, to] = range;
      const inView = claims.filter(([start, end]) => start < to && end > from);
      const marked = new Set([...article.querySelectorAll('mark.cm-claim')].map((m) => m.getAttribute('data-annotation-id')));
      ready = inView.every(([, , id]) => marked.has(id));
      bench.inView = inView.length;
    }
    if (ready) {
      bench.seen = performance.now();
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          bench.painted = performance.now();
          const marks = document.querySelectorAll('article.cm-article mark.cm-claim');
          bench.marks = marks.length;
          bench.distinct = new Set([...marks].map((m) => m.getAttribute('data-annotation-id'))).size;
          bench.elements = document.getElementsByTagName('*').length;
          const load = performance.getEntriesByName('claimmark:load')[0];
          if (load) bench.load = { start: load.startTime, duration: load.duration };
          const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
          if (wasm) bench.wasmFetched = wasm.responseEnd;
          bench.done = true;
        }),
      );
    } else if (performance.now() - started < 110_000) {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}

/** Installs the watcher of `set`'s highlights in every page of `context` (see `window.__bench`). */
export function watchClaimmark(context, set) {
  return context.addInitScript(claimmarkWatcher, { claims: set.claims.map((c) => [c.start, c.end, c.id]) });
}

/**
 * Fills localStorage of `url`'s origin with /data/<name>.json, from a
 * blank page in `page`; the caller then navigates the same page (a new
 * page may live in another renderer process, which can still see an
 * older copy of localStorage while the writes are being committed).
 */
export async function seedStorage(page, url, name) {
  await page.goto(new URL('bench/blank.html', url).href);
  const count = await page.evaluate(async (file) => {
    localStorage.clear();
    const entries = await (await fetch(file)).json();
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    return Object.keys(entries).length;
  }, `/data/${name}.json`);
  return count;
}

/**
 * The demo's own document id for `text` (doc-<xxh3 of the text>): pastes
 * the text through "Load article" and reads which key the demo remembers.
 */
export async function discoverDocumentId(browser, url, text) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector(READY, { state: 'attached' });
    await page.getByRole('button', { name: 'Load article', exact: true }).click();
    await page.getByLabel('Article text', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Open article', exact: true }).click();
    await page.waitForFunction(() => !!localStorage.getItem('claimmark:v1:demo:current'), null, { timeout: 120_000 });
    return await page.evaluate(() => localStorage.getItem('claimmark:v1:demo:current'));
  } finally {
    await context.close();
  }
}

/**
 * Opens the demo with `set` seeded and waits for every highlight.
 * Returns { page, context, result } — the caller closes the context.
 */
export async function openClaimmark(browser, url, set, { keepOpen = false } = {}) {
  const context = await newContext(browser);
  await watchClaimmark(context, set);
  const page = await context.newPage();
  await seedStorage(page, url, set.name);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.__bench && window.__bench.done, null, { timeout: 120_000, polling: 100 });
  const result = await page.evaluate(() => {
    const { wasm, ...rest } = window.__bench;
    return rest;
  });
  result.errors = errors;
  if (!keepOpen) {
    await context.close();
    return { result };
  }
  return { page, context, result };
}

export const RECOGITO_TIMEOUT_MS = Number(process.env.BENCH_RECOGITO_TIMEOUT_MS || 60_000);

export async function openRecogito(browser, url, set, renderer = 'SPANS', { keepOpen = false } = {}) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const started = Date.now();
  let timer;
  try {
    // A watchdog as well as the timeouts: a renderer stuck in a long task
    // can leave protocol calls waiting.
    const watchdog = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no paint within ${RECOGITO_TIMEOUT_MS / 1000} s`)), RECOGITO_TIMEOUT_MS);
    });
    await Promise.race([
      (async () => {
        await page.goto(new URL(`recogito/${set.name}.html?renderer=${renderer}`, url).href, { timeout: RECOGITO_TIMEOUT_MS, waitUntil: 'commit' });
        await page.waitForFunction(() => window.__bench && window.__bench.done, null, { timeout: RECOGITO_TIMEOUT_MS, polling: 1000 });
      })(),
      watchdog,
    ]);
    clearTimeout(timer);
  } catch (e) {
    clearTimeout(timer);
    // A page that does not finish is a result (≥ the wait), not a harness failure.
    await Promise.race([context.close(), new Promise((r) => setTimeout(r, 10_000))]).catch(() => {});
    log(`recogito ${renderer} ${set.name}: did not finish (${e.message.split('\n')[0]})`);
    return { result: { painted: null, unfinishedAfter: Date.now() - started, error: e.message.split('\n')[0], errors } };
  }
  const result = await page.evaluate(() => {
    const { anno, ...rest } = window.__bench;
    rest.elements = document.getElementsByTagName('*').length;
    return rest;
  });
  result.errors = errors;
  if (!keepOpen) {
    await context.close();
    return { result };
  }
  return { page, context, result };
}

/**
 * Runs `runs` alternating rounds per data set: claimmark, Recogito SPANS,
 * Recogito CSS_HIGHLIGHTS. Returns per set the raw runs.
 */
export async function benchRender(browser, url, sets, runsOf, recogitoRunsOf = runsOf) {
  const out = {};
  for (const set of sets) {
    const entry = { claimmark: [], recogito: [], recogitoCss: [] };
    const runs = typeof runsOf === 'function' ? runsOf(set) : runsOf;
    const recogitoRuns = typeof recogitoRunsOf === 'function' ? recogitoRunsOf(set) : recogitoRunsOf;
    for (let i = 0; i < runs; i++) {
      const cm = (await openClaimmark(browser, url, set)).result;
      entry.claimmark.push(cm);
      if (i >= recogitoRuns) {
        log(`render ${set.name} #${i + 1}: claimmark ${cm.painted.toFixed(0)} ms`);
        continue;
      }
      entry.recogito.push((await openRecogito(browser, url, set, 'SPANS')).result);
      entry.recogitoCss.push((await openRecogito(browser, url, set, 'CSS_HIGHLIGHTS')).result);
      log(
        `render ${set.name} #${i + 1}: claimmark ${cm.painted.toFixed(0)} ms, ` +
          `recogito spans ${entry.recogito.at(-1).painted?.toFixed(0)} ms, css ${entry.recogitoCss.at(-1).painted?.toFixed(0)} ms`,
      );
    }
    out[set.name] = entry;
  }
  return out;
}
