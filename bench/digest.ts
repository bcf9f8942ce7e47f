// Digest bench: days of 1,000, 10,000 and 100,000 articles, generated from the analyses of the
// fixture articles (test/fixtures/analysis), each stored as its one contribution item
// (DynamoContributionStore.addArticle) on embedded dynalite + s3rver; then the day's digest built
// and stored (the median of 3 builds; one at 100,000). It prints what the build reads (items,
// bytes, requests, the RRU DynamoDB would bill), its time, the main thread's peak heap during the
// build (the embedded servers' thread not included), and the digest's size.
//
// Each generated article keeps its fixture's actors and stances (with its own id, URL and site),
// and gets a unique synthetic body for its fingerprint; every 20th article is a wire copy of the
// one before it (three words edited, another site), so near-duplicate detection runs as it would.
//
//   npx tsx bench/digest.ts [sizes...]     (also part of npm run bench)

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
import { DynamoActorDayStore } from '../shared/adapters/dynamo-actor-day-store.js';
import { contributionItem, DynamoContributionStore, itemSize } from '../shared/adapters/dynamo-contribution-store.js';
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
/** Articles generated and stored at a time, so the bench itself never holds a whole big day. */
const GENERATE_CHUNK = 2_000;
/** DynamoDB bills reads by 4 KB of the items read (before any projection), half for eventually consistent ones. */
const RCU_BYTES = 4096;
const WCU_BYTES = 1024;

export interface DigestBenchRow {
  articles: number;
  /** Contribution writes while filling the day: articles/s, WRU per article (one Put each). */
  addPerSecond: number;
  wruPerArticle: number;
  duplicates: number;
  articleCount: number;
  /** What the build read: items, bytes of the items, Query requests, and the RRU billed. */
  itemsRead: number;
  mbRead: number;
  requests: number;
  rru: number;
  /** Median of the runs: the whole buildAndStoreDigest. */
  buildMs: number;
  /** The main thread's peak heap and ArrayBuffers during a build, above what it held before. */
  peakHeapMb: number;
  digestKb: number;
  storedIn: 'item' | 'S3';
  articlePages: number;
}

export interface DigestBenchOptions {
  sizes?: number[];
  runs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Called as each size is done (the 100,000 takes minutes on dynalite). */
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

/** A day of `n` generated contributions, `GENERATE_CHUNK` at a time. */
export function* generateDay(day: string, n: number, fixtures: { title: string; analysis: Analysis }[]): Generator<Contribution[]> {
  const rnd = seededRandom(n);
  let chunk: Contribution[] = [];
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
    const at = new Date(Date.parse(`${day}T00:00:00Z`) + Math.floor((i * 86_400_000) / n)).toISOString();
    const record: ArticleRecord = {
      id: articleIdFor(url), url, canonicalUrl: url, status: 'analyzed', day,
      createdAt: at, updatedAt: at, stages: { ingest: { at } },
      title: `${f.title} (${i})`, siteName: site, publishedTime: at,
    };
    // The fixture's analysis, with a body of its own for the fingerprint (the fixture text would make every copy of it a duplicate).
    chunk.push({ ...contributionOf(record, f.analysis, ''), fingerprint: fingerprintOf(body.join(' ')) });
    if (chunk.length === GENERATE_CHUNK) { yield chunk; chunk = []; }
  }
  if (chunk.length) yield chunk;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchDigest(options: DigestBenchOptions = {}): Promise<DigestBenchRow[]> {
  const { sizes = [1_000, 10_000, 100_000], runs = 3, log = () => {}, onRow = () => {} } = options;
  const fixtures = await fixtureAnalyses(log);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newsdigest-bench-digest-'));
  const aws = await startEmbeddedAws({ dataDir, tableName: 'newsdigest-bench', bucketName: 'newsdigest-bench' });
  try {
    const aggregates = new DynamoContributionStore(aws.clients.dynamo, 'newsdigest-bench');
    const digests = new DigestStore(aws.clients.dynamo, 'newsdigest-bench', new S3BlobStore(aws.clients.s3, 'newsdigest-bench'));
    const actorDays = new DynamoActorDayStore(aws.clients.dynamo, 'newsdigest-bench');
    const rows: DigestBenchRow[] = [];
    for (const [k, n] of sizes.entries()) {
      const day = `2026-11-${String(10 + k).padStart(2, '0')}`;
      let done = 0;
      let wru = 0;
      let dayBytes = 0;
      const t0 = performance.now();
      for (const chunk of generateDay(day, n, fixtures)) {
        await mapLimit(chunk, ADD_CONCURRENCY, (c) => aggregates.addArticle(day, c));
        for (const c of chunk) {
          const bytes = itemSize(contributionItem(day, c));
          wru += Math.ceil(bytes / WCU_BYTES);
          dayBytes += bytes;
        }
        done += chunk.length;
        if (done % 10_000 === 0) log(`  ${day}: ${done}/${n} articles added`);
      }
      const addPerSecond = n / ((performance.now() - t0) / 1000);

      let last: DayAggregates | undefined;
      const reader = { readDay: async (d: string) => (last = await aggregates.readDay(d)) };
      const times: number[] = [];
      let peakHeap = 0;
      let digest: Awaited<ReturnType<typeof buildAndStoreDigest>> | undefined;
      for (let r = 0; r < (n >= 100_000 ? 1 : runs); r++) {
        (globalThis as { gc?: () => void }).gc?.();
        // The heap plus ArrayBuffers (the build keeps each article's compressed bytes in Buffers).
        const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
        const heapBefore = used();
        let peak = heapBefore;
        const sampler = setInterval(() => { peak = Math.max(peak, used()); }, 10);
        const t1 = performance.now();
        digest = await buildAndStoreDigest(day, { aggregates: reader, digests, actorDays, clock: { now: () => new Date(`${day}T23:59:59Z`) } });
        times.push(performance.now() - t1);
        clearInterval(sampler);
        peakHeap = Math.max(peakHeap, peak - heapBefore);
      }
      const agg = last!;
      const digestBytes = Buffer.byteLength(JSON.stringify(digest));
      const row: DigestBenchRow = {
        articles: n, addPerSecond, wruPerArticle: wru / n, duplicates: agg.duplicates.length, articleCount: agg.articleCount,
        itemsRead: agg.stats.items, mbRead: dayBytes / 2 ** 20, requests: agg.stats.requests,
        // Eventually consistent Query: half an RCU per 4 KB read.
        rru: Math.ceil(dayBytes / RCU_BYTES) / 2,
        buildMs: median(times), peakHeapMb: peakHeap / 2 ** 20,
        digestKb: digestBytes / 1024, storedIn: digestBytes >= DIGEST_INLINE_MAX_BYTES ? 'S3' : 'item',
        articlePages: digest?.articlePages ?? 0,
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
  return `${r.articles.toLocaleString('en')} articles (${r.articleCount.toLocaleString('en')} counted, ${r.duplicates.toLocaleString('en')} wire copies): `
    + `stored at ${r.addPerSecond.toFixed(0)} articles/s, one Put of ${r.wruPerArticle.toFixed(1)} WRU each; `
    + `build ${(r.buildMs / 1000).toFixed(2)} s, read ${r.itemsRead.toLocaleString('en')} items = ${r.mbRead.toFixed(1)} MB `
    + `in ${r.requests} Query requests, ${r.rru.toLocaleString('en')} RRU, peak heap + buffers +${r.peakHeapMb.toFixed(0)} MB; `
    + `digest ${r.digestKb.toFixed(0)} KB (${r.storedIn}) + ${r.articlePages} pages of articles in S3`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Sizes may be given as arguments: npx tsx bench/digest.ts 1000 10000
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  console.log('== digest: one contribution per article, the day built from them (goals: 10,000 in <= 5 s, 100,000 in <= 60 s, digest <= 300 KB)');
  benchDigest({ ...(sizes.length ? { sizes } : {}), log: (l) => console.error(l), onRow: (r) => console.log(formatDigestBenchRow(r)) })
    .catch((err) => { console.error(err); process.exitCode = 1; });
}
