// The anchoring path Hypothesis uses, for comparison in the same run:
// the TextPositionSelector is trusted when its text equals the quote;
// otherwise every exact occurrence is found with indexOf, and only when
// there is none, approx-string-match (Myers' algorithm, the npm package
// Hypothesis depends on) searches with up to min(256, len/2) errors; each
// match is scored with quote/prefix/suffix/position weights 50/20/20/2.
// This follows the logic of Hypothesis's match-quote module (BSD-2-Clause)
// as written for this benchmark; it is not a copy of its source.

import approxSearch from 'approx-string-match';

function search(text, str, maxErrors) {
  const exact = [];
  let at = text.indexOf(str);
  while (at !== -1) {
    exact.push({ start: at, end: at + str.length, errors: 0 });
    at = text.indexOf(str, at + 1);
  }
  if (exact.length > 0) return exact;
  return approxSearch(text, str, maxErrors);
}

function textMatchScore(text, str) {
  if (str.length === 0 || text.length === 0) return 0;
  const matches = search(text, str, str.length);
  return 1 - matches[0].errors / str.length;
}

export function matchQuote(text, quote, context = {}) {
  if (quote.length === 0) return null;
  const maxErrors = Math.min(256, quote.length / 2);
  const matches = search(text, quote, maxErrors);
  if (matches.length === 0) return null;
  const score = (m) => {
    const quoteScore = 1 - m.errors / quote.length;
    const prefixScore = context.prefix
      ? textMatchScore(text.slice(Math.max(0, m.start - context.prefix.length), m.start), context.prefix)
      : 1;
    const suffixScore = context.suffix
      ? textMatchScore(text.slice(m.end, m.end + context.suffix.length), context.suffix)
      : 1;
    const posScore = typeof context.hint === 'number' ? 1 - Math.abs(m.start - context.hint) / text.length : 1;
    return (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * posScore) / 92;
  };
  let best = null;
  for (const m of matches) {
    const s = score(m);
    if (best === null || s > best.score) best = { start: m.start, end: m.end, score: s };
  }
  return best;
}

/** Anchors one W3C target the way Hypothesis does: position first, then quote. */
export function anchorTarget(text, target) {
  const { exact, prefix, suffix } = target.quote;
  const { start, end } = target.position;
  if (text.slice(start, end) === exact) return { start, end, score: 1 };
  return matchQuote(text, exact, { prefix, suffix, hint: start });
}
