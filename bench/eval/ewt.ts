// The tagger and parser on UD English EWT test (the shared folder's ud-ewt/, CC BY-SA 4.0): UPOS
// accuracy, UAS and LAS with predicted tags and gold tokenisation, scored as the CoNLL 2018 shared
// task does (all words, punctuation included; LAS on the universal part of the relation). The
// misses are the commonest confusions, for people deciding what to improve.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadSyntaxModel, readConllu, tagAndParse } from '../../shared/analysis/syntax/index.js';
import { scoreTrees } from '../../shared/analysis/syntax/score.js';
import type { EvalSection } from './section.js';

const DATA = 'ud-ewt/en_ewt-ud-test.conllu.gz';

export const section: EvalSection = {
  name: 'ewt',
  description: 'tagger and parser, UD English EWT test: UPOS, UAS, LAS (predicted tags, gold tokenisation, CoNLL 2018 scoring)',
  needs: [DATA],
  async run(ctx) {
    const gold = readConllu(gunzipSync(readFileSync(join(ctx.sharedDir, DATA))).toString('utf8'));
    const model = loadSyntaxModel();
    const started = performance.now();
    const predicted = gold.map((s) => tagAndParse(model, s.words.map((w) => w.form)));
    const seconds = (performance.now() - started) / 1000;
    const scores = scoreTrees(gold, predicted);
    const confusions = new Map<string, number>();
    const count = (key: string) => confusions.set(key, (confusions.get(key) ?? 0) + 1);
    gold.forEach((s, i) => s.words.forEach((w, j) => {
      const p = predicted[i][j];
      if (p.upos !== w.upos) count(`tag ${w.upos} tagged ${p.upos}`);
      else if (p.head !== w.head) count(`head of ${w.deprel} (${w.upos}) wrong`);
      else if (p.deprel.split(':')[0] !== w.deprel.split(':')[0]) count(`relation ${w.deprel} labelled ${p.deprel}`);
    }));
    const misses = [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([what, n]) => `${String(n).padStart(5)}  ${what}`);
    return {
      rows: [{
        name: 'all',
        metrics: [
          { name: 'UPOS', value: scores.upos, gated: true },
          { name: 'UAS', value: scores.uas, gated: true },
          { name: 'LAS', value: scores.las, gated: true },
        ],
      }],
      misses,
      details: { ...scores, tokensPerSecond: scores.words / seconds },
    };
  },
};
