// 2./3. Tagging a phrase with a real mouse drag, by toolbar button and by
// keyboard shortcut; the claim survives a reload.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ARTICLE,
  LABELS,
  UUID,
  claimsShown,
  dragSelect,
  legendCounts,
  openDemo,
  reloadDemo,
  toolbar,
  useDemo,
  waitForClaims,
} from './harness.mjs';

const env = useDemo();

test('dragging over a phrase shows the toolbar; "Unclear" highlights the snapped phrase and it survives a reload', async () => {
  const { page } = env;
  const article = await openDemo(page);
  assert.equal(await toolbar(page).isVisible(), false, 'no toolbar before selecting');

  // From the middle of "Hundreds" to the middle of "personnel".
  const selected = await dragSelect(page, article, 'ndreds of Cuban', 'perso');
  assert.ok(
    ['ndreds of Cuban security perso', 'Hundreds of Cuban security personnel'].includes(selected),
    `the drag selects from mid-word to mid-word (or the snapped phrase), got ${JSON.stringify(selected)}`,
  );

  const bar = toolbar(page);
  await bar.waitFor({ state: 'visible' });
  for (const [key, name] of [['1', 'Confirmed'], ['2', 'Unclear'], ['3', 'Unconfirmed']]) {
    const button = bar.getByRole('button', { name, exact: true });
    assert.equal(await button.count(), 1, `toolbar button "${name}"`);
    assert.equal(await button.getAttribute('aria-keyshortcuts'), key, `"${name}" has aria-keyshortcuts=${key}`);
  }
  await bar.getByRole('button', { name: LABELS.unclear, exact: true }).click();

  const [claim] = await waitForClaims(page, 1);
  assert.match(claim.id, UUID, 'data-annotation-id is a UUID');
  assert.equal(claim.certainty, 'unclear');
  assert.equal(claim.text, 'Hundreds of Cuban security personnel', 'selection snapped outward to whole words');
  assert.equal(await page.locator(`${ARTICLE} mark.cm-claim[data-certainty=unclear]`).first().isVisible(), true);
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 1, unconfirmed: 0 });

  await reloadDemo(page);
  const after = await waitForClaims(page, 1);
  assert.deepEqual(after[0], claim, 'the same claim (id, certainty, text) is shown after reload');
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 1, unconfirmed: 0 });
});

test('with a selection pending, key 3 tags it Unconfirmed; reload keeps it', async () => {
  const { page } = env;
  const article = await openDemo(page);

  // From the middle of "Latin" to the middle of "enduring".
  await dragSelect(page, article, 'atin America', 'endur');
  await toolbar(page).waitFor({ state: 'visible' });
  assert.deepEqual(await claimsShown(page), [], 'selecting alone creates nothing');
  await page.keyboard.press('3');

  const [claim] = await waitForClaims(page, 1);
  assert.match(claim.id, UUID);
  assert.equal(claim.certainty, 'unconfirmed');
  assert.equal(claim.text, "Latin America's most enduring");
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 0, unconfirmed: 1 });

  await reloadDemo(page);
  const after = await waitForClaims(page, 1);
  assert.deepEqual(after[0], claim, 'the same claim is shown after reload');
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 0, unconfirmed: 1 });
});
