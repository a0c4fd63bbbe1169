// Shared helpers for `make bench`: the Chromium launch (the system's, as
// the end-to-end tests use it), loopback-only routing, small statistics,
// and the in-page "after the next paint" timestamp helper.

import { isLoopback, launchBrowser as launchChromium } from '../e2e/chromium.mjs';

// Timers and rAF must not be throttled in a headless, unfocused page.
// Pages may reach loopback only, and the network stack itself sees to it:
// every other request goes to a proxy at a closed loopback port (Chromium
// never sends loopback through a proxy) and no other host name resolves.
// The end-to-end tests intercept each request through Playwright instead,
// which added 50-200 ms to a page load here, inside the measured time.
const BENCH_ARGS = [
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--proxy-server=http://127.0.0.1:9',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]',
];

export const VIEWPORT = { width: 1280, height: 900 };

export async function launchBrowser() {
  return launchChromium(BENCH_ARGS);
}

/** Non-loopback URLs a page asked for (refused; `make bench` fails if any). */
export const offLoopback = [];

/** A fresh context (fresh localStorage); requests leaving loopback are recorded. */
export async function newContext(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.setDefaultTimeout(120_000);
  // Watched, not intercepted: interception pauses every request.
  context.on('request', (request) => {
    if (!isLoopback(request.url())) offLoopback.push(request.url());
  });
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

/** The p50 of `values` in five consecutive groups, in the order they ran: a cost that grows with the tries shows here. */
export function byFifths(values) {
  const size = Math.max(1, Math.ceil(values.length / 5));
  const out = [];
  for (let i = 0; i < values.length; i += size) out.push(round(percentile(values.slice(i, i + size), 50)));
  return out.join(' · ');
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
