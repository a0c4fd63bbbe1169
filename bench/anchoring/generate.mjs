// Generates the anchoring benchmark's workload, deterministically from a
// seed: an old text of the given size made of newsroom-like sentences over
// a synthetic vocabulary, a new text (an editor's note inserted at the top,
// so every stored position is stale, and ~5% of the characters of the
// "fuzzy" quotes edited), and three sets of W3C targets described on the
// old text: exact quotes (still verbatim in the new text), fuzzy quotes
// (edited) with their true place in the new text, and orphans (words that
// are nowhere in it).
//
// All generated text is ASCII, so JavaScript's UTF-16 offsets and the
// W3C code-point offsets agree and both engines see the same numbers.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { prng } from '../generate.mjs';

const CONTEXT = 32;

const SYLLABLES = ['ba', 'ko', 'ri', 'ta', 'men', 'vol', 'sa', 'di', 'nor', 'pe', 'lu', 'ga', 'fi',
  'ster', 'qua', 'jo', 'wen', 'hal', 'zu', 'tri', 'mo', 'cle', 'dan', 'sho', 'ver', 'li', 'po', 'rex'];
const ORPHAN_SYLLABLES = ['xy', 'zq', 'vv', 'kx', 'yy', 'qz', 'wx'];
const FUNCTION_WORDS = ['the', 'of', 'and', 'to', 'in', 'a', 'that', 'said', 'on', 'for', 'was',
  'with', 'by', 'officials', 'according', 'sources', 'government', 'it', 'is', 'has', 'not', 'been'];

function vocabulary(random, size, syllables) {
  const words = new Set();
  while (words.size < size) {
    const n = 1 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
    words.add(w);
  }
  return [...words];
}

function sentence(random, words) {
  const n = 8 + Math.floor(random() * 18);
  const out = [];
  for (let i = 0; i < n; i++) {
    // Zipf-like: function words often, content words from a long tail.
    const word = random() < 0.35
      ? FUNCTION_WORDS[Math.floor(random() * FUNCTION_WORDS.length)]
      : words[Math.floor(Math.pow(random(), 2) * words.length)];
    out.push(word);
  }
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  if (n > 12) out[Math.floor(n / 2)] += ',';
  return out.join(' ') + '.';
}

function article(random, words, bytes) {
  const paragraphs = [];
  let size = 0;
  while (size < bytes) {
    const sentences = [];
    const count = 2 + Math.floor(random() * 5);
    for (let i = 0; i < count; i++) sentences.push(sentence(random, words));
    const p = sentences.join(' ');
    paragraphs.push(p);
    size += p.length + 2;
  }
  return paragraphs.join('\n\n');
}

/** A word-aligned span of `min..max` characters starting at a random word. */
function pickSpan(random, text, min, max) {
  for (;;) {
    let start = Math.floor(random() * (text.length - max - 1));
    while (start > 0 && text[start - 1] !== ' ') start++;
    let end = start + min + Math.floor(random() * (max - min));
    while (end < text.length && /[a-z]/i.test(text[end])) end++;
    const exact = text.slice(start, end);
    if (!exact.includes('\n') && exact.trim() === exact && exact.length >= min) return { start, end };
  }
}

function describe(text, start, end) {
  return {
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
    },
    position: { start, end },
  };
}

/** Edits ~rate of a string's characters: substitutions, insertions, deletions. */
function edit(random, s, rate) {
  const chars = s.split('');
  const edits = Math.max(1, Math.round(s.length * rate));
  for (let i = 0; i < edits; i++) {
    const at = 1 + Math.floor(random() * (chars.length - 2));
    const letter = String.fromCharCode(97 + Math.floor(random() * 26));
    const kind = random();
    if (kind < 0.5) chars[at] = letter;
    else if (kind < 0.75) chars.splice(at, 0, letter);
    else chars.splice(at, 1);
  }
  return chars.join('');
}

export function generate({ seed = 20261128, bytes = 1_000_000, exact = 10_000, fuzzy = 1_000, orphans = 1_000 } = {}) {
  const random = prng(seed);
  const words = vocabulary(random, 6000, SYLLABLES);
  const old = article(random, words, bytes);

  // Fuzzy spans first, kept apart from each other.
  const taken = [];
  const overlaps = (s, e) => taken.some(([a, b]) => s < b + CONTEXT && a < e + CONTEXT);
  const fuzzySpans = [];
  while (fuzzySpans.length < fuzzy) {
    const span = pickSpan(random, old, 40, 160);
    if (overlaps(span.start, span.end)) continue;
    taken.push([span.start, span.end]);
    fuzzySpans.push(span);
  }
  fuzzySpans.sort((x, y) => x.start - y.start);

  // The new text: a note on top, then the old text with the fuzzy quotes edited.
  const note = "Editor's note: this report was updated with corrections.\n\n";
  let next = note;
  let cursor = 0;
  const fuzzyTargets = [];
  const fuzzyTruth = [];
  for (const span of fuzzySpans) {
    next += old.slice(cursor, span.start);
    const edited = edit(random, old.slice(span.start, span.end), 0.05);
    fuzzyTruth.push([next.length, next.length + edited.length]);
    next += edited;
    cursor = span.end;
    fuzzyTargets.push(describe(old, span.start, span.end));
  }
  next += old.slice(cursor);

  const exactTargets = [];
  const exactTruth = [];
  while (exactTargets.length < exact) {
    const span = pickSpan(random, old, 20, 120);
    if (taken.some(([a, b]) => span.start < b && a < span.end)) continue;
    exactTargets.push(describe(old, span.start, span.end));
    // Everything before the span moved by the note and the edits before it.
    let shift = note.length;
    for (let i = 0; i < fuzzySpans.length && fuzzySpans[i].end <= span.start; i++) {
      shift += (fuzzyTruth[i][1] - fuzzyTruth[i][0]) - (fuzzySpans[i].end - fuzzySpans[i].start);
    }
    exactTruth.push([span.start + shift, span.end + shift]);
  }

  const strangers = vocabulary(prng(seed + 1), 300, ORPHAN_SYLLABLES); // of 399 possible
  const orphanTargets = [];
  for (let i = 0; i < orphans; i++) {
    const n = 6 + Math.floor(random() * 8);
    const quote = Array.from({ length: n }, () => strangers[Math.floor(random() * strangers.length)]).join(' ');
    const at = Math.floor(random() * (old.length - 100));
    orphanTargets.push({ quote: { exact: quote, prefix: old.slice(at, at + CONTEXT), suffix: old.slice(at + 40, at + 40 + CONTEXT) }, position: { start: at, end: at + quote.length } });
  }

  return { old, next, exactTargets, exactTruth, fuzzyTargets, fuzzyTruth, orphanTargets };
}

export async function writeWorkload(dir, workload) {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'old.txt'), workload.old);
  await writeFile(path.join(dir, 'new.txt'), workload.next);
  await writeFile(path.join(dir, 'exact.json'), JSON.stringify(workload.exactTargets));
  await writeFile(path.join(dir, 'fuzzy.json'), JSON.stringify(workload.fuzzyTargets));
  await writeFile(path.join(dir, 'orphan.json'), JSON.stringify(workload.orphanTargets));
}
