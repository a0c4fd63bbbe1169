// What each of claimmark's deliveries makes a browser download, file by
// file, and the size budget (gzip -9 bytes, all files together) that
// `make test` holds it to (scripts/check-budgets.mjs). The bench reports the
// same lists (bench/bundle.mjs).
//
// - prerendered: `claimmark render` of the seed article with its 20 claims
//   (examples/seed.annotations.json) and claimmark-read.css; no script.
// - reader: <claim-annotator mode="read"> — the embed module, the reader's
//   wasm and glue, the stylesheets read mode adds.
// - editor: <claim-annotator mode="edit"> and the demo — the embed module,
//   the editor's wasm and glue, its stylesheets.

import zlib from 'node:zlib';

export const DELIVERIES = [
  { name: 'prerendered', budget: 10_000, goal: '≤ 10 KB, 0 bytes of script', files: ['fragment.html', 'claimmark-read.css'] },
  // The reader's goal is 80 KB (stretch 60); it is at 208.9 KB (2026-12-07:
  // 205.7, then +2.4 when its export, like the editor's, described claims
  // again in the text shown; 209.9 with issue 25: following a desk
  // server's container pages in claimmark.js and reading its IRI ids), so
  // the budget holds it there until the next cut (ARCHITECTURE.md lists them).
  { name: 'reader', budget: 210_000, goal: '≤ 80 KB (stretch 60)', files: ['claimmark.js', 'claimmark-reader.js', 'claimmark-reader_bg.wasm', 'claimmark.css', 'embed.css'] },
  // The goal is 250 KB (stretch 200); the budget is where the editor is
  // now (386.3 KB, 2026-12-07; 387.5 then 395.1 KB with the first
  // impression of issue 24: the toolbar's More menu, Review suggestions,
  // the overview's words, +6.4 KB wasm and +1.2 KB CSS; 424.0 KB with the
  // desk sync of issue 25, +28 KB), so that it can only shrink. Lower it
  // with each step of the diet.
  { name: 'editor', budget: 424_500, goal: '≤ 250 KB (stretch 200)', files: ['claimmark.js', 'claimmark-demo.js', 'claimmark-demo_bg.wasm', 'claimmark.css', 'workflow.css', 'embed.css'] },
];

/** Raw, gzip (-9) and brotli (quality 11) sizes of `buffer`. */
export function sizes(buffer) {
  return {
    raw: buffer.length,
    gzip: zlib.gzipSync(buffer, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buffer, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
      },
    }).length,
  };
}

/** The sum of several files' sizes. */
export function total(files) {
  return files.reduce(
    (t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}
