// Embedding on host pages (examples/): <claim-annotator> in edit and read
// mode, the JS API and its events, CSS isolation both ways, a strict
// Content-Security-Policy, and the fallback when the wasm cannot load.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LABELS, UUID, dragSelect, exampleUrl as pageUrl, openExample, textPoints, useDemo } from './harness.mjs';

const env = useDemo();

const EDIT = 'claim-annotator[mode=edit]';
const READ = 'claim-annotator[mode=read]';
const BRIDGE_TEXT = "The harbour bridge will reopen to traffic on Monday, the city's transport office said on Friday.";

/** Collects claimmark-change details that bubble to the document. */
async function recordChanges(page) {
  await page.evaluate(() => {
    window.__changes = [];
    document.addEventListener('claimmark-change', (event) => {
      window.__changes.push({ ...event.detail, from: event.target.getAttribute('doc-id'), composed: event.composed });
    });
  });
  return async () => page.evaluate(() => window.__changes);
}

/** A W3C collection with one claim on the bridge article and one broken item. */
function bridgeImport() {
  const exact = 'will reopen to traffic on Monday';
  const start = BRIDGE_TEXT.indexOf(exact);
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    first: {
      type: 'AnnotationPage',
      items: [
        {
          id: 'urn:uuid:7f3e2a10-5c1b-4c8e-9d2f-0a1b2c3d4e5f',
          type: 'Annotation',
          motivation: 'assessing',
          created: '2026-02-25T10:00:00Z',
          modified: '2026-02-25T10:00:00Z',
          body: [
            { type: 'TextualBody', purpose: 'assessing', value: 'confirmed' },
            { type: 'TextualBody', purpose: 'commenting', value: 'Transport office notice.', format: 'text/plain' },
          ],
          target: {
            source: 'urn:claimmark:doc:harbour-bridge',
            selector: [
              { type: 'TextQuoteSelector', exact, prefix: 'The harbour bridge ', suffix: ", the city's" },
              { type: 'TextPositionSelector', start, end: start + exact.length },
            ],
          },
        },
        { id: 'urn:uuid:not-a-uuid', type: 'Annotation', body: [], target: {} },
      ],
    },
  };
}

test('two widgets on one page: both render, each its own document, no duplicate ids', async () => {
  const { page } = env;
  await openExample(page, 'two-articles.html');
  const info = await page.evaluate(() =>
    [...document.querySelectorAll('claim-annotator')].map((el) => ({
      roots: el.querySelectorAll('.claimmark').length,
      mode: el.querySelector('.claimmark')?.getAttribute('data-mode'),
      text: el.querySelector('article.cm-article')?.textContent ?? '',
      marks: el.querySelectorAll('article.cm-article mark.cm-claim').length,
      sourceHidden: [...el.children].filter((c) => !c.matches('.cm-embed')).every((c) => getComputedStyle(c).display === 'none'),
    })),
  );
  assert.equal(info.length, 2);
  assert.deepEqual(info.map((i) => [i.roots, i.mode]), [[1, 'edit'], [1, 'read']]);
  assert.match(info[0].text, /harbour bridge will reopen/);
  assert.match(info[1].text, /council approved next year's budget/);
  assert.ok(!info[0].text.includes('council'), 'each widget shows its own article');
  assert.equal(info[1].marks >= 3, true, 'the read widget shows the loaded annotations');
  assert.ok(info.every((i) => i.sourceHidden), 'the light-DOM copy is hidden once the widget shows the article');

  const legend = await page.evaluate((sel) => {
    const counts = {};
    for (const li of document.querySelectorAll(`${sel} .cm-legend li[data-certainty]`)) {
      counts[li.dataset.certainty] = Number(li.querySelector('.cm-count').textContent);
    }
    return counts;
  }, READ);
  assert.deepEqual(legend, { confirmed: 1, unclear: 1, unconfirmed: 1 });

  const duplicates = await page.evaluate(() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1);
  });
  assert.deepEqual(duplicates, []);
  // Read mode keeps nothing in the reader's browser by default.
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('council-budget'))), []);
  const globals = await page.evaluate(() => Object.keys(window).filter((k) => /claimmark|wasm|bindgen/i.test(k)));
  assert.deepEqual(globals, ['claimmark'], 'one namespace, nothing else on window');
});

test('read mode: no edit controls; the card opens on hover, focus and tap with note and safe source links', async () => {
  const { page } = env;
  await openExample(page, 'two-articles.html');
  const read = page.locator(READ);
  const controls = await read.evaluate((el) => ({
    share: el.querySelectorAll('.cm-share-wrap, .cm-share, .cm-import-text').length,
    toggle: el.querySelectorAll('.cm-suggest-toggle').length,
    suggestions: el.querySelectorAll('.cm-suggestion').length,
    fields: el.querySelectorAll('textarea, input').length,
    // (The legend's own filter chips are not edit controls.)
    buttons: [...el.querySelectorAll('button')].filter((b) => !b.closest('.cm-legend')).map((b) => b.textContent),
  }));
  assert.deepEqual(controls, { share: 0, toggle: 0, suggestions: 0, fields: 0, buttons: [] });

  // The article keeps the host's typography (section.story sets it).
  const typography = await read.evaluate((el) => {
    const pick = (node) => {
      const s = getComputedStyle(node);
      return [s.fontFamily, s.fontSize, s.lineHeight, s.color];
    };
    return { host: pick(el.closest('section')), article: pick(el.querySelector('.cm-paragraph')) };
  });
  assert.deepEqual(typography.article, typography.host);

  // Selecting text offers no toolbar, and keys 1-3 create nothing.
  await dragSelect(page, read.locator('article.cm-article'), 'council', 'budget');
  await page.keyboard.press('1');
  await page.waitForTimeout(200);
  assert.equal(await page.locator(`${READ} .cm-toolbar`).count(), 0);
  assert.equal(await read.locator('.cm-legend li[data-certainty=confirmed] .cm-count').textContent(), '1');

  // Hover (a card the drag opened is closed first: it may cover the claim).
  const card = read.locator('[role=dialog].cm-card');
  if (await card.count()) await card.getByRole('button', { name: 'Close' }).click();
  const ferry = read.locator('mark.cm-claim[data-certainty=unconfirmed][tabindex]');
  await ferry.hover();
  await card.waitFor({ state: 'visible' });
  assert.match(await card.locator('.cm-card-title').textContent(), /✗\s*Unconfirmed claim/);
  assert.equal(await card.locator('.cm-note').textContent(), 'The published budget shows a 12% cut.');
  // The host's `.story h2` (uppercase, spaced) does not restyle the card's title.
  assert.deepEqual(
    await card.locator('.cm-card-title').evaluate((h) => [getComputedStyle(h).textTransform, getComputedStyle(h).letterSpacing]),
    ['none', 'normal'],
  );
  const links = await card.locator('a').evaluateAll((as) => as.map((a) => [a.href, a.target, a.rel]));
  assert.deepEqual(links, [
    ['https://example.org/budget/ferry', '_blank', 'noopener noreferrer'],
    ['https://example.com/treasurer-statement', '_blank', 'noopener noreferrer'],
  ]);
  assert.equal(await card.locator('button:not(.cm-button), textarea, input, .cm-danger, .cm-tag').count(), 0, 'nothing on the card edits');

  // Close; keyboard focus on another claim opens its card, Escape closes it.
  await card.getByRole('button', { name: 'Close' }).click();
  await card.waitFor({ state: 'detached' });
  await read.locator('mark.cm-claim[data-certainty=confirmed][tabindex]').focus();
  await card.waitFor({ state: 'visible' });
  assert.match(await card.locator('.cm-card-title').textContent(), /✓\s*Confirmed claim/);
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'detached' });

  // Tap (click) on the unclear claim.
  await page.mouse.move(0, 0);
  const { middle } = await textPoints(page, read.locator('article.cm-article'), 'library will open');
  await page.mouse.click(middle.x, middle.y);
  await page.waitForFunction((sel) => document.querySelector(`${sel} .cm-card`)?.dataset.certainty === 'unclear', READ);
});

test('importAnnotations returns the summary, highlights appear, export and annotations agree', async () => {
  const { page } = env;
  await openExample(page, 'two-articles.html');
  const changes = await recordChanges(page);
  const summary = await page.evaluate(
    ({ sel, json }) => document.querySelector(sel).importAnnotations(json),
    { sel: EDIT, json: bridgeImport() },
  );
  assert.equal(summary.added, 1);
  assert.equal(summary.updated, 0);
  assert.equal(summary.unchanged, 0);
  assert.equal(summary.orphaned, 0);
  assert.equal(summary.rejected.length, 1);
  assert.equal(summary.rejected[0].index, 1);
  assert.equal(typeof summary.rejected[0].reason, 'string');
  assert.ok(summary.rejected[0].reason.length > 0);

  const mark = page.locator(`${EDIT} mark.cm-claim[data-certainty=confirmed]`);
  await mark.first().waitFor();
  assert.equal(await mark.first().getAttribute('data-annotation-id'), '7f3e2a10-5c1b-4c8e-9d2f-0a1b2c3d4e5f');

  const exported = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return { collection: el.exportAnnotations(), annotations: el.annotations };
  }, EDIT);
  assert.equal(exported.collection.type, 'AnnotationCollection');
  assert.equal(exported.collection.first.items.length, 1);
  assert.deepEqual(exported.annotations, exported.collection.first.items);
  assert.equal(exported.annotations[0].id, 'urn:uuid:7f3e2a10-5c1b-4c8e-9d2f-0a1b2c3d4e5f');

  // The same again, as a string: nothing changes.
  const again = await page.evaluate(
    ({ sel, json }) => document.querySelector(sel).importAnnotations(JSON.stringify(json)),
    { sel: EDIT, json: bridgeImport() },
  );
  assert.deepEqual([again.added, again.updated, again.unchanged], [0, 0, 1]);
  // Not JSON at all: a clear error, nothing changed.
  const error = await page.evaluate((sel) => {
    try {
      document.querySelector(sel).importAnnotations('{not json');
      return null;
    } catch (e) {
      return String(e.message);
    }
  }, EDIT);
  assert.match(error, /importAnnotations/);
  const seen = await changes();
  assert.deepEqual(seen, [{ action: 'create', id: '7f3e2a10-5c1b-4c8e-9d2f-0a1b2c3d4e5f', from: 'harbour-bridge', composed: true }]);
  // The read widget on the same page did not change.
  assert.equal(await page.locator(`${READ} .cm-legend li[data-certainty=confirmed] .cm-count`).textContent(), '1');
});

test('claimmark-change fires on create, edit and delete (bubbling, composed)', async () => {
  const { page } = env;
  await openExample(page, 'two-articles.html');
  const changes = await recordChanges(page);
  const edit = page.locator(EDIT);
  await dragSelect(page, edit.locator('article.cm-article'), 'transport', 'office');
  await edit.locator('[role=toolbar].cm-toolbar').getByRole('button', { name: LABELS.unclear, exact: true }).click();
  await page.waitForFunction(() => window.__changes.length === 1);
  const [created] = await changes();
  assert.equal(created.action, 'create');
  assert.match(created.id, UUID);
  assert.equal(created.from, 'harbour-bridge');
  assert.equal(created.composed, true);

  await edit.locator(`mark.cm-claim[data-annotation-id="${created.id}"]`).first().click();
  const card = edit.locator('[role=dialog].cm-card');
  await card.getByRole('button', { name: LABELS.confirmed, exact: true }).click();
  await page.waitForFunction(() => window.__changes.length === 2);
  await card.getByRole('button', { name: 'Delete claim' }).click();
  await page.waitForFunction(() => window.__changes.length === 3);
  // Edit mode keeps its claims under its own document id.
  // Saved shortly after the change.
  await page.waitForFunction(() => {
    const stored = localStorage.getItem('claimmark:v1:doc:harbour-bridge');
    return stored && JSON.parse(stored).claims.length === 0;
  });
  const stored = await page.evaluate(() => localStorage.getItem('claimmark:v1:doc:harbour-bridge'));
  assert.ok(stored, 'saved under the edit widget\'s document id');
  assert.deepEqual(JSON.parse(stored).claims, [], 'the deletion is saved');
  assert.deepEqual(
    (await changes()).map((c) => [c.action, c.id]),
    [
      ['create', created.id],
      ['edit', created.id],
      ['delete', created.id],
    ],
  );
});

test('mount() in code, storage "none" writes nothing, destroy() and remove() take the widget away', async () => {
  const { page } = env;
  await openExample(page, 'two-articles.html');
  const result = await page.evaluate(async (text) => {
    const { mount } = await import('/claimmark.js');
    const host = document.createElement('div');
    document.body.append(host);
    const before = localStorage.length;
    const widget = await mount(host, { text, docId: 'in-code', storage: 'none', mode: 'edit' });
    const rendered = host.querySelector('article.cm-article')?.textContent ?? '';
    const events = [];
    host.addEventListener('claimmark-change', (e) => events.push(e.detail.action));
    const summary = widget.importAnnotations({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [] } });
    widget.destroy();
    return { rendered, before, after: localStorage.length, keys: Object.keys(localStorage), left: host.children.length, summary, events };
  }, BRIDGE_TEXT);
  assert.match(result.rendered, /harbour bridge/);
  assert.equal(result.after, result.before, 'storage "none" wrote nothing');
  assert.ok(!result.keys.some((k) => k.includes('in-code')));
  assert.equal(result.left, 0);
  assert.deepEqual([result.summary.added, result.summary.rejected.length], [0, 0]);

  // A changed attribute mounts the widget afresh: edit → read.
  const switched = await page.evaluate(async (sel) => {
    const el = document.querySelector(sel);
    el.setAttribute('mode', 'read');
    await el.ready;
    return [...el.querySelectorAll('.claimmark')].map((root) => root.dataset.mode);
  }, 'claim-annotator[doc-id=harbour-bridge]');
  assert.deepEqual(switched, ['read']);
  await page.evaluate(() => document.querySelector('claim-annotator[doc-id=harbour-bridge]').setAttribute('mode', 'edit'));
  await page.waitForFunction(() => document.querySelector('claim-annotator[doc-id=harbour-bridge] .claimmark')?.dataset.mode === 'edit');

  // remove(): the element's widget goes; a second module load is harmless.
  const after = await page.evaluate(async (sel) => {
    await import('/claimmark.js?again');
    const el = document.querySelector(sel);
    el.remove();
    let threw = false;
    try {
      el.exportAnnotations();
    } catch {
      threw = true;
    }
    return {
      widgets: document.querySelectorAll('.claimmark').length,
      inRemoved: el.querySelectorAll('.claimmark').length,
      threw,
      defined: typeof customElements.get('claim-annotator'),
    };
  }, EDIT);
  assert.deepEqual(after, { widgets: 1, inRemoved: 0, threw: true, defined: 'function' });
});

test('a long article mounted in code is on screen, last paragraph included, when mount() and ready resolve', async () => {
  const { page } = env;
  await openExample(page, 'two-articles.html');
  const result = await page.evaluate(async (text) => {
    const { mount } = await import('/claimmark.js');
    // Long enough that rendering outlasts the wasm side's 16 ms slice, after
    // which it yields to the browser and finishes later.
    const long = Array.from({ length: 1500 }, (_, i) => `Paragraph ${i}: ${text}`).join('\n\n');
    const host = document.createElement('div');
    document.body.append(host);
    const widget = await mount(host, { text: long, docId: 'long-in-code', storage: 'none', mode: 'read' });
    const inCode = host.querySelector('article.cm-article')?.textContent.includes('Paragraph 1499:') ?? false;
    widget.destroy();
    host.remove();
    const el = document.querySelector('claim-annotator[doc-id=harbour-bridge]');
    el.setAttribute('mode', 'read');
    await el.ready;
    const roots = [...el.querySelectorAll('.claimmark')].map((root) => root.dataset.mode);
    el.setAttribute('mode', 'edit');
    await el.ready;
    return { inCode, roots };
  }, BRIDGE_TEXT);
  assert.ok(result.inCode, 'the last paragraph was in the article when mount() resolved');
  assert.deepEqual(result.roots, ['read'], 'ready resolved with the remounted widget on screen');
});

test('articles from src (a .txt) and from children as text only; a second edit widget adds no duplicate ids', async () => {
  const { page } = env;
  await openExample(page, 'two-articles.html');
  const result = await page.evaluate(async () => {
    const fromSrc = document.createElement('claim-annotator');
    fromSrc.setAttribute('src', 'bridge.txt');
    fromSrc.setAttribute('storage', 'none');
    const fromChildren = document.createElement('claim-annotator');
    fromChildren.setAttribute('storage', 'none');
    const p = document.createElement('p');
    // Text that looks like markup stays text; the <b> element's text is read, its markup is not.
    p.append('Officials said <img src=x onerror="window.pwned=1"> nothing ', Object.assign(document.createElement('b'), { textContent: 'more' }), '.');
    const h = document.createElement('h2');
    h.textContent = 'A headline';
    fromChildren.append(h, p);
    document.body.append(fromSrc, fromChildren);
    await Promise.all([fromSrc.ready, fromChildren.ready]);
    const ids = new Map();
    for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
    return {
      src: fromSrc.querySelector('article.cm-article').textContent,
      children: fromChildren.querySelector('article.cm-article').textContent,
      imgs: fromChildren.querySelectorAll('.claimmark img, .claimmark b').length,
      pwned: window.pwned,
      duplicates: [...ids].filter(([, n]) => n > 1),
      shares: document.querySelectorAll('.cm-share-wrap button[aria-controls]').length,
    };
  });
  assert.match(result.src, /harbour bridge will reopen.*Engineers appear/s);
  assert.match(result.children, /A headline/);
  assert.match(result.children, /Officials said <img src=x onerror="window.pwned=1"> nothing more\./);
  assert.equal(result.imgs, 0);
  assert.equal(result.pwned, undefined);
  assert.deepEqual(result.duplicates, []);
  assert.equal(result.shares, 3, 'three edit widgets, each with its own Share panel id');
});

/** Every computed style of every host element outside the widgets. */
async function hostStyles(page) {
  return page.evaluate(() => {
    const LAYOUT = new Set(['height', 'width', 'block-size', 'inline-size', 'perspective-origin', 'transform-origin']);
    const out = {};
    let n = 0;
    for (const el of document.querySelectorAll('body, body *')) {
      if (el.closest('claim-annotator') || el.matches('script, link, style')) continue;
      const style = getComputedStyle(el);
      const values = {};
      // Used sizes follow the content (a widget is taller than its source
      // paragraphs); every other property must stay as it was.
      for (const prop of style) if (!LAYOUT.has(prop)) values[prop] = style.getPropertyValue(prop);
      out[`${n++}:${el.tagName.toLowerCase()}.${el.className}`] = values;
    }
    return out;
  });
}

for (const name of ['two-articles.html', 'hostile-css.html']) {
  test(`${name}: the host's own elements compute the same styles with and without the widget`, async () => {
    const { page, context } = env;
    await context.route('**/claimmark.js', (route) => route.abort('blockedbyclient'));
    await page.goto(pageUrl(name));
    await page.waitForLoadState('load');
    const without = await hostStyles(page);
    await context.unroute('**/claimmark.js');
    await openExample(page, name);
    const withWidget = await hostStyles(page);
    assert.deepEqual(Object.keys(withWidget), Object.keys(without));
    for (const key of Object.keys(without)) {
      const changed = Object.keys(without[key]).filter((p) => without[key][p] !== withWidget[key][p]);
      assert.deepEqual(changed, [], `${key} changed`);
    }
  });
}

test('hostile CSS does not break the controls', async () => {
  const { page } = env;
  await openExample(page, 'hostile-css.html');
  const edit = page.locator(EDIT);
  const legend = await edit.locator('.cm-legend li').evaluateAll((lis) =>
    lis.map((li) => {
      const s = getComputedStyle(li);
      return { top: Math.round(li.getBoundingClientRect().top), list: s.listStyleType, float: s.float, margin: s.marginTop };
    }),
  );
  assert.equal(new Set(legend.map((l) => l.top)).size, 1, 'legend items stay on one row');
  assert.ok(legend.every((l) => l.list === 'none' && l.float === 'none' && l.margin === '0px'), JSON.stringify(legend));

  await dragSelect(page, edit.locator('article.cm-article'), 'harbour', 'bridge');
  const bar = edit.locator('[role=toolbar].cm-toolbar');
  await bar.waitFor({ state: 'visible' });
  const buttons = await bar.locator('button').evaluateAll((bs) =>
    bs.map((b) => {
      const s = getComputedStyle(b);
      return { width: b.getBoundingClientRect().width, size: s.fontSize, bg: s.backgroundColor, transform: s.textTransform };
    }),
  );
  assert.equal(buttons.length, 3);
  for (const b of buttons) {
    assert.ok(b.width < 250, `toolbar button stays its own width (${b.width}px)`);
    assert.notEqual(b.size, '26px');
    assert.notEqual(b.bg, 'rgb(255, 0, 170)');
    assert.equal(b.transform, 'none');
  }
  await bar.getByRole('button', { name: LABELS.confirmed, exact: true }).click();
  const mark = edit.locator('mark.cm-claim').first();
  await mark.waitFor();
  const markStyle = await mark.evaluate((m) => ({ bg: getComputedStyle(m).backgroundColor, line: getComputedStyle(m).borderBottomStyle }));
  assert.notEqual(markStyle.bg, 'rgba(0, 0, 0, 0)', 'the highlight keeps its tint');
  assert.equal(markStyle.line, 'solid');

  await mark.click();
  const card = edit.locator('[role=dialog].cm-card');
  await card.waitFor({ state: 'visible' });
  const position = await card.evaluate((c) => getComputedStyle(c).position);
  assert.equal(position, 'absolute', 'the card floats over the article');
  await card.getByRole('button', { name: 'Delete claim' }).click();
  await mark.waitFor({ state: 'detached' });
});

test('strict CSP: both widgets work and no violation is reported', async () => {
  const { page } = env;
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(pageUrl('strict-csp.html'));
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await openExample(page, 'strict-csp.html');
  assert.equal(await page.locator(`${READ} mark.cm-claim[tabindex]`).count(), 3);
  await dragSelect(page, page.locator(`${EDIT} article.cm-article`), 'harbour', 'bridge');
  await page.keyboard.press('2');
  await page.locator(`${EDIT} mark.cm-claim[data-certainty=unclear]`).first().waitFor();
  assert.equal(await page.locator(`${EDIT} .claimmark`).getAttribute('data-theme'), 'dark');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);

  // The listener does see violations: an inline script is refused.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.body.append(s);
  });
  await page.waitForFunction(() => window.__violations.length > 0);
  assert.equal(await page.evaluate(() => window.inlineRan), undefined);
});

test('wasm blocked: the article text stays readable and the page keeps working', async () => {
  const { page, context } = env;
  await context.route('**/*.wasm', (route) => route.abort('blockedbyclient'));
  for (const name of ['two-articles.html', 'strict-csp.html']) {
    await page.goto(pageUrl(name));
    await page.waitForFunction(() =>
      [...document.querySelectorAll('claim-annotator')].every((el) => el.getAttribute('data-claimmark') === 'failed'),
    );
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('claim-annotator > p')].map((p) => ({
        text: p.textContent,
        visible: p.getBoundingClientRect().height > 0 && getComputedStyle(p).display !== 'none',
      })),
    );
    assert.ok(shown.length >= 2);
    assert.ok(shown.every((p) => p.visible), JSON.stringify(shown));
    assert.equal(await page.locator('.claimmark').count(), 0);
    await page.getByText('The harbour bridge will reopen to traffic on Monday').first().waitFor({ state: 'visible' });
  }
  // The host's own link still works.
  await page.goto(pageUrl('two-articles.html'));
  await page.locator('.most-read a').first().click();
  assert.match(page.url(), /#bridge-story$/);
});
