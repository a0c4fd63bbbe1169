// The reader bundle (crates/claimmark-reader) behind <claim-annotator
// mode="read">: a page with only read-mode widgets never requests the
// editor's files and requests its annotations beside the wasm, not after
// it; the keyboard moves between claims and opens and closes the card; the
// legend's filter hides a certainty from sight and from the keyboard; an
// annotation whose quote was edited in the article is still placed; and a
// prerendered article (`claimmark render`) is left alone, with no wasm.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exampleUrl, openExample, useDemo } from './harness.mjs';

const env = useDemo();

const FIRST = 'claim-annotator[doc-id="council-budget"]';
const UPDATED = 'claim-annotator[doc-id="council-budget-updated"]';
const EDITOR_FILES = /\/(claimmark-demo\.js|claimmark-demo_bg\.wasm|workflow\.css)(\?|$)/;

/** The annotation id of the claim that has focus, if any. */
const focusedClaim = (page) => page.evaluate(() => document.activeElement?.closest('mark.cm-claim')?.dataset.annotationId ?? null);

test('a read-only page loads the reader, never the editor, and asks for its annotations beside the wasm', async () => {
  const { page } = env;
  const requests = [];
  const events = [];
  page.on('request', (request) => {
    requests.push(request.url());
    events.push(['request', new URL(request.url()).pathname]);
  });
  page.on('requestfinished', (request) => events.push(['finished', new URL(request.url()).pathname]));
  // The wasm is held back for a while: an annotations request that waited
  // for the wasm (or for the widget) could not start before it arrives.
  await page.route('**/claimmark-reader_bg.wasm', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await openExample(page, 'read-only.html');

  const editor = requests.filter((url) => EDITOR_FILES.test(url));
  assert.deepEqual(editor, [], 'no file of the editor was requested');
  const count = (name) => requests.filter((url) => new URL(url).pathname.endsWith(`/${name}`)).length;
  assert.equal(count('claimmark-reader_bg.wasm'), 1, 'one wasm for both widgets');
  assert.equal(count('claimmark-reader.js'), 1);
  assert.deepEqual([count('claimmark.css'), count('embed.css')], [1, 1]);

  const at = (kind, name) => events.findIndex(([k, path]) => k === kind && path.endsWith(`/${name}`));
  const annotationsAsked = at('request', 'council-budget.annotations.json');
  const wasmArrived = at('finished', 'claimmark-reader_bg.wasm');
  assert.ok(annotationsAsked >= 0 && wasmArrived >= 0, JSON.stringify(events));
  assert.ok(annotationsAsked < wasmArrived, `the annotations were requested before the wasm arrived: ${JSON.stringify(events)}`);

  // Both widgets show their claims, in the editor's read-mode DOM.
  const widgets = await page.evaluate(() =>
    [...document.querySelectorAll('claim-annotator')].map((el) => ({
      mode: el.querySelector('.claimmark')?.dataset.mode,
      marks: el.querySelectorAll('article.cm-article [data-block] .cm-run[data-s][data-e]').length > 0,
      stops: el.querySelectorAll('mark.cm-claim[role=button][tabindex]').length,
      tabStops: el.querySelectorAll('mark.cm-claim[tabindex="0"]').length,
      names: [...el.querySelectorAll('mark.cm-claim[role=button]')].map((m) => m.getAttribute('aria-label').split(':')[0]),
    })),
  );
  assert.deepEqual(widgets.map((w) => [w.mode, w.marks, w.stops, w.tabStops]), [
    ['read', true, 3, 1],
    ['read', true, 3, 1],
  ]);
  assert.deepEqual(widgets[0].names, ['Confirmed claim', 'Unclear claim', 'Unconfirmed claim']);
  const globals = await page.evaluate(() => Object.keys(window).filter((k) => /claimmark|wasm|bindgen/i.test(k)));
  assert.deepEqual(globals, ['claimmark']);
});

test('keyboard: Tab reaches the claims, arrows move between them, Enter opens the card, Escape closes it', async () => {
  const { page } = env;
  await openExample(page, 'read-only.html');
  const read = page.locator(FIRST);
  const ids = await read.locator('mark.cm-claim[role=button]').evaluateAll((ms) => ms.map((m) => m.dataset.annotationId));
  assert.equal(ids.length, 3);

  // Tab from the page: the legend's chips, then the one claim stop.
  await page.locator('header.site-header').click();
  for (let i = 0; i < 10 && (await focusedClaim(page)) === null; i += 1) await page.keyboard.press('Tab');
  assert.equal(await focusedClaim(page), ids[0], 'Tab lands on the first claim');
  const card = read.locator('[role=dialog].cm-card.cm-read-card');
  // Focus shows the card without taking focus; Escape puts it away.
  await card.waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'detached' });
  assert.equal(await focusedClaim(page), ids[0]);

  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedClaim(page), ids[1]);
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedClaim(page), ids[2]);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedClaim(page), ids[2], 'the last claim stays');
  await page.keyboard.press('Home');
  assert.equal(await focusedClaim(page), ids[0]);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedClaim(page), ids[1]);
  assert.deepEqual(
    await read.locator('mark.cm-claim[tabindex="0"]').evaluateAll((ms) => ms.map((m) => m.dataset.annotationId)),
    [ids[1]],
    'roving focus: the focused claim is the one tab stop',
  );

  // Enter opens the card and moves focus into it; Escape closes it and
  // hands focus back to the claim, without opening the card again.
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'detached' });
  await page.keyboard.press('Enter');
  await card.waitFor({ state: 'visible' });
  assert.equal(await card.getAttribute('data-annotation-id'), ids[1]);
  assert.match(await card.locator('.cm-card-title').textContent(), /\?\s*Unclear claim/);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Close', 'focus moved into the card');
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'detached' });
  assert.equal(await focusedClaim(page), ids[1], 'focus is back on the claim');
  await page.waitForTimeout(100);
  assert.equal(await card.count(), 0, 'the returning focus does not reopen the card');
});

test('the legend filter hides a certainty, and the keyboard skips it', async () => {
  const { page } = env;
  await openExample(page, 'read-only.html');
  const read = page.locator(FIRST);
  const ids = await read.locator('mark.cm-claim[role=button]').evaluateAll((ms) => ms.map((m) => m.dataset.annotationId));
  const chip = read.locator('.cm-legend li[data-certainty=unclear] button.cm-chip');
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  await chip.click();
  assert.equal(await chip.getAttribute('aria-pressed'), 'false');
  assert.equal(await read.locator('.claimmark').getAttribute('data-hide'), 'unclear');
  const tint = await read
    .locator('mark.cm-claim[data-certainty=unclear]')
    .first()
    .evaluate((m) => getComputedStyle(m).backgroundColor);
  assert.equal(tint, 'rgba(0, 0, 0, 0)', 'the hidden certainty loses its highlight');

  await read.locator(`mark.cm-claim[data-annotation-id="${ids[0]}"]`).focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedClaim(page), ids[2], 'the unclear claim is skipped');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedClaim(page), ids[0]);

  await chip.click();
  assert.equal(await read.locator('.claimmark').getAttribute('data-hide'), null);
  await read.locator(`mark.cm-claim[data-annotation-id="${ids[0]}"]`).focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedClaim(page), ids[1], 'shown again, reached again');
});

test('import anchors a quote the article edited since (fuzzy), flags it for review, and keeps an orphan', async () => {
  const { page } = env;
  await openExample(page, 'read-only.html');
  const updated = page.locator(UPDATED);
  // "the new library will open" became "the new public library will open".
  const fuzzy = updated.locator('mark.cm-claim[data-certainty=unclear][role=button]');
  assert.equal(await fuzzy.count(), 1, 'the edited quote is still placed');
  assert.equal(await fuzzy.getAttribute('data-review'), 'true');
  assert.match(await fuzzy.getAttribute('title'), /found with edits/);
  assert.match(await fuzzy.textContent(), /public library will open in the spring/);
  assert.equal(await page.locator(`${FIRST} mark.cm-claim[data-review]`).count(), 0, 'exact matches need no review');

  // Through the API: the same summary as the editor's; an orphan is listed, not dropped.
  const summary = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const item = structuredClone(el.annotations[0]);
    item.id = 'urn:uuid:0d5e7a1c-3b2f-4e8a-9c6d-1a2b3c4d5e6f';
    for (const selector of item.target.selector) {
      if (selector.type === 'TextQuoteSelector') Object.assign(selector, { exact: 'a sentence no longer in the article at all', prefix: '', suffix: '' });
      if (selector.type === 'TextPositionSelector') Object.assign(selector, { start: 0, end: 42 });
    }
    return el.importAnnotations({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [item, { id: 'nope' }] } });
  }, UPDATED);
  assert.deepEqual([summary.added, summary.updated, summary.unchanged, summary.orphaned], [1, 0, 0, 1], JSON.stringify(summary));
  assert.equal(summary.rejected.length, 1);
  assert.equal(summary.rejected[0].index, 1);
  await updated.locator('.cm-orphans li[data-annotation-id="0d5e7a1c-3b2f-4e8a-9c6d-1a2b3c4d5e6f"]').waitFor();
  assert.equal(await updated.locator('.cm-legend li[data-certainty=confirmed] .cm-count').textContent(), '2');
  const exported = await page.evaluate((sel) => document.querySelector(sel).exportAnnotations(), UPDATED);
  assert.equal(exported.type, 'AnnotationCollection');
  assert.equal(exported.first.items.length, 4);
});

const PRERENDERED = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Prerendered</title>
<script type="module" src="../claimmark.js"></script></head>
<body>
<claim-annotator doc-id="council-budget" mode="read" annotations="council-budget.annotations.json">
<div class="claimmark cm-prerendered" data-mode="read">
<article class="cm-article"><p class="cm-block cm-paragraph">The council <mark class="cm-claim" data-certainty="confirmed">approved next year's budget</mark> on Tuesday.</p></article>
</div>
</claim-annotator>
</body></html>`;

test('a prerendered article is left as it is: no wasm, no stylesheet, ready, and the API says why it has none', async () => {
  const { page } = env;
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.route('**/examples/prerendered.html', (route) => route.fulfill({ contentType: 'text/html', body: PRERENDERED }));
  await page.addInitScript(() => {
    window.__ready = 0;
    document.addEventListener('claimmark-ready', () => (window.__ready += 1));
  });
  await page.goto(exampleUrl('prerendered.html'));
  const before = await page.evaluate(() => {
    window.__changed = 0;
    const fragment = document.querySelector('claim-annotator .cm-prerendered');
    new MutationObserver((records) => (window.__changed += records.length)).observe(fragment, { subtree: true, childList: true, attributes: true, characterData: true });
    return fragment.outerHTML;
  });
  await page.waitForFunction(() => document.querySelector('claim-annotator').getAttribute('data-claimmark') === 'prerendered');
  const result = await page.evaluate(async () => {
    const el = document.querySelector('claim-annotator');
    await el.ready;
    let message = null;
    try {
      el.exportAnnotations();
    } catch (error) {
      message = error.message;
    }
    return { html: el.querySelector('.cm-prerendered').outerHTML, roots: el.querySelectorAll('.claimmark').length, message, ready: window.__ready };
  });
  await page.waitForTimeout(300);
  assert.equal(result.html, before, 'the prerendered DOM is unchanged');
  assert.equal(result.roots, 1, 'no widget drawn beside it');
  assert.equal(result.ready, 1, 'claimmark-ready was dispatched');
  assert.match(result.message, /prerendered/);
  assert.equal(await page.evaluate(() => window.__changed), 0, 'nothing inside it changed');
  assert.deepEqual(requests.filter((p) => /\.(wasm|css)$|claimmark-(reader|demo)\.js$|annotations\.json$/.test(p)), []);
});
