// The prerendered read page (`claimmark render`): the fragment and
// claimmark-read.css alone, with JavaScript disabled. Every claim is painted
// at first paint, each claim's card opens from the keyboard and by click,
// the legend filters, axe-core finds nothing (light and dark), and the
// project's whole XSS corpus goes through `render` without running. Then
// the same fragment inside <claim-annotator mode="read"> with the embed
// module: nothing is drawn again, no wasm is fetched, no layout shift.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useDemo } from './harness.mjs';
import { PAYLOADS } from './xss/payloads.mjs';
import { CSP, installDetector } from './xss/detect.mjs';

const env = useDemo();
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SEED_CLAIMS = path.join(ROOT, 'examples/seed.annotations.json');
const SEED_ARTICLE = path.join(ROOT, 'assets/article.txt');
const seedClaims = JSON.parse(readFileSync(SEED_CLAIMS, 'utf8')).first.items;

let work;
/** `claimmark render ARTICLE CLAIMS` → { html, css }. */
function render(article, claims, ...flags) {
  const out = path.join(work, 'fragment.html');
  const css = path.join(work, 'claimmark-read.css');
  execFileSync('cargo', ['run', '-q', '-p', 'claimmark-cli', '--', 'render', article, claims, '-o', out, '--stylesheet', css, ...flags], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { html: readFileSync(out, 'utf8'), css: readFileSync(css, 'utf8') };
}

before(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'claimmark-prerender-'));
});

const pageOf = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Prerendered claims</title>
<link rel="stylesheet" href="/claimmark-read.css"></head><body><main>${body}</main></body></html>`;

/** Serves `html` at /prerendered.html and `css` at /claimmark-read.css in `context`. */
async function serve(context, html, css) {
  await context.route('**/prerendered.html', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await context.route('**/claimmark-read.css', (route) => route.fulfill({ contentType: 'text/css', body: css }));
}

/** A context with JavaScript off, serving the seed fragment. */
async function noScriptPage(colorScheme = 'light') {
  const { html, css } = render(SEED_ARTICLE, SEED_CLAIMS);
  const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 }, colorScheme });
  await serve(context, pageOf(html), css);
  const page = await context.newPage();
  await page.goto(new URL('/prerendered.html', env.url).href);
  return { context, page };
}

test('JavaScript disabled: every claim is painted, the legend counts, each card opens by keyboard and by click', async () => {
  const { context, page } = await noScriptPage();
  try {
    const marks = await page.locator('mark.cm-claim').evaluateAll((ms) =>
      ms.map((m) => {
        const r = m.getBoundingClientRect();
        const s = getComputedStyle(m);
        return { id: m.dataset.annotationId, area: r.width * r.height, bg: s.backgroundColor, line: s.borderBottomStyle };
      }),
    );
    const ids = new Set(marks.map((m) => m.id));
    assert.deepEqual([...ids].sort(), seedClaims.map((a) => a.id.replace('urn:uuid:', '')).sort(), 'every claim is marked');
    assert.ok(marks.every((m) => m.area > 0 && m.bg !== 'rgba(0, 0, 0, 0)' && m.line !== 'none'), 'painted with a tint and an underline');
    const counts = await page.locator('.cm-legend li').evaluateAll((lis) => lis.map((li) => [li.dataset.certainty, li.querySelector('.cm-count').textContent]));
    const expected = ['confirmed', 'unclear', 'unconfirmed'].map((c) => [c, String(seedClaims.filter((a) => a.body[0].value === c).length)]);
    assert.deepEqual(counts, expected);

    // Keyboard: Tab past the three filter checkboxes to the first claim's button.
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    assert.match(first, /^(Confirmed|Unclear|Unconfirmed) claim: /);
    await page.keyboard.press('Enter');
    const open = page.locator('.cm-card:popover-open');
    await open.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Close', 'the card takes focus');
    await page.keyboard.press('Escape');
    await open.waitFor({ state: 'detached' }).catch(() => {});
    assert.equal(await page.locator('.cm-card:popover-open').count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), first, 'focus returns to the claim');

    // Click (a tap works the same): a claim with a note and a source.
    const withNote = seedClaims.find((a) => a.body[1].value !== '');
    const id = withNote.id.replace('urn:uuid:', '');
    await page.locator(`mark[data-annotation-id="${id}"] > button.cm-open`).click();
    const card = page.locator(`.cm-card[data-annotation-id="${id}"]`);
    await card.waitFor();
    assert.equal(await card.locator('.cm-note').textContent(), withNote.body[1].value);
    assert.deepEqual(await card.locator('a').evaluateAll((as) => as.map((a) => [a.href, a.target, a.rel])), [
      [withNote.body[2].source, '_blank', 'noopener noreferrer'],
    ]);
    await card.getByRole('button', { name: 'Close' }).click();
    assert.equal(await page.locator('.cm-card:popover-open').count(), 0);
  } finally {
    await context.close();
  }
});

test('JavaScript disabled: switching a certainty off in the legend fades its claims and skips them from the keyboard', async () => {
  const { context, page } = await noScriptPage();
  try {
    const stops = () => page.locator('button.cm-open').evaluateAll((bs) => bs.filter((b) => b.checkVisibility()).map((b) => b.closest('mark').dataset.certainty));
    const before = await stops();
    assert.ok(before.includes('unclear'));
    await page.locator('.cm-legend li[data-certainty=unclear] label').click();
    assert.equal(await page.locator('.cm-filter[data-certainty=unclear]').isChecked(), false);
    const after = await stops();
    assert.deepEqual(after, before.filter((c) => c !== 'unclear'));
    const faded = await page.locator('mark[data-certainty=unclear]').first().evaluate((m) => getComputedStyle(m).backgroundColor);
    assert.equal(faded, 'rgba(0, 0, 0, 0)');
    // Tab order: no unclear claim is reached.
    const reached = [];
    for (let i = 0; i < 3 + after.length; i += 1) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement.closest('mark')?.dataset.certainty ?? null));
    }
    assert.ok(!reached.includes('unclear'), JSON.stringify(reached));
  } finally {
    await context.close();
  }
});

for (const colorScheme of ['light', 'dark']) {
  test(`JavaScript disabled: axe-core finds nothing, ${colorScheme}, a card open`, async () => {
    const { context, page } = await noScriptPage(colorScheme);
    try {
      await page.locator('button.cm-open').first().click();
      await page.locator('.cm-card:popover-open').waitFor();
      // axe needs script: a second page (scripts on) with the same DOM.
      const html = await page.content();
      const scripted = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      try {
        const { css } = render(SEED_ARTICLE, SEED_CLAIMS);
        await serve(scripted, html, css);
        const audit = await scripted.newPage();
        await audit.goto(new URL('/prerendered.html', env.url).href);
        await audit.locator('button.cm-open').first().click();
        await audit.addScriptTag({ path: AXE });
        const violations = await audit.evaluate(async () => {
          // eslint-disable-next-line no-undef
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
        });
        assert.deepEqual(violations, []);
      } finally {
        await scripted.close();
      }
    } finally {
      await context.close();
    }
  });
}

test(`XSS: ${PAYLOADS.length} payloads in the article, quotes, notes and tags go through render and run nothing`, async () => {
  // One paragraph per payload (its line breaks as spaces), each one claim.
  const paragraphs = PAYLOADS.map((p, i) => `${i}: ${p.replace(/\s+/g, ' ').trim()}`);
  const article = paragraphs.join('\n\n');
  const chars = (s) => [...s].length;
  let at = 0;
  const items = paragraphs.map((text, i) => {
    const start = at;
    at += chars(text) + 2;
    return {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: 'Annotation',
      motivation: 'assessing',
      created: '2026-12-07T00:00:00Z',
      modified: '2026-12-07T00:00:00Z',
      body: [
        { type: 'TextualBody', purpose: 'assessing', value: ['confirmed', 'unclear', 'unconfirmed'][i % 3] },
        { type: 'TextualBody', purpose: 'commenting', value: PAYLOADS[i].slice(0, 2000), format: 'text/plain' },
        { type: 'TextualBody', purpose: 'tagging', value: PAYLOADS[i].slice(0, 100) },
      ],
      target: {
        source: 'urn:claimmark:doc:xss',
        selector: [
          { type: 'TextQuoteSelector', exact: text },
          { type: 'TextPositionSelector', start, end: start + chars(text) },
        ],
      },
    };
  });
  const articleFile = path.join(work, 'xss.txt');
  const claimsFile = path.join(work, 'xss.json');
  writeFileSync(articleFile, article);
  writeFileSync(claimsFile, JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { type: 'AnnotationPage', items } }));
  const { html, css } = render(articleFile, claimsFile);

  const { page, context } = env;
  const detector = await installDetector(page);
  await serve(context, '', css);
  // Not ending in .html: the detector's own document route leaves it to us.
  await page.route((url) => url.pathname === '/prerendered', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy-report-only': CSP },
      body: pageOf(html),
    }),
  );
  await page.goto(new URL('/prerendered', env.url).href);
  // Open a few cards and hover the text: any injected handler gets its chance.
  for (const button of (await page.locator('button.cm-open').all()).slice(0, 10)) {
    await button.click();
    await page.keyboard.press('Escape');
  }
  await page.locator('article').hover();
  await detector.assertClean(`${PAYLOADS.length} payloads through claimmark render`, '.cm-prerendered');
  const shown = await page.locator('article .cm-block').evaluateAll((ps) =>
    ps.map((p) => [...p.childNodes].map(function text(n) {
      if (n.nodeType === Node.TEXT_NODE) return n.data;
      if (n.nodeName === 'BUTTON') return '';
      return [...n.childNodes].map(text).join('');
    }).join('')),
  );
  // (render writes U+0000, a parse error in HTML, as U+FFFD.)
  assert.deepEqual(shown, paragraphs.map((p) => p.replace(/\u0000/g, '\uFFFD')));
  const notes = await page.locator('.cm-card .cm-note').allTextContents();
  assert.equal(notes.length, PAYLOADS.filter((p) => p.length > 0).length);
});

test('inside <claim-annotator mode="read"> with the embed module: kept as it is, no wasm, no layout shift', async () => {
  const { html, css } = render(SEED_ARTICLE, SEED_CLAIMS);
  const { page, context } = env;
  const body = `<claim-annotator mode="read" doc-id="seed">${html}</claim-annotator>`;
  const hostPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Prerendered, upgraded</title>
<link rel="stylesheet" href="/claimmark-read.css"><script type="module" src="/claimmark.js"></script></head><body><main>${body}</main></body></html>`;
  await serve(context, hostPage, css);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(new URL('/prerendered.html', env.url).href);
  const before = await page.locator('.cm-prerendered').evaluate((el) => el.outerHTML);
  await page.waitForFunction(() => document.querySelector('claim-annotator')?.dataset.claimmark === 'prerendered', null, { timeout: 10_000 });
  await page.evaluate(() => document.querySelector('claim-annotator').ready);
  await page.waitForTimeout(500);
  const after = await page.locator('claim-annotator').evaluate((el) => ({
    html: el.querySelector('.cm-prerendered').outerHTML,
    roots: el.querySelectorAll('.claimmark').length,
  }));
  assert.equal(after.roots, 1, 'the article is not drawn a second time');
  assert.equal(after.html, before, 'the fragment is left exactly as served');
  assert.deepEqual(requests.filter((p) => p.endsWith('.wasm')), [], 'no wasm is fetched');
  const cls = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
  assert.equal(cls, 0, 'Cumulative Layout Shift');
});
