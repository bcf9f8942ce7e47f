// The feed API end to end on the local pipeline: subscribe through POST /feeds, let the poller
// (the local stand-in for the 5-minute rule) ingest the entries, and find the articles analysed,
// listed under their feed, and in the feed's digest, without posting a single article URL.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPipeline, type LocalPipeline } from '../../local/runtime.js';
import type { ArticleRecord } from '../../shared/article.js';
import type { Digest } from '../../shared/digest/types.js';
import type { FeedView } from '../../shared/feeds/service.js';
import type { PollResult } from '../../shared/feeds/poll.js';
import { createLogger } from '../../shared/log.js';
import { htmlPage, startFixtureServer, type FixtureServer } from '../support/fixture-server.js';

const KEY = 'feeds-api-test-key-0123456789';
// Distinct texts: copies of one story would be counted once in a digest.
const STORIES = [
  ['norway-chile', 'Norway and Chile sign fisheries pact', [
    'The foreign ministers of Norway and Chile signed a fisheries agreement in Oslo on Tuesday, ending a long dispute over migratory stocks.',
    'Chilean negotiators had long complained that Norwegian trawlers took too much mackerel off the coast of Valparaiso.',
    'The pact sets quotas for five years and creates a joint commission that will meet every spring in Santiago.',
  ]],
  ['kenya-uganda', 'Kenya accuses Uganda over border post', [
    'Kenya accused Uganda of moving a border post into Kenyan territory near Lake Victoria, and summoned its ambassador in Nairobi.',
    'Ugandan officials in Kampala denied the claim and said surveyors had only repaired a marker placed in colonial times.',
    'Fishermen on Migingo island said patrol boats from both countries had stopped them twice during the week.',
  ]],
  ['japan-korea', 'Japan and South Korea agree on a hotline', [
    'Japan and South Korea agreed to open a military hotline, officials in Tokyo said, after months of talks about incidents at sea.',
    'Defence ministers meeting in Seoul described the line as a safeguard against radar lock-ons and near misses between warships.',
    'The hotline will link command centres in Yokosuka and Pyeongtaek and is expected to be tested before the summer exercises.',
  ]],
] as const;
const BY_HAND = [
  'France and Germany agreed to build a high-speed rail link between Paris and Berlin, the two governments said on Monday.',
  'Transport ministers meeting in Strasbourg said the line would cut the journey to under seven hours by the early 2030s.',
  'Rail unions in both countries welcomed the plan but asked for guarantees on staffing of the night trains.',
];

let server: FixtureServer;
let pipeline: LocalPipeline;
let dataDir: string;
let etag = '"v1"';
let listed = STORIES.slice(0, 2).map(([slug]) => slug);
const validators: (string | undefined)[] = [];

const rss = (origin: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title><link>${origin}/</link>
${listed.map((slug) => `<item><title>${slug}</title><link>/news/${slug}</link><pubDate>${new Date().toUTCString()}</pubDate></item>`).join('\n')}
<item><title>No link here</title></item></channel></rss>`;

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${pipeline.url}${path}`, {
    method,
    headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* text */ }
  return { status: res.status, body: parsed as T };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'newsdigest-feeds-'));
  const routes: Parameters<typeof startFixtureServer>[0] = {
    '/feed.xml': (req, res) => {
      validators.push(req.headers['if-none-match']);
      if (req.headers['if-none-match'] === etag) { res.writeHead(304).end(); return; }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss(`http://${req.headers.host}`));
    },
    '/not-a-feed.xml': (_req, res) => { res.writeHead(200, { 'content-type': 'application/xml' }).end('<rss><channel><item>'); },
  };
  for (const [slug, title, paragraphs] of STORIES) {
    routes[`/news/${slug}`] = (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage(title, [...paragraphs])); };
  }
  server = await startFixtureServer(routes);
  pipeline = await startLocalPipeline({
    dataDir, port: 0, apiKey: KEY, allowHosts: [server.hostPort], env: {}, log: createLogger({}, { level: 'silent' }),
    // The test runs the poller's rounds itself.
    feedPollIntervalMs: 0,
  });
}, 60_000);

afterAll(async () => {
  await pipeline?.stop();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('feeds through the API', () => {
  let feed: FeedView;
  const today = () => new Date().toISOString().slice(0, 10);

  it('subscribes with 201, and the same feed again with 200 and the same id', async () => {
    const created = await api<FeedView>('POST', '/feeds', { url: `${server.origin}/feed.xml`, intervalMinutes: 15 });
    expect(created.status).toBe(201);
    feed = created.body;
    expect(feed).toMatchObject({ url: `${server.origin}/feed.xml`, intervalMinutes: 15, itemsSeen: 0, articlesQueued: 0 });
    expect(feed.id).toMatch(/^[0-9a-f]{16}$/);
    // Another spelling of the same URL is the same subscription.
    const again = await api<FeedView>('POST', '/feeds', { url: `${server.origin.toUpperCase().replace('HTTP', 'http')}/feed.xml#top` });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(feed.id);
    expect(again.body.intervalMinutes).toBe(15);
  });

  it('refuses a bad body, an interval out of range and an address the fetcher would refuse, with the reason', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /url/],
      [{ url: `${server.origin}/x.xml`, intervalMinutes: 1 }, /intervalMinutes/],
      [{ url: 'ftp://example.com/feed' }, /http/i],
      [{ url: 'http://169.254.169.254/latest/meta-data' }, /refus|private|link-local|metadata/i],
    ];
    for (const [body, reason] of cases) {
      const r = await api<{ message: string }>('POST', '/feeds', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.message).toMatch(reason);
    }
  });

  it('polls the due feed and ingests its entries as articles of the feed, skipping the entry without a link', async () => {
    const round = await pipeline.pollFeeds();
    expect(round).toMatchObject({ polled: 1, ok: 1, failed: 0, queued: 2 });
    await pipeline.idle();
    const shown = await api<FeedView>('GET', `/feeds/${feed.id}`);
    expect(shown.body).toMatchObject({ title: 'Test wire', format: 'rss2', lastStatus: 'ok', itemsSeen: 2, articlesQueued: 2, consecutiveFailures: 0 });
    expect(Date.parse(shown.body.nextPollAt) - Date.parse(shown.body.lastPolledAt!)).toBe(15 * 60_000);

    const page = await api<{ items: ArticleRecord[]; feed: string }>('GET', `/articles?date=${today()}&feed=${feed.id}`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((a) => a.canonicalUrl).sort()).toEqual(listed.map((s) => `${server.origin}/news/${s}`).sort());
    for (const a of page.body.items) {
      expect(a.feedId).toBe(feed.id);
      expect(a.status).toBe('analyzed');
    }
    // Not due again for 15 minutes: a second round polls nothing.
    expect((await pipeline.pollFeeds()).polled).toBe(0);
  });

  it('polls again with the validators: a 304 queues nothing; a changed feed queues only its new entry', async () => {
    const before = validators.length;
    const unchanged = await api<PollResult>('POST', `/feeds/${feed.id}/poll`);
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({ status: 'not-modified', notModified: true, queued: 0 });
    expect(validators.slice(before)).toEqual(['"v1"']);

    etag = '"v2"';
    listed = STORIES.map(([slug]) => slug);
    const changed = await api<PollResult>('POST', `/feeds/${feed.id}/poll`);
    expect(changed.body).toMatchObject({ status: 'ok', items: 3, new: 1, queued: 1 });
    await pipeline.idle();
    const all = await api<{ items: ArticleRecord[] }>('GET', `/articles?date=${today()}&feed=${feed.id}`);
    expect(all.body.items).toHaveLength(3);
    // The feed's server saw each article page once: an entry seen twice is still one article.
    for (const [slug] of STORIES) expect(server.hits(`/news/${slug}`), slug).toBe(1);
  });

  it("builds the feed's digest on request from the day's contributions, and another feed's is empty", async () => {
    // An article posted by hand belongs to no feed.
    server.route('/news/by-hand', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage('France and Germany agree on a rail link', BY_HAND));
    });
    expect((await api('POST', '/ingest', { urls: [`${server.origin}/news/by-hand`] })).status).toBe(202);
    await pipeline.idle();
    expect((await api('POST', `/digests/${today()}`)).status).toBe(200);

    const whole = await api<Digest>('GET', `/digests/${today()}`);
    expect(whole.body.articleCount).toBe(4);
    const ofFeed = await api<Digest>('GET', `/digests/${today()}?feed=${feed.id}`);
    expect(ofFeed.status).toBe(200);
    expect(ofFeed.body).toMatchObject({ date: today(), feed: feed.id, articleCount: 3 });
    expect(ofFeed.body.articles.map((a) => a.url).sort()).toEqual(STORIES.map(([slug]) => `${server.origin}/news/${slug}`).sort());
    const markdown = await api<string>('GET', `/digests/${today()}.md?feed=${feed.id}`);
    expect(markdown.body).toContain(`feed ${feed.id}`);
    const other = await api<Digest>('GET', `/digests/${today()}?feed=0123456789abcdef`);
    expect(other.body.articleCount).toBe(0);
    expect((await api('GET', `/digests/${today()}?feed=nope`)).status).toBe(400);
    expect((await api('GET', `/articles?date=${today()}&feed=nope`)).status).toBe(400);
  });

  it('finds the feed of a web page that links to one, and refuses a page that links to none, a 404 and invalid XML', async () => {
    server.route('/home', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><head><title>Test wire</title>'
        + '<link rel="stylesheet" href="/s.css"><link rel="alternate" type="application/rss+xml" title="All news" href="/feed.xml">'
        + '</head><body><p>News</p></body></html>');
    });
    server.route('/about', (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><p>About us</p></body></html>'); });
    // The page's feed is the one subscribed above: the same subscription, found through the page.
    const found = await api<FeedView & { discoveredFrom?: string }>('POST', '/feeds', { url: `${server.origin}/home` });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: feed.id, url: `${server.origin}/feed.xml`, discoveredFrom: `${server.origin}/home` });
    const cases: [string, RegExp][] = [
      ['/about', /is not a feed, and links to none/],
      ['/nowhere.xml', /cannot be read \(FetchResponseError: HTTP 404/],
      ['/not-a-feed.xml', /is not a feed, and links to none \(invalid XML at line 1/],
    ];
    for (const [path, reason] of cases) {
      const r = await api<{ message: string }>('POST', '/feeds', { url: `${server.origin}${path}` });
      expect(r.status, path).toBe(400);
      expect(r.body.message, path).toMatch(reason);
    }
  });

  it('records a feed that cannot be read on the feed, with the reason, and backs off', async () => {
    let broken = false;
    server.route('/breaks.xml', (req, res) => {
      if (broken) { res.writeHead(200, { 'content-type': 'application/xml' }).end('<rss><channel><item>'); return; }
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>Soon broken</title></channel></rss>');
    });
    const bad = (await api<FeedView>('POST', '/feeds', { url: `${server.origin}/breaks.xml` })).body;
    broken = true;
    const polled = await api<PollResult>('POST', `/feeds/${bad.id}/poll`);
    expect(polled.status).toBe(200);
    expect(polled.body.status).toBe('failed');
    expect(polled.body.error).toMatch(/^FeedParseError: invalid XML/);
    const shown = (await api<FeedView>('GET', `/feeds/${bad.id}`)).body;
    expect(shown).toMatchObject({ lastStatus: 'failed', consecutiveFailures: 1 });
    expect(shown.error).toBe(polled.body.error);
    // One failure doubles the wait: 30 minutes become 60.
    expect(Date.parse(shown.nextPollAt) - Date.parse(shown.lastPolledAt!)).toBe(60 * 60_000);
  });

  it('caps a feed at 5,000 entries and says what it left out, on the poll and on the feed', async () => {
    const old = new Date(Date.now() - 30 * 86_400_000).toUTCString();
    server.route('/big.xml', (_req, res) => {
      const items = Array.from({ length: 5_010 }, (_, i) => `<item><link>/archive/${i}</link><pubDate>${old}</pubDate></item>`).join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<rss version="2.0"><channel><title>Big</title><item><title>no link</title></item>${items}</channel></rss>`);
    });
    const big = (await api<FeedView>('POST', '/feeds', { url: `${server.origin}/big.xml` })).body;
    const polled = (await api<PollResult>('POST', `/feeds/${big.id}/poll`)).body;
    // A month old: on a first poll they are recorded as seen, not ingested.
    expect(polled).toMatchObject({ status: 'ok', items: 5_000, new: 5_000, queued: 0, skipped: { noLink: 1, overLimit: 10 } });
    const shown = (await api<FeedView>('GET', `/feeds/${big.id}`)).body;
    expect(shown.warning).toBe('10 entries past the first 5,000 were not read; 1 entry has no link');
    expect(shown.itemsSeen).toBe(5_000);
  });

  it("keeps to robots.txt: a disallowed feed is refused with the reason; a robots.txt answering 503 fails the poll, which backs off", async () => {
    const site = await startFixtureServer({
      '/robots.txt': (_req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n'); },
      '/private/feed.xml': (_req, res) => { res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('x')); },
    });
    const down = await startFixtureServer({
      '/robots.txt': (_req, res) => { res.writeHead(503).end('busy'); },
      '/feed.xml': (_req, res) => { res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('x')); },
    });
    const local = await startLocalPipeline({
      dataDir: join(dataDir, 'robots'), port: 0, apiKey: KEY, allowHosts: [site.hostPort, down.hostPort], env: {},
      log: createLogger({}, { level: 'silent' }), feedPollIntervalMs: 0,
    });
    try {
      const post = (body: unknown) => fetch(`${local.url}/feeds`, { method: 'POST', headers: { 'x-api-key': KEY }, body: JSON.stringify(body) });
      const refused = await post({ url: `${site.origin}/private/feed.xml` });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toMatch(/robots\.txt disallows/);
      expect(site.hits('/private/feed.xml')).toBe(0);

      const created = (await (await post({ url: `${down.origin}/feed.xml` })).json()) as FeedView;
      const round = await local.pollFeeds();
      expect(round).toMatchObject({ polled: 1, failed: 1 });
      const shown = (await (await fetch(`${local.url}/feeds/${created.id}`, { headers: { 'x-api-key': KEY } })).json()) as FeedView;
      expect(shown).toMatchObject({ lastStatus: 'failed', consecutiveFailures: 1 });
      expect(shown.error).toMatch(/robots\.txt/);
      // RFC 9309: the whole site is off limits while its robots.txt answers 5xx, the feed too.
      expect(down.hits('/feed.xml')).toBe(0);
    } finally {
      await local.stop();
      await site.close();
      await down.close();
    }
  });

  it('lists the subscriptions a page at a time', async () => {
    const first = await api<{ items: FeedView[]; next?: string }>('GET', '/feeds?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.next).toBeDefined();
    const second = await api<{ items: FeedView[]; next?: string }>('GET', `/feeds?limit=1&cursor=${first.body.next}`);
    expect(second.body.items).toHaveLength(1);
    expect(new Set([first.body.items[0].id, second.body.items[0].id]).size).toBe(2);
    expect((await api('GET', '/feeds?limit=1000')).status).toBe(400);
    expect((await api('GET', '/feeds?cursor=zzz')).status).toBe(400);
  });

  it('unsubscribes; the articles stay, and the feed is gone from the list and the schedule', async () => {
    const removed = await api<{ id: string; deleted: boolean }>('DELETE', `/feeds/${feed.id}`);
    expect(removed).toEqual({ status: 200, body: { id: feed.id, deleted: true } });
    expect((await api('GET', `/feeds/${feed.id}`)).status).toBe(404);
    expect((await api('DELETE', `/feeds/${feed.id}`)).status).toBe(404);
    expect((await api('POST', `/feeds/${feed.id}/poll`)).status).toBe(404);
    expect((await api('GET', '/feeds/not-an-id')).status).toBe(400);
    const all = await api<{ items: ArticleRecord[] }>('GET', `/articles?date=${today()}&feed=${feed.id}`);
    expect(all.body.items).toHaveLength(3);
  });

  it('needs the API key, like every other route', async () => {
    const res = await fetch(`${pipeline.url}/feeds`);
    expect(res.status).toBe(403);
  });
});
