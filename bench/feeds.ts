// Feed figures issue 13 asks for: the parse time of a 1,000-entry feed per format, and feeds
// polled per second by one poller round, against a local HTTP server of generated feeds (on a
// worker thread, so the "web" does not share the poller's thread) and the embedded DynamoDB.
// The first round ingests every entry (one article record and one fetch message each, into a
// counting queue: the fetch stage is not part of the poll); the second round is all 304s.

import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { startEmbeddedAws } from '../local/embedded-aws.js';
import { DynamoArticleStore } from '../shared/adapters/dynamo-article-store.js';
import { DynamoFeedStore } from '../shared/adapters/dynamo-feed-store.js';
import { feedIdFor, newFeed } from '../shared/feeds/feed.js';
import { parseFeed } from '../shared/feeds/parse-feed.js';
import { feedFetcherFrom } from '../shared/feeds/poll.js';
import { feedIngest, pollDueFeeds, POLL_CONCURRENCY, type FeedServiceDeps } from '../shared/feeds/service.js';
import { createFetcher } from '../shared/fetch/index.js';
import { silentLogger } from '../shared/log.js';
import { noMetrics } from '../shared/metrics.js';
import type { FetchMessage, Queue } from '../shared/ports.js';

const ENTRIES = 1_000;
const PARSE_RUNS = 20;

export function generatedFeed(format: 'rss2' | 'atom' | 'sitemap' | 'json-feed', entries: number, base = 'https://news.example'): string {
  const date = (i: number) => new Date(Date.UTC(2026, 11, 3, 12) - i * 60_000);
  const items = Array.from({ length: entries }, (_, i) => i);
  switch (format) {
    case 'rss2':
      return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title><link>${base}/</link>`
        + items.map((i) => `<item><title>Story number ${i} &amp; its headline</title><link>${base}/news/${i}</link><guid>${base}/news/${i}</guid>`
          + `<pubDate>${date(i).toUTCString()}</pubDate><description>&lt;p&gt;A summary of story ${i}, with some words.&lt;/p&gt;</description></item>`).join('')
        + '</channel></rss>';
    case 'atom':
      return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>${date(0).toISOString()}</updated>`
        + items.map((i) => `<entry><title>Story number ${i}</title><id>urn:wire:${i}</id><link rel="alternate" href="${base}/news/${i}"/>`
          + `<updated>${date(i).toISOString()}</updated><summary>A summary of story ${i}.</summary></entry>`).join('')
        + '</feed>';
    case 'sitemap':
      return '<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        + items.map((i) => `<url><loc>${base}/news/${i}</loc><news:news><news:publication><news:name>Wire</news:name><news:language>en</news:language></news:publication>`
          + `<news:publication_date>${date(i).toISOString()}</news:publication_date><news:title>Story ${i}</news:title></news:news></url>`).join('')
        + '</urlset>';
    case 'json-feed':
      return JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1', title: 'Wire',
        items: items.map((i) => ({ id: String(i), url: `${base}/news/${i}`, title: `Story ${i}`, date_published: date(i).toISOString() })),
      });
  }
}

export interface ParseBench { format: string; bytes: number; msMedian: number; msMin: number }

export function benchFeedParse(): ParseBench[] {
  return (['rss2', 'atom', 'sitemap', 'json-feed'] as const).map((format) => {
    const body = Buffer.from(generatedFeed(format, ENTRIES));
    const times: number[] = [];
    for (let i = 0; i < PARSE_RUNS + 3; i++) {
      const t = performance.now();
      const parsed = parseFeed(body, 'https://news.example/feed');
      if (parsed.entries.length !== ENTRIES) throw new Error(`${format}: parsed ${parsed.entries.length} entries, expected ${ENTRIES}`);
      if (i >= 3) times.push(performance.now() - t); // the first runs warm the JIT
    }
    times.sort((a, b) => a - b);
    return { format, bytes: body.length, msMedian: times[Math.floor(times.length / 2)], msMin: times[0] };
  });
}

export interface PollBench {
  feeds: number;
  entriesPerFeed: number;
  firstRound: { seconds: number; feedsPerSecond: number; articles: number };
  notModifiedRound: { seconds: number; feedsPerSecond: number };
  loadAverage: number;
}

/** Serves `feeds` RSS feeds of `entries` entries each, with ETags, from a worker thread. */
async function startFeedServer(feeds: number, entries: number): Promise<{ origin: string; close(): Promise<void> }> {
  const source = `
    const { createServer } = require('node:http');
    const { parentPort, workerData } = require('node:worker_threads');
    const { entries } = workerData;
    const server = createServer((req, res) => {
      const m = /^\\/feeds\\/(\\d+)\\.xml$/.exec(req.url);
      if (!m) { res.writeHead(404).end(); return; }
      const etag = '"f' + m[1] + '"';
      if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }).end(); return; }
      let items = '';
      for (let i = 0; i < entries; i++) items += '<item><title>Story ' + i + '</title><link>/f' + m[1] + '/news/' + i + '</link><pubDate>' + new Date().toUTCString() + '</pubDate></item>';
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end('<rss version="2.0"><channel><title>Feed ' + m[1] + '</title>' + items + '</channel></rss>');
    });
    server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
    parentPort.on('message', () => server.close(() => parentPort.postMessage('closed')));`;
  const worker = new Worker(source, { eval: true, workerData: { feeds, entries } });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('message', resolve));
      await worker.terminate();
    },
  };
}

export async function benchFeedPolling(feeds = 200, entriesPerFeed = 20): Promise<PollBench> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newsdigest-bench-feeds-'));
  const aws = await startEmbeddedAws({ dataDir, tableName: 'bench', bucketName: 'bench' });
  const server = await startFeedServer(feeds, entriesPerFeed);
  try {
    const store = new DynamoFeedStore(aws.clients.dynamo, 'bench');
    const now = new Date();
    for (let i = 0; i < feeds; i++) {
      const url = `${server.origin}/feeds/${i}.xml`;
      await store.create(newFeed(feedIdFor(url), url, 30, now));
    }
    let articles = 0;
    const queue: Queue<FetchMessage> = { send: async (bodies) => { articles += bodies.length; }, deadLetter: async () => {} };
    const clock = { now: () => new Date() };
    const deps: FeedServiceDeps = {
      feeds: store,
      fetchFeed: feedFetcherFrom(createFetcher({ timeoutMs: 10_000, maxBytes: 10 * 2 ** 20, maxRedirects: 5, allowHosts: [server.origin.slice('http://'.length)] })),
      ingest: feedIngest({ articles: new DynamoArticleStore(aws.clients.dynamo, 'bench'), fetchQueue: queue, clock, log: silentLogger, metrics: noMetrics, maxUrlsPerRequest: 100, precheck: () => null }),
      precheck: () => null,
      clock,
      log: silentLogger,
      metrics: noMetrics,
    };
    const round = async () => {
      const t = performance.now();
      const r = await pollDueFeeds(deps, { budgetMs: 10 * 60_000 });
      if (r.polled !== feeds || r.failed) throw new Error(`polled ${r.polled} of ${feeds}, ${r.failed} failed`);
      return (performance.now() - t) / 1000;
    };
    const first = await round();
    // Make every feed due again, as 30 minutes later.
    clock.now = () => new Date(Date.now() + 31 * 60_000);
    const second = await round();
    return {
      feeds, entriesPerFeed,
      firstRound: { seconds: first, feedsPerSecond: feeds / first, articles },
      notModifiedRound: { seconds: second, feedsPerSecond: feeds / second },
      loadAverage: loadavg()[0],
    };
  } finally {
    await server.close();
    await aws.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function formatFeedBench(parse: ParseBench[], poll: PollBench): string {
  const lines = parse.map((p) => `parse ${ENTRIES.toLocaleString('en')} entries, ${p.format.padEnd(9)} (${(p.bytes / 1024).toFixed(0)} KB): `
    + `median ${p.msMedian.toFixed(1)} ms, best ${p.msMin.toFixed(1)} ms`);
  lines.push(`one poller round, ${poll.feeds} feeds x ${poll.entriesPerFeed} new entries (${POLL_CONCURRENCY} at a time): `
    + `${poll.firstRound.seconds.toFixed(2)} s, ${poll.firstRound.feedsPerSecond.toFixed(1)} feeds/s, ${poll.firstRound.articles} articles queued`);
  lines.push(`the same feeds again, all 304 Not Modified: ${poll.notModifiedRound.seconds.toFixed(2)} s, ${poll.notModifiedRound.feedsPerSecond.toFixed(1)} feeds/s`);
  lines.push(`load average ${poll.loadAverage.toFixed(2)}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const parse = benchFeedParse();
  benchFeedPolling().then((poll) => console.log(formatFeedBench(parse, poll))).catch((err) => { console.error(err); process.exitCode = 1; });
}
