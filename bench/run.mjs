// `make bench` / `make bench-smoke`: runs every benchmark side by side in
// one headless Chromium against the release build served on 127.0.0.1 and
// writes the report.
//   node bench/run.mjs           full sizes → bench/report.md, bench/report.json
//   node bench/run.mjs --smoke   tiny sizes, few tries → bench/results/smoke/
// Needs the release build in dist/ (make build). Benchmarks are not tests:
// goals missed do not fail the run; a broken harness does.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer } from '../e2e/server.mjs';
import { benchBundle, benchDeliveries } from './bundle.mjs';
import { SET_SIZES, benchmarkSet } from './generate.mjs';
import { benchInteraction } from './interaction.mjs';
import { launchBrowser, log, offLoopback } from './lib.mjs';
import { memoryOfClaimmark, memoryOfRecogito } from './memory.mjs';
import { benchProfile, traceStartup } from './profile.mjs';
import { benchRender, discoverDocumentId, openClaimmark, openRecogito } from './render.mjs';
import { benchReadPage } from './read-page.mjs';
import { writeReport } from './report.mjs';
import { ROOT, stageProfilingSite, stageSite, writeSeedData } from './site.mjs';
import { benchStorage } from './storage.mjs';

const smoke = process.argv.includes('--smoke');
const BENCH = path.join(ROOT, 'bench');
const OUT = path.join(BENCH, 'out', smoke ? 'smoke' : 'full');
const REPORT_DIR = smoke ? path.join(BENCH, 'results', 'smoke') : BENCH;

const CONFIG = smoke
  ? { sets: SET_SIZES.smoke, renderRuns: 1, readPageRuns: 1, tries: 5, repeats: 2 }
  : {
      sets: SET_SIZES.full,
      // claimmark seven times per set (page loads on 2 cores vary by
      // ±100 ms; medians of three moved by as much between runs); Recogito
      // as often, but on (c) once (it has not painted within its 60 s wait
      // in any run so far, twice per run).
      renderRuns: 7,
      // Eleven cold loads per delivery and condition (the issue's method).
      readPageRuns: 11,
      recogitoRuns: (set) => (set.claims.length >= 10_000 ? 1 : 7),
      tries: 100,
      repeats: 10,
    };

async function documentIds(browser, url, sets) {
  const cacheFile = path.join(BENCH, 'out', 'ids.json');
  const cache = existsSync(cacheFile) ? JSON.parse(await readFile(cacheFile, 'utf8')) : {};
  const ids = {};
  for (const set of sets) {
    const hash = createHash('sha256').update(set.text).digest('hex');
    if (!cache[hash]) {
      log(`finding the demo's document id for ${set.name} (paste through "Load article")`);
      cache[hash] = await discoverDocumentId(browser, url, set.text);
    }
    ids[set.name] = cache[hash];
  }
  await mkdir(path.dirname(cacheFile), { recursive: true });
  await writeFile(cacheFile, JSON.stringify(cache, null, 1));
  return ids;
}

function runAnchoring() {
  const script = path.join(BENCH, 'anchoring', 'run.mjs');
  if (!existsSync(script)) return null;
  const out = path.join(REPORT_DIR === BENCH ? path.join(BENCH, 'results') : REPORT_DIR, 'anchoring.json');
  const args = [script, '--out', out, ...(smoke ? ['--smoke'] : [])];
  log(`anchoring: node ${path.relative(ROOT, script)} ${args.slice(1).map((a) => (path.isAbsolute(a) ? path.relative(ROOT, a) : a)).join(' ')}`);
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 30 * 60_000 });
  if (r.status !== 0 || !existsSync(out)) return { error: `bench/anchoring/run.mjs exited with ${r.status ?? r.signal}` };
  return null;
}

async function readAnchoring() {
  const dir = REPORT_DIR === BENCH ? path.join(BENCH, 'results') : REPORT_DIR;
  const file = path.join(dir, 'anchoring.json');
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8'));
    return { section: parsed.section, markdown: parsed.markdown, data: parsed.data };
  } catch (e) {
    return { error: `bench/results/anchoring.json is unreadable (${e.message})` };
  }
}

async function main() {
  const started = Date.now();
  await mkdir(REPORT_DIR, { recursive: true });
  const seedText = await readFile(path.join(ROOT, 'assets', 'article.txt'), 'utf8');
  const sets = CONFIG.sets.map((_, i) => benchmarkSet(CONFIG.sets, i, seedText));
  const largest = sets.at(-1);
  log(`${smoke ? 'smoke' : 'full'} run: ${sets.map((s) => `${s.name} ${s.bytes} B / ${s.claims.length} claims`).join(', ')}`);

  const results = {
    command: smoke ? 'make bench-smoke' : 'make bench',
    smoke,
    environment: {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      note: process.env.BENCH_NOTE ?? 'Preliminary: the machine was shared and loaded while this ran, so times are noisy.',
    },
    sets: sets.map((s) => ({ name: s.name, embedded: s.embedded, bytes: s.bytes, chars: s.chars, paragraphs: s.paragraphs, claims: s.claims.length, overlapping: s.overlapping })),
    interactionSet: largest.name,
  };

  results.bundle = await benchBundle();
  const www = await stageSite(path.join(OUT, 'www'), sets);
  const server = await startServer(www);
  const browser = await launchBrowser();
  results.environment.chromium = browser.version();
  let namedServer = null;
  try {
    const ids = await documentIds(browser, server.url, sets);
    for (const set of sets) await writeSeedData(www, set, ids[set.name]);
    const named = await stageProfilingSite(www, path.join(OUT, 'www-named'));
    namedServer = named ? await startServer(named) : null;

    results.render = await benchRender(browser, server.url, sets, CONFIG.renderRuns, CONFIG.recogitoRuns ?? CONFIG.renderRuns);
    // The publisher's page: prerendered, reader, editor and Recogito on the
    // seed with 20 claims, at normal speed, CPU 4× and Fast 4G.
    results.readPage = await benchReadPage(browser, { runs: CONFIG.readPageRuns });
    results.deliveries = await benchDeliveries(path.join(ROOT, 'bench', 'out', 'read-page', 'read'));

    // The largest set, loaded once more: memory, storage, then interaction.
    const { page, context, result } = await openClaimmark(browser, server.url, largest, { keepOpen: true });
    const memory = { claimmark: await memoryOfClaimmark(page) };
    const loads = results.render[largest.name].claimmark.map((r) => r.load?.duration).filter((x) => x !== undefined);
    loads.push(result.load?.duration);
    results.storage = await benchStorage(page, largest, { loads, saves: [], repeats: CONFIG.repeats });
    results.interaction = await benchInteraction(page, largest, CONFIG.tries);
    const saves = [...results.interaction.tag, ...results.interaction.certainty].map((t) => t.save).filter((x) => x !== null);
    results.storage.save = { runs: saves, median: saves.length ? saves.sort((a, b) => a - b)[Math.floor(saves.length / 2)] : null };
    await context.close();
    const rec = await openRecogito(browser, server.url, largest, 'SPANS', { keepOpen: true });
    memory.recogito = rec.page ? await memoryOfRecogito(rec.page) : { error: rec.result.error };
    await rec.context?.close();
    results.memory = memory;

    results.startup = [];
    for (const set of sets) {
      try {
        results.startup.push(await traceStartup(browser, server.url, set));
      } catch (e) {
        log(`startup trace of ${set.name} failed: ${e.message}`);
        results.startup.push({ set: set.name, error: e.message });
      }
    }
    try {
      results.profile = await benchProfile(browser, server.url, namedServer?.url ?? null, largest);
    } catch (e) {
      log(`profile failed: ${e.message}`);
      results.profile = { set: largest.name, error: e.message, trace: [] };
    }
  } finally {
    await browser.close();
    await server.close();
    await namedServer?.close();
  }
  if (offLoopback.length) {
    throw new Error(`a page asked for addresses off loopback (refused): ${[...new Set(offLoopback)].slice(0, 5).join(', ')}`);
  }

  // BENCH_REUSE_ANCHORING=1 keeps the anchoring figures already in
  // bench/results/anchoring.json (their own run and date) instead of
  // running that benchmark again (about five minutes at full size).
  const reuse = process.env.BENCH_REUSE_ANCHORING && !smoke && existsSync(path.join(BENCH, 'results', 'anchoring.json'));
  if (reuse) log('anchoring: reusing bench/results/anchoring.json (BENCH_REUSE_ANCHORING)');
  const anchoringError = reuse ? null : runAnchoring();
  results.anchoring = anchoringError ?? (await readAnchoring());
  results.environment.seconds = Math.round((Date.now() - started) / 1000);

  const { summary } = await writeReport(REPORT_DIR, results);
  log(`wrote ${path.relative(ROOT, path.join(REPORT_DIR, 'report.md'))} in ${results.environment.seconds} s`);
  for (const [goal, value, ok] of summary.goals) log(`${ok ? 'met   ' : 'missed'} ${goal}: ${value}`);
  if (smoke) console.log('bench-smoke: the harness ran every benchmark');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
