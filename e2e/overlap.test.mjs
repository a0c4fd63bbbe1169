// 6. Overlapping claims: nested marks, the innermost claim's card, and a way
// from it to the other claim.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ARTICLE,
  card,
  claimIdsPerChar,
  clickText,
  eventually,
  openDemo,
  reloadDemo,
  tagByToolbar,
  useDemo,
  waitForClaims,
} from './harness.mjs';

const env = useDemo();

const A_TEXT = 'Cuban security personnel';
const B_TEXT = 'security personnel have begun';
const STANDARD_CONTROLS = /^(Delete claim|Close|Add source)$/;

/** Which certainty button of the card is pressed (identifies the claim shown). */
async function cardCertainty(dialog) {
  for (const [name, value] of [['Confirmed', 'confirmed'], ['Unclear', 'unclear'], ['Unconfirmed', 'unconfirmed']]) {
    const toggle = dialog.getByRole('button', { name: new RegExp(`^${name}`) }).and(dialog.locator('[aria-pressed]'));
    if ((await toggle.getAttribute('aria-pressed')) === 'true') return value;
  }
  return null;
}

/**
 * True when a control's label mentions the claim quoted `other` (and not
 * just words it shares with `own`): the full quote, a word only it has, or
 * a prefix of it cut with an ellipsis.
 */
function mentions(label, other, own) {
  const text = label.replace(/\s+/g, ' ');
  if (text.includes(other)) return true;
  const ownWords = new Set(own.split(' '));
  if (other.split(' ').some((w) => w.length >= 4 && !ownWords.has(w) && text.includes(w))) return true;
  for (const m of text.matchAll(/([^“”"«»‘’:]+?)\s*(…|\.\.\.)/g)) {
    const prefix = m[1].trim();
    if (prefix.length >= 8 && other.startsWith(prefix) && !own.startsWith(prefix)) return true;
  }
  return false;
}

test('overlapping claims nest; clicking the shared words opens the innermost claim, whose card leads to the other', async () => {
  const { page } = env;
  await openDemo(page);

  await tagByToolbar(page, 'Cuban security', 'personnel', 'confirmed');
  const [a] = await waitForClaims(page, 1);
  assert.equal(a.text, A_TEXT);

  // B starts inside A's highlight: a drag that begins on a highlight still selects.
  await tagByToolbar(page, 'security personnel have', 'begun', 'unclear');
  const claims = await waitForClaims(page, 2);
  const b = claims.find((c) => c.id !== a.id);
  assert.equal(b.text, B_TEXT);
  assert.equal(b.certainty, 'unclear');
  const aNow = claims.find((c) => c.id === a.id);
  assert.equal(aNow?.text, A_TEXT, 'claim A is unchanged by B');
  assert.equal(aNow?.certainty, 'confirmed');

  // Every character of "security personnel" is inside marks of both claims,
  // "Cuban" only in A's, "have begun" only in B's.
  const both = [a.id, b.id].sort();
  const perChar = await claimIdsPerChar(page, 'Cuban security personnel have begun');
  const phrase = 'Cuban security personnel have begun';
  const expectIds = (i) => {
    const inA = i < A_TEXT.length;
    const inB = i >= 'Cuban '.length;
    return [...(inA ? [a.id] : []), ...(inB ? [b.id] : [])].sort();
  };
  perChar.forEach(({ ch, ids }, i) => {
    assert.deepEqual(ids, expectIds(i), `character ${i} (${JSON.stringify(ch)}) of ${JSON.stringify(phrase)}`);
  });
  for (const { ids } of perChar.slice('Cuban '.length, A_TEXT.length)) assert.deepEqual(ids, both);

  // Nested, not interleaved: in "security", one claim's mark is inside the other's.
  const nesting = await page.evaluate((articleSel) => {
    const article = document.querySelector(articleSel);
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.data.indexOf('security personnel');
      if (at < 0 && !n.data.startsWith('security')) continue;
      const chain = [];
      for (let el = n.parentElement; el && el !== article; el = el.parentElement) {
        if (el.matches('mark.cm-claim')) chain.push(el.getAttribute('data-annotation-id'));
      }
      if (chain.length) return chain;
    }
    return null;
  }, ARTICLE);
  assert.ok(nesting && new Set(nesting).size === 2, `"security" lies in a mark nested in a mark of the other claim, got ${JSON.stringify(nesting)}`);
  const innermost = nesting[0];
  const other = innermost === a.id ? b : a;
  const inner = innermost === a.id ? a : b;

  // Clicking on "security" opens the innermost claim's card.
  await clickText(page, page.locator(ARTICLE), 'security personnel have');
  const dialog = card(page);
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await cardCertainty(dialog), inner.certainty, `the card of the innermost claim (${JSON.stringify(inner.text)}) opens`);
  assert.ok((await dialog.textContent()).replace(/\s+/g, ' ').includes(inner.text), 'the card quotes the innermost claim');

  // The card offers the other claim.
  const offers = [];
  for (const control of await dialog.locator('button:not([aria-pressed]), a, [role=button]:not([aria-pressed]), [role=link]').all()) {
    const label = ((await control.getAttribute('aria-label')) || (await control.textContent()) || '').trim();
    if (!STANDARD_CONTROLS.test(label) && label.replace(/\s+/g, ' ').length) offers.push({ control, label });
  }
  const offer = offers.find(({ label }) => mentions(label, other.text, inner.text));
  assert.ok(offer, `a button or link in the card mentions the other claim ${JSON.stringify(other.text)}; found ${JSON.stringify(offers.map((o) => o.label))}`);

  // Following it shows the other claim's card.
  await offer.control.click();
  await eventually(page, async () => (await cardCertainty(card(page))) === other.certainty, `the card switches to the other claim (${JSON.stringify(other.text)})`);
  assert.ok((await card(page).textContent()).replace(/\s+/g, ' ').includes(other.text), 'the card quotes the other claim');

  // Both survive a reload with the same texts.
  await page.keyboard.press('Escape');
  await reloadDemo(page);
  const reloaded = await waitForClaims(page, 2);
  assert.deepEqual(
    reloaded.map((c) => [c.id, c.text, c.certainty]).sort(),
    [[a.id, A_TEXT, 'confirmed'], [b.id, B_TEXT, 'unclear']].sort(),
  );
});
