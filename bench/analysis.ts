// Analysis speed: sentences/s and articles/s in one process over every annotated article (the
// team's fixtures, and the shared corpus when the shared folder sits beside the checkout), after a
// warm-up, with the peak RSS seen during the loop.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotatedArticles } from '../scoring/annotated.js';
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

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'test/fixtures/analysis');
const CORPUS = resolve(ROOT, '../shared/corpus');

export function benchAnalysis(passes = 10): AnalysisBenchResult {
  const dirs = existsSync(CORPUS) ? [CORPUS, FIXTURES] : [FIXTURES];
  const texts = dirs.flatMap((d) => annotatedArticles(d)).map((a) => readFileSync(a.textFile, 'utf8'));
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
