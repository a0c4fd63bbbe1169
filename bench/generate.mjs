// Seeded, deterministic benchmark data for `make bench`: article text of a
// given size (a dateline, a headline, paragraphs of news-like sentences)
// and claims over it with W3C selectors (TextQuote + TextPosition),
// overlapping and nested ones included. The same claims feed claimmark
// (its storage envelope) and @recogito/text-annotator (naive W3C JSON-LD).
//
// Offsets: claimmark counts Unicode code points, the DOM (and Recogito)
// UTF-16 units. The generated text uses Basic Multilingual Plane
// characters only, so both counts agree.
//
// CLI: node bench/generate.mjs [--bytes N] [--claims N] [--seed N] prints
// a summary of one data set.

import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the of and to in a that for on with as by officials said government security ' +
  'military forces according sources minister president report week month year ' +
  'agreement talks border country region capital opposition election vote court ' +
  'police troops withdrawal operation intelligence agents diplomats statement ' +
  'spokesperson analysts economy oil exports sanctions prices inflation reserves ' +
  'alliance negotiations ceasefire humanitarian aid refugees crisis protest ' +
  'parliament decree budget investigation evidence documents interview witnesses ' +
  'Havana Caracas Bogotá Brasília São Paulo Díaz-Canel Nicolás Ramírez Peña ' +
  'café señora año coöperation naïve résumé über façade — “reportedly” ‘allegedly’ ' +
  'unconfirmed confirmed disputed estimated hundreds thousands dozens several ' +
  'began continued denied confirmed announced rejected warned claimed promised ' +
  'recent former current senior local federal regional international public'
).split(/\s+/);

const STOPS = ['.', '.', '.', '.', '?', ';'];

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function int(rand, lo, hi) {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

function sentence(rand) {
  const n = int(rand, 8, 28);
  const words = [];
  for (let i = 0; i < n; i++) words.push(pick(rand, WORDS));
  const first = words[0];
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  if (rand() < 0.3) words.splice(int(rand, 2, n - 2), 0, `${int(rand, 2, 9999)}`);
  if (rand() < 0.25) words[int(rand, 1, words.length - 1)] += ',';
  return words.join(' ') + pick(rand, STOPS);
}

function utf8Length(text) {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * An article of about `bytes` UTF-8 bytes: "date YYYY-MM-DD", a headline,
 * then paragraphs separated by blank lines. Returns { text, paragraphs }
 * where paragraphs are [start, end) UTF-16 ranges (== code points here).
 */
export function generateArticle(bytes, seed = 1) {
  const rand = prng(seed);
  const parts = ['date 2026-02-25', 'Regional security alliance shifts as officials weigh the withdrawal'];
  let size = utf8Length(parts.join('\n\n'));
  while (size < bytes) {
    const sentences = [];
    const n = int(rand, 2, 7);
    for (let i = 0; i < n; i++) sentences.push(sentence(rand));
    const paragraph = sentences.join(' ');
    parts.push(paragraph);
    size += utf8Length(paragraph) + 2;
  }
  const text = parts.join('\n\n');
  const paragraphs = [];
  let offset = 0;
  for (const [i, part] of parts.entries()) {
    if (i >= 2) paragraphs.push([offset, offset + part.length]);
    offset += part.length + 2;
  }
  return { text, paragraphs };
}

/** Paragraph ranges of any plain text (blank-line separated, trimmed). */
export function paragraphsOf(text) {
  const out = [];
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const trimmed = m[0].trim();
    if (trimmed) out.push([m.index + lead, m.index + lead + trimmed.length]);
  }
  return out;
}

function uuid(rand) {
  const hex = [];
  for (let i = 0; i < 16; i++) hex.push(Math.floor(rand() * 256));
  hex[6] = (hex[6] & 0x0f) | 0x40;
  hex[8] = (hex[8] & 0x3f) | 0x80;
  const h = hex.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Word starts and ends inside [start, end) of `text`. */
function wordBounds(text, start, end) {
  const starts = [];
  const ends = [];
  const re = /\S+/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const e = Math.min(end, m.index + m[0].length);
    starts.push(m.index);
    ends.push(e);
  }
  return { starts, ends };
}

export const CERTAINTIES = ['confirmed', 'unclear', 'unconfirmed'];
export const CONTEXT_CHARS = 32;

/**
 * `count` claims over `text`, inside its paragraphs, on word boundaries.
 * About a quarter are made to overlap an earlier claim (start inside it,
 * end inside it = nested, or past it = crossing). Returns claims sorted by
 * position: { id, start, end, exact, prefix, suffix, certainty, overlaps }.
 */
export function generateClaims(text, paragraphs, count, seed = 2) {
  const rand = prng(seed);
  const weights = paragraphs.map(([s, e]) => e - s);
  const total = weights.reduce((a, b) => a + b, 0);
  const bounds = new Map();
  const boundsOf = (p) => {
    if (!bounds.has(p)) bounds.set(p, wordBounds(text, paragraphs[p][0], paragraphs[p][1]));
    return bounds.get(p);
  };
  const pickParagraph = () => {
    let r = rand() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  };
  const claims = [];
  const seen = new Set();
  let overlapping = 0;
  let guard = 0;
  while (claims.length < count && guard++ < count * 50) {
    let p;
    let first;
    let last;
    let kind = 'plain';
    if (claims.length > 0 && rand() < 0.25) {
      const base = claims[Math.floor(rand() * claims.length)];
      p = base.paragraph;
      const { starts, ends } = boundsOf(p);
      const inside = starts.filter((s) => s > base.start && s < base.end);
      if (!inside.length) continue;
      first = starts.indexOf(pick(rand, inside));
      if (rand() < 0.5) {
        const endsInside = ends.filter((e, i) => i >= first && e < base.end);
        if (!endsInside.length) continue;
        last = ends.indexOf(pick(rand, endsInside));
        kind = 'nested';
      } else {
        const endsPast = ends.filter((e) => e > base.end);
        if (!endsPast.length) continue;
        last = ends.indexOf(endsPast[Math.min(endsPast.length - 1, int(rand, 0, 6))]);
        kind = 'crossing';
      }
    } else {
      p = pickParagraph();
      const { starts } = boundsOf(p);
      if (!starts.length) continue;
      first = int(rand, 0, starts.length - 1);
      last = Math.min(starts.length - 1, first + int(rand, 2, 22));
    }
    const { starts, ends } = boundsOf(p);
    const start = starts[first];
    const end = ends[last];
    if (!(end > start)) continue;
    const key = `${start}:${end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (kind !== 'plain') overlapping++;
    claims.push({
      paragraph: p,
      id: uuid(rand),
      start,
      end,
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
      suffix: text.slice(end, Math.min(text.length, end + CONTEXT_CHARS)),
      certainty: pick(rand, CERTAINTIES),
      kind,
    });
  }
  claims.sort((a, b) => a.start - b.start || b.end - a.end);
  return { claims, overlapping };
}

const CREATED = '2026-02-25T10:00:00Z';

/**
 * One claim as claimmark stores it: a compact row of schema 2 (see
 * crates/claimmark-core/src/storage/compact.rs): [id, start, end, certainty (0 confirmed,
 * 1 unclear, 2 unconfirmed), created (ms), modified (ms after created),
 * quote]. The quote is `0` when the envelope keeps the text (the text at
 * start..end, with its context, is the quote), else written in full.
 */
export function toClaimmark(claim, textKept) {
  return [
    claim.id.replaceAll('-', ''),
    claim.start,
    claim.end,
    CERTAINTIES.indexOf(claim.certainty),
    Date.parse(CREATED),
    0,
    textKept ? 0 : [claim.exact, claim.prefix, claim.suffix],
  ];
}

/**
 * claimmark's storage entries for a document, schema 2 (see
 * crates/claimmark-core/src/storage/envelope.rs): the envelope, and the article's text under its
 * own key when kept (an article loaded by hand). The envelope leaves out
 * `textHash` (optional: the widget hashes with xxh3, which Node lacks),
 * so the kept text is taken as it is.
 */
export function toEntries(documentId, text, claims) {
  const textKept = text !== null && text !== undefined;
  const envelope = { schema: 2, document: documentId };
  if (textKept) envelope.textKept = true;
  envelope.claims = claims.map((claim) => toClaimmark(claim, textKept));
  const entries = { [`claimmark:v1:doc:${documentId}`]: JSON.stringify(envelope) };
  if (textKept) entries[`claimmark:v1:text:${documentId}`] = text;
  return entries;
}

/** One claim in the naive, full W3C Web Annotation JSON-LD form. */
export function toW3C(claim, source) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `urn:uuid:${claim.id}`,
    type: 'Annotation',
    motivation: 'assessing',
    created: CREATED,
    modified: CREATED,
    body: [
      { type: 'TextualBody', purpose: 'assessing', value: claim.certainty },
      { type: 'TextualBody', purpose: 'commenting', value: '', format: 'text/plain' },
    ],
    target: {
      source,
      selector: [
        { type: 'TextQuoteSelector', exact: claim.exact, prefix: claim.prefix, suffix: claim.suffix },
        { type: 'TextPositionSelector', start: claim.start, end: claim.end },
      ],
    },
  };
}

/**
 * A named data set. `seedText` (the demo's own article) replaces the
 * generated text when given.
 */
export function dataset({ name, bytes, claims, seed = 1, seedText = null }) {
  const article = seedText !== null
    ? { text: seedText.replace(/\r\n?/g, '\n'), paragraphs: null }
    : generateArticle(bytes, seed);
  // Claims stay out of the dateline ("date 2026-02-25"), which the demo
  // shows as its own block.
  const paragraphs = article.paragraphs ?? paragraphsOf(article.text).map(([s, e], i) => {
    const m = i === 0 && /^(date\s+)?\d{4}-\d\d-\d\d\s+/i.exec(article.text.slice(s, e));
    return m ? [s + m[0].length, e] : [s, e];
  });
  if (/[\uD800-\uDFFF]/.test(article.text)) throw new Error(`${name}: text leaves the BMP; offsets would differ`);
  const made = generateClaims(article.text, paragraphs, claims, seed + 1000);
  return {
    name,
    embedded: seedText !== null,
    text: article.text,
    bytes: utf8Length(article.text),
    chars: article.text.length,
    paragraphs: paragraphs.length,
    claims: made.claims,
    overlapping: made.overlapping,
  };
}

/**
 * The benchmark's data sets, [name, article bytes (null: the demo's seed
 * article), claims], at full size (`make bench`) and tiny (`--smoke`).
 */
export const SET_SIZES = {
  full: [['a', null, 20], ['b', 100 * 1024, 1000], ['c', 1024 * 1024, 10_000]],
  smoke: [['a', null, 20], ['b', 10_000, 100], ['c', 20_000, 300]],
};

/** Set `i` of `sizes` (from [`SET_SIZES`]), seeded as every benchmark seeds it. */
export function benchmarkSet(sizes, i, seedText = null) {
  const [name, bytes, claims] = sizes[i];
  return dataset({ name, bytes, claims, seed: 11 + i, seedText: bytes === null ? seedText : null });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (flag, fallback) => {
    const i = process.argv.indexOf(flag);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const d = dataset({ name: 'cli', bytes: arg('--bytes', 100_000), claims: arg('--claims', 1000), seed: arg('--seed', 1) });
  console.log(JSON.stringify({
    bytes: d.bytes,
    chars: d.chars,
    paragraphs: d.paragraphs,
    claims: d.claims.length,
    overlapping: d.overlapping,
    first: d.claims.slice(0, 2).map(({ paragraph, ...c }) => c),
  }, null, 2));
}
