// Shared helpers for `make bench`: the Chromium launch (the system's, as
// the end-to-end tests use it), loopback-only routing, small statistics,
// and the in-page "after the next paint" timestamp helper.

import { isLoopback, launchBrowser as launchChromium } from '../e2e/chromium.mjs';

// Timers and rAF must not be throttled in a headless, unfocused page.
const BENCH_ARGS = [
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export const VIEWPORT = { width: 1280, height: 900 };

export async function launchBrowser() {
  return launchChromium(BENCH_ARGS);
}

/** A fresh context (fresh localStorage) whose requests may only go to loopback. */
export async function newContext(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.setDefaultTimeout(120_000);
  await context.route('**/*', (route) =>
    isLoopback(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
  );
  return context;
}

export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const median = (values) => percentile(values, 50);

export function round(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function log(...args) {
  console.error('[bench]', ...args);
}

/**
 * Page-side helper (install with addInitScript): window.__afterPaint(cb)
 * calls cb(now) right after the next frame is painted — a rAF callback
 * runs just before the frame, a message posted from it runs once the
 * frame has been produced.
 */
export function installAfterPaint() {
  const channel = new MessageChannel();
  const queue = [];
  channel.port1.onmessage = () => {
    const cb = queue.shift();
    if (cb) cb(performance.now());
  };
  window.__afterPaint = (cb) => {
    requestAnimationFrame(() => {
      queue.push(cb);
      channel.port2.postMessage(0);
    });
  };
}
