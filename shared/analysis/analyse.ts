// The analysis of one article: actors (finding, then resolving), stance sentences, and an
// extractive summary, in the shape of DESIGN.md's "Analysis contract".

import { analyseActors } from './actors/index.js';
import { SkipLog } from './guard.js';
import { scoreStances } from './stances/index.js';
import { summarise } from './summary.js';
import { readText } from './text/document.js';
import type { ExtractedArticle } from '../article.js';
import type { Analysis } from './types.js';

export interface AnalyseOptions {
  /** The headline: actors named in it gain salience. */
  title?: string | null;
  /** Summary length in sentences. */
  summarySentences?: number;
  /**
   * When the article was published (ISO date or timestamp). People the text does not place act for
   * the government they served that day, as far as PETRARCH2's dictionaries know (up to early 2015).
   */
  date?: string | null;
}

export const DEFAULT_SUMMARY_SENTENCES = 3;

/** Never throws on text: a sentence that trips a rule is skipped, and listed in `skipped`. */
export function analyse(text: string, opts: AnalyseOptions = {}): Analysis {
  const skips = new SkipLog();
  const doc = readText(text); // the one reading every stage shares
  const actorAnalysis = analyseActors(text, { title: opts.title ?? undefined, sentences: doc.sentences, date: opts.date ?? undefined }, skips);
  const stances = scoreStances(actorAnalysis, skips, doc.sentences);
  const k = opts.summarySentences ?? DEFAULT_SUMMARY_SENTENCES;
  const summary = skips.sentence('summary', -1, () => summarise(actorAnalysis, stances, k), []);
  return { actors: actorAnalysis.actors, stances, summary, skipped: skips.skipped };
}

/**
 * The process stage's analyser: English articles (or ones whose language the page does not say)
 * are analysed; others are kept as processed, unanalysed, since the lexicons and rules are English
 * and would only produce noise.
 */
export function analyseArticle(article: Pick<ExtractedArticle, 'text' | 'title' | 'lang'> & { publishedTime?: string | null }): Analysis | undefined {
  if (article.lang && !/^en\b/i.test(article.lang)) return undefined;
  return analyse(article.text, { title: article.title, date: article.publishedTime });
}
