// Directed sentiment in news sentences (the shared folder's stance-data/dsa/valid.jsonl, see its
// README): for each sentence, the strongest stance between the actors found at the p and q spans
// gives one of 5 classes. Scored by eval/score-dsa.mjs: macro-F1 over the 5 classes (the paper's
// measure) and P/R/F1 of the 4 directed classes. Only the valid split is read here: the train split
// is for training, and the held-out test split is kept away from this repository on purpose.

import { dsaMisses, missRow } from './miss-classes.js';
import { scoreWithScorer } from './scorer-cli.js';
import type { EvalSection } from './section.js';

const DATA = 'stance-data/dsa/valid.jsonl';
const SCORER = 'eval/score-dsa.mjs';

/** What score-dsa.mjs prints with --json. */
export interface DsaScore {
  sentences: number;
  missingFiles: number;
  pFound: number;
  qFound: number;
  macroF1: number;
  directed: { p: number; r: number; f1: number; tp: number; fp: number; fn: number };
  perClass: { cls: number; p: number; r: number; f1: number; gold: number; pred: number }[];
  confusion: number[][];
}

export const dsa: EvalSection = {
  name: 'dsa',
  description: 'directed sentiment, DSA valid split: 5-class macro-F1 and directed stances (score-dsa.mjs)',
  needs: [DATA, SCORER],
  async run(ctx) {
    const { score, predDir, dataFile } = scoreWithScorer<DsaScore>(ctx, SCORER, DATA, /^ {2}gold \d pred \d /);
    // the scorer's misses, each with why (miss-classes.ts)
    const { lines: misses, counts } = dsaMisses(dataFile, predDir);
    return {
      rows: [{
        name: 'all',
        metrics: [
          { name: 'macro-F1', value: score.macroF1, gated: true },
          { name: 'directed P', value: score.directed.p },
          { name: 'directed R', value: score.directed.r },
          { name: 'directed F1', value: score.directed.f1, gated: true },
        ],
      }, missRow(counts)],
      misses,
      details: { ...score, missClasses: Object.fromEntries(counts) },
    };
  },
};
