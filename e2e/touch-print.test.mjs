// A phone with touch (Playwright's device emulation in Chromium): tapping,
// a touch selection, the toolbar below it (away from the system's selection
// menu above it), tagging with a tap. Then print emulation: the article
// keeps its cues and a numbered list of claims follows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopback } from './chromium.mjs';
import { ARTICLE, card, openDemo, tagByToolbar, toolbar, useDemo, waitForClaims } from './harness.mjs';

const env = useDemo();

const PHONE = {
  viewport: { width: 412, height: 839 },
  deviceScaleFactor: 2.625,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
};

/**
 * What a long-press does: the finger goes down on the text (a real touch
 * tap first moves the caret there), the browser takes over the gesture
 * (pointercancel) and selects the words. The range is set here since
 * headless Chromium draws no selection handles.
 */
async function touchSelect(page, phrase) {
  const box = await page.locator(`${ARTICLE} .cm-run`).filter({ hasText: phrase }).first().boundingBox();
  await page.touchscreen.tap(box.x + 4, box.y + 4);
  await page.evaluate(
    ({ article, phrase }) => {
      const root = document.querySelector(article);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(phrase);
        if (at < 0) continue;
        const target = node.parentElement;
        const init = { bubbles: true, pointerType: 'touch', isPrimary: true };
        target.dispatchEvent(new PointerEvent('pointerdown', init));
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + phrase.length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        target.dispatchEvent(new PointerEvent('pointercancel', init));
        return;
      }
      throw new Error(`no text node holds ${phrase}`);
    },
    { article: ARTICLE, phrase },
  );
}

test('on a phone, a touch selection gets a toolbar below it and a tap tags it', async () => {
  const context = await env.browser.newContext(PHONE);
  try {
    await context.route('**/*', (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await openDemo(page, env.url);
    assert.ok(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), 'the emulated phone has a coarse pointer');

    const phrase = 'Hundreds of Cuban security personnel';
    await touchSelect(page, phrase);
    const bar = toolbar(page);
    await bar.waitFor({ state: 'visible' });
    const selection = await page.evaluate(() => window.getSelection().getRangeAt(0).getBoundingClientRect().toJSON());
    const tools = await bar.boundingBox();
    assert.ok(tools.y >= selection.bottom + 24, `the toolbar sits well below the selection (${tools.y} vs ${selection.bottom})`);
    assert.ok(tools.x >= 0 && tools.x + tools.width <= PHONE.viewport.width, `the toolbar fits the screen (${JSON.stringify(tools)})`);
    for (const button of await bar.getByRole('button').all()) {
      const box = await button.boundingBox();
      assert.ok(box.height >= 44 && box.width >= 44, `touch targets are at least 44 px (${JSON.stringify(box)})`);
    }

    await bar.getByRole('button', { name: 'Confirmed', exact: true }).tap();
    const [claim] = await waitForClaims(page, 1);
    assert.equal(claim.text, phrase);
    assert.equal(claim.certainty, 'confirmed');

    // A tap on the highlight opens its card.
    await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${claim.id}"]`).first().tap();
    await card(page).waitFor({ state: 'visible' });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('print shows the article with its cues, then the numbered claims with certainty, note and sources', async () => {
  const { page } = env;
  await openDemo(page);
  await tagByToolbar(page, 'ndreds', 'perso', 'unclear');
  const [first] = await waitForClaims(page, 1);
  await tagByToolbar(page, 'Reuters exclusive', 'revealed', 'confirmed');
  await waitForClaims(page, 2);
  await page.keyboard.press('Escape');
  await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${first.id}"]`).first().click();
  await card(page).getByLabel('Note', { exact: true }).fill('One named source only.');
  await card(page).getByLabel('Source link').fill('https://example.org/report');
  await card(page).getByRole('button', { name: 'Add source' }).click();
  await card(page).getByRole('button', { name: 'Close', exact: true }).click();

  const list = page.locator('.cm-print-claims');
  assert.equal(await list.isVisible(), false, 'the print list is hidden on screen');
  await page.emulateMedia({ media: 'print' });
  // The list is built when the print media query changes (a render later).
  await list.waitFor({ state: 'visible', timeout: 5_000 });
  assert.equal(await list.isVisible(), true, 'print shows the claim list');
  assert.equal(await page.locator('.claimmark .cm-bar').isVisible(), false, 'controls are not printed');
  assert.equal(await page.locator('.claimmark aside.cm-panel').isVisible(), false, 'the interactive panel is not printed');
  const items = await list.locator('ol > li').evaluateAll((lis) => lis.map((li) => li.innerText.replace(/\s+/g, ' ').trim()));
  assert.deepEqual(items, [
    '? Unclear: Hundreds of Cuban security personnel Note: One named source only. https://example.org/report',
    '✓ Confirmed: Reuters exclusive revealed',
  ]);
  assert.equal(await list.locator('ol').evaluate((ol) => getComputedStyle(ol).listStyleType), 'decimal', 'numbered');
  const cue = await page
    .locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${first.id}"]`)
    .first()
    .evaluate((m) => ({ line: getComputedStyle(m).borderBottomStyle, symbol: getComputedStyle(m, '::before').content }));
  assert.equal(cue.line, 'dotted', 'an unclear claim keeps its dotted underline in print');
  assert.notEqual(cue.symbol, 'none', 'and its symbol');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await list.isVisible(), false);
});
