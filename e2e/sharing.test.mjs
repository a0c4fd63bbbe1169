// Sharing between fact-checkers: export from one browser profile, import
// into a fresh one (same highlights, byte-identical re-export), a share
// link previewed before it changes anything, and hostile JSON refused
// item by item (wrong positions placed by their quotes, with a note) with
// nothing stored changing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  claimsShown,
  openDemo,
  tagByToolbar,
  useDemo,
  waitForClaims,
  eventually,
} from './harness.mjs';
import { isLoopback } from './chromium.mjs';

const env = useDemo();

const openShare = async (page) => {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const panel = page.locator('section.cm-share');
  await panel.waitFor({ state: 'visible' });
  return panel;
};

const download = async (page, panel) => {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download JSON', exact: true }).click(),
  ]);
  return readFile(await file.path(), 'utf8');
};

const storedClaims = (page) =>
  page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith('claimmark:v1:doc:')) out[key] = localStorage.getItem(key);
    }
    return out;
  });

async function freshPage() {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) =>
    isLoopback(route.request().url()) ? route.continue() : route.abort('blockedbyclient'));
  const page = await context.newPage();
  return { context, page };
}

test('claims exported from one profile and imported into a fresh one show the same highlights and re-export byte for byte', async () => {
  const { page } = env;
  await openDemo(page);
  await tagByToolbar(page, 'Hundreds of Cuban', 'personnel', 'confirmed');
  await waitForClaims(page, 1);
  await tagByToolbar(page, 'It is unclear', 'voluntary', 'unclear');
  await waitForClaims(page, 2);
  const before = await claimsShown(page);
  const exported = await download(page, await openShare(page));
  const collection = JSON.parse(exported);
  assert.equal(collection.type, 'AnnotationCollection');
  assert.equal(collection.first.items.length, 2);

  const other = await freshPage();
  try {
    await openDemo(other.page, env.url);
    assert.deepEqual(await claimsShown(other.page), [], 'the fresh profile starts empty');
    const panel = await openShare(other.page);
    await panel.locator('input[type=file]').setInputFiles({ name: 'claims.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await panel.locator('.cm-import-summary').waitFor();
    assert.match(await panel.locator('.cm-import-summary').textContent(), /^2 new, 0 updated, 0 unchanged/);
    assert.deepEqual(await claimsShown(other.page), [], 'nothing is applied before confirming');
    await panel.getByRole('button', { name: 'Apply import', exact: true }).click();
    await waitForClaims(other.page, 2);
    assert.deepEqual(await claimsShown(other.page), before, 'the same ids, certainties and texts');
    const again = await download(other.page, panel);
    assert.equal(again, exported, 'export → import → export is byte-identical');
  } finally {
    await other.context.close();
  }
});

test('a share link is previewed in a fresh profile and applied only when confirmed', async () => {
  const { page } = env;
  await openDemo(page);
  await tagByToolbar(page, 'Hundreds of Cuban', 'personnel', 'unconfirmed');
  const [claim] = await waitForClaims(page, 1);
  const panel = await openShare(page);
  await panel.getByRole('button', { name: 'Make share link', exact: true }).click();
  const link = await panel.locator('input.cm-share-link').inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#claimmark=[A-Za-z0-9_-]+$/);

  const other = await freshPage();
  try {
    await other.page.goto(link);
    const preview = other.page.locator('.cm-import-summary');
    await preview.waitFor();
    assert.match(await preview.textContent(), /^1 new/);
    assert.deepEqual(await claimsShown(other.page), []);
    await other.page.getByRole('button', { name: 'Apply import', exact: true }).click();
    const [shared] = await waitForClaims(other.page, 1);
    assert.deepEqual(shared, claim);
    assert.equal(new URL(other.page.url()).hash, '', 'the link is not applied twice');
  } finally {
    await other.context.close();
  }
});

test('hostile JSON is refused item by item, runs nothing, and changes nothing stored', async () => {
  const { page } = env;
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await openDemo(page);
  await tagByToolbar(page, 'Hundreds of Cuban', 'personnel', 'confirmed');
  await waitForClaims(page, 1);
  await eventually(page, async () => Object.keys(await storedClaims(page)).length === 1, 'the claim is saved');
  const stored = await storedClaims(page);

  const target = (exact, start, end, extra = []) => ({
    source: 'urn:claimmark:doc:x',
    selector: [{ type: 'TextQuoteSelector', exact }, { type: 'TextPositionSelector', start, end }, ...extra],
  });
  const body = (value, purpose = 'assessing') => ({ type: 'TextualBody', purpose, value });
  const item = (id, certainty, tgt, more = []) => ({
    '@context': 'http://www.w3.org/ns/anno.jsonld', id: `urn:uuid:${id}`, type: 'Annotation', motivation: 'assessing',
    created: '2026-02-25T10:00:00Z', modified: '2026-02-25T10:00:00Z', body: [body(certainty), ...more], target: tgt,
  });
  const hostile = [
    item('6f1c0b7e-1d2a-4c1e-9a7e-0c6b7c0e2f11', 'confirmed', target('Hundreds', 17, 25),
      [{ type: 'SpecificResource', purpose: 'linking', source: 'javascript:alert(1)' }]),
    item('6f1c0b7e-1d2a-4c1e-9a7e-0c6b7c0e2f12', 'confirmed', target('Hundreds', 25, 17)),
    item('6f1c0b7e-1d2a-4c1e-9a7e-0c6b7c0e2f13', 'certain', target('Hundreds', 17, 25)),
    item('6f1c0b7e-1d2a-4c1e-9a7e-0c6b7c0e2f14', 'confirmed', { source: 'urn:x', selector: [{ type: 'XPathSelector', value: '/html' }] }),
    item('6f1c0b7e-1d2a-4c1e-9a7e-0c6b7c0e2f15', 'confirmed', target('Hundreds', 17, 99999999)),
    item('6f1c0b7e-1d2a-4c1e-9a7e-0c6b7c0e2f15', 'confirmed', target('Hundreds', 17, 25)),
    { id: '<img src=x onerror=alert(1)>', type: 'Annotation' },
  ];
  const panel = await openShare(page);
  await panel.locator('textarea.cm-import-text').fill(JSON.stringify(hostile));
  await panel.getByRole('button', { name: 'Check pasted JSON', exact: true }).click();
  await panel.locator('.cm-import-summary').waitFor();
  const reasons = await panel.locator('.cm-rejections li').allTextContents();
  assert.ok(reasons.length >= 5, `every bad item is named: ${JSON.stringify(reasons)}`);
  // A wrong position (reversed, past the end) is a hint, not a refusal: the
  // quote places items 1 and 4, which the notes say; item 5 repeats 4's id.
  for (const index of [0, 2, 3, 5, 6]) {
    assert.ok(reasons.some((r) => r.startsWith(`Item ${index}: `)), `item ${index} is refused with its index: ${JSON.stringify(reasons)}`);
  }
  const notes = await panel.locator('.cm-import-notes li').allTextContents();
  assert.ok(notes.includes('2 positions were wrong; placed by their quotes'), JSON.stringify(notes));
  for (const index of [1, 4]) {
    assert.ok(notes.some((n) => n.startsWith(`Item ${index}: `) && /placed by its quote/.test(n)), `item ${index}: ${JSON.stringify(notes)}`);
  }
  assert.ok(reasons.some((r) => /javascript|http/i.test(r)), 'the javascript: link is named as the reason');
  await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
  await panel.locator('.cm-share-status').filter({ hasText: 'nothing changed' }).waitFor();

  assert.deepEqual(await storedClaims(page), stored, 'storage is byte for byte as before');
  assert.equal(await page.locator('.claimmark a[href^="javascript:"], .claimmark img').count(), 0);
  assert.equal(dialogs, 0, 'nothing ran');
  await page.locator('textarea.cm-import-text').fill('{"type": "AnnotationCollection", ');
  await panel.getByRole('button', { name: 'Check pasted JSON', exact: true }).click();
  await panel.locator('.cm-share-status.cm-error').waitFor();
  assert.match(await panel.locator('.cm-share-status').textContent(), /refused, nothing changed/);
  assert.deepEqual(await storedClaims(page), stored);
});
