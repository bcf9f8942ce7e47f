// Hand-annotated articles (NAME.txt beside NAME.gold.json) and the team's analysis scorer's result
// shape. Shared by npm run eval's corpus and fixtures sets and by test/analysis/quality.test.ts,
// which scores the team's fixtures with the vendored copy of the same scorer.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyse } from '../shared/analysis/analyse.js';

export interface AnnotatedArticle {
  name: string;
  textFile: string;
  goldFile: string;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

/** What score-analysis.mjs's `score(gold, prediction)` returns (the parts read here). */
export interface AnalysisScore {
  actors: PRF & { missed: string[]; extra: string[]; duplicates: string[] };
  stances: PRF & { requiredMatched: number; required: number; predicted: number; missed: string[]; wrong: string[] };
}

export type AnalysisScoreFn = (gold: unknown, prediction: unknown) => AnalysisScore;

/** The annotated articles of a folder: NAME.txt beside NAME.gold.json (the gold may name its text). */
export function annotatedArticles(dir: string): AnnotatedArticle[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .map((f) => {
      const name = basename(f, '.gold.json');
      const gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { text?: string };
      return { name, textFile: join(dir, gold.text ?? `${name}.txt`), goldFile: join(dir, f) };
    })
    .filter((a) => existsSync(a.textFile))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Imports a copy of score-analysis.mjs (the shared original or the vendored one) and returns its `score`. */
export async function loadAnalysisScorer(file: string): Promise<AnalysisScoreFn> {
  const mod = (await import(pathToFileURL(file).href)) as { score?: unknown };
  if (typeof mod.score !== 'function') throw new Error(`${file} exports no score(gold, prediction) function`);
  return mod.score as AnalysisScoreFn;
}

/** Analyses one annotated article in process and scores it against its gold. */
export function scoreArticle(article: AnnotatedArticle, score: AnalysisScoreFn): AnalysisScore {
  const gold: unknown = JSON.parse(readFileSync(article.goldFile, 'utf8'));
  return score(gold, analyse(readFileSync(article.textFile, 'utf8')));
}
