// Digest bench: a day of 1,000 and one of 10,000 articles, generated from the analyses of the
// fixture articles (test/fixtures/analysis), added through DynamoAggregateStore.addArticle on
// embedded dynalite + s3rver, then the day's digest built and stored three times (median). It shows
// that the build reads a bounded number of items however many articles the day has; only the
// article lines (one per article, the contract) grow.
//
// Each generated article keeps its fixture's actors and stances (with its own id, URL and site),
// and gets a unique synthetic body for its fingerprint; every 20th article is a wire copy of the
// one before it (three words edited, another site), so near-duplicate detection runs as it would.
//
//   npx tsx bench/digest.ts            (also part of npm run bench)

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmbeddedAws } from '../local/embedded-aws.js';
import { S3BlobStore } from '../shared/adapters/s3-blob-store.js';
import { analyse } from '../shared/analysis/analyse.js';
import type { ArticleRecord } from '../shared/article.js';
import type { Analysis } from '../shared/analysis/types.js';
import { mapLimit } from '../shared/concurrency.js';
import { DynamoAggregateStore } from '../shared/adapters/dynamo-aggregate-store.js';
import { buildDigest } from '../shared/digest/build.js';
import { contributionOf, fingerprintOf, type Contribution } from '../shared/digest/contribution.js';
import { DIGEST_INLINE_MAX_BYTES, DigestStore } from '../shared/adapters/dynamo-digest-store.js';
import { buildAndStoreDigest } from '../shared/digest/service.js';
import type { DayAggregates } from '../shared/digest/types.js';
import { articleIdFor } from '../shared/url.js';
import { seededRandom } from '../shared/random.js';

const FIXTURES = fileURLToPath(new URL('../test/fixtures/analysis/', import.meta.url));
/** Articles added at once: like a few process functions running side by side. */
const ADD_CONCURRENCY = 16;
const WIRE_COPY_EVERY = 20;
const SITES = 40;

export interface DigestBenchRow {
  articles: number;
  /** addArticle throughput while filling the day, and DynamoDB requests per article. */
  addPerSecond: number;
  requestsPerArticle: number;
  duplicates: number;
  articleCount: number;
  /** Items the build's Query read, and of them the article lines and duplicate lists. */
  itemsRead: number;
  lineItems: number;
  requests: number;
  /** Median of the runs: the whole buildAndStoreDigest, and its parts. */
  buildMs: number;
  readMs: number;
  computeMs: number;
  digestKb: number;
  storedIn: 'item' | 'S3';
}

export interface DigestBenchOptions {
  sizes?: number[];
  runs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Called as each size is done (the 10,000 takes minutes on dynalite). */
  onRow?: (row: DigestBenchRow) => void;
}


const VOCABULARY = (() => {
  const rnd = seededRandom(7);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: 5_000 }, () => Array.from({ length: 3 + Math.floor(rnd() * 7) }, () => letters[Math.floor(rnd() * 26)]).join(''));
})();

function syntheticBody(rnd: () => number, words = 400): string[] {
  return Array.from({ length: words }, () => VOCABULARY[Math.floor(rnd() * VOCABULARY.length)]);
}

interface GoldFile {
  actors: { key: string; type: string; match: string[] }[];
  topActors: string[];
  stances: { sentence: string; source: string; target: string; polarity: -1 | 1 }[];
}

/**
 * The fixture's hand annotation as an Analysis, for when the analyser fails: gold actors (salience
 * by their rank in topActors), gold stances scored +-4 (the middle of the Goldstein scale).
 */
function goldAnalysis(text: string, gold: GoldFile): Analysis {
  const count = (forms: string[]) => forms.reduce((n, f) => n + (text.split(f).length - 1), 0);
  return {
    actors: gold.actors.map((a) => {
      const rank = gold.topActors.indexOf(a.key);
      const n = Math.max(1, count(a.match.filter((m) => m.length > 3)));
      return {
        id: a.key, name: a.match.find((m) => m.length > 3) ?? a.key, type: a.type as Analysis['actors'][number]['type'], aliases: [],
        mentions: Array.from({ length: n }, () => ({ start: 0, end: 0 })), salience: rank >= 0 ? 1 - rank * 0.2 : Math.min(0.5, n / 20),
      };
    }),
    stances: gold.stances.map((s, i) => ({
      sentence: i, text: s.sentence, source: s.source, target: s.target, polarity: s.polarity, score: 4 * s.polarity,
      category: s.polarity < 0 ? 'criticize' as const : 'support' as const, claim: null, confidence: 0.7,
    })),
    summary: text.split('\n').filter((l) => l.trim()).slice(1, 3),
  };
}

/** The analyses of the fixture articles: from the analyser, or from the hand annotation if it fails. */
export async function fixtureAnalyses(log: (line: string) => void): Promise<{ title: string; analysis: Analysis }[]> {
  const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.txt')).sort();
  const out: { title: string; analysis: Analysis }[] = [];
  for (const f of files) {
    const text = await readFile(path.join(FIXTURES, f), 'utf8');
    const title = text.split('\n', 1)[0];
    let analysis: Analysis;
    try {
      analysis = analyse(text, { title });
    } catch (err) {
      log(`  analyse failed on ${f} (${err instanceof Error ? err.message : String(err)}); using its gold annotation`);
      const gold = JSON.parse(await readFile(path.join(FIXTURES, f.replace(/\.txt$/, '.gold.json')), 'utf8')) as GoldFile;
      analysis = goldAnalysis(text, gold);
    }
    out.push({ title, analysis });
  }
  return out;
}

export function generateDay(day: string, n: number, fixtures: { title: string; analysis: Analysis }[]): Contribution[] {
  const rnd = seededRandom(n);
  const out: Contribution[] = [];
  let body: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = fixtures[i % fixtures.length];
    const site = `site${i % SITES}.example`;
    const url = `https://${site}/${day}/story-${i}`;
    if (i % WIRE_COPY_EVERY === WIRE_COPY_EVERY - 1) {
      for (const at of [50, 150, 250]) body[at] = 'edited';
    } else {
      body = syntheticBody(rnd);
    }
    const record: ArticleRecord = {
      id: articleIdFor(url), url, canonicalUrl: url, status: 'analyzed', day,
      createdAt: `${day}T08:00:00Z`, updatedAt: `${day}T08:00:00Z`, stages: { ingest: { at: `${day}T08:00:00Z` } },
      title: `${f.title} (${i})`, siteName: site, publishedTime: new Date(Date.parse(`${day}T00:00:00Z`) + i * 1000).toISOString(),
    };
    // The fixture's analysis, with a body of its own for the fingerprint (the fixture text would make every copy of it a duplicate).
    out.push({ ...contributionOf(record, f.analysis, ''), fingerprint: fingerprintOf(body.join(' ')) });
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchDigest(options: DigestBenchOptions = {}): Promise<DigestBenchRow[]> {
  const { sizes = [1_000, 10_000], runs = 3, log = () => {}, onRow = () => {} } = options;
  const fixtures = await fixtureAnalyses(log);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newsdigest-bench-digest-'));
  const aws = await startEmbeddedAws({ dataDir, tableName: 'newsdigest-bench', bucketName: 'newsdigest-bench' });
  try {
    let requests = 0;
    let retried = 0;
    aws.clients.dynamo.middlewareStack.add((next) => async (args) => {
      requests++;
      const out = await next(args);
      if (((out.output as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1) > 1) retried++;
      return out;
    }, { step: 'initialize', name: 'countRequests' });
    const aggregates = new DynamoAggregateStore(aws.clients.dynamo, 'newsdigest-bench');
    const digests = new DigestStore(aws.clients.dynamo, 'newsdigest-bench', new S3BlobStore(aws.clients.s3, 'newsdigest-bench'));
    const rows: DigestBenchRow[] = [];
    for (const [k, n] of sizes.entries()) {
      const day = `2026-11-${String(10 + k).padStart(2, '0')}`;
      const day1 = generateDay(day, n, fixtures);
      let duplicates = 0;
      let done = 0;
      const requestsBefore = requests;
      const retriedBefore = retried;
      const t0 = performance.now();
      await mapLimit(day1, ADD_CONCURRENCY, async (c) => {
        if ((await aggregates.addArticle(day, c)).duplicateOf) duplicates++;
        if (++done % 1000 === 0) log(`  ${day}: ${done}/${n} articles added`);
      });
      const addPerSecond = n / ((performance.now() - t0) / 1000);
      const requestsPerArticle = (requests - requestsBefore) / n;
      if (retried > retriedBefore) log(`  ${retried - retriedBefore} requests needed an SDK retry`);

      // The whole use case (read, build, store), and its read and compute parts on their own.
      let last: DayAggregates | undefined;
      const reader = { readDay: async (d: string) => (last = await aggregates.readDay(d)) };
      const total: number[] = [];
      const read: number[] = [];
      const compute: number[] = [];
      let digestBytes = 0;
      for (let r = 0; r < runs; r++) {
        const t1 = performance.now();
        const digest = await buildAndStoreDigest(day, { aggregates: reader, digests, clock: { now: () => new Date(`${day}T23:59:59Z`) } });
        total.push(performance.now() - t1);
        digestBytes = Buffer.byteLength(JSON.stringify(digest));
        const t2 = performance.now();
        const agg = await aggregates.readDay(day);
        read.push(performance.now() - t2);
        const t3 = performance.now();
        buildDigest(day, agg);
        compute.push(performance.now() - t3);
      }
      const agg = last!;
      const lineItems = (agg.stats.byKind?.LINE ?? 0) + (agg.stats.byKind?.DUPS ?? 0);
      const row: DigestBenchRow = {
        articles: n, addPerSecond, requestsPerArticle, duplicates, articleCount: agg.articleCount,
        itemsRead: agg.stats.items, lineItems, requests: agg.stats.requests,
        buildMs: median(total), readMs: median(read), computeMs: median(compute),
        digestKb: digestBytes / 1024, storedIn: digestBytes >= DIGEST_INLINE_MAX_BYTES ? 'S3' : 'item',
      };
      rows.push(row);
      onRow(row);
    }
    return rows;
  } finally {
    await aws.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function formatDigestBenchRow(r: DigestBenchRow): string {
  return `${r.articles.toLocaleString('en')} articles (${r.articleCount.toLocaleString('en')} counted, ${r.duplicates} wire copies): `
    + `addArticle ${r.addPerSecond.toFixed(1)} articles/s (${r.requestsPerArticle.toFixed(1)} requests each); digest build ${r.buildMs.toFixed(0)} ms median `
    + `(read ${r.readMs.toFixed(0)} ms, compute ${r.computeMs.toFixed(1)} ms), ${r.itemsRead} items read `
    + `(${r.itemsRead - r.lineItems} aggregate + ${r.lineItems} line/copy lists) in ${r.requests} requests, `
    + `digest ${r.digestKb.toFixed(0)} KB stored in ${r.storedIn}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Sizes may be given as arguments: npx tsx bench/digest.ts 1000 10000
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  console.log('== digest: build time for one day of 1,000 and 10,000 articles (goal: cost does not grow with articles)');
  benchDigest({ ...(sizes.length ? { sizes } : {}), log: (l) => console.error(l), onRow: (r) => console.log(formatDigestBenchRow(r)) })
    .catch((err) => { console.error(err); process.exitCode = 1; });
}
