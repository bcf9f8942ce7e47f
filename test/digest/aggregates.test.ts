// Per-day aggregates over real dynalite: each article counted once whatever the retries, wire
// copies counted once and listed, items kept small by sharding; and the actor timeline on top.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../shared/article.js';
import type { Analysis, Stance } from '../../shared/analysis/types.js';
import { mapLimit } from '../../shared/concurrency.js';
import { BadRequestError } from '../../shared/errors.js';
import { AggregateConflictError, aggPk, DynamoAggregateStore, LINE_SHARDS, SHARDS } from '../../shared/adapters/dynamo-aggregate-store.js';
import { buildDigest } from '../../shared/digest/build.js';
import { contributionOf, type Contribution } from '../../shared/digest/contribution.js';
import { actorTimeline, MAX_TIMELINE_DAYS } from '../../shared/digest/timeline.js';
import { articleIdFor } from '../../shared/url.js';
import { startTestAws, type TestAws } from '../support/aws.js';

let aws: TestAws;
let store: DynamoAggregateStore;

beforeAll(async () => {
  aws = await startTestAws();
  store = new DynamoAggregateStore(aws.clients.dynamo, aws.tableName);
});
afterAll(() => aws?.close());

const heatPumps = readFileSync(path.join(import.meta.dirname, '../fixtures/analysis/01-eu-china-heat-pump-tariffs.txt'), 'utf8');
const sudan = readFileSync(path.join(import.meta.dirname, '../fixtures/analysis/05-un-security-council-sudan-monitors.txt'), 'utf8');

/** The Daily Courier's copy of the wire story: own headline, dateline and credit, a few words edited. */
const wireCopy = (text: string, n = 0) => text
  .replace(/^.*\n/, `Courier edition ${n}: the story as our desk titled it\n`)
  .replace(/\(Meridian Wire\)/, '(Daily Courier)')
  .replace('escalating', n % 2 ? 'deepening' : 'worsening')
  .replace(/Reporting by .*$/, `Copyright Daily Courier 2026, edition ${n}`);

/** An independent report of the heat pump story: same facts, own sentences. */
const rewrite = `EU hits Chinese heat pumps with tariffs as Beijing cries protectionism

Brussels on Monday slapped temporary duties of as much as 34.6% on Chinese-made heat pumps, saying
state support let China's manufacturers sell up to 40% below European prices. Beijing warned that
the move would "seriously damage" relations and promised "all necessary measures". The levies
start on Tuesday, and EU governments have four months to decide whether they become permanent.
The bloc is divided: Paris, Rome and Madrid support the tariffs while Budapest and Bratislava fear
a trade war. Germany's chancellor called for "a negotiated solution". Trade chief Annelie
Vestergaard insisted Europe was "not closing our market" and only wanted fair competition.`;

let seq = 0;
function article(text: string, site: string, analysis: Analysis, day = '2026-11-23'): Contribution {
  const url = `https://${site}/news/${++seq}`;
  const record: ArticleRecord = {
    id: articleIdFor(url), url, canonicalUrl: url, status: 'analyzed', day, createdAt: `${day}T08:00:00Z`, updatedAt: `${day}T08:00:00Z`,
    stages: { ingest: { at: `${day}T08:00:00Z` } }, title: `Story ${seq}`, siteName: site, publishedTime: `${day}T07:00:00Z`, text,
  };
  return contributionOf(record, analysis);
}

const stance = (over: Partial<Stance>): Stance => ({
  sentence: 0, text: 'The EU imposed duties on China.', source: 'eu', target: 'CHN', polarity: -1, score: -8,
  category: 'sanction', claim: null, confidence: 0.8, ...over,
});
const actor = (id: string, salience: number, mentions = 1) =>
  ({ id, name: id.toUpperCase(), type: 'country' as const, aliases: [], mentions: Array.from({ length: mentions }, () => ({ start: 0, end: 1 })), salience });
const euChina: Analysis = {
  actors: [actor('eu', 0.9, 3), actor('CHN', 0.8, 2)],
  stances: [stance({ sentence: 1 }), stance({ sentence: 2, source: 'CHN', target: 'eu', score: -2, category: 'accuse', text: 'China accused the EU.' })],
  summary: ['The EU imposed duties on Chinese heat pumps.'],
};

describe('counting once', () => {
  it('the same article added twice, or five times at once, counts once', async () => {
    const day = '2026-01-01';
    const c = article(heatPumps, 'wire.example', euChina);
    await store.addArticle(day, c);
    await store.addArticle(day, c);
    await Promise.all(Array.from({ length: 5 }, () => store.addArticle(day, c)));
    const agg = await store.readDay(day);
    expect(agg.articleCount).toBe(1);
    expect(agg.actors.find((a) => a.id === 'eu')).toMatchObject({ articles: 1, mentions: 3, salienceSum: 0.9, givenSum: -8, givenCount: 1, receivedSum: -2, receivedCount: 1 });
    expect(agg.relations.find((r) => r.source === 'eu')).toMatchObject({ articles: 1, count: 1, net: -8 });
    expect(agg.relations.find((r) => r.source === 'eu')!.evidence).toHaveLength(1);
    expect(agg.lines.map((l) => l.id)).toEqual([c.articleId]);
    expect(agg.sources).toEqual([{ site: 'wire.example', count: 1 }]);
    expect(agg.topStances.map((s) => s.key).sort()).toEqual([`${c.articleId}:1`, `${c.articleId}:2`]);
  });

  it('a retry after a partial first attempt counts the rest, and nothing twice', async () => {
    const day = '2026-01-02';
    const full = article('', 'wire.example', { ...euChina, actors: [...euChina.actors, actor('FRA', 0.3)] });
    // The first attempt got as far as one actor before failing.
    await store.addArticle(day, { ...full, actors: full.actors.filter((a) => a.id === 'eu'), relations: [], topStances: [] });
    await store.addArticle(day, full);
    await store.addArticle(day, full);
    const agg = await store.readDay(day);
    expect(agg.articleCount).toBe(1);
    expect(agg.actors.map((a) => [a.id, a.articles, a.mentions])).toEqual(
      expect.arrayContaining([['eu', 1, 3], ['CHN', 1, 2], ['FRA', 1, 1]]));
    expect(agg.relations.map((r) => r.count).reduce((a, b) => a + b)).toBe(2);
  });
});

describe('near-duplicates', () => {
  it('a wire copy on another site counts once and is listed under the original', async () => {
    const day = '2026-02-01';
    const original = article(heatPumps, 'wire.example', euChina);
    const copy = article(wireCopy(heatPumps), 'courier.example', euChina);
    expect(await store.addArticle(day, original)).toEqual({});
    const res = await store.addArticle(day, copy);
    expect(res.duplicateOf).toBe(original.articleId);
    expect(res.similarity).toBeGreaterThan(0.5);
    // Redelivered, the copy stays a copy, listed once.
    expect((await store.addArticle(day, copy)).duplicateOf).toBe(original.articleId);

    const agg = await store.readDay(day);
    expect(agg.articleCount).toBe(1);
    expect(agg.actors.find((a) => a.id === 'eu')!.articles).toBe(1);
    expect(agg.sources).toEqual([{ site: 'wire.example', count: 1 }]);
    expect(agg.duplicates).toEqual([expect.objectContaining({ id: copy.articleId, duplicateOf: original.articleId, site: 'courier.example' })]);
    const digest = buildDigest(day, agg);
    expect(digest.articleCount).toBe(1);
    expect(digest.duplicateCount).toBe(1);
    expect(digest.articles).toEqual([expect.objectContaining({
      id: original.articleId, duplicates: [{ id: copy.articleId, url: copy.url, site: 'courier.example' }],
    })]);
  });

  it('a copy of a copy is listed under the original', async () => {
    const day = '2026-02-02';
    const original = article(heatPumps, 'wire.example', euChina);
    const copy1 = article(wireCopy(heatPumps, 1), 'courier.example', euChina);
    const copy2 = article(wireCopy(heatPumps, 2), 'herald.example', euChina);
    for (const c of [original, copy1, copy2]) await store.addArticle(day, c);
    const digest = buildDigest(day, await store.readDay(day));
    expect(digest.articleCount).toBe(1);
    expect(digest.articles[0].duplicates?.map((d) => d.id).sort()).toEqual([copy1.articleId, copy2.articleId].sort());
  });

  it('copies processed at the same moment: exactly one of them is counted, every time', async () => {
    for (let round = 0; round < 6; round++) {
      const day = `2026-03-${String(round + 1).padStart(2, '0')}`;
      const copies = [0, 1, 2].map((n) => article(n ? wireCopy(heatPumps, n + round * 10) : heatPumps, `site${n}.example`, euChina));
      const results = await Promise.all(copies.map((c) => store.addArticle(day, c)));
      // Retried, each decides as it did the first time.
      expect(await Promise.all(copies.map((c) => store.addArticle(day, c)))).toEqual(results);
      const agg = await store.readDay(day);
      expect(agg.articleCount, `round ${round}`).toBe(1);
      expect(agg.duplicates).toHaveLength(2);
      const digest = buildDigest(day, agg);
      expect(digest.articles).toHaveLength(1);
      expect(digest.articles[0].duplicates).toHaveLength(2);
    }
  });

  it('an independent report of the same story, and an unrelated one, are each counted', async () => {
    const day = '2026-02-03';
    const original = article(heatPumps, 'wire.example', euChina);
    const other = article(rewrite, 'gazette.example', euChina);
    const unrelated = article(sudan, 'wire.example', euChina);
    for (const c of [original, other, unrelated]) expect(await store.addArticle(day, c)).toEqual({});
    const agg = await store.readDay(day);
    expect(agg.articleCount).toBe(3);
    expect(agg.duplicates).toEqual([]);
    expect(agg.actors.find((a) => a.id === 'eu')!.articles).toBe(3);
  });

  it('copies are matched within a day: the same story on two days counts on each', async () => {
    await store.addArticle('2026-02-10', article(heatPumps, 'wire.example', euChina));
    expect(await store.addArticle('2026-02-11', article(wireCopy(heatPumps), 'courier.example', euChina))).toEqual({});
  });
});

/** DynamoDB's item size, closely enough: attribute names plus values (sets as lists). */
function itemBytes(item: Record<string, unknown>): number {
  return Buffer.byteLength(JSON.stringify(item, (_k, v: unknown) => (v instanceof Set ? [...v] : v)));
}

describe('sharding keeps items small', () => {
  const day = '2026-04-01';
  const N = 2_000;
  const scores: number[] = [];

  it(`${N} articles naming the same actors: exact counts, every item < 100 KB, items read bounded`, async () => {
    const contributions = Array.from({ length: N }, (_, i) => {
      const score = -((i * 7919) % 1000) / 100; // distinct-ish, spread over -10 .. 0
      scores.push(score);
      return article('', `site${i % 7}.example`, {
        actors: [actor('USA', 0.5, 2), actor('CHN', 0.25)],
        stances: [stance({ source: 'USA', target: 'CHN', score, sentence: 1, text: `The US warned China, version ${i}.` })],
        summary: [`A generated summary sentence of article ${i}, long enough to look like a real one in a digest of many articles. `.repeat(2)],
      }, day);
    });
    // As the process stage does through SQS: a contended bounded list gives up after a few optimistic
    // attempts and the whole article is added again, which must count nothing twice.
    const addWithRetry = async (c: (typeof contributions)[number]) => {
      for (let attempt = 1; ; attempt++) {
        try { return await store.addArticle(day, c); } catch (err) {
          if (!(err instanceof AggregateConflictError) || attempt >= 5) throw err;
        }
      }
    };
    await mapLimit(contributions, 16, addWithRetry);

    const agg = await store.readDay(day);
    expect(agg.articleCount).toBe(N);
    expect(agg.actors.find((a) => a.id === 'USA')).toMatchObject({ articles: N, mentions: 2 * N, givenCount: N });
    expect(agg.actors.find((a) => a.id === 'USA')!.salienceSum).toBeCloseTo(0.5 * N, 6);
    expect(agg.lines).toHaveLength(N);
    expect(agg.sources.reduce((s, x) => s + x.count, 0)).toBe(N);
    // The kept evidence and top stances are the strongest overall, though each shard keeps only a few.
    const strongest = [...scores].sort((a, b) => a - b);
    const rel = agg.relations.find((r) => r.source === 'USA')!;
    expect(rel.count).toBe(N);
    expect(rel.evidence.map((e) => e.score)).toEqual(strongest.slice(0, 3));
    expect(agg.topStances.map((s) => s.score)).toEqual(strongest.slice(0, 10));
    // Items read: bounded by actors, relations, sites and constants, not by the N articles.
    expect(agg.stats.items).toBeLessThanOrEqual((2 + 1 + 1) * SHARDS + 2 * LINE_SHARDS);

    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await aws.clients.dynamo.send(new QueryCommand({
        TableName: aws.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': aggPk(day) }, ExclusiveStartKey: start,
      }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const largest = Math.max(...items.map(itemBytes));
    expect(largest).toBeLessThan(100_000);
  }, 120_000);
});

describe('actor timeline', () => {
  it('gives articles, mentions, stances given and received per day, zeros where absent', async () => {
    const a = article('', 'wire.example', euChina, '2026-05-01');
    const b = article('', 'wire.example', euChina, '2026-05-03');
    const c = article('', 'other.example', { ...euChina, stances: [] }, '2026-05-03');
    await store.addArticle('2026-05-01', a);
    await store.addArticle('2026-05-03', b);
    await store.addArticle('2026-05-03', c);
    const t = await actorTimeline(store, 'CHN', '2026-05-01', '2026-05-04');
    expect(t).toMatchObject({ actorId: 'CHN', name: 'CHN', type: 'country', from: '2026-05-01', to: '2026-05-04' });
    expect(t.days.map((d) => [d.day, d.articles, d.mentions, d.given, d.givenCount, d.received, d.receivedCount])).toEqual([
      ['2026-05-01', 1, 2, -2, 1, -8, 1],
      ['2026-05-02', 0, 0, 0, 0, 0, 0],
      ['2026-05-03', 2, 4, -2, 1, -8, 1],
      ['2026-05-04', 0, 0, 0, 0, 0, 0],
    ]);
    expect(t.days[2].salience).toBe(0.8);
    expect(t.days[2].articleIds).toEqual([b.articleId, c.articleId].sort());
  });

  it('an actor never seen has an all-zero timeline; a bad or too long range is a BadRequestError', async () => {
    const t = await actorTimeline(store, 'nobody', '2026-05-01', '2026-05-02');
    expect(t.name).toBeUndefined();
    expect(t.days.every((d) => d.articles === 0)).toBe(true);
    await expect(actorTimeline(store, 'CHN', '2026-01-01', '2026-06-30')).rejects.toThrow(BadRequestError);
    await expect(actorTimeline(store, 'CHN', '2026-01-01', '2026-04-03')).rejects.toThrow(`at most ${MAX_TIMELINE_DAYS}`);
    await expect(actorTimeline(store, 'CHN', '2026-01-01', '2026-04-02')).resolves.toMatchObject({ from: '2026-01-01' });
    await expect(actorTimeline(store, 'CHN', '2026-05-02', '2026-05-01')).rejects.toThrow(BadRequestError);
    await expect(actorTimeline(store, 'CHN', '2026-02-30', '2026-03-01')).rejects.toThrow(BadRequestError);
    await expect(actorTimeline(store, 'CHN', undefined, '2026-03-01')).rejects.toThrow(/"from" is required/);
    await expect(actorTimeline(store, '', '2026-03-01', '2026-03-01')).rejects.toThrow(BadRequestError);
  });
});
