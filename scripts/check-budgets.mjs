// The size budgets (scripts/deliveries.mjs), checked on the release build in
// dist/ and on `claimmark render` of the seed: prints every file's raw, gzip
// and brotli size per delivery and exits 1 when a delivery is over its
// budget, or a file is missing, so weight cannot creep back unnoticed.
// Run by `make check-budgets` (part of `make test`) after `make build`.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DELIVERIES, sizes, total } from './deliveries.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const kb = (n) => (n / 1000).toFixed(1);

const work = mkdtempSync(path.join(os.tmpdir(), 'claimmark-budgets-'));
let failed = false;
try {
  execFileSync('cargo', ['run', '-q', '-p', 'claimmark-cli', '--', 'render', 'assets/article.txt', 'examples/seed.annotations.json',
    '-o', path.join(work, 'fragment.html'), '--stylesheet', path.join(work, 'claimmark-read.css')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const where = (file) => [path.join(work, file), path.join(DIST, file)].find(existsSync);
  console.log('| delivery | file | raw KB | gzip KB | brotli KB |\n|---|---|---:|---:|---:|');
  for (const delivery of DELIVERIES) {
    const files = [];
    for (const file of delivery.files) {
      const found = where(file);
      if (!found) {
        console.error(`check-budgets: ${delivery.name}: ${file} is missing from dist/ (run make build)`);
        failed = true;
        continue;
      }
      const s = sizes(readFileSync(found));
      files.push(s);
      console.log(`| ${delivery.name} | ${file} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
    }
    const t = total(files);
    const over = t.gzip > delivery.budget;
    failed ||= over;
    console.log(`| **${delivery.name}** | total (budget ${kb(delivery.budget)} gzip; goal ${delivery.goal}) | ${kb(t.raw)} | **${kb(t.gzip)}** | ${kb(t.brotli)} |${over ? ' **OVER BUDGET**' : ''}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failed) {
  console.error('check-budgets: a delivery is over its budget or incomplete (figures above; budgets in scripts/deliveries.mjs)');
  process.exit(1);
}
console.log('check-budgets: every delivery is within its budget');
