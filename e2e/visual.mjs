// What the visual checks share (e2e/screenshots.test.mjs and
// scripts/first-impression.mjs): the scenes that are photographed, the
// steps that make a picture repeatable (fixed viewport, fixed claims from
// examples/seed.annotations.json, fonts loaded, no animation, caret or
// hover), the layout figures the issue asks for (rows of the toolbar, the
// article's first line below the widget's top), and the comparison of two
// PNGs. The PNGs are decoded by the browser itself (createImageBitmap into
// a canvas), so the comparison needs no image library.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTICLE, afterFirstFrames, card, openDemo, openExample, waitForClaims } from './harness.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The fixed claims (ids, dates, notes) every picture with claims shows. */
export const SEED_CLAIMS = path.join(ROOT, 'examples', 'seed.annotations.json');

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** No animation, transition or caret: a frame is the same frame every time. */
const STILL_CSS = `*, *::before, *::after {
  animation: none !important; transition: none !important; caret-color: transparent !important;
}`;

/**
 * Nothing pending on screen: styles that stop motion, web fonts loaded, no
 * selection, the pointer parked in a corner, the page at its top, a few
 * frames for the layout to settle.
 */
export async function settle(page, { keepFocus = false } = {}) {
  await page.addStyleTag({ content: STILL_CSS });
  await page.evaluate(async (keep) => {
    await document.fonts.ready;
    window.getSelection()?.removeAllRanges();
    if (!keep && document.activeElement instanceof HTMLElement) document.activeElement.blur();
    window.scrollTo(0, 0);
  }, keepFocus);
  const size = page.viewportSize();
  await page.mouse.move(size.width - 1, size.height - 1);
  await afterFirstFrames(page, 3);
}

/**
 * Opens the demo and waits until it is fully drawn: suggestions shown (they
 * come once the page is idle) and the overview counted.
 */
export async function openDemoDrawn(page) {
  await openDemo(page);
  await page.locator(`${ARTICLE} .cm-suggestion`).first().waitFor({ state: 'attached' });
  await page.locator('.cm-overview:not([aria-busy])').waitFor({ state: 'attached' });
}

/** Imports the fixed claims through Share → paste → Apply (what a person does). */
export async function importSeedClaims(page) {
  const json = await readFile(SEED_CLAIMS, 'utf8');
  const count = JSON.parse(json).first.items.length;
  const share = page.getByRole('button', { name: 'Share', exact: true });
  await share.click();
  await page.locator('.cm-share textarea.cm-import-text').fill(json);
  await page.getByRole('button', { name: 'Check pasted JSON', exact: true }).click();
  await page.getByRole('button', { name: 'Apply import', exact: true }).click();
  await waitForClaims(page, count, 10_000);
  await share.click();
  await page.locator('.cm-share').waitFor({ state: 'detached' });
  return count;
}

/** Opens the card of the claim with `id` (a real click on its first mark). */
export async function openCardOf(page, id) {
  await page.locator(`${ARTICLE} mark.cm-claim[data-annotation-id="${id}"]`).first().click();
  await card(page).waitFor({ state: 'visible' });
}

/**
 * The scenes photographed, each `{ name, viewport, colorScheme, prepare(page) }`;
 * `prepare` leaves the page ready for its picture.
 */
export const SCENES = [
  { name: 'demo-empty', viewport: DESKTOP, colorScheme: 'light', prepare: async (page) => openDemoDrawn(page) },
  {
    name: 'demo-claims',
    viewport: DESKTOP,
    colorScheme: 'light',
    prepare: async (page) => {
      await openDemoDrawn(page);
      await importSeedClaims(page);
    },
  },
  {
    name: 'demo-card',
    viewport: DESKTOP,
    colorScheme: 'light',
    keepFocus: true,
    prepare: async (page) => {
      await openDemoDrawn(page);
      await importSeedClaims(page);
      await openCardOf(page, '8d090b5e-528b-4f8c-9e33-9a6113c434b8');
    },
  },
  {
    name: 'demo-dark',
    viewport: DESKTOP,
    colorScheme: 'dark',
    prepare: async (page) => {
      await openDemoDrawn(page);
      await importSeedClaims(page);
    },
  },
  { name: 'demo-phone', viewport: PHONE, colorScheme: 'light', prepare: async (page) => openDemoDrawn(page) },
  { name: 'embed-two-articles', viewport: DESKTOP, colorScheme: 'light', prepare: async (page) => openExample(page, 'two-articles.html') },
  { name: 'embed-hostile-css', viewport: DESKTOP, colorScheme: 'light', prepare: async (page) => openExample(page, 'hostile-css.html') },
  { name: 'embed-read-only', viewport: DESKTOP, colorScheme: 'light', prepare: async (page) => openExample(page, 'read-only.html') },
];

/**
 * How many rows the visible controls of the widget's bar take (legend chips
 * and buttons; panels and menus opened from it left out), for each widget
 * root matching `root`.
 */
export async function toolbarRows(page, root = '.claimmark') {
  return page.locator(root).evaluateAll((roots) =>
    roots
      .filter((r) => r.querySelector(':scope > .cm-bar'))
      .map((r) => {
        const bar = r.querySelector(':scope > .cm-bar');
        const boxes = [...bar.querySelectorAll('.cm-legend li, button')]
          .filter((el) => !el.closest('.cm-share, .cm-load-panel, [role=menu]') && !el.closest('.cm-legend li button'))
          .map((el) => el.getBoundingClientRect())
          .filter((b) => b.width > 0 && b.height > 0)
          .sort((a, b) => a.top - b.top);
        let rows = 0;
        let bottom = -Infinity;
        for (const b of boxes) {
          if (b.top >= bottom - 2) {
            rows += 1;
            bottom = b.bottom;
          } else bottom = Math.max(bottom, b.bottom);
        }
        return rows;
      }),
  );
}

/** Pixels from the top of the (first) widget to the top of its article's first line of text. */
export async function firstLineOffset(page, root = '.claimmark') {
  return page.locator(root).first().evaluate((r) => {
    const article = r.querySelector('article.cm-article');
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rect = [...range.getClientRects()].find((x) => x.height > 0);
      if (rect) return Math.round(rect.top - r.getBoundingClientRect().top);
    }
    return null;
  });
}

/**
 * Compares two PNGs (Buffers) in `page` (any page of the test's browser):
 * `{ width, height, sameSize, differing, diff }`, where a pixel differs when
 * any channel is more than `threshold` (0–255) apart, and `diff` is a PNG
 * (base64) with the differing pixels in red over a faded copy of `expected`.
 */
export async function comparePngs(page, actual, expected, threshold = 24) {
  return page.evaluate(
    async ({ a, e, threshold }) => {
      const decode = async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
          colorSpaceConversion: 'none',
          premultiplyAlpha: 'none',
        });
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [A, E] = await Promise.all([decode(a), decode(e)]);
      const sameSize = A.width === E.width && A.height === E.height;
      const width = Math.max(A.width, E.width);
      const height = Math.max(A.height, E.height);
      const out = new ImageData(width, height);
      let differing = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const o = (y * width + x) * 4;
          const inA = x < A.width && y < A.height;
          const inE = x < E.width && y < E.height;
          const ia = (y * A.width + x) * 4;
          const ie = (y * E.width + x) * 4;
          let differs = !(inA && inE);
          if (!differs) {
            for (let c = 0; c < 4 && !differs; c++) differs = Math.abs(A.data[ia + c] - E.data[ie + c]) > threshold;
          }
          if (differs) {
            differing += 1;
            out.data.set([255, 0, 0, 255], o);
          } else {
            const grey = 255 - (255 - (E.data[ie] + E.data[ie + 1] + E.data[ie + 2]) / 3) * 0.3;
            out.data.set([grey, grey, grey, 255], o);
          }
        }
      }
      const canvas = new OffscreenCanvas(width, height);
      canvas.getContext('2d').putImageData(out, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const buf = new Uint8Array(await blob.arrayBuffer());
      let bin = '';
      for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      return { width, height, sameSize, differing, diff: btoa(bin) };
    },
    { a: actual.toString('base64'), e: expected.toString('base64'), threshold },
  );
}
