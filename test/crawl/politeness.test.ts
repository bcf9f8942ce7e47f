// The fetch stage's manners, against real HTTP servers started here and a real dynalite: robots.txt
// (allow, disallow, Crawl-delay, 404, 5xx, the shared cache), per-host pacing across two fetch
// stage instances sharing the table (two Lambdas), and Retry-After turned into a delayed re-send.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../functions/fetch/handler.js';
import { LocalDeadLetterQueue, LocalQueue } from '../../local/local-queue.js';
import { DynamoArticleStore } from '../../shared/adapters/dynamo-article-store.js';
import { DynamoHostPaceStore } from '../../shared/adapters/dynamo-host-pace-store.js';
import { loadConfig } from '../../shared/config.js';
import { MAX_SITE_WAIT_MS } from '../../shared/crawl/deferral.js';
import { silentLogger } from '../../shared/log.js';
import { MemoryMetrics } from '../../shared/metrics.js';
import type { FetchMessage, ProcessMessage, Queue, SendOptions } from '../../shared/ports.js';
import { fetchDeps, type Platform } from '../../shared/runtime/wiring.js';
import { articleIdFor } from '../../shared/url.js';
import { startTestAws, type TestAws } from '../support/aws.js';
import { htmlPage, startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { sqsEvent } from '../support/sqs-event.js';

const UA = 'politebot/1.0 (+https://newsdigest.example/bot)';
const STORY = ['Delegates from both parties met in Geneva on Monday to discuss the ceasefire and the exchange of prisoners.'];

class RecordingQueue<T> implements Queue<T> {
  sent: { body: T; delaySeconds?: number }[] = [];
  dead: T[] = [];
  async send(bodies: T[], options: SendOptions = {}) { this.sent.push(...bodies.map((body) => ({ body, delaySeconds: options.delaySeconds }))); }
  async deadLetter(body: T) { this.dead.push(body); }
}

let aws: TestAws;
let articles: DynamoArticleStore;
let n = 0;
const servers: FixtureServer[] = [];

/** A server whose pages are stories, and whose robots.txt is `robots` (a body, or a handler). */
async function site(robots?: string | ((req: IncomingMessage, res: ServerResponse) => void)) {
  const requests: { path: string; at: number }[] = [];
  const server = await startFixtureServer();
  const page = (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ path: new URL(req.url ?? '/', 'http://x').pathname, at: Date.now() });
    res.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage('Talks in Geneva', STORY));
  };
  for (const path of ['/story-1', '/story-2', '/story-3', '/story-4', '/story-5', '/story-6', '/private/memo', '/open']) server.route(path, page);
  if (typeof robots === 'string') server.route('/robots.txt', (_req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }).end(robots); });
  else if (robots) server.route('/robots.txt', robots);
  servers.push(server);
  return { server, requests };
}

/** One fetch function (a Lambda): its own robots.txt memory, the shared table, the given queues. */
function fetchFunction(hosts: string[], opts: { intervalMs?: number; fetchQueue?: Queue<FetchMessage> } = {}) {
  const fetchQueue = opts.fetchQueue ?? new RecordingQueue<FetchMessage>();
  const processQueue = new RecordingQueue<ProcessMessage>();
  const metrics = new MemoryMetrics();
  const platform: Platform = {
    config: loadConfig({
      TABLE_NAME: aws.tableName, BUCKET_NAME: aws.bucketName, NEWSDIGEST_ALLOW_HOSTS: hosts.join(','),
      NEWSDIGEST_USER_AGENT: UA, NEWSDIGEST_HOST_INTERVAL_MS: String(opts.intervalMs ?? 1000),
    }),
    clients: aws.clients,
    log: silentLogger,
    metrics,
    queues: { fetch: () => fetchQueue, process: () => processQueue, fetchDeadLetter: () => fetchQueue, processDeadLetter: () => processQueue },
    linkSecrets: async () => ({ current: 'not-used-by-fetch-0123456789' }),
  };
  return { handler: createFetchHandler(fetchDeps(platform)), fetchQueue, processQueue, metrics };
}

async function newArticle(origin: string, path: string) {
  const url = `${origin}${path}?n=${++n}`;
  const id = articleIdFor(url);
  await articles.create({ id, url, canonicalUrl: url, now: new Date().toISOString() });
  return { articleId: id, url };
}

beforeAll(async () => {
  aws = await startTestAws();
  articles = new DynamoArticleStore(aws.clients.dynamo, aws.tableName);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await aws?.close();
});

describe('robots.txt', () => {
  it('fetches what robots.txt allows, and fails what it disallows with the reason', async () => {
    // The group is chosen by the configured User-Agent's product token: `*` would forbid everything.
    const { server, requests } = await site('User-agent: *\nDisallow: /\n\nUser-agent: politebot\nDisallow: /private/\n');
    const { handler } = fetchFunction([server.hostPort]);
    const allowed = await newArticle(server.origin, '/story-1');
    const disallowed = await newArticle(server.origin, '/private/memo');
    expect((await handler(sqsEvent([allowed, disallowed]))).batchItemFailures).toEqual([]);
    expect((await articles.get(allowed.articleId))?.status).toBe('fetched');
    const failed = await articles.get(disallowed.articleId);
    expect(failed).toMatchObject({ status: 'failed', error: { stage: 'fetch', code: 'RobotsDisallowedError', retryable: false } });
    expect(failed?.error?.reason).toContain('robots.txt disallows');
    expect(requests.map((r) => r.path)).toEqual(['/story-1']);
  });

  it('asks the robots.txt of the site a redirect leads to: a page moved to a disallowed path fails with the reason, unfetched', async () => {
    const { server: target, requests: targetRequests } = await site('User-agent: *\nDisallow: /private/\n');
    const { server: shortener } = await site('User-agent: *\nAllow: /\n');
    shortener.route('/s/1', (_req, res) => { res.writeHead(301, { location: `${target.origin}/private/memo` }).end(); });
    shortener.route('/s/2', (_req, res) => { res.writeHead(301, { location: `${target.origin}/story-2` }).end(); });
    const { handler } = fetchFunction([target.hostPort, shortener.hostPort], { intervalMs: 0 });
    const moved = await newArticle(shortener.origin, '/s/1');
    const allowed = await newArticle(shortener.origin, '/s/2');
    expect((await handler(sqsEvent([moved, allowed]))).batchItemFailures).toEqual([]);
    const failed = await articles.get(moved.articleId);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'RobotsDisallowedError' } });
    expect(failed?.error?.reason).toContain(`robots.txt disallows ${target.origin}/private/memo`);
    expect(await articles.get(allowed.articleId)).toMatchObject({ status: 'fetched', finalUrl: `${target.origin}/story-2` });
    expect(targetRequests.map((r) => r.path)).toEqual(['/story-2']);
    expect(target.hits('/robots.txt')).toBe(1);
  });

  it('reads robots.txt once per site: from memory, then from the table for another function', async () => {
    const { server } = await site('User-agent: *\nDisallow: /private/\n');
    const first = fetchFunction([server.hostPort], { intervalMs: 0 });
    await first.handler(sqsEvent([await newArticle(server.origin, '/story-1')]));
    await first.handler(sqsEvent([await newArticle(server.origin, '/story-2')]));
    const second = fetchFunction([server.hostPort], { intervalMs: 0 });
    const other = await newArticle(server.origin, '/private/memo');
    await second.handler(sqsEvent([other]));
    expect(server.hits('/robots.txt')).toBe(1);
    expect(server.hits('/story-1') + server.hits('/story-2')).toBe(2);
    // The cached copy still decides.
    expect((await articles.get(other.articleId))?.error?.reason).toContain('robots.txt disallows');
  });

  it('allows everything when robots.txt is missing (404)', async () => {
    const { server } = await site();
    const { handler } = fetchFunction([server.hostPort], { intervalMs: 0 });
    const a = await newArticle(server.origin, '/private/memo');
    await handler(sqsEvent([a]));
    expect((await articles.get(a.articleId))?.status).toBe('fetched');
    expect(server.hits('/robots.txt')).toBe(1);
  });

  it('puts the article off for an hour when robots.txt answers 503, without fetching the page', async () => {
    const { server } = await site((_req, res) => { res.writeHead(503).end('down for maintenance'); });
    const { handler, fetchQueue, metrics } = fetchFunction([server.hostPort], { intervalMs: 0 });
    const a = await newArticle(server.origin, '/story-1');
    const before = Date.now();
    expect((await handler(sqsEvent([a]))).batchItemFailures).toEqual([]);
    expect(server.hits('/story-1')).toBe(0);
    expect(metrics.total('FetchesDeferred', { reason: 'RobotsUnavailable' })).toBe(1);
    const record = await articles.get(a.articleId);
    expect(record).toMatchObject({ status: 'queued', error: { code: 'FetchDeferred', retryable: true } });
    expect(record?.error?.reason).toMatch(/robots\.txt at .* answered HTTP 503/);
    const [resent] = (fetchQueue as RecordingQueue<FetchMessage>).sent;
    expect(resent.body).toMatchObject({ articleId: a.articleId, deferrals: 1 });
    expect(Date.parse(resent.body.notBefore ?? '') - before).toBeGreaterThanOrEqual(3600_000 - 1000);
    expect(Date.parse(resent.body.deferredSince ?? '')).toBeGreaterThanOrEqual(before - 1000);
    // SQS's limit; the rest of the hour is waited in further steps.
    expect(resent.delaySeconds).toBe(900);
  });

  it('lengthens the host\'s pace to its Crawl-delay', async () => {
    const { server, requests } = await site('User-agent: *\nCrawl-delay: 2\n');
    const { handler } = fetchFunction([server.hostPort], { intervalMs: 500 });
    await handler(sqsEvent([await newArticle(server.origin, '/story-1'), await newArticle(server.origin, '/story-2')]));
    const [a, b] = requests.map((r) => r.at).sort((x, y) => x - y);
    expect(b - a).toBeGreaterThanOrEqual(2000 - 20);
  });
});

describe('per-host pacing', () => {
  it('keeps requests to one host a second apart across two fetch functions, and does not hold back another host', async () => {
    const { server, requests } = await site('User-agent: *\nAllow: /\n');
    const { server: otherHost, requests: otherRequests } = await site();
    const lambdas = [fetchFunction([server.hostPort, otherHost.hostPort]), fetchFunction([server.hostPort, otherHost.hostPort])];
    const batches = [[], []] as FetchMessage[][];
    for (let i = 1; i <= 6; i++) batches[i % 2].push(await newArticle(server.origin, `/story-${i}`));
    const started = Date.now();
    const both = Promise.all(lambdas.map((l, i) => l.handler(sqsEvent(batches[i]))));
    // Meanwhile, a page on another host goes at once.
    await new Promise((r) => setTimeout(r, 200));
    await lambdas[0].handler(sqsEvent([await newArticle(otherHost.origin, '/open')]));
    const otherDoneAfter = Date.now() - started;
    await both;

    const times = requests.map((r) => r.at).sort((x, y) => x - y);
    expect(times).toHaveLength(6);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    const minGap = Math.min(...gaps);
    const meanGap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    console.info(`pacing, 6 articles on one host from 2 fetch functions: min gap ${minGap} ms, mean gap ${meanGap.toFixed(0)} ms`);
    // Slots are exactly 1000 ms apart; a request can leave a few ms after its slot, never before.
    expect(minGap).toBeGreaterThanOrEqual(1000 - 20);
    // robots.txt took the first slot: six pages then took about six more seconds, not six at once.
    expect(times[5] - started).toBeGreaterThanOrEqual(5000);
    expect(otherRequests.map((r) => r.path)).toEqual(['/open']);
    // Its own robots.txt, then its page a second later: not behind the first host's six.
    expect(otherDoneAfter).toBeLessThan(2500);
    expect(otherDoneAfter).toBeLessThan(times[5] - started);
  });

  it('puts the article off to its reserved slot when the host is booked for longer than a function should wait', async () => {
    const { server } = await site();
    const pace = new DynamoHostPaceStore(aws.clients.dynamo, aws.tableName);
    const bookedUntil = Date.now() + 60_000;
    await pace.holdUntil(server.hostPort, bookedUntil);
    const { handler, fetchQueue } = fetchFunction([server.hostPort]);
    const a = await newArticle(server.origin, '/story-1');
    expect((await handler(sqsEvent([a]))).batchItemFailures).toEqual([]);
    expect(server.hits('/story-1')).toBe(0);
    const [resent] = (fetchQueue as RecordingQueue<FetchMessage>).sent;
    // robots.txt had its turn first (it waits at most 10 s), so the page's slot is one interval later.
    expect(Date.parse(resent.body.paceSlot ?? '')).toBe(bookedUntil + 1000);
    expect(resent.body.notBefore).toBe(resent.body.paceSlot);
    // Back 5 s before the slot, to sleep the rest; the 24-hour clock is for the site's requests only.
    expect(resent.delaySeconds).toBeGreaterThan(40);
    expect(resent.delaySeconds).toBeLessThanOrEqual(60 - 5 + 1);
    expect(resent.body.deferredSince).toBeUndefined();
    const record = await articles.get(a.articleId);
    expect(record).toMatchObject({ status: 'queued', error: { code: 'FetchDeferred' } });
    expect(record?.error?.reason).toContain(`waiting for its turn on ${server.hostPort}`);
  });

  it('sends a message that is not due yet on again, towards its time, without fetching anything', async () => {
    const { server } = await site();
    const { handler, fetchQueue } = fetchFunction([server.hostPort]);
    const a = { ...(await newArticle(server.origin, '/story-1')), notBefore: new Date(Date.now() + 2 * 3600_000).toISOString(), deferrals: 3 };
    expect((await handler(sqsEvent([a]))).batchItemFailures).toEqual([]);
    expect((fetchQueue as RecordingQueue<FetchMessage>).sent).toEqual([{ body: a, delaySeconds: 900 }]);
    expect(server.hits('/robots.txt') + server.hits('/story-1')).toBe(0);
  });
});

describe('Retry-After', () => {
  it('puts the article off by the Retry-After of a 429, and holds the whole host that long', async () => {
    const { server } = await site();
    server.route('/busy', (_req, res) => { res.writeHead(429, { 'retry-after': '120' }).end('slow down'); });
    const { handler, fetchQueue, metrics } = fetchFunction([server.hostPort], { intervalMs: 0 });
    const a = await newArticle(server.origin, '/busy');
    const before = Date.now();
    expect((await handler(sqsEvent([a]))).batchItemFailures).toEqual([]);
    const [resent] = (fetchQueue as RecordingQueue<FetchMessage>).sent;
    expect(Date.parse(resent.body.notBefore ?? '') - before).toBeGreaterThanOrEqual(120_000);
    expect(resent.delaySeconds).toBeGreaterThanOrEqual(114);
    expect(resent.delaySeconds).toBeLessThanOrEqual(116);
    const record = await articles.get(a.articleId);
    expect(record?.status).toBe('queued');
    expect(record?.error?.reason).toMatch(/^the site asked to retry later \(HTTP 429, Retry-After 120 s\); the fetch waits until /);
    expect(metrics.total('FetchesDeferred', { reason: 'RetryAfter' })).toBe(1);
    // Another page of the same host now waits too: its slot is after the Retry-After.
    const paced = fetchFunction([server.hostPort], { intervalMs: 1000 });
    await paced.handler(sqsEvent([await newArticle(server.origin, '/story-1')]));
    expect(server.hits('/story-1')).toBe(0);
    expect(paced.metrics.total('FetchesDeferred', { reason: 'HostBusy' })).toBe(1);
    expect(Date.parse((paced.fetchQueue as RecordingQueue<FetchMessage>).sent[0].body.paceSlot ?? '')).toBeGreaterThanOrEqual(before + 120_000);
  });

  it('fails the article once the site has asked it to wait for over 24 hours in all', async () => {
    const { server } = await site();
    server.route('/down', (_req, res) => { res.writeHead(503, { 'retry-after': '3600' }).end(); });
    const { handler, fetchQueue } = fetchFunction([server.hostPort], { intervalMs: 0 });
    const since = new Date(Date.now() - MAX_SITE_WAIT_MS + 1800_000).toISOString();
    const a = { ...(await newArticle(server.origin, '/down')), deferredSince: since, deferrals: 24 };
    expect((await handler(sqsEvent([a]))).batchItemFailures).toEqual([]);
    expect((fetchQueue as RecordingQueue<FetchMessage>).sent).toEqual([]);
    const record = await articles.get(a.articleId);
    expect(record).toMatchObject({ status: 'failed', error: { code: 'FetchGaveUpWaitingError', retryable: false } });
    expect(record?.error?.reason).toBe(`the site asked to retry later (HTTP 503, Retry-After 3600 s), for over 24 hours since ${since}; submit the URL again to retry`);
  });

  it('through the local queue: the message comes back after the delay as a new one, and the page is fetched', async () => {
    const { server } = await site();
    server.route('/flaky', (_req, res, hit) => {
      if (hit === 1) res.writeHead(503, { 'retry-after': '1' }).end('busy');
      else res.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage('Talks in Geneva', STORY));
    });
    const receiveCounts: string[] = [];
    let handler: (e: SQSEvent) => Promise<SQSBatchResponse> = async () => ({ batchItemFailures: [] });
    const queue = new LocalQueue<FetchMessage>({
      name: 'fetch', maxReceiveCount: 3, retryDelayMs: 50, deadLetter: new LocalDeadLetterQueue({ name: 'fetch-dlq' }),
      handler: async (event) => {
        receiveCounts.push(...event.Records.map((r) => r.attributes.ApproximateReceiveCount));
        return handler(event);
      },
    });
    handler = fetchFunction([server.hostPort], { intervalMs: 0, fetchQueue: queue }).handler;
    queue.start();
    const a = await newArticle(server.origin, '/flaky');
    const started = Date.now();
    await queue.send([a]);
    await queue.idle();
    await queue.stop();
    expect((await articles.get(a.articleId))?.status).toBe('fetched');
    expect(server.hits('/flaky')).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // Two deliveries, each the first of its message; nothing failed back to the queue.
    expect(receiveCounts).toEqual(['1', '1']);
    expect(queue.stats()).toMatchObject({ delivered: 2, succeeded: 2, failed: 0, deadLettered: 0 });
  });
});
