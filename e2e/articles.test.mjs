// 4. Each article keeps its own claims; reloading reopens the article last opened.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ARTICLE,
  SEED_START,
  blockTexts,
  claimsShown,
  dragSelect,
  eventually,
  legendCounts,
  openDemo,
  openDemoArticle,
  openLoadPanel,
  openPastedArticle,
  reloadDemo,
  tagByToolbar,
  toolbar,
  useDemo,
  waitForClaims,
} from './harness.mjs';

const env = useDemo();

const PASTED = [
  'Harbour authorities reported that three cargo vessels were held outside the port of Valmora on Monday morning.',
  'Officials blamed a broken gantry crane for the delay, although dock workers disputed that account in interviews.',
  'A spokesperson for the shipping company declined to comment on the dispute or on the expected losses.',
];
const PASTED_TEXT = PASTED.join('\n\n') + '\n';

async function showsPasted(page) {
  return eventually(
    page,
    async () => {
      const texts = await blockTexts(page);
      return texts.length === PASTED.length && texts.every((t, i) => t === PASTED[i]) && texts;
    },
    'the pasted article is shown, one block per paragraph',
  );
}

async function showsSeed(page) {
  return eventually(
    page,
    async () => {
      const first = await page.locator(`${ARTICLE} p.cm-paragraph`).first().textContent().catch(() => '');
      const dated = await page.locator(`${ARTICLE} p.cm-dateline time[datetime="2026-02-25"]`).count();
      return dated === 1 && first.replace(/\s+/g, ' ').trim().startsWith(SEED_START);
    },
    'the seed article is shown',
  );
}

/** The pasted article shown, the load panel open, "cargo vessels" selected and the toolbar up. */
async function selectInPastedArticle(page) {
  await openDemo(page);
  await openPastedArticle(page, PASTED_TEXT);
  await showsPasted(page);
  await openLoadPanel(page);
  await dragSelect(page, page.locator(ARTICLE), 'cargo', 'vessels');
  await toolbar(page).waitFor({ state: 'visible' });
}

test('a pasted article has its own claims, the seed keeps its own, and reload reopens the last article', async () => {
  const { page } = env;
  await openDemo(page);

  // A claim on the seed first.
  await tagByToolbar(page, 'Cuban security', 'personnel', 'confirmed');
  const [seedClaim] = await waitForClaims(page, 1);
  assert.equal(seedClaim.text, 'Cuban security personnel');

  // Open a pasted article: it starts without claims.
  await openPastedArticle(page, PASTED_TEXT);
  await showsPasted(page);
  await waitForClaims(page, 0);
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 0, unconfirmed: 0 }, 'legend counts the open article only');

  // Tag a claim in it (second paragraph, mid-word to mid-word).
  await tagByToolbar(page, 'roken gantry', 'cra', 'unconfirmed');
  const [pastedClaim] = await waitForClaims(page, 1);
  assert.equal(pastedClaim.text, 'broken gantry crane');
  assert.equal(pastedClaim.certainty, 'unconfirmed');
  assert.notEqual(pastedClaim.id, seedClaim.id);
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 0, unconfirmed: 1 });

  // Back to the demo article: its own claim, not the pasted one.
  await openDemoArticle(page);
  await showsSeed(page);
  const seedAgain = await waitForClaims(page, 1);
  assert.deepEqual(seedAgain[0], seedClaim, 'the seed shows its own claim only');
  assert.deepEqual(await legendCounts(page), { confirmed: 1, unclear: 0, unconfirmed: 0 });

  // Paste the same text again: its claim is back.
  await openPastedArticle(page, PASTED_TEXT);
  await showsPasted(page);
  const pastedAgain = await waitForClaims(page, 1);
  assert.deepEqual(pastedAgain[0], pastedClaim, 'the pasted article finds its claim again');
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 0, unconfirmed: 1 });

  // Reload: the article last opened (the pasted one) is shown, with its claim.
  await reloadDemo(page);
  await showsPasted(page);
  const afterReload = await waitForClaims(page, 1);
  assert.deepEqual(afterReload[0], pastedClaim);

  // And after going back to the demo, a reload shows the demo.
  await openDemoArticle(page);
  await showsSeed(page);
  await reloadDemo(page);
  await showsSeed(page);
  const seedAfterReload = await waitForClaims(page, 1);
  assert.deepEqual(seedAfterReload[0], seedClaim);
});

test('an article opened from a .txt file is shown and keeps its claims', async () => {
  const { page } = env;
  await openDemo(page);
  await openLoadPanel(page);
  const input = page.getByLabel('Article file (.txt)', { exact: true });
  assert.equal(await input.count(), 1, 'a file input labelled "Article file (.txt)"');
  await input.setInputFiles({ name: 'harbour.txt', mimeType: 'text/plain', buffer: Buffer.from(PASTED_TEXT, 'utf8') });
  // Choosing the file may open it at once; if not, "Open article" does.
  const opened = await eventually(page, async () => (await blockTexts(page))[0] === PASTED[0], 'file opened', 2_000).catch(() => false);
  if (!opened) await page.getByRole('button', { name: 'Open article', exact: true }).click();
  await showsPasted(page);

  await tagByToolbar(page, 'cargo', 'vessels', 'confirmed');
  const [claim] = await waitForClaims(page, 1);
  assert.equal(claim.text, 'cargo vessels');

  // Pasting the same text is the same article (keyed by a hash of its text).
  await openDemoArticle(page);
  await showsSeed(page);
  await openPastedArticle(page, PASTED_TEXT);
  await showsPasted(page);
  const again = await waitForClaims(page, 1);
  assert.deepEqual(again[0], claim);
  assert.deepEqual(await claimsShown(page), again);
});

test('a claim made just before another article is opened is saved with its own article', async () => {
  const { page } = env;
  await selectInPastedArticle(page);
  // The moment the new claim's mark appears, well inside the 100 ms the
  // widget waits before it saves, the demo article is opened.
  await page.evaluate((article) => {
    const root = document.querySelector(article);
    const observer = new MutationObserver(() => {
      if (!root.querySelector('mark.cm-claim')) return;
      observer.disconnect();
      const demo = [...document.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent).trim() === 'Demo article');
      demo.click();
    });
    observer.observe(root, { childList: true, subtree: true });
  }, ARTICLE);
  await toolbar(page).getByRole('button', { name: 'Confirmed', exact: true }).click();
  await showsSeed(page);
  await waitForClaims(page, 0);

  await openPastedArticle(page, PASTED_TEXT);
  await showsPasted(page);
  const [claim] = await waitForClaims(page, 1);
  assert.equal(claim.text, 'cargo vessels', 'the claim was saved with the article it was made in');
  assert.equal(claim.certainty, 'confirmed');
});

test('an article left and opened again at once shows the claim just made in it', async () => {
  const { page } = env;
  await selectInPastedArticle(page);
  // The moment the new claim's mark appears, the demo article is opened,
  // and the moment that shows, the pasted article again: both well inside
  // the 100 ms the widget waits before it saves a change.
  await page.evaluate(({ article, text }) => {
    const widget = document.querySelector('.claimmark');
    const button = (name) => [...widget.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
    let step = 'tagging';
    const observer = new MutationObserver(() => {
      const shown = document.querySelector(article);
      if (step === 'tagging' && shown.querySelector('mark.cm-claim')) {
        step = 'leaving';
        window.__leftAt = performance.now();
        button('Demo article').click();
      } else if (step === 'leaving' && shown.querySelector('time[datetime="2026-02-25"]')) {
        step = 'loading';
        button('Load article').click();
      } else if (step === 'loading' && widget.querySelector('textarea')) {
        step = 'done';
        observer.disconnect();
        widget.querySelector('textarea').value = text;
        window.__backAt = performance.now();
        button('Open article').click();
      }
    });
    observer.observe(widget, { childList: true, subtree: true });
  }, { article: ARTICLE, text: PASTED_TEXT });
  await toolbar(page).getByRole('button', { name: 'Confirmed', exact: true }).click();
  const [left, back] = await eventually(page, () => page.evaluate(() => window.__backAt && [window.__leftAt, window.__backAt]), 'the demo article showed, then the pasted one was opened again');
  assert.ok(back - left < 100, `opened again ${back - left} ms after the claim was made: inside the save delay`);
  await showsPasted(page);
  const [claim] = await waitForClaims(page, 1);
  assert.equal(claim.text, 'cargo vessels', 'the claim is shown in the article opened again');
});
