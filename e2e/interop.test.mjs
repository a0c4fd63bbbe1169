// Interoperability with a real W3C client: @recogito/text-annotator (its npm
// build, the same one bench/ measures) runs in the same Chromium page as
// claimmark's widget, over the same article, both ways:
//
// - claimmark → Recogito: claimmark's exportAnnotations() is loaded into
//   Recogito through its W3CTextFormat adapter, and Recogito's ranges must
//   cover the same words. Recogito reads a TextPositionSelector as UTF-16
//   units (the DOM's count), where the W3C model counts code points: after
//   an emoji it lands on other words; the emoji test pins that divergence.
// - Recogito → claimmark: annotations Recogito makes (a real mouse drag,
//   and ranges put through its own rangeToSelector, the function its
//   selection handler calls) are exported by its adapter and imported with
//   importAnnotations(): claimmark must mark the same words, converting
//   Recogito's UTF-16 positions where they differ.
//
// Articles: ASCII, emoji (astral characters), combining marks (NFD) and
// right-to-left (Arabic). Every export made here is validated against
// e2e/w3c-annotation.schema.json, the W3C model's MUSTs (ajv).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { dragSelect, useDemo, waitForClaims } from './harness.mjs';

const env = useDemo();

const RECOGITO = new URL('../node_modules/@recogito/text-annotator/dist/', import.meta.url);
const SOURCE = 'https://news.example/interop';
const schema = JSON.parse(await readFile(new URL('./w3c-annotation.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validateW3C = ajv.compile(schema);
const validateAnnotation = ajv.getSchema(`${schema.$id}#/definitions/annotation`);

/**
 * Errors of `json` against the W3C MUSTs, as "path message" strings; an
 * array's items are checked one by one as annotations (so the errors name
 * them, not the root's other shapes).
 */
function w3cErrors(json) {
  if (Array.isArray(json)) {
    return json.flatMap((item, i) =>
      validateAnnotation(item) ? [] : validateAnnotation.errors.map((e) => `/${i}${e.instancePath} ${e.message}`),
    );
  }
  return validateW3C(json) ? [] : validateW3C.errors.map((e) => `${e.instancePath} ${e.message}`);
}

function assertW3C(json, what) {
  assert.deepEqual(w3cErrors(json), [], `${what} breaks a MUST of the W3C model`);
}

const ARTICLES = {
  ascii: {
    text: 'City council approves the budget\n\nThe council voted 7 to 2 on Tuesday to approve the budget. The mayor said taxes will not rise next year. Critics say the figures were never checked by auditors.',
    claims: [['voted 7 to 2 on Tuesday', 'confirmed'], ['taxes will not rise next year', 'unconfirmed'], ['the figures were never checked by auditors', 'unclear']],
    astral: false,
  },
  emoji: {
    text: 'Flood relief 🌊 reaches the valley\n\nAid trucks 🚚 arrived on Tuesday, officials said. Residents 🙏 say the water supply is still cut. The bridge 🌉 will reopen next week, the mayor said.',
    claims: [['Aid trucks 🚚 arrived on Tuesday', 'confirmed'], ['the water supply is still cut', 'unclear'], ['will reopen next week', 'unconfirmed']],
    astral: true,
  },
  combining: {
    text: 'Cafe\u0301 owner Zoe\u0308 Nu\u0301n\u0303ez speaks\n\nZoe\u0308 Nu\u0301n\u0303ez said the re\u0301sume\u0301 was forged. The cafe\u0301 reopened on Monday, she said.',
    claims: [['the re\u0301sume\u0301 was forged', 'unconfirmed'], ['The cafe\u0301 reopened on Monday', 'confirmed']],
    astral: false,
  },
  rtl: {
    text: 'المجلس يوافق على الميزانية\n\nقال رئيس البلدية إن الضرائب لن ترتفع العام المقبل. ويقول المنتقدون إن الأرقام لم يدققها أحد.',
    claims: [['الضرائب لن ترتفع العام المقبل', 'unconfirmed'], ['الأرقام لم يدققها أحد', 'unclear']],
    astral: false,
  },
};

// Recogito's UMD build reads process.env.NODE_ENV (a bundler would replace
// it): the one shim a page without a bundler needs (as bench/pages does).
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>interop</title>
<style>#recogito { white-space: pre-wrap; font: 18px/1.6 serif; max-width: 40rem; margin: 1rem; }</style>
<script>window.process = { env: { NODE_ENV: 'production' } };</script></head>
<body><div id="recogito"></div><div id="claimmark"></div></body></html>`;

/** Opens a page with Recogito over #recogito and claimmark in #claimmark, both on `text`. */
async function openBoth(page, text) {
  await page.route('**/interop.html', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }));
  await page.goto(new URL('interop.html', env.url).href);
  await page.addStyleTag({ path: fileURLToPath(new URL('text-annotator.css', RECOGITO)) });
  await page.addScriptTag({ path: fileURLToPath(new URL('text-annotator.umd.js', RECOGITO)) });
  await page.evaluate(
    async ({ text, source }) => {
      const container = document.getElementById('recogito');
      container.textContent = text;
      window.anno = window.RecogitoJS.createTextAnnotator(container, {
        adapter: window.RecogitoJS.W3CTextFormat(source, container),
      });
      const { mount } = await import('/claimmark.js');
      window.widget = await mount(document.getElementById('claimmark'), { text, docId: 'interop', storage: 'none', mode: 'edit' });
    },
    { text, source: SOURCE },
  );
}

/** Quote-only W3C annotations: claimmark places and describes them itself. */
function quoteOnly(claims) {
  return claims.map(([exact, certainty], i) => ({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`,
    type: 'Annotation',
    created: '2026-02-25T10:00:00Z',
    body: [{ type: 'TextualBody', purpose: 'assessing', value: certainty }],
    target: { source: SOURCE, selector: { type: 'TextQuoteSelector', exact } },
  }));
}

/** Each exported item's position, read in code points, holds its quote. */
function assertPositionsInCodePoints(collection, text) {
  const chars = [...text];
  for (const item of collection.first.items) {
    const [quote, position] = item.target.selector;
    assert.equal(chars.slice(position.start, position.end).join(''), quote.exact, `${item.id}: code points hold the quote`);
  }
}

/** Loads W3C annotations into Recogito; the words each one covers there. */
async function shownByRecogito(page, items) {
  return page.evaluate((items) => {
    const container = document.getElementById('recogito');
    window.anno.setAnnotations(items, true);
    return window.anno.state.store.all().map((a) => {
      const revived = window.RecogitoJS.reviveAnnotation(a, container);
      return { id: a.id, quote: a.target.selector[0].quote, shown: revived.target.selector[0].range.toString() };
    });
  }, items);
}

for (const [name, article] of Object.entries(ARTICLES)) {
  test(`${name} article: claimmark's export in Recogito`, async () => {
    const { page } = env;
    await openBoth(page, article.text);
    const summary = await page.evaluate((items) => window.widget.importAnnotations(items), quoteOnly(article.claims));
    assert.equal(summary.added, article.claims.length, JSON.stringify(summary));
    const exported = await page.evaluate(() => window.widget.exportAnnotations());
    assertW3C(exported, 'exportAnnotations()');
    assertPositionsInCodePoints(exported, article.text);

    const shown = await shownByRecogito(page, exported.first.items);
    assert.equal(shown.length, article.claims.length, 'Recogito takes every annotation');
    for (const { quote, shown: words } of shown) {
      if (!article.astral) {
        assert.equal(words, quote, `Recogito shows "${quote}" on the same words`);
      } else {
        // Recogito counts the code points claimmark writes as UTF-16 units:
        // each emoji before a claim moves it one unit back, onto other words.
        const start = [...article.text.slice(0, article.text.indexOf(quote))].length;
        const asUnits = article.text.slice(start, start + [...quote].length);
        assert.equal(words, asUnits, `Recogito reads the code points of "${quote}" as UTF-16 units`);
        assert.notEqual(words, quote, `the documented divergence: after an emoji Recogito shows other words than "${quote}"`);
      }
    }
  });

  test(`${name} article: Recogito's export in claimmark`, async () => {
    const { page } = env;
    await openBoth(page, article.text);
    const [[firstQuote], ...rest] = article.claims;
    // The first claim by a real mouse drag where the script runs left to
    // right; the others (and RTL) through Recogito's own rangeToSelector.
    const dragged = name !== 'rtl';
    if (dragged) {
      const selected = await dragSelect(page, page.locator('#recogito'), firstQuote, firstQuote);
      assert.equal(selected, firstQuote, 'the drag selects the words');
      await page.waitForFunction(() => window.anno.state.store.all().length === 1);
    }
    const exported = await page.evaluate(
      ({ byRange, claims }) => {
        const container = document.getElementById('recogito');
        const node = container.firstChild;
        const store = window.anno.state.store;
        for (const [quote] of byRange) {
          const range = document.createRange();
          const at = node.data.indexOf(quote);
          range.setStart(node, at);
          range.setEnd(node, at + quote.length);
          const id = crypto.randomUUID();
          const target = { annotation: id, selector: [window.RecogitoJS.rangeToSelector(range, container)], created: new Date() };
          store.addAnnotation({ id, bodies: [], target });
        }
        // A certainty for each, as a Recogito app would add a body.
        for (const a of store.all()) {
          const quote = a.target.selector[0].quote;
          const certainty = claims.find(([q]) => q === quote)?.[1] ?? 'unclear';
          store.addBody({ id: crypto.randomUUID(), annotation: a.id, purpose: 'assessing', value: certainty, created: new Date() });
        }
        return window.anno.getAnnotations();
      },
      { byRange: dragged ? rest : article.claims, claims: article.claims },
    );
    assert.equal(exported.length, article.claims.length);
    // What Recogito's W3C export breaks: its ids are bare UUIDs, not IRIs
    // (§3.1). Everything else meets the MUSTs the schema checks.
    const errors = w3cErrors(exported);
    assert.deepEqual(
      errors,
      exported.map((_, i) => `/${i}/id must match pattern "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$"`),
      `only the ids break the model: ${JSON.stringify(exported.map((a) => a.id))}`,
    );
    for (const annotation of exported) {
      const [quote, position] = annotation.target[0].selector;
      const unitsHoldQuote = article.text.slice(position.start, position.end) === quote.exact;
      assert.ok(unitsHoldQuote, `Recogito's positions count UTF-16 units: ${JSON.stringify(position)}`);
    }

    const summary = await page.evaluate((items) => window.widget.importAnnotations(items), exported);
    assert.deepEqual(summary.rejected, [], 'nothing refused');
    assert.equal(summary.added, article.claims.length);
    assert.equal(summary.placedByQuote, 0);
    if (article.astral) {
      assert.equal(summary.converted, article.claims.length, JSON.stringify(summary.notes));
      assert.deepEqual(summary.messages, [`${article.claims.length} positions counted in UTF-16 units were converted`]);
    } else {
      assert.equal(summary.converted, 0, 'code points and UTF-16 units agree here');
      assert.deepEqual(summary.messages, []);
    }
    const shown = await waitForClaims(page, article.claims.length);
    assert.deepEqual(
      shown.map((c) => [c.text, c.certainty]).sort(),
      article.claims.map(([quote, certainty]) => [quote, certainty]).sort(),
      'claimmark marks the same words with the same certainty',
    );
    const again = await page.evaluate(() => window.widget.exportAnnotations());
    assertW3C(again, 'exportAnnotations() after the import');
    assertPositionsInCodePoints(again, article.text);
  });
}

test('claims exported on one version of an article and opened in a corrected one are exported at their new places', async () => {
  const { page } = env;
  const { text } = ARTICLES.emoji;
  await openBoth(page, text);
  await page.evaluate((items) => window.widget.importAnnotations(items), quoteOnly(ARTICLES.emoji.claims));
  const before = await page.evaluate(() => window.widget.exportAnnotations());
  assertW3C(before, 'export of the first version');

  // The corrected version: a correction note on top, one claim's words gone.
  const corrected = `Correction 📝: the bridge date was wrong.\n\n${text.replace('Aid trucks 🚚 arrived on Tuesday', 'Aid arrived')}`;
  await openBoth(page, corrected);
  const summary = await page.evaluate((collection) => window.widget.importAnnotations(collection), before);
  assert.equal(summary.added, 3);
  assert.equal(summary.placedByQuote, 2, `the old positions are wrong here: ${JSON.stringify(summary.notes)}`);
  assert.equal(summary.orphaned, 1, 'the claim whose words are gone');
  assert.deepEqual(summary.messages, [
    '2 positions were wrong; placed by their quotes',
    '1 position was wrong and its quote is not in the text: kept as an orphan',
  ]);
  await waitForClaims(page, 2);
  const after = await page.evaluate(() => window.widget.exportAnnotations());
  assertW3C(after, 'export of the corrected version');
  const items = after.first.items;
  const orphan = items.find((item) => item['claimmark:orphan'] === true);
  assert.equal(orphan?.target.selector[0].exact, 'Aid trucks 🚚 arrived on Tuesday', 'the orphan keeps its last description');
  const placed = items.filter((item) => item !== orphan);
  assert.equal(placed.length, 2);
  const chars = [...corrected];
  for (const item of placed) {
    const [quote, position] = item.target.selector;
    assert.equal(chars.slice(position.start, position.end).join(''), quote.exact, 'the position is the new one');
    const old = before.first.items.find((b) => b.id === item.id);
    assert.deepEqual(item['claimmark:recorded'].selector[1], old.target.selector[1], 'the old position is recorded');
  }
});
