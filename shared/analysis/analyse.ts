// The analysis of one article: actors (finding, then resolving), stance sentences, and an
// extractive summary, in the shape of DESIGN.md's "Analysis contract".

import { analyseActors } from './actors.js';
import { scoreStances } from './stances.js';
import { summarise } from './summary.js';
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
