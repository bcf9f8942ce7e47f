// Extraction speed, memory and quality over the 50-page dev set (test/fixtures/extraction-dev), for
// each DOM under Readability. A measurement, not a test: nothing here fails on a slow machine.
//
//   npx tsx bench/extraction.ts
//
// Each DOM gets one untimed warm-up pass over all pages (JIT, lazy requires), then `rounds`
// timed passes (3 by default: the build machine is shared, and one 50-page pass is short enough
// for a neighbour's burst to move it by a third). Per-page times from every pass feed p50/p95.
// RSS is sampled after every page of the timed passes. linkedom runs first: RSS rarely
// shrinks once jsdom has grown the heap, so jsdom's peak includes whatever linkedom left.

import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { ExtractionError } from '../shared/errors.js';
import { extractArticle, type DomName } from '../shared/extract/index.js';
import { devSetDir as defaultDevSetDir, loadDevPages, scorePredictions, type DevPage } from '../scoring/extraction-dev.js';

export interface DomBenchResult {
  dom: DomName;
  pages: number;
  rounds: number;
  pagesPerSecond: number;
  msP50: number;
  msP95: number;
  msMax: number;
  f1: number;
  precision: number;
  recall: number;
  /** Pages that ended in ExtractionError (scored as empty text) or fell back to degraded mode. */
  extractionErrors: number;
  degraded: number;
  peakRssMb: number;
}

export interface ExtractionBenchResult {
  devSetDir: string;
  /** 1-minute load average when the run started, with the core count: the machine is shared. */
  loadAverage: number;
  cores: number;
  /** Plain Readability textContent over linkedom, no preclean: the F1 to beat. */
  readabilityBaselineF1: number;
  results: DomBenchResult[];
}

const mb = (bytes: number): number => bytes / 2 ** 20;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function extractText(page: DevPage, dom: DomName): { text: string; degraded: boolean; failed: boolean } {
  try {
    const a = extractArticle(page.html, page.url, { dom });
    return { text: a.text, degraded: a.extractor === 'degraded', failed: false };
  } catch (err: unknown) {
    if (err instanceof ExtractionError) return { text: '', degraded: false, failed: true };
    throw err;
  }
}

async function benchDom(pages: readonly DevPage[], dom: DomName, rounds: number): Promise<DomBenchResult> {
  for (const page of pages) extractText(page, dom); // warm-up

  const texts: Record<string, string> = {};
  const times: number[] = [];
  let degraded = 0;
  let failed = 0;
  let peakRss = process.memoryUsage.rss();
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    degraded = 0;
    failed = 0;
    for (const page of pages) {
      const t0 = performance.now();
      const r = extractText(page, dom);
      times.push(performance.now() - t0);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      texts[page.id] = r.text;
      if (r.degraded) degraded++;
      if (r.failed) failed++;
    }
  }
  const seconds = (performance.now() - started) / 1000;

  const { metrics } = await scorePredictions(pages, texts);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    dom,
    pages: pages.length,
    rounds,
    pagesPerSecond: (pages.length * rounds) / seconds,
    msP50: percentile(sorted, 50),
    msP95: percentile(sorted, 95),
    msMax: sorted[sorted.length - 1] ?? NaN,
    f1: metrics.f1,
    precision: metrics.precision,
    recall: metrics.recall,
    extractionErrors: failed,
    degraded,
    peakRssMb: mb(peakRss),
  };
}

async function readabilityBaseline(pages: readonly DevPage[]): Promise<number> {
  const texts: Record<string, string> = {};
  for (const page of pages) {
    const { document } = parseHTML(page.html) as unknown as { document: Document };
    texts[page.id] = new Readability(document).parse()?.textContent ?? '';
  }
  return (await scorePredictions(pages, texts)).metrics.f1;
}

export async function benchExtraction(
  opts: { doms?: DomName[]; devSetDir?: string; rounds?: number; print?: boolean } = {},
): Promise<ExtractionBenchResult> {
  const dir = opts.devSetDir ?? defaultDevSetDir;
  const print = opts.print ?? true;
  const loadAverage = os.loadavg()[0];
  const pages = loadDevPages(dir);
  const baseline = await readabilityBaseline(pages);
  const results: DomBenchResult[] = [];
  const rounds = Math.max(1, opts.rounds ?? 3);
  for (const dom of opts.doms ?? (['linkedom', 'jsdom'] as const)) results.push(await benchDom(pages, dom, rounds));

  const out: ExtractionBenchResult = {
    devSetDir: dir,
    loadAverage,
    cores: os.cpus().length,
    readabilityBaselineF1: baseline,
    results,
  };
  if (print) {
    console.log(
      `${pages.length} pages from ${dir}, ${rounds} timed passes per DOM after a warm-up; ` +
        `load average ${loadAverage.toFixed(2)} on ${out.cores} cores`,
    );
    console.log(`plain Readability textContent (linkedom, no preclean): F1 ${baseline.toFixed(4)}`);
    for (const r of results) {
      console.log(
        `${r.dom.padEnd(8)}  ${r.pagesPerSecond.toFixed(1).padStart(6)} pages/s  ` +
          `p50 ${r.msP50.toFixed(1)} ms  p95 ${r.msP95.toFixed(1)} ms  max ${r.msMax.toFixed(1)} ms  ` +
          `F1 ${r.f1.toFixed(4)} (P ${r.precision.toFixed(4)} R ${r.recall.toFixed(4)})  ` +
          `degraded ${r.degraded}  errors ${r.extractionErrors}  peak RSS ${r.peakRssMb.toFixed(0)} MB`,
      );
    }
  }
  return out;
}

const invokedDirectly = process.argv[1] !== undefined && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (invokedDirectly) {
  benchExtraction().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
