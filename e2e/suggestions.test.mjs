// 8. The certainty assistant's suggestions: shown on the seed article,
//    accepted as claims, dismissed for good, switched off and on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ARTICLE,
  LABELS,
  READY,
  afterFirstFrames,
  dragSelect,
  eventually,
  legendCounts,
  openDemo,
  reloadDemo,
  textPoints,
  toolbar,
  useDemo,
  waitForClaims,
} from './harness.mjs';

const env = useDemo();

const SUGGESTION = `${ARTICLE} .cm-suggestion`;

/** Every suggestion shown: [{ id, certainty, title, text }]. */
async function suggestionsShown(page) {
  return page.locator(SUGGESTION).evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('data-suggestion-id'),
      certainty: el.getAttribute('data-suggestion-certainty'),
      title: el.getAttribute('title'),
      label: el.getAttribute('aria-label'),
      text: [...el.querySelectorAll('.cm-run')].map((r) => r.textContent).join(''),
      cues: [...el.querySelectorAll('.cm-cue[data-cue-kind]')].length,
    })),
  );
}

/** Opens the demo and waits for its suggestions (an idle callback after the first frames). */
async function openWithSuggestions(page) {
  await openDemo(page);
  await page.locator(SUGGESTION).first().waitFor({ state: 'attached' });
}

function popover(page) {
  return page.locator('[role=dialog].cm-suggest-pop');
}

async function openSuggestion(page, id) {
  // A cue word: short, on one line, so the click lands on the suggestion.
  await page.locator(`${SUGGESTION}[data-suggestion-id="${id}"] .cm-cue`).first().click();
  const dialog = popover(page);
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

function toggle(page) {
  return page.getByRole('button', { name: /^Suggestions: (on|off)$/ });
}

test('the seed article shows suggestions with their reasons, apart from claims', async () => {
  const { page } = env;
  await openWithSuggestions(page);
  const shown = await suggestionsShown(page);
  assert.ok(shown.length > 0, 'the seed article has suggestions');
  for (const s of shown) {
    assert.ok(['confirmed', 'unclear', 'unconfirmed'].includes(s.certainty), JSON.stringify(s));
    assert.match(s.title, new RegExp(`^Suggested ${s.certainty} — \\S`), 'the title says why');
    assert.match(s.label, new RegExp(`^Suggested ${s.certainty} claim: `), 'the name says the certainty in words');
    assert.ok(s.cues > 0, `cue words are marked in ${JSON.stringify(s.text)}`);
  }
  assert.equal(await page.locator(`${SUGGESTION} mark, ${ARTICLE} mark .cm-suggestion`).count(), 0, 'suggestions are not claims');
  assert.equal(await toggle(page).getAttribute('aria-pressed'), 'true');
  // Drawn apart from claims and quieter (issue 24): at rest only a marker
  // at the sentence's start, no box, tint or underline; a dotted box on
  // hover (and in "Review suggestions" mode, first-impression.test.mjs).
  const first = page.locator(SUGGESTION).first();
  const style = () =>
    first.evaluate((el) => {
      const css = getComputedStyle(el);
      return { outline: css.outlineStyle, background: css.backgroundColor, marker: getComputedStyle(el, '::before').content };
    });
  await page.mouse.move(1, 1);
  const rest = await style();
  assert.deepEqual({ outline: rest.outline, background: rest.background }, { outline: 'none', background: 'rgba(0, 0, 0, 0)' });
  assert.notEqual(rest.marker, 'none', 'the marker shows at rest');
  await first.hover();
  assert.equal((await style()).outline, 'dotted');
});

test('accepting a suggestion highlights its sentence and counts it in the legend', async () => {
  const { page } = env;
  await openWithSuggestions(page);
  const [first] = await suggestionsShown(page);
  const before = await legendCounts(page);
  const dialog = await openSuggestion(page, first.id);
  assert.ok((await dialog.textContent()).includes(first.title.replace(/^Suggested \w+ — /, '')), 'the popover explains');
  await dialog.getByRole('button', { name: `Accept as ${LABELS[first.certainty]}`, exact: true }).click();
  const [claim] = await waitForClaims(page, 1);
  assert.equal(claim.certainty, first.certainty);
  assert.equal(claim.text, first.text);
  const after = await legendCounts(page);
  assert.equal(after[first.certainty], before[first.certainty] + 1, 'the legend counts the new claim');
  assert.equal(await page.locator(`${SUGGESTION}[data-suggestion-id="${first.id}"]`).count(), 0, 'no longer suggested');
  await popover(page).waitFor({ state: 'hidden' });

  // The claim carries the cues as its note and survives a reload.
  await reloadDemo(page);
  const [again] = await waitForClaims(page, 1);
  assert.equal(again.id, claim.id);
  await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${claim.id}"]`).first().click();
  const card = page.locator('[role=dialog].cm-card');
  await card.waitFor({ state: 'visible' });
  assert.match(await card.getByLabel('Note', { exact: true }).inputValue(), /^Suggested by cues: /);
});

test('a dismissed suggestion is gone, and stays gone after a reload', async () => {
  const { page } = env;
  await openWithSuggestions(page);
  const shown = await suggestionsShown(page);
  const target = shown[1] ?? shown[0];
  const dialog = await openSuggestion(page, target.id);
  await dialog.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await eventually(
    page,
    async () => (await page.locator(`${SUGGESTION}[data-suggestion-id="${target.id}"]`).count()) === 0,
    'the dismissed suggestion goes',
  );
  assert.equal((await suggestionsShown(page)).length, shown.length - 1);
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 0, unconfirmed: 0 }, 'no claim made');

  await reloadDemo(page);
  await page.locator(SUGGESTION).first().waitFor({ state: 'attached' });
  const reloaded = await suggestionsShown(page);
  assert.equal(reloaded.length, shown.length - 1);
  assert.ok(!reloaded.some((s) => s.id === target.id), 'still dismissed after a reload');
  const stored = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('claimmark:v1:dismissed:')).map((k) => JSON.parse(localStorage.getItem(k))),
  );
  assert.equal(stored.length, 1);
  assert.equal(stored[0].length, 1, 'one dismissal stored');
});

test('the switch hides every suggestion and is remembered after a reload', async () => {
  const { page } = env;
  await openWithSuggestions(page);
  assert.ok((await page.locator(SUGGESTION).count()) > 0);
  await toggle(page).click();
  await eventually(page, async () => (await page.locator('.cm-suggestion').count()) === 0, 'no suggestion in the DOM');
  assert.equal(await toggle(page).getAttribute('aria-pressed'), 'false');
  assert.equal((await toggle(page).textContent()).trim(), 'Suggestions: off');

  await reloadDemo(page);
  assert.equal(await page.locator('.cm-suggestion').count(), 0, 'still off after a reload');
  assert.equal(await toggle(page).getAttribute('aria-pressed'), 'false');

  await toggle(page).click();
  await page.locator(SUGGESTION).first().waitFor({ state: 'attached' });
  assert.equal(await toggle(page).getAttribute('aria-pressed'), 'true');
});

test('Enter on a focused suggestion opens its popover; Escape closes it and returns the focus', async () => {
  const { page } = env;
  await openWithSuggestions(page);
  const [first] = await suggestionsShown(page);
  const wrapper = page.locator(`${SUGGESTION}[data-suggestion-id="${first.id}"]`);
  await wrapper.focus();
  await page.keyboard.press('Enter');
  await popover(page).waitFor({ state: 'visible' });
  await eventually(
    page,
    async () => (await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')).startsWith('Accept as'),
    'the popover takes the focus',
  );
  await page.keyboard.press('Escape');
  await popover(page).waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-suggestion-id')), first.id);
});

/**
 * Holds the page's idle callbacks until `window.__idle.release()`: the
 * suggestions wait for one, so the test decides when they are worked out.
 */
async function holdIdleCallbacks(page) {
  await page.addInitScript(() => {
    const held = new Map();
    let next = 1;
    const request = window.requestIdleCallback.bind(window);
    const cancel = window.cancelIdleCallback.bind(window);
    const real = new Map();
    window.requestIdleCallback = (callback) => {
      const id = next++;
      held.set(id, callback);
      return id;
    };
    window.cancelIdleCallback = (id) => {
      held.delete(id);
      if (real.has(id)) cancel(real.get(id));
    };
    window.__idle = {
      waiting: () => held.size,
      release() {
        for (const [id, callback] of held) real.set(id, request(callback));
        held.clear();
      },
    };
  });
}

async function openHeld(page) {
  await holdIdleCallbacks(page);
  await page.goto(env.url);
  await page.waitForSelector(READY, { state: 'attached', timeout: 15_000 });
  await page.waitForFunction(() => window.__idle.waiting() > 0);
  assert.equal(await page.locator(SUGGESTION).count(), 0, 'no suggestion before the idle callback');
}

test('a selection made before the suggestions arrive is kept; they follow once it is tagged', async () => {
  const { page } = env;
  await openHeld(page);
  const selected = await dragSelect(page, page.locator(ARTICLE), 'Cuban security', 'personnel');
  assert.equal(selected, 'Cuban security personnel');
  await toolbar(page).waitFor({ state: 'visible' });

  await page.evaluate(() => window.__idle.release());
  // Three frames and tasks: time for a render the released callbacks start.
  await afterFirstFrames(page, 3);
  assert.equal(await page.evaluate(() => String(window.getSelection())), 'Cuban security personnel', 'the selection is untouched');
  assert.equal(await page.locator(SUGGESTION).count(), 0, 'suggestions wait while a selection is pending');
  assert.ok(await toolbar(page).isVisible());

  await page.keyboard.press('1');
  const [claim] = await waitForClaims(page, 1);
  assert.equal(claim.text, 'Cuban security personnel');
  assert.equal(claim.certainty, 'confirmed');
  await eventually(page, async () => (await page.locator(SUGGESTION).count()) > 0, 'suggestions follow the tagging');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-annotation-id'));
  assert.equal(focused, claim.id, 'the new highlight keeps the focus when the suggestions come');
});

test('a drag under way when the suggestions are ready ends on the text it was dragged over', async () => {
  const { page } = env;
  await openHeld(page);
  const { start, end } = await textPoints(page, page.locator(ARTICLE), 'Eleven sources', 'Reuters');
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });

  await page.evaluate(() => window.__idle.release());
  // Three frames and tasks: time for a render the released callbacks start.
  await afterFirstFrames(page, 3);
  assert.equal(await page.locator(SUGGESTION).count(), 0, 'suggestions wait while the button is down');

  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
  await toolbar(page).waitFor({ state: 'visible' });
  await toolbar(page).getByRole('button', { name: LABELS.unclear, exact: true }).click();
  const [claim] = await waitForClaims(page, 1);
  assert.equal(claim.text, 'Eleven sources familiar with the situation told Reuters');
  assert.equal(claim.certainty, 'unclear');
  await eventually(page, async () => (await page.locator(SUGGESTION).count()) > 0, 'suggestions follow the drag');
});

test('with no selection, the suggestions come as soon as the page is idle', async () => {
  const { page } = env;
  await openHeld(page);
  await page.evaluate(() => window.__idle.release());
  await eventually(page, async () => (await page.locator(SUGGESTION).count()) > 0, 'suggestions shown');
});
