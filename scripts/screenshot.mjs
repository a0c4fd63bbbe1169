// `make screenshot`: the README's picture of the demo (docs/screenshot.png),
// taken from the release build in headless Chromium.
//
//   node scripts/screenshot.mjs [--dist DIR] [--out FILE]
//
// --dist  the release build to serve (default: dist/, from `make build`)
// --out   where to write the PNG (default: docs/screenshot.png)
//
// It serves the build on 127.0.0.1 (e2e/server.mjs), starts Debian's
// Chromium with the tests' flags (e2e/chromium.mjs), opens the seed article
// at 1280×900 in a fresh profile (empty localStorage), tags claims of all
// three certainties with a real mouse drag and the keys 1/2/3 (as the
// end-to-end tests do, e2e/harness.mjs), one of them nested in another,
// and saves the demo's column down to the viewport's bottom (cut between
// lines of text). Only loopback requests are let through.

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isLoopback, launchBrowser } from '../e2e/chromium.mjs';
import { DEFAULT_DIR, startServer } from '../e2e/server.mjs';
import { ARTICLE, afterFirstFrames, dragSelect, openDemo, toolbar, waitForClaims } from '../e2e/harness.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VIEWPORT = { width: 1280, height: 900 };
const KEYS = { confirmed: '1', unclear: '2', unconfirmed: '3' };

// From the first paragraphs of assets/article.txt, so that every claim is in
// view at the top of the page. Each is [first words, last words, certainty];
// a drag from inside the first to inside the last snaps out to whole words.
// The fourth lies inside the third: overlapping claims both show.
const CLAIMS = [
  ['Hundreds of Cuban', 'in recent weeks', 'unconfirmed'],
  ['the death of at least', 'intelligence agents', 'confirmed'],
  ['Cuban security advisers', 'leaving Caracas', 'unclear'],
  ['long embedded within', 'security structure', 'confirmed'],
  ['The scale of the departure', 'not complete', 'unclear'],
];

/**
 * The demo's column (the page's margins left out), from the top of the page
 * down to the lowest gap between lines of text above the viewport's bottom,
 * so that no line is cut in half.
 */
async function cropBox(page) {
  return page.evaluate(({ width, height }) => {
    const main = document.querySelector('main') ?? document.body;
    const box = main.getBoundingClientRect();
    const lines = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.height > 0) lines.push([r.top - 1, r.bottom + 1]);
    }
    let bottom = Math.min(height, box.bottom);
    while (bottom > height / 2 && lines.some(([top, end]) => top < bottom && bottom < end)) bottom -= 1;
    const left = Math.max(0, Math.floor(box.left));
    return { x: left, y: 0, width: Math.min(width, Math.ceil(box.right)) - left, height: Math.floor(bottom) };
  }, VIEWPORT);
}

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: DEFAULT_DIR },
    out: { type: 'string', default: path.join(ROOT, 'docs', 'screenshot.png') },
  },
});
const dist = path.resolve(values.dist);
const out = path.resolve(values.out);

if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`screenshot: no build in ${dist} (run \`make build\` first, or pass --dist)`);
  process.exit(1);
}

const server = await startServer(dist);
let browser;
try {
  try {
    browser = await launchBrowser();
  } catch (e) {
    throw new Error(`could not start Chromium (scripts/setup.sh --test installs Debian's chromium): ${e.message}`);
  }
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light', reducedMotion: 'reduce' });
  context.setDefaultTimeout(10_000);
  await context.route('**/*', (route) =>
    isLoopback(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err?.stack || err)));

  const article = await openDemo(page, server.url);
  for (const [i, [from, to, certainty]] of CLAIMS.entries()) {
    await dragSelect(page, article, from, to);
    await toolbar(page).waitFor({ state: 'visible' });
    await page.keyboard.press(KEYS[certainty]);
    await waitForClaims(page, i + 1);
  }

  // Nothing pending on screen: no selection, no focus ring, no hover, the
  // page at its top, and the assistant's suggestions (after the first
  // frames, once the page is idle) drawn.
  await page.evaluate(() => {
    window.getSelection()?.removeAllRanges();
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    window.scrollTo(0, 0);
  });
  await page.mouse.move(VIEWPORT.width - 2, VIEWPORT.height - 2);
  await toolbar(page).waitFor({ state: 'hidden' });
  await page.waitForTimeout(700);
  await afterFirstFrames(page, 3);
  await page.locator(ARTICLE).waitFor({ state: 'visible' });

  if (errors.length) throw new Error(`the page threw:\n${errors.join('\n')}`);
  await mkdir(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out, clip: await cropBox(page) });
  console.log(`screenshot: wrote ${path.relative(process.cwd(), out) || out}`);
} finally {
  await browser?.close();
  await server.close();
}
