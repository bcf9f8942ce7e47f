// Typed access to the extraction dev set and its scorer, both vendored into the repository so
// that a fresh clone can run them: the 50 pages in test/fixtures/extraction-dev (gzipped, with the
// benchmark's licence) and the team's port of the benchmark's evaluate.py in extraction-score.mjs.
// `npm run eval` checks that both are still identical to the shared folder's originals, so the
// numbers quoted here are the ones everyone else quotes.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const devSetDir = path.join(repoRoot, 'test/fixtures/extraction-dev');
const SCORER = path.join(repoRoot, 'scoring/extraction-score.mjs');

export interface ShingleMetrics {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
  n: number;
  missing: number;
}

export interface PageScore {
  id: string;
  precision: number | null;
  recall: number | null;
  f1: number;
}

interface ScorerModule {
  evaluate(
    truth: Record<string, string>,
    pred: Record<string, string>,
    opts?: { nBootstrap?: number; seed?: number },
  ): { metrics: ShingleMetrics; perPage: PageScore[] };
}

export interface DevPage {
  id: string;
  url: string;
  html: string;
  truth: string;
}

/** Fails with a message that says what is missing and where it was expected. */
export function assertDevSetPresent(dir = devSetDir): void {
  const missing = ['html', 'truth'].filter((p) => !fs.existsSync(path.join(dir, p)));
  if (missing.length) {
    throw new Error(
      `extraction dev set not found: expected ${missing.join(', ')} in ${dir} ` +
        '(the repository vendors it under test/fixtures/extraction-dev: is the checkout complete?)',
    );
  }
}

/** The pages of a dev set folder: html/<id>.html.gz beside truth/<id>.json. */
export function loadDevPages(dir = devSetDir): DevPage[] {
  assertDevSetPresent(dir);
  return fs
    .readdirSync(path.join(dir, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.html.gz'.length);
      const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth', `${id}.json`), 'utf8')) as {
        url: string;
        articleBody: string;
      };
      const html = gunzipSync(fs.readFileSync(path.join(dir, 'html', f))).toString('utf8');
      return { id, url: truth.url, html, truth: truth.articleBody };
    });
}

/** Macro P/R/F1 over pages, exactly as the scorer computes it (no bootstrap). */
export async function scorePredictions(
  pages: readonly DevPage[],
  predictions: Readonly<Record<string, string>>,
): Promise<{ metrics: ShingleMetrics; perPage: PageScore[] }> {
  const scorer = (await import(pathToFileURL(SCORER).href)) as ScorerModule;
  const truth = Object.fromEntries(pages.map((p) => [p.id, p.truth]));
  return scorer.evaluate(truth, { ...predictions }, { nBootstrap: 0 });
}
