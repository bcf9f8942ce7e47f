// Analysis quality on every hand-annotated article, scored by the team's scorer. Each article's
// actor and stance F1 must stay at or above its floor in quality-floors.json: floors are raised
// when the analyser improves and never lowered. The seed article also carries the goals.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { annotatedArticles, EVAL_SETS, SCORER } from '../../bench/eval.js';
import { analyse } from '../../shared/analysis/analyse.js';

type Scores = { actors: { f1: number }; stances: { f1: number } };
type ScoreFn = (gold: unknown, prediction: unknown) => Scores;

const floors = JSON.parse(readFileSync(join(import.meta.dirname, 'quality-floors.json'), 'utf8')) as Record<string, { actorF1: number; stanceF1: number }>;
/** The goals for the seed article. */
const SEED_GOALS = { actorF1: 0.9, stanceF1: 0.8 };

let score: ScoreFn;
beforeAll(async () => {
  if (!existsSync(SCORER)) throw new Error(`the team scorer is missing at ${SCORER}: ../shared must sit beside the checkout`);
  score = ((await import(pathToFileURL(SCORER).href)) as { score: ScoreFn }).score;
});

const articles = [...annotatedArticles(EVAL_SETS.corpus), ...annotatedArticles(EVAL_SETS.fixtures)];

describe('analysis quality against hand annotations', () => {
  it('covers every annotated article with a floor', () => {
    expect(articles.length).toBeGreaterThanOrEqual(17);
    expect(articles.map((a) => a.name).filter((n) => !floors[n])).toEqual([]);
  });

  it.each(articles.map((a) => [a.name, a] as const))('%s stays at or above its floors', (name, a) => {
    const gold = JSON.parse(readFileSync(a.goldFile, 'utf8'));
    const result = score(gold, analyse(readFileSync(a.textFile, 'utf8')));
    const floor = floors[name];
    expect(result.actors.f1, 'actor F1').toBeGreaterThanOrEqual(floor.actorF1);
    expect(result.stances.f1, 'stance F1').toBeGreaterThanOrEqual(floor.stanceF1);
    if (name === 'seed-russia-venezuela') {
      expect(result.actors.f1, 'actor F1 goal').toBeGreaterThanOrEqual(SEED_GOALS.actorF1);
      expect(result.stances.f1, 'stance F1 goal').toBeGreaterThanOrEqual(SEED_GOALS.stanceF1);
    }
  });
});
