// storage="none" keeps its promise: a <claim-annotator storage="none"> in
// edit mode (examples/hostile-css.html) writes nothing to localStorage —
// not the claims, and not the settings either (theme, author, the
// suggestions switch, dismissed suggestions) — and nothing of a session
// survives a reload. Every step checks that it really happened, so that
// "nothing was written" cannot pass because nothing was done.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  LABELS,
  afterFirstFrames,
  dragSelect,
  eventually,
  exampleUrl as pageUrl,
  openExample,
  pressToolbarCommand,
  toolbarSwitch,
  useDemo,
} from './harness.mjs';

const env = useDemo();

const PAGE = 'hostile-css.html';
const EDIT = 'claim-annotator[mode=edit]';
const DOC_ID = 'harbour-bridge-hostile';
const AUTHOR = 'Ana Ruiz';
const NOTE = 'Transport office notice, checked by phone.';

/** localStorage as the host page had it before the widget loaded. */
const SEEDED = {
  'host:consent': '{"analytics":false,"ads":false}',
  'host:last-visit': '2026-03-01T09:00:00Z',
  // Another widget's claims (storage="local" elsewhere on the site): not ours to touch.
  'claimmark:v1:doc:some-other-article': '{"claims":[]}',
};

/** Opens an example page, every widget ready, its first frames painted. */
async function openExampleShown(page, name) {
  await openExample(page, name);
  await afterFirstFrames(page);
}

/** Every key and value of the page's localStorage. */
function localStorageNow(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      out[key] = localStorage.getItem(key);
    }
    return out;
  });
}

/**
 * Seeds localStorage from a plain file of the same origin (before any
 * widget runs) and returns the snapshot to compare with.
 */
async function seedStorage(page) {
  await page.goto(pageUrl('bridge.txt'));
  await page.evaluate((seeded) => {
    localStorage.clear();
    for (const [key, value] of Object.entries(seeded)) localStorage.setItem(key, value);
  }, SEEDED);
  const snapshot = await localStorageNow(page);
  assert.deepEqual(snapshot, SEEDED, 'the seeded keys are in place');
  return snapshot;
}

/** A readable account of what changed between two localStorage snapshots. */
function storageDiff(before, after) {
  const show = (value) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  const lines = [];
  for (const key of Object.keys(after).sort()) {
    if (!(key in before)) lines.push(`  added   ${key} = ${show(after[key])}`);
    else if (before[key] !== after[key]) lines.push(`  changed ${key}: ${show(before[key])} → ${show(after[key])}`);
  }
  for (const key of Object.keys(before).sort()) {
    if (!(key in after)) lines.push(`  removed ${key} (was ${show(before[key])})`);
  }
  return lines;
}

/** Asserts localStorage is exactly `snapshot` (same keys, same values). */
async function assertStorageUntouched(page, snapshot, when) {
  const now = await localStorageNow(page);
  const diff = storageDiff(snapshot, now);
  assert.deepEqual(
    now,
    snapshot,
    `storage="none" must write nothing to localStorage, but ${when} it differs from the snapshot:\n${diff.join('\n')}`,
  );
}

/** Claims shown in the edit widget's article: [{ id, certainty, text }]. */
async function editClaims(page) {
  return page.evaluate((sel) => {
    const byId = new Map();
    for (const mark of document.querySelectorAll(`${sel} article.cm-article mark.cm-claim`)) {
      const id = mark.getAttribute('data-annotation-id');
      const entry = byId.get(id) ?? { id, certainty: new Set(), text: '' };
      entry.certainty.add(mark.getAttribute('data-certainty'));
      if (!mark.parentElement.closest(`mark.cm-claim[data-annotation-id="${id}"]`)) entry.text += mark.textContent;
      byId.set(id, entry);
    }
    return [...byId.values()].map((e) => ({ id: e.id, certainty: [...e.certainty].sort().join('|'), text: e.text }));
  }, EDIT);
}

/** The suggestions shown in the edit widget: [{ id, certainty, text }]. */
async function suggestionsShown(page) {
  return page.locator(`${EDIT} article.cm-article .cm-suggestion`).evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('data-suggestion-id'),
      certainty: el.getAttribute('data-suggestion-certainty'),
      text: el.textContent,
    })),
  );
}

function edit(page) {
  return page.locator(EDIT);
}

function suggestToggle(page) {
  return edit(page).getByRole('button', { name: /^Suggestions: (on|off)$/ });
}

async function openShare(page) {
  const panel = edit(page).locator('section.cm-share');
  if (!(await panel.isVisible())) await edit(page).getByRole('button', { name: 'Share', exact: true }).click();
  await panel.waitFor({ state: 'visible' });
  return panel;
}

async function closeShare(page) {
  await edit(page).getByRole('button', { name: 'Share', exact: true }).click();
  await edit(page).locator('section.cm-share').waitFor({ state: 'hidden' });
}

/** The card's certainty toggle whose name starts with `name`. */
function certaintyButton(dialog, name) {
  return dialog.getByRole('button', { name: new RegExp(`^${name}`) }).and(dialog.locator('[aria-pressed]'));
}

async function openCard(page, id) {
  await edit(page).locator(`article.cm-article mark.cm-claim[data-annotation-id="${id}"]`).first().click();
  const dialog = edit(page).locator('[role=dialog].cm-card');
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

async function closeCard(dialog) {
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Opens the widget and checks it is the edit widget with storage="none". */
async function openNoneWidget(page) {
  await openExampleShown(page, PAGE);
  const attrs = await edit(page).evaluate((el) => ({
    storage: el.getAttribute('storage'),
    docId: el.getAttribute('doc-id'),
    theme: el.getAttribute('theme'),
    mode: el.querySelector('.claimmark')?.dataset.mode,
  }));
  assert.deepEqual(attrs, { storage: 'none', docId: DOC_ID, theme: null, mode: 'edit' }, `${PAGE} has an edit widget with storage="none" and no fixed theme`);
  // The assistant's suggestions come after the first frames (an idle callback).
  await edit(page).locator('article.cm-article .cm-suggestion').first().waitFor({ state: 'attached' });
}

/** Drags over `from`…`to` in the edit widget and presses key 1, 2 or 3. */
async function tagByKey(page, from, to, key) {
  await dragSelect(page, edit(page).locator('article.cm-article'), from, to);
  await edit(page).locator('[role=toolbar].cm-toolbar').waitFor({ state: 'visible' });
  await page.keyboard.press(key);
}

/** Turns the dark theme on and checks that it took. */
async function darkTheme(page) {
  const root = edit(page).locator('.claimmark').first();
  // In this page's narrow editor the switch is in the toolbar's "More" menu.
  assert.equal(await toolbarSwitch(edit(page), 'Dark theme'), 'false', 'the theme starts light (headless Chromium prefers light)');
  assert.equal(await root.getAttribute('data-theme'), 'light');
  await pressToolbarCommand(edit(page), 'Dark theme');
  await eventually(page, async () => (await root.getAttribute('data-theme')) === 'dark', 'the widget turns dark');
  assert.equal(await toolbarSwitch(edit(page), 'Dark theme'), 'true');
}

/** Types the author's name in the Share panel and checks that it took. */
async function setAuthor(page) {
  const panel = await openShare(page);
  const field = panel.getByLabel('Your name (claim history; ClaimReview author)');
  await field.fill(AUTHOR);
  assert.equal(await field.inputValue(), AUTHOR);
  await closeShare(page);
}

/**
 * Dismisses one suggestion that no claim covers; returns the suggestion
 * and the number shown before.
 */
async function dismissOne(page) {
  const shown = await suggestionsShown(page);
  assert.ok(shown.length > 0, `the edit widget shows suggestions to dismiss (${PAGE})`);
  const target = shown[shown.length - 1];
  await edit(page).locator(`.cm-suggestion[data-suggestion-id="${target.id}"] .cm-cue`).first().click();
  const popover = edit(page).locator('[role=dialog].cm-suggest-pop');
  await popover.waitFor({ state: 'visible' });
  await popover.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await eventually(
    page,
    async () => (await edit(page).locator(`.cm-suggestion[data-suggestion-id="${target.id}"]`).count()) === 0,
    'the dismissed suggestion goes',
  );
  assert.equal((await suggestionsShown(page)).length, shown.length - 1, 'exactly one suggestion was dismissed');
  return { target, before: shown.length };
}

/** Switches suggestions off (checked) and returns the switch. */
async function suggestionsOff(page) {
  const toggle = suggestToggle(page);
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true', 'suggestions are on in edit mode');
  await toggle.click();
  await eventually(page, async () => (await suggestionsShown(page)).length === 0, 'switched off, no suggestion is shown');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal((await toggle.textContent()).trim(), 'Suggestions: off');
  return toggle;
}

test('storage="none": a whole editing session writes nothing to localStorage', async () => {
  const { page } = env;
  const snapshot = await seedStorage(page);
  await openNoneWidget(page);

  // Theme: the dark theme button.
  await darkTheme(page);

  // Author: the Share panel's "Your name".
  await setAuthor(page);

  // Tag a claim: drag over a phrase, key 2 (Unclear).
  await tagByKey(page, 'harbour', 'bridge', '2');
  await eventually(page, async () => (await editClaims(page)).length === 1, 'one claim in the edit widget');
  const [claim] = await editClaims(page);
  assert.deepEqual({ certainty: claim.certainty, text: claim.text }, { certainty: 'unclear', text: 'harbour bridge' });

  // The card: a note, then the certainty.
  let dialog = await openCard(page, claim.id);
  await dialog.getByLabel('Note', { exact: true }).click();
  await page.keyboard.type(NOTE, { delay: 5 });
  assert.equal(await dialog.getByLabel('Note', { exact: true }).inputValue(), NOTE);
  await closeCard(dialog);
  dialog = await openCard(page, claim.id);
  assert.equal(await dialog.getByLabel('Note', { exact: true }).inputValue(), NOTE, 'the note is kept (in memory)');
  await certaintyButton(dialog, LABELS.confirmed).click();
  await eventually(page, async () => (await editClaims(page))[0]?.certainty === 'confirmed', 'the claim turns confirmed');
  assert.equal(await certaintyButton(dialog, LABELS.confirmed).getAttribute('aria-pressed'), 'true');
  // The history names the author set above: the name reached the widget.
  const history = dialog.locator('details.cm-history');
  await history.locator('summary').click();
  const lines = await history.locator('li').allTextContents();
  assert.equal(lines.length, 2, JSON.stringify(lines));
  assert.match(lines[0], new RegExp(`^Unclear → Confirmed, .*, by ${AUTHOR}$`));
  await closeCard(dialog);

  // Dismiss a suggestion; switch suggestions off and on again.
  const { target, before } = await dismissOne(page);
  const toggle = await suggestionsOff(page);
  await toggle.click();
  await eventually(page, async () => (await suggestionsShown(page)).length === before - 1, 'switched on, the suggestions are back');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.ok(!(await suggestionsShown(page)).some((s) => s.id === target.id), 'the dismissed one stays dismissed');

  // Export: the Share panel's download, and the JS API.
  const panel = await openShare(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download JSON', exact: true }).click(),
  ]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  await closeShare(page);
  const api = await page.evaluate((sel) => document.querySelector(sel).exportAnnotations(), EDIT);
  for (const [what, collection] of [['Download JSON', file], ['exportAnnotations()', api]]) {
    assert.equal(collection.type, 'AnnotationCollection', what);
    const items = collection.first.items;
    assert.equal(items.length, 1, `${what}: one claim`);
    assert.equal(items[0].id, `urn:uuid:${claim.id}`, what);
    const bodies = Object.fromEntries(items[0].body.filter((b) => b.type === 'TextualBody').map((b) => [b.purpose, b.value]));
    assert.deepEqual([bodies.assessing, bodies.commenting], ['confirmed', NOTE], `${what}: certainty and note`);
  }

  // Past any save delay, then past leaving the page (pagehide saves).
  await page.waitForTimeout(500);
  await afterFirstFrames(page);
  await assertStorageUntouched(page, snapshot, 'after the session');
  await page.goto(pageUrl('bridge.txt'));
  await assertStorageUntouched(page, snapshot, 'after leaving the page');
});

test('storage="none": after a reload nothing of the session is left', async () => {
  const { page } = env;
  const snapshot = await seedStorage(page);
  await openNoneWidget(page);
  const suggestionsAtStart = await suggestionsShown(page);

  await darkTheme(page);
  await setAuthor(page);
  await tagByKey(page, 'transport', 'office', '3');
  await eventually(page, async () => (await editClaims(page)).length === 1, 'one claim in the edit widget');
  const { target } = await dismissOne(page);
  await suggestionsOff(page);
  await page.waitForTimeout(500);

  await page.reload();
  await openNoneWidget(page);
  assert.deepEqual(await editClaims(page), [], 'no claim survived the reload');
  const counts = await edit(page).locator('.cm-legend li[data-certainty] .cm-count').allTextContents();
  assert.deepEqual(counts.map((c) => c.trim()), ['0', '0', '0'], 'the legend counts no claim');
  assert.equal(await suggestToggle(page).getAttribute('aria-pressed'), 'true', 'the suggestions switch is back on');
  const suggestions = await suggestionsShown(page);
  assert.ok(suggestions.some((s) => s.id === target.id), 'the dismissed suggestion is shown again');
  assert.equal(suggestions.length, suggestionsAtStart.length, 'every suggestion is back');
  const settings = {
    theme: await edit(page).locator('.claimmark').first().getAttribute('data-theme'),
    darkPressed: await toolbarSwitch(edit(page), 'Dark theme'),
    author: await (await openShare(page)).getByLabel('Your name (claim history; ClaimReview author)').inputValue(),
  };
  assert.deepEqual(
    settings,
    { theme: 'light', darkPressed: 'false', author: '' },
    `storage="none": the theme and the author name must not survive a reload, but they did (localStorage now differs from the snapshot:\n${storageDiff(snapshot, await localStorageNow(page)).join('\n')})`,
  );
  await assertStorageUntouched(page, snapshot, 'after the reload');
});
