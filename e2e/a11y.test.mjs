// Accessibility: an axe-core audit of the demo page reports no violations
// in every setup below (each theme, with claims, a card, the shortcuts
// dialog, a filter, a phone with the toolbar's menu open, "Review
// suggestions"), and highlights expose their certainty by name and
// role, not only by colour. A new mode (e.g. a read mode) is one more entry
// in SETUPS.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ARTICLE, card, openDemo, tagByToolbar, useDemo, waitForClaims } from './harness.mjs';

const env = useDemo();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Three claims of different certainty, one with a note and a source. */
async function withClaims(page) {
  await tagByToolbar(page, 'ndreds', 'perso', 'unclear');
  await waitForClaims(page, 1);
  await tagByToolbar(page, 'withdrawals', 'follow', 'confirmed');
  await waitForClaims(page, 2);
  await tagByToolbar(page, 'Reuters exclusive', 'revealed', 'unconfirmed');
  const claims = await waitForClaims(page, 3);
  await page.keyboard.press('Escape');
  return claims;
}

async function openCard(page, id) {
  await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${id}"]`).first().click();
  await card(page).waitFor({ state: 'visible' });
  await card(page).getByLabel('Note', { exact: true }).fill('Checked against the ministry statement.');
  await card(page).getByLabel('Source link').fill('https://example.org/statement');
  await card(page).getByRole('button', { name: 'Add source' }).click();
  await card(page).getByRole('button', { name: /^Confirmed/ }).click();
  await card(page).locator('details.cm-history summary').click();
}

/** The page setups audited: theme (the system's preference) and what is open. */
const SETUPS = [
  { name: 'edit mode, light theme, no claims', colorScheme: 'light', prepare: async () => {} },
  {
    name: 'edit mode, light theme, claims and a card open',
    colorScheme: 'light',
    prepare: async (page) => openCard(page, (await withClaims(page))[0].id),
  },
  {
    name: 'edit mode, dark theme, claims and a card open',
    colorScheme: 'dark',
    prepare: async (page) => openCard(page, (await withClaims(page))[0].id),
  },
  {
    name: 'edit mode, dark theme by the toggle, shortcuts dialog and a filter',
    colorScheme: 'light',
    prepare: async (page) => {
      await withClaims(page);
      await page.getByRole('button', { name: 'Dark theme' }).click();
      await page.locator('.cm-legend').getByRole('button', { name: /^Unclear/ }).click();
      await page.locator(ARTICLE).focus();
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    },
  },
  {
    name: 'edit mode, light theme, a phone, the toolbar\'s More menu open',
    colorScheme: 'light',
    viewport: { width: 390, height: 844 },
    prepare: async (page) => {
      await page.locator('.cm-bar').getByRole('button', { name: 'More', exact: true }).click();
      await page.getByRole('menu', { name: 'More commands' }).waitFor();
    },
  },
  {
    name: 'edit mode, dark theme, claims and "Review suggestions" on',
    colorScheme: 'dark',
    prepare: async (page) => {
      await withClaims(page);
      await page.locator('.cm-bar').getByRole('button', { name: 'More', exact: true }).click();
      await page.getByRole('menuitemcheckbox', { name: 'Review suggestions' }).click();
      await page.locator('.claimmark[data-review-suggestions]').waitFor();
    },
  },
  {
    name: 'edit mode, light theme, a keyboard selection with its toolbar',
    colorScheme: 'light',
    prepare: async (page) => {
      await page.locator(ARTICLE).focus();
      await page.keyboard.press('n');
      await page.locator('[role="toolbar"].cm-toolbar').waitFor();
    },
  },
];

async function audit(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary}`),
    }));
  });
}

for (const setup of SETUPS) {
  test(`axe: no violations — ${setup.name}`, async () => {
    const { page } = env;
    await page.emulateMedia({ colorScheme: setup.colorScheme });
    if (setup.viewport) await page.setViewportSize(setup.viewport);
    await openDemo(page);
    await setup.prepare(page);
    const expectedTheme = setup.name.includes('dark') ? 'dark' : 'light';
    assert.equal(await page.locator('.claimmark').getAttribute('data-theme'), expectedTheme);
    const violations = await audit(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  });
}

/** Read mode: the example host page with an edit and a read widget. */
const READ = 'claim-annotator[mode="read"] .claimmark';
for (const colorScheme of ['light', 'dark']) {
  test(`axe: no violations — read mode, ${colorScheme} theme, a card open (examples/two-articles.html)`, async () => {
    const { page } = env;
    await page.emulateMedia({ colorScheme });
    await page.goto(new URL('examples/two-articles.html', env.url).href);
    const read = page.locator(READ);
    await read.locator('mark.cm-claim[tabindex]').first().waitFor();
    assert.equal(await read.getAttribute('data-mode'), 'read');
    assert.equal(await read.getAttribute('data-theme'), 'auto', 'read mode follows the reader\'s system theme');
    // The card opens on focus in read mode (as a keyboard reader would).
    await read.locator('mark.cm-claim[tabindex]').first().focus();
    await read.locator('[role=dialog].cm-card').waitFor({ state: 'visible' });
    const violations = await audit(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  });
}

test('the theme follows the system until the toggle chooses, and the choice is remembered', async () => {
  const { page } = env;
  await page.emulateMedia({ colorScheme: 'light' });
  await openDemo(page);
  const root = page.locator('.claimmark');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  assert.equal(await root.getAttribute('data-theme'), 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await root.and(page.locator('[data-theme="dark"]')).waitFor();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await toggle.click();
  assert.equal(await root.getAttribute('data-theme'), 'light');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  const surface = await root.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(surface, 'rgb(255, 255, 255)', 'the widget paints its own light surface');
  await page.reload();
  await page.waitForSelector('article.cm-article [data-s]', { state: 'attached' });
  assert.equal(await root.getAttribute('data-theme'), 'light', 'the choice outlasts a reload and the system preference');
});

test('highlights tell their certainty to assistive technology, not only by colour', async () => {
  const { page } = env;
  await openDemo(page);
  await withClaims(page);
  const expected = [
    'Unclear claim: Hundreds of Cuban security personnel',
    'Confirmed claim: withdrawals follow',
    'Unconfirmed claim: Reuters exclusive revealed',
  ];
  for (const name of expected) {
    const stop = page.getByRole('button', { name, exact: true });
    assert.equal(await stop.count(), 1, `one highlight named "${name}"`);
    assert.equal(await stop.evaluate((el) => el.tagName), 'MARK');
  }
  // Every mark, not only the stop, carries its certainty in words (title),
  // and the start of each claim shows a symbol (not colour) before it.
  const marks = await page.locator(`${ARTICLE} mark.cm-claim`).evaluateAll((all) =>
    all.map((m) => ({
      certainty: m.dataset.certainty,
      title: m.title,
      symbol: m.dataset.starts === 'true' ? getComputedStyle(m, '::before').content : null,
    })),
  );
  for (const mark of marks) {
    assert.match(mark.title, new RegExp(`^${mark.certainty[0].toUpperCase()}${mark.certainty.slice(1)} claim`));
    if (mark.symbol !== null) assert.notEqual(mark.symbol, 'none', 'a symbol marks the claim start');
  }
  // The live region is polite and announces changes.
  const region = page.locator('.claimmark [role="status"][aria-live="polite"]').first();
  assert.equal(await region.textContent(), 'Unconfirmed claim created.');
});
