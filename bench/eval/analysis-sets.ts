// The hand-annotated article sets: the shared corpus and the team's own fixtures, each article
// analysed in process and scored with the shared folder's score-analysis.mjs.

import { join } from 'node:path';
import { annotatedArticles, loadAnalysisScorer, scoreArticle, type AnalysisScore } from '../../scoring/annotated.js';
import type { EvalContext, EvalSection, Metric, Row, SectionResult } from './section.js';

const SCORER = 'eval/score-analysis.mjs';

interface AnnotatedSetOptions {
  name: string;
  description: string;
  /** The folder of NAME.txt + NAME.gold.json pairs. */
  dir(ctx: EvalContext): string;
  needs: readonly string[];
  /**
   * Whether each article's actor and stance F1 keep a floor here. The fixtures' per-article floors
   * live in test/analysis/quality-floors.json, where npm test enforces them without the shared folder.
   */
  gateArticles: boolean;
}

/** Mean of a figure over articles: every article weighs the same, however many stances it has. */
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export function annotatedSet(opts: AnnotatedSetOptions): EvalSection {
  return {
    name: opts.name,
    description: opts.description,
    needs: [...opts.needs, SCORER],
    async run(ctx) {
      const dir = opts.dir(ctx);
      const articles = annotatedArticles(dir);
      if (!articles.length) throw new Error(`no annotated articles (NAME.txt beside NAME.gold.json) in ${dir}`);
      const score = await loadAnalysisScorer(join(ctx.sharedDir, SCORER));
      const scored = articles.map((a) => ({ name: a.name, result: scoreArticle(a, score) }));
      return resultOf(scored, opts.gateArticles);
    },
  };
}

function resultOf(scored: readonly { name: string; result: AnalysisScore }[], gateArticles: boolean): SectionResult {
  const rows: Row[] = scored.map(({ name, result }) => ({
    name,
    metrics: [
      { name: 'actor F1', value: result.actors.f1, gated: gateArticles },
      { name: 'stance F1', value: result.stances.f1, gated: gateArticles },
    ],
  }));
  const avg = (pick: (r: AnalysisScore) => number) => mean(scored.map((s) => pick(s.result)));
  const meanMetrics: Metric[] = [
    { name: 'actor P', value: avg((r) => r.actors.precision) },
    { name: 'actor R', value: avg((r) => r.actors.recall) },
    { name: 'actor F1', value: avg((r) => r.actors.f1), gated: true },
    { name: 'stance P', value: avg((r) => r.stances.precision) },
    { name: 'stance R', value: avg((r) => r.stances.recall) },
    { name: 'stance F1', value: avg((r) => r.stances.f1), gated: true },
  ];
  rows.push({ name: 'mean', metrics: meanMetrics });

  const misses = scored.flatMap(({ name, result }) => [
    ...result.actors.missed.map((m) => `${name}: missed actor ${m}`),
    ...result.stances.missed.map((m) => `${name}: missed stance ${m}`),
    ...result.stances.wrong.map((m) => `${name}: wrong stance ${m}`),
  ]);
  const articles = Object.fromEntries(scored.map(({ name, result }) => [name, {
    actors: { precision: result.actors.precision, recall: result.actors.recall, f1: result.actors.f1 },
    stances: {
      precision: result.stances.precision, recall: result.stances.recall, f1: result.stances.f1,
      requiredMatched: result.stances.requiredMatched, required: result.stances.required, predicted: result.stances.predicted,
    },
  }]));
  return { rows, misses, details: { articles } };
}

export const corpus = annotatedSet({
  name: 'corpus',
  description: "the shared corpus's hand-annotated articles (actors and stances, score-analysis.mjs)",
  dir: (ctx) => join(ctx.sharedDir, 'corpus'),
  needs: ['corpus'],
  gateArticles: true,
});

export const fixtures = annotatedSet({
  name: 'fixtures',
  description: "the team's annotated fixtures in test/fixtures/analysis (actors and stances, score-analysis.mjs)",
  dir: (ctx) => join(ctx.repoRoot, 'test/fixtures/analysis'),
  needs: [],
  gateArticles: false,
});
