// A poller killed mid-poll loses nothing: the feed's schedule entry moves only when its poll is
// recorded, so the next round polls it again, and ingest is idempotent by canonical URL, so the
// entries it had already sent are not doubled. Also: entries the store or queue refused are not
// marked seen, so the next poll offers them again.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoArticleStore } from '../../shared/adapters/dynamo-article-store.js';
import { DynamoFeedStore } from '../../shared/adapters/dynamo-feed-store.js';
import { feedIdFor, newFeed, type FeedRecord } from '../../shared/feeds/feed.js';
import { feedFetcherFrom } from '../../shared/feeds/poll.js';
import { feedIngest, pollDueFeeds, pollNow, type FeedServiceDeps, type FeedStore } from '../../shared/feeds/service.js';
import { createFetcher } from '../../shared/fetch/index.js';
import { silentLogger } from '../../shared/log.js';
import { MemoryMetrics } from '../../shared/metrics.js';
import type { FetchMessage, Queue } from '../../shared/ports.js';
import { startTestAws, type TestAws } from '../support/aws.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';

const NOW = new Date('2026-12-03T12:00:00Z');
const ENTRIES = 30;

class Killed extends Error {}

describe('a poller killed mid-poll', () => {
  let aws: TestAws;
  let server: FixtureServer;
  let store: DynamoFeedStore;
  let articles: DynamoArticleStore;
  const queued: FetchMessage[] = [];
  const queue: Queue<FetchMessage> = { send: async (bodies) => { queued.push(...bodies); }, deadLetter: async () => {} };

  beforeAll(async () => {
    aws = await startTestAws();
    store = new DynamoFeedStore(aws.clients.dynamo, aws.tableName);
    articles = new DynamoArticleStore(aws.clients.dynamo, aws.tableName);
    const items = Array.from({ length: ENTRIES }, (_, i) => `<item><link>/news/${i}</link><pubDate>${NOW.toUTCString()}</pubDate></item>`).join('');
    server = await startFixtureServer({
      '/feed.xml': (_req, res) => { res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<rss version="2.0"><channel><title>W</title>${items}</channel></rss>`); },
    });
  });
  afterAll(async () => { await server?.close(); await aws?.close(); });

  /** A fresh poller process: its own fetcher and ingest over the same table. */
  function poller(over: { feeds?: FeedStore; queue?: Queue<FetchMessage> } = {}): FeedServiceDeps {
    return {
      feeds: over.feeds ?? store,
      fetchFeed: feedFetcherFrom(createFetcher({ timeoutMs: 5_000, maxBytes: 2 ** 20, maxRedirects: 2, allowHosts: [server.hostPort] })),
      ingest: feedIngest({
        articles, fetchQueue: over.queue ?? queue, clock: { now: () => NOW }, log: silentLogger, metrics: new MemoryMetrics(), maxUrlsPerRequest: 100, precheck: () => null,
      }),
      precheck: () => null,
      clock: { now: () => NOW },
      log: silentLogger,
      metrics: new MemoryMetrics(),
    };
  }

  async function subscribe(path: string): Promise<FeedRecord> {
    const url = `${server.origin}${path}`;
    const feed = newFeed(feedIdFor(`${url}`), url, 30, NOW);
    await store.create(feed);
    return feed;
  }

  const articleCount = async (ids: Set<string>) => {
    let n = 0;
    for (const id of ids) if (await articles.get(id)) n++;
    return n;
  };

  it('after ingesting, before recording the poll: the next round polls the feed again and no entry is lost or doubled', async () => {
    const feed = await subscribe('/feed.xml');
    // The process dies where the poll would be recorded.
    const dying: FeedStore = Object.assign(Object.create(store) as DynamoFeedStore, {
      recordPoll: async () => { throw new Killed('killed'); },
    });
    const first = await pollDueFeeds(poller({ feeds: dying }), { budgetMs: 10_000 });
    expect(first).toMatchObject({ polled: 1, failed: 1 });
    const sentFirst = queued.length;
    expect(sentFirst).toBe(ENTRIES);
    // Still due, with nothing recorded.
    const due = await store.due(NOW);
    expect(due.map((f) => f.id)).toEqual([feed.id]);
    expect(due[0]).toMatchObject({ itemsSeen: 0, seen: [] });

    const second = await pollDueFeeds(poller(), { budgetMs: 10_000 });
    expect(second).toMatchObject({ polled: 1, ok: 1, failed: 0 });
    // The entries are known articles now: duplicates, not queued again.
    expect(queued.length).toBe(sentFirst);
    const ids = new Set(queued.map((m) => m.articleId));
    expect(ids.size).toBe(ENTRIES);
    expect(await articleCount(ids)).toBe(ENTRIES);
    const recorded = (await store.get(feed.id, { withSeen: true }))!;
    expect(recorded).toMatchObject({ lastStatus: 'ok', itemsSeen: ENTRIES });
    expect(recorded.seen).toHaveLength(ENTRIES);
    expect(await store.due(NOW)).toEqual([]);
  });

  it('with the queue failing for some entries: those are not marked seen, and the next poll sends them', async () => {
    queued.length = 0;
    server.route('/feed-2.xml', (_req, res) => {
      const items = Array.from({ length: 10 }, (_, i) => `<item><link>/other/${i}</link></item>`).join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<rss version="2.0"><channel><title>W2</title>${items}</channel></rss>`);
    });
    const feed = await subscribe('/feed-2.xml');
    let calls = 0;
    // The first send fails, as in an SQS outage: ingest marks those articles failed and hands them back.
    const flaky: Queue<FetchMessage> = { send: async (bodies) => { if (calls++ === 0) throw new Error('SQS unavailable'); queued.push(...bodies); }, deadLetter: async () => {} };
    const first = await pollDueFeeds(poller({ queue: flaky }), { budgetMs: 10_000 });
    expect(first).toMatchObject({ polled: 1, ok: 1, queued: 0 });
    let recorded = (await store.get(feed.id, { withSeen: true }))!;
    expect(recorded.seen).toHaveLength(0);
    expect(recorded.itemsSeen).toBe(0);

    // Polled again (POST /feeds/{id}/poll, or its next turn): the failed articles are requeued.
    const again = await pollNow(feed.id, poller({ queue: flaky }));
    expect(again).toMatchObject({ status: 'ok', new: 10, queued: 10 });
    expect(new Set(queued.map((m) => new URL(m.url).pathname)).size).toBe(10);
    recorded = (await store.get(feed.id, { withSeen: true }))!;
    expect(recorded.seen).toHaveLength(10);
  });
});
