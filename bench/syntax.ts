// Tagger, lemmatizer and parser speed: model load in a fresh process, and tokens/s of tokenise +
// tag + lemmatise + parse over the team's annotated articles in one thread, after a warm-up.
// Figures, not tests.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SYNTAX_MODEL_PATH, loadSyntaxModel, parseText, tagAndParse } from '../shared/analysis/syntax/index.js';
import { tokenize } from '../shared/analysis/syntax/tokenize.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEXTS = join(ROOT, 'test/fixtures/analysis');

export interface SyntaxBenchResult {
  modelMb: number;
  /** Reading and decoding the model in a fresh process, median of 3. */
  loadMs: number;
  sentences: number;
  tokens: number;
  tokensPerSecond: number;
  tokeniseTokensPerSecond: number;
  tagParseTokensPerSecond: number;
  loadAverage: number;
}

function coldLoadMs(modelPath: string): number {
  const script = `
    const { loadSyntaxModel } = await import(${JSON.stringify(join(ROOT, 'shared/analysis/syntax/index.ts'))});
    const t0 = performance.now();
    loadSyntaxModel(${JSON.stringify(modelPath)});
    console.log(performance.now() - t0);`;
  const runs = [0, 1, 2].map(() => Number(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' }).trim()));
  return runs.sort((a, b) => a - b)[1];
}

export function benchSyntax(modelPath = DEFAULT_SYNTAX_MODEL_PATH, minSeconds = 2): SyntaxBenchResult {
  const loadAverage = os.loadavg()[0];
  const loadMs = coldLoadMs(modelPath);
  const model = loadSyntaxModel(modelPath);
  const texts = readdirSync(TEXTS).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(TEXTS, f), 'utf8'));
  const tokenized = texts.map((t) => tokenize(t));
  const sentences = tokenized.reduce((n, s) => n + s.length, 0);
  const tokens = tokenized.reduce((n, s) => n + s.reduce((m, x) => m + x.tokens.reduce((k, t) => k + t.words.length, 0), 0), 0);
  for (let pass = 0; pass < 5; pass++) for (const t of texts) parseText(model, t); // warm-up: the JIT, the caches

  const timed = (work: () => void): number => {
    let passes = 0;
    const started = performance.now();
    do { work(); passes++; } while (performance.now() - started < minSeconds * 1000);
    return (tokens * passes) / ((performance.now() - started) / 1000);
  };
  const forms = tokenized.flatMap((s) => s.map((x) => x.tokens.flatMap((t) => t.words.map((w) => w.form))));
  return {
    modelMb: statSync(modelPath).size / 1e6,
    loadMs,
    sentences,
    tokens,
    tokensPerSecond: timed(() => { for (const t of texts) parseText(model, t); }),
    tokeniseTokensPerSecond: timed(() => { for (const t of texts) tokenize(t); }),
    tagParseTokensPerSecond: timed(() => { for (const f of forms) tagAndParse(model, f); }),
    loadAverage,
  };
}

export function formatSyntaxBench(r: SyntaxBenchResult): string {
  const k = (n: number) => `${Math.round(n).toLocaleString('en-US')}`;
  return `model ${r.modelMb.toFixed(2)} MB, cold load ${r.loadMs.toFixed(0)} ms (goal <= 150); `
    + `${r.sentences} sentences, ${k(r.tokens)} tokens: tokenise + tag + lemmatise + parse ${k(r.tokensPerSecond)} tokens/s in one thread `
    + `(goal >= 50,000; tokenise alone ${k(r.tokeniseTokensPerSecond)}, tag + lemmatise + parse alone ${k(r.tagParseTokensPerSecond)}); `
    + `load average ${r.loadAverage.toFixed(2)} on ${os.cpus().length} cores`;
}

/**
 * The same in a fresh process: the benchmarks before it leave this one with a heap of a gigabyte,
 * and the parser's speed is bound by memory latency, so it would measure them as much as itself.
 */
export function benchSyntaxIsolated(): SyntaxBenchResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--json'], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as SyntaxBenchResult;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const result = benchSyntax(args.find((a) => !a.startsWith('--')) ?? DEFAULT_SYNTAX_MODEL_PATH);
  console.log(args.includes('--json') ? JSON.stringify(result) : formatSyntaxBench(result));
}
