// Helpers for the desk-sync end-to-end tests (e2e/desk-sync.test.mjs): a
// desk (PostgreSQL + server instances, e2e/desk-cluster.mjs), the static
// build, and editor pages mounted with `sync` and a token on an article of
// distinct words; reading a page's claims through the widget's own API.
// Everything listens on loopback only, and startAll() returns a stop()
// that the test file calls in its after hook, so a failing test still
// stops PostgreSQL and the servers.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { isLoopback, launchBrowser } from './chromium.mjs';
import { startDesk } from './desk-cluster.mjs';
import { ARTICLE as ARTICLE_SEL, LABELS, selectUncoveredWord, until } from './harness.mjs';
import { DEFAULT_DIR, startServer } from './server.mjs';

export { ARTICLE as ARTICLE_SEL, LABELS, until } from './harness.mjs';
export { prng } from '../bench/generate.mjs';
const KEYS = { confirmed: '1', unclear: '2', unconfirmed: '3' };

/** An article of 12 paragraphs of distinct made-up words (each quote anchors once). */
export function article() {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'de', 'po', 'ga', 'fe'];
  const words = [];
  for (let i = 0; words.length < 360; i += 1) {
    const a = syllables[i % 12];
    const b = syllables[Math.floor(i / 12) % 12];
    const c = syllables[Math.floor(i / 144) % 12];
    words.push(`${a}${b}${c}n`);
  }
  const paragraphs = [];
  for (let p = 0; p < 12; p += 1) {
    const slice = words.slice(p * 30, p * 30 + 30);
    paragraphs.push(`${slice.slice(0, 15).join(' ')}. ${slice.slice(15).join(' ')}.`);
  }
  return paragraphs.join('\n\n');
}

const HOST = (text) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>desk</title></head>
<body><main><h1>Desk</h1><div id="host"></div></main>
<script type="module">
import { mount } from './claimmark.js';
const params = new URLSearchParams(location.hash.slice(1));
window.syncEvents = [];
const host = document.getElementById('host');
host.addEventListener('claimmark-sync', (e) => window.syncEvents.push(e.detail));
window.widget = await mount(host, { text: ${JSON.stringify(text)}, docId: params.get('doc'), sync: params.get('sync'), token: params.get('token') || undefined });
</script></body></html>`;

/**
 * Starts the static build, a desk with `instances` servers, Chromium, and
 * tokens. The build is served from a copy beside the test's host pages:
 * pages served by the network (not fulfilled by Playwright) are in the
 * loopback address space, so Chromium lets them call the desk server.
 */
export async function startAll({ instances = 1 } = {}) {
  const stops = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const root = mkdtempSync(path.join(os.tmpdir(), 'claimmark-desk-site-'));
    stops.push(async () => rmSync(root, { recursive: true, force: true }));
    cpSync(process.env.CLAIMMARK_DIST || DEFAULT_DIR, root, { recursive: true });
    writeFileSync(path.join(root, 'desk-host.html'), HOST(article()));
    const site = await startServer(root);
    site.root = root;
    stops.push(() => site.close());
    const origin = new URL(site.url).origin;
    const desk = await startDesk({ instances, corsOrigin: origin, rate: 100_000 });
    stops.push(() => desk.stop());
    const browser = await launchBrowser();
    stops.push(() => browser.close());
    const tokens = {
      ana: await desk.token('metro', 'Ana', 'editor'),
      ben: await desk.token('metro', 'Ben', 'editor'),
      rita: await desk.token('metro', 'Rita', 'reader'),
    };
    return { site, desk, browser, tokens, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A fresh context (own localStorage) and page with the widget synced to `server` for `doc`. */
export async function openEditor(env, { doc, token, server = env.desk.servers[0], errors = [] }) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  const hostUrl = new URL('desk-host.html', env.site.url).href;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return isLoopback(url) ? route.continue() : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(String(err?.stack || err)));
  if (process.env.E2E_DEBUG) page.on('console', (msg) => console.error(`[page] ${msg.text()}`));
  const sync = `${server.url}/annotations/`;
  const hash = new URLSearchParams({ doc, sync, token: token ?? '' }).toString();
  await page.goto(`${hostUrl}#${hash}`);
  await page.waitForFunction(() => window.widget, null, { timeout: 20_000 });
  return { context, page };
}

/** The claims a page holds: id → { certainty, note } (through the widget's API). */
export async function claimsOf(page) {
  const items = await page.evaluate(() => window.widget.annotations);
  const map = new Map();
  for (const item of items) {
    const bodies = [].concat(item.body ?? []);
    const value = (purpose) => bodies.find((b) => b.purpose === purpose)?.value;
    map.set(item.id.replace('urn:uuid:', ''), { certainty: value('assessing'), note: value('commenting') ?? '' });
  }
  return map;
}

/** The status chip's state and words. */
export async function chip(page) {
  return page.evaluate(() => {
    const el = document.querySelector('.cm-sync');
    return el ? { state: el.getAttribute('data-sync'), text: el.textContent.trim() } : null;
  });
}

/** Selects the `pick`-th (modulo) word no claim covers yet, and tags it with `certainty`; resolves to the new id. */
export async function createClaim(page, pick, certainty, known) {
  await selectUncoveredWord(page, pick);
  await page.locator('[role=toolbar].cm-toolbar').waitFor({ state: 'visible' });
  await page.keyboard.press(KEYS[certainty]);
  return until(async () => [...(await claimsOf(page)).keys()].find((id) => !known.has(id)), 'the new claim appears');
}

/** Opens a claim's card by keyboard (its stop, Enter). */
export async function openCard(page, id) {
  const stop = page.locator(`${ARTICLE_SEL} mark.cm-claim[data-annotation-id="${id}"][tabindex]`).first();
  await stop.focus();
  await page.keyboard.press('Enter');
  const card = page.locator('[role=dialog].cm-card');
  await card.waitFor({ state: 'visible' });
  return card;
}

export async function setCertainty(page, id, certainty) {
  const card = await openCard(page, id);
  await card.getByRole('button', { name: LABELS[certainty], exact: true }).click();
  await card.getByRole('button', { name: 'Close', exact: true }).click();
}

export async function setNote(page, id, note) {
  const card = await openCard(page, id);
  await card.getByLabel('Note', { exact: true }).fill(note);
  await card.getByRole('button', { name: 'Close', exact: true }).click();
}

export async function deleteClaim(page, id) {
  const card = await openCard(page, id);
  await card.getByRole('button', { name: 'Delete claim', exact: true }).click();
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations on the page (id, impact, targets). */
export async function audit(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** A read-mode element whose `annotations=` is `url` (no token), over the same article. */
export async function openReader(env, url, errors = []) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const name = `desk-reader-${Date.now()}.html`;
  const hostUrl = new URL(name, env.site.url).href;
  const paragraphs = article()
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>reader</title>
<script type="module" src="./claimmark.js"></script></head><body><main>
<claim-annotator mode="read" doc-id="public" annotations="${url}">${paragraphs}</claim-annotator></main></body></html>`;
  writeFileSync(path.join(env.site.root, name), html);
  await context.route('**/*', (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(String(err?.stack || err)));
  await page.goto(hostUrl);
  await page.evaluate(() => document.querySelector('claim-annotator').ready);
  return { context, page };
}

/** Writes `count` claims (one word each) to `doc` through the protocol, as `token`. */
export async function writeClaims(server, doc, token, count) {
  const words = article().match(/[a-z]{4,}/g);
  for (let n = 0; n < count; n += 1) {
    const id = `urn:uuid:5e5e0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    const body = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id,
      type: 'Annotation',
      motivation: 'assessing',
      modified: '2026-12-07T10:00:00Z',
      body: [{ type: 'TextualBody', purpose: 'assessing', value: 'confirmed' }],
      target: { source: 'urn:claimmark:doc:public', selector: { type: 'TextQuoteSelector', exact: words[n * 2] } },
    };
    const answer = await fetch(`${server.url}/annotations/${doc}/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/ld+json' },
      body: JSON.stringify(body),
    });
    assert.equal(answer.status, 201, await answer.text());
  }
}
