// The Lambda bundles as they would be deployed: the stack synthesised with bundling on, each
// function's index.mjs loaded in a fresh Node.js process with that function's environment. A
// bundle that cannot load (a module esbuild could not bundle, a data file left out) fails here,
// not on AWS. The process function reads the syntax model at init, so loading it proves the
// model travels with the bundle.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthBundles, type FunctionBundle } from '../../infra/bundles.js';
import { PETRARCH_PEOPLE_RELATIVE_PATH } from '../../shared/analysis/data-location.js';
import { PAIR_MODEL_RELATIVE_PATH } from '../../shared/analysis/stances/learned/model.js';
import { SYNTAX_MODEL_RELATIVE_PATH } from '../../shared/analysis/syntax/model-path.js';

const outdir = mkdtempSync(join(tmpdir(), 'newsdigest-bundles-'));
let bundles: FunctionBundle[] = [];

beforeAll(() => { bundles = synthBundles(outdir); }, 240_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Imports a bundle in a fresh process with only the function's environment (and PATH, HOME). */
function load(bundle: FunctionBundle): { exported: string; ms: number } {
  const script = `const t0 = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(join(bundle.dir, 'index.mjs')).href)});`
    + 'console.log(JSON.stringify({ exported: typeof m.handler, ms: performance.now() - t0 }));';
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_REGION: 'us-east-1', ...bundle.environment },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!) as { exported: string; ms: number };
}

describe('Lambda bundles', () => {
  it('bundles the nine functions, the process function with the syntax model, the pair model and PETRARCH2\'s people beside its code', () => {
    expect(bundles.map((b) => b.logicalId.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'FunctionsApiFunction', 'FunctionsDeadLettersFunction', 'FunctionsDigestFunction', 'FunctionsFeedPollerFunction', 'FunctionsFeedsFunction',
      'FunctionsFetchFunction', 'FunctionsIngestFunction', 'FunctionsProcessFunction', 'FunctionsSweeperFunction',
    ]);
    for (const b of bundles) expect(existsSync(join(b.dir, 'index.mjs'))).toBe(true);
    const processBundle = bundles.find((b) => b.logicalId.startsWith('FunctionsProcess'))!;
    expect(existsSync(join(processBundle.dir, SYNTAX_MODEL_RELATIVE_PATH))).toBe(true);
    // Read lazily (the first person looked up, the first pair of actors), so loading the bundle
    // below would not notice them missing.
    expect(existsSync(join(processBundle.dir, PETRARCH_PEOPLE_RELATIVE_PATH))).toBe(true);
    expect(existsSync(join(processBundle.dir, PAIR_MODEL_RELATIVE_PATH))).toBe(true);
  });

  it('loads every bundle with its function\'s environment and finds the exported handler', () => {
    for (const b of bundles) expect(load(b).exported, b.logicalId).toBe('function');
  }, 60_000);
});
