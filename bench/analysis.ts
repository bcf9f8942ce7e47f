// Analysis speed: sentences/s and articles/s in one process over every annotated article (the
// corpus and the team's fixtures), after a warm-up, with the peak RSS seen during the loop.

import { readFileSync } from 'node:fs';
import { annotatedArticles, EVAL_SETS } from './eval.js';
import { analyse } from '../shared/analysis/analyse.js';
import { splitSentences } from '../shared/analysis/sentences.js';

export interface AnalysisBenchResult {
  articles: number;
  sentences: number;
  sentencesPerSecond: number;
  articlesPerSecond: number;
  msPerArticleP50: number;
  peakRssMb: number;
}

export function benchAnalysis(passes = 10): AnalysisBenchResult {
  const texts = [...annotatedArticles(EVAL_SETS.corpus), ...annotatedArticles(EVAL_SETS.fixtures)].map((a) => readFileSync(a.textFile, 'utf8'));
  const sentences = texts.reduce((n, t) => n + splitSentences(t).length, 0);
  for (const t of texts) analyse(t); // warm-up: lexicons, gazetteer, JIT
  let peak = process.memoryUsage().rss;
  const perArticle: number[] = [];
  const started = performance.now();
  for (let p = 0; p < passes; p++) {
    for (const t of texts) {
      const t0 = performance.now();
      analyse(t);
      perArticle.push(performance.now() - t0);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  perArticle.sort((a, b) => a - b);
  return {
    articles: texts.length,
    sentences,
    sentencesPerSecond: (sentences * passes) / seconds,
    articlesPerSecond: (texts.length * passes) / seconds,
    msPerArticleP50: perArticle[Math.floor(perArticle.length / 2)],
    peakRssMb: peak / 2 ** 20,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchAnalysis());
