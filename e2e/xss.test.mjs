// Reliability: hostile input. Every payload of e2e/xss/payloads.mjs (≥ 300)
// goes into every place text enters the widget — article text, notes,
// source links, every field of imported JSON (ids, certainty, note, tags,
// links, target source, quote, prefix, suffix, selector type, times) and
// share links — and e2e/xss/detect.mjs must see 0 executions (dialogs,
// sentinel, CSP violations) and 0 javascript:/data: links or on* attributes
// in the widget. Bidi controls in notes and quotes stay inside an isolating
// element (dir=auto / <bdi> / a form field) that holds only that text.
// (The custom element's light-DOM HTML: e2e/xss-light-dom.test.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { ARTICLE, openDemo, openPastedArticle, useDemo, waitForClaims } from './harness.mjs';
import { PAYLOADS, URL_PAYLOADS } from './xss/payloads.mjs';
import { installDetector } from './xss/detect.mjs';

const env = useDemo();
const CARD = '[role=dialog].cm-card';
const TIME = '2026-02-25T10:00:00Z';
const tried = { article: 0, notes: 0, sources: 0, importFields: 0, shareLinks: 0 };

function uuid(n) {
  const hex = n.toString(16).padStart(12, '0');
  return `6f1c0b7e-1d2a-4c1e-9a7e-${hex}`;
}

/** One W3C annotation; `over` replaces parts of it. */
function item(n, over = {}) {
  const body = over.body ?? [
    { type: 'TextualBody', purpose: 'assessing', value: 'unclear' },
  ];
  return {
    id: `urn:uuid:${uuid(n)}`,
    type: 'Annotation',
    motivation: 'assessing',
    created: TIME,
    modified: TIME,
    body,
    target: over.target ?? {
      source: 'urn:claimmark:doc:xss',
      selector: [{ type: 'TextQuoteSelector', exact: 'Hundreds' }],
    },
    ...over.top,
  };
}

/** Items carrying `p` in every field, one field per item where a bad value refuses the item. */
function itemsFor(p, base) {
  const textual = (purpose, value) => ({ type: 'TextualBody', purpose, value });
  const assess = textual('assessing', 'confirmed');
  return [
    item(base, { body: [assess, { ...textual('commenting', p), format: 'text/plain' }, textual('tagging', p.slice(0, 60))] }),
    item(base + 1, { target: { source: 'urn:claimmark:doc:xss', selector: [{ type: 'TextQuoteSelector', exact: p, prefix: p, suffix: p }] } }),
    item(base + 2, { body: [assess, { type: 'SpecificResource', purpose: 'linking', source: p }] }),
    item(base + 3, { body: [assess, { type: 'SpecificResource', purpose: 'linking', source: `https://example.org/?q=${p}` }] }),
    item(base + 4, { body: [textual('assessing', p)] }),
    item(base + 5, { target: { source: p, selector: [{ type: 'TextQuoteSelector', exact: 'Hundreds' }] } }),
    item(base + 6, { target: { source: 'urn:claimmark:doc:xss', selector: [{ type: p, exact: 'Hundreds' }] } }),
    item(base + 7, { top: { id: p } }),
    item(base + 8, { top: { created: p, modified: p, type: p, motivation: p } }),
  ];
}

const collection = (items) => ({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: items.length, first: { type: 'AnnotationPage', startIndex: 0, items } });

async function openShare(page) {
  const panel = page.locator('section.cm-share');
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Share', exact: true }).click();
  await panel.waitFor({ state: 'visible' });
  return panel;
}

async function applyIfOffered(page) {
  await page.locator('.cm-import-summary, .cm-share-status.cm-error').first().waitFor();
  const apply = page.getByRole('button', { name: 'Apply import', exact: true });
  if (await apply.isVisible()) await apply.click();
}

/** Every text node holding a bidi control must sit in an isolating element holding only user text. */
async function bidiLeaks(page) {
  return page.evaluate(() => {
    const controls = /[\u202a-\u202e\u2066-\u2069]/;
    const leaks = [];
    const root = document.querySelector('.claimmark');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!controls.test(n.data)) continue;
      const iso = n.parentElement.closest('[dir], bdi, textarea, input, article.cm-article .cm-block');
      const style = iso && getComputedStyle(iso).unicodeBidi;
      if (!iso || !/isolate|plaintext/.test(style)) leaks.push(`${n.parentElement.localName}: ${n.data.slice(0, 40)}`);
    }
    return leaks;
  });
}

test(`${PAYLOADS.length} payloads through article text, notes, sources and every field of imported JSON: nothing runs`, async () => {
  const { page } = env;
  const detector = await installDetector(page);

  // 1. Article text: every payload as a paragraph of a pasted article.
  await openDemo(page);
  await detector.assertClean('the demo as served');
  const article = ['XSS corpus headline', ...PAYLOADS.map((p, i) => `Hundreds ${i}: ${p}`)].join('\n\n');
  await openPastedArticle(page, article);
  await page.locator(`${ARTICLE} .cm-paragraph`).nth(PAYLOADS.length - 1).waitFor({ state: 'attached' });
  const shownText = await page.locator(ARTICLE).textContent();
  assert.ok(shownText.includes('<script>window.__xss=1;alert(1)</script>'), 'markup is shown as text');
  tried.article += PAYLOADS.length;
  await detector.assertClean('article text');

  // 2. Notes, typed into a card (fill + change), and a quote over a payload.
  await page.evaluate(() => {
    const run = [...document.querySelectorAll('article.cm-article .cm-paragraph .cm-run')]
      .find((r) => r.textContent.includes('<img src=x onerror'));
    const range = document.createRange();
    range.setStart(run.firstChild, 0);
    range.setEnd(run.firstChild, run.firstChild.data.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await page.locator('[role=toolbar].cm-toolbar').waitFor({ state: 'visible' });
  await page.keyboard.press('2');
  const [claim] = await waitForClaims(page, 1);
  await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${claim.id}"][tabindex]`).focus();
  await page.keyboard.press('Enter');
  const card = page.locator(CARD);
  await card.waitFor({ state: 'visible' });
  const note = card.getByLabel('Note', { exact: true });
  for (const [i, p] of PAYLOADS.entries()) {
    await note.fill(p);
    await note.dispatchEvent('change');
    tried.notes += 1;
    if (i % 50 === 49) await detector.assertClean(`notes up to ${i}`);
  }
  await detector.assertClean('notes');

  // 3. Source links typed into the card: schemes other than http(s) are refused.
  const source = card.getByLabel('Source link', { exact: true });
  for (const p of URL_PAYLOADS) {
    await source.fill(p);
    await card.getByRole('button', { name: 'Add source', exact: true }).click();
    tried.sources += 1;
  }
  const hrefs = await card.locator('.cm-sources a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of hrefs) assert.match(href, /^https?:\/\//, `only http(s) links: ${href}`);
  await detector.assertClean('sources');
  await card.getByRole('button', { name: 'Close', exact: true }).click();

  // 4. Import JSON: each payload in every field, pasted and applied.
  const CHUNK = 80;
  for (let start = 0; start < PAYLOADS.length; start += CHUNK) {
    const chunk = PAYLOADS.slice(start, start + CHUNK);
    const items = chunk.flatMap((p, i) => itemsFor(p, (start + i) * 10 + 100));
    const panel = await openShare(page);
    await panel.locator('textarea.cm-import-text').fill(JSON.stringify(collection(items)));
    await panel.getByRole('button', { name: 'Check pasted JSON', exact: true }).click();
    await applyIfOffered(page);
    tried.importFields += chunk.length;
    await detector.assertClean(`import of payloads ${start}..${start + chunk.length}`);
  }
  // The imported claims (orphans included) show their notes and quotes; links stay http(s).
  await detector.assertClean('after all imports');
  assert.deepEqual(await bidiLeaks(page), [], 'bidi controls stay isolated');

  console.log(`xss: ${PAYLOADS.length} distinct payloads; tried ${JSON.stringify(tried)}; 0 executions`);
});

test(`${PAYLOADS.length} payloads in share links (every field of the packed JSON, and the fragment itself): nothing runs`, async () => {
  const { page } = env;
  const detector = await installDetector(page);
  await openDemo(page);
  const base = page.url().split('#')[0];
  const SHARE_CHUNK = 12;
  for (let start = 0; start < PAYLOADS.length; start += SHARE_CHUNK) {
    const chunk = PAYLOADS.slice(start, start + SHARE_CHUNK);
    const items = chunk.flatMap((p, i) => itemsFor(p, (start + i) * 10 + 100_000));
    const packed = deflateRawSync(Buffer.from(JSON.stringify(collection(items)))).toString('base64url');
    await page.goto('about:blank'); // a new document, not a same-page hash change
    await page.goto(`${base}#claimmark=${packed}`);
    await page.locator(`${ARTICLE} [data-s]`).first().waitFor({ state: 'attached' });
    await applyIfOffered(page);
    tried.shareLinks += chunk.length;
    await detector.assertClean(`share link with payloads ${start}..${start + chunk.length}`);
  }
  // A share link whose fragment itself is a payload.
  for (const p of PAYLOADS.slice(0, 40)) {
    await page.goto('about:blank');
    await page.goto(`${base}#claimmark=${encodeURIComponent(p)}`);
    await page.locator(`${ARTICLE} [data-s]`).first().waitFor({ state: 'attached' });
    tried.shareLinks += 1;
  }
  await detector.assertClean('hostile share-link fragments');
  assert.deepEqual(await bidiLeaks(page), [], 'bidi controls stay isolated');
  console.log(`xss share links: tried ${JSON.stringify(tried)}; 0 executions`);
});

test('a right-to-left override in a note or a quote cannot reorder the text around it', async () => {
  const { page } = env;
  await openDemo(page);
  const rlo = '\u202eevil txt.exe';
  const items = [
    item(1, { body: [{ type: 'TextualBody', purpose: 'assessing', value: 'unclear' }, { type: 'TextualBody', purpose: 'commenting', value: rlo, format: 'text/plain' }], target: { source: 'urn:x', selector: [{ type: 'TextQuoteSelector', exact: `gone ${rlo}` }] } }),
  ];
  const panel = await openShare(page);
  await panel.locator('textarea.cm-import-text').fill(JSON.stringify(collection(items)));
  await panel.getByRole('button', { name: 'Check pasted JSON', exact: true }).click();
  await applyIfOffered(page);
  const orphan = page.locator('.claimmark li', { hasText: 'evil' }).first();
  await orphan.waitFor();
  const isolated = await orphan.evaluate((li) =>
    [...li.querySelectorAll('*')]
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.data.includes('\u202e')))
      .map((el) => ({ tag: el.localName, dir: el.getAttribute('dir'), bidi: getComputedStyle(el).unicodeBidi, own: el.textContent })),
  );
  assert.ok(isolated.length >= 2, `the quote and the note are shown: ${JSON.stringify(isolated)}`);
  for (const el of isolated) {
    assert.equal(el.dir, 'auto', `${el.tag} has dir=auto`);
    assert.equal(el.bidi, 'isolate', `${el.tag} is a bidi isolate`);
    assert.ok(el.own === rlo || el.own === `gone ${rlo}`, `the isolate holds only the user's text: ${JSON.stringify(el.own)}`);
  }
  assert.deepEqual(await bidiLeaks(page), []);
});

test('the detector itself catches a payload that runs (a control, so the tests above can fail)', async () => {
  const { page } = env;
  const detector = await installDetector(page);
  await openDemo(page);
  await detector.assertClean('before');
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.setAttribute('src', 'x');
    img.setAttribute('onerror', 'window.__xss=1;alert(1)');
    document.querySelector('.claimmark').append(img);
  });
  const f = await (async () => {
    for (let i = 0; i < 100; i++) {
      const found = await detector.findings();
      if (found.sentinel && found.dialogs.length && found.violations.length) return found;
      await page.waitForTimeout(50);
    }
    return detector.findings();
  })();
  assert.equal(f.sentinel, 1, 'the sentinel is seen');
  assert.equal(f.dialogs.length, 1, 'the dialog is seen');
  assert.ok(f.violations.length >= 1, 'the CSP violation is seen');
  assert.ok(f.dom.some((d) => d.includes('onerror')), 'the on* attribute is seen');
});
