// The system's Chromium (Debian's, never a downloaded one) as the end-to-end
// tests and the benchmarks start it, and the rule that pages may only reach
// loopback addresses.

import { chromium } from 'playwright-core';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-proxy-server',
];

/** Launches headless Chromium with the shared flags plus `extraArgs`. */
export async function launchBrowser(extraArgs = []) {
  // A caller that names a proxy (the benchmarks' loopback guard) replaces
  // the shared "no proxy".
  const proxied = extraArgs.some((arg) => arg.startsWith('--proxy-server='));
  const shared = proxied ? LAUNCH_ARGS.filter((arg) => arg !== '--no-proxy-server') : LAUNCH_ARGS;
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [...shared, ...extraArgs],
  });
}

/** True for URLs a test page may load: loopback hosts and in-page schemes. */
export function isLoopback(rawUrl) {
  let u;
  try {
    u = new URL(rawUrl);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'about:'].includes(u.protocol)) return true;
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}
