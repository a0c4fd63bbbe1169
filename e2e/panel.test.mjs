// The claims panel (document order, certainty filter chips, search,
// jump to a claim), the overview bar, and each claim's certainty history
// with the name set once in the share panel.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTICLE, READY, card, eventually, openDemo, reloadDemo, tagByToolbar, useDemo, waitForClaims } from './harness.mjs';

const env = useDemo();

const panel = (page) => page.locator('.claimmark aside.cm-panel');
const entries = (page) =>
  panel(page)
    .locator('.cm-panel-item')
    .evaluateAll((items) =>
      items.map((b) => ({
        id: b.getAttribute('data-annotation-id'),
        certainty: b.getAttribute('data-certainty'),
        quote: b.querySelector('.cm-panel-quote')?.textContent,
        note: b.querySelector('.cm-panel-note')?.textContent ?? null,
        sources: b.querySelector('.cm-panel-sources')?.textContent,
      })),
    );
const chip = (page, name) => page.locator('.cm-legend').getByRole('button', { name: new RegExp(`^${name}`) });
const overview = (page) =>
  page.locator('.cm-overview-counts li').evaluateAll((items) =>
    Object.fromEntries(items.map((li) => [li.dataset.certainty, Number(li.querySelector('.cm-overview-count').textContent)])),
  );

async function threeClaims(page) {
  await openDemo(page);
  await tagByToolbar(page, 'Reuters exclusive', 'revealed', 'unconfirmed');
  await waitForClaims(page, 1);
  await tagByToolbar(page, 'ndreds', 'perso', 'unclear');
  await waitForClaims(page, 2);
  await tagByToolbar(page, 'withdrawals', 'follow', 'confirmed');
  await waitForClaims(page, 3);
  await page.keyboard.press('Escape');
}

test('the panel lists claims in document order; chips filter; search finds quotes and notes', async () => {
  const { page } = env;
  await threeClaims(page);
  const listed = await entries(page);
  assert.deepEqual(
    listed.map((e) => [e.certainty, e.quote]),
    [
      ['unclear', 'Hundreds of Cuban security personnel'],
      ['confirmed', 'withdrawals follow'],
      ['unconfirmed', 'Reuters exclusive revealed'],
    ],
    'document order, not creation order',
  );
  assert.equal(listed[0].sources, '0 sources');

  // A note shows in the panel and is searchable.
  await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${listed[1].id}"]`).first().click();
  await card(page).getByLabel('Note', { exact: true }).fill('Pentagon briefing confirms the timeline');
  await page.keyboard.press('Escape');
  await card(page).waitFor({ state: 'hidden' });
  await eventually(page, async () => (await entries(page))[1].note === 'Pentagon briefing confirms the timeline', 'the note shows');

  // Filter chips are toggle buttons; switching one off dims its highlights and filters the panel.
  const confirmed = chip(page, 'Confirmed');
  assert.equal(await confirmed.getAttribute('aria-pressed'), 'true');
  await confirmed.click();
  assert.equal(await confirmed.getAttribute('aria-pressed'), 'false');
  assert.deepEqual((await entries(page)).map((e) => e.certainty), ['unclear', 'unconfirmed']);
  assert.equal(await panel(page).locator('.cm-panel-count').textContent(), '2 of 3 claims shown');
  const tint = (id) =>
    page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${id}"]`).first().evaluate((m) => getComputedStyle(m).backgroundColor);
  assert.equal(await tint(listed[1].id), 'rgba(0, 0, 0, 0)', 'the confirmed highlight loses its tint');
  assert.notEqual(await tint(listed[0].id), 'rgba(0, 0, 0, 0)', 'the others keep theirs');
  await chip(page, 'Unclear').click();
  assert.deepEqual((await entries(page)).map((e) => e.certainty), ['unconfirmed']);
  await chip(page, 'Unclear').click();
  await confirmed.click();
  assert.equal((await entries(page)).length, 3);

  const search = panel(page).getByRole('searchbox', { name: 'Search quotes and notes' });
  await search.fill('reuters');
  assert.deepEqual((await entries(page)).map((e) => e.certainty), ['unconfirmed'], 'search is case-insensitive over quotes');
  await search.fill('pentagon');
  assert.deepEqual((await entries(page)).map((e) => e.id), [listed[1].id], 'and over notes');
  await search.fill('nothing like this');
  assert.equal((await entries(page)).length, 0);
  await search.fill('');

  // Choosing an entry scrolls to the highlight and focuses it.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await panel(page).locator(`.cm-panel-item[data-annotation-id="${listed[0].id}"]`).click();
  await eventually(
    page,
    () => page.evaluate(() => document.activeElement?.getAttribute('data-annotation-id')),
    'a highlight has focus',
  );
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-annotation-id')), listed[0].id);
  const box = await page.evaluate(() => document.activeElement.getBoundingClientRect().toJSON());
  assert.ok(box.top >= 0 && box.bottom <= 900, `the highlight is on screen (${JSON.stringify(box)})`);

  // A certainty change shows in its entry at once; the other entries are
  // left as they were (the same elements: nothing in the panel is rebuilt).
  await panel(page).locator('.cm-panel-item').evaluateAll((items) => items.forEach((b) => (b.dataset.seen = 'before')));
  await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${listed[2].id}"]`).first().click();
  await card(page).getByRole('button', { name: /^Confirmed/ }).click();
  await eventually(page, async () => (await entries(page))[2].certainty === 'confirmed', 'the entry shows the new certainty');
  assert.deepEqual(
    (await entries(page)).map((e) => [e.id, e.certainty]),
    [[listed[0].id, 'unclear'], [listed[1].id, 'confirmed'], [listed[2].id, 'confirmed']],
  );
  assert.deepEqual(
    await panel(page).locator('.cm-panel-item').evaluateAll((items) => items.map((b) => b.dataset.seen)),
    ['before', 'before', 'before'],
  );
});

test('the overview counts sentences by certainty and its bar follows live', async () => {
  const { page } = env;
  await openDemo(page);
  // Counted once the article has painted and the page is idle; before the
  // first claim the overview says so in words instead of an empty bar.
  const before = await eventually(
    page,
    async () => page.locator('.cm-overview-empty').textContent({ timeout: 100 }).catch(() => null),
    'the overview has counted the sentences',
  );
  assert.equal(await page.locator('.cm-overview[aria-busy]').count(), 0, 'and is no longer busy');
  const total = Number(before.match(/^(\d+) sentences, none tagged yet$/)?.[1]);
  assert.ok(total > 5, `the demo has sentences (${before})`);
  assert.equal(await page.locator('svg.cm-overview-bar').count(), 0, 'no empty bar');
  await tagByToolbar(page, 'ndreds', 'perso', 'unclear');
  await waitForClaims(page, 1);
  await tagByToolbar(page, 'Reuters exclusive', 'revealed', 'confirmed');
  await waitForClaims(page, 2);
  await eventually(page, async () => (await overview(page)).unclear === 1, 'the overview updates');
  assert.deepEqual(await overview(page), { confirmed: 1, unclear: 1, unconfirmed: 0, untagged: total - 2 });
  const bar = page.locator('svg.cm-overview-bar[role="img"]');
  assert.match(await bar.getAttribute('aria-label'), /1 confirmed, 1 unclear, 0 unconfirmed/);
  const widths = await bar.locator('rect.cm-overview-part').evaluateAll((rects) =>
    Object.fromEntries(rects.map((r) => [r.dataset.certainty, Number(r.getAttribute('width'))])),
  );
  assert.ok(widths.confirmed > 0 && widths.unclear > 0 && widths.unconfirmed === 0, JSON.stringify(widths));
  assert.equal(widths.confirmed + widths.unclear + widths.unconfirmed + widths.untagged, 300, 'the parts fill the bar');
});

test('each certainty change is recorded with who and when, and survives a reload', async () => {
  const { page } = env;
  await openDemo(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByLabel('Your name (claim history; ClaimReview author)').fill('Ana Ruiz');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await tagByToolbar(page, 'ndreds', 'perso', 'unclear');
  const [claim] = await waitForClaims(page, 1);
  await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${claim.id}"]`).first().click();
  let dialog = card(page);
  await dialog.getByRole('button', { name: /^Confirmed/ }).click();
  await eventually(
    page,
    async () => (await page.locator('.claimmark [role="status"][aria-live="polite"]').first().textContent()) === 'Claim marked Confirmed.',
    'a change made in the card is announced',
  );
  const lines = async () => {
    const history = card(page).locator('details.cm-history');
    if (!(await history.evaluate((d) => d.open))) await history.locator('summary').click();
    return history.locator('li').allTextContents();
  };
  await eventually(page, async () => (await lines()).length === 2, 'two history lines');
  const [latest, first] = await lines();
  assert.match(latest, /^Unclear → Confirmed, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, by Ana Ruiz$/);
  assert.match(first, /^Created as Unclear, .* by Ana Ruiz$/);
  await reloadDemo(page);
  await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${claim.id}"]`).first().click();
  dialog = card(page);
  await dialog.waitFor({ state: 'visible' });
  assert.equal((await lines()).length, 2, 'history is stored');
});

test('a long investigation: the panel lists the first 100 matching claims and shows more on request', async () => {
  const { page } = env;
  await openDemo(page);
  await tagByToolbar(page, 'ndreds', 'perso', 'unclear');
  await waitForClaims(page, 1);
  // 150 claims in storage (copies of the one made, each with its own id), then reload.
  const key = await eventually(
    page,
    () => page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('claimmark:v1:doc:'))),
    'the claim is saved',
  );
  await page.evaluate((k) => {
    const envelope = JSON.parse(localStorage.getItem(k));
    // Compact rows (crates/claimmark-core/src/storage/compact.rs): the id first, the note in the
    // optional eighth element.
    const [one] = envelope.claims;
    envelope.claims = Array.from({ length: 150 }, (_, i) => {
      const row = [...one];
      row[0] = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      if (i === 120) row[7] = { ...(row[7] ?? {}), n: 'the one with a needle' };
      return row;
    });
    localStorage.setItem(k, JSON.stringify(envelope));
  }, key);
  await reloadDemo(page);
  const count = panel(page).locator('.cm-panel-count');
  await eventually(page, async () => (await count.textContent()) === '150 of 150 claims shown, the first 100 listed', 'the count says what is listed');
  assert.equal((await entries(page)).length, 100);
  await panel(page).getByRole('button', { name: 'Show 50 more', exact: true }).click();
  await eventually(page, async () => (await entries(page)).length === 150, 'all are listed');
  assert.equal(await count.textContent(), '150 of 150 claims shown');
  assert.equal(await panel(page).getByRole('button', { name: /^Show \d+ more$/ }).count(), 0, 'nothing more to show');
  // Search reaches claims beyond the listed ones.
  await page.reload();
  await page.waitForSelector(READY, { state: 'attached', timeout: 15_000 });
  await panel(page).getByRole('searchbox', { name: 'Search quotes and notes' }).fill('needle');
  await eventually(page, async () => (await entries(page)).length === 1, 'search finds the 121st claim');
  assert.equal((await entries(page))[0].note, 'the one with a needle');
});
