// Shared helpers for the claimmark end-to-end tests.
//
// useDemo() registers node:test hooks in the calling test file: one headless
// Chromium and one static server per file, a fresh browser context (so a
// fresh, empty localStorage) and page per test. Every request that is not
// to the loopback server is aborted.

import { after, afterEach, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isLoopback, launchBrowser } from './chromium.mjs';
import { DEFAULT_DIR, startServer } from './server.mjs';

export { launchBrowser };

export const ARTICLE = 'article.cm-article';
export const READY = 'article.cm-article mark, article.cm-article [data-s]';
export const CERTAINTIES = ['confirmed', 'unclear', 'unconfirmed'];
export const LABELS = { confirmed: 'Confirmed', unclear: 'Unclear', unconfirmed: 'Unconfirmed' };
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Registers before/after hooks and returns a live object whose `page`,
 * `context`, `url`, `browser` and `pageErrors` are filled in for each test.
 * A test fails if the page threw an uncaught error (e.g. a Rust panic).
 */
let serverUrl = null;

export function useDemo({ dir = process.env.CLAIMMARK_DIST || DEFAULT_DIR } = {}) {
  const env = { browser: null, server: null, url: null, context: null, page: null, pageErrors: [] };

  before(async () => {
    const index = path.join(dir, 'index.html');
    if (!existsSync(index)) {
      throw new Error(`no build to test: ${path.relative(process.cwd(), index)} is missing (build the release into dist/ first)`);
    }
    env.server = await startServer(dir);
    env.url = env.server.url;
    serverUrl = env.url;
    env.browser = await launchBrowser();
  });

  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });

  beforeEach(async () => {
    env.pageErrors = [];
    env.context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    env.context.setDefaultTimeout(10_000);
    await env.context.route('**/*', (route) =>
      isLoopback(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
    );
    env.page = await env.context.newPage();
    env.page.on('pageerror', (err) => env.pageErrors.push(String(err?.stack || err)));
    if (process.env.E2E_DEBUG) {
      env.page.on('console', (msg) => console.error(`[page ${msg.type()}] ${msg.text()}`));
    }
  });

  afterEach(async () => {
    const errors = env.pageErrors;
    await env.context?.close();
    env.context = null;
    env.page = null;
    assert.deepEqual(errors, [], 'the page threw uncaught errors');
  });

  return env;
}

/** Points openDemo and openExample at a server started outside useDemo (scripts/). */
export function setServerUrl(url) {
  serverUrl = url;
}

/** The address of `examples/<name>` on the test server. */
export function exampleUrl(name, url = serverUrl) {
  return new URL(`examples/${name}`, url).href;
}

/**
 * Opens an example page and waits until every widget on it is ready
 * (annotations loaded, `el.ready` resolved).
 */
export async function openExample(page, name) {
  await page.goto(exampleUrl(name));
  await page.waitForFunction(
    () => {
      const all = [...document.querySelectorAll('claim-annotator')];
      return all.length > 0 && all.every((el) => el.getAttribute('data-claimmark') === 'ready');
    },
    null,
    { timeout: 15_000 },
  );
  await page.evaluate(() => Promise.all([...document.querySelectorAll('claim-annotator')].map((el) => el.ready)));
}

/** Opens the demo page and waits until the article's text is rendered. */
export async function openDemo(page, url = serverUrl) {
  assert.ok(url, 'openDemo: no server running (call useDemo() at the top of the test file)');
  await page.goto(url);
  await page.waitForSelector(READY, { state: 'attached', timeout: 15_000 });
  await afterFirstFrames(page);
  return page.locator(ARTICLE);
}

/**
 * Waits past the first frames, after which the widget usually shows the
 * certainty assistant's suggestions (an idle callback, at most 500 ms
 * later). Tests that read suggestions start from there; a selection made
 * earlier is safe (the suggestions wait for it, see suggestions.test.mjs).
 * Each of `frames` is a frame and a task after it.
 */
export async function afterFirstFrames(page, frames = 2) {
  for (let i = 0; i < frames; i++) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  }
}

/** Reloads the page and waits until the article's text is rendered again. */
export async function reloadDemo(page) {
  await page.reload();
  await page.waitForSelector(READY, { state: 'attached', timeout: 15_000 });
  await afterFirstFrames(page);
  return page.locator(ARTICLE);
}

/**
 * Finds `fromText` (first occurrence) and then `toText` (first occurrence
 * starting at or after fromText's start) in the text of `scope` (a
 * locator, default the article) and returns viewport points: `start` just
 * inside the first character of fromText, `end` just inside the last
 * character of toText. Coordinates come from a DOM Range over the text
 * nodes, character by character.
 */
export async function textPoints(page, scope, fromText, toText = fromText) {
  const handle = await (scope ?? page.locator(ARTICLE)).elementHandle();
  const result = await page.evaluate(
    ({ root, fromText, toText }) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, start: text.length });
        text += n.data;
      }
      const from = text.indexOf(fromText);
      if (from < 0) return { error: `text ${JSON.stringify(fromText)} not found` };
      const toStart = text.indexOf(toText, from);
      if (toStart < 0) return { error: `text ${JSON.stringify(toText)} not found after ${JSON.stringify(fromText)}` };
      const last = toStart + toText.length - 1; // UTF-16 index of the last unit

      const locate = (index) => {
        let i = nodes.length - 1;
        while (i > 0 && nodes[i].start > index) i--;
        return { node: nodes[i].node, offset: index - nodes[i].start };
      };
      const charRect = (index) => {
        const { node, offset } = locate(index);
        const range = document.createRange();
        const code = node.data.codePointAt(offset);
        range.setStart(node, offset);
        range.setEnd(node, Math.min(node.data.length, offset + (code > 0xffff ? 2 : 1)));
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        return rects[0] ?? null;
      };

      locate(from).node.parentElement.scrollIntoView({ block: 'center', inline: 'nearest' });
      const a = charRect(from);
      const b = charRect(last);
      if (!a || !b) return { error: 'text has no layout box (hidden?)' };
      return {
        start: { x: a.left + Math.min(2, a.width / 4), y: a.top + a.height / 2 },
        end: { x: b.right - Math.min(2, b.width / 4), y: b.top + b.height / 2 },
        middle: { x: (a.left + a.right) / 2, y: a.top + a.height / 2 },
      };
    },
    { root: handle, fromText, toText },
  );
  await handle.dispose();
  if (result.error) throw new Error(`textPoints: ${result.error}`);
  return result;
}

/**
 * A real mouse drag (move, down, move in steps, up) from the start of the
 * first occurrence of `fromText` to the end of `toText` inside `scope`.
 * Returns the text the browser had selected just before the button was
 * released (the widget may change the selection on release).
 */
export async function dragSelect(page, scope, fromText, toText) {
  const { start, end } = await textPoints(page, scope, fromText, toText);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  const selected = await page.evaluate(() => String(window.getSelection()));
  await page.mouse.up();
  return selected;
}

/** A real mouse click on the middle of the first character of `text` inside `scope`. */
export async function clickText(page, scope, text) {
  const { middle } = await textPoints(page, scope, text, text);
  await page.mouse.click(middle.x, middle.y);
  return middle;
}

/** The toolbar shown for a pending selection. */
export function toolbar(page) {
  return page.locator('[role=toolbar].cm-toolbar');
}

/** The claim card (dialog). */
export function card(page) {
  return page.locator('[role=dialog].cm-card');
}

/** Drags over a phrase and presses the toolbar button for `certainty`. */
export async function tagByToolbar(page, fromText, toText, certainty) {
  await dragSelect(page, page.locator(ARTICLE), fromText, toText);
  const bar = toolbar(page);
  await bar.waitFor({ state: 'visible' });
  await bar.getByRole('button', { name: LABELS[certainty], exact: true }).click();
}

/** Legend counts as numbers: { confirmed, unclear, unconfirmed }. */
export async function legendCounts(page) {
  const counts = {};
  for (const c of CERTAINTIES) {
    const text = await page.locator(`.cm-legend li[data-certainty=${c}] .cm-count`).textContent({ timeout: 5_000 });
    counts[c] = Number(text.trim());
  }
  return counts;
}

/**
 * Every claim shown in the article, in document order of first appearance:
 * [{ id, certainty, text, marks }]. `text` joins, in document order, every
 * text node that lies inside a mark of that claim (so nested marks count
 * once); `certainty` is the set of data-certainty values of its marks
 * joined with "|" (one value when consistent).
 */
export async function claimsShown(page) {
  return page.evaluate((articleSel) => {
    const article = document.querySelector(articleSel);
    if (!article) return [];
    const byId = new Map();
    for (const mark of article.querySelectorAll('mark.cm-claim')) {
      const id = mark.getAttribute('data-annotation-id');
      if (!byId.has(id)) byId.set(id, { id, certainties: new Set(), text: '', marks: 0 });
      const entry = byId.get(id);
      entry.certainties.add(mark.getAttribute('data-certainty'));
      entry.marks += 1;
    }
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const seen = new Set();
      for (let el = n.parentElement; el && el !== article; el = el.parentElement) {
        if (el.matches('mark.cm-claim')) {
          const id = el.getAttribute('data-annotation-id');
          if (!seen.has(id)) {
            seen.add(id);
            byId.get(id).text += n.data;
          }
        }
      }
    }
    return [...byId.values()].map((e) => ({
      id: e.id,
      certainty: [...e.certainties].sort().join('|'),
      text: e.text,
      marks: e.marks,
    }));
  }, ARTICLE);
}

/** Waits until the article shows exactly `n` claims, and returns them. */
export async function waitForClaims(page, n, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  let claims = await claimsShown(page);
  while (claims.length !== n && Date.now() < deadline) {
    await page.waitForTimeout(50);
    claims = await claimsShown(page);
  }
  assert.equal(claims.length, n, `expected ${n} claim(s) in the article, found ${JSON.stringify(claims)}`);
  return claims;
}

/**
 * For each character of the first occurrence of `phrase` in `scope`, the
 * sorted ids of the claims whose marks contain it.
 */
export async function claimIdsPerChar(page, phrase, scopeSel = ARTICLE) {
  const result = await page.evaluate(
    ({ phrase, scopeSel }) => {
      const root = document.querySelector(scopeSel);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const chars = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const ids = [];
        for (let el = n.parentElement; el && el !== root; el = el.parentElement) {
          if (el.matches('mark.cm-claim')) ids.push(el.getAttribute('data-annotation-id'));
        }
        const uniq = [...new Set(ids)].sort();
        for (const ch of n.data) chars.push({ ch, ids: uniq });
      }
      const text = chars.map((c) => c.ch).join('');
      // indexOf on a code-point array
      const target = [...phrase];
      outer: for (let i = 0; i + target.length <= chars.length; i++) {
        for (let j = 0; j < target.length; j++) if (chars[i + j].ch !== target[j]) continue outer;
        return { chars: chars.slice(i, i + target.length) };
      }
      return { error: `phrase ${JSON.stringify(phrase)} not found in ${JSON.stringify(text.slice(0, 200))}…` };
    },
    { phrase, scopeSel },
  );
  if (result.error) throw new Error(result.error);
  return result.chars;
}

/** Texts of the article's blocks (.cm-block), whitespace-normalised. */
export async function blockTexts(page) {
  return page.locator(`${ARTICLE} .cm-block`).evaluateAll((els) =>
    els.map((el) => el.textContent.replace(/\s+/g, ' ').trim()),
  );
}

/** Opens the "Load article" panel if its "Open article" button is not visible yet. */
export async function openLoadPanel(page) {
  const openButton = page.getByRole('button', { name: 'Open article', exact: true });
  // On a narrow widget "Load article" is in the toolbar's "More" menu.
  if (!(await openButton.isVisible())) await pressToolbarCommand(page, 'Load article');
  await openButton.waitFor({ state: 'visible' });
}

/** Pastes `text` into "Article text" and presses "Open article". */
export async function openPastedArticle(page, text) {
  await openLoadPanel(page);
  const area = page.getByLabel('Article text', { exact: true });
  await area.fill(text);
  await page.getByRole('button', { name: 'Open article', exact: true }).click();
}

/** Presses "Demo article" (opening the panel first when needed). */
export async function openDemoArticle(page) {
  const demo = page.getByRole('button', { name: 'Demo article', exact: true });
  if (!(await demo.isVisible())) await pressToolbarCommand(page, 'Load article');
  await demo.click();
}

/**
 * A toolbar command of the widget inside `scope` (a locator or the page),
 * wherever it is: its button when shown, else its entry in the "More"
 * menu (opened here), since a narrow widget folds commands into it.
 * Returns { control, inline }.
 */
export async function toolbarCommand(scope, name, menuName = name) {
  const button = scope.locator('.cm-bar').getByRole('button', { name, exact: true });
  if (await button.isVisible()) return { control: button, inline: true };
  const more = scope.locator('.cm-bar').getByRole('button', { name: 'More', exact: true });
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  const menu = scope.getByRole('menu', { name: 'More commands' });
  const control = menu.getByRole('menuitemcheckbox', { name: menuName, exact: true }).or(menu.getByRole('menuitem', { name: menuName, exact: true }));
  await control.waitFor({ state: 'visible' });
  return { control, inline: false };
}

/** Whether a toolbar switch (e.g. "Dark theme") is on: 'true' or 'false', inline or in the menu. */
export async function toolbarSwitch(scope, name, menuName = name) {
  const { control, inline } = await toolbarCommand(scope, name, menuName);
  if (inline) return control.getAttribute('aria-pressed');
  const on = await control.getAttribute('aria-checked');
  await control.press('Escape');
  return on;
}

/** Presses a toolbar command, inline or from the menu. */
export async function pressToolbarCommand(scope, name, menuName = name) {
  const { control } = await toolbarCommand(scope, name, menuName);
  await control.click();
}

/** Polls `fn` until it returns a truthy value (returned) or fails with `message`. */
export async function eventually(page, fn, message, timeout = 5_000) {
  return until(fn, message, timeout, 50);
}

/** Polls `fn` every `step` ms until it is truthy (returned) or fails with `message`. */
export async function until(fn, message, timeout = 10_000, step = 25) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new assert.AssertionError({ message: `${message} (last: ${JSON.stringify(last)})` });
    await new Promise((resolve) => setTimeout(resolve, step));
  }
}

/**
 * Selects the `pick`-th word (modulo) of the article's paragraphs that no
 * claim covers yet, with a Range (two claims over the very same words share
 * one keyboard stop, which a test could not Tab to); resolves to the word.
 */
export async function selectUncoveredWord(page, pick, scope = ARTICLE) {
  return page.evaluate(
    ({ scope, pick }) => {
      const words = [];
      for (const run of document.querySelectorAll(`${scope} .cm-paragraph .cm-run`)) {
        const node = run.firstChild;
        if (!node || run.closest('mark')) continue;
        for (const m of node.data.matchAll(/[A-Za-z]{4,}/g)) words.push([node, m.index, m.index + m[0].length]);
      }
      const [node, start, end] = words[pick % words.length];
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      return node.data.slice(start, end);
    },
    { scope, pick },
  );
}

export const SEED_START = 'Hundreds of Cuban security personnel have begun departing Venezuela';
