// Turns the results of `make bench` into bench/report.json (everything,
// raw runs included) and bench/report.md (tables, goals met or missed,
// where the time goes).

import { readPageTable } from './read-page.mjs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { byFifths, median, percentile, round } from './lib.mjs';
import { RECOGITO_TIMEOUT_MS } from './render.mjs';

const kb = (bytes) => (bytes / 1000).toFixed(1);
const ms = (v) => (v === null || v === undefined ? '–' : `${round(v, 1)}`);
const pct = (v) => `${(v * 100).toFixed(1)} %`;
const yes = (ok) => (ok === null ? 'n/a' : ok ? '**met**' : '**missed**');

export function summarise(results) {
  const s = { render: {}, interaction: null, goals: [] };
  for (const [name, entry] of Object.entries(results.render)) {
    const cm = entry.claimmark.map((r) => r.painted);
    // A Recogito page that did not finish counts as its wait (a lower bound).
    const rs = entry.recogito.map((r) => r.painted ?? r.unfinishedAfter);
    const rc = entry.recogitoCss.map((r) => r.painted ?? r.unfinishedAfter);
    s.render[name] = {
      claimmark: median(cm),
      recogito: median(rs),
      recogitoCss: median(rc),
      ratio: median(cm) / median(rs),
      ratioCss: median(cm) / median(rc),
      claimmarkLoad: median(entry.claimmark.map((r) => r.load?.duration ?? NaN)),
      shown: entry.claimmark[0]?.distinct,
      marks: entry.claimmark[0]?.marks,
      inView: entry.claimmark[0]?.inView,
      claims: entry.claimmark[0]?.expected,
      recogitoUnfinished: entry.recogito.some((r) => r.painted === null) || entry.recogitoCss.some((r) => r.painted === null),
      recogitoIndexed: entry.recogito[0]?.indexed,
      recogitoInView: entry.recogito[0]?.inView,
    };
  }
  if (results.interaction) {
    const q = (list) => ({
      p50: percentile(list.map((t) => t.ms), 50),
      p95: percentile(list.map((t) => t.ms), 95),
      seenP50: percentile(list.map((t) => t.toSeen), 50),
      seenP95: percentile(list.map((t) => t.toSeen), 95),
      saveP50: percentile(list.map((t) => t.save).filter((x) => x !== null), 50),
      savesInside: list.filter((t) => t.saveInside).length,
      seenFifths: byFifths(list.map((t) => t.toSeen)),
      n: list.length,
    });
    const floor = results.interaction.floor ?? [];
    s.interaction = {
      tag: q(results.interaction.tag),
      certainty: q(results.interaction.certainty),
      floor: floor.length ? { p50: percentile(floor.map((t) => t.ms), 50), p95: percentile(floor.map((t) => t.ms), 95), n: floor.length } : null,
      failed: results.interaction.failed ?? { tag: 0, certainty: 0 },
      before: results.interaction.before ?? null,
      after: results.interaction.after ?? null,
    };
  }
  const delivery = (name) => results.deliveries?.find((d) => d.name === name);
  const page = results.readPage?.normal;
  const ratio = (v) => (page?.[v]?.ratio ?? null);
  if (delivery('prerendered')) {
    const d = delivery('prerendered');
    s.goals.push(['Prerendered page (fragment + CSS) ≤ 10 KB gzip, 0 bytes of script', `${kb(d.total.gzip)} KB, ${page?.prerendered?.scripts ?? '?'} script files`, d.total.gzip <= 10_000 && page?.prerendered?.scripts === 0, null]);
    s.goals.push(['Prerendered: all claims painted ≤ 0.5× Recogito', `${round(ratio('prerendered'), 2)}× (${ms(page?.prerendered?.painted)} vs ${ms(page?.recogito?.painted)} ms)`, ratio('prerendered') <= 0.5, null]);
  }
  if (delivery('reader')) {
    const d = delivery('reader');
    s.goals.push(['Reader bundle ≤ 80 KB gzip (stretch 60)', `${kb(d.total.gzip)} KB`, d.total.gzip <= 80_000, d.total.gzip <= 60_000]);
    s.goals.push(['Reader: all claims painted ≤ 1.0× Recogito', `${round(ratio('reader'), 2)}× (${ms(page?.reader?.painted)} ms)`, ratio('reader') <= 1, null]);
  }
  if (delivery('editor')) {
    const d = delivery('editor');
    s.goals.push(['Editor bundle ≤ 250 KB gzip (stretch 200)', `${kb(d.total.gzip)} KB`, d.total.gzip <= 250_000, d.total.gzip <= 200_000]);
    s.goals.push(['Editor: all claims painted ≤ 1.0× Recogito', `${round(ratio('editor'), 2)}× (${ms(page?.editor?.painted)} ms)`, ratio('editor') <= 1, null]);
  }
  const names = Object.keys(s.render);
  const big = results.sets.filter((x) => !x.embedded).map((x) => x.name);
  for (const n of big) {
    const r = s.render[n];
    s.goals.push([`Render ${n} ≤ 0.5× Recogito`, `${round(r.ratio, 2)}× (SPANS), ${round(r.ratioCss, 2)}× (CSS highlights)`, r.ratio <= 0.5, null]);
  }
  const largest = names.at(-1);
  s.goals.push([`Render ${largest} ≤ 1 s`, `${ms(s.render[largest].claimmark)} ms`, s.render[largest].claimmark <= 1000, null]);
  if (s.interaction) {
    const f = s.interaction.floor;
    const beside = f ? ` (the browser alone, same page and method: ${ms(f.p95)} ms)` : '';
    s.goals.push(['Tag key → highlight p95 ≤ 16 ms', `${ms(s.interaction.tag.p95)} ms${beside}`, s.interaction.tag.p95 <= 16, null]);
    s.goals.push(['Certainty change → repaint p95 ≤ 16 ms', `${ms(s.interaction.certainty.p95)} ms${beside}`, s.interaction.certainty.p95 <= 16, null]);
  }
  const st = results.storage;
  if (st) {
    s.goals.push([`Storage of ${st.claims} claims ≤ 40 % of quota`, `${pct(st.claimsOnlyShare)} (an embedded article's claims), ${pct(st.entryShare)} (claims of an article loaded by hand), ${pct(st.withTextShare)} (with its text)`, Math.max(st.claimsOnlyShare, st.entryShare) <= 0.4, null]);
    s.goals.push(['Save ≤ 30 ms and ≤ naive JSON.stringify', `${ms(st.save.median)} ms vs ${ms(st.naive.stringify)} ms`, st.save.median <= 30 && st.save.median <= st.naive.stringify, null]);
    s.goals.push(['Load ≤ 30 ms and ≤ naive JSON.parse', `${ms(st.load.median)} ms vs ${ms(st.naive.parse)} ms`, st.load.median <= 30 && st.load.median <= st.naive.parse, null]);
  }
  return s;
}

function markdown(results, s) {
  const env = results.environment;
  const L = [];
  L.push('# claimmark benchmark report', '');
  L.push(`Generated by \`${results.command}\` on ${env.date} (UTC). ${env.note}`, '');
  L.push(`Machine: ${env.cores} cores, ${env.memoryGiB} GiB; Chromium ${env.chromium}; Node ${env.node}; ` +
    `@recogito/text-annotator ${results.bundle.recogito.version} (npm). KB = 1,000 bytes; times in ms, medians unless stated.`, '');

  L.push('## Goals', '', '| goal | measured | met? |', '|---|---|---|');
  for (const [goal, value, ok, stretch] of s.goals) {
    L.push(`| ${goal} | ${value} | ${yes(ok)}${stretch === null ? '' : ` (stretch: ${stretch ? 'met' : 'missed'})`} |`);
  }
  L.push('');

  L.push('## Data', '', '| set | article | paragraphs | claims | overlapping (made so) |', '|---|---|---|---|---|');
  for (const d of results.sets) {
    L.push(`| ${d.name} | ${d.embedded ? 'the demo\'s seed article, ' : ''}${kb(d.bytes)} KB (${d.chars.toLocaleString('en')} chars) | ${d.paragraphs} | ${d.claims} | ${d.overlapping} |`);
  }
  L.push('', 'Text and claims come from a seeded PRNG (`bench/generate.mjs`): news-like sentences with accented words, dashes and curly quotes (all in the BMP, so code points = UTF-16 units), claims of 3–23 words on word boundaries, a quarter of them made to nest in or cross an earlier one (random placement adds more overlaps). The same claims go to claimmark (its storage envelope) and to Recogito (W3C JSON-LD, TextQuote + TextPosition selectors).', '');

  const bu = results.bundle;
  L.push('## Bundle', '', '| file | raw | gzip -9 | brotli 11 |', '|---|---|---|---|');
  for (const f of bu.claimmark.files) L.push(`| claimmark ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`);
  L.push(`| **claimmark total** | **${kb(bu.claimmark.total.raw)}** | **${kb(bu.claimmark.total.gzip)}** | **${kb(bu.claimmark.total.brotli)}** |`);
  for (const f of bu.recogito.files) L.push(`| Recogito ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`);
  L.push(`| **Recogito total** (reference) | **${kb(bu.recogito.total.raw)}** | **${kb(bu.recogito.total.gzip)}** | **${kb(bu.recogito.total.brotli)}** |`);
  L.push('', 'claimmark: `dist/` of the release build (wasm-opt -Oz); `demo.css` styles only the demo page. Recogito: the npm package\'s self-contained UMD build and its stylesheet (its ES build leaves its 9 dependencies to the host\'s bundler, so it is not comparable).', '');

  if (results.deliveries) {
    L.push('## Deliveries: what each kind of page downloads', '', '| delivery | file | raw | gzip -9 | brotli 11 |', '|---|---|---|---|---|');
    for (const d of results.deliveries) {
      for (const f of d.files) L.push(`| ${d.name} | ${f.file}${f.missing ? ' (missing)' : ''} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`);
      L.push(`| **${d.name} total** (budget ${kb(d.budget)} KB gzip in \`make test\`; goal ${d.goal}) | | **${kb(d.total.raw)}** | **${kb(d.total.gzip)}** | **${kb(d.total.brotli)}** |`);
    }
    L.push('', 'prerendered: `claimmark render` of the seed article with its 20 claims (examples/seed.annotations.json) and `claimmark-read.css`. reader and editor: the embed module, the wasm and its JS glue, and the stylesheets the embed module adds for that mode (scripts/deliveries.mjs).', '');
  }
  if (results.readPage) {
    L.push('## Read page: the seed article with 20 claims, navigation start → all claims painted', '');
    L.push(readPageTable(results.readPage), '');
    L.push('Each delivery on its own page (bench/read-page.mjs): prerendered = the fragment and its stylesheet, no script; reader / editor = `<claim-annotator mode="read|edit" storage="none" annotations="seed.json">` around the article\'s paragraphs; Recogito = the bench\'s Recogito page (SPANS). Every file served gzip -9 from loopback; loads alternated, a fresh context each (cold); medians. Painted = all 20 claims\' marks in the DOM with their style applied, then a double rAF (Recogito: its own criterion, every highlight in view). CPU 4×: CDP `Emulation.setCPUThrottlingRate`; Fast 4G: CDP `Network.emulateNetworkConditions` with Chrome\'s preset (9 Mbit/s down, 165 ms latency). CLS: the page\'s layout-shift entries, summed, the largest of the runs.', '');
  }

  L.push('## Render: navigation start → every highlight in view painted', '');
  L.push('| set | claimmark | Recogito SPANS | ratio | Recogito CSS highlights | ratio | claimmark `claimmark:load` | runs |', '|---|---|---|---|---|---|---|---|');
  for (const [name, r] of Object.entries(s.render)) {
    const gt = r.recogitoUnfinished ? '≥ ' : '';
    L.push(`| ${name} | ${ms(r.claimmark)} | ${gt}${ms(r.recogito)} | ${r.recogitoUnfinished ? '≤ ' : ''}${round(r.ratio, 2)}× | ${gt}${ms(r.recogitoCss)} | ${r.recogitoUnfinished ? '≤ ' : ''}${round(r.ratioCss, 2)}× | ${ms(r.claimmarkLoad)} | ${results.render[name].claimmark.length} (Recogito ${results.render[name].recogito.length}) |`);
  }
  L.push('', `"≥" marks a Recogito page that had not painted when the harness stopped waiting (${RECOGITO_TIMEOUT_MS / 1000} s): the figure is that wait.`, '');
  L.push('- **claimmark**: the release demo at `/`, its article and claims put in localStorage beforehand from a blank page of the same origin (so nothing is seeded inside the measured time); the seed article is the embedded one, larger ones are stored as "loaded by hand" (text + claims), the only way the demo opens another article. Painted = every claim intersecting the viewport (the text of the blocks on screen) has its `mark.cm-claim`s in the DOM — Recogito\'s criterion — then a double `requestAnimationFrame`. Blocks within the first 10,000 characters, and then those of the chunks of eight blocks within two screens of the viewport, carry their marks; the others their text alone until scrolled near (`src/hooks/nearby.rs`). Claims in view, and claims with marks in the DOM when painted: ' +
    `${Object.entries(s.render).map(([n, r]) => `${n}: ${r.inView} in view, ${r.shown} of ${r.claims} with marks (${r.marks} marks)`).join('; ')}.`);
  L.push('- **Recogito**: a static page per set with the article as HTML paragraphs and the W3C annotations inline (JSON), `createTextAnnotator` + `setAnnotations`. Painted = its first `onRedraw` event after `setAnnotations` whose highlights cover every annotation intersecting the viewport, then a double rAF. ' +
    `Recogito revives a DOM Range and measures client rects for **every** annotation (its spatial index: ${Object.entries(s.render).map(([n, r]) => `${n} ${r.recogitoIndexed}`).join(', ')} indexed) but paints **only those in the viewport** (${Object.entries(s.render).map(([n, r]) => `${n} ${r.recogitoInView}`).join(', ')}).`);
  L.push('- Renderer choice: **SPANS** (Recogito\'s default: absolutely positioned `<span>`s in an overlay, real DOM elements) is the closest to claimmark\'s inline `<mark>`s and is the one the goals compare against; **CSS_HIGHLIGHTS** (CSS Custom Highlight API, marked experimental by Recogito, no DOM elements) is shown beside it. Recogito\'s UMD build reads `process.env.NODE_ENV`, so its page defines that one global first.', '');

  if (s.interaction) {
    const i = s.interaction;
    L.push(`## Interaction (set ${results.interactionSet}, ${i.tag.n + i.failed.tag} and ${i.certainty.n + i.failed.certainty} tries)`, '');
    if (i.failed.tag || i.failed.certainty) L.push(`Tries that showed nothing within 10 s (left out of the figures): tag ${i.failed.tag}, certainty ${i.failed.certainty}.`, '');
    L.push('| action | p50 | p95 | p50 to DOM change | p95 to DOM change | save (p50) | saves inside the measured time |', '|---|---|---|---|---|---|---|');
    L.push(`| tag key (1/2/3) → new highlight painted | ${ms(i.tag.p50)} | ${ms(i.tag.p95)} | ${ms(i.tag.seenP50)} | ${ms(i.tag.seenP95)} | ${ms(i.tag.saveP50)} | ${i.tag.savesInside} of ${i.tag.n} |`);
    L.push(`| certainty button → repaint | ${ms(i.certainty.p50)} | ${ms(i.certainty.p95)} | ${ms(i.certainty.seenP50)} | ${ms(i.certainty.seenP95)} | ${ms(i.certainty.saveP50)} | ${i.certainty.savesInside} of ${i.certainty.n} |`);
    if (i.floor) L.push(`| the browser alone: plain JS sets one mark's \`data-certainty\` on a keydown (${i.floor.n} tries) → repaint | ${ms(i.floor.p50)} | ${ms(i.floor.p95)} | – | – | – | – |`);
    L.push('', `Time to the DOM change, p50 by fifths of the tries in the order they ran (a cost that grows as the tries go on shows here): tag ${i.tag.seenFifths}; certainty ${i.certainty.seenFifths} ms.`);
    if (i.before && i.after) L.push('', `Marks in the article / elements in the page: ${i.before.marks.toLocaleString('en')} / ${i.before.elements.toLocaleString('en')} before the tries, ${i.after.marks.toLocaleString('en')} / ${i.after.elements.toLocaleString('en')} after them.`);
    L.push('', 'Tag: a word-aligned selection is made through the Selection API (the demo follows `selectionchange`), the toolbar appears, then a real key press (CDP); from the `keydown` event\'s timeStamp. Certainty: the claim\'s highlight is focused and Enter opens its card, then a real mouse click on another certainty button; from the `click` event\'s timeStamp. Painted = a MutationObserver on the article sees the new mark (or the new `data-certainty`), then a rAF and a message posted from it (runs once that frame is produced), so every figure includes the wait for the next frame. "To DOM change" stops at the MutationObserver. The last row is the floor of this method on this machine, in the same page: a capture listener takes the keydown before the widget and changes one highlight in plain JS; no implementation can measure less here. Every change also saves the whole envelope (`claimmark:save`); the widget does it 100 ms after the change, after the frame that shows it, and the harness waits for that save before the next try. The last column counts the saves that still fell inside the measured time.', '');
  }

  const st = results.storage;
  if (st) {
    L.push(`## Storage (set ${results.interactionSet}: ${st.claims.toLocaleString('en')} claims)`, '');
    L.push('| what | UTF-16 units | share of 5,242,880 |', '|---|---|---|');
    L.push(`| claimmark envelope of an embedded article (each claim keeps its exact quote; computed from the stored rows) | ${st.claimsOnlyUnits.toLocaleString('en')} | ${pct(st.claimsOnlyShare)} |`);
    L.push(`| claimmark envelope of this article, loaded by hand (quotes come from its kept text) | ${st.entryUnits.toLocaleString('en')} | ${pct(st.entryShare)} |`);
    L.push(`| its text, under its own key (written once when the article is opened) | ${st.textUnits.toLocaleString('en')} | ${pct(st.textShare)} |`);
    L.push(`| both entries of this article | ${st.withTextUnits.toLocaleString('en')} | ${pct(st.withTextShare)} |`);
    L.push(`| naive W3C JSON-LD of the same claims | ${st.naiveUnits.toLocaleString('en')} | ${pct(st.naiveShare)} |`);
    L.push('', '| time (ms) | claimmark | naive W3C JSON |', '|---|---|---|');
    L.push(`| save | ${ms(st.save.median)} (\`claimmark:save\`, p50 of ${st.save.runs.length}: the envelope with every claim, rows of unchanged claims reused, + setItem) | ${ms(st.naive.stringify)} (JSON.stringify only); setItem beside the demo's data: ${st.naiveSet.ok ? `${ms(st.naiveSet.ms)} ms` : `fails (${st.naiveSet.error})`} |`);
    L.push(`| load | ${ms(st.load.median)} (\`claimmark:load\`, p50 of ${st.load.runs.length} page loads: getItem of the envelope and the text, parse, validate, build the document, anchor every claim) | ${ms(st.naive.parse)} (JSON.parse only) |`);
    L.push('', 'Sizes are what Chromium counts (key + value, UTF-16 units). Claims are stored as compact rows (schema 2, \`crates/claimmark-core/src/storage/compact.rs\`); the embedded article\'s figure is the same rows with each \`0\` ("the quote is the kept text\'s") replaced by the exact quote, as a widget without kept text writes them. A save writes the envelope only; the text key is written when the article is opened. The naive figures are taken in the same page, medians of repeated runs.', '');
  }

  L.push('## Anchoring', '');
  if (results.anchoring?.markdown) {
    L.push(results.anchoring.markdown, '');
  } else {
    L.push(results.anchoring?.error ? `Not measured: ${results.anchoring.error}` : 'Not yet measured (`bench/anchoring/run.mjs` does not exist yet; the anchoring issue defines these figures).', '');
  }

  const m = results.memory;
  if (m) {
    L.push(`## Memory (set ${results.interactionSet} loaded, after a forced GC)`, '');
    L.push('| | JS heap used | JS heap total | wasm linear memory | DOM nodes |', '|---|---|---|---|---|');
    const mb = (v) => (v === null || v === undefined ? '–' : `${(v / 1e6).toFixed(1)} MB`);
    L.push(`| claimmark | ${mb(m.claimmark.jsHeapUsed)} | ${mb(m.claimmark.jsHeapTotal)} | ${mb(m.claimmark.wasmMemory)} | ${m.claimmark.domNodes?.toLocaleString('en')} |`);
    L.push(`| Recogito SPANS | ${mb(m.recogito.jsHeapUsed)} | ${mb(m.recogito.jsHeapTotal)} | – | ${m.recogito.domNodes?.toLocaleString('en')} |`, '');
  }

  if (results.startup?.length) {
    L.push('## Where the time to the first painted highlights goes (per set, the median of three traced loads)', '');
    L.push('Chromium traces of three loads of the real build per set; the table shows the load whose time to painted is the median (all three in the last column). The renderer main thread\'s time is split at the watcher\'s moments (the page\'s clock tied to the trace\'s by the `claimmark:load:start` mark). Each moment goes to the innermost event over it: script is JS and the wasm it runs, without the wasm\'s lazy compilation and the style and layout it forces, which have their own columns; "waiting" is time under none of these (network, the next frame, other threads). Tracing slows the page, so the phases are longer than in the render table.', '');
    const columns = [
      ['script', ['script (top-level evaluation)', 'script (function calls, incl. wasm)', 'script (microtasks, incl. wasm)', 'script (rAF callbacks)', 'script (timers)']],
      ['wasm lazy compilation', ['wasm lazy compilation']],
      ['wasm streaming compilation, instantiation', ['wasm streaming compilation and instantiation']],
      ['style + layout', ['style recalculation', 'layout']],
      ['paint, layerize, commit', ['pre-paint', 'paint', 'layerize', 'commit']],
      ['HTML parsing', ['HTML parsing']],
      ['GC', ['GC (minor)', 'GC (major)']],
      ['waiting', ['waiting']],
    ];
    L.push(`| set | phase | ms | ${columns.map(([name]) => name).join(' | ')} | painted, the three loads |`, `|---|---|---|${columns.map(() => '---|').join('')}---|`);
    for (const trace of results.startup) {
      if (trace.error) {
        L.push(`| ${trace.set} | failed: ${trace.error} |${columns.map(() => ' |').join('')} | |`);
        continue;
      }
      for (const phase of trace.phases) {
        const cells = columns.map(([, names]) => ms(names.reduce((total, name) => total + (phase.work[name] ?? 0), 0)));
        L.push(`| ${trace.set} | ${phase.name} | ${ms(phase.ms)} | ${cells.join(' | ')} | ${phase === trace.phases.at(-1) ? trace.paintedRuns.join(', ') : ''} |`);
      }
    }
    L.push('');
  }

  const p = results.profile;
  if (p) {
    L.push(`## Where claimmark's time goes (set ${p.set}, one load each)`, '');
    if (p.cpu) {
      L.push(`V8 CPU profile (200 µs sampling) of one load of a copy of the demo whose .wasm keeps its function names (wasm-bindgen's output before wasm-opt). Self time from navigation to the painted highlights, ${p.cpu.totalMs} ms sampled; \`claimmark:load\` in that run: ${ms(p.cpu.load)} ms.`, '');
      L.push('| where | self ms |', '|---|---|');
      for (const b of p.cpu.buckets) L.push(`| ${b.name} | ${b.ms} |`);
      L.push('', 'Top functions (wasm and glue, self time):', '', '| function | self ms |', '|---|---|');
      for (const f of p.cpu.topFunctions) L.push(`| \`${f.name.replace(/\|/g, '\\|').slice(0, 140)}\` | ${f.ms} |`);
      L.push('');
    }
    L.push('Chromium trace of one load of the real build (renderer main thread; events of one kind nested in each other counted once; script events include the wasm they call):', '');
    L.push('| main-thread work | ms |', '|---|---|');
    for (const t of p.trace) L.push(`| ${t.name} | ${t.ms} |`);
    L.push('');
  }
  L.push('## Reproduce', '', '```sh', 'make bench        # release build, then node bench/run.mjs: writes bench/report.md and bench/report.json', 'make bench-smoke  # small sizes, few tries: writes bench/results/smoke/ (what CI runs)', '```', '');
  return L.join('\n');
}

export async function writeReport(dir, results) {
  const summary = summarise(results);
  const md = markdown(results, summary);
  await writeFile(path.join(dir, 'report.md'), md);
  await writeFile(path.join(dir, 'report.json'), JSON.stringify({ ...results, summary }, null, 1) + '\n');
  return { summary, md };
}

// `node bench/report.mjs [dir]` rewrites report.md from report.json (for
// instance after changing how a table is written), without measuring again.
// Where the time goes is explained in docs/performance.md, not here.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? path.dirname(fileURLToPath(import.meta.url));
  // Reports written before docs/performance.md carry an `analysis` text; it is left out.
  const { summary, analysis, ...results } = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8'));
  await writeReport(dir, results);
  console.error(`[bench] rewrote ${path.join(dir, 'report.md')}`);
}
