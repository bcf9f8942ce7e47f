// A day's contributions over real dynalite: one item per article, counted once whatever the
// retries, replaced when reprocessed, wire copies counted once and listed under the earliest, the
// strongest evidence kept exactly, items small; and the actor timeline on the rows a build writes.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../shared/article.js';
import type { Analysis, Stance } from '../../shared/analysis/types.js';
import { mapLimit } from '../../shared/concurrency.js';
import { BadRequestError } from '../../shared/errors.js';
import { DynamoActorDayStore } from '../../shared/adapters/dynamo-actor-day-store.js';
import {
  CONTRIBUTION_SHARDS, contributionItem, contributionPk, decodeContribution, decodeLine, DynamoContributionStore, encodeContribution, itemSize,
} from '../../shared/adapters/dynamo-contribution-store.js';
import { aggregateContributions } from '../../shared/digest/day-aggregate.js';
import { buildDigest } from '../../shared/digest/build.js';
import { contributionOf, type Contribution } from '../../shared/digest/contribution.js';
import { actorTimeline, MAX_TIMELINE_DAYS } from '../../shared/digest/timeline.js';
import { articleIdFor } from '../../shared/url.js';
import { startTestAws, type TestAws } from '../support/aws.js';

let aws: TestAws;
let store: DynamoContributionStore;
let actorDays: DynamoActorDayStore;

beforeAll(async () => {
  aws = await startTestAws();
  store = new DynamoContributionStore(aws.clients.dynamo, aws.tableName);
  actorDays = new DynamoActorDayStore(aws.clients.dynamo, aws.tableName);
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
/** An article's contribution; each one is submitted a second after the one made before it. */
function article(text: string, site: string, analysis: Analysis, day = '2026-11-23'): Contribution {
  const url = `https://${site}/news/${++seq}`;
  const createdAt = new Date(Date.parse(`${day}T08:00:00Z`) + seq * 1000).toISOString();
  const record: ArticleRecord = {
    id: articleIdFor(url), url, canonicalUrl: url, status: 'analyzed', day, createdAt, updatedAt: createdAt,
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

describe('one item per article', () => {
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
    const items = await dayItems(day);
    expect(items).toHaveLength(1);
  });

  it('an article processed again replaces its contribution instead of adding to it', async () => {
    const day = '2026-01-02';
    const full = article('', 'wire.example', { ...euChina, actors: [...euChina.actors, actor('FRA', 0.3)] });
    await store.addArticle(day, { ...full, actors: full.actors.filter((a) => a.id === 'eu'), relations: [], topStances: [] });
    await store.addArticle(day, full);
    const agg = await store.readDay(day);
    expect(agg.articleCount).toBe(1);
    expect(agg.actors.map((a) => [a.id, a.articles, a.mentions])).toEqual([['CHN', 1, 2], ['FRA', 1, 1], ['eu', 1, 3]]);
    expect(agg.relations.map((r) => r.count).reduce((a, b) => a + b)).toBe(2);
  });

  it('stores actors, relations and stances compactly and reads back exactly what the article offered', () => {
    const many: Analysis = {
      ...euChina,
      stances: Array.from({ length: 14 }, (_, i) => stance({
        sentence: i, source: i % 3 ? 'eu' : 'CHN', target: i % 3 ? 'CHN' : 'eu', score: -((i * 37) % 10), confidence: 0.5 + (i % 4) / 10, text: `Sentence ${i}.`,
      })),
    };
    const c = article(heatPumps, 'wire.example', many);
    const bytes = encodeContribution(c);
    expect(decodeContribution(c.articleId, bytes)).toEqual({ articleId: c.articleId, actors: c.actors, relations: c.relations, topStances: c.topStances });
    expect(decodeLine(bytes)).toEqual(c.line);
    // A third or less of the JSON the article offers; the whole item within 2 KB, 2 WRU.
    expect(bytes.length).toBeLessThan(JSON.stringify({ line: c.line, actors: c.actors, relations: c.relations, topStances: c.topStances }).length / 3);
    expect(itemSize(contributionItem('2026-01-03', c))).toBeLessThan(2048);
  });
});

describe('near-duplicates', () => {
  it('a wire copy on another site counts once and is listed under the original', async () => {
    const day = '2026-02-01';
    const original = article(heatPumps, 'wire.example', euChina);
    const copy = article(wireCopy(heatPumps), 'courier.example', euChina);
    // Processed in the other order: the one submitted first is still the original.
    await store.addArticle(day, copy);
    await store.addArticle(day, original);
    await store.addArticle(day, copy);

    const agg = await store.readDay(day);
    expect(agg.articleCount).toBe(1);
    expect(agg.actors.find((a) => a.id === 'eu')!.articles).toBe(1);
    expect(agg.sources).toEqual([{ site: 'wire.example', count: 1 }]);
    expect(agg.duplicates).toEqual([expect.objectContaining({ id: copy.articleId, duplicateOf: original.articleId, site: 'courier.example' })]);
    expect(agg.duplicates[0].similarity).toBeGreaterThan(0.5);
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
    for (const c of [copy2, original, copy1]) await store.addArticle(day, c);
    const digest = buildDigest(day, await store.readDay(day));
    expect(digest.articleCount).toBe(1);
    expect(digest.articles[0].id).toBe(original.articleId);
    expect(digest.articles[0].duplicates?.map((d) => d.id).sort()).toEqual([copy1.articleId, copy2.articleId].sort());
  });

  it('copies processed at the same moment: exactly one of them is counted, the earliest, every time', async () => {
    for (let round = 0; round < 4; round++) {
      const day = `2026-03-${String(round + 1).padStart(2, '0')}`;
      const copies = [0, 1, 2].map((n) => article(n ? wireCopy(heatPumps, n + round * 10) : heatPumps, `site${n}.example`, euChina));
      await Promise.all([...copies].reverse().map((c) => store.addArticle(day, c)));
      await Promise.all(copies.map((c) => store.addArticle(day, c)));
      const agg = await store.readDay(day);
      expect(agg.articleCount, `round ${round}`).toBe(1);
      expect(agg.lines[0].id).toBe(copies[0].articleId);
      expect(agg.duplicates).toHaveLength(2);
    }
  });

  it('an independent report of the same story, and an unrelated one, are each counted', async () => {
    const day = '2026-02-03';
    const original = article(heatPumps, 'wire.example', euChina);
    const other = article(rewrite, 'gazette.example', euChina);
    const unrelated = article(sudan, 'wire.example', euChina);
    for (const c of [original, other, unrelated]) await store.addArticle(day, c);
    const agg = await store.readDay(day);
    expect(agg.articleCount).toBe(3);
    expect(agg.duplicates).toEqual([]);
    expect(agg.actors.find((a) => a.id === 'eu')!.articles).toBe(3);
  });

  it('copies are matched within a day: the same story on two days counts on each', async () => {
    await store.addArticle('2026-02-10', article(heatPumps, 'wire.example', euChina));
    await store.addArticle('2026-02-11', article(wireCopy(heatPumps), 'courier.example', euChina));
    expect((await store.readDay('2026-02-11')).articleCount).toBe(1);
  });

  it('the aggregates do not depend on the order the contributions arrive in', () => {
    const day = '2026-02-12';
    const cs = [
      article(heatPumps, 'wire.example', euChina, day), article(wireCopy(heatPumps, 3), 'courier.example', euChina, day),
      article(rewrite, 'gazette.example', euChina, day), article(sudan, 'wire.example', { ...euChina, actors: [actor('SDN', 0.7)] }, day),
    ];
    const forward = aggregateContributions(day, cs);
    expect(aggregateContributions(day, [...cs].reverse())).toEqual(forward);
    expect(aggregateContributions(day, [cs[2], cs[0], cs[3], cs[1]])).toEqual(forward);
    expect(forward.articleCount).toBe(3);
  });
});

async function dayItems(day: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let shard = 0; shard < CONTRIBUTION_SHARDS; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await aws.clients.dynamo.send(new QueryCommand({
        TableName: aws.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': contributionPk(day, shard) }, ExclusiveStartKey: start,
      }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return items;
}

describe('a busy day', () => {
  const day = '2026-04-01';
  const N = 2_000;
  const scores: number[] = [];

  it(`${N} articles naming the same actors: exact counts, the strongest evidence, one small item each`, async () => {
    const contributions = Array.from({ length: N }, (_, i) => {
      const score = -((i * 7919) % 1000) / 100; // distinct-ish, spread over -10 .. 0
      scores.push(score);
      return article('', `site${i % 7}.example`, {
        actors: [actor('USA', 0.5, 2), actor('CHN', 0.25)],
        stances: [stance({ source: 'USA', target: 'CHN', score, sentence: 1, text: `The US warned China, version ${i}.` })],
        summary: [`A generated summary sentence of article ${i}, long enough to look like a real one in a digest of many articles. `.repeat(2)],
      }, day);
    });
    await mapLimit(contributions, 16, (c) => store.addArticle(day, c));

    const agg = await store.readDay(day);
    expect(agg.articleCount).toBe(N);
    expect(agg.actors.find((a) => a.id === 'USA')).toMatchObject({ articles: N, mentions: 2 * N, givenCount: N });
    expect(agg.actors.find((a) => a.id === 'USA')!.salienceSum).toBeCloseTo(0.5 * N, 6);
    expect(agg.lines).toHaveLength(N);
    expect(agg.sources.reduce((s, x) => s + x.count, 0)).toBe(N);
    const strongest = [...scores].sort((a, b) => a - b);
    const rel = agg.relations.find((r) => r.source === 'USA')!;
    expect(rel.count).toBe(N);
    expect(rel.evidence.map((e) => e.score)).toEqual(strongest.slice(0, 3));
    expect(agg.topStances.slice(0, 10).map((s) => s.score)).toEqual(strongest.slice(0, 10));
    // One pass over the day's items, in 1 MB pages per shard.
    expect(agg.stats.items).toBe(N);
    expect(agg.stats.requests).toBeLessThanOrEqual(2 * CONTRIBUTION_SHARDS);

    const items = await dayItems(day);
    expect(items).toHaveLength(N);
    expect(Math.max(...items.map((it) => itemSize(it as Record<string, string | number | Uint8Array>)))).toBeLessThan(1_024);
  }, 120_000);
});

describe('actor timeline', () => {
  /** What a digest build records for the timeline. */
  const recordDay = async (day: string) => actorDays.putDay(day, (await store.readDay(day)).actors);

  it('gives articles, mentions, stances given and received per built day, zeros where absent', async () => {
    const a = article('', 'wire.example', euChina, '2026-05-01');
    const b = article('', 'wire.example', euChina, '2026-05-03');
    const c = article('', 'other.example', { ...euChina, stances: [] }, '2026-05-03');
    await store.addArticle('2026-05-01', a);
    await store.addArticle('2026-05-03', b);
    await store.addArticle('2026-05-03', c);
    await recordDay('2026-05-01');
    await recordDay('2026-05-03');
    const t = await actorTimeline(actorDays, 'CHN', '2026-05-01', '2026-05-04');
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
    const t = await actorTimeline(actorDays, 'nobody', '2026-05-01', '2026-05-02');
    expect(t.name).toBeUndefined();
    expect(t.days.every((d) => d.articles === 0)).toBe(true);
    await expect(actorTimeline(actorDays, 'CHN', '2026-01-01', '2026-06-30')).rejects.toThrow(BadRequestError);
    await expect(actorTimeline(actorDays, 'CHN', '2026-01-01', '2026-04-03')).rejects.toThrow(`at most ${MAX_TIMELINE_DAYS}`);
    await expect(actorTimeline(actorDays, 'CHN', '2026-01-01', '2026-04-02')).resolves.toMatchObject({ from: '2026-01-01' });
    await expect(actorTimeline(actorDays, 'CHN', '2026-05-02', '2026-05-01')).rejects.toThrow(BadRequestError);
    await expect(actorTimeline(actorDays, 'CHN', '2026-02-30', '2026-03-01')).rejects.toThrow(BadRequestError);
    await expect(actorTimeline(actorDays, 'CHN', undefined, '2026-03-01')).rejects.toThrow(/"from" is required/);
    await expect(actorTimeline(actorDays, '', '2026-03-01', '2026-03-01')).rejects.toThrow(BadRequestError);
  });
});
