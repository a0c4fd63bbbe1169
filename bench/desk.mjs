// `make bench-desk`: the desk server under load, loopback only and bounded.
// 50 simulated editors × 20 edits each (one POST, then PUTs with If-Match)
// on 2 server instances sharing one throwaway PostgreSQL, while one watcher
// per instance follows the change feed (long-poll). Reports write latency
// p50/p95, the time until the watcher on the *other* instance sees an edit
// (p50/p95; goal ≤ 1 s, stretch ≤ 250 ms), claims lost (goal 0) and each
// server's peak resident memory.
//   node bench/desk.mjs           → bench/desk-report.md, bench/desk-report.json
//   node bench/desk.mjs --smoke   5 editors × 4 edits → bench/results/smoke/
// Needs target/release/claimmark-server (the Makefile builds it).

import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesk } from '../e2e/desk-cluster.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const smoke = process.argv.includes('--smoke');
const EDITORS = smoke ? 5 : 50;
const EDITS = smoke ? 4 : 20;
const DOC = 'bench-article';
const OUT = smoke ? path.join(ROOT, 'bench/results/smoke') : path.join(ROOT, 'bench');
process.env.CLAIMMARK_SERVER_BIN ||= path.join(ROOT, 'target/release/claimmark-server');
// Durable commits, as in production (the tests run with fsync off).
process.env.CLAIMMARK_PG_FSYNC ||= 'on';

const now = () => performance.now();
const uuid = (n) => `b0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function annotation(n, v) {
  return JSON.stringify({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `urn:uuid:${uuid(n)}`,
    type: 'Annotation',
    modified: new Date(Date.UTC(2026, 11, 7, 12, 0, v)).toISOString(),
    body: [
      { type: 'TextualBody', purpose: 'assessing', value: ['confirmed', 'unclear', 'unconfirmed'][v % 3] },
      { type: 'TextualBody', purpose: 'commenting', value: `version ${v}` },
    ],
    target: { source: `urn:claimmark:doc:${DOC}`, selector: { type: 'TextQuoteSelector', exact: `claim ${n}` } },
  });
}

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function editor(base, token, n, writes) {
  const url = `${base}/annotations/${DOC}/`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/ld+json' };
  let etag = null;
  for (let v = 0; v < EDITS; v += 1) {
    const sentAt = now();
    const response = etag
      ? await fetch(`${url}${uuid(n)}`, { method: 'PUT', headers: { ...headers, 'if-match': etag }, body: annotation(n, v) })
      : await fetch(url, { method: 'POST', headers, body: annotation(n, v) });
    const ackAt = now();
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`editor ${n} edit ${v}: ${response.status}`);
    etag = response.headers.get('etag');
    writes.push({ n, v, seq: Number(etag.replaceAll('"', '')), base, sentAt, ackAt });
  }
  return { n, etag, v: EDITS - 1 };
}

/** Follows the feed of one instance until told to stop; id → [{seq, at}]. */
function watcher(base, token) {
  const seen = new Map();
  let stopped = false;
  const done = (async () => {
    let cursor = '0';
    while (!stopped) {
      const response = await fetch(`${base}/annotations/${DOC}/changes?since=${cursor}&wait=2`, { headers: { authorization: `Bearer ${token}` } });
      const at = now();
      const body = await response.json();
      for (const change of body.changes) {
        if (!seen.has(change.id)) seen.set(change.id, []);
        seen.get(change.id).push({ seq: Number(change.etag.replaceAll('"', '')), at });
      }
      cursor = body.cursor;
    }
  })();
  return { seen, stop: () => { stopped = true; return done; } };
}

async function main() {
  const desk = await startDesk({ instances: 2, rate: 1000 });
  try {
    const [a, b] = desk.servers;
    const first = await desk.token('bench', 'Setup', 'editor');
    // The article exists before the watchers follow it.
    await fetch(`${a.url}/annotations/${DOC}/`, { method: 'POST', headers: { authorization: `Bearer ${first}`, 'content-type': 'application/ld+json' }, body: annotation(0, 0) });
    const readerToken = await desk.token('bench', 'Watcher', 'reader');
    const watchers = [watcher(a.url, readerToken), watcher(b.url, readerToken)];
    const tokens = [];
    for (let i = 1; i <= EDITORS; i += 1) tokens.push(await desk.token('bench', `Editor ${i}`, 'editor'));
    const peak = [0, 0];
    const sampler = setInterval(async () => {
      for (const [i, s] of desk.servers.entries()) peak[i] = Math.max(peak[i], (await s.rssKiB()) ?? 0);
    }, 200);
    const writes = [];
    const began = now();
    const finals = await Promise.all(tokens.map((token, i) => editor(i % 2 === 0 ? a.url : b.url, token, i + 1, writes)));
    const elapsed = now() - began;
    await new Promise((r) => setTimeout(r, 1500));
    await Promise.all(watchers.map((w) => w.stop()));
    clearInterval(sampler);
    for (const [i, s] of desk.servers.entries()) peak[i] = Math.max(peak[i], (await s.rssKiB()) ?? 0);

    // Seen by the other instance's watcher: the first time it saw this
    // version or a later one of the same claim (the feed keeps the latest).
    const visible = [];
    let unseen = 0;
    for (const w of writes) {
      const other = watchers[w.base === a.url ? 1 : 0];
      const times = (other.seen.get(uuid(w.n)) ?? []).filter((s) => s.seq >= w.seq).map((s) => s.at);
      if (times.length === 0) unseen += 1;
      else visible.push(Math.min(...times) - w.sentAt);
    }
    // Lost: a claim whose stored version is not the last one acknowledged.
    const feed = async (base) => (await (await fetch(`${base}/annotations/${DOC}/changes?since=0&wait=0`, { headers: { authorization: `Bearer ${readerToken}` } })).json()).changes;
    let lost = 0;
    for (const base of [a.url, b.url]) {
      const stored = new Map((await feed(base)).map((c) => [c.id, c]));
      for (const f of finals) {
        const c = stored.get(uuid(f.n));
        if (!c || c.etag !== f.etag || c.annotation.body[1].value !== `version ${f.v}`) lost += 1;
      }
    }
    const latency = writes.map((w) => w.ackAt - w.sentAt);
    const result = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown'}`,
      editors: EDITORS,
      editsEach: EDITS,
      instances: 2,
      writes: writes.length,
      seconds: elapsed / 1000,
      writesPerSecond: writes.length / (elapsed / 1000),
      writeP50: percentile(latency, 50),
      writeP95: percentile(latency, 95),
      visibleP50: percentile(visible, 50),
      visibleP95: percentile(visible, 95),
      unseen,
      lost,
      peakRssMiB: peak.map((k) => k / 1024),
    };
    const ms = (x) => `${x.toFixed(1)} ms`;
    const report = [
      `# Desk server under load (\`make bench-desk\`${smoke ? ' --smoke' : ''})`,
      '',
      `${result.date}; ${result.machine}; loopback; release build; PostgreSQL 15 from scripts/postgres.sh, fsync ${process.env.CLAIMMARK_PG_FSYNC}.`,
      `${EDITORS} editors × ${EDITS} edits (1 POST + ${EDITS - 1} PUTs with If-Match) on 2 instances, one long-polling watcher per instance.`,
      '',
      '| what | figure | goal |',
      '|---|---|---|',
      `| writes | ${result.writes} in ${result.seconds.toFixed(2)} s (${result.writesPerSecond.toFixed(0)}/s) | |`,
      `| write latency p50 / p95 | ${ms(result.writeP50)} / ${ms(result.writeP95)} | |`,
      `| seen by the other instance's watcher, p50 / p95 | ${ms(result.visibleP50)} / ${ms(result.visibleP95)} | p95 ≤ 1 s (stretch ≤ 250 ms) |`,
      `| writes never seen by the other instance | ${result.unseen} | 0 |`,
      `| claims lost (stored ≠ last acknowledged, both instances) | ${result.lost} | 0 |`,
      `| peak resident memory per instance | ${result.peakRssMiB.map((m) => `${m.toFixed(1)} MiB`).join(' / ')} | |`,
      '',
    ].join('\n');
    await mkdir(OUT, { recursive: true });
    await writeFile(path.join(OUT, 'desk-report.md'), report);
    await writeFile(path.join(OUT, 'desk-report.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(report);
    if (result.lost > 0 || result.unseen > 0) process.exitCode = 1;
  } finally {
    await desk.stop();
  }
}

await main();
