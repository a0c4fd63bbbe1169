// `make package`: the npm package an embedder installs, from the release
// build in dist/ — the embed module (claimmark.js) and its TypeScript
// declarations, the reader's and the editor's wasm and JS glue, the
// stylesheets and claimmark-read.css for prerendered pages — with a
// package.json whose `exports` name each, and a short README. Written to
// target/npm/claimmark/ and packed with `npm pack` into
// target/npm/claimmark-<version>.tgz (not published).

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'target', 'npm');
const PKG = path.join(OUT, 'claimmark');

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'))[1];
const FILES = {
  'claimmark.js': DIST,
  'claimmark.d.ts': path.join(ROOT, 'embed'),
  'claimmark-reader.js': DIST,
  'claimmark-reader_bg.wasm': DIST,
  'claimmark-demo.js': DIST,
  'claimmark-demo_bg.wasm': DIST,
  'claimmark.css': DIST,
  'workflow.css': DIST,
  'embed.css': DIST,
  'claimmark-read.css': DIST,
};

rmSync(PKG, { recursive: true, force: true });
mkdirSync(PKG, { recursive: true });
for (const [file, from] of Object.entries(FILES)) {
  const source = path.join(from, file);
  if (!existsSync(source)) throw new Error(`package: ${path.relative(ROOT, source)} is missing (run make build)`);
  copyFileSync(source, path.join(PKG, file));
}

const manifest = {
  name: 'claimmark',
  version,
  description: "Highlight a news article's claims by certainty (confirmed, unclear, unconfirmed): the <claim-annotator> element, its reader and editor (WebAssembly), and the stylesheet for prerendered pages.",
  license: 'MIT OR Apache-2.0',
  type: 'module',
  main: './claimmark.js',
  module: './claimmark.js',
  types: './claimmark.d.ts',
  exports: {
    '.': { types: './claimmark.d.ts', default: './claimmark.js' },
    './reader': './claimmark-reader.js',
    './reader.wasm': './claimmark-reader_bg.wasm',
    './editor': './claimmark-demo.js',
    './editor.wasm': './claimmark-demo_bg.wasm',
    './claimmark.css': './claimmark.css',
    './workflow.css': './workflow.css',
    './embed.css': './embed.css',
    './read.css': './claimmark-read.css',
    './package.json': './package.json',
  },
  // Importing the module defines <claim-annotator>: a bundler must keep it.
  sideEffects: ['./claimmark.js'],
  files: [...Object.keys(FILES), 'README.md'],
};
writeFileSync(path.join(PKG, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(path.join(PKG, 'README.md'), `# claimmark ${version}

Claims of a news article, highlighted by certainty — confirmed ✓, unclear ?, unconfirmed ✗.

\`\`\`js
import 'claimmark';            // defines <claim-annotator>
import { mount } from 'claimmark';
\`\`\`

\`\`\`html
<claim-annotator mode="read" annotations="/claims/story.json">
  <p>The council approved next year's budget by nine votes to four.</p>
</claim-annotator>
\`\`\`

\`mode="read"\` loads only the reader (claimmark-reader_bg.wasm); \`mode="edit"\` the editor.
The module adds its stylesheets itself; the wasm and CSS files are referenced with
\`new URL(…, import.meta.url)\`, which Vite, webpack 5, Rollup and Parcel copy as assets.
A page prerendered with \`claimmark render\` needs only \`claimmark/read.css\` and no script.
Types: \`claimmark.d.ts\` (the element, \`mount()\`, the handle, the \`claimmark-change\` event,
the import summary).
`);
const tarball = execFileSync('npm', ['pack', '--pack-destination', OUT, '--silent'], { cwd: PKG, encoding: 'utf8' }).trim().split('\n').at(-1);
console.log(path.join('target', 'npm', tarball));
