// Interaction benchmark, with the largest data set loaded in the demo:
//  - tag: a selection is made in the article (a DOM Range through the
//    Selection API, which the demo follows on `selectionchange`), then a
//    real key press 1/2/3 (CDP input); from the keydown event's timeStamp
//    to the frame that shows the new claim's mark;
//  - certainty: a claim's card is opened (focus its highlight, Enter),
//    then a real mouse click on another certainty button; from the click
//    event's timeStamp to the frame that shows the marks' new certainty.
//  - floor: the same page, one mark's data-certainty set by plain JS on a
//    keydown the widget never sees, to the frame that shows it (what any
//    implementation would measure at best on this machine);
// "Shown" = a MutationObserver on the article sees the change, then a
// requestAnimationFrame and a message posted from it (runs once that frame
// is produced). Each change also saves to localStorage, shortly after that
// frame; the harness waits for the `claimmark:save` measure of every try
// (for the storage table, and so that it does not fall inside the next try)
// and records whether it landed inside the measured time.

import { installAfterPaint, log } from './lib.mjs';

/**
 * In-page: scrolls code point `at` of the article to the middle of the
 * screen and waits a few frames, so that the blocks around it show their
 * marks (a long article gives them marks as they come near the viewport).
 */
async function scrollToOffset(at) {
  const runs = [...document.querySelectorAll('article.cm-article .cm-run[data-s]')];
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (Number(runs[mid].dataset.s) <= at) lo = mid;
    else hi = mid - 1;
  }
  runs[lo].scrollIntoView({ block: 'center' });
  await new Promise((resolve) => {
    const step = (left) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
    step(4);
  });
}

/** In-page: selects [start, end) code points of the article (BMP text: UTF-16 == code points). */
function selectSpan({ start, end }) {
  const runs = [...document.querySelectorAll('article.cm-article .cm-run[data-s]')];
  const find = (offset, isEnd) => {
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (Number(runs[mid].dataset.s) <= offset - (isEnd ? 1 : 0)) lo = mid;
      else hi = mid - 1;
    }
    const run = runs[lo];
    return { node: run.firstChild, offset: offset - Number(run.dataset.s), run };
  };
  const a = find(start, false);
  const b = find(end, true);
  a.run.scrollIntoView({ block: 'center' });
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}

/** In-page: arms a watcher for a mark of a claim id not seen before; resolves {t0, t1}. */
function armNewMark() {
  const article = document.querySelector('article.cm-article');
  const known = new Set([...(window.__knownIds ?? []), ...[...article.querySelectorAll('mark.cm-claim')].map((m) => m.getAttribute('data-annotation-id'))]);
  performance.clearMeasures('claimmark:save');
  window.__try = new Promise((resolve) => {
    let t0 = null;
    const onKey = (e) => {
      if (['1', '2', '3'].includes(e.key)) t0 = e.timeStamp;
    };
    window.addEventListener('keydown', onKey, { capture: true });
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        // A new outer claim can take over an existing mark element (its
        // attributes change) while the old claim's mark is the one added.
        const nodes = r.type === 'attributes' ? [r.target] : r.addedNodes;
        for (const node of nodes) {
          if (node.nodeType !== 1) continue;
          const marks = node.matches('mark.cm-claim') ? [node] : [...node.querySelectorAll('mark.cm-claim')];
          if (marks.some((m) => !known.has(m.getAttribute('data-annotation-id')))) {
            observer.disconnect();
            window.removeEventListener('keydown', onKey, { capture: true });
            const seen = performance.now();
            window.__afterPaint((t1) => {
              const save = performance.getEntriesByName('claimmark:save')[0];
              resolve({ t0, seen, t1, save: save ? save.duration : null });
            });
            return;
          }
        }
      }
    });
    observer.observe(article, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-annotation-id'] });
    // Never hang the run: a try that shows nothing in 10 s is recorded as failed.
    setTimeout(() => {
      observer.disconnect();
      resolve({ failed: true });
    }, 10_000);
  });
}

/** In-page: focuses the keyboard stop of claim `id` (its block scrolled to first). */
function focusClaim(id) {
  const mark = document.querySelector(`article.cm-article mark.cm-claim[data-annotation-id="${id}"][tabindex]`);
  if (!mark) return false;
  mark.scrollIntoView({ block: 'center' });
  mark.focus();
  return true;
}

/** In-page: arms a watcher for claim `id`'s marks showing `certainty`; resolves {t0, t1}. */
function armCertainty({ id, certainty }) {
  const article = document.querySelector('article.cm-article');
  const wanted = (el) =>
    el.nodeType === 1 &&
    el.getAttribute('data-annotation-id') === id &&
    el.getAttribute('data-certainty') === certainty &&
    el.matches('mark.cm-claim');
  performance.clearMeasures('claimmark:save');
  window.__try = new Promise((resolve) => {
    let t0 = null;
    const onClick = (e) => {
      if (e.target.closest && e.target.closest('.cm-card button.cm-tag')) t0 = e.timeStamp;
    };
    window.addEventListener('click', onClick, { capture: true });
    const observer = new MutationObserver((records) => {
      const hit = records.some((r) =>
        r.type === 'attributes'
          ? wanted(r.target)
          : [...r.addedNodes].some((n) => n.nodeType === 1 && (wanted(n) || n.querySelector(`mark.cm-claim[data-annotation-id="${id}"][data-certainty="${certainty}"]`))),
      );
      if (!hit) return;
      observer.disconnect();
      window.removeEventListener('click', onClick, { capture: true });
      const seen = performance.now();
      window.__afterPaint((t1) => {
        const save = performance.getEntriesByName('claimmark:save')[0];
        resolve({ t0, seen, t1, save: save ? save.duration : null });
      });
    });
    observer.observe(article, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-certainty'] });
    setTimeout(() => {
      observer.disconnect();
      resolve({ failed: true });
    }, 10_000);
  });
}

/** In-page: the `claimmark:save` measure of the change just made (the demo
 * saves shortly after the frame that shows it); null after 5 s without one. */
function awaitSave() {
  return new Promise((resolve) => {
    const started = performance.now();
    const poll = () => {
      const save = performance.getEntriesByName('claimmark:save')[0];
      if (save) resolve(save.duration);
      else if (performance.now() - started > 5000) resolve(null);
      else setTimeout(poll, 10);
    };
    poll();
  });
}

const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Spans to tag: `tries` word-aligned spans spread over the article's paragraphs. */
function tagSpans(set, tries) {
  const spans = [];
  const paragraphs = [...new Set(set.claims.map((c) => c.paragraph))].sort((a, b) => a - b);
  for (let i = 0; i < tries; i++) {
    const claim = set.claims[Math.floor(((i + 0.5) * set.claims.length) / tries)];
    // Words of the claim's paragraph near the claim: from its start, 3 to 7 words.
    const rest = set.text.slice(claim.start, claim.start + 200);
    const words = [...rest.matchAll(/\S+/g)].slice(0, 3 + (i % 5));
    const last = words.at(-1);
    spans.push({ start: claim.start, end: claim.start + last.index + last[0].length });
  }
  return { spans, paragraphs: paragraphs.length };
}

/** In-page: the article's marks and the page's elements. */
function pageCounts() {
  return { marks: document.querySelectorAll('article.cm-article mark.cm-claim').length, elements: document.getElementsByTagName('*').length };
}

/** Runs both interaction benchmarks on `page` (the demo with `set` loaded). */
export async function benchInteraction(page, set, tries) {
  const before = await page.evaluate(pageCounts);
  await page.addScriptTag({ content: `(${installAfterPaint})();` });
  await page.evaluate((ids) => { window.__knownIds = ids; }, set.claims.map((c) => c.id));
  const tag = [];
  const failed = { tag: 0, certainty: 0 };
  const { spans } = tagSpans(set, tries);
  for (let i = 0; i < tries; i++) {
    await page.evaluate(scrollToOffset, spans[i].start);
    const selected = await page.evaluate(selectSpan, spans[i]);
    if (process.env.BENCH_DEBUG) log('selected', JSON.stringify(selected));
    await page.locator('[role=toolbar].cm-toolbar').waitFor({ state: 'visible' });
    await settle(page);
    await page.evaluate(armNewMark);
    if (process.env.BENCH_DEBUG) log('armed');
    await page.keyboard.press(String((i % 3) + 1));
    if (process.env.BENCH_DEBUG) log('pressed');
    const r = await page.evaluate(() => window.__try);
    if (r.failed) {
      failed.tag += 1;
      log(`interaction tag ${i}: no new highlight within 10 s (${JSON.stringify(selected)})`);
      await page.keyboard.press('Escape');
      continue;
    }
    // The save lands after the paint: wait for it, so it is counted and
    // does not fall inside the next try.
    const save = r.save ?? (await page.evaluate(awaitSave));
    tag.push({ ms: r.t1 - r.t0, toSeen: r.seen - r.t0, save, saveInside: r.save !== null, chars: selected.length });
    await settle(page);
  }
  log(`interaction tag: ${tag.length} tries`);

  const certainty = [];
  const order = ['confirmed', 'unclear', 'unconfirmed'];
  for (let i = 0; i < tries; i++) {
    // A claim that starts where an enclosing one starts has no keyboard
    // stop of its own (the outer one has it): take the next claim then.
    let k = Math.floor(((i + 0.5) * set.claims.length) / tries);
    for (; k < set.claims.length; k++) {
      await page.evaluate(scrollToOffset, set.claims[k].start);
      if (await page.evaluate(focusClaim, set.claims[k].id)) break;
    }
    if (k >= set.claims.length) throw new Error('no claim with a keyboard stop left');
    await page.keyboard.press('Enter');
    const card = page.locator('[role=dialog].cm-card');
    await card.waitFor({ state: 'visible' });
    const id = await card.getAttribute('data-annotation-id');
    const current = await card.getAttribute('data-certainty');
    const next = order[(order.indexOf(current) + 1 + (i % 2)) % 3];
    await settle(page);
    await page.evaluate(armCertainty, { id, certainty: next });
    await card.locator(`button.cm-tag[data-certainty=${next}]`).click();
    const r = await page.evaluate(() => window.__try);
    if (r.failed) {
      failed.certainty += 1;
      log(`interaction certainty ${i}: no repaint within 10 s`);
      await page.keyboard.press('Escape');
      continue;
    }
    const save = r.save ?? (await page.evaluate(awaitSave));
    certainty.push({ ms: r.t1 - r.t0, toSeen: r.seen - r.t0, save, saveInside: r.save !== null });
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
    await settle(page);
  }
  log(`interaction certainty: ${certainty.length} tries`);

  const floor = [];
  for (let i = 0; i < tries; i++) {
    const claim = set.claims[Math.floor(((i + 0.5) * set.claims.length) / tries)];
    await page.evaluate(scrollToOffset, claim.start);
    if (!(await page.evaluate(armFloor, claim.id))) continue;
    await settle(page);
    await page.keyboard.press('x');
    floor.push({ ms: await page.evaluate(() => window.__try) });
    await settle(page);
  }
  log(`interaction floor: ${floor.length} tries`);
  return { tag, certainty, floor, failed, before, after: await page.evaluate(pageCounts) };
}

/**
 * In-page: the floor of the method, for the same page and marks. A
 * capture listener on window takes the next keydown before the widget
 * sees it and sets one mark's `data-certainty` in plain JS (the smallest
 * change that repaints a highlight), measured as the tries are: from the
 * event's timeStamp to the frame that shows it. The mark gets its value
 * back after that frame, so the widget's DOM stays its own.
 */
function armFloor(id) {
  const mark = document.querySelector(`article.cm-article mark.cm-claim[data-annotation-id="${id}"]`);
  if (!mark) return false;
  const before = mark.getAttribute('data-certainty');
  const next = { confirmed: 'unclear', unclear: 'unconfirmed', unconfirmed: 'confirmed' }[before] ?? 'confirmed';
  window.__try = new Promise((resolve) => {
    const onKey = (e) => {
      window.removeEventListener('keydown', onKey, { capture: true });
      e.stopImmediatePropagation();
      e.preventDefault();
      const t0 = e.timeStamp;
      mark.setAttribute('data-certainty', next);
      window.__afterPaint((t1) => {
        mark.setAttribute('data-certainty', before);
        resolve(t1 - t0);
      });
    };
    window.addEventListener('keydown', onKey, { capture: true });
  });
  return true;
}
