// Stored digests over real dynalite and s3rver: inline when small, gzipped in S3 when larger than
// an item, listed by date range, the previous one found for the changes; and the service on top.

import { gunzipSync } from 'node:zlib';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../shared/adapters/s3-blob-store.js';
import { BadRequestError, NotFoundError } from '../../shared/errors.js';
import { DynamoAggregateStore } from '../../shared/adapters/dynamo-aggregate-store.js';
import { buildDigest } from '../../shared/digest/build.js';
import { DIGEST_INLINE_MAX_BYTES, digestS3Key, DigestStore } from '../../shared/adapters/dynamo-digest-store.js';
import { addArticleToDay, buildAndStoreDigest, getDigest, listDigests } from '../../shared/digest/service.js';
import type { DayAggregates, Digest } from '../../shared/digest/types.js';
import type { ArticleRecord } from '../../shared/article.js';
import type { Analysis } from '../../shared/analysis/types.js';
import { startTestAws, type TestAws } from '../support/aws.js';

let aws: TestAws;
let digests: DigestStore;
let blobs: S3BlobStore;
let aggregates: DynamoAggregateStore;

beforeAll(async () => {
  aws = await startTestAws();
  blobs = new S3BlobStore(aws.clients.s3, aws.bucketName);
  digests = new DigestStore(aws.clients.dynamo, aws.tableName, blobs);
  aggregates = new DynamoAggregateStore(aws.clients.dynamo, aws.tableName);
});
afterAll(() => aws?.close());

const AT = '2026-12-01T00:10:00.000Z';
const empty = (day: string): DayAggregates => ({
  day, articleCount: 0, actors: [], relations: [], sources: [], topStances: [], lines: [], duplicates: [], stats: { items: 0, requests: 1 },
});

function digestOf(day: string, articles = 1, actors: string[] = ['RUS', 'USA', 'UKR', 'FRA']): Digest {
  return buildDigest(day, {
    ...empty(day),
    articleCount: articles,
    actors: actors.map((id, i) => ({
      id, name: `Name ${id}`, type: 'country', articles: 1, mentions: 1, salienceSum: 1 - i / 10, givenSum: 0, givenCount: 0, receivedSum: 0, receivedCount: 0,
    })),
    relations: [{ source: actors[0], target: actors[1], net: day < '2026-11-15' ? 5 : -5, count: 1, articles: 1, evidence: [] }],
    lines: Array.from({ length: articles }, (_, i) => ({
      id: `${day}-${String(i).padStart(5, '0')}`, url: `https://news.example/${day}/${i}`, title: `A headline of the kind a news site writes, number ${i}`,
      site: 'news.example', summary: `A summary sentence as long as the digest allows, describing what happened in article ${i} of the day. `.repeat(2),
    })),
  }, undefined, undefined, { generatedAt: AT });
}

const clock = (iso: string) => ({ now: () => new Date(iso) });

describe('DigestStore', () => {
  it('keeps a small digest inline and gives it back', async () => {
    const d = digestOf('2026-11-01');
    await digests.put(d);
    expect(await digests.get('2026-11-01')).toEqual(d);
    const item = (await aws.clients.dynamo.send(new GetCommand({ TableName: aws.tableName, Key: { pk: 'DIGEST#2026-11-01', sk: 'DIGEST' } }))).Item!;
    expect(typeof item.body).toBe('string');
    expect(item.s3Key).toBeUndefined();
  });

  it('puts a digest larger than an item in S3, gzipped, and still gives it back', async () => {
    const d = digestOf('2026-11-02', 2_000);
    const bytes = Buffer.byteLength(JSON.stringify(d));
    expect(bytes).toBeGreaterThan(400_000);
    await digests.put(d);
    expect(await digests.get('2026-11-02')).toEqual(d);
    const item = (await aws.clients.dynamo.send(new GetCommand({ TableName: aws.tableName, Key: { pk: 'DIGEST#2026-11-02', sk: 'DIGEST' } }))).Item!;
    expect(item).toMatchObject({ s3Key: digestS3Key('2026-11-02'), bytes, articleCount: 2_000 });
    expect(item.body).toBeUndefined();
    const gz = await blobs.get('digests/2026-11-02.json.gz');
    expect(gz!.length).toBeLessThan(bytes / 3);
    expect(JSON.parse(gunzipSync(gz!).toString('utf8'))).toEqual(d);
  });

  it('a day rebuilt smaller moves back inline', async () => {
    await digests.put(digestOf('2026-11-03', 2_000));
    const small = digestOf('2026-11-03', 3);
    await digests.put(small);
    expect(Buffer.byteLength(JSON.stringify(small))).toBeLessThan(DIGEST_INLINE_MAX_BYTES);
    expect(await digests.get('2026-11-03')).toEqual(small);
  });

  it('an unknown day is undefined', async () => {
    expect(await digests.get('1999-01-01')).toBeUndefined();
  });

  it('lists summaries in a date range, oldest first', async () => {
    for (const day of ['2026-10-01', '2026-10-03', '2026-10-05', '2026-10-09']) await digests.put(digestOf(day, 2));
    const list = await digests.list('2026-10-02', '2026-10-05');
    expect(list).toEqual([
      { date: '2026-10-03', articleCount: 2, generatedAt: AT, topActors: ['Name RUS', 'Name USA', 'Name UKR'] },
      { date: '2026-10-05', articleCount: 2, generatedAt: AT, topActors: ['Name RUS', 'Name USA', 'Name UKR'] },
    ]);
    expect(await digests.list('2026-10-06', '2026-10-08')).toEqual([]);
    // A range given backwards is empty, not a DynamoDB ValidationException (a 500 at the API).
    expect(await digests.list('2026-10-05', '2026-10-02')).toEqual([]);
  });

  it('finds the latest digest strictly before a day, with its comparison basis', async () => {
    const prev = await digests.previousBefore('2026-10-05');
    expect(prev).toMatchObject({ date: '2026-10-03', articleCount: 2 });
    expect(prev!.basis!.actors[0]).toEqual(['RUS', 'Name RUS', 1, 1]);
    expect((await digests.previousBefore('2026-10-10'))!.date).toBe('2026-10-09');
    expect(await digests.previousBefore('2000-01-01')).toBeUndefined();
  });

  it('falls back to the digest itself when it was stored without a basis', async () => {
    const { basis: _basis, ...bare } = digestOf('2026-09-01', 2);
    await digests.put(bare);
    const prev = await digests.previousBefore('2026-09-02');
    expect(prev).toMatchObject({ date: '2026-09-01', relations: bare.relations, topActors: bare.topActors });
  });
});

describe('digest service', () => {
  const analysis: Analysis = {
    actors: [
      { id: 'USA', name: 'United States', type: 'country', aliases: [], mentions: [{ start: 0, end: 2 }], salience: 0.9 },
      { id: 'RUS', name: 'Russia', type: 'country', aliases: [], mentions: [{ start: 5, end: 11 }], salience: 0.7 },
    ],
    stances: [{ sentence: 0, text: 'The US threatened Russia with new sanctions.', source: 'USA', target: 'RUS', polarity: -1, score: -5.8, category: 'threaten', claim: null, confidence: 0.8 }],
    summary: ['The US threatened Russia with new sanctions.'],
  };
  const record = (id: string, day: string): ArticleRecord => ({
    id, url: `https://news.example/${id}`, canonicalUrl: `https://news.example/${id}`, status: 'analyzed', day,
    createdAt: `${day}T06:00:00Z`, updatedAt: `${day}T06:00:00Z`, stages: { ingest: { at: `${day}T06:00:00Z` } }, title: `Story ${id}`,
  });
  const deps = (now: string) => ({ aggregates, digests, clock: clock(now) });

  it('builds a day from its aggregates, stores it, and compares with the previous digest', async () => {
    await addArticleToDay(record('0000000000000001', '2026-08-01'), analysis, aggregates);
    const first = await buildAndStoreDigest('2026-08-01', deps('2026-08-02T00:05:00Z'));
    expect(first).toMatchObject({ date: '2026-08-01', articleCount: 1, generatedAt: '2026-08-02T00:05:00.000Z' });
    expect(first.relations[0]).toMatchObject({ source: 'USA', target: 'RUS', net: -5.8, sourceName: 'United States' });

    const friendly = { ...analysis, stances: [{ ...analysis.stances[0], text: 'The US praised Russia.', score: 3.4, polarity: 1 as const, category: 'praise' as const }] };
    await addArticleToDay(record('0000000000000002', '2026-08-03'), friendly, aggregates);
    await addArticleToDay(record('0000000000000002', '2026-08-03'), friendly, aggregates); // redelivered
    const third = await buildAndStoreDigest('2026-08-03', deps('2026-08-04T00:05:00Z'));
    expect(third.articleCount).toBe(1);
    expect(third.changes.since).toBe('2026-08-01');
    expect(third.changes.reversed).toEqual([expect.objectContaining({ source: 'USA', target: 'RUS', net: 3.4, previousNet: -5.8 })]);
    expect(await getDigest('2026-08-03', digests)).toEqual(third);
  });

  it('an empty day gives an empty digest; an unknown day is a 404; a future or malformed day a 400', async () => {
    const d = await buildAndStoreDigest('2026-07-01', deps('2026-07-02T00:05:00Z'));
    expect(d).toMatchObject({ date: '2026-07-01', articleCount: 0, articles: [], topActors: [] });
    expect(await getDigest('2026-07-01', digests)).toEqual(d);
    await expect(getDigest('2026-06-30', digests)).rejects.toThrow(NotFoundError);
    await expect(buildAndStoreDigest('2026-07-03', deps('2026-07-02T23:59:00Z'))).rejects.toThrow(BadRequestError);
    await expect(buildAndStoreDigest('2026-02-30', deps('2026-07-02T23:59:00Z'))).rejects.toThrow(BadRequestError);
    await expect(getDigest('yesterday', digests)).rejects.toThrow(BadRequestError);
  });

  it('lists a bounded range', async () => {
    expect((await listDigests('2026-10-01', '2026-10-31', digests)).map((s) => s.date)).toEqual(['2026-10-01', '2026-10-03', '2026-10-05', '2026-10-09']);
    await expect(listDigests('2020-01-01', '2026-01-01', digests)).rejects.toThrow(BadRequestError);
  });

});
