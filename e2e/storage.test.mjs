// 7. Storage unavailable, full or damaged: the page still works and says so,
// and nothing it could not read is lost.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SEED_START,
  ARTICLE,
  card,
  eventually,
  legendCounts,
  openDemo,
  reloadDemo,
  tagByToolbar,
  useDemo,
  waitForClaims,
} from './harness.mjs';

const env = useDemo();

function blockLocalStorage() {
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException('Access to localStorage is denied in this test.', 'SecurityError');
    },
  });
}

function fillLocalStorage() {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (this === window.localStorage) {
      throw new DOMException(`Setting the value of '${key}' exceeded the quota.`, 'QuotaExceededError');
    }
    return setItem.call(this, key, value);
  };
}

async function bannerText(page) {
  const banner = page.locator('[role=alert].cm-banner');
  await banner.first().waitFor({ state: 'visible' });
  const text = (await banner.first().textContent()).trim();
  assert.notEqual(text, '', 'the banner says something');
  return text;
}

test('with localStorage blocked, the article renders, a banner warns, and tagging works in memory', async () => {
  const { page } = env;
  await page.addInitScript(blockLocalStorage);
  await openDemo(page);

  const first = (await page.locator(`${ARTICLE} p.cm-paragraph`).first().textContent()).replace(/\s+/g, ' ').trim();
  assert.ok(first.startsWith(SEED_START), 'the seed article renders');
  await bannerText(page);

  await tagByToolbar(page, 'ndreds', 'perso', 'unclear');
  const [claim] = await waitForClaims(page, 1);
  assert.equal(claim.text, 'Hundreds of Cuban security personnel');
  assert.equal(claim.certainty, 'unclear');
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 1, unconfirmed: 0 });

  // The card works too.
  await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${claim.id}"]`).first().click();
  await card(page).waitFor({ state: 'visible' });
  await card(page).getByRole('button', { name: /^Confirmed/ }).click();
  await eventually(page, async () => (await waitForClaims(page, 1))[0].certainty === 'confirmed', 'the claim turns confirmed');
  assert.deepEqual(await legendCounts(page), { confirmed: 1, unclear: 0, unconfirmed: 0 });
});

test('with localStorage full, creating a claim shows a banner and the claim stays on the page', async () => {
  const { page } = env;
  await page.addInitScript(fillLocalStorage);
  await openDemo(page);

  await tagByToolbar(page, 'Cuban security', 'personnel', 'confirmed');
  const [claim] = await waitForClaims(page, 1);
  assert.equal(claim.text, 'Cuban security personnel');
  await bannerText(page);
  assert.deepEqual(await legendCounts(page), { confirmed: 1, unclear: 0, unconfirmed: 0 });
});

test('damaged data under the article\'s key is kept aside, a banner says where, and the article starts clean', async () => {
  const { page } = env;
  await openDemo(page);
  await tagByToolbar(page, 'Cuban security', 'personnel', 'unclear');
  await waitForClaims(page, 1);
  // Saved shortly after the change (the widget saves after the frame that shows it).
  const key = await eventually(
    page,
    () => page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('claimmark:v1:doc:'))),
    'the claim was saved under a claimmark key',
  );
  const damaged = '{"schema": 1, "document": "truncated';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, damaged]);

  await reloadDemo(page);
  const text = await bannerText(page);
  const asideKey = await page.evaluate((k) => Object.keys(localStorage).find((x) => x.startsWith(`${k}:set-aside:`)), key);
  assert.ok(asideKey, 'a set-aside copy exists');
  assert.ok(text.includes(asideKey), `the banner names the key it was kept under: ${text}`);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), asideKey), damaged, 'the copy is byte-identical');
  assert.deepEqual(await legendCounts(page), { confirmed: 0, unclear: 0, unconfirmed: 0 });

  // Work goes on: a new claim is saved over the (copied) damaged value.
  await tagByToolbar(page, 'Hundreds', 'Hundreds', 'confirmed');
  await waitForClaims(page, 1);
  // Stored as one schema 2 row whose certainty (its fourth element) is 0, confirmed.
  const stored = () =>
    page.evaluate((k) => {
      try {
        return JSON.parse(localStorage.getItem(k)).claims.map((row) => row[3]);
      } catch {
        return null;
      }
    }, key);
  await eventually(page, async () => JSON.stringify(await stored()) === '[0]', 'the new claim is saved');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), asideKey), damaged, 'the copy is still there');
});
