// `make bench-ab`: two (or more) release builds compared in one browser,
// taking turns, with the full harness's own measures. Between full runs the
// machine's speed moves by more than most changes (docs/performance.md), so a
// change is judged by an A/B, not by two reports.
//
//   node bench/ab.mjs --builds DIR_A,DIR_B [--set a|b|c] [--rounds 2] [--tries 100] [--loads 20] [--smoke]
//
// Each DIR is a `dist/` folder (`make build`, then copy dist/ aside).
// `--set` picks the data set, the largest by default. For every round and
// build in turn: the interaction benchmark at that set (tag, certainty and
// the browser-alone floor; p50/p95, time to the DOM change, the tries' p50
// by fifths in the order they ran, and the marks and elements left in the
// page after them: a cost that grows with the tries shows here), then
// `claimmark:load` and the painted time of `--loads` page loads, the builds
// alternating. `--rounds 0` leaves out the interaction part: a render-only
// A/B, as for a small set. Prints a table; writes nothing.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from '../e2e/server.mjs';
import { SET_SIZES, benchmarkSet } from './generate.mjs';
import { benchInteraction } from './interaction.mjs';
import { byFifths, launchBrowser, log, offLoopback, percentile, round } from './lib.mjs';
import { discoverDocumentId, openClaimmark } from './render.mjs';
import { ROOT, stageSite, writeSeedData } from './site.mjs';

/** `--name value` from argv, or `fallback`. */
function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const smoke = process.argv.includes('--smoke');
const builds = option('builds', '').split(',').filter(Boolean);
const rounds = Number(option('rounds', smoke ? 1 : 2));
const tries = Number(option('tries', smoke ? 3 : 100));
const loads = Number(option('loads', smoke ? 2 : 20));
const setName = option('set', null);
/** Build `i` as the tables name it: a letter, then its folder. */
const label = (i) => `${String.fromCharCode(65 + i)} (${builds[i]})`;

/** Stages build `dir` with the benchmark's blank page and, once known, `set`'s storage entries. */
async function stage(dir, index, set, documentId) {
  const www = await stageSite(path.join(ROOT, 'bench', 'out', 'ab', String(index)), [set], { build: dir, recogito: false });
  if (documentId) await writeSeedData(www, set, documentId);
  return www;
}

async function main() {
  if (builds.length < 2 || builds.some((dir) => !existsSync(path.join(dir, 'index.html')))) {
    throw new Error('usage: node bench/ab.mjs --builds DIR_A,DIR_B [--set a|b|c] [--rounds N] [--tries N] [--loads N] [--smoke] (each DIR a release build, as dist/)');
  }
  // The set as the full report (or its smoke run) makes it; the largest by default.
  const sizes = smoke ? SET_SIZES.smoke : SET_SIZES.full;
  const index = setName === null ? sizes.length - 1 : sizes.findIndex(([name]) => name === setName);
  if (index < 0) throw new Error(`--set ${setName}: no such data set (${sizes.map(([name]) => name).join(', ')})`);
  const seedText = await readFile(path.join(ROOT, 'assets', 'article.txt'), 'utf8');
  const set = benchmarkSet(sizes, index, seedText);
  log(`A/B of ${builds.length} builds on set ${set.name}, ${set.bytes} B / ${set.claims.length} claims: ${rounds} round(s) of ${tries} tries, ${loads} loads each`);
  const browser = await launchBrowser();
  const servers = [];
  try {
    // The document id is the demo's hash of the text: found once, with the first build.
    const first = await startServer(await stage(builds[0], 0, set, null));
    const documentId = await discoverDocumentId(browser, first.url, set.text);
    await first.close();
    for (const [i, dir] of builds.entries()) servers.push(await startServer(await stage(dir, i, set, documentId)));

    const rows = [];
    for (let r = 0; r < rounds; r++) {
      for (const [i, server] of servers.entries()) {
        const { page, context } = await openClaimmark(browser, server.url, set, { keepOpen: true });
        const result = await benchInteraction(page, set, tries);
        await context.close();
        rows.push({ build: label(i), round: r + 1, ...result });
      }
    }
    const loadTimes = builds.map(() => ({ load: [], painted: [] }));
    for (let n = 0; n < loads; n++) {
      for (const [i, server] of servers.entries()) {
        const { result } = await openClaimmark(browser, server.url, set);
        if (result.load?.duration !== undefined) loadTimes[i].load.push(result.load.duration);
        loadTimes[i].painted.push(result.painted);
      }
    }

    const line = (values) => `p50 ${round(percentile(values, 50))}, p95 ${round(percentile(values, 95))}`;
    const of = (tries, key) => tries.map((t) => t[key]);
    console.log('\n| build | round | tag (ms) | tag to DOM change, p50 by fifths | certainty (ms) | certainty to DOM change, p50 by fifths | floor (ms) | marks / elements after |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const row of rows) {
      console.log(
        `| ${row.build} | ${row.round} | ${line(of(row.tag, 'ms'))} | ${byFifths(of(row.tag, 'toSeen'))} | ${line(of(row.certainty, 'ms'))} | ${byFifths(of(row.certainty, 'toSeen'))} | ${line(of(row.floor, 'ms'))} | ${row.after.marks} / ${row.after.elements} |`,
      );
    }
    console.log('\n| build | `claimmark:load` p25 / p50 / p75 (ms) | painted p50 (ms) | loads |');
    console.log('|---|---|---|---|');
    for (const i of builds.keys()) {
      const { load, painted } = loadTimes[i];
      console.log(`| ${label(i)} | ${round(percentile(load, 25))} / ${round(percentile(load, 50))} / ${round(percentile(load, 75))} | ${round(percentile(painted, 50))} | ${load.length} |`);
    }
  } finally {
    await browser.close();
    for (const server of servers) await server.close();
  }
  if (offLoopback.length) throw new Error(`a page asked for addresses off loopback (refused): ${offLoopback.slice(0, 5).join(', ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
