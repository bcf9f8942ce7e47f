// Scores predicted trees against a treebank the way the CoNLL 2018 shared task does with gold
// tokenisation: over all words (punctuation included), UPOS accuracy, UAS (right head) and LAS
// (right head and right universal relation: the part of the label before ":"), and lemma accuracy
// (exact, case included; a word the treebank gives no lemma, "_", counts as right).

import type { ConlluSentence } from './conllu.js';

export interface SyntaxScores {
  sentences: number;
  words: number;
  upos: number;
  uas: number;
  las: number;
}

export interface PredictedWord {
  upos: string;
  head: number;
  deprel: string;
}

export interface LemmaScores {
  words: number;
  lemma: number;
  /** Words whose lower-case form `seen` does not know, and lemma accuracy on them. */
  unseenWords: number;
  unseenLemma: number;
}

const universal = (deprel: string) => deprel.split(':')[0];

export function scoreTrees(gold: readonly ConlluSentence[], predicted: readonly (readonly PredictedWord[])[]): SyntaxScores {
  if (gold.length !== predicted.length) throw new Error(`${predicted.length} predicted sentences for ${gold.length} gold ones`);
  let words = 0, upos = 0, uas = 0, las = 0;
  gold.forEach((s, i) => {
    const p = predicted[i];
    if (p.length !== s.words.length) throw new Error(`sentence ${i + 1}: ${p.length} predicted words for ${s.words.length}`);
    s.words.forEach((w, j) => {
      words++;
      if (p[j].upos === w.upos) upos++;
      if (p[j].head === w.head) {
        uas++;
        if (universal(p[j].deprel) === universal(w.deprel)) las++;
      }
    });
  });
  const share = (n: number) => (words ? n / words : 0);
  return { sentences: gold.length, words, upos: share(upos), uas: share(uas), las: share(las) };
}

export function scoreLemmas(
  gold: readonly ConlluSentence[], predicted: readonly (readonly { lemma: string }[])[], seen: (lowerCaseForm: string) => boolean = () => true,
): LemmaScores {
  if (gold.length !== predicted.length) throw new Error(`${predicted.length} predicted sentences for ${gold.length} gold ones`);
  let words = 0, right = 0, unseenWords = 0, unseenRight = 0;
  gold.forEach((s, i) => {
    const p = predicted[i];
    if (p.length !== s.words.length) throw new Error(`sentence ${i + 1}: ${p.length} predicted words for ${s.words.length}`);
    s.words.forEach((w, j) => {
      const ok = w.lemma === '_' || p[j].lemma === w.lemma;
      words++;
      if (ok) right++;
      if (!seen(w.form.toLowerCase())) {
        unseenWords++;
        if (ok) unseenRight++;
      }
    });
  });
  return { words, lemma: words ? right / words : 0, unseenWords, unseenLemma: unseenWords ? unseenRight / unseenWords : 0 };
}
