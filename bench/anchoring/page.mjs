// Runs in Chromium: times claimmark's anchoring (wasm) on the workload that
// run.mjs generated, and leaves the figures in window.benchResult.
import init, { AnchorBench, SuggestBench } from './pkg/claimmark_tools.js';

const status = document.getElementById('status');

async function text(name) {
  const response = await fetch(`data/${name}`);
  if (!response.ok) throw new Error(`${name}: ${response.status}`);
  return response.text();
}

function time(run) {
  const start = performance.now();
  const out = run();
  return { ms: performance.now() - start, landed: JSON.parse(out) };
}

try {
  await init();
  const [next, exact, fuzzy, orphan] = await Promise.all(
    ['new.txt', 'exact.json', 'fuzzy.json', 'orphan.json'].map(text));
  const bench = new AnchorBench(next, exact, fuzzy, orphan);
  // One warm-up pass, so that the wasm is compiled, as on a page that ran a while.
  bench.exact();
  const exactRun = time(() => bench.exact());
  let start = performance.now();
  bench.prepare();
  const indexMs = performance.now() - start;
  const fuzzyRun = time(() => bench.fuzzy());
  const orphanRun = time(() => bench.orphan());
  // The certainty assistant (issue 7): the seed article, and 1 MB of it.
  const seed = await text('seed.txt');
  const median = (run) => {
    const times = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      run();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[3];
  };
  const seedBench = new SuggestBench(seed);
  const seedSuggestions = seedBench.run();
  const big = seed.repeat(Math.ceil(1_000_000 / seed.length)).slice(0, 1_000_000);
  const bigBench = new SuggestBench(big);
  const bigSuggestions = bigBench.run();
  const assistant = {
    seedMs: median(() => seedBench.run()), seedSuggestions,
    bigMs: median(() => bigBench.run()), bigSuggestions, bigChars: big.length,
  };
  window.benchResult = {
    assistant,
    exactMs: exactRun.ms, indexMs, fuzzyMs: fuzzyRun.ms, orphanMs: orphanRun.ms,
    exact: exactRun.landed, fuzzy: fuzzyRun.landed, orphan: orphanRun.landed,
  };
  status.textContent = 'done';
} catch (error) {
  window.benchResult = { error: String(error) };
  status.textContent = `failed: ${error}`;
}
