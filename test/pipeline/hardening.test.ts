// Nothing stuck, nothing lost: ingest that fails part-way, stage transitions that never move a
// record backwards, the sweeper, the dead-letter consumer and the process function's time budget.
// Against the real embedded DynamoDB and S3 (test/support/aws.ts); the failures are injected into
// the real store and queue by wrappers that throw for chosen calls.

import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../functions/fetch/handler.js';
import { createProcessHandler } from '../../functions/process/handler.js';
import { DynamoArticleStore } from '../../shared/adapters/dynamo-article-store.js';
import { S3BlobStore } from '../../shared/adapters/s3-blob-store.js';
import type { ExtractedArticle } from '../../shared/article.js';
import { extractArticle } from '../../shared/extract/index.js';
import { silentLogger } from '../../shared/log.js';
import { MemoryMetrics } from '../../shared/metrics.js';
import { settleDeadLetters } from '../../shared/pipeline/dead-letters.js';
import { rawKeyFor } from '../../shared/pipeline/fetch-stage.js';
import { ingestUrls, type IngestDeps } from '../../shared/pipeline/ingest.js';
import { MAX_ANALYSED_CHARS } from '../../shared/pipeline/process-stage.js';
import { MAX_SWEEPS, stageWindowMs } from '../../shared/pipeline/queue-settings.js';
import { resendInFlight, sweepOverdue, type SweeperDeps } from '../../shared/pipeline/sweeper.js';
import type { ArticleStore, FetchMessage, Queue, SendOptions } from '../../shared/ports.js';
import { articleIdFor, canonicalizeUrl } from '../../shared/url.js';
import { startTestAws, type TestAws } from '../support/aws.js';
import { sqsEvent } from '../support/sqs-event.js';

let aws: TestAws;
let articles: DynamoArticleStore;
let blobs: S3BlobStore;
let n = 0;

beforeAll(async () => {
  aws = await startTestAws({ tableName: 'hardening' });
  articles = new DynamoArticleStore(aws.clients.dynamo, aws.tableName);
  blobs = new S3BlobStore(aws.clients.s3, aws.bucketName);
});
afterAll(() => aws?.close());

class RecordingQueue<T> implements Queue<T> {
  sent: T[] = [];
  delays: (number | undefined)[] = [];
  dead: { body: T; reason: string }[] = [];
  async send(bodies: T[], options?: SendOptions) { this.sent.push(...bodies); this.delays.push(...bodies.map(() => options?.delaySeconds)); }
  async deadLetter(body: T, reason: string) { this.dead.push({ body, reason }); }
}

const at = (iso: string) => ({ now: () => new Date(iso) });
const PAGE = '<html lang="en"><head><title>Ministers meet</title></head><body><article><h1>Ministers meet</h1>'
  + '<p>The trade ministers of Kenya and Ghana met in Accra on Monday and agreed to cut tariffs on farm goods by half.</p>'
  + '<p>Both sides said the deal would be signed in January after their parliaments approve it, officials said.</p></article></body></html>';

const urls = (count: number) => Array.from({ length: count }, () => `https://news.example/hardening-${++n}`);

function ingestDeps(store: ArticleStore, fetchQueue: Queue<FetchMessage>, now = new Date().toISOString()): IngestDeps & { metrics: MemoryMetrics } {
  return { articles: store, fetchQueue, clock: at(now), log: silentLogger, metrics: new MemoryMetrics(), maxUrlsPerRequest: 100, precheck: () => null };
}

describe('ingest never strands a record', () => {
  it('settles every URL on its own when the store fails for one and the queue for one batch of ten', async () => {
    const batch = urls(25);
    const brokenId = articleIdFor(canonicalizeUrl(batch[6]));
    // The real store, failing one create as a throttle or an item over 400 KB would.
    const store = Object.create(articles) as DynamoArticleStore;
    store.create = async (a) => {
      if (a.id === brokenId) throw Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' });
      return articles.create(a);
    };
    // SQS refuses the second batch of ten messages.
    const queue = new RecordingQueue<FetchMessage>();
    const send = queue.send.bind(queue);
    let sends = 0;
    queue.send = async (bodies) => { if (++sends === 2) throw new Error('SQS is unavailable'); return send(bodies); };

    const result = await ingestUrls(batch, ingestDeps(store, queue));

    // The broken URL: rejected with the reason, and no record.
    expect(result.rejected.find((r) => r.url === batch[6])).toMatchObject({ reason: expect.stringMatching(/could not be recorded.*submit the URL again/) });
    expect(await articles.get(brokenId)).toBeUndefined();
    // The second batch of ten messages was refused: those ten are rejected with their id and marked failed.
    const unqueued = result.rejected.filter((r) => r.id);
    expect(unqueued).toHaveLength(10);
    for (const r of unqueued) {
      expect(r.reason).toMatch(/could not be queued/);
      expect(await articles.get(r.id!)).toMatchObject({ status: 'failed', error: { stage: 'ingest', retryable: true } });
    }
    // Everything else is accepted, and every queued record has its message.
    expect(result.accepted).toHaveLength(14);
    const sentIds = new Set(queue.sent.map((m) => m.articleId));
    for (const a of result.accepted) {
      expect((await articles.get(a.id))?.status).toBe('queued');
      expect(sentIds.has(a.id)).toBe(true);
    }

    // Submitting them again requeues the failed ones and records the broken one.
    const again = await ingestUrls(batch, ingestDeps(articles, queue));
    expect(again.requeued).toHaveLength(10);
    expect(again.accepted.map((a) => a.url)).toEqual([batch[6]]);
    expect(again.rejected).toEqual([]);
  });

  it('stores the trimmed URL: a URL padded with whitespace cannot make the item too large', async () => {
    const [url] = urls(1);
    const result = await ingestUrls([url + ' '.repeat(400_000)], ingestDeps(articles, new RecordingQueue()));
    expect(result.accepted).toHaveLength(1);
    expect((await articles.get(result.accepted[0].id))?.url).toBe(url);
  });

  it('requeues a resubmitted URL whose record sat queued longer than a delivery may hold it, and not a fresh one', async () => {
    const [url] = urls(1);
    const t0 = '2026-12-01T10:00:00.000Z';
    const lostQueue = new RecordingQueue<FetchMessage>();
    await ingestUrls([url], ingestDeps(articles, lostQueue, t0));
    const queue = new RecordingQueue<FetchMessage>();
    const soon = await ingestUrls([url], ingestDeps(articles, queue, '2026-12-01T10:01:00.000Z'));
    expect(soon.duplicates).toEqual([expect.objectContaining({ status: 'queued' })]);
    const later = await ingestUrls([url], ingestDeps(articles, queue, '2026-12-01T10:30:00.000Z'));
    expect(later.requeued).toHaveLength(1);
    expect(queue.sent.map((m) => m.url)).toEqual([url]);
  });
});

describe('stage transitions never move a record backwards', () => {
  async function analyzedArticle() {
    const [url] = urls(1);
    const id = articleIdFor(url);
    await articles.create({ id, url, canonicalUrl: url, now: new Date().toISOString() });
    await blobs.put(rawKeyFor(id), gzipSync(PAGE), 'text/html', 'gzip');
    await articles.markFetched(id, { rawKey: rawKeyFor(id), httpStatus: 200, finalUrl: url }, new Date().toISOString());
    const processQueue = new RecordingQueue<{ articleId: string }>();
    const process = createProcessHandler({
      articles, blobs, clock: at(new Date().toISOString()), extract: extractArticle, analyse: () => ({ ok: true }),
      deadLetter: processQueue, log: silentLogger, metrics: new MemoryMetrics(),
    });
    await process(sqsEvent([{ articleId: id }]));
    expect((await articles.get(id))?.status).toBe('analyzed');
    return { id, url, process };
  }

  it('acknowledges a duplicate fetch and process delivery after analyzed, and changes nothing', async () => {
    const { id, url, process } = await analyzedArticle();
    const before = await articles.get(id);
    const processQueue = new RecordingQueue<{ articleId: string }>();
    let fetched = 0;
    const fetch = createFetchHandler({
      articles, blobs, processQueue, deadLetter: new RecordingQueue(), clock: at(new Date().toISOString()), log: silentLogger,
      metrics: new MemoryMetrics(), fetcher: { fetch: async () => { fetched++; throw new Error('not to be called'); } },
    });
    expect((await fetch(sqsEvent([{ articleId: id, url }], 2))).batchItemFailures).toEqual([]);
    expect((await process(sqsEvent([{ articleId: id }], 2))).batchItemFailures).toEqual([]);
    expect(fetched).toBe(0);
    expect(processQueue.sent).toEqual([]);
    expect(await articles.get(id)).toEqual(before);
  });

  it('refuses every write that would move an analyzed article back: fetched, processed again, failed, retried', async () => {
    const { id } = await analyzedArticle();
    const now = new Date().toISOString();
    expect(await articles.markFetched(id, { rawKey: 'x', httpStatus: 200 }, now)).toBe(false);
    expect(await articles.markProcessed(id, { status: 'processed', wordCount: 1, process: { startedAt: now, finishedAt: now, extractor: 'readability', durationMs: 0 } }, now)).toBe(false);
    expect(await articles.markFailed(id, { stage: 'process', code: 'Late', reason: 'late crash', retryable: true, at: now })).toBe(false);
    expect(await articles.noteRetry(id, { stage: 'process', code: 'Late', reason: 'late', retryable: true, at: now })).toBe(false);
    expect(await articles.get(id)).toMatchObject({ status: 'analyzed' });
    expect((await articles.get(id))?.error).toBeUndefined();
    // And it has left the in-flight index.
    expect((await articles.listInFlight()).some((a) => a.id === id)).toBe(false);
  });
});

describe('the sweeper', () => {
  const sweeper = (now: string, fetchQueue = new RecordingQueue<FetchMessage>(), processQueue = new RecordingQueue<{ articleId: string }>()) => ({
    deps: { articles, fetchQueue, processQueue, clock: at(now), log: silentLogger, metrics: new MemoryMetrics() } satisfies SweeperDeps,
    fetchQueue,
    processQueue,
  });

  it('finds, through the in-flight index, an article whose message was lost; resends it; fails it after MAX_SWEEPS', async () => {
    const [url] = urls(1);
    const id = articleIdFor(url);
    const t0 = Date.parse('2026-11-01T00:00:00.000Z');
    await articles.create({ id, url, canonicalUrl: url, now: new Date(t0).toISOString() });
    const window = stageWindowMs('fetch');

    // Before its deadline: left alone.
    const early = sweeper(new Date(t0 + window - 1000).toISOString());
    await sweepOverdue(early.deps);
    expect(early.fetchQueue.sent.filter((m) => m.articleId === id)).toEqual([]);

    // Each deadline passed: resent, with a new deadline.
    let now = t0;
    for (let sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
      now += window + 1000;
      const s = sweeper(new Date(now).toISOString());
      await sweepOverdue(s.deps);
      expect(s.fetchQueue.sent.filter((m) => m.articleId === id), `sweep ${sweep}`).toEqual([{ articleId: id, url }]);
      expect((await articles.listInFlight()).find((a) => a.id === id)?.sweeps).toBe(sweep);
      // A second sweeper at the same moment finds nothing left to do.
      const twin = sweeper(new Date(now).toISOString());
      await sweepOverdue(twin.deps);
      expect(twin.fetchQueue.sent.filter((m) => m.articleId === id)).toEqual([]);
    }
    now += window + 1000;
    const last = sweeper(new Date(now).toISOString());
    await sweepOverdue(last.deps);
    expect(await articles.get(id)).toMatchObject({ status: 'failed', error: { stage: 'fetch', code: 'StuckError' } });
    expect(last.deps.metrics.total('ArticlesFailed', { stage: 'fetch', reason: 'StuckError' })).toBe(1);
    expect((await articles.listInFlight()).some((a) => a.id === id)).toBe(false);
  });

  it('resends the process message of an article left fetched by a process function that crashed', async () => {
    const [url] = urls(1);
    const id = articleIdFor(url);
    const t0 = '2026-11-02T00:00:00.000Z';
    await articles.create({ id, url, canonicalUrl: url, now: t0 });
    await articles.markFetched(id, { rawKey: rawKeyFor(id), httpStatus: 200 }, t0);
    const s = sweeper(new Date(Date.parse(t0) + stageWindowMs('process') + 1000).toISOString());
    await sweepOverdue(s.deps);
    expect(s.processQueue.sent.filter((m) => m.articleId === id)).toEqual([{ articleId: id }]);
  });
});

describe('a restart of the local runtime', () => {
  it('sends every article in flight its message again, and a fetch put off at a site\'s request only at the end of its wait', async () => {
    const [plain, deferred] = urls(2);
    const t0 = '2026-11-03T00:00:00.000Z';
    for (const url of [plain, deferred]) await articles.create({ id: articleIdFor(url), url, canonicalUrl: url, now: t0 });
    const until = '2026-11-03T00:20:00.000Z';
    await articles.deferFetch(articleIdFor(deferred), until, { stage: 'fetch', code: 'FetchDeferred', reason: 'Retry-After 1200 s', retryable: true, at: t0 });
    const fetchQueue = new RecordingQueue<FetchMessage>();
    const inFlight = (await articles.listInFlight()).filter((a) => [plain, deferred].map(articleIdFor).includes(a.id));
    await resendInFlight(inFlight, { fetchQueue, processQueue: new RecordingQueue(), clock: at('2026-11-03T00:01:00.000Z') });
    const sent = (url: string) => fetchQueue.sent.findIndex((m) => m.articleId === articleIdFor(url));
    expect(fetchQueue.sent[sent(plain)]).toEqual({ articleId: articleIdFor(plain), url: plain });
    expect(fetchQueue.delays[sent(plain)]).toBeUndefined();
    expect(fetchQueue.sent[sent(deferred)]).toEqual({ articleId: articleIdFor(deferred), url: deferred, notBefore: until });
    // 19 minutes away: the longest SQS delay, then the fetch stage sends it on towards its time.
    expect(fetchQueue.delays[sent(deferred)]).toBe(900);
  });
});

describe('the dead-letter consumer', () => {
  it('marks the article of a crashed delivery failed with the stage, leaves a settled one alone, and counts both', async () => {
    const [stuckUrl, failedUrl] = urls(2);
    const stuck = articleIdFor(stuckUrl);
    const failed = articleIdFor(failedUrl);
    const now = new Date().toISOString();
    await articles.create({ id: stuck, url: stuckUrl, canonicalUrl: stuckUrl, now });
    await articles.beginFetch(stuck, now);
    await articles.create({ id: failed, url: failedUrl, canonicalUrl: failedUrl, now });
    await articles.markFailed(failed, { stage: 'fetch', code: 'FetchResponseError', reason: 'HTTP 404', retryable: false, at: now });
    const metrics = new MemoryMetrics();

    const out = await settleDeadLetters(sqsEvent([{ articleId: stuck, url: stuckUrl }, { articleId: failed, url: failedUrl }, 'not json']),
      { articles, clock: at(now), log: silentLogger, metrics });

    expect(out.batchItemFailures).toEqual([]);
    expect(await articles.get(stuck)).toMatchObject({ status: 'failed', error: { stage: 'fetch', code: 'DeliveryFailed', reason: expect.stringMatching(/crashed or timed out/) } });
    expect((await articles.get(failed))?.error).toMatchObject({ code: 'FetchResponseError', reason: 'HTTP 404' });
    expect(metrics.total('DeadLetters', { stage: 'fetch', reason: 'DeliveryFailed' })).toBe(1);
    expect(metrics.total('DeadLetters', { reason: 'AlreadySettled' })).toBe(1);
    expect(metrics.total('DeadLetters', { reason: 'MalformedMessage' })).toBe(1);
  });
});

describe('the process function\'s time budget', () => {
  it('returns the messages it will not reach in its remaining time, untouched, and works on the ones it can', async () => {
    const ids: string[] = [];
    for (const url of urls(3)) {
      const id = articleIdFor(url);
      ids.push(id);
      await articles.create({ id, url, canonicalUrl: url, now: new Date().toISOString() });
      await blobs.put(rawKeyFor(id), gzipSync(PAGE), 'text/html', 'gzip');
      await articles.markFetched(id, { rawKey: rawKeyFor(id), httpStatus: 200, finalUrl: url }, new Date().toISOString());
    }
    const metrics = new MemoryMetrics();
    const process = createProcessHandler({
      articles, blobs, clock: at(new Date().toISOString()), extract: extractArticle, deadLetter: new RecordingQueue(), log: silentLogger, metrics,
    });
    // Time for one page: the first is processed, the other two go back to the queue.
    let remaining = 20_000;
    const res = await process(sqsEvent(ids.map((articleId) => ({ articleId }))), () => { const r = remaining; remaining = 1_000; return r; });
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-2' }]);
    expect((await articles.get(ids[0]))?.status).toBe('processed');
    for (const id of ids.slice(1)) expect(await articles.get(id)).toMatchObject({ status: 'fetched' });
    expect((await articles.get(ids[1]))?.error).toBeUndefined();
    expect(metrics.total('DeferredMessages', { stage: 'process' })).toBe(2);
  });

  it('analyses at most MAX_ANALYSED_CHARS of a very long text, and keeps the whole text', async () => {
    const [url] = urls(1);
    const id = articleIdFor(url);
    await articles.create({ id, url, canonicalUrl: url, now: new Date().toISOString() });
    await blobs.put(rawKeyFor(id), gzipSync(PAGE), 'text/html', 'gzip');
    await articles.markFetched(id, { rawKey: rawKeyFor(id), httpStatus: 200, finalUrl: url }, new Date().toISOString());
    const paragraph = 'The delegations met again on Thursday to review the draft text line by line.';
    const long: ExtractedArticle = {
      title: 'Long', byline: null, siteName: null, publishedTime: null, lang: 'en', excerpt: null,
      paragraphs: Array.from({ length: 4000 }, () => paragraph), text: Array.from({ length: 4000 }, () => paragraph).join('\n'),
      wordCount: 4000 * 14, extractor: 'readability',
    };
    let analysed = 0;
    const process = createProcessHandler({
      articles, blobs, clock: at(new Date().toISOString()), extract: () => long, analyse: (a) => { analysed = a.text.length; return { ok: true }; },
      deadLetter: new RecordingQueue(), log: silentLogger, metrics: new MemoryMetrics(),
    });
    await process(sqsEvent([{ articleId: id }]));
    expect(long.text.length).toBeGreaterThan(MAX_ANALYSED_CHARS);
    expect(analysed).toBeGreaterThan(MAX_ANALYSED_CHARS * 0.9);
    expect(analysed).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    expect((await articles.get(id))?.wordCount).toBe(long.wordCount);
  });
});
