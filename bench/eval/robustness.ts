// The analyser on 11,095 real news sentences (the shared folder's stance-data/dsa/train.jsonl):
// it must never throw, and no rule should fail on a sentence (the guard would skip it). Each
// sentence is analysed as a text of its own. Reports how many were skipped; any exception or skip
// is listed as a miss, and any exception fails the eval (a set that crashes is a failed set).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../../shared/analysis/analyse.js';
import type { EvalSection } from './section.js';

const DATA = 'stance-data/dsa/train.jsonl';

export const robustness: EvalSection = {
  name: 'robustness',
  description: 'the analyser on every sentence of DSA train: no exception, sentences skipped by a guard (goal 0)',
  needs: [DATA],
  async run(ctx) {
    const texts = readFileSync(join(ctx.sharedDir, DATA), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
    const misses: string[] = [];
    let skipped = 0, thrown = 0;
    const started = performance.now();
    texts.forEach((text, i) => {
      try {
        for (const s of analyse(text).skipped ?? []) {
          skipped++;
          misses.push(`line ${i + 1}: ${s.stage} skipped sentence ${s.sentence} (${s.error}): ${text.slice(0, 160)}`);
        }
      } catch (err: unknown) {
        thrown++;
        misses.push(`line ${i + 1}: THREW ${err instanceof Error ? err.message : String(err)}: ${text.slice(0, 160)}`);
      }
    });
    const seconds = (performance.now() - started) / 1000;
    if (thrown) throw new Error(`the analyser threw on ${thrown} of ${texts.length} sentences: ${misses.filter((m) => m.includes('THREW')).slice(0, 3).join(' | ')}`);
    return {
      rows: [{
        name: 'all',
        metrics: [
          { name: 'sentences', value: texts.length, count: true },
          { name: 'sentences skipped', value: skipped, count: true },
          { name: 'clean share', value: (texts.length - skipped) / texts.length, gated: true },
        ],
      }],
      misses,
      details: { sentences: texts.length, skipped, sentencesPerSecond: texts.length / seconds },
    };
  },
};
