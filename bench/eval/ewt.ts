// The tagger, lemmatizer and parser on UD English EWT test (the shared folder's ud-ewt/, CC BY-SA
// 4.0): UPOS accuracy, lemma accuracy, UAS and LAS with predicted tags and gold tokenisation,
// scored as the CoNLL 2018 shared task does (all words, punctuation included; LAS on the universal
// part of the relation; lemmas exact, case included), and lemma accuracy on the words EWT train
// never shows. The misses are the commonest confusions, for people deciding what to improve.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadSyntaxModel, readConllu, tagAndParse } from '../../shared/analysis/syntax/index.js';
import { scoreLemmas, scoreTrees } from '../../shared/analysis/syntax/score.js';
import type { EvalSection } from './section.js';

const DATA = 'ud-ewt/en_ewt-ud-test.conllu.gz';
/** Read only for the words it has, to score lemmas of the words it does not. */
const TRAIN = 'ud-ewt/en_ewt-ud-train.conllu.gz';

export const section: EvalSection = {
  name: 'ewt',
  description: 'tagger, lemmatizer and parser, UD English EWT test: UPOS, lemma, UAS, LAS (predicted tags, gold tokenisation, CoNLL 2018 '
    + 'scoring); lemma accuracy on words unseen in train',
  needs: [DATA, TRAIN],
  async run(ctx) {
    const read = (file: string) => readConllu(gunzipSync(readFileSync(join(ctx.sharedDir, file))).toString('utf8'));
    const gold = read(DATA);
    const seen = new Set(read(TRAIN).flatMap((s) => s.words.map((w) => w.form.toLowerCase())));
    const model = loadSyntaxModel();
    const started = performance.now();
    const predicted = gold.map((s) => tagAndParse(model, s.words.map((w) => w.form)));
    const seconds = (performance.now() - started) / 1000;
    const scores = scoreTrees(gold, predicted);
    const lemmas = scoreLemmas(gold, predicted, (form) => seen.has(form));
    const confusions = new Map<string, number>();
    const count = (key: string) => confusions.set(key, (confusions.get(key) ?? 0) + 1);
    gold.forEach((s, i) => s.words.forEach((w, j) => {
      const p = predicted[i][j];
      if (p.upos !== w.upos) count(`tag ${w.upos} tagged ${p.upos}`);
      else if (p.head !== w.head) count(`head of ${w.deprel} (${w.upos}) wrong`);
      else if (p.deprel.split(':')[0] !== w.deprel.split(':')[0]) count(`relation ${w.deprel} labelled ${p.deprel}`);
      if (w.lemma !== '_' && p.lemma !== w.lemma) {
        const caseOnly = p.lemma.toLowerCase() === w.lemma.toLowerCase();
        count(`lemma of ${w.upos} wrong${caseOnly ? ' (case only)' : ''}${p.upos !== w.upos ? ', its tag wrong' : ''}`);
      }
    }));
    const misses = [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([what, n]) => `${String(n).padStart(5)}  ${what}`);
    return {
      rows: [{
        name: 'all',
        metrics: [
          { name: 'UPOS', value: scores.upos, gated: true },
          { name: 'lemma', value: lemmas.lemma, gated: true },
          { name: 'lemma unseen', value: lemmas.unseenLemma },
          { name: 'UAS', value: scores.uas, gated: true },
          { name: 'LAS', value: scores.las, gated: true },
        ],
      }],
      misses,
      details: { ...scores, ...lemmas, tokensPerSecond: scores.words / seconds },
    };
  },
};
