// The stance-data scorers (score-plover.mjs, score-dsa.mjs) are command-line scripts with no
// exports: they write one text per record (--write-texts DIR), then score a folder of analyses
// named like the texts. Only the scorers run as child processes; the analysis runs here, in
// process, which is what keeps a thousand sentences to a few seconds.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyse } from '../../shared/analysis/analyse.js';
import type { EvalContext } from './section.js';

export class ScorerError extends Error {
  constructor(scorer: string, args: readonly string[], detail: string) {
    super(`${basename(scorer)} ${args.join(' ')} failed: ${detail}`);
    this.name = 'ScorerError';
  }
}

/** Runs a scorer script with Node and returns its standard output. */
function runScorer(scorer: string, args: readonly string[]): string {
  try {
    return execFileSync(process.execPath, [scorer, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err: unknown) {
    const e = err as { stderr?: string; message?: string };
    throw new ScorerError(scorer, args, (e.stderr || e.message || String(err)).trim());
  }
}

/** Parses the one JSON line a scorer prints with --json. */
function scorerJson<T>(scorer: string, args: readonly string[]): T {
  const out = runScorer(scorer, [...args, '--json']);
  try {
    return JSON.parse(out) as T;
  } catch {
    throw new ScorerError(scorer, [...args, '--json'], `printed no JSON: ${out.slice(0, 200)}`);
  }
}

/**
 * Has the scorer write its texts into `<workDir>/texts`, analyses each one in process into
 * `<workDir>/pred/<name>.json` (the shape `newsdigest analyze --out-dir` writes), and returns the
 * prediction folder and the number of texts.
 */
function analyseScorerTexts(scorer: string, data: string, workDir: string): { predDir: string; texts: number } {
  const textDir = join(workDir, 'texts');
  const predDir = join(workDir, 'pred');
  runScorer(scorer, [data, '--write-texts', textDir]);
  mkdirSync(predDir, { recursive: true });
  const files = readdirSync(textDir).filter((f) => f.endsWith('.txt'));
  if (!files.length) throw new ScorerError(scorer, [data, '--write-texts', textDir], 'wrote no texts');
  for (const f of files) {
    const analysis = analyse(readFileSync(join(textDir, f), 'utf8'));
    writeFileSync(join(predDir, `${basename(f, '.txt')}.json`), JSON.stringify(analysis));
  }
  return { predDir, texts: files.length };
}

/** The lines of a scorer's --misses output that `pattern` picks out (its other lines are the summary), trimmed. */
function missLines(output: string, pattern: RegExp): string[] {
  return output.split('\n').filter((l) => pattern.test(l)).map((l) => l.trim());
}

/**
 * The whole two-step run of a stance-data scorer on one data file of the shared folder: texts,
 * in-process analyses, the scorer's --json figures, and its --misses lines that `missPattern` picks.
 */
export function scoreWithScorer<T extends { missingFiles: number }>(
  ctx: EvalContext,
  scorerPath: string,
  dataPath: string,
  missPattern: RegExp,
): { score: T; misses: string[]; predDir: string; dataFile: string } {
  const scorer = join(ctx.sharedDir, scorerPath);
  const data = join(ctx.sharedDir, dataPath);
  const { predDir, texts } = analyseScorerTexts(scorer, data, ctx.workDir);
  const score = scorerJson<T>(scorer, [data, predDir]);
  if (score.missingFiles) throw new ScorerError(scorer, [data, predDir], `found no analysis for ${score.missingFiles} of ${texts} texts`);
  return { score, misses: missLines(runScorer(scorer, [data, predDir, '--misses']), missPattern), predDir, dataFile: data };
}
