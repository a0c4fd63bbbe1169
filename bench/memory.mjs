// Memory benchmark: after the largest data set is loaded (and a forced
// garbage collection), the page's JS heap (CDP Performance metrics), the
// wasm linear memory (the instance's memory buffer, kept by the render
// watcher) and the DOM size — for claimmark, and the JS heap and DOM of
// the Recogito reference page with the same data.

async function metrics(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const m = Object.fromEntries(list.map(({ name, value }) => [name, value]));
  return { jsHeapUsed: m.JSHeapUsedSize, jsHeapTotal: m.JSHeapTotalSize, domNodes: m.Nodes };
}

export async function memoryOfClaimmark(page) {
  const base = await metrics(page);
  const wasm = await page.evaluate(() => {
    const memory = window.__bench?.wasm?.exports?.memory;
    return memory ? memory.buffer.byteLength : null;
  });
  return { ...base, wasmMemory: wasm };
}

export async function memoryOfRecogito(page) {
  return { ...(await metrics(page)), wasmMemory: null };
}
