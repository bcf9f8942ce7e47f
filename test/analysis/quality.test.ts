// Analysis quality on the team's hand-annotated fixtures (test/fixtures/analysis), scored by the
// vendored copy of the team's scorer (scoring/score-analysis.mjs). Each article's actor and
// stance F1 must stay at or above its floor in quality-floors.json: floors are raised when the
// analyser improves and never lowered. The shared corpus's articles are scored, against their own
// floors, by `npm run eval` (bench/eval-floors.json), which needs the shared folder.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { annotatedArticles, loadAnalysisScorer, scoreArticle, type AnalysisScoreFn } from '../../scoring/annotated.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/analysis');
const SCORER = join(import.meta.dirname, '../../scoring/score-analysis.mjs');
const floors = JSON.parse(readFileSync(join(import.meta.dirname, 'quality-floors.json'), 'utf8')) as Record<string, { actorF1: number; stanceF1: number }>;

let score: AnalysisScoreFn;
beforeAll(async () => {
  score = await loadAnalysisScorer(SCORER);
});

const articles = annotatedArticles(FIXTURES);

describe('analysis quality against the team\'s hand annotations', () => {
  it('covers every annotated fixture with a floor, and every floor with a fixture', () => {
    expect(articles.length).toBeGreaterThanOrEqual(12);
    expect(articles.map((a) => a.name).filter((n) => !floors[n])).toEqual([]);
    expect(Object.keys(floors).filter((n) => !articles.some((a) => a.name === n))).toEqual([]);
  });

  it.each(articles.map((a) => [a.name, a] as const))('%s stays at or above its floors', (name, a) => {
    const result = scoreArticle(a, score);
    const floor = floors[name];
    expect(result.actors.f1, 'actor F1').toBeGreaterThanOrEqual(floor.actorF1);
    expect(result.stances.f1, 'stance F1').toBeGreaterThanOrEqual(floor.stanceF1);
  });
});
