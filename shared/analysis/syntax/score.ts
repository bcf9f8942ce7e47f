// Scores predicted trees against a treebank the way the CoNLL 2018 shared task does with gold
// tokenisation: over all words (punctuation included), UPOS accuracy, UAS (right head) and LAS
// (right head and right universal relation: the part of the label before ":").

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
