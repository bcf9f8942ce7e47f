// The process function's cold start as Lambda would see it: the stack synthesised with bundling
// on (infra/bundles.ts), then the bundle imported in fresh Node.js processes with the function's
// environment. Its init reads the syntax model, so the figure includes it.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { synthBundles } from '../infra/bundles.js';

export interface BundleBenchResult {
  bundleMb: number;
  assetMb: number;
  /** Median of the runs: import of index.mjs until the handler is exported. */
  importMs: number;
  /** Median: from the Node.js process's start to the handler exported. */
  sinceStartMs: number;
  runs: number;
  loadAverage: number;
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
}

export function benchProcessColdStart(runs = 5): BundleBenchResult {
  const outdir = mkdtempSync(join(os.tmpdir(), 'newsdigest-bench-bundles-'));
  try {
    const bundle = synthBundles(outdir).find((b) => b.logicalId.startsWith('FunctionsProcess'));
    if (!bundle) throw new Error('the stack has no process function');
    const index = join(bundle.dir, 'index.mjs');
    const script = `const t0 = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(index).href)});`
      + 'if (typeof m.handler !== "function") throw new Error("no handler");'
      + 'console.log(JSON.stringify({ importMs: performance.now() - t0, sinceStartMs: performance.now() }));';
    const loadAverage = os.loadavg()[0];
    const samples = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_REGION: 'us-east-1', ...bundle.environment },
      encoding: 'utf8',
    }).trim()) as { importMs: number; sinceStartMs: number });
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return {
      bundleMb: statSync(index).size / 1e6,
      assetMb: folderBytes(bundle.dir) / 1e6,
      importMs: median(samples.map((s) => s.importMs)),
      sinceStartMs: median(samples.map((s) => s.sinceStartMs)),
      runs,
      loadAverage,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function formatBundleBench(r: BundleBenchResult): string {
  return `process bundle ${r.bundleMb.toFixed(2)} MB (asset with the model ${r.assetMb.toFixed(2)} MB): cold init ${r.importMs.toFixed(0)} ms `
    + `to import it with the model read (${r.sinceStartMs.toFixed(0)} ms from process start), median of ${r.runs}; `
    + `load average ${r.loadAverage.toFixed(2)} on ${os.cpus().length} cores`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(formatBundleBench(benchProcessColdStart()));
