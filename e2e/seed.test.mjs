// 1. The seed article renders: dateline, paragraphs, text runs, legend.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTICLE, CERTAINTIES, SEED_START, claimsShown, legendCounts, openDemo, useDemo } from './harness.mjs';

const env = useDemo();

test('the seed article renders with its dateline, paragraphs and an empty legend', async () => {
  const { page } = env;
  await openDemo(page);

  const root = page.locator('.claimmark');
  await root.waitFor({ state: 'visible' });
  assert.equal(await root.locator(ARTICLE).count(), 1, 'one article.cm-article inside .claimmark');

  const dateline = page.locator(`${ARTICLE} p.cm-dateline`);
  assert.equal(await dateline.count(), 1, 'one p.cm-dateline');
  assert.ok(await dateline.isVisible(), 'the dateline is visible');
  const time = dateline.locator('time[datetime="2026-02-25"]');
  assert.equal(await time.count(), 1, 'the dateline holds <time datetime="2026-02-25">');
  assert.notEqual((await time.textContent()).trim(), '', 'the time element shows a date');

  const paragraphs = page.locator(`${ARTICLE} p.cm-paragraph`);
  const n = await paragraphs.count();
  assert.ok(n >= 10, `at least 10 paragraphs, found ${n}`);
  const first = (await paragraphs.first().textContent()).replace(/\s+/g, ' ').trim();
  assert.ok(first.startsWith(SEED_START), `first paragraph starts with the seed text, got ${JSON.stringify(first.slice(0, 90))}`);
  assert.ok(
    (await page.locator(`${ARTICLE} .cm-block`).count()) >= n + 1,
    'the dateline and paragraphs are .cm-block elements',
  );

  // Legend: one entry per certainty, all at zero; nothing highlighted yet.
  const legend = page.locator('.cm-legend');
  assert.ok(await legend.isVisible(), 'the legend is visible');
  for (const c of CERTAINTIES) {
    assert.equal(await legend.locator(`li[data-certainty=${c}]`).count(), 1, `one legend entry for ${c}`);
  }
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 0, unconfirmed: 0 });
  assert.deepEqual(await claimsShown(page), [], 'no highlight on a fresh page');

  // No storage warning when storage works.
  assert.equal(await page.locator('[role=alert].cm-banner').count(), 0, 'no storage banner with working storage');
});

test('every run of paragraph text carries data-s/data-e offsets matching its length', async () => {
  const { page } = env;
  await openDemo(page);
  const report = await page.evaluate((articleSel) => {
    const article = document.querySelector(articleSel);
    const problems = [];
    // Every visible bit of paragraph text sits inside an element with data-s and data-e.
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim()) continue;
      if (!n.parentElement.closest('p.cm-paragraph')) continue;
      const run = n.parentElement.closest('[data-s]');
      if (!run || !article.contains(run) || !run.hasAttribute('data-e')) problems.push(`text outside a run: ${JSON.stringify(n.data)}`);
    }
    // Innermost runs: e - s equals the code-point length of their text; runs go forward.
    const runs = [...article.querySelectorAll('p.cm-paragraph [data-s], p.cm-paragraph[data-s]')].filter(
      (el) => !el.querySelector('[data-s]'),
    );
    let previousEnd = -1;
    for (const el of runs) {
      const s = Number(el.getAttribute('data-s'));
      const e = Number(el.getAttribute('data-e'));
      const len = [...el.textContent].length;
      if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e <= s) problems.push(`bad offsets s=${el.getAttribute('data-s')} e=${el.getAttribute('data-e')}`);
      else if (e - s !== len) problems.push(`run [${s},${e}) holds ${len} code points: ${JSON.stringify(el.textContent)}`);
      if (s < previousEnd) problems.push(`run [${s},${e}) starts before the previous run ended (${previousEnd})`);
      previousEnd = Math.max(previousEnd, e);
    }
    return { runs: runs.length, problems: problems.slice(0, 10) };
  }, ARTICLE);
  assert.ok(report.runs >= 10, `expected text runs in the paragraphs, found ${report.runs}`);
  assert.deepEqual(report.problems, []);
});
