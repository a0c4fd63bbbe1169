// Readers use every engine: the prerendered fragment, read mode (the reader
// bundle) and a smoke test of the editor in Firefox ESR (geckodriver) and
// WebKit (WebKitGTK's MiniBrowser through WebKitWebDriver, under Xvfb),
// driven over W3C WebDriver (e2e/engines/webdriver.mjs). Chromium runs the
// full suites through Playwright.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DIR, startServer } from './server.mjs';
import { engines, KEY, Session } from './engines/webdriver.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = process.env.CLAIMMARK_DIST || DEFAULT_DIR;
const SEED = JSON.parse(readFileSync(path.join(ROOT, 'examples/seed.annotations.json'), 'utf8')).first.items;
const SEED_IDS = SEED.map((a) => a.id.replace('urn:uuid:', '')).sort();

let dist;
let prerendered;

before(async () => {
  // The prerendered page: `claimmark render` of the seed, its stylesheet, no script.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claimmark-engines-'));
  execFileSync('cargo', ['run', '-q', '-p', 'claimmark-cli', '--', 'render', 'assets/article.txt', 'examples/seed.annotations.json',
    '-o', path.join(dir, 'fragment.html'), '--stylesheet', path.join(dir, 'claimmark-read.css')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const fragment = readFileSync(path.join(dir, 'fragment.html'), 'utf8');
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Prerendered</title>
<link rel="stylesheet" href="claimmark-read.css"></head><body><main>${fragment}</main></body></html>`);
  prerendered = await startServer(dir);
  dist = await startServer(DIST);
});

after(async () => {
  await prerendered?.close();
  await dist?.close();
});

for (const engine of engines()) {
  describe(engine.name, () => {
    let driver = null;
    let session = null;

    before(async () => {
      if (engine.missing) throw new Error(`${engine.name}: ${engine.missing} missing (scripts/setup.sh --test installs them)`);
      driver = await engine.start();
      session = await Session.create(driver);
    });

    after(async () => {
      await session?.quit();
      driver?.stop();
    });

    test('prerendered fragment: every claim painted with no script, cards by click and keyboard, the legend filter', async () => {
      await session.goto(prerendered.url);
      const marks = await session.until(() => {
        const ms = [...document.querySelectorAll('mark.cm-claim')];
        if (ms.length === 0) return null;
        return {
          scripts: document.scripts.length,
          ids: [...new Set(ms.map((m) => m.dataset.annotationId))].sort(),
          unpainted: ms.filter((m) => getComputedStyle(m).backgroundColor === 'rgba(0, 0, 0, 0)' || m.getBoundingClientRect().width === 0).length,
        };
      }, 'the fragment shows');
      assert.deepEqual(marks, { scripts: 0, ids: SEED_IDS, unpainted: 0 });

      // Click a claim's symbol: its card opens; Escape closes it.
      const [button] = await session.find('mark.cm-claim > button.cm-open');
      const id = await session.run((b) => b.closest('mark').dataset.annotationId, { 'element-6066-11e4-a52e-4f735466cecf': button });
      await session.click(button);
      assert.equal(await session.until(() => document.querySelector('.cm-card:popover-open')?.dataset.annotationId, 'a card opens'), id);
      await session.keys(KEY.Escape);
      await session.until(() => !document.querySelector('.cm-card:popover-open'), 'Escape closes the card');

      // Keyboard: from the top, past the three filters, to the first claim; Enter opens its card.
      await session.run(() => {
        document.activeElement?.blur();
        window.scrollTo(0, 0);
      });
      await session.keys(KEY.Tab, KEY.Tab, KEY.Tab, KEY.Tab);
      const label = await session.run(() => document.activeElement?.getAttribute('aria-label'));
      assert.match(String(label), /^(Confirmed|Unclear|Unconfirmed) claim: /);
      await session.keys(KEY.Enter);
      await session.until(() => document.querySelector('.cm-card:popover-open'), 'Enter opens the card');
      await session.keys(KEY.Escape);

      // The legend's filter: unclear off hides its symbols.
      const [chip] = await session.find('.cm-legend li[data-certainty=unclear] label');
      await session.click(chip);
      const shown = await session.run(() =>
        [...document.querySelectorAll('button.cm-open')].filter((b) => b.getClientRects().length > 0).map((b) => b.closest('mark').dataset.certainty),
      );
      assert.ok(shown.length > 0 && !shown.includes('unclear'), JSON.stringify(shown));
    });

    test('read mode: the reader shows the annotations file; a claim opens its card', async () => {
      await session.goto(new URL('examples/two-articles.html', dist.url).href);
      const read = await session.until(() => {
        const el = document.querySelector('claim-annotator[mode=read][data-claimmark=ready]');
        // The annotations file is read in once the widget shows.
        if (!el || el.querySelectorAll('mark.cm-claim').length === 0) return null;
        const counts = Object.fromEntries([...el.querySelectorAll('.cm-legend li[data-certainty]')].map((li) => [li.dataset.certainty, li.querySelector('.cm-count').textContent]));
        return { marks: el.querySelectorAll('mark.cm-claim').length, counts };
      }, 'the read widget is ready');
      assert.ok(read.marks >= 3, JSON.stringify(read));
      assert.deepEqual(read.counts, { confirmed: '1', unclear: '1', unconfirmed: '1' });
      // A click in the middle of the claim's first line, as a reader's tap,
      // once the page above it (the edit widget) has stopped moving.
      const where = () => {
        const mark = document.querySelector('claim-annotator[mode=read] mark.cm-claim[data-certainty=unconfirmed][tabindex]');
        mark.scrollIntoView({ block: 'center' });
        const r = mark.getClientRects()[0];
        return new Promise((resolve) => setTimeout(() => {
          const again = mark.getClientRects()[0];
          const point = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          const inView = point.y > 0 && point.y < innerHeight && point.x > 0 && point.x < innerWidth;
          resolve(again.top === r.top && inView ? point : null);
        }, 200));
      };
      const at = await session.until(where, 'the page settles');
      await session.clickAt(at.x, at.y);
      const note = await session.until(() => document.querySelector('claim-annotator[mode=read] .cm-card .cm-note')?.textContent, 'the card opens');
      assert.equal(note, 'The published budget shows a 12% cut.');
    });

    test('editor smoke: tag a claim from the keyboard, reload, it is there', async () => {
      await session.goto(dist.url);
      await session.until(() => document.querySelector('article.cm-article [data-s]'), 'the demo shows');
      await session.run(() => localStorage.clear());
      await session.goto(dist.url);
      await session.until(() => document.querySelector('article.cm-article [data-s]'), 'the demo shows again');
      await session.run(() => document.querySelector('article.cm-article').focus());
      const stored = () => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith('claimmark:v1:doc:')));
      const before = await session.run(stored);
      await session.keys('n');
      await session.until(() => String(getSelection()).startsWith('Hundreds of Cuban'), 'n selects the first sentence');
      // The widget has taken the selection when it offers its toolbar.
      await session.until(() => document.querySelector('[role=toolbar].cm-toolbar'), 'the toolbar shows');
      await session.keys('2');
      const created = await session.until(() => {
        const marks = [...document.querySelectorAll('article.cm-article mark.cm-claim')];
        return marks.length ? marks.map((m) => m.dataset.certainty) : null;
      }, 'the claim is created');
      assert.deepEqual([...new Set(created)], ['unclear']);
      // Saved: after a reload it is still there.
      await session.until(
        (before) => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith('claimmark:v1:doc:'))) !== before,
        'saved',
        before,
      );
      await session.goto(dist.url);
      const again = await session.until(() => {
        const mark = document.querySelector('article.cm-article mark.cm-claim[data-starts=true]');
        return mark ? { certainty: mark.dataset.certainty, text: mark.textContent } : null;
      }, 'the claim is back after the reload');
      assert.equal(again.certainty, 'unclear');
      assert.match(again.text, /^Hundreds/);
    });
  });
}
