// The first impression (issue 24): one toolbar that fits one row in the
// demo at 1280 px and in the embedded editor of the two-articles example,
// its overflow menu ("More") as a real menu button driven by the keyboard,
// the phone's article starting near the widget's top, suggestions quiet
// at rest and outlined in "Review suggestions" mode, the overview's words
// before the first claim, and every certainty colour at WCAG AA contrast
// in both themes (the figures are printed as test diagnostics).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTICLE, CERTAINTIES, eventually, openDemo, openExample, tagByToolbar, useDemo, waitForClaims } from './harness.mjs';
import { PHONE, firstLineOffset, openDemoDrawn, toolbarRows } from './visual.mjs';

const env = useDemo();
const DEMO = '#claimmark-demo .claimmark';
const EDIT = 'claim-annotator[mode=edit] .claimmark';

const more = (page) => page.locator('.cm-bar').getByRole('button', { name: 'More', exact: true });
const menu = (page) => page.getByRole('menu', { name: 'More commands' });
/** The names of the menu's entries that are shown. */
const menuEntries = (page) =>
  menu(page).locator('[role^=menuitem]').evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).map((e) => e.textContent.trim().replace(/^✓/, '')));
const focusedText = (page) => page.evaluate(() => document.activeElement?.textContent?.trim().replace(/^✓/, '') ?? '');

test('the toolbar fits one row in the demo at 1280 px and in the two-articles editor', async (t) => {
  const { page } = env;
  await openDemoDrawn(page);
  assert.deepEqual(await toolbarRows(page, DEMO), [1], 'the demo at 1280 px: one row');
  // Keyboard order is visual order: chips, then commands left to right, then More.
  const order = await page.locator(`${DEMO} > .cm-bar`).evaluate((bar) =>
    [...bar.querySelectorAll('button')].filter((b) => b.getClientRects().length > 0).map((b) => [b.textContent.trim(), Math.round(b.getBoundingClientRect().left)]),
  );
  const lefts = order.map(([, left]) => left);
  assert.deepEqual(lefts, [...lefts].sort((a, b) => a - b), `DOM order is left-to-right order: ${JSON.stringify(order)}`);
  assert.equal(order.at(-1)[0].replace('▾', ''), 'More');

  await openExample(page, 'two-articles.html');
  const rows = await toolbarRows(page, EDIT);
  t.diagnostic(`toolbar rows: demo 1280 px 1, two-articles editor ${rows}`);
  assert.deepEqual(rows, [1], 'the two-articles editor: one row');
});

test('on a phone (390×844) the article starts within 120 px of the widget top', async (t) => {
  const { page } = env;
  await page.setViewportSize(PHONE);
  await openDemoDrawn(page);
  const offset = await firstLineOffset(page, DEMO);
  const rows = await toolbarRows(page, DEMO);
  t.diagnostic(`phone: first line ${offset} px below the widget's top; toolbar rows ${rows}`);
  assert.ok(offset <= 120, `first line at ${offset} px`);
  assert.deepEqual(rows, [2], 'the legend and one row of commands');
  await more(page).click();
  assert.deepEqual(await menuEntries(page), ['Suggestions', 'Review suggestions', 'Load article', 'Dark theme', 'Shortcuts']);
});

test('More is a menu button: arrows, Home/End, Escape back to it, Enter chooses', async () => {
  const { page } = env;
  await page.setViewportSize(PHONE);
  await openDemoDrawn(page);
  const button = more(page);
  assert.equal(await button.getAttribute('aria-haspopup'), 'menu');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.focus();
  await page.keyboard.press('Enter');
  await menu(page).waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  assert.equal(await focusedText(page), 'Suggestions', 'the first entry takes the focus');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedText(page), 'Review suggestions');
  await page.keyboard.press('End');
  assert.equal(await focusedText(page), 'Shortcuts');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedText(page), 'Suggestions', 'the arrows wrap around');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedText(page), 'Shortcuts');
  await page.keyboard.press('Home');
  assert.equal(await focusedText(page), 'Suggestions');
  await page.keyboard.press('Escape');
  await menu(page).waitFor({ state: 'detached' });
  assert.equal(await focusedText(page), 'More▾', 'Escape gives the focus back to the button');

  // ArrowUp opens on the last entry; Enter on "Dark theme" switches the theme.
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedText(page), 'Shortcuts');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedText(page), 'Dark theme');
  const root = page.locator(DEMO);
  assert.equal(await root.getAttribute('data-theme'), 'light');
  await page.keyboard.press('Enter');
  await eventually(page, async () => (await root.getAttribute('data-theme')) === 'dark', 'the theme turns dark');
  assert.equal(await focusedText(page), 'More▾');
  await page.keyboard.press('ArrowDown');
  assert.equal(await menu(page).getByRole('menuitemcheckbox', { name: 'Dark theme' }).getAttribute('aria-checked'), 'true');
  // Load article from the menu opens its panel with the focus in it.
  await page.keyboard.press('Escape');
  await button.click();
  await menu(page).getByRole('menuitem', { name: 'Load article' }).click();
  await eventually(page, async () => page.evaluate(() => document.activeElement?.tagName === 'TEXTAREA'), 'the paste box takes the focus');
  // A press outside closes the menu.
  await button.click();
  await menu(page).waitFor();
  await page.mouse.click(5, PHONE.height - 5);
  await menu(page).waitFor({ state: 'detached' });
});

test('suggestions are quiet at rest, outlined on hover and in "Review suggestions"; claims stand out more', async () => {
  const { page } = env;
  await openDemoDrawn(page);
  await tagByToolbar(page, 'Eleven sources', 'Reuters', 'unclear');
  await waitForClaims(page, 1);
  await page.keyboard.press('Escape');
  const look = () =>
    page.locator(`${ARTICLE} .cm-suggestion`).evaluateAll((els) =>
      els.map((el) => {
        const css = getComputedStyle(el);
        const cue = el.querySelector('.cm-cue');
        return { outline: css.outlineStyle, background: css.backgroundColor, cue: cue && getComputedStyle(cue).textDecorationLine, marker: getComputedStyle(el, '::before').content };
      }),
    );
  await page.mouse.move(1, 1);
  for (const s of await look()) {
    assert.deepEqual({ outline: s.outline, background: s.background }, { outline: 'none', background: 'rgba(0, 0, 0, 0)' }, 'no box at rest');
    assert.notEqual(s.marker, 'none', 'a marker at the sentence start');
    if (s.cue) assert.equal(s.cue, 'none', 'cue words plain at rest');
  }
  const claim = await page.locator(`${ARTICLE} mark.cm-claim`).first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(claim, 'rgba(0, 0, 0, 0)', 'a claim is tinted, a suggestion is not');

  const first = page.locator(`${ARTICLE} .cm-suggestion`).first();
  await first.hover();
  assert.equal(await first.evaluate((el) => getComputedStyle(el).outlineStyle), 'dotted', 'outlined on hover');

  await more(page).click();
  await menu(page).getByRole('menuitemcheckbox', { name: 'Review suggestions' }).click();
  assert.equal(await page.locator(DEMO).getAttribute('data-review-suggestions'), 'true');
  await page.mouse.move(1, 1);
  for (const s of await look()) {
    assert.equal(s.outline, 'dotted', 'every suggestion outlined in review mode');
    if (s.cue) assert.match(s.cue, /underline/);
  }
});

test('before the first claim the overview says how many sentences there are', async () => {
  const { page } = env;
  await openDemo(page);
  const text = await eventually(page, async () => page.locator('.cm-overview-empty').textContent().catch(() => null), 'the overview has counted');
  const [, n] = text.match(/^(\d+) sentences, none tagged yet$/) ?? [];
  assert.ok(Number(n) > 5, text);
  await tagByToolbar(page, 'ndreds', 'perso', 'unclear');
  await waitForClaims(page, 1);
  await page.locator('.cm-overview-counts').waitFor();
  assert.equal(await page.locator('.cm-overview-empty').count(), 0);
});

/** WCAG 2 contrast of each certainty's colour, in the widget, for the current theme. */
async function contrasts(page) {
  return page.locator(DEMO).evaluate((root, certainties) => {
    const rgba = (s) => {
      const m = s.match(/rgba?\(([^)]+)\)/);
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [r, g, b, a];
    };
    const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
    const lum = (c) =>
      c
        .slice(0, 3)
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const ratio = (a, b) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100;
    };
    const surface = rgba(getComputedStyle(root).backgroundColor);
    const text = rgba(getComputedStyle(root).color);
    const out = {};
    for (const c of certainties) {
      const chip = root.querySelector(`.cm-legend li[data-certainty=${c}]`);
      const colour = rgba(getComputedStyle(chip.querySelector('.cm-swatch')).color);
      const tint = over(rgba(getComputedStyle(chip).backgroundColor), surface);
      out[c] = { onSurface: ratio(colour, surface), onTint: ratio(colour, tint), textOnTint: ratio(text, tint) };
    }
    return out;
  }, CERTAINTIES);
}

for (const colorScheme of ['light', 'dark']) {
  test(`every certainty colour has AA contrast (4.5:1) in the ${colorScheme} theme`, async (t) => {
    const { page } = env;
    await page.emulateMedia({ colorScheme });
    await openDemo(page);
    assert.equal(await page.locator(DEMO).getAttribute('data-theme'), colorScheme);
    const ratios = await contrasts(page);
    t.diagnostic(`${colorScheme}: ${JSON.stringify(ratios)}`);
    for (const [certainty, r] of Object.entries(ratios)) {
      for (const [against, value] of Object.entries(r)) assert.ok(value >= 4.5, `${certainty} ${against}: ${value}:1 in ${colorScheme}`);
    }
  });
}
