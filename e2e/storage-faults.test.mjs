// Reliability: storage faults. Blocked storage (a sandboxed iframe without
// allow-same-origin), quota exhausted before start and in mid-session,
// corrupt JSON, a newer schema, foreign data under the key. Every case: no
// panic (the harness fails a test on any uncaught page error), a banner
// each time with an "Export claims" button whose download holds the
// claims, and 0 claims lost after a reload.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  ARTICLE,
  READY,
  blockTexts,
  eventually,
  openDemo,
  openDemoArticle,
  openPastedArticle,
  reloadDemo,
  tagByToolbar,
  useDemo,
  waitForClaims,
} from './harness.mjs';

const env = useDemo();
const BANNER = '[role=alert].cm-banner';
const FILLER = 'storage-faults-filler-';

/** Fills the origin's localStorage to the last character; returns the keys written. */
async function fillQuota(page) {
  return page.evaluate((prefix) => {
    const keys = [];
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 8, 16, 1]) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        const key = prefix + keys.length;
        try {
          localStorage.setItem(key, chunk);
        } catch {
          break;
        }
        keys.push(key);
      }
    }
    return keys;
  }, FILLER);
}

async function clearFiller(page) {
  await page.evaluate((prefix) => {
    for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
  }, FILLER);
}

async function docKey(page) {
  return page.evaluate(() => Object.keys(localStorage).find((k) => /^claimmark:v1:doc:[^:]+$/.test(k)));
}

/**
 * The ids of the claims stored under `key` (schema 2 rows start with the
 * id, written as 32 hex digits: see crates/claimmark-core/src/storage/compact.rs), hyphenated as
 * the marks carry them; null when the key is empty or not an envelope.
 */
async function storedIds(page, key) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), key);
  try {
    return JSON.parse(raw).claims.map(([hex]) => hex.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'));
  } catch {
    return null;
  }
}

/** Waits for the banner, presses its Export button, returns the banner text and the downloaded JSON. */
async function exportFromBanner(page, scope = page) {
  const banner = scope.locator(BANNER).first();
  await banner.waitFor({ state: 'visible' });
  const text = (await banner.textContent()).trim();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: 'Export claims', exact: true }).click(),
  ]);
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(json.type, 'AnnotationCollection', 'the export is a W3C annotation collection');
  const items = json.first?.items ?? json.items ?? [];
  return { text, ids: items.map((a) => String(a.id).split(':').pop()), json };
}

function sameIds(a, b, message) {
  assert.deepEqual([...a].sort(), [...b].sort(), message);
}

function ids(claims) {
  return claims.map((c) => c.id);
}

test('blocked storage (sandboxed iframe, no allow-same-origin): works in memory, banner, export downloads the claims', async () => {
  const { page, context, url } = env;
  // The demo needs CORS from an opaque origin: add the header to every loopback response.
  await context.unroute('**/*');
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
  });
  const host = `${url}__fixtures/sandboxed.html`;
  await page.route(host, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><title>host</title><iframe sandbox="allow-scripts allow-downloads" src="${url}" style="width:1200px;height:850px"></iframe>`,
    }),
  );
  await page.goto(host);
  const frame = page.frameLocator('iframe');
  await frame.locator(READY).first().waitFor({ state: 'attached', timeout: 15_000 });
  const realFrame = page.frames().find((f) => f !== page.mainFrame());
  assert.equal(
    await realFrame.evaluate(() => { try { return typeof window.localStorage; } catch (e) { return e.name; } }),
    'SecurityError',
    'localStorage really is blocked in the frame',
  );
  const banner = frame.locator(BANNER).first();
  await banner.waitFor({ state: 'visible' });
  assert.match(await banner.textContent(), /not available/);

  // Tag a claim in the frame: a real Range over the text, then the toolbar.
  await realFrame.evaluate(() => {
    const run = document.querySelector('article.cm-article .cm-paragraph .cm-run');
    const range = document.createRange();
    range.setStart(run.firstChild, 0);
    range.setEnd(run.firstChild, 8);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await frame.locator('[role=toolbar].cm-toolbar').getByRole('button', { name: 'Unclear', exact: true }).click();
  await frame.locator(`${ARTICLE} mark.cm-claim`).first().waitFor();
  const id = await frame.locator(`${ARTICLE} mark.cm-claim`).first().getAttribute('data-annotation-id');
  const exported = await exportFromBanner(page, frame);
  sameIds(exported.ids, [id], 'the export holds the claim made in memory');
});

test('quota exhausted before start: the claim stays, banner + export; after room is made, a reload keeps it', async () => {
  const { page } = env;
  await openDemo(page);
  const filler = await fillQuota(page);
  assert.ok(filler.length > 0, 'storage was filled');
  await reloadDemo(page);
  await tagByToolbar(page, 'Cuban security', 'personnel', 'confirmed');
  const claims = await waitForClaims(page, 1);
  const exported = await exportFromBanner(page);
  assert.match(exported.text, /storage is full/);
  sameIds(exported.ids, ids(claims), 'the export holds the unsaved claim');

  await clearFiller(page);
  await reloadDemo(page); // the failed save is retried when the page is left
  sameIds(ids(await waitForClaims(page, 1)), ids(claims), '0 claims lost after the reload');
  assert.equal(await page.locator(BANNER).count(), 0, 'no banner once saving works');
});

test('quota exhausted mid-session: later claims stay in memory, the next change after room is made saves all', async () => {
  const { page } = env;
  await openDemo(page);
  await tagByToolbar(page, 'Hundreds', 'Hundreds', 'unclear');
  await waitForClaims(page, 1);
  const key = await eventually(page, () => docKey(page), 'the first claim is saved');
  await fillQuota(page);
  await tagByToolbar(page, 'Cuban security', 'personnel', 'confirmed');
  const two = await waitForClaims(page, 2);
  const exported = await exportFromBanner(page);
  assert.match(exported.text, /storage is full/);
  sameIds(exported.ids, ids(two), 'the export holds both claims');
  assert.equal((await storedIds(page, key)).length, 1, 'the old save is intact');

  await clearFiller(page);
  await tagByToolbar(page, 'begun departing', 'Venezuela', 'unconfirmed');
  const three = await waitForClaims(page, 3);
  await eventually(page, async () => (await page.locator(BANNER).count()) === 0, 'the banner goes once a save works');
  await reloadDemo(page);
  sameIds(ids(await waitForClaims(page, 3)), ids(three), '0 claims lost');
});

test('quota exhausted, then another article opened: the unsaved claim comes back with its article, and is saved once there is room', async () => {
  const { page } = env;
  const paragraphs = [
    'Harbour authorities reported that three cargo vessels were held outside the port of Valmora on Monday morning.',
    'Officials blamed a broken gantry crane for the delay, although dock workers disputed that account in interviews.',
  ];
  const pasted = paragraphs.join('\n\n') + '\n';
  const showsPasted = () =>
    eventually(page, async () => (await blockTexts(page))[0] === paragraphs[0], 'the pasted article is shown');
  await openDemo(page);
  await openPastedArticle(page, pasted);
  await showsPasted();
  await fillQuota(page);
  await tagByToolbar(page, 'cargo', 'vessels', 'confirmed');
  const [claim] = await waitForClaims(page, 1);
  await page.locator(BANNER).first().waitFor({ state: 'visible' });
  assert.match(await page.locator(BANNER).first().textContent(), /storage is full/);

  // Another article, then this one again, with storage still full.
  await openDemoArticle(page);
  await eventually(page, async () => (await blockTexts(page))[0] !== paragraphs[0], 'the demo article is shown');
  await waitForClaims(page, 0);
  await openPastedArticle(page, pasted);
  await showsPasted();
  sameIds(ids(await waitForClaims(page, 1)), [claim.id], 'the claim that could not be saved is back with its article');

  // Room is made; leaving the page writes it.
  await clearFiller(page);
  await reloadDemo(page);
  await openPastedArticle(page, pasted);
  await showsPasted();
  sameIds(ids(await waitForClaims(page, 1)), [claim.id], '0 claims lost');
});

for (const [name, damage, pattern] of [
  ['corrupt JSON', () => '{"schema": 1, "document": "trunc', /was damaged/],
  ['foreign data', () => JSON.stringify({ owner: 'another-widget', items: [1, 2, 3] }), /not claimmark data/],
]) {
  test(`${name} under the key: kept aside byte for byte, banner + export, reload loses nothing more`, async () => {
    const { page } = env;
    await openDemo(page);
    await tagByToolbar(page, 'Cuban security', 'personnel', 'unclear');
    await waitForClaims(page, 1);
    const key = await eventually(page, () => docKey(page), 'saved');
    const raw = damage();
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, raw]);
    await reloadDemo(page);
    const exported = await exportFromBanner(page);
    assert.match(exported.text, pattern);
    const aside = await page.evaluate((k) => Object.keys(localStorage).filter((x) => x.startsWith(`${k}:set-aside:`)), key);
    assert.equal(aside.length, 1, 'one set-aside copy');
    assert.ok(exported.text.includes(aside[0]), 'the banner names the copy');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), aside[0]), raw, 'the copy is byte-identical');

    await tagByToolbar(page, 'Hundreds', 'Hundreds', 'confirmed');
    const now = await waitForClaims(page, 1);
    await eventually(page, async () => (await storedIds(page, key))?.includes(now[0].id), 'saved');
    await reloadDemo(page);
    sameIds(ids(await waitForClaims(page, 1)), ids(now), 'the new claim survives the reload');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), aside[0]), raw, 'the copy is still there');
  });
}

test('a newer schema: claims shown read-only with a message, storage never written, export holds them', async () => {
  const { page } = env;
  await openDemo(page);
  await tagByToolbar(page, 'Cuban security', 'personnel', 'unclear');
  const [claim] = await waitForClaims(page, 1);
  const key = await eventually(page, () => docKey(page), 'saved');
  const newer = await page.evaluate((k) => {
    const envelope = JSON.parse(localStorage.getItem(k));
    envelope.schema = 3;
    envelope.futureField = { kept: true };
    const text = JSON.stringify(envelope);
    localStorage.setItem(k, text);
    return text;
  }, key);

  await reloadDemo(page);
  sameIds(ids(await waitForClaims(page, 1)), [claim.id], 'the claim is shown');
  const banner = page.locator(BANNER).first();
  await banner.waitFor({ state: 'visible' });
  assert.match(await banner.textContent(), /newer version of claimmark \(format 3\)/);
  await tagByToolbar(page, 'Hundreds', 'Hundreds', 'confirmed');
  const both = await waitForClaims(page, 2);
  const exported = await exportFromBanner(page);
  sameIds(exported.ids, ids(both), 'the export holds the stored claim and the new one');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), newer, 'the newer data is never written over');
  await reloadDemo(page);
  sameIds(ids(await waitForClaims(page, 1)), [claim.id], 'the stored claim is still there');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), newer, 'still byte-identical');
});
