// Stage handlers over real dynalite and s3rver: redelivery, missing raw pages, extractor crashes,
// and the retry/dead-letter rules of the SQS batch runner.

import { gzipSync } from 'node:zlib';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../functions/fetch/handler.js';
import { createProcessHandler } from '../../functions/process/handler.js';
import { DynamoArticleStore } from '../../shared/adapters/dynamo-article-store.js';
import { S3BlobStore } from '../../shared/adapters/s3-blob-store.js';
import type { ExtractedArticle } from '../../shared/article.js';
import { extractArticle } from '../../shared/extract/index.js';
import { silentLogger } from '../../shared/log.js';
import { MemoryMetrics } from '../../shared/metrics.js';
import { rawKeyFor } from '../../shared/pipeline/fetch-stage.js';
import { stageWindowMs } from '../../shared/pipeline/queue-settings.js';
import { getArticle } from '../../shared/pipeline/read-api.js';
import type { FetchedPage, PageFetcher, Queue } from '../../shared/ports.js';
import { articleIdFor } from '../../shared/url.js';
import { startTestAws, type TestAws } from '../support/aws.js';
import { sqsEvent } from '../support/sqs-event.js';

let aws: TestAws;
let articles: DynamoArticleStore;
let blobs: S3BlobStore;
let n = 0;

class RecordingQueue<T> implements Queue<T> {
  sent: T[] = [];
  dead: { body: T; reason: string }[] = [];
  async send(bodies: T[]) { this.sent.push(...bodies); }
  async deadLetter(body: T, reason: string) { this.dead.push({ body, reason }); }
}

const clock = { now: () => new Date() };
const PAGE = '<html lang="en"><head><title>Ministers meet</title></head><body><article><h1>Ministers meet</h1>'
  + '<p>The trade ministers of Kenya and Ghana met in Accra on Monday and agreed to cut tariffs on farm goods by half.</p>'
  + '<p>Both sides said the deal would be signed in January after their parliaments approve it, officials said.</p></article></body></html>';

async function newArticle(status: 'queued' | 'fetched' = 'queued') {
  const url = `https://news.example/story-${++n}`;
  const id = articleIdFor(url);
  await articles.create({ id, url, canonicalUrl: url, now: new Date().toISOString() });
  if (status === 'fetched') {
    await blobs.put(rawKeyFor(id), gzipSync(PAGE), 'text/html', 'gzip');
    await articles.markFetched(id, { rawKey: rawKeyFor(id), httpStatus: 200, finalUrl: url }, new Date().toISOString());
  }
  return { id, url };
}

beforeAll(async () => {
  aws = await startTestAws();
  articles = new DynamoArticleStore(aws.clients.dynamo, aws.tableName);
  blobs = new S3BlobStore(aws.clients.s3, aws.bucketName);
});
afterAll(() => aws?.close());

describe('fetch stage', () => {
  let processQueue: RecordingQueue<{ articleId: string }>;
  let dlq: RecordingQueue<{ articleId: string; url: string }>;
  let fetched: string[];
  let metrics: MemoryMetrics;
  const fetcher: PageFetcher = {
    async fetch(url): Promise<FetchedPage> {
      fetched.push(url);
      return { requestedUrl: url, finalUrl: url, status: 200, contentType: 'text/html', charset: 'utf-8', html: PAGE, bytes: PAGE.length, redirects: [] };
    },
  };
  const handler = () => createFetchHandler({ articles, blobs, fetcher, processQueue, deadLetter: dlq, clock, log: silentLogger, metrics });
  beforeEach(() => { processQueue = new RecordingQueue(); dlq = new RecordingQueue(); fetched = []; metrics = new MemoryMetrics(); });

  it('stores the raw page gzipped in S3, then hands over to the process queue', async () => {
    const { id, url } = await newArticle();
    const res = await handler()(sqsEvent([{ articleId: id, url }]));
    expect(res.batchItemFailures).toEqual([]);
    const raw = await blobs.get(rawKeyFor(id));
    expect(raw?.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect((await articles.get(id))?.status).toBe('fetched');
    expect(processQueue.sent).toEqual([{ articleId: id }]);
    expect(metrics.total('ArticlesFetched')).toBe(1);
    expect(metrics.points.filter((p) => p.name === 'FetchDuration')).toHaveLength(1);
  });

  it('does not fetch again when a message is redelivered after success', async () => {
    const { id, url } = await newArticle();
    await handler()(sqsEvent([{ articleId: id, url }]));
    await handler()(sqsEvent([{ articleId: id, url }], 2));
    expect(fetched).toEqual([url]);
    // ...but hands over again, in case the first delivery died between storing and handing over.
    expect(processQueue.sent).toEqual([{ articleId: id }, { articleId: id }]);
  });

  it('dead-letters a malformed message and a message for an unknown article', async () => {
    const res = await handler()(sqsEvent(['not json', { articleId: '0000000000000000', url: 'https://x.example/' }]));
    expect(res.batchItemFailures).toEqual([]);
    expect(dlq.dead.map((d) => d.reason)).toEqual([expect.stringMatching(/not a JSON object/), expect.stringMatching(/never ingested/)]);
  });

  it('retries only the failed message of a batch when the store is unreachable for it', async () => {
    const { id, url } = await newArticle();
    const failing: PageFetcher = { fetch: async (u) => { if (u === url) throw Object.assign(new Error('socket hang up'), { name: 'Error' }); return fetcher.fetch(u); } };
    const other = await newArticle();
    const res = await createFetchHandler({ articles, blobs, fetcher: failing, processQueue, deadLetter: dlq, clock, log: silentLogger, metrics })(
      sqsEvent([{ articleId: id, url }, { articleId: other.id, url: other.url }]));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
    const a = await articles.get(id);
    // Not final yet: the status stays, the error is kept as the last one seen.
    expect(a?.status).toBe('fetching');
    expect(a?.error).toMatchObject({ stage: 'fetch', reason: 'socket hang up', retryable: true });
    expect((await articles.get(other.id))?.status).toBe('fetched');
    expect(metrics.total('StageRetries', { stage: 'fetch' })).toBe(1);
    expect(metrics.total('ArticlesFetched')).toBe(1);
  });
});

describe('process stage', () => {
  let dlq: RecordingQueue<{ articleId: string }>;
  let metrics: MemoryMetrics;
  beforeEach(() => { dlq = new RecordingQueue(); metrics = new MemoryMetrics(); });
  const handler = (extract: (html: string, url: string) => ExtractedArticle = extractArticle) =>
    createProcessHandler({ articles, blobs, clock, extract, deadLetter: dlq, log: silentLogger, metrics });

  it('extracts and writes the clean text and fields to the record', async () => {
    const { id } = await newArticle('fetched');
    expect((await handler()(sqsEvent([{ articleId: id }]))).batchItemFailures).toEqual([]);
    const a = await articles.get(id);
    expect(a).toMatchObject({ status: 'processed', title: 'Ministers meet', lang: 'en' });
    expect(a?.text).toContain('agreed to cut tariffs');
    expect(a?.stages.process?.textKey).toBeUndefined();
  });

  it('keeps a text too large for a DynamoDB item in S3, and GET /articles/{id} still returns it', async () => {
    const { id } = await newArticle('fetched');
    const paragraph = 'The delegations met again on Thursday to review the draft text line by line. ';
    const longText = Array.from({ length: 3000 }, (_, i) => `${i}. ${paragraph}`).join('\n\n');
    const huge = (): ExtractedArticle => ({
      title: 'Long', byline: null, siteName: null, publishedTime: null, lang: 'en', excerpt: null,
      text: longText, paragraphs: [], wordCount: 42_000, extractor: 'readability',
    });
    expect((await handler(huge)(sqsEvent([{ articleId: id }]))).batchItemFailures).toEqual([]);
    const stored = await articles.get(id);
    expect(stored?.text).toBeUndefined();
    expect(stored?.stages.process?.textKey).toBe(`text/${id}.txt`);
    const served = await getArticle(id, { articles, blobs });
    expect(served.text).toBe(longText);
  });

  it('stores the text and the analysis as one compressed attribute, left out of the day index, and reads old records too', async () => {
    const { id } = await newArticle('fetched');
    await createProcessHandler({
      articles, blobs, clock, extract: extractArticle, deadLetter: dlq, log: silentLogger, metrics: new MemoryMetrics(),
      analyse: () => ({ actors: ['KEN', 'GHA'] }),
    })(sqsEvent([{ articleId: id }]));
    const key = { pk: `ARTICLE#${id}`, sk: 'ARTICLE' };
    const item = (await aws.clients.dynamo.send(new GetCommand({ TableName: aws.tableName, Key: key }))).Item!;
    expect(item.body).toBeInstanceOf(Uint8Array);
    expect(item.text).toBeUndefined();
    expect(item.analysis).toBeUndefined();
    expect(await articles.get(id)).toMatchObject({ text: expect.stringContaining('agreed to cut tariffs'), analysis: { actors: ['KEN', 'GHA'] } });
    const listed = (await articles.listByDay(item.day as string, { limit: 100 })).items.find((a) => a.id === id);
    expect(listed).toMatchObject({ id, status: 'analyzed', title: 'Ministers meet' });
    expect(listed?.text).toBeUndefined();
    // A record written before the text was compressed: plain attributes, read as they are.
    await aws.clients.dynamo.send(new UpdateCommand({
      TableName: aws.tableName, Key: key, UpdateExpression: 'SET #t = :t, analysis = :a REMOVE body',
      ExpressionAttributeNames: { '#t': 'text' }, ExpressionAttributeValues: { ':t': 'Old plain text.', ':a': { old: true } },
    }));
    expect(await articles.get(id)).toMatchObject({ text: 'Old plain text.', analysis: { old: true } });
  });

  it('calls the analyser seam and stores what it returns', async () => {
    const { id } = await newArticle('fetched');
    const res = await createProcessHandler({
      articles, blobs, clock, extract: extractArticle, deadLetter: dlq, log: silentLogger, metrics: new MemoryMetrics(),
      analyse: (article) => ({ words: article.wordCount }),
    })(sqsEvent([{ articleId: id }]));
    expect(res.batchItemFailures).toEqual([]);
    const a = await articles.get(id);
    expect(a?.status).toBe('analyzed');
    expect(a?.analysis).toEqual({ words: a?.wordCount });
  });

  it('fails with a clear reason when the raw page is missing, without retrying', async () => {
    const { id } = await newArticle();
    await handler()(sqsEvent([{ articleId: id }]));
    const a = await articles.get(id);
    expect(a?.status).toBe('failed');
    expect(a?.error).toMatchObject({ stage: 'process', code: 'NotFoundError', retryable: false });
    expect(a?.error?.reason).toMatch(/missing from storage.*ingest the URL again/);
    // Handled and recorded: not a crash, so nothing goes to the DLQ (whose alarm is for crashes).
    expect(dlq.dead).toHaveLength(0);
    // Counted by stage and reason, for the dashboard and alarms.
    expect(metrics.points.filter((p) => p.name === 'ArticlesFailed')).toEqual([
      { name: 'ArticlesFailed', value: 1, dimensions: { stage: 'process', reason: 'NotFoundError' } },
    ]);
  });

  it('retries an unexpected extractor crash, then marks the article failed on the last delivery', async () => {
    const { id } = await newArticle('fetched');
    const crash = () => { throw new RangeError('Maximum call stack size exceeded'); };
    const first = await handler(crash)(sqsEvent([{ articleId: id }], 1));
    // A batch whose only record failed is still a partial response, not a thrown error.
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
    expect((await articles.get(id))?.status).toBe('fetched');
    const last = await handler(crash)(sqsEvent([{ articleId: id }], 3));
    // Returned as failed so SQS's redrive moves it to the DLQ; the record says why.
    expect(last.batchItemFailures).toHaveLength(1);
    const a = await articles.get(id);
    expect(a?.status).toBe('failed');
    expect(a?.error).toMatchObject({ stage: 'process', code: 'RangeError', retryable: true });
    // The raw page is still there: the article can be processed again.
    expect(await blobs.get(rawKeyFor(id))).toBeDefined();
  });

  it('ignores a redelivered message for a processed article', async () => {
    const { id } = await newArticle('fetched');
    await handler()(sqsEvent([{ articleId: id }]));
    const before = await articles.get(id);
    let called = false;
    await handler(() => { called = true; throw new Error('must not run'); })(sqsEvent([{ articleId: id }], 2));
    expect(called).toBe(false);
    expect(await articles.get(id)).toEqual(before);
  });
});

describe('article store', () => {
  it('creates once: the second create of the same id is a duplicate', async () => {
    const url = 'https://news.example/dup';
    const a = { id: articleIdFor(url), url, canonicalUrl: url, now: new Date().toISOString() };
    expect(await articles.create(a)).toBe(true);
    expect(await articles.create(a)).toBe(false);
  });

  it('files an article under the day it was first fetched', async () => {
    const url = 'https://news.example/late';
    const id = articleIdFor(url);
    await articles.create({ id, url, canonicalUrl: url, now: '2026-11-27T23:59:59.000Z' });
    expect((await articles.listByDay('2026-11-27')).items.map((i) => i.id)).toContain(id);
    await articles.beginFetch(id, '2026-11-28T00:00:01.000Z');
    await articles.beginFetch(id, '2026-11-29T10:00:00.000Z'); // a retry on a later day does not move it again
    expect((await articles.get(id))?.day).toBe('2026-11-28');
    expect((await articles.listByDay('2026-11-27')).items.map((i) => i.id)).not.toContain(id);
    expect((await articles.listByDay('2026-11-28')).items.map((i) => i.id)).toContain(id);
  });

  it('requeues only a failed article', async () => {
    const { id } = await newArticle();
    expect(await articles.requeue(id, new Date().toISOString())).toBe(false);
    await articles.markFailed(id, { stage: 'fetch', code: 'X', reason: 'r', retryable: false, at: new Date().toISOString() });
    expect(await articles.requeue(id, new Date().toISOString())).toBe(true);
    expect(await articles.get(id)).toMatchObject({ status: 'queued' });
    expect((await articles.get(id))?.error).toBeUndefined();
  });

  it('puts a fetch off: back to queued with the reason, and out of the sweeper\'s way until after the wait', async () => {
    const { id } = await newArticle();
    const now = new Date();
    await articles.beginFetch(id, now.toISOString());
    const until = new Date(now.getTime() + 6 * 3600_000).toISOString();
    const reason = { stage: 'fetch' as const, code: 'FetchDeferred', reason: `the site asked to retry later; the fetch waits until ${until}`, retryable: true, at: now.toISOString() };
    expect(await articles.deferFetch(id, until, reason)).toBe(true);
    expect(await articles.get(id)).toMatchObject({ status: 'queued', error: reason });
    // Not overdue at the end of an ordinary fetch window, nor at the end of the wait itself...
    const inFlightBy = async (t: number) => (await articles.listInFlight(new Date(t).toISOString())).map((a) => a.id);
    expect(await inFlightBy(now.getTime() + stageWindowMs('fetch') + 60_000)).not.toContain(id);
    expect(await inFlightBy(Date.parse(until))).not.toContain(id);
    // ...only a fetch window after it.
    expect(await inFlightBy(Date.parse(until) + stageWindowMs('fetch') + 1)).toContain(id);
    // The next delivery takes it up as usual, and clears the reason.
    expect(await articles.beginFetch(id, new Date().toISOString())).toMatchObject({ status: 'fetching' });
    expect((await articles.get(id))?.error).toBeUndefined();
  });

  it('does not put off an article already fetched', async () => {
    const { id } = await newArticle('fetched');
    const at = new Date().toISOString();
    expect(await articles.deferFetch(id, at, { stage: 'fetch', code: 'FetchDeferred', reason: 'r', retryable: true, at })).toBe(false);
    expect((await articles.get(id))?.status).toBe('fetched');
  });
});

describe('process stage with a failing analyser', () => {
  it('keeps the extracted article as processed and records why it was not analysed', async () => {
    const { id } = await newArticle('fetched');
    const dlq = new RecordingQueue<{ articleId: string }>();
    const res = await createProcessHandler({
      articles, blobs, clock, extract: extractArticle, deadLetter: dlq, log: silentLogger, metrics: new MemoryMetrics(),
      analyse: () => { throw new TypeError('cannot read properties of undefined'); },
    })(sqsEvent([{ articleId: id }]));
    expect(res.batchItemFailures).toEqual([]);
    const a = await articles.get(id);
    expect(a?.status).toBe('processed');
    expect(a?.text).toContain('agreed to cut tariffs');
    expect(a?.analysis).toBeUndefined();
    expect(a?.error).toMatchObject({ stage: 'process', code: 'TypeError', retryable: false });
    expect(a?.error?.reason).toMatch(/^analysis failed: cannot read/);
  });
});
