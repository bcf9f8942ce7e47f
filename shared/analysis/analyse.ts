// The analysis of one article: actors (finding, then resolving), stance sentences, and an
// extractive summary, in the shape of DESIGN.md's "Analysis contract".

import { analyseActors } from './actors.js';
import { scoreStances } from './stances.js';
import { summarise } from './summary.js';
import type { ExtractedArticle } from '../article.js';
import type { Analysis } from './types.js';

export interface AnalyseOptions {
  /** The headline: actors named in it gain salience. */
  title?: string | null;
  /** Summary length in sentences. */
  summarySentences?: number;
}

export const DEFAULT_SUMMARY_SENTENCES = 3;

export function analyse(text: string, opts: AnalyseOptions = {}): Analysis {
  const actorAnalysis = analyseActors(text, { title: opts.title ?? undefined });
  const stances = scoreStances(actorAnalysis);
  const summary = summarise(actorAnalysis, stances, opts.summarySentences ?? DEFAULT_SUMMARY_SENTENCES);
  return { actors: actorAnalysis.actors, stances, summary };
}

/**
 * The process stage's analyser: English articles (or ones whose language the page does not say)
 * are analysed; others are kept as processed, unanalysed, since the lexicons and rules are English
 * and would only produce noise.
 */
export function analyseArticle(article: Pick<ExtractedArticle, 'text' | 'title' | 'lang'>): Analysis | undefined {
  if (article.lang && !/^en\b/i.test(article.lang)) return undefined;
  return analyse(article.text, { title: article.title });
}
