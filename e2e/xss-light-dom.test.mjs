// Reliability: hostile input through the custom element's light DOM. A host
// page carries every payload of e2e/xss/payloads.mjs inside
// <claim-annotator> children (p, li, blockquote, h2), as escaped text and as
// raw markup inside <noscript> (parsed as plain text while scripting is on,
// so the host page itself runs nothing, but its textContent is live HTML).
// The widget must take the children's text only: 0 executions (dialogs,
// sentinel, CSP violations), no on* attribute or javascript:/data: link in
// the widget, and every payload shown as the text it is.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemo } from './harness.mjs';
import { PAYLOADS } from './xss/payloads.mjs';
import { CSP, installDetector } from './xss/detect.mjs';

const env = useDemo();
const NONCE = CSP.match(/'nonce-([^']+)'/)?.[1];
// Not ending in .html: the detector's own document route leaves it to us.
const PAGE = 'examples/xss-light-dom';
const PER_WIDGET = 80;

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The children of one widget: each payload as text, and raw in <noscript> where it cannot close it. */
function children(payloads) {
  const tags = ['p', 'li', 'blockquote', 'h2'];
  return payloads
    .map((p, i) => {
      const tag = tags[i % tags.length];
      const raw = /<\/noscript/i.test(p) ? '' : ` <noscript>${p}</noscript>`;
      return `<${tag}>${escape(p)}${raw}</${tag}>`;
    })
    .join('\n');
}

function hostPage() {
  const widgets = [];
  for (let i = 0; i < PAYLOADS.length; i += PER_WIDGET) {
    const part = PAYLOADS.slice(i, i + PER_WIDGET);
    widgets.push(`<claim-annotator doc-id="xss-light-dom-${i / PER_WIDGET}" mode="${(i / PER_WIDGET) % 2 ? 'read' : 'edit'}">\n${children(part)}\n</claim-annotator>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>light-DOM payloads</title>
<script type="module" nonce="${NONCE}" src="../claimmark.js"></script></head>
<body><main>${widgets.join('\n')}</main></body></html>`;
}

test(`light-DOM HTML: ${PAYLOADS.length} payloads as children of <claim-annotator> run nothing and show as text`, async () => {
  const { page } = env;
  const detector = await installDetector(page);
  await page.route((url) => url.pathname === `/${PAGE}`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy-report-only': CSP },
      body: hostPage(),
    }),
  );
  await page.goto(new URL(PAGE, env.url).href);
  const widgets = Math.ceil(PAYLOADS.length / PER_WIDGET);
  await page.waitForFunction(
    (n) => document.querySelectorAll('claim-annotator[data-claimmark="ready"]').length === n,
    widgets,
    { timeout: 30_000 },
  );
  // Hovering what the widget drew gives any injected handler its chance.
  for (const paragraph of (await page.locator('claim-annotator .cm-paragraph').all()).slice(0, 20)) {
    await paragraph.hover();
  }
  await detector.assertClean(`${PAYLOADS.length} light-DOM payloads`, 'claim-annotator');

  // Each payload is in the widget's article as the text it was.
  const shown = await page.evaluate(() =>
    [...document.querySelectorAll('claim-annotator')].map((el) => el.querySelector('article.cm-article')?.textContent ?? ''),
  );
  // (The HTML parser itself turns U+0000 in text into U+FFFD.)
  const normalise = (s) => s.replace(/\u0000/g, '\ufffd').replace(/\s+/g, ' ').trim();
  const missing = PAYLOADS.filter((p, i) => !normalise(shown[Math.floor(i / PER_WIDGET)]).includes(normalise(p)));
  assert.deepEqual(missing, [], 'every payload appears as text in its widget');
});
