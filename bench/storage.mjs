// Storage benchmark, in the demo page with the largest data set loaded:
// the stored envelope's size in UTF-16 units (what Chromium counts against
// its 5,242,880-unit localStorage quota), with and without the article
// text the demo keeps for articles loaded by hand; claimmark's save and
// load times (its `claimmark:save` / `claimmark:load` performance
// measures, collected by the render and interaction runs); and, in the
// same page, JSON.stringify / JSON.parse of the same claims in the naive
// W3C JSON-LD form, plus an attempt to store that string.

import { toW3C } from './generate.mjs';
import { median } from './lib.mjs';

export const QUOTA_UNITS = 5_242_880;

/** In-page: sizes of what the demo stored, and the naive W3C baseline. */
function measureInPage({ w3cJson, repeats }) {
  const current = localStorage.getItem('claimmark:v1:demo:current');
  const key = `claimmark:v1:doc:${current}`;
  const value = localStorage.getItem(key) ?? '';
  const textKey = `claimmark:v1:text:${current}`;
  const text = localStorage.getItem(textKey);
  const envelope = JSON.parse(value);
  const textUnits = text === null ? 0 : textKey.length + text.length;
  // The same claims as an embedded article stores them (no kept text, so
  // each row keeps its exact quote where this one has `0`, "the text's";
  // see crates/claimmark-core/src/storage/compact.rs): computed from the stored rows.
  let embeddedUnits = key.length + value.length;
  if (text !== null) {
    const points = Array.from(text);
    const claims = envelope.claims.map((row) =>
      row[6] === 0 ? [...row.slice(0, 6), points.slice(row[1], row[2]).join(''), ...row.slice(7)] : row,
    );
    const embedded = { schema: envelope.schema, document: envelope.document, textHash: envelope.textHash ?? '0'.repeat(16), claims };
    if (envelope.deletions) embedded.deletions = envelope.deletions;
    embeddedUnits = key.length + JSON.stringify(embedded).length;
  }
  let used = 0;
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    used += k.length + (localStorage.getItem(k) ?? '').length;
  }
  const claims = JSON.parse(w3cJson);
  const stringify = [];
  const parse = [];
  let naive = '';
  for (let i = 0; i < repeats; i++) {
    let t = performance.now();
    naive = JSON.stringify(claims);
    stringify.push(performance.now() - t);
    t = performance.now();
    JSON.parse(naive);
    parse.push(performance.now() - t);
  }
  // Storing the naive form beside what is there (it may not fit).
  let naiveSet = { ok: false };
  const t = performance.now();
  try {
    localStorage.setItem('bench:naive-w3c', naive);
    naiveSet = { ok: true, ms: performance.now() - t };
    const t2 = performance.now();
    JSON.parse(localStorage.getItem('bench:naive-w3c'));
    naiveSet.getParseMs = performance.now() - t2;
  } catch (e) {
    naiveSet = { ok: false, error: e.name, ms: performance.now() - t };
  } finally {
    localStorage.removeItem('bench:naive-w3c');
  }
  return {
    key,
    claims: envelope.claims.length,
    entryUnits: key.length + value.length,
    textUnits,
    claimsOnlyUnits: embeddedUnits,
    withTextUnits: key.length + value.length + textUnits,
    originUnits: used,
    naiveUnits: naive.length,
    naiveStringify: stringify,
    naiveParse: parse,
    naiveSet,
  };
}

/**
 * `page`: the demo with `set` loaded; `loads` / `saves`: claimmark's
 * measured durations (ms) from the other benchmarks.
 */
export async function benchStorage(page, set, { loads, saves, repeats }) {
  const w3cJson = JSON.stringify(set.claims.map((c) => toW3C(c, 'bench')));
  const r = await page.evaluate(measureInPage, { w3cJson, repeats });
  return {
    ...r,
    quota: QUOTA_UNITS,
    entryShare: r.entryUnits / QUOTA_UNITS,
    claimsOnlyShare: r.claimsOnlyUnits / QUOTA_UNITS,
    withTextShare: r.withTextUnits / QUOTA_UNITS,
    textShare: r.textUnits / QUOTA_UNITS,
    naiveShare: r.naiveUnits / QUOTA_UNITS,
    load: { runs: loads, median: median(loads) },
    save: { runs: saves, median: median(saves) },
    naive: { stringify: median(r.naiveStringify), parse: median(r.naiveParse) },
  };
}
