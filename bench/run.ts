// npm run bench: prints the speed and memory figures the issues set goals for. These are
// measurements, not tests: nothing here fails on a slow machine.

import { benchExtraction } from './extraction.js';
import { benchEndToEnd } from './end-to-end.js';
import { benchAnalysis } from './analysis.js';
import { benchDigest, formatDigestBenchRow } from './digest.js';
import { benchSyntaxIsolated, formatSyntaxBench } from './syntax.js';
import { benchProcessColdStart, formatBundleBench } from './bundle.js';
import { formatCostReport, runCostMeter } from './cost.js';
import { benchFeedParse, benchFeedPolling, formatFeedBench } from './feeds.js';

const fmt = (n: number, d = 1) => n.toFixed(d);

async function main(): Promise<void> {
  // End to end first: jsdom's heap, once grown, would inflate its peak RSS figure.
  console.log('== end to end, local pipeline (goal: >= 40 articles/s with analysis on 2 cores)');
  for (const analyse of [false, true]) {
    const e2e = await benchEndToEnd(200, { analyse });
    console.log(`${analyse ? 'with analysis and the day contribution' : 'fetch + extract only (issue 2 path)'}: `
      + `${e2e.articles} articles from POST /ingest to done in ${fmt(e2e.seconds, 2)} s, `
      + `${fmt(e2e.articlesPerSecond)} articles/s (${e2e.processed} done, ${e2e.failed} failed), peak RSS ${fmt(e2e.peakRssMb, 0)} MB`);
  }
  console.log('\n== extraction over test/fixtures/extraction-dev (goal: >= 80 pages/s with linkedom, F1 >= 0.961)');
  await benchExtraction();

  console.log('\n== analysis: actors, stances, summary (goal: >= 2,000 sentences/s in one process)');
  const a = benchAnalysis();
  console.log(`${a.articles} annotated articles, ${a.sentences} sentences: ${fmt(a.sentencesPerSecond, 0)} sentences/s, `
    + `${fmt(a.articlesPerSecond)} articles/s, p50 ${fmt(a.msPerArticleP50, 2)} ms/article, peak RSS ${fmt(a.peakRssMb, 0)} MB`);

  console.log('\n== tagger, lemmatizer and parser: model load and tokenise + tag + lemmatise + parse in one thread (a fresh process)');
  console.log(formatSyntaxBench(benchSyntaxIsolated()));

  console.log('\n== process Lambda bundle: cold init with the syntax model (synthesised with bundling, as deployed)');
  console.log(formatBundleBench(benchProcessColdStart()));

  console.log('\n== digest: one contribution per article, the day built from them (goals: 10,000 in <= 5 s, 100,000 in <= 60 s, digest <= 300 KB)');
  await benchDigest({ onRow: (r) => console.log(formatDigestBenchRow(r)) });

  console.log('\n== feeds: parse time of a 1,000-entry feed, and feeds polled per second by one poller round');
  console.log(formatFeedBench(benchFeedParse(), await benchFeedPolling()));

  // Fewer articles than `npm run bench:cost` (500) to keep the bench short; the fixed and
  // per-batch costs weigh a little more per article in a shorter run.
  console.log('\n== AWS cost per 1,000 articles: 100 articles through the local pipeline, metered (npm run bench:cost for 500)');
  console.log(formatCostReport(await runCostMeter({ articles: 100 })));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
