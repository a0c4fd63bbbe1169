// A long investigation: blocks far from the viewport show their text at
// once and their marks when they come near, and give them back once far
// behind; the keyboard still reaches every claim; printing shows every mark.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTICLE, afterFirstFrames, eventually, legendCounts, openDemo, openPastedArticle, reloadDemo, tagByToolbar, useDemo, waitForClaims } from './harness.mjs';

const env = useDemo();

/** `count` paragraphs of about 600 characters (48,000 for 80), each naming its number. */
function longArticle(count = 80) {
  const paragraphs = [];
  for (let i = 0; i < count; i++) {
    const words = [`Paragraph${i}`, 'officials', 'said', 'the', 'convoy', 'crossed', 'the', 'border', 'at', 'dawn,', 'according', 'to', 'witnesses.'];
    let text = '';
    while (text.length < 600) text += `${words.join(' ')} `;
    paragraphs.push(text.trim());
  }
  return paragraphs.join('\n\n');
}

/** The ids of the claims that have marks in the article. */
const marked = (page) =>
  page.locator(`${ARTICLE} mark.cm-claim`).evaluateAll((marks) => [...new Set(marks.map((m) => m.dataset.annotationId))]);

/**
 * Opens `text` as a pasted article with one claim at the start of each
 * paragraph of `paragraphs` ("ParagraphN officials said", ids `ids`),
 * written to storage in its compact rows (crates/claimmark-core/src/storage/compact.rs), then
 * reloads the demo so that it reads them.
 */
async function openWithClaims(page, text, paragraphs, ids) {
  await openDemo(page);
  await openPastedArticle(page, text);
  await page.locator(`${ARTICLE} .cm-block`).nth(paragraphs.at(-1)).waitFor({ state: 'attached' });
  await tagByToolbar(page, 'Paragraph0', 'officials', 'unclear');
  await waitForClaims(page, 1);
  // Opening a pasted article stores its text at once; the claim follows.
  const key = await eventually(
    page,
    () =>
      page.evaluate(() =>
        Object.keys(localStorage).find((k) => k.startsWith('claimmark:v1:doc:') && JSON.parse(localStorage.getItem(k)).claims.length === 1),
      ),
    'the claim is saved',
  );
  // Rows: [id, start, end, certainty (0 confirmed), created, modified
  // after created, 0 = the quote is the stored text's].
  const rowAt = (n, id) => {
    const start = text.indexOf(`Paragraph${n} `);
    const exact = `Paragraph${n} officials said`;
    return [id, start, start + exact.length, 0, Date.parse('2026-02-25T10:00:00Z'), 0, 0];
  };
  await page.evaluate(
    ([k, rows]) => {
      const envelope = JSON.parse(localStorage.getItem(k));
      envelope.claims = rows;
      localStorage.setItem(k, JSON.stringify(envelope));
    },
    [key, paragraphs.map((n, i) => rowAt(n, ids[i]))],
  );
  // At the top, so that the reload opens there (no scroll restored).
  await page.evaluate(() => window.scrollTo(0, 0));
  await reloadDemo(page);
}

test('a long article: far blocks get their marks near the viewport; End reaches the last claim; print shows all', async () => {
  const { page } = env;
  const text = longArticle();
  const ids = ['00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000040', '00000000-0000-4000-8000-000000000079'];
  await openWithClaims(page, text, [0, 40, 79], ids);
  await eventually(page, async () => (await marked(page)).includes(ids[0]), 'the first claim has its marks');
  const blocks = page.locator(`${ARTICLE} .cm-block`);
  assert.equal(await blocks.count(), 80, 'every block is in the DOM');
  assert.equal(await blocks.nth(79).textContent(), text.split('\n\n')[79], 'with its text');
  assert.deepEqual(await marked(page), [ids[0]], 'far blocks show no marks yet');
  assert.deepEqual(await legendCounts(page), { confirmed: 3, unclear: 0, unconfirmed: 0 }, 'the legend counts every claim');

  // Scrolling near paragraph 40 gives it its marks.
  await blocks.nth(40).scrollIntoViewIfNeeded();
  await eventually(page, async () => (await marked(page)).includes(ids[1]), 'the middle claim gets its marks');

  // End, from the first claim, focuses the last claim, in a block that had no marks.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${ids[0]}"][tabindex]`).focus();
  await page.keyboard.press('End');
  await eventually(page, () => page.evaluate(() => document.activeElement?.dataset.annotationId), 'a claim has focus');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.annotationId), ids[2]);
  await page.keyboard.press('ArrowLeft');
  await eventually(page, async () => (await page.evaluate(() => document.activeElement?.dataset.annotationId)) === ids[1], 'left goes back to the middle claim');

  // Print media: every block shows its marks, and the claim list is built.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.emulateMedia({ media: 'print' });
  await eventually(page, async () => (await marked(page)).length === 3, 'every claim has its marks for print');
  await page.locator('.cm-print-claims li').nth(2).waitFor({ state: 'visible' });
  await page.emulateMedia({ media: 'screen' });
});

test("a long article: the assistant's suggestions come with the marks, block by block as they come near", async () => {
  const { page } = env;
  // 80 paragraphs of about 600 characters, each sentence hedged ("unclear").
  const paragraphs = [];
  for (let i = 0; i < 80; i++) {
    let text = '';
    while (text.length < 600) text += `It is unclear whether convoy ${i} crossed the border at dawn. `;
    paragraphs.push(text.trim());
  }
  await openDemo(page);
  await openPastedArticle(page, paragraphs.join('\n\n'));
  const blocks = page.locator(`${ARTICLE} .cm-block`);
  await blocks.nth(79).waitFor({ state: 'attached' });
  const suggestionsIn = (n) => blocks.nth(n).locator('.cm-suggestion').count();
  await eventually(page, async () => (await suggestionsIn(0)) > 0, 'the first paragraph shows its suggestions');
  assert.equal(await blocks.nth(79).textContent(), paragraphs[79], 'a far block shows its text');
  assert.equal(await suggestionsIn(79), 0, 'and no suggestion yet');
  await blocks.nth(79).scrollIntoViewIfNeeded();
  await eventually(page, async () => (await suggestionsIn(79)) > 0, 'the last paragraph gets its suggestions when near');
  const certainty = await blocks.nth(79).locator('.cm-suggestion').first().getAttribute('data-suggestion-certainty');
  assert.equal(certainty, 'unclear');
});

test('a long article: blocks far behind give their marks back, keep their text, and get them again when near', async () => {
  const { page } = env;
  // 240 paragraphs: tens of screens, so "far" does not hang on the layout.
  const text = longArticle(240);
  const ids = ['00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000239'];
  await openWithClaims(page, text, [0, 3, 239], ids);
  await eventually(page, async () => (await marked(page)).includes(ids[1]), 'a claim near the top has its marks');
  const blocks = page.locator(`${ARTICLE} .cm-block`);

  await blocks.nth(239).scrollIntoViewIfNeeded();
  await eventually(page, async () => (await marked(page)).includes(ids[2]), 'the last claim gets its marks');
  await eventually(page, async () => !(await marked(page)).includes(ids[1]), 'the claim far behind gives its marks back');
  assert.equal(await blocks.nth(3).textContent(), text.split('\n\n')[3], 'its block keeps its text');
  assert.ok((await marked(page)).includes(ids[0]), "the claim holding the keyboard's tab stop keeps its marks");
  assert.deepEqual(await legendCounts(page), { confirmed: 3, unclear: 0, unconfirmed: 0 }, 'the legend still counts every claim');

  await page.evaluate(() => window.scrollTo(0, 0));
  await eventually(page, async () => (await marked(page)).includes(ids[1]), 'back near, the claim has its marks again');
  await eventually(page, async () => !(await marked(page)).includes(ids[2]), 'and the last one, now far, gives them back');
});

test('a long article on a small screen: the marks built at first stay until the page moves', async () => {
  const { page } = env;
  await page.setViewportSize({ width: 375, height: 400 });
  try {
    const text = longArticle(240);
    // Paragraph 15 starts about 9,600 characters in: its marks are built
    // in the first render (the first 10,000 characters), though on this
    // screen its chunk (paragraphs 8 to 15) is more than six screens down.
    const ids = ['00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000015'];
    await openWithClaims(page, text, [0, 15], ids);
    await eventually(page, async () => (await marked(page)).includes(ids[1]), 'the claim in paragraph 15 has its marks');
    const far = await page.evaluate((id) => {
      const chunk = document.querySelector(`mark.cm-claim[data-annotation-id="${id}"]`).closest('.cm-chunk');
      return chunk.getBoundingClientRect().top / window.innerHeight;
    }, ids[1]);
    assert.ok(far > 7, `its chunk starts more than six screens below the viewport (${far.toFixed(1)} screens down)`);
    // Some frames later, nothing has taken them back.
    await afterFirstFrames(page, 10);
    assert.ok((await marked(page)).includes(ids[1]), 'its marks are still there');
    // Once the page moves, the far block gives them back as any other.
    await page.evaluate(() => window.scrollBy(0, 40));
    await eventually(page, async () => !(await marked(page)).includes(ids[1]), 'after a scroll, the far claim gives its marks back');
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});
