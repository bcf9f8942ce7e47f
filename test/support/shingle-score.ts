// Typed access to the extraction dev set and its scorer, both kept outside the repo in
// ../shared/extraction-dev (CI has it). The scorer is the project's reference implementation
// (a port of scrapinghub/article-extraction-benchmark's evaluate.py), so it is imported, not
// copied: a copy could drift from the numbers everyone else quotes.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const devSetDir = path.resolve(repoRoot, '../shared/extraction-dev');

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
  const missing = ['html', 'truth', 'score.mjs'].filter((p) => !fs.existsSync(path.join(dir, p)));
  if (missing.length) {
    throw new Error(
      `extraction dev set not found: expected ${missing.join(', ')} in ${dir} ` +
        '(a checkout of the shared folder next to the repo; CI provides it)',
    );
  }
}

export function loadDevPages(dir = devSetDir): DevPage[] {
  assertDevSetPresent(dir);
  return fs
    .readdirSync(path.join(dir, 'html'))
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.html'.length);
      const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth', `${id}.json`), 'utf8')) as {
        url: string;
        articleBody: string;
      };
      return { id, url: truth.url, html: fs.readFileSync(path.join(dir, 'html', f), 'utf8'), truth: truth.articleBody };
    });
}

/** Macro P/R/F1 over pages, exactly as score.mjs computes it (no bootstrap). */
export async function scorePredictions(
  pages: readonly DevPage[],
  predictions: Readonly<Record<string, string>>,
  dir = devSetDir,
): Promise<{ metrics: ShingleMetrics; perPage: PageScore[] }> {
  assertDevSetPresent(dir);
  const scorer = (await import(pathToFileURL(path.join(dir, 'score.mjs')).href)) as ScorerModule;
  const truth = Object.fromEntries(pages.map((p) => [p.id, p.truth]));
  return scorer.evaluate(truth, { ...predictions }, { nBootstrap: 0 });
}
