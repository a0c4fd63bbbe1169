// Where claimmark's render time goes, for one data set (the largest):
//  1. a V8 CPU profile of one page load, on a copy of the demo whose .wasm
//     keeps its function names (wasm-bindgen's output before wasm-opt: the
//     same code, names not stripped), self time grouped by what the
//     function belongs to (JSON, anchoring, segments, Yew, allocation,
//     the JS glue that calls the DOM, GC …);
//  2. a Chromium trace of one page load of the real build: main-thread time
//     in style, layout, paint, script, GC and wasm compilation;
//  3. for every set, the same trace split into phases (`traceStartup`): up to
//     the wasm instantiated, then to the marks in the DOM, then to painted.

import { newContext, log } from './lib.mjs';
import { seedStorage, watchClaimmark } from './render.mjs';

const BUCKETS = [
  ['JSON (serde_json)', /serde_json|serde::de|serde::ser|<serde|serde_derive/],
  ['anchoring (model::anchor)', /claimmark_core::model::anchor/],
  ['segments (view::segments)', /claimmark_core::view::segments/],
  ['document, offsets, hashing (text::document/offsets, xxh3)', /claimmark_core::text::document|claimmark_core::text::offsets|xxhash|xxh3/],
  ['other core (state, storage, model, interchange)', /claimmark_core::/],
  ['the widget (claimmark: components, hooks)', /claimmark::/],
  ['Yew (virtual DOM, scheduler)', /yew|implicit_clone/],
  ['UUID / time parsing', /uuid|time::|rfc3339/i],
  ['allocation (dlmalloc, memcpy)', /dlmalloc|alloc::|memcpy|memmove|memset|__rust_alloc|__rust_dealloc|__rust_realloc|RawVec|rust_alloc/],
  ['strings and core', /core::|alloc::|std::|compiler_builtins/],
  ['wasm-bindgen / web-sys / js-sys', /wasm_bindgen|web_sys|js_sys|gloo/],
];

function bucketOf(node, glueUrl) {
  const { functionName: name, url } = node.callFrame;
  if (name === '(garbage collector)') return 'GC';
  if (name === '(program)') return 'browser work outside JS (parse, style, layout, paint)';
  if (name === '(idle)') return 'idle (waiting for network or a frame)';
  if (name === '(root)') return null;
  const isWasm = url.endsWith('.wasm') || url.startsWith('wasm://') || /^\$?wasm-function/.test(name);
  if (isWasm) {
    for (const [label, re] of BUCKETS) if (re.test(name)) return `wasm: ${label}`;
    return 'wasm: other';
  }
  if (glueUrl && url.includes(glueUrl)) return 'JS glue (wasm-bindgen imports: DOM calls, strings)';
  if (url.includes('/bench/') || url === '' || url.startsWith('pptr:') || url.startsWith('__playwright')) return 'benchmark watcher and other';
  return 'other JS';
}

/** Waits until every claim in view is painted (the render benchmark's criterion, `watchClaimmark`). */
async function waitForClaims(page) {
  try {
    await page.waitForFunction(() => window.__bench && window.__bench.done, null, { timeout: 180_000, polling: 200 });
  } catch (e) {
    const seen = await page.evaluate(() => ({
      url: location.href,
      marks: document.querySelectorAll('article.cm-article mark.cm-claim').length,
      banner: document.querySelector('.cm-banner')?.textContent ?? null,
      current: localStorage.getItem('claimmark:v1:demo:current'),
    }));
    throw new Error(`profile: the demo did not paint the claims in view: ${JSON.stringify(seen)} (${e.message})`);
  }
}

/** The trace categories of a page load: timeline, V8 and wasm, the page's marks. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing'];

/** A new context watching `set`'s highlights, and a page of it with `set`'s storage seeded, not yet at the demo. */
async function seededPage(browser, url, set) {
  const context = await newContext(browser);
  try {
    await watchClaimmark(context, set);
    const page = await context.newPage();
    await seedStorage(page, url, set.name);
    return { context, page };
  } catch (error) {
    await context.close();
    throw error;
  }
}

async function cpuProfile(browser, url, set) {
  const { context, page } = await seededPage(browser, url, set);
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.goto(url);
    await waitForClaims(page);
    const { profile } = await cdp.send('Profiler.stop');
    const glue = await page.evaluate(() => [...document.scripts].map((s) => s.textContent.match(/from '\/([^']+\.js)'/)?.[1]).find(Boolean));
    const load = await page.evaluate(() => performance.getEntriesByName('claimmark:load')[0]?.duration ?? null);
    return { profile, glue, load };
  } finally {
    await context.close();
  }
}

export function summariseProfile({ profile, glue }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = dt[i + 1] ?? 0;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + us);
  }
  const buckets = new Map();
  const functions = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    const bucket = bucketOf(node, glue);
    if (!bucket) continue;
    total += us;
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    if (bucket.startsWith('wasm') || bucket.startsWith('JS glue')) {
      const frame = node.callFrame;
      const name = frame.functionName.replace(/::h[0-9a-f]{16}$/, '') ||
        `(anonymous, ${frame.url.split('/').pop().replace(/-[0-9a-f]{16}/, '')} line ${frame.lineNumber + 1})`;
      functions.set(name, (functions.get(name) ?? 0) + us);
    }
  }
  const ms = (us) => Math.round(us / 100) / 10;
  return {
    totalMs: ms(total),
    buckets: [...buckets].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: ms(us) })),
    topFunctions: [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_TOP || 15)).map(([name, us]) => ({ name, ms: ms(us) })),
  };
}

const TRACE_NAMES = {
  UpdateLayoutTree: 'style recalculation',
  Layout: 'layout',
  PrePaint: 'pre-paint',
  Paint: 'paint',
  Layerize: 'layerize',
  Commit: 'commit',
  ParseHTML: 'HTML parsing',
  MinorGC: 'GC (minor)',
  MajorGC: 'GC (major)',
  'V8.GC_SCAVENGER': 'GC (minor)',
  'V8.GC_MC_BACKGROUND_EVACUATE_COPY': null,
  'v8.wasm.compileLazy': 'wasm lazy compilation',
  'wasm.CompileLazy': 'wasm lazy compilation',
  'v8.wasm.streamFromResponseCallback': null,
  'v8.wasm.compileConsume': 'wasm streaming compilation and instantiation',
  EvaluateScript: 'script (top-level evaluation)',
  FunctionCall: 'script (function calls, incl. wasm)',
  RunMicrotasks: 'script (microtasks, incl. wasm)',
  FireAnimationFrame: 'script (rAF callbacks)',
  TimerFire: 'script (timers)',
};

async function traceLoad(browser, url, set) {
  const { context, page } = await seededPage(browser, url, set);
  try {
    const { traceEvents, main } = await tracedLoad(browser, page, url);
    const sums = new Map();
    // Nested events of the same kind (a FunctionCall inside a FunctionCall) count once.
    const open = new Map();
    const events = traceEvents
      .filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name in TRACE_NAMES && TRACE_NAMES[e.name])
      .sort((a, b) => a.ts - b.ts);
    for (const e of events) {
      const label = TRACE_NAMES[e.name];
      const until = open.get(label) ?? -1;
      if (e.ts < until) continue;
      open.set(label, e.ts + e.dur);
      sums.set(label, (sums.get(label) ?? 0) + e.dur);
    }
    if (process.env.BENCH_DEBUG) {
      const styles = events.filter((e) => e.name === 'UpdateLayoutTree').sort((a, b) => b.dur - a.dur).slice(0, 15);
      for (const e of styles) log('style', Math.round(e.dur / 1000), 'ms', JSON.stringify(e.args).slice(0, 400));
      log('style events', events.filter((e) => e.name === 'UpdateLayoutTree').length);
    }
    return [...sums].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10 }));
  } finally {
    await context.close();
  }
}

/**
 * Loads the demo in `page` under a trace until the highlights are painted;
 * `then` runs before the trace stops (its result is `seen`).
 */
async function tracedLoad(browser, page, url, then = async () => null) {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.goto(url);
  await waitForClaims(page);
  const seen = await then();
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString('utf8'));
  return { traceEvents, main: mainThreadOf(traceEvents), seen };
}

/** The renderer's main thread of a trace (the one that laid the page out). */
function mainThreadOf(traceEvents) {
  return traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' &&
    traceEvents.some((x) => x.pid === e.pid && x.name === 'Layout'));
}

/**
 * Where the time to the first painted highlights goes, phase by phase: a
 * Chromium trace of a load of the real build, the renderer main thread's
 * time (each moment given to the innermost event over it, where `traceLoad`
 * sums each kind of event) split at the watcher's moments: the wasm
 * instantiated, every claim in view with its marks in the DOM, painted (the
 * double rAF after that). The page's clock is tied to the trace's by the
 * `claimmark:load:start` mark, which both carry.
 */
async function traceStartupOnce(browser, url, set) {
  const { context, page } = await seededPage(browser, url, set);
  try {
    const { traceEvents, main, seen: moments } = await tracedLoad(browser, page, url, () => page.evaluate(() => ({
      instantiated: window.__bench.instantiated,
      seen: window.__bench.seen,
      painted: window.__bench.painted,
      loadStart: performance.getEntriesByName('claimmark:load:start')[0]?.startTime ?? null,
    })));
    const mark = traceEvents.find((e) => e.name === 'claimmark:load:start' && e.pid === main?.pid);
    if (!main || !mark || moments.loadStart === null || moments.instantiated === undefined) {
      throw new Error('startup trace: the page did not show the moments it is split at');
    }
    // Trace µs of page time 0.
    const origin = mark.ts - moments.loadStart * 1000;
    const at = (pageMs) => origin + pageMs * 1000;
    const phases = [
      { name: 'navigation → wasm instantiated', from: 0, to: moments.instantiated },
      { name: 'instantiated → marks in the DOM', from: moments.instantiated, to: moments.seen },
      { name: 'marks in the DOM → painted', from: moments.seen, to: moments.painted },
    ];
    // Each 50 µs of the main thread goes to the innermost event over it
    // (a layout forced inside a rAF callback is layout, not script), so the
    // columns add up to at most the phase; bins under no event are waiting.
    const BIN = 50;
    const [lo, hi] = [at(0), at(moments.painted)];
    const bins = new Array(Math.ceil((hi - lo) / BIN)).fill(null);
    const events = traceEvents
      .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && TRACE_NAMES[e.name])
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    for (const e of events) {
      const first = Math.max(0, Math.floor((e.ts - lo) / BIN));
      const last = Math.min(bins.length, Math.ceil((e.ts + e.dur - lo) / BIN));
      for (let i = first; i < last; i++) bins[i] = TRACE_NAMES[e.name];
    }
    for (const phase of phases) {
      const work = {};
      const [from, to] = [Math.floor((at(phase.from) - lo) / BIN), Math.ceil((at(phase.to) - lo) / BIN)];
      for (let i = Math.max(0, from); i < Math.min(bins.length, to); i++) {
        const label = bins[i] ?? 'waiting';
        work[label] = (work[label] ?? 0) + BIN / 1000;
      }
      phase.ms = Math.round((phase.to - phase.from) * 10) / 10;
      phase.work = Object.fromEntries(Object.entries(work).map(([name, value]) => [name, Math.round(value * 10) / 10]));
    }
    return { set: set.name, painted: moments.painted, phases };
  } finally {
    await context.close();
  }
}

/** [`traceStartupOnce`] `runs` times: the load with the median time to painted, and every load's. */
export async function traceStartup(browser, url, set, runs = 3) {
  const traces = [];
  for (let i = 0; i < runs; i++) traces.push(await traceStartupOnce(browser, url, set));
  traces.sort((a, b) => a.painted - b.painted);
  const median = traces[Math.floor((traces.length - 1) / 2)];
  return { ...median, paintedRuns: traces.map((t) => Math.round(t.painted)) };
}

export async function benchProfile(browser, url, namedUrl, set) {
  const out = { set: set.name };
  if (namedUrl && !process.env.BENCH_TRACE_ONLY) {
    const p = await cpuProfile(browser, namedUrl, set);
    out.cpu = { ...summariseProfile(p), load: p.load };
    log(`profile: ${out.cpu.totalMs} ms sampled`);
  }
  out.trace = await traceLoad(browser, url, set);
  return out;
}
