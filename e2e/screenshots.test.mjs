// Visual checks: each scene of e2e/visual.mjs (the demo with no claims,
// with claims of all three certainties overlapping, with a card open, in
// the dark theme, on a phone; the embed examples) is photographed and
// compared with its committed baseline in e2e/screenshots/<scene>.png. A
// pixel differs when a channel is more than THRESHOLD apart; a scene fails
// when more than MAX_RATIO of its pixels differ (anti-aliasing noise
// passes, a moved control or a changed colour does not). On a failure the
// picture taken and a diff (differences in red) go to
// target/screenshots/.
//
// Baselines are refreshed on purpose with `make screenshots-update`
// (UPDATE_SCREENSHOTS=1). They are taken with Debian's Chromium and the
// fonts scripts/setup.sh installs: another browser build or font set draws
// text differently, so refresh them when either changes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLoopback } from './chromium.mjs';
import { useDemo } from './harness.mjs';
import { SCENES, comparePngs, settle } from './visual.mjs';

const env = useDemo();
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASELINES = path.join(ROOT, 'e2e', 'screenshots');
const FAILED = path.join(ROOT, 'target', 'screenshots');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const THRESHOLD = 24;
const MAX_RATIO = 0.0005;

/** Photographs `scene` in a fresh context of its own (viewport, theme, clock-free). */
async function photograph(scene) {
  const context = await env.browser.newContext({
    viewport: scene.viewport,
    deviceScaleFactor: 1,
    colorScheme: scene.colorScheme,
    reducedMotion: 'reduce',
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  try {
    context.setDefaultTimeout(10_000);
    await context.route('**/*', (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err?.stack || err)));
    await scene.prepare(page);
    await settle(page, { keepFocus: scene.keepFocus });
    const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
    assert.deepEqual(errors, [], `${scene.name}: the page threw`);
    return png;
  } finally {
    await context.close();
  }
}

for (const scene of SCENES) {
  test(`screenshot matches its baseline — ${scene.name}`, async (t) => {
    const png = await photograph(scene);
    const baseline = path.join(BASELINES, `${scene.name}.png`);
    if (UPDATE) {
      await mkdir(BASELINES, { recursive: true });
      await writeFile(baseline, png);
      return;
    }
    assert.ok(existsSync(baseline), `no baseline ${path.relative(ROOT, baseline)} (make screenshots-update writes it)`);
    const result = await comparePngs(env.page, png, await readFile(baseline), THRESHOLD);
    const ratio = result.differing / (result.width * result.height);
    t.diagnostic(`${scene.name}: ${result.differing} pixels differ`);
    if (!result.sameSize || ratio > MAX_RATIO) {
      await mkdir(FAILED, { recursive: true });
      await writeFile(path.join(FAILED, `${scene.name}.actual.png`), png);
      await writeFile(path.join(FAILED, `${scene.name}.diff.png`), Buffer.from(result.diff, 'base64'));
    }
    assert.ok(result.sameSize, `${scene.name}: ${result.width}×${result.height} differs in size from the baseline`);
    assert.ok(
      ratio <= MAX_RATIO,
      `${scene.name}: ${result.differing} pixels (${(ratio * 100).toFixed(3)} %) differ from the baseline ` +
        `(at most ${(MAX_RATIO * 100).toFixed(3)} %); see target/screenshots/${scene.name}.diff.png, ` +
        'or run `make screenshots-update` if the change is meant',
    );
  });
}
