// The process stage's engine as shipped: Readability extraction and the article analysis. Its own
// module, imported only by the process function and the local runtime, so the other bundles do not
// carry the analysis.

import { analyseArticle } from '../analysis/analyse.js';
import { extractArticle } from '../extract/index.js';
import type { Analyser } from '../pipeline/process-stage.js';
import type { ProcessEngine } from './wiring.js';

/**
 * `analyse`: undefined for the shipped analysis, null for none, or a stand-in (tests); only the
 * shipped analysis feeds the day's contributions.
 */
export function processEngine(analyse?: Analyser | null): ProcessEngine {
  return {
    extract: (html, url) => extractArticle(html, url),
    analyse: analyse === null ? undefined : analyse ?? ((article) => analyseArticle(article)),
    aggregate: analyse === undefined,
  };
}
