// The desk server through HTTP, as deployed: real processes on a real
// PostgreSQL (e2e/desk-cluster.mjs). The XSS corpus through the API (links
// refused with 400 and nothing stored; text kept byte for byte and served
// as JSON, never HTML), and faults: the server killed with SIGKILL in the
// middle of writes, and PostgreSQL restarted — after each, every
// acknowledged write is there and a waiting change feed carries on.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDesk } from './desk-cluster.mjs';
import { PAYLOADS, URL_PAYLOADS } from './xss/payloads.mjs';

const DOC = 'budget-2026';
let desk;
let token;

before(async () => {
  desk = await startDesk({ instances: 1, rate: 100_000 });
  token = await desk.token('metro', 'Ana', 'editor');
});

after(async () => {
  await desk?.stop();
});

function uuid(n) {
  return `6f1c0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function claim(n, { note = 'note', quote = `claim number ${n}`, tags = [], links = [] } = {}) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `urn:uuid:${uuid(n)}`,
    type: 'Annotation',
    modified: '2026-12-07T10:00:00Z',
    body: [
      { type: 'TextualBody', purpose: 'assessing', value: 'unclear' },
      { type: 'TextualBody', purpose: 'commenting', value: note },
      ...tags.map((value) => ({ type: 'TextualBody', purpose: 'tagging', value })),
      ...links.map((source) => ({ type: 'SpecificResource', purpose: 'linking', source })),
    ],
    target: { source: 'urn:claimmark:doc:budget', selector: { type: 'TextQuoteSelector', exact: quote } },
  };
}

async function call(base, method, path, { body, etag } = {}) {
  const headers = { authorization: `Bearer ${token}` };
  if (body) headers['content-type'] = 'application/ld+json';
  if (etag) headers['if-match'] = etag;
  const response = await fetch(`${base}/annotations/${DOC}/${path}`, { method, headers, body: body && JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : null };
}

/** What the feed says now, from the start: id → change (none before the first write). */
async function everything(base) {
  const answer = await call(base, 'GET', 'changes?since=0&wait=0');
  if (answer.status === 404) return new Map();
  assert.equal(answer.status, 200);
  return new Map(answer.json.changes.map((c) => [c.id, c]));
}

test('the XSS corpus through the API: links refused and nothing stored, text kept and served as JSON', async () => {
  const base = desk.servers[0].url;
  const before = (await everything(base)).size;
  let stored = 0;
  for (const [i, payload] of URL_PAYLOADS.entries()) {
    const answer = await call(base, 'POST', '', { body: claim(10_000 + i, { links: [payload] }) });
    if (/^https?:\/\//.test(payload) && answer.status === 201) {
      // An https link the importer takes (markup in its path) is kept as it came, served as JSON.
      assert.equal(answer.json.body[2].source, payload);
      stored += 1;
      continue;
    }
    assert.equal(answer.status, 400, `link ${JSON.stringify(payload)} → ${answer.text}`);
    assert.equal(answer.headers.get('content-type'), 'application/problem+json');
    assert.ok(answer.json.errors.length > 0 && answer.json.detail.length > 0);
  }
  assert.ok(URL_PAYLOADS.length - stored >= 20, 'scheme tricks were refused');
  assert.equal((await everything(base)).size, before + stored, 'no refused link was stored');

  const text = PAYLOADS.filter((p) => !URL_PAYLOADS.includes(p));
  assert.ok(text.length >= 200, `${text.length} text payloads`);
  for (const [i, payload] of text.entries()) {
    const n = 20_000 + i;
    const created = await call(base, 'POST', '', { body: claim(n, { note: payload, quote: payload.slice(0, 200) || 'x', tags: [payload.slice(0, 100)] }) });
    if (created.status === 400) {
      // Refused by the importer (a tag or quote it cannot take): a reason, nothing stored.
      assert.ok(created.json.detail, payload);
      continue;
    }
    assert.equal(created.status, 201, `${JSON.stringify(payload)} → ${created.text}`);
    const read = await call(base, 'GET', uuid(n));
    assert.match(read.headers.get('content-type'), /^application\/ld\+json; profile=/);
    assert.equal(read.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(read.json.body[1].value, payload, 'the note comes back byte for byte');
  }
});

test('SIGKILL in the middle of writes: every acknowledged write survives the restart', async () => {
  const server = desk.servers[0];
  const acknowledged = new Map();
  let stop = false;
  const writer = async (w) => {
    let n = 0;
    while (!stop) {
      const id = 30_000 + w * 1000 + n;
      try {
        const answer = await call(server.url, 'POST', '', { body: claim(id, { note: `w${w} n${n}` }) });
        if (answer.status === 201) acknowledged.set(uuid(id), answer.headers.get('etag'));
        n += 1;
      } catch {
        // the server is down: the widget would queue and retry later
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const writers = [0, 1, 2, 3].map(writer);
  await new Promise((r) => setTimeout(r, 400));
  await server.kill('SIGKILL');
  const atKill = acknowledged.size;
  await new Promise((r) => setTimeout(r, 300));
  await server.start();
  await new Promise((r) => setTimeout(r, 400));
  stop = true;
  await Promise.all(writers);
  assert.ok(atKill > 10 && acknowledged.size > atKill, `${atKill} acknowledged before the kill, ${acknowledged.size} in all`);
  const stored = await everything(server.url);
  const lost = [...acknowledged].filter(([id, etag]) => stored.get(id)?.etag !== etag);
  assert.deepEqual(lost, [], '0 acknowledged writes lost');
});

test('PostgreSQL restarted: writes fail cleanly meanwhile, a waiting feed carries on, nothing is lost', async () => {
  const base = desk.servers[0].url;
  const start = await call(base, 'GET', 'changes?since=0&wait=0');
  const cursor = start.json.cursor;
  const waiting = call(base, 'GET', `changes?since=${cursor}&wait=20`);
  const created = await call(base, 'POST', '', { body: claim(40_000) });
  assert.equal(created.status, 201);
  assert.equal((await waiting).json.changes[0].id, uuid(40_000));

  const cursor2 = (await call(base, 'GET', 'changes?since=0&wait=0')).json.cursor;
  const waitingAcross = call(base, 'GET', `changes?since=${cursor2}&wait=25`).catch((e) => ({ error: e }));
  await desk.restartPostgres();
  // The pool reconnects: retry as the widget's queue does, until it is written.
  let status = 0;
  for (let attempt = 0; attempt < 50 && status !== 201; attempt += 1) {
    status = (await call(base, 'POST', '', { body: claim(40_001) }).catch(() => ({ status: 0 }))).status;
    if (status !== 201) {
      assert.ok([0, 500, 503].includes(status), `a clean failure while the database restarts, got ${status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  assert.equal(status, 201);
  const across = await waitingAcross;
  const seen = across.json?.changes?.map((c) => c.id) ?? [];
  const after = await call(base, 'GET', `changes?since=${cursor2}&wait=5`);
  assert.ok(seen.includes(uuid(40_001)) || after.json.changes.some((c) => c.id === uuid(40_001)), 'the feed carries on after the restart');
  const stored = await everything(base);
  assert.ok(stored.has(uuid(40_000)) && stored.has(uuid(40_001)));
});
