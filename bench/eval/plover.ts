// PLOVER gold-standard records (the shared folder's stance-data/plover-gsr-cameo.json): short news
// sentences coded by event analysts with source, target and event type. Scored by
// eval/score-plover.mjs: recall of a stance from a coded source to a coded target with the sign of
// the event, the same in any direction, by event type, and stances emitted per record (recall
// alone would reward a stance for every pair).

import { missRow, ploverMisses } from './miss-classes.js';
import { scoreWithScorer } from './scorer-cli.js';
import type { EvalSection, Row } from './section.js';

const DATA = 'stance-data/plover-gsr-cameo.json';
const SCORER = 'eval/score-plover.mjs';

/** What score-plover.mjs prints with --json. */
export interface PloverScore {
  records: number;
  missingFiles: number;
  recall: number;
  recallAnyDirection: number;
  stancesPerRecord: number;
  byEvent: Record<string, { n: number; found: number }>;
}

export const plover: EvalSection = {
  name: 'plover',
  description: 'PLOVER gold-standard records: directed stance recall (score-plover.mjs)',
  needs: [DATA, SCORER],
  async run(ctx) {
    const { score, predDir, dataFile } = scoreWithScorer<PloverScore>(ctx, SCORER, DATA, /^ {2}miss /);
    // the scorer's misses, each with why (miss-classes.ts)
    const { lines: misses, counts } = ploverMisses(dataFile, predDir);

    const rows: Row[] = [{
      name: 'all',
      metrics: [
        { name: 'recall', value: score.recall, gated: true },
        { name: 'any-direction recall', value: score.recallAnyDirection, gated: true },
        { name: 'stances/record', value: score.stancesPerRecord },
      ],
    }];
    for (const [event, e] of Object.entries(score.byEvent).sort(([a], [b]) => a.localeCompare(b))) {
      rows.push({ name: event, metrics: [{ name: 'recall', value: e.n ? e.found / e.n : 0 }] });
    }
    rows.push(missRow(counts));
    return { rows, misses, details: { ...score, missClasses: Object.fromEntries(counts) } };
  },
};
