// Part-of-speech tagger: a greedy left-to-right averaged perceptron over Universal POS tags
// (Collins 2002; the feature set follows Honnibal's "A good part-of-speech tagger in about 200
// lines of Python" with lookahead ambiguity classes, as in SVMTool). Frequent unambiguous words
// are tagged from a dictionary without scoring.

import type { HashIndex } from './feature-table.js';
import { key1, key2, key3 } from './hash.js';
import { CLUSTER_FINE_BITS, type SentenceWords } from './words.js';

export const UPOS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X'] as const;
export type Upos = (typeof UPOS)[number];
export const UPOS_INDEX: ReadonlyMap<string, number> = new Map(UPOS.map((t, i) => [t, i]));

/**
 * The tags the tagger predicts: Universal POS tags, or UPOS refined by the treebank's
 * language-specific tag ("VERB|VBN", "PRON|PRP$"), which tells the parser more (a past participle
 * heads a passive). Either way the UPOS of a tag is its part before "|".
 */
export interface TagSet {
  names: readonly string[];
  /** UPOS index of each tag. */
  upos: Uint8Array;
}

export function tagSetOf(names: readonly string[]): TagSet {
  return {
    names,
    upos: Uint8Array.from(names.map((name) => {
      const u = UPOS_INDEX.get(name.split('|')[0]);
      if (u === undefined) throw new Error(`tag "${name}" is not a Universal POS tag`);
      return u;
    })),
  };
}

/** A linear classifier: adds the weights of feature keys to per-class scores. */
export interface Scorer {
  readonly nClasses: number;
  addScores(keys: Int32Array, n: number, scores: Float64Array): void;
}

export interface TaggerLexicon {
  /** Exact form hash -> tag, for frequent words that (nearly) always have one tag. */
  tagDictionary: HashIndex;
  /** Normalised form hash -> a hash of the set of tags seen with it in training (its ambiguity class). */
  ambiguity: HashIndex;
}

export const TAGGER_MAX_FEATURES = 48;

/** Placeholder values beyond the sentence's edges and before any tag is known. */
const BEFORE = -1, AFTER = -2, NO_TAG = -3;

// Template numbers: part of the model format. Add new ones at the end; never renumber.
const T = {
  bias: 1, form: 2, norm: 3, suffix1: 4, suffix2: 5, suffix3: 6, suffix4: 7, prefix1: 8, prefix3: 9, shape: 10,
  flags: 11, prev: 12, prev2prev: 13, prevNorm: 14, normM1: 15, suffix3M1: 16, normM2: 17, normP1: 18,
  suffix3P1: 19, normP2: 20, amb: 21, ambP1: 22, ambP2: 23, prevAmb: 24, shapeP1: 25, bigramM1: 26, bigramP1: 27,
  ambAmbP1: 28, flagsNorm: 29, cluster: 30, coarse: 31, clusterM1: 32, clusterP1: 33, prevCluster: 34, coarseP2: 35,
  clusterSuffix: 36, /* 37-39 retired: measured no gain */ next: 40, nextNext: 41, prevNext: 42, nextNorm: 43,
  nextCluster: 44,
} as const;

/** The ambiguity class of every word of a sentence (0 for unseen words). */
export function ambiguityClasses(words: SentenceWords, lexicon: TaggerLexicon): Int32Array {
  const out = new Int32Array(words.n);
  for (let i = 0; i < words.n; i++) out[i] = lexicon.ambiguity.get(words.norm[i], 0);
  return out;
}

/** Writes the feature keys of word `i` into `out`; tags before `i` are the ones already chosen. */
export function taggerFeatures(w: SentenceWords, amb: Int32Array, i: number, tags: Uint8Array, out: Int32Array, firstPass?: Uint8Array): number {
  const n = w.n;
  const prev = i > 0 ? tags[i - 1] : NO_TAG;
  const prev2 = i > 1 ? tags[i - 2] : NO_TAG;
  const normM1 = i > 0 ? w.norm[i - 1] : BEFORE;
  const normM2 = i > 1 ? w.norm[i - 2] : BEFORE;
  const normP1 = i + 1 < n ? w.norm[i + 1] : AFTER;
  const normP2 = i + 2 < n ? w.norm[i + 2] : AFTER;
  const ambP1 = i + 1 < n ? amb[i + 1] : AFTER;
  const ambP2 = i + 2 < n ? amb[i + 2] : AFTER;
  const norm = w.norm[i];
  let k = 0;
  out[k++] = key1(T.bias, 0);
  out[k++] = key1(T.form, w.form[i]);
  out[k++] = key1(T.norm, norm);
  out[k++] = key1(T.suffix1, w.suffix1[i]);
  out[k++] = key1(T.suffix2, w.suffix2[i]);
  out[k++] = key1(T.suffix3, w.suffix3[i]);
  out[k++] = key1(T.suffix4, w.suffix4[i]);
  out[k++] = key1(T.prefix1, w.prefix1[i]);
  out[k++] = key1(T.prefix3, w.prefix3[i]);
  out[k++] = key1(T.shape, w.shape[i]);
  out[k++] = key1(T.flags, w.flags[i]);
  out[k++] = key1(T.prev, prev);
  out[k++] = key2(T.prev2prev, prev2, prev);
  out[k++] = key2(T.prevNorm, prev, norm);
  out[k++] = key1(T.normM1, normM1);
  out[k++] = key1(T.suffix3M1, i > 0 ? w.suffix3[i - 1] : BEFORE);
  out[k++] = key1(T.normM2, normM2);
  out[k++] = key1(T.normP1, normP1);
  out[k++] = key1(T.suffix3P1, i + 1 < n ? w.suffix3[i + 1] : AFTER);
  out[k++] = key1(T.normP2, normP2);
  out[k++] = key1(T.amb, amb[i]);
  out[k++] = key1(T.ambP1, ambP1);
  out[k++] = key1(T.ambP2, ambP2);
  out[k++] = key2(T.prevAmb, prev, amb[i]);
  out[k++] = key1(T.shapeP1, i + 1 < n ? w.shape[i + 1] : AFTER);
  out[k++] = key2(T.bigramM1, normM1, norm);
  out[k++] = key2(T.bigramP1, norm, normP1);
  out[k++] = key3(T.ambAmbP1, amb[i], ambP1, prev);
  out[k++] = key2(T.flagsNorm, w.flags[i], w.suffix3[i]);
  const cluster = w.cluster[i];
  out[k++] = key1(T.cluster, cluster);
  out[k++] = key1(T.coarse, cluster >> CLUSTER_FINE_BITS);
  out[k++] = key1(T.clusterM1, i > 0 ? w.cluster[i - 1] : BEFORE);
  out[k++] = key1(T.clusterP1, i + 1 < n ? w.cluster[i + 1] : AFTER);
  out[k++] = key2(T.prevCluster, prev, cluster);
  out[k++] = key1(T.coarseP2, i + 2 < n ? w.cluster[i + 2] >> CLUSTER_FINE_BITS : AFTER);
  out[k++] = key2(T.clusterSuffix, cluster, w.suffix2[i]);
  if (firstPass) {
    const next = i + 1 < n ? firstPass[i + 1] : AFTER;
    const next2 = i + 2 < n ? firstPass[i + 2] : AFTER;
    out[k++] = key1(T.next, next);
    out[k++] = key2(T.nextNext, next, next2);
    out[k++] = key2(T.prevNext, prev, next);
    out[k++] = key2(T.nextNorm, next, norm);
    out[k++] = key2(T.nextCluster, next, cluster);
  }
  return k;
}

/** Index of the highest score (the first on a tie, so results do not depend on anything else). */
export function argmax(scores: Float64Array, n: number): number {
  let best = 0;
  for (let c = 1; c < n; c++) if (scores[c] > scores[best]) best = c;
  return best;
}

/**
 * Tags one sentence. With `firstPass`, this is the second pass, which also sees the first pass's
 * tags to the right. With `margins`, each word's lead of its best tag over the next is written
 * there (Infinity for words the dictionary tags).
 */
export function tagWords(w: SentenceWords, lexicon: TaggerLexicon, weights: Scorer, firstPass?: Uint8Array, margins?: Float64Array): Uint8Array {
  const tags = new Uint8Array(w.n);
  const amb = ambiguityClasses(w, lexicon);
  const keys = new Int32Array(TAGGER_MAX_FEATURES);
  const scores = new Float64Array(weights.nClasses);
  for (let i = 0; i < w.n; i++) {
    const known = lexicon.tagDictionary.get(w.form[i], -1);
    if (known >= 0) {
      tags[i] = known;
      if (margins) margins[i] = Infinity;
      continue;
    }
    const nf = taggerFeatures(w, amb, i, tags, keys, firstPass);
    scores.fill(0);
    weights.addScores(keys, nf, scores);
    tags[i] = argmax(scores, weights.nClasses);
    if (margins) margins[i] = marginOf(scores, tags[i], weights.nClasses);
  }
  return tags;
}

/** The tagger's score of every tag for word `i`, the words before it tagged `tags`: what the model thinks of a tag it did not choose. */
export function tagScores(w: SentenceWords, lexicon: TaggerLexicon, weights: Scorer, tags: Uint8Array, i: number): Float64Array {
  const keys = new Int32Array(TAGGER_MAX_FEATURES);
  const scores = new Float64Array(weights.nClasses);
  const nf = taggerFeatures(w, ambiguityClasses(w, lexicon), i, tags, keys);
  weights.addScores(keys, nf, scores);
  return scores;
}

function marginOf(scores: Float64Array, best: number, n: number): number {
  let second = -Infinity;
  for (let c = 0; c < n; c++) if (c !== best && scores[c] > second) second = scores[c];
  return scores[best] - second;
}

/**
 * The second pass, run only where the first was unsure (its margin at most `threshold`): on EWT
 * dev it changes the tags of the least sure fifth of the words and leaves the rest as they were
 * without losing accuracy, at a fifth of the cost.
 */
export function retagUncertain(
  w: SentenceWords, lexicon: TaggerLexicon, retagger: Scorer, firstPass: Uint8Array, margins: Float64Array, threshold: number,
): Uint8Array {
  const tags = new Uint8Array(w.n);
  const amb = ambiguityClasses(w, lexicon);
  const keys = new Int32Array(TAGGER_MAX_FEATURES);
  const scores = new Float64Array(retagger.nClasses);
  for (let i = 0; i < w.n; i++) {
    if (margins[i] > threshold) { tags[i] = firstPass[i]; continue; }
    const nf = taggerFeatures(w, amb, i, tags, keys, firstPass);
    scores.fill(0);
    retagger.addScores(keys, nf, scores);
    tags[i] = argmax(scores, retagger.nClasses);
  }
  return tags;
}
