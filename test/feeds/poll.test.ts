// Feed subscriptions and polls over real dynalite and a local feed server: the first poll's
// window, conditional GET (304, nothing re-queued), only new entries ingested, failures recorded
// with back-off, and a poll cut short by a crash leaving its feed due (nothing lost).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoArticleStore } from '../../shared/adapters/dynamo-article-store.js';
import { DynamoFeedStore } from '../../shared/adapters/dynamo-feed-store.js';
import { entryHash, feedIdFor, newFeed, nextPollAt, planPoll, SEEN_KEPT, type FeedRecord } from '../../shared/feeds/feed.js';
import { feedFetcherFrom, pollFeed, type FeedFetcher, type PollDeps } from '../../shared/feeds/poll.js';
import { createFetcher } from '../../shared/fetch/index.js';
import { silentLogger } from '../../shared/log.js';
import { MemoryMetrics } from '../../shared/metrics.js';
import { feedIngest } from '../../shared/feeds/service.js';
import type { FetchMessage, Queue } from '../../shared/ports.js';
import { startTestAws, type TestAws } from '../support/aws.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';

const NOW = new Date('2026-12-03T12:00:00Z');
const FIXTURES = join(import.meta.dirname, '../fixtures/feeds');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toUTCString();

describe('planPoll', () => {
  const entry = (path: string, hours?: number) => ({ url: `https://news.example/${path}`, ...(hours !== undefined ? { publishedAt: new Date(NOW.getTime() - hours * 3_600_000).toISOString() } : {}) });

  it('on a first poll ingests entries of the last 48 hours and dateless ones, and records the older ones as seen', () => {
    const plan = planPoll({ seen: [] }, [entry('new', 1), entry('old', 100), entry('dateless'), entry('new', 1)], NOW);
    expect(plan.toIngest).toEqual(['https://news.example/new', 'https://news.example/dateless']);
    expect(plan.recordedOnly).toBe(1);
    expect(plan.seen).toHaveLength(3);
  });

  it('later ingests every entry not seen before, whatever its age, and skips child sitemaps', () => {
    const first = planPoll({ seen: [] }, [entry('a', 1)], NOW);
    const plan = planPoll({ seen: first.seen }, [entry('a', 1), entry('b', 500), { url: 'https://news.example/sitemap-2.xml', childSitemap: true as const }], NOW);
    expect(plan.toIngest).toEqual(['https://news.example/b']);
    expect(plan.known).toBe(1);
  });

  it('keeps what the feed lists now as the newest seen, and at most SEEN_KEPT hashes', () => {
    const old = Array.from({ length: SEEN_KEPT }, (_, i) => entryHash(`https://news.example/old-${i}`));
    const plan = planPoll({ seen: [entryHash('https://news.example/kept'), ...old.slice(1)] }, [entry('kept'), entry('fresh')], NOW);
    expect(plan.seen).toHaveLength(SEEN_KEPT);
    expect(plan.seen.slice(-2)).toEqual([entryHash('https://news.example/kept'), entryHash('https://news.example/fresh')]);
  });

  it('polls again after the interval, doubling it after each failure, at most a day', () => {
    expect(nextPollAt(30, 0, NOW)).toBe('2026-12-03T12:30:00.000Z');
    expect(nextPollAt(30, 2, NOW)).toBe('2026-12-03T14:00:00.000Z');
    expect(nextPollAt(30, 20, NOW)).toBe('2026-12-04T12:00:00.000Z');
  });
});

describe('polling a feed', () => {
  let aws: TestAws;
  let feeds: DynamoFeedStore;
  let server: FixtureServer;
  let etag = '"v1"';
  let items = ['one', 'two'];
  let failing = false;
  const validatorsSeen: (string | undefined)[] = [];
  const sent: FetchMessage[] = [];

  const rss = () => `<?xml version="1.0"?><rss version="2.0"><channel><title>Local wire</title><link>/</link>
${items.map((slug, i) => `<item><title>Story ${slug}</title><link>/news/${slug}</link><pubDate>${hoursAgo(i + 1)}</pubDate></item>`).join('\n')}
<item><title>An old one</title><link>/news/archive</link><pubDate>${hoursAgo(24 * 30)}</pubDate></item></channel></rss>`;

  // The guarded fetcher in feed mode, allowed to reach the local server.
  let fetchFeed: FeedFetcher;

  const queue: Queue<FetchMessage> = { send: async (bodies) => { sent.push(...bodies); }, deadLetter: async () => {} };
  const deps = (over: Partial<PollDeps> = {}): PollDeps => ({
    feeds, fetchFeed, clock: { now: () => NOW }, log: silentLogger,
    ingest: feedIngest({
      articles: new DynamoArticleStore(aws.clients.dynamo, aws.tableName), fetchQueue: queue, clock: { now: () => NOW }, log: silentLogger,
      metrics: new MemoryMetrics(), maxUrlsPerRequest: 100, precheck: () => null,
    }),
    ...over,
  });

  beforeAll(async () => {
    aws = await startTestAws();
    feeds = new DynamoFeedStore(aws.clients.dynamo, aws.tableName);
    server = await startFixtureServer({
      '/feed.xml': (req, res) => {
        validatorsSeen.push(req.headers['if-none-match']);
        if (failing) { res.writeHead(500).end('down'); return; }
        if (req.headers['if-none-match'] === etag) { res.writeHead(304).end(); return; }
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss());
      },
    });
  });
  beforeAll(() => {
    fetchFeed = feedFetcherFrom(createFetcher({ timeoutMs: 5_000, maxBytes: 10 * 2 ** 20, maxRedirects: 5, allowHosts: [server.hostPort] }));
  });
  afterAll(async () => { await server?.close(); await aws?.close(); });

  const load = async (id: string) => (await feeds.get(id, { withSeen: true }))!;

  it('subscribes once per URL, polls, sends only new entries on, and answers a 304 with nothing re-queued', async () => {
    const url = `${server.origin}/feed.xml`;
    const feed = newFeed(feedIdFor(url), url, 30, NOW);
    expect(await feeds.create(feed)).toBe(true);
    expect(await feeds.create(feed)).toBe(false);
    expect((await feeds.due(NOW)).map((f) => f.id)).toEqual([feed.id]);

    const first = await pollFeed(await load(feed.id), deps());
    expect(first).toMatchObject({ status: 'ok', items: 3, new: 3, queued: 2 }); // the month-old entry is recorded, not ingested
    expect(sent.map((m) => new URL(m.url).pathname)).toEqual(['/news/one', '/news/two']);
    const afterFirst = await load(feed.id);
    expect(afterFirst).toMatchObject({ title: 'Local wire', format: 'rss2', etag: '"v1"', lastStatus: 'ok', itemsSeen: 3, articlesQueued: 2, nextPollAt: '2026-12-03T12:30:00.000Z' });
    expect(await feeds.due(NOW)).toEqual([]);
    expect((await feeds.due(new Date('2026-12-03T12:30:00Z'))).map((f) => f.id)).toEqual([feed.id]);

    const second = await pollFeed(afterFirst, deps());
    expect(second).toMatchObject({ status: 'not-modified', queued: 0 });
    expect(validatorsSeen.at(-1)).toBe('"v1"');
    expect(sent).toHaveLength(2);

    etag = '"v2"';
    items = ['three', 'one', 'two'];
    const third = await pollFeed(await load(feed.id), deps());
    expect(third).toMatchObject({ status: 'ok', items: 4, new: 1, queued: 1 });
    expect(sent.map((m) => new URL(m.url).pathname)).toEqual(['/news/one', '/news/two', '/news/three']);
    expect(await load(feed.id)).toMatchObject({ itemsSeen: 4, articlesQueued: 3, etag: '"v2"' });
  });

  it('records a failed poll with its reason and backs off; a poll that could not be recorded leaves the feed due', async () => {
    const url = `${server.origin}/feed.xml?failing`;
    const feed = newFeed(feedIdFor(url), url, 30, NOW);
    await feeds.create(feed);
    failing = true;
    const failed = await pollFeed(await load(feed.id), deps());
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('500') });
    expect(await load(feed.id)).toMatchObject({ lastStatus: 'failed', consecutiveFailures: 1, error: expect.stringContaining('500'), nextPollAt: '2026-12-03T13:00:00.000Z' });
    failing = false;

    // The store fails as the poll is recorded (a crash at that point is the same): still due next round.
    const later = new Date('2026-12-03T13:00:00Z');
    const broken: PollDeps['feeds'] = { recordPoll: async () => { throw new Error('store unreachable'); } };
    const lost = await pollFeed(await load(feed.id), deps({ feeds: broken, clock: { now: () => later } }));
    expect(lost.status).toBe('failed');
    expect((await feeds.due(later)).map((f) => f.id)).toContain(feed.id);
  });

  // Each format as a site serves it (the content type says nothing useful: detection is by content).
  it.each([
    ['rss2.xml', 'rss2'], ['rss1.rdf', 'rss1'], ['atom.xml', 'atom'], ['feed.json', 'json-feed'],
    ['sitemap.xml', 'sitemap'], ['news-sitemap.xml', 'news-sitemap'],
  ] as const)('polls %s over HTTP and records its format; its entries go to ingest', async (file, format) => {
    server.route(`/formats/${file}`, (_req, res) => { res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(join(FIXTURES, file))); });
    const url = `${server.origin}/formats/${file}`;
    const feed = newFeed(feedIdFor(url), url, 30, NOW);
    await feeds.create(feed);
    const before = sent.length;
    const result = await pollFeed(await load(feed.id), deps({ firstPollHours: 24 * 365 * 100 }));
    expect(result).toMatchObject({ status: 'ok' });
    expect(result.items).toBeGreaterThan(0);
    expect(await load(feed.id)).toMatchObject({ format, lastStatus: 'ok' });
    expect(sent.slice(before).length).toBe(result.queued);
    expect(result.queued).toBeGreaterThan(0);
  });

  it('reads a sitemap index\'s newest child sitemaps and ingests their entries; a child that fails is named in the warning', async () => {
    const day = (d: number) => `2026-12-0${d}`;
    const urlset = (paths: string[]) => `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths.map((p) => `<url><loc>${server.origin}${p}</loc></url>`).join('')}</urlset>`;
    // Seven children, oldest first as sites list them; the newest five by lastmod are read.
    const children = Array.from({ length: 7 }, (_, i) => `/maps/news-${i + 1}.xml`);
    children.forEach((path, i) => server.route(path, (_req, res) => {
      if (i === 6) { res.writeHead(500).end('down'); return; }
      res.writeHead(200, { 'content-type': 'application/xml' }).end(urlset([`/maps/story-${i + 1}a`, `/maps/story-${i + 1}b`]));
    }));
    server.route('/maps/index.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' }).end(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${
        children.map((path, i) => `<sitemap><loc>${path}</loc><lastmod>${day(i + 1)}</lastmod></sitemap>`).join('')}</sitemapindex>`);
    });
    const url = `${server.origin}/maps/index.xml`;
    const feed = newFeed(feedIdFor(url), url, 30, NOW);
    await feeds.create(feed);
    const before = sent.length;
    const result = await pollFeed(await load(feed.id), deps());
    // Children 3..7 are the newest; 7 fails: 3..6 give two entries each (undated: ingested on a first poll).
    expect(result).toMatchObject({ status: 'ok', items: 8, new: 8, queued: 8 });
    expect(sent.slice(before).map((m) => new URL(m.url).pathname).sort()).toEqual(
      [3, 4, 5, 6].flatMap((n) => [`/maps/story-${n}a`, `/maps/story-${n}b`]).sort());
    expect(server.hits('/maps/news-1.xml') + server.hits('/maps/news-2.xml')).toBe(0);
    const recorded = await load(feed.id);
    expect(recorded.format).toBe('sitemap-index');
    expect(recorded.warning).toMatch(/^1 of 5 child sitemaps could not be read \(http:\/\/.*\/maps\/news-7\.xml: FetchResponseError: HTTP 500/);
    expect(recorded.warning).toMatch(/2 older child sitemaps not read \(the newest 5 are\)$/);

    // Read whole each time (no validators): a new story in a child is found on the next poll.
    server.route('/maps/news-6.xml', (_req, res) => { res.writeHead(200, { 'content-type': 'application/xml' }).end(urlset(['/maps/story-6a', '/maps/story-6b', '/maps/story-6c'])); });
    const again = await pollFeed(await load(feed.id), deps({ clock: { now: () => new Date(NOW.getTime() + 3_600_000) } }));
    expect(again).toMatchObject({ status: 'ok', new: 1, queued: 1 });
  });

  it('fails the poll of a sitemap index when none of its children can be read', async () => {
    server.route('/dead/index.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' }).end(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/dead/gone.xml</loc></sitemap></sitemapindex>`);
    });
    const url = `${server.origin}/dead/index.xml`;
    const feed = newFeed(feedIdFor(url), url, 30, NOW);
    await feeds.create(feed);
    const result = await pollFeed(await load(feed.id), deps());
    expect(result).toMatchObject({ status: 'failed', error: expect.stringMatching(/^FetchResponseError: HTTP 404/) });
  });

  it.each(['billion-laughs.xml', 'xxe.xml'])('refuses the hostile %s with the reason on the feed, quickly, and polls the next feed as usual', async (file) => {
    server.route(`/hostile/${file}`, (_req, res) => { res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(readFileSync(join(FIXTURES, file))); });
    const url = `${server.origin}/hostile/${file}`;
    const feed = newFeed(feedIdFor(url), url, 30, NOW);
    await feeds.create(feed);
    const started = performance.now();
    const result = await pollFeed(await load(feed.id), deps());
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toMatchObject({ status: 'failed', error: 'FeedParseError: feed declares entities (DOCTYPE ENTITY): refused' });
    expect(await load(feed.id)).toMatchObject({ lastStatus: 'failed', consecutiveFailures: 1 });
    // Unharmed: the same poller reads a good feed right after.
    const good = `${server.origin}/formats/rss2.xml?after-${file}`;
    const next = newFeed(feedIdFor(good), good, 30, NOW);
    await feeds.create(next);
    expect((await pollFeed(await load(next.id), deps())).status).toBe('ok');
  });

  it('lists subscriptions a page at a time and deletes one with its schedule', async () => {
    const page = await feeds.list({ limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.next).toMatch(/^[0-9a-f]{16}$/);
    const rest = await feeds.list({ cursor: page.next });
    const all: FeedRecord[] = [...page.items, ...rest.items];
    expect(all.length).toBeGreaterThanOrEqual(2);
    await expect(feeds.list({ cursor: 'forged' })).rejects.toThrow(/cursor is malformed/);

    const id = all[0].id;
    expect(await feeds.delete(id)).toBe(true);
    expect(await feeds.delete(id)).toBe(false);
    expect(await feeds.get(id)).toBeUndefined();
    expect((await feeds.due(new Date('2030-01-01T00:00:00Z'))).map((f) => f.id)).not.toContain(id);
  });
});
