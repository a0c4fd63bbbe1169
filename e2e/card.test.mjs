// 5. The claim card: certainty, note, sources, delete and undo.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ARTICLE,
  card,
  clickText,
  eventually,
  legendCounts,
  openDemo,
  reloadDemo,
  tagByToolbar,
  useDemo,
  waitForClaims,
} from './harness.mjs';

const env = useDemo();

const QUOTE = 'Hundreds of Cuban security personnel';
const NOTE = 'Only one named source; check the Reuters piece.';
const SOURCE = 'https://example.org/report';

/** The card's certainty toggle whose accessible name starts with `name`. */
function certaintyButton(dialog, name) {
  return dialog.getByRole('button', { name: new RegExp(`^${name}`) }).and(dialog.locator('[aria-pressed]'));
}

async function pressedCertainty(dialog) {
  const state = {};
  for (const name of ['Confirmed', 'Unclear', 'Unconfirmed']) {
    const button = certaintyButton(dialog, name);
    assert.equal(await button.count(), 1, `one card toggle button (aria-pressed) whose name starts with "${name}"`);
    state[name] = (await button.getAttribute('aria-pressed')) === 'true';
  }
  return state;
}

async function openCard(page, id) {
  await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${id}"]`).first().click();
  const dialog = card(page);
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

async function closeCard(dialog) {
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Types `text` into the card's Note field like a person: click, then keys. */
async function typeNote(page, dialog, text) {
  await dialog.getByLabel('Note', { exact: true }).click();
  await page.keyboard.type(text, { delay: 20 });
}

async function tagSeedClaim(page) {
  await openDemo(page);
  await tagByToolbar(page, 'ndreds', 'perso', 'unclear');
  const [claim] = await waitForClaims(page, 1);
  assert.equal(claim.text, QUOTE);
  return claim;
}

test('the card shows the quote and changes certainty; Escape closes it', async () => {
  const { page } = env;
  const claim = await tagSeedClaim(page);

  let dialog = await openCard(page, claim.id);
  assert.ok((await dialog.textContent()).replace(/\s+/g, ' ').includes(QUOTE), 'the card shows the quote');
  assert.deepEqual(await pressedCertainty(dialog), { Confirmed: false, Unclear: true, Unconfirmed: false });

  await certaintyButton(dialog, 'Confirmed').click();
  await eventually(
    page,
    async () => (await waitForClaims(page, 1))[0].certainty === 'confirmed',
    'every mark of the claim turns data-certainty=confirmed',
  );
  assert.deepEqual(await pressedCertainty(dialog), { Confirmed: true, Unclear: false, Unconfirmed: false });
  assert.deepEqual(await legendCounts(page), { confirmed: 1, unclear: 0, unconfirmed: 0 });

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  await reloadDemo(page);
  assert.equal((await waitForClaims(page, 1))[0].certainty, 'confirmed', 'the new certainty survives a reload');
  dialog = await openCard(page, claim.id);
  assert.deepEqual(await pressedCertainty(dialog), { Confirmed: true, Unclear: false, Unconfirmed: false });
});

test('a note typed in the card is kept after closing and reopening it, and after a reload', async () => {
  const { page } = env;
  const claim = await tagSeedClaim(page);

  let dialog = await openCard(page, claim.id);
  const note = dialog.getByLabel('Note', { exact: true });
  assert.equal(await note.evaluate((el) => el.tagName), 'TEXTAREA', 'the note is a textarea');
  await typeNote(page, dialog, NOTE);
  await page.waitForTimeout(200);
  assert.equal(await note.inputValue(), NOTE, 'the Note field shows what was typed');
  await closeCard(dialog);

  dialog = await openCard(page, claim.id);
  assert.equal(await dialog.getByLabel('Note', { exact: true }).inputValue(), NOTE, 'the note is kept after closing the card');
  await closeCard(dialog);

  await reloadDemo(page);
  await waitForClaims(page, 1);
  dialog = await openCard(page, claim.id);
  assert.equal(await dialog.getByLabel('Note', { exact: true }).inputValue(), NOTE, 'the note survives a reload');
});

test('only http(s) source links are accepted; they open in a new tab without opener or referrer', async () => {
  const { page } = env;
  const claim = await tagSeedClaim(page);
  let dialog = await openCard(page, claim.id);

  const link = dialog.getByLabel('Source link', { exact: true });
  const add = dialog.getByRole('button', { name: 'Add source', exact: true });
  const errorText = async () => ((await dialog.locator('.cm-error').allTextContents()).join(' ')).trim();
  assert.equal(await errorText(), '', 'no error before a bad link is tried');

  await link.fill('javascript:alert(1)');
  await add.click();
  await eventually(page, errorText, 'an error text in .cm-error explains the refusal');
  assert.ok(await dialog.locator('.cm-error').first().isVisible(), 'the error is visible');
  assert.equal(await page.locator('a[href^="javascript" i]').count(), 0, 'no javascript: link on the page');

  await link.fill(SOURCE);
  await add.click();
  const source = dialog.locator(`a[href="${SOURCE}"]`);
  await source.waitFor({ state: 'visible' });
  assert.equal(await source.count(), 1);
  assert.equal(await source.getAttribute('target'), '_blank');
  const rel = ((await source.getAttribute('rel')) ?? '').split(/\s+/);
  assert.ok(rel.includes('noopener') && rel.includes('noreferrer'), `rel="noopener noreferrer", got ${JSON.stringify(rel.join(' '))}`);

  await closeCard(dialog);
  await reloadDemo(page);
  await waitForClaims(page, 1);
  dialog = await openCard(page, claim.id);
  assert.equal(await dialog.locator(`a[href="${SOURCE}"]`).count(), 1, 'the source survives a reload');
});

test('deleting removes the highlight; the toast\'s Undo brings the claim back with its source and note', async () => {
  const { page } = env;
  const claim = await tagSeedClaim(page);
  let dialog = await openCard(page, claim.id);
  await dialog.getByLabel('Source link', { exact: true }).fill(SOURCE);
  await dialog.getByRole('button', { name: 'Add source', exact: true }).click();
  await dialog.locator(`a[href="${SOURCE}"]`).waitFor({ state: 'visible' });
  await typeNote(page, dialog, NOTE);
  await closeCard(dialog);
  dialog = await openCard(page, claim.id);

  await dialog.getByRole('button', { name: 'Delete claim', exact: true }).click();
  await waitForClaims(page, 0);
  assert.equal(await dialog.isVisible(), false, 'the card of a deleted claim is gone');
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 0, unconfirmed: 0 });
  const toast = page.locator('.cm-toast');
  await toast.waitFor({ state: 'visible' });
  await toast.getByRole('button', { name: 'Undo', exact: true }).click();

  const [restored] = await waitForClaims(page, 1);
  assert.deepEqual(restored, claim, 'the same claim (id, certainty, text) comes back');
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 1, unconfirmed: 0 });

  await reloadDemo(page);
  assert.deepEqual((await waitForClaims(page, 1))[0], claim, 'the restored claim survives a reload');
  dialog = await openCard(page, claim.id);
  assert.equal(await dialog.locator(`a[href="${SOURCE}"]`).count(), 1, 'the restored claim has its source');
  assert.equal(await dialog.getByLabel('Note', { exact: true }).inputValue(), NOTE, 'the restored claim has its note');
});

test('a click on untagged text puts the card away; Enter on a focused highlight opens it again', async () => {
  const { page } = env;
  const claim = await tagSeedClaim(page);
  const dialog = await openCard(page, claim.id);
  // Text on the claim's own line, so the card (below it) does not cover it.
  await clickText(page, page.locator(ARTICLE), 'marking a significant');
  await dialog.waitFor({ state: 'hidden' });

  const stop = page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${claim.id}"][tabindex="0"]`);
  assert.equal(await stop.count(), 1, 'the claim has one keyboard stop');
  assert.equal(await stop.getAttribute('aria-label'), `Unclear claim: ${QUOTE}`, 'its name says the certainty and the quote');
  await stop.focus();
  await page.keyboard.press('Enter');
  await card(page).waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await card(page).waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-annotation-id')), claim.id, 'focus returns to the highlight');
});
