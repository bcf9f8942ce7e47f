// Actor name mentions on news the analyser was not tuned on: GUM's Wikinews documents
// (bench/eval/data/gum-news/, CC BY; see its README for the source, the licence and the rules that
// make CoNLL-2003-style PER/ORG/LOC name spans of GUM's entities). Each document is analysed in
// process; its actors' mentions that are names are compared with the gold spans, strictly (same
// start and end, and same type for the typed figures; see gum/score.ts).
//
// Two splits: dev is for tuning rules (bench/eval/gum/errors.ts lists its misses), test is reported
// as unseen, so its errors are never listed, here or anywhere: --misses shows dev only.

import { join } from 'node:path';
import { evaluateSplit, GOLD_TYPES, lineAround, loadSplit, scoreSplit, type SplitScore } from './gum/score.js';
import type { EvalSection, Metric, Row } from './section.js';

export const DATA_DIR = 'bench/eval/data/gum-news';

function rowOf(split: 'dev' | 'test', s: SplitScore): Row {
  const gated = split === 'test';
  const metrics: Metric[] = [
    { name: 'documents', value: s.docs, count: true },
    { name: 'gold mentions', value: s.typed.gold, count: true },
    { name: 'mention P', value: s.typed.precision },
    { name: 'mention R', value: s.typed.recall },
    { name: 'mention F1', value: s.typed.f1, gated },
    { name: 'span F1', value: s.span.f1 },
    ...GOLD_TYPES.map((t): Metric => ({ name: `${t} recall`, value: s.byType[t].recall, gated: gated && t === 'ORG' })),
  ];
  return { name: `gum-news ${split}`, metrics };
}

export const mentions: EvalSection = {
  name: 'mentions',
  description: 'actor name mentions (PER/ORG/LOC, strict spans) on GUM Wikinews documents, dev and unseen test splits',
  needs: [],
  async run(ctx) {
    const dataDir = join(ctx.repoRoot, DATA_DIR);
    const rows: Row[] = [];
    const misses: string[] = [];
    const details: Record<string, unknown> = {};
    for (const split of ['dev', 'test'] as const) {
      const results = evaluateSplit(loadSplit(dataDir, split));
      const score = scoreSplit(results);
      rows.push(rowOf(split, score));
      details[split] = score;
      if (split !== 'dev') continue;
      for (const r of results) {
        for (const e of r.missed) misses.push(`dev ${r.doc.id}: missed ${e.type} "${e.text}" in: ${lineAround(r.doc.text, e.start, e.end)}`);
        for (const p of r.spurious) misses.push(`dev ${r.doc.id}: spurious ${p.type} "${p.text}" (${p.actor}) in: ${lineAround(r.doc.text, p.start, p.end)}`);
      }
    }
    misses.push('test: errors withheld on purpose (an unseen split); tune on dev with npx tsx bench/eval/gum/errors.ts');
    return { rows, misses, details };
  },
};
