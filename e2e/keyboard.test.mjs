// Keyboard-only journeys: reach the article with Tab, create a claim with
// the reading cursor, change its certainty, delete it, undo and redo —
// never touching the mouse. Then roving focus among claims, the card as a
// dialog that takes and returns focus, and the `?` help.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ARTICLE,
  card,
  eventually,
  legendCounts,
  openDemo,
  reloadDemo,
  tagByToolbar,
  toolbar,
  useDemo,
  waitForClaims,
} from './harness.mjs';

const env = useDemo();

const FIRST_SENTENCE_START = 'Hundreds of Cuban security personnel have begun departing Venezuela';
const QUOTE = 'Hundreds of Cuban security personnel';

const selected = (page) => page.evaluate(() => String(window.getSelection()));
const live = (page) => page.locator('.claimmark [role="status"][aria-live="polite"]').first().textContent();
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName,
      id: el?.getAttribute('data-annotation-id') ?? null,
      label: el?.getAttribute('aria-label') ?? null,
      inDialog: Boolean(el?.closest('[role="dialog"]')),
    };
  });

/** Presses Tab until the article has focus (at most 40 times). */
async function tabToArticle(page) {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.matches('article.cm-article'))) return;
  }
  assert.fail('Tab never reached the article');
}

test('keyboard only: create a claim with the reading cursor, change, delete, undo, redo', async () => {
  const { page } = env;
  await openDemo(page);
  await tabToArticle(page);

  await page.keyboard.press('n');
  assert.ok((await selected(page)).startsWith(FIRST_SENTENCE_START), 'n selects the first sentence');
  await toolbar(page).waitFor({ state: 'visible' });
  assert.match(await live(page), /^Selected: Hundreds of Cuban/, 'the live region reads the selection');
  await page.keyboard.press('w');
  assert.equal(await selected(page), 'of', 'w moves to the next word');
  await page.keyboard.press('b');
  assert.equal(await selected(page), 'Hundreds', 'b moves back a word');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('e');
  assert.equal(await selected(page), QUOTE, 'e grows the selection word by word');
  await page.keyboard.press('Shift+E');
  await page.keyboard.press('e');
  assert.equal(await selected(page), QUOTE);

  await page.keyboard.press('2');
  const [claim] = await waitForClaims(page, 1);
  assert.equal(claim.text, QUOTE);
  assert.equal(claim.certainty, 'unclear');
  await eventually(page, async () => (await live(page)) === 'Unclear claim created.', 'creation is announced');
  await eventually(page, async () => (await focused(page)).id === claim.id, 'the new claim has focus');

  await page.keyboard.press('1');
  await eventually(page, async () => (await waitForClaims(page, 1))[0].certainty === 'confirmed', '1 confirms the focused claim');
  assert.equal(await live(page), 'Claim marked Confirmed.');
  await page.keyboard.press('3');
  await eventually(page, async () => (await waitForClaims(page, 1))[0].certainty === 'unconfirmed', '3 marks it unconfirmed');

  await page.keyboard.press('Delete');
  await waitForClaims(page, 0);
  assert.equal(await live(page), 'Claim deleted.');
  assert.ok(await page.evaluate(() => document.activeElement?.matches('article.cm-article')), 'focus stays in the article');

  await page.keyboard.press('Control+z');
  await waitForClaims(page, 1);
  assert.equal((await waitForClaims(page, 1))[0].certainty, 'unconfirmed', 'undo brings the claim back as it was');
  assert.equal(await live(page), 'Undone.');
  await page.keyboard.press('Control+z');
  await eventually(page, async () => (await waitForClaims(page, 1))[0].certainty === 'confirmed', 'a second undo reverts the certainty');
  await page.keyboard.press('Shift+Control+Z');
  await eventually(page, async () => (await waitForClaims(page, 1))[0].certainty === 'unconfirmed', 'redo reapplies it');
  assert.equal(await live(page), 'Redone.');
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 0, unconfirmed: 1 });

  // Undo is saved like any change.
  await page.keyboard.press('Control+z');
  await eventually(page, async () => (await waitForClaims(page, 1))[0].certainty === 'confirmed', 'undone again');
  await reloadDemo(page);
  const [after] = await waitForClaims(page, 1);
  assert.equal(after.certainty, 'confirmed', 'the undone state is what storage holds');
});

test('a certainty changed in the card is announced, after an undo as before it', async () => {
  const { page } = env;
  await openDemo(page);
  await tagByToolbar(page, 'ndreds', 'perso', 'unclear');
  const [claim] = await waitForClaims(page, 1);
  const says = (text) => eventually(page, async () => (await live(page)) === text, `the live region says ${JSON.stringify(text)}`);
  const pick = async (certainty) => {
    await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${claim.id}"][tabindex]`).focus();
    await page.keyboard.press('Enter');
    await card(page).waitFor({ state: 'visible' });
    await card(page).locator(`button.cm-tag[data-certainty=${certainty}]`).click();
    await eventually(page, async () => (await waitForClaims(page, 1))[0].certainty === certainty, `marked ${certainty}`);
    await page.keyboard.press('Escape');
    await card(page).waitFor({ state: 'hidden' });
  };
  await pick('confirmed');
  await says('Claim marked Confirmed.');
  await page.keyboard.press('Control+z');
  await eventually(page, async () => (await waitForClaims(page, 1))[0].certainty === 'unclear', 'undo reverts the certainty');
  await says('Undone.');
  await pick('unconfirmed');
  await says('Claim marked Unconfirmed.');
});

test('claims are one tab stop: arrows rove, Enter opens the card, Escape returns focus', async () => {
  const { page } = env;
  await openDemo(page);
  await tagByToolbar(page, 'ndreds', 'perso', 'unclear');
  await waitForClaims(page, 1);
  await tagByToolbar(page, 'withdrawals', 'follow', 'confirmed');
  await waitForClaims(page, 2);
  await tagByToolbar(page, 'Reuters exclusive', 'revealed', 'unconfirmed');
  const claims = await waitForClaims(page, 3);
  await page.keyboard.press('Escape');

  const stops = page.locator(`${ARTICLE} mark.cm-claim[tabindex]`);
  assert.equal(await stops.count(), 3, 'each claim has a stop');
  assert.equal(await page.locator(`${ARTICLE} mark.cm-claim[tabindex="0"]`).count(), 1, 'only one is in the tab order');

  const stop = page.locator(`${ARTICLE} mark.cm-claim[tabindex="0"]`);
  assert.equal(await stop.getAttribute('data-annotation-id'), claims.at(-1).id, 'the claim made last is the tab stop');
  await stop.focus();
  await page.keyboard.press('Home');
  const order = [];
  order.push((await focused(page)).id);
  await page.keyboard.press('ArrowDown');
  order.push((await focused(page)).id);
  await page.keyboard.press('j');
  order.push((await focused(page)).id);
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).id, order[2], 'the last claim stays focused');
  assert.deepEqual(new Set(order), new Set(claims.map((c) => c.id)), 'arrows visit every claim once');
  assert.equal(
    await page.locator(`${ARTICLE} mark.cm-claim[tabindex="0"]`).getAttribute('data-annotation-id'),
    order[2],
    'the tab stop follows focus',
  );
  await page.keyboard.press('k');
  assert.equal((await focused(page)).id, order[1]);
  await page.keyboard.press('Home');
  assert.equal((await focused(page)).id, order[0]);
  await page.keyboard.press('End');
  assert.equal((await focused(page)).id, order[2]);

  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).tag !== 'MARK', true, 'Tab leaves the claims after one stop');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focused(page)).id, order[2], 'Shift+Tab comes back to the same claim');

  await page.keyboard.press('Enter');
  await card(page).waitFor({ state: 'visible' });
  assert.equal((await focused(page)).inDialog, true, 'the card takes focus');
  await page.keyboard.press('Escape');
  await card(page).waitFor({ state: 'hidden' });
  assert.equal((await focused(page)).id, order[2], 'Escape hands focus back to the claim');
});

test('? shows the shortcuts in a dialog that returns focus', async () => {
  const { page } = env;
  await openDemo(page);
  await tabToArticle(page);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor({ state: 'visible' });
  assert.equal((await focused(page)).inDialog, true, 'the dialog takes focus');
  for (const key of ['n / p', 'w / b', 'e / Shift+E', 'Ctrl+Z / ⌘Z', 'Delete']) {
    assert.equal(await help.getByText(key, { exact: true }).count(), 1, `lists ${key}`);
  }
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });
  assert.ok(await page.evaluate(() => document.activeElement?.matches('article.cm-article')), 'focus is back on the article');
});
