// Reliability: two pages of one browser context edit the same document.
// Each page's saves reach the other through the real `storage` event, which
// merges (never replaces). 2 pages × OPS random interleaved creates, edits
// and deletes (fixed seed), driven through the widget's UI: a DOM Range over
// a word and the keys 1/2/3 to create; the keyboard (Tab stop + Enter) to
// open a claim's card, a certainty button to edit, "Delete claim" to delete.
// Pages act in a random order without waiting for each other, except that a
// page edits or deletes a claim only once it shows that claim's latest
// state (a person cannot edit what they do not see yet).
//
// At the end both pages, and both again after a reload, show exactly the
// expected claims with the expected certainties: 0 lost, 0 resurrected.
//
// Before it, two tests of a change merged in from the other tab while this
// one is selecting: the merge re-renders the text under the selection,
// which must stay on its words (the toolbar showing, or mid-drag).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ARTICLE,
  LABELS,
  claimsShown,
  dragSelect,
  eventually,
  openDemo,
  reloadDemo,
  selectUncoveredWord,
  tagByToolbar,
  textPoints,
  toolbar,
  useDemo,
} from './harness.mjs';
import { prng } from '../bench/generate.mjs';

const env = useDemo();
const OPS = Number(process.env.TWO_TABS_OPS || 100); // per page
const SEED = 0x5eed_c1a1;
const KEYS = { confirmed: '1', unclear: '2', unconfirmed: '3' };
const CERTAINTIES = Object.keys(KEYS);

async function shown(page) {
  const map = new Map();
  for (const c of await claimsShown(page)) map.set(c.id, c.certainty);
  return map;
}

async function until(page, fn, message, timeout = 8_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new assert.AssertionError({ message });
    await page.waitForTimeout(20);
  }
}

async function create(page, pick, certainty, everCreated) {
  await selectUncoveredWord(page, pick);
  await page.locator('[role=toolbar].cm-toolbar').waitFor({ state: 'visible' });
  await page.keyboard.press(KEYS[certainty]);
  return until(
    page,
    async () => [...(await shown(page)).keys()].find((id) => !everCreated.has(id)),
    'the new claim appears',
  );
}

async function openCard(page, id) {
  const stop = page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${id}"][tabindex]`).first();
  await stop.focus();
  await page.keyboard.press('Enter');
  const card = page.locator('[role=dialog].cm-card');
  await card.waitFor({ state: 'visible' });
  return card;
}

/** Two pages of one context on the demo. */
async function twoPages() {
  const a = env.page;
  await openDemo(a);
  const b = await env.context.newPage();
  b.on('pageerror', (err) => env.pageErrors.push(String(err?.stack || err)));
  await openDemo(b);
  return [a, b];
}

/** Page `b` tags a phrase; waits until page `a` has merged it in. */
async function otherTabTags(a, b, phrase, certainty) {
  await tagByToolbar(b, phrase, phrase, certainty);
  await eventually(
    a,
    async () => (await claimsShown(a)).some((c) => c.text === phrase && c.certainty === certainty),
    `this tab merges in the other tab's "${phrase}"`,
  );
}

const selectedText = (page) => page.evaluate(() => String(getSelection()));

test("another tab's change merged in while the toolbar shows keeps the selection, and its key tags it", async () => {
  const [a, b] = await twoPages();
  // Both phrases in one paragraph: the merge re-cuts the runs under the selection.
  assert.equal(await dragSelect(a, a.locator(ARTICLE), 'security advisers', 'security advisers'), 'security advisers');
  await toolbar(a).waitFor({ state: 'visible' });

  await otherTabTags(a, b, 'Reuters exclusive', 'unclear');

  assert.equal(await selectedText(a), 'security advisers', 'the selection stays on its words');
  assert.ok(await toolbar(a).isVisible(), 'the toolbar still shows');
  await a.keyboard.press('3');
  await eventually(
    a,
    async () => (await claimsShown(a)).some((c) => c.text === 'security advisers' && c.certainty === 'unconfirmed'),
    'key 3 tags the kept selection',
  );
  await eventually(
    b,
    async () => (await claimsShown(b)).some((c) => c.text === 'security advisers'),
    'the other tab merges it in turn',
  );
});

test("another tab's change merged in mid-drag: the drag still ends on the words it was dragged over", async () => {
  const [a, b] = await twoPages();
  const scope = a.locator(ARTICLE);
  const { start } = await textPoints(a, scope, 'security advisers');
  await a.mouse.move(start.x, start.y);
  await a.mouse.down();
  const half = await textPoints(a, scope, 'security advisers', 'soldiers');
  await a.mouse.move(half.end.x, half.end.y, { steps: 5 });

  await otherTabTags(a, b, 'Reuters exclusive', 'confirmed');

  // The phrase's place after the re-render (the text did not move).
  const { end } = await textPoints(a, scope, 'security advisers', 'bodyguards');
  await a.mouse.move(end.x, end.y, { steps: 5 });
  assert.equal(await selectedText(a), 'security advisers, soldiers, and bodyguards');
  await a.mouse.up();
  await toolbar(a).waitFor({ state: 'visible' });
  await toolbar(a).getByRole('button', { name: LABELS.unclear, exact: true }).click();
  await eventually(
    a,
    async () =>
      (await claimsShown(a)).some((c) => c.text === 'security advisers, soldiers, and bodyguards' && c.certainty === 'unclear'),
    'the dragged words are tagged',
  );
});

test(`two pages × ${OPS} interleaved creates, edits and deletes converge: 0 lost, 0 resurrected`, async () => {
  const pages = await twoPages();
  const [a, b] = pages;

  const random = prng(SEED);
  const order = [...Array(OPS).fill(0), ...Array(OPS).fill(1)];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }

  const expected = new Map(); // id -> certainty
  const everCreated = new Set();
  const deleted = new Set();
  const tally = { create: 0, edit: 0, delete: 0 };
  for (const who of order) {
    const page = pages[who];
    const roll = random();
    const live = [...expected.keys()];
    const kind = live.length < 3 || roll < 0.45 ? 'create' : roll < 0.8 ? 'edit' : 'delete';
    tally[kind] += 1;
    if (kind === 'create') {
      const certainty = CERTAINTIES[Math.floor(random() * 3)];
      const id = await create(page, Math.floor(random() * 10_000), certainty, everCreated);
      everCreated.add(id);
      expected.set(id, certainty);
      continue;
    }
    const id = live[Math.floor(random() * live.length)];
    // The page must show this claim's latest state before a person can act on it.
    await until(page, async () => (await shown(page)).get(id) === expected.get(id), `page ${who} catches up on ${id}`);
    const card = await openCard(page, id);
    if (kind === 'edit') {
      const others = CERTAINTIES.filter((c) => c !== expected.get(id));
      const certainty = others[Math.floor(random() * others.length)];
      await card.locator(`button.cm-tag[data-certainty=${certainty}]`).click();
      await until(page, async () => (await shown(page)).get(id) === certainty, 'the edit shows');
      await card.getByRole('button', { name: 'Close', exact: true }).click();
      expected.set(id, certainty);
    } else {
      await card.getByRole('button', { name: 'Delete claim', exact: true }).click();
      await until(page, async () => !(await shown(page)).has(id), 'the claim goes');
      expected.delete(id);
      deleted.add(id);
    }
  }

  const want = JSON.stringify([...expected.entries()].sort());
  for (const [name, page] of [['A', a], ['B', b]]) {
    await until(page, async () => JSON.stringify([...(await shown(page)).entries()].sort()) === want,
      `page ${name} converges on the expected claims`, 15_000);
  }
  for (const [name, page] of [['A', a], ['B', b]]) {
    await reloadDemo(page);
    const after = await shown(page);
    assert.equal(JSON.stringify([...after.entries()].sort()), want, `page ${name} after a reload`);
    const back = [...deleted].filter((id) => after.has(id));
    assert.deepEqual(back, [], 'no deleted claim came back');
  }
  console.log(`two-tabs: ${order.length} operations (${tally.create} creates, ${tally.edit} edits, ${tally.delete} deletes), ${expected.size} claims kept, ${deleted.size} deleted; both pages equal`);
});
