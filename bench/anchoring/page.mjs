// Runs in Chromium: times claimmark's anchoring (wasm) on the workload that
// run.mjs generated, and leaves the figures in window.benchResult.
import init, { AnchorBench } from './pkg/claimmark.js';

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
  window.benchResult = {
    exactMs: exactRun.ms, indexMs, fuzzyMs: fuzzyRun.ms, orphanMs: orphanRun.ms,
    exact: exactRun.landed, fuzzy: fuzzyRun.landed, orphan: orphanRun.landed,
  };
  status.textContent = 'done';
} catch (error) {
  window.benchResult = { error: String(error) };
  status.textContent = `failed: ${error}`;
}
