// Features of one entity pair in one sentence for the learned direction-and-polarity layer
// (learned/index.ts): the words around and between the two mentions, in the order they come, with
// the negations and hedges between them. The mentions themselves are masked: the model learns how
// news English says who supports or criticises whom, not who tends to.
//
// A feature is a string; the model maps it to five weights (neutral, first-supports-second,
// second-supports-first, first-criticises-second, second-criticises-first, where "first" is the
// pair's `a`). The same function builds features for training (train/stances.ts) and for the
// analysis, so the two can never drift.

/** The words of a sentence, lower-cased, with offsets into the same text the spans index. */
export interface PairToken {
  lower: string;
  start: number;
  end: number;
  /**
   * What the stance lexicon says the word's lemma carries ("criticize", "support", "say" for a
   * reporting verb): a cue that lets the model read words it never saw in training by their class.
   */
  cue?: string;
}

import { NEG } from '../lexicon.js';

/** Words whose presence between the pair flips or weakens what the words say: the lexicon's negation cues. */
const NEGATIONS = NEG;

/** Tokens a span covers: [first, last], or undefined when it covers none. */
function tokenRange(tokens: readonly PairToken[], span: readonly [number, number]): [number, number] | undefined {
  let a = -1;
  let b = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.end <= span[0] || t.start >= span[1]) continue;
    if (a < 0) a = i;
    b = i;
  }
  return a < 0 ? undefined : [a, b];
}

const WINDOW = 4;
const MAX_BETWEEN = 12;

/**
 * The features of the pair (a, b) in a sentence: `a` is the pair's first member whatever its
 * position (class 1 is "a supports b"); positions are read relative to the order in the text.
 */
export function pairFeatures(tokens: readonly PairToken[], a: readonly [number, number], b: readonly [number, number]): string[] {
  const ra = tokenRange(tokens, a);
  const rb = tokenRange(tokens, b);
  if (!ra || !rb) return ['bias'];
  const aFirst = ra[0] <= rb[0];
  const [first, second] = aFirst ? [ra, rb] : [rb, ra];
  const order = aFirst ? 'ab' : 'ba';
  const out: string[] = ['bias', `order:${order}`];
  const inside = (i: number) => (i >= ra[0] && i <= ra[1]) || (i >= rb[0] && i <= rb[1]);
  // the whole sentence's words, as a bag (masked mentions left out)
  for (let i = 0; i < tokens.length; i++) if (!inside(i)) out.push(`w:${tokens[i].lower}`);
  // between the two, with their order: "A accused B" and "B accused A" differ only here
  const gap = second[0] - first[1] - 1;
  out.push(`gap:${order}:${gap <= 0 ? 0 : gap <= 2 ? 2 : gap <= 5 ? 5 : gap <= MAX_BETWEEN ? 12 : 99}`);
  let negated = false;
  let prev = '<a>';
  for (let i = first[1] + 1; i < second[0] && i <= first[1] + MAX_BETWEEN; i++) {
    const w = tokens[i].lower;
    if (NEGATIONS.has(w)) negated = true;
    out.push(`btw:${order}:${w}`, `btw2:${order}:${prev}_${w}`);
    if (negated) out.push(`btwneg:${order}:${w}`);
    const cue = tokens[i].cue;
    if (cue) out.push(`cue:${order}:${cue}`, `cue:${order}:${cue}:${negated ? 'neg' : 'pos'}`);
    prev = w;
  }
  out.push(`btw2:${order}:${prev}_<b>`);
  // just before the first and just after the second
  for (let k = 1; k <= WINDOW; k++) {
    const l = first[0] - k;
    const r = second[1] + k;
    if (l >= 0) out.push(`left:${order}:${tokens[l].lower}`);
    if (r < tokens.length) out.push(`right:${order}:${tokens[r].lower}`);
    if (l >= 0 && tokens[l].cue) out.push(`leftcue:${order}:${tokens[l].cue}`);
    if (r < tokens.length && tokens[r].cue) out.push(`rightcue:${order}:${tokens[r].cue}`);
  }
  if (negated) out.push(`neg:${order}`);
  return out;
}
