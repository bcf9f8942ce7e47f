// Stored digests over real dynalite and s3rver: inline when small, gzipped in S3 when larger than
// an item, listed by date range, the previous one found for the changes; and the service on top.

import { gunzipSync } from 'node:zlib';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../shared/adapters/s3-blob-store.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../shared/errors.js';
import { DynamoActorDayStore } from '../../shared/adapters/dynamo-actor-day-store.js';
import { DynamoContributionStore } from '../../shared/adapters/dynamo-contribution-store.js';
import { articleList, buildDigest, DIGEST_LIMITS } from '../../shared/digest/build.js';
import { mapLimit } from '../../shared/concurrency.js';
import { DIGEST_INLINE_MAX_BYTES, digestS3Key, DigestStore } from '../../shared/adapters/dynamo-digest-store.js';
import { addArticleToDay, buildAndStoreDigest, getDigest, getDigestArticles, listDigests } from '../../shared/digest/service.js';
import type { DayAggregates, Digest } from '../../shared/digest/types.js';
import type { ArticleRecord } from '../../shared/article.js';
import type { Analysis } from '../../shared/analysis/types.js';
import { startTestAws, type TestAws } from '../support/aws.js';

let aws: TestAws;
let digests: DigestStore;
let blobs: S3BlobStore;
let aggregates: DynamoContributionStore;
let actorDays: DynamoActorDayStore;

beforeAll(async () => {
  aws = await startTestAws();
  blobs = new S3BlobStore(aws.clients.s3, aws.bucketName);
  digests = new DigestStore(aws.clients.dynamo, aws.tableName, blobs);
  aggregates = new DynamoContributionStore(aws.clients.dynamo, aws.tableName);
  actorDays = new DynamoActorDayStore(aws.clients.dynamo, aws.tableName);
});
afterAll(() => aws?.close());

const AT = '2026-12-01T00:10:00.000Z';
const empty = (day: string): DayAggregates => ({
  day, articleCount: 0, actors: [], relations: [], sources: [], topStances: [], lines: [], duplicates: [], stats: { items: 0, requests: 1 },
});

/**
 * A digest carrying all its article lines, as digests were stored before the list was paged: one
 * that outgrows an item still exists (older days), and the store must keep serving it.
 */
function digestOf(day: string, articles = 1, actors: string[] = ['RUS', 'USA', 'UKR', 'FRA']): Digest {
  const agg: DayAggregates = {
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
  };
  return { ...buildDigest(day, agg, undefined, undefined, { generatedAt: AT }), articles: articleList(agg).articles };
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
  const deps = (now: string) => ({ aggregates, digests, actorDays, clock: clock(now) });

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

  it('pages the full article list; a cursor stays on its build while the day is rebuilt; a forged cursor is a 400', async () => {
    const day = '2026-06-10';
    const ids = Array.from({ length: 450 }, (_, i) => (0x1000000000000000n + BigInt(i)).toString(16));
    await mapLimit(ids, 16, (id) => addArticleToDay({ ...record(id, day), createdAt: `${day}T06:00:00Z` }, analysis, aggregates));
    const built = await buildAndStoreDigest(day, deps('2026-06-11T00:05:00Z'));
    expect(built.articleCount).toBe(450);
    expect(built.articles).toHaveLength(DIGEST_LIMITS.topArticles);
    expect(built.articlePages).toBe(3);

    const first = await getDigestArticles(day, undefined, digests);
    expect(first).toMatchObject({ page: 0, pages: 3 });
    expect(first.items).toHaveLength(200);
    const second = await getDigestArticles(day, first.next, digests);
    // A rebuild between two pages: the cursor still reads the build it came from.
    await addArticleToDay({ ...record('2000000000000000', day) }, analysis, aggregates);
    await buildAndStoreDigest(day, deps('2026-06-11T00:06:00Z'));
    const third = await getDigestArticles(day, second.next, digests);
    expect(third.next).toBeUndefined();
    const listed = [...first.items, ...second.items, ...third.items].map((a) => a.id);
    expect(listed).toHaveLength(450);
    expect(new Set(listed)).toEqual(new Set(ids));
    // The next reader starts on the new build.
    const fresh = [await getDigestArticles(day, undefined, digests)];
    while (fresh[fresh.length - 1].next) fresh.push(await getDigestArticles(day, fresh[fresh.length - 1].next, digests));
    expect(fresh[0].build).not.toBe(first.build);
    expect(fresh.flatMap((p) => p.items.map((a) => a.id))).toHaveLength(451);
    expect(fresh.flatMap((p) => p.items.map((a) => a.id))).toContain('2000000000000000');

    await expect(getDigestArticles(day, 'page-2', digests)).rejects.toThrow(/cursor is malformed/);
    await expect(getDigestArticles(day, `${first.build}.9`, digests)).rejects.toThrow(/not a page/);
    await expect(getDigestArticles('2026-06-09', undefined, digests)).rejects.toThrow(NotFoundError);
  });

  it('keeps a stored digest with articles when a rebuild finds no contributions (a day from before they were stored)', async () => {
    await digests.put({ ...digestOf('2026-05-20', 3), generatedAt: '2026-05-21T00:10:00.000Z' });
    await expect(buildAndStoreDigest('2026-05-20', deps('2026-05-22T00:05:00Z'))).rejects.toThrow(ConflictError);
    expect((await getDigest('2026-05-20', digests)).articleCount).toBe(3);
  });

  it('lists a bounded range', async () => {
    expect((await listDigests('2026-10-01', '2026-10-31', digests)).map((s) => s.date)).toEqual(['2026-10-01', '2026-10-03', '2026-10-05', '2026-10-09']);
    await expect(listDigests('2020-01-01', '2026-01-01', digests)).rejects.toThrow(BadRequestError);
  });

});
