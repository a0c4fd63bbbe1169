// The first impression, photographed and measured: the demo at 1280×900
// and 390×844 and the two-articles example, as a new user first sees them
// (no claims yet), into docs/first-impression/<label>-*.png, and the
// figures issue 24 asks about printed as JSON: rows of the toolbar (demo at
// 1280 px, the embedded editor of examples/two-articles.html) and the
// article's first line below the widget's top on a phone.
//
//   node scripts/first-impression.mjs --label before|after [--dist DIR]
//
// It serves the release build on 127.0.0.1 (e2e/server.mjs) and uses the
// tests' Chromium and scenes (e2e/chromium.mjs, e2e/visual.mjs).

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isLoopback, launchBrowser } from '../e2e/chromium.mjs';
import { DEFAULT_DIR, startServer } from '../e2e/server.mjs';
import { openExample, setServerUrl } from '../e2e/harness.mjs';
import { DESKTOP, PHONE, firstLineOffset, openDemoDrawn, settle, toolbarRows } from '../e2e/visual.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { label: { type: 'string', default: 'after' }, dist: { type: 'string', default: DEFAULT_DIR } },
});
const dist = path.resolve(values.dist);
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`first-impression: no build in ${dist} (run \`make build\` first)`);
  process.exit(1);
}
const outDir = path.join(ROOT, 'docs', 'first-impression');
await mkdir(outDir, { recursive: true });

const server = await startServer(dist);
const browser = await launchBrowser();
const figures = {};
setServerUrl(server.url);
try {
  const shots = [
    ['demo-1280x900', DESKTOP, async (page) => openDemoDrawn(page)],
    ['demo-390x844', PHONE, async (page) => openDemoDrawn(page)],
    ['two-articles-1280x900', DESKTOP, async (page) => openExample(page, 'two-articles.html')],
  ];
  for (const [name, viewport, open] of shots) {
    const context = await browser.newContext({ viewport, colorScheme: 'light', reducedMotion: 'reduce' });
    await context.route('**/*', (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
    const page = await context.newPage();
    await open(page);
    await settle(page);
    figures[name] = {
      toolbarRows: await toolbarRows(page, 'claim-annotator[mode=edit] .claimmark, #claimmark-demo .claimmark'),
      firstLineOffset: await firstLineOffset(page, 'claim-annotator[mode=edit] .claimmark, #claimmark-demo .claimmark'),
    };
    await page.screenshot({ path: path.join(outDir, `${values.label}-${name}.png`) });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify({ label: values.label, figures }, null, 2));
