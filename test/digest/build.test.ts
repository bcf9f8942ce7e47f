// The digest from a day's aggregates: pure, deterministic, ranked as the contract says, and the
// changes since the previous digest.

import { describe, expect, it } from 'vitest';
import { articleList, buildDigest, DIGEST_LIMITS } from '../../shared/digest/build.js';
import type { ArticleLine, EvidenceEntry, StanceEntry } from '../../shared/digest/contribution.js';
import type { ActorAggregate, DayAggregates, Digest, RelationAggregate } from '../../shared/digest/types.js';

const AT = '2026-11-24T00:05:00.000Z';

const actor = (id: string, articles: number, salienceSum: number, over: Partial<ActorAggregate> = {}): ActorAggregate => ({
  id, name: `Name of ${id}`, type: 'country', articles, mentions: articles * 2, salienceSum,
  givenSum: 0, givenCount: 0, receivedSum: 0, receivedCount: 0, ...over,
});
const evidence = (articleId: string, sentence: number, score: number, confidence = 0.8): EvidenceEntry => ({
  key: `${articleId}:${sentence}`, articleId, url: `https://x.example/${articleId}`, sentence, text: `Sentence ${sentence} of ${articleId}.`,
  score, category: score < 0 ? 'criticize' : 'praise', claim: null, confidence,
});
const relation = (source: string, target: string, net: number, count: number, ev: EvidenceEntry[] = []): RelationAggregate =>
  ({ source, target, net, count, articles: count, evidence: ev });
const stance = (articleId: string, sentence: number, score: number, confidence = 0.8, text?: string): StanceEntry => ({
  ...evidence(articleId, sentence, score, confidence), ...(text ? { text } : {}), source: 'USA', target: 'RUS', polarity: score < 0 ? -1 : 1,
});
const line = (id: string, publishedTime?: string, site = 'wire.example'): ArticleLine =>
  ({ id, url: `https://${site}/${id}`, title: `Title ${id}`, site, ...(publishedTime ? { publishedTime } : {}), summary: `Summary ${id}.` });

function aggregates(over: Partial<DayAggregates> = {}): DayAggregates {
  return {
    day: '2026-11-23', articleCount: 0, actors: [], relations: [], sources: [], topStances: [], lines: [], duplicates: [],
    stats: { items: 0, requests: 1 }, ...over,
  };
}

const day = aggregates({
  articleCount: 4,
  actors: [
    actor('RUS', 3, 2.4, { givenSum: -6, givenCount: 2, receivedSum: -10, receivedCount: 4, country: 'RUS' }),
    actor('USA', 2, 1.8, { givenSum: -10, givenCount: 3 }),
    actor('UKR', 2, 1.0),
    actor('FRA', 1, 1.0), // ties with UKR on total salience: more articles first
    actor('AAA', 1, 1.0), // ties with FRA on both: by id
  ],
  relations: [
    relation('USA', 'RUS', -13.8, 3, [evidence('a1', 1, -5.8), evidence('a2', 4, -8), evidence('a3', 2, -2), evidence('a1', 7, -2, 0.9)]),
    relation('RUS', 'UKR', -10, 1),
    relation('FRA', 'UKR', 6, 2),
    relation('UKR', 'FRA', 6, 1), // ties with FRA->UKR on |net|: more stances first
  ],
  topStances: [
    stance('a1', 1, -5.8), stance('a2', 4, -8), stance('a3', 2, -2, 0.5), stance('a4', 2, -2, 0.9),
    stance('a5', 1, -8, 0.8, 'Sentence 4 of a2.'), // the same sentence as a2's, quoted elsewhere
  ],
  lines: [line('a1', '2026-11-23T06:00:00Z'), line('a2', '2026-11-23T09:00:00Z', 'courier.example'), line('a3'), line('a4', '2026-11-23T09:00:00Z')],
  duplicates: [
    { id: 'c1', url: 'https://herald.example/c1', site: 'herald.example', duplicateOf: 'a1', similarity: 0.9 },
    { id: 'c2', url: 'https://gazette.example/c2', duplicateOf: 'c1', similarity: 0.8 }, // a copy of a copy
  ],
  sources: [{ site: 'wire.example', count: 3 }, { site: 'courier.example', count: 1 }],
});

describe('buildDigest', () => {
  const digest = buildDigest('2026-11-23', day, undefined, undefined, { generatedAt: AT });

  it('ranks actors by total salience, then articles, then id, with means of salience and stances', () => {
    expect(digest.topActors.map((a) => a.id)).toEqual(['RUS', 'USA', 'UKR', 'AAA', 'FRA']);
    expect(digest.topActors[0]).toEqual({
      id: 'RUS', name: 'Name of RUS', type: 'country', country: 'RUS', salience: 0.8, articles: 3, mentions: 6,
      given: -3, received: -2.5, givenCount: 2, receivedCount: 4,
    });
    expect(digest.topActors[3]).toMatchObject({ given: 0, received: 0, givenCount: 0 });
  });

  it('ranks relations by |net|, then count, then ids, with the strongest evidence', () => {
    expect(digest.relations.map((r) => `${r.source}>${r.target}`)).toEqual(['USA>RUS', 'RUS>UKR', 'FRA>UKR', 'UKR>FRA']);
    const top = digest.relations[0];
    expect(top).toMatchObject({ sourceName: 'Name of USA', targetName: 'Name of RUS', net: -13.8, count: 3, polarity: -1, articles: 3 });
    expect(top.evidence.map((e) => `${e.articleId}:${e.sentence}`)).toEqual(['a2:4', 'a1:1', 'a1:7']);
    expect(top.evidence[0]).toEqual({
      articleId: 'a2', url: 'https://x.example/a2', text: 'Sentence 4 of a2.', score: -8, category: 'criticize', claim: null, confidence: 0.8, sentence: 4,
    });
    expect(digest.relations[2].polarity).toBe(1);
  });

  it('lists the strongest stance sentences once each', () => {
    expect(digest.topStances.map((s) => `${s.articleId}:${s.sentence}`)).toEqual(['a2:4', 'a1:1', 'a4:2', 'a3:2']);
    expect(digest.topStances[0]).toMatchObject({ source: 'USA', target: 'RUS', sourceName: 'Name of USA', polarity: -1 });
  });

  it('lists every article newest first, copies (and copies of copies) under the original', () => {
    const { articles } = articleList(day);
    expect(articles.map((a) => a.id)).toEqual(['a2', 'a4', 'a1', 'a3']);
    expect(articles[2].duplicates).toEqual([
      { id: 'c1', url: 'https://herald.example/c1', site: 'herald.example' },
      { id: 'c2', url: 'https://gazette.example/c2' },
    ]);
    expect(digest.articleCount).toBe(4);
    expect(digest.duplicateCount).toBe(2);
  });

  it('shows the top articles: the most copies first, then the most stances, then the newest', () => {
    expect(digest.articles.map((a) => a.id)).toEqual(['a1', 'a2', 'a4', 'a3']);
    const many = aggregates({
      lines: Array.from({ length: 50 }, (_, i) => ({ id: `x${String(i).padStart(2, '0')}`, url: `https://n.example/${i}`, summary: 's', stances: i % 7 })),
    });
    const d = buildDigest('2026-11-23', many, undefined, undefined, { generatedAt: AT });
    expect(d.articles).toHaveLength(DIGEST_LIMITS.topArticles);
    expect(d.articles[0].stances).toBe(6);
    expect(d.articles.every((a, i) => i === 0 || (a.stances ?? 0) <= (d.articles[i - 1].stances ?? 0))).toBe(true);
    expect(d.articlePages).toBe(1);
  });

  it('sorts sources by count, then name', () => {
    const d = buildDigest('2026-11-23', aggregates({ sources: [{ site: 'b', count: 1 }, { site: 'c', count: 2 }, { site: 'a', count: 1 }] }), undefined, undefined, { generatedAt: AT });
    expect(d.sources).toEqual([{ site: 'c', count: 2 }, { site: 'a', count: 1 }, { site: 'b', count: 1 }]);
  });

  it('applies the display names given', () => {
    const d = buildDigest('2026-11-23', day, undefined, { USA: 'United States' }, { generatedAt: AT });
    expect(d.topActors[1].name).toBe('United States');
    expect(d.relations[0].sourceName).toBe('United States');
  });

  it('caps the lists at the contract sizes', () => {
    const many = aggregates({
      actors: Array.from({ length: 40 }, (_, i) => actor(`A${String(i).padStart(2, '0')}`, 1, i / 40)),
      relations: Array.from({ length: 50 }, (_, i) => relation(`S${i}`, 'T', -i, 1, Array.from({ length: 6 }, (_, j) => evidence(`x${i}`, j, -j)))),
      topStances: Array.from({ length: 30 }, (_, i) => stance(`s${i}`, i, -(i % 10))),
    });
    const d = buildDigest('2026-11-23', many, undefined, undefined, { generatedAt: AT });
    expect(d.topActors).toHaveLength(DIGEST_LIMITS.topActors);
    expect(d.topActors[0].id).toBe('A39');
    expect(d.relations).toHaveLength(DIGEST_LIMITS.relations);
    expect(d.relations.every((r) => r.evidence.length === DIGEST_LIMITS.evidencePerRelation)).toBe(true);
    expect(d.topStances).toHaveLength(DIGEST_LIMITS.topStances);
    expect(d.basis!.relations).toHaveLength(50);
  });

  it('is deterministic: the same aggregates in any order give the same digest', () => {
    const reversed = aggregates({
      ...day,
      actors: [...day.actors].reverse(), relations: [...day.relations].reverse().map((r) => ({ ...r, evidence: [...r.evidence].reverse() })),
      topStances: [...day.topStances].reverse(), lines: [...day.lines].reverse(), duplicates: [...day.duplicates].reverse(), sources: [...day.sources].reverse(),
    });
    expect(buildDigest('2026-11-23', reversed, undefined, undefined, { generatedAt: AT })).toEqual(digest);
  });

  it('an empty day is an empty digest, not an error', () => {
    const d = buildDigest('2026-11-25', aggregates({ day: '2026-11-25' }), undefined, undefined, { generatedAt: AT });
    expect(d).toMatchObject({
      date: '2026-11-25', generatedAt: AT, articleCount: 0, duplicateCount: 0, sources: [], topActors: [], relations: [], topStances: [], articles: [],
      changes: { newRelations: [], reversed: [], rising: [], falling: [] },
    });
  });
});

describe('changes since the previous digest', () => {
  const yesterday = buildDigest('2026-11-22', aggregates({
    articleCount: 4,
    actors: [actor('RUS', 3, 2.4), actor('USA', 2, 1.8), actor('UKR', 3, 2.1), actor('CHN', 2, 0.5)],
    relations: [relation('USA', 'RUS', 8, 2), relation('FRA', 'UKR', 6, 2), relation('CHN', 'UKR', 0, 2)],
  }), undefined, undefined, { generatedAt: AT });
  const today = buildDigest('2026-11-23', day, yesterday, undefined, { generatedAt: AT });

  it('says since when', () => expect(today.changes.since).toBe('2026-11-22'));

  it('new relations are those absent before, strongest first', () => {
    expect(today.changes.newRelations.map((r) => `${r.source}>${r.target}`)).toEqual(['RUS>UKR', 'UKR>FRA']);
    expect(today.changes.newRelations[0]).toEqual({ source: 'RUS', target: 'UKR', sourceName: 'Name of RUS', targetName: 'Name of UKR', net: -10 });
  });

  it('reversed relations changed sign', () => {
    expect(today.changes.reversed).toEqual([{ source: 'USA', target: 'RUS', sourceName: 'Name of USA', targetName: 'Name of RUS', net: -13.8, previousNet: 8 }]);
  });

  it('actors rise and fall by their share of the day\'s articles', () => {
    // Both days have 4 articles: FRA and AAA appear (1 each), UKR 3 -> 2, CHN 2 -> 0, RUS and USA unchanged.
    expect(today.changes.rising.map((a) => a.id)).toEqual(['AAA', 'FRA']);
    expect(today.changes.rising[0]).toEqual({ id: 'AAA', name: 'Name of AAA', articles: 1, previousArticles: 0, salience: 1, previousSalience: 0 });
    expect(today.changes.falling.map((a) => a.id)).toEqual(['CHN', 'UKR']);
    expect(today.changes.falling[0]).toEqual({ id: 'CHN', name: 'Name of CHN', articles: 0, previousArticles: 2, salience: 0, previousSalience: 0.25 });
  });

  it('a quieter day does not make every actor fall', () => {
    const quiet = buildDigest('2026-11-23', aggregates({ articleCount: 2, actors: [actor('RUS', 2, 1.6), actor('UKR', 1, 0.7)] }), yesterday, undefined, { generatedAt: AT });
    // RUS has fewer articles (3 -> 2) but a larger share (3/4 -> 2/2): neither rising nor falling.
    expect(quiet.changes.falling.map((a) => a.id)).toEqual(['CHN', 'USA', 'UKR']);
    expect(quiet.changes.rising).toEqual([]);
  });

  it('works from a digest stored without a basis, using what it shows', () => {
    const { basis: _basis, ...bare } = yesterday;
    const d = buildDigest('2026-11-23', day, bare as Digest, undefined, { generatedAt: AT });
    expect(d.changes.reversed.map((r) => r.source)).toEqual(['USA']);
    expect(d.changes.newRelations.map((r) => `${r.source}>${r.target}`)).toEqual(['RUS>UKR', 'UKR>FRA']);
  });

  it('compares with more than the previous digest shows: a relation just outside yesterday\'s top is not new', () => {
    const busy = aggregates({ articleCount: 50, relations: Array.from({ length: 40 }, (_, i) => relation(`S${i}`, 'T', -(40 - i), 1)) });
    const prev = buildDigest('2026-11-22', busy, undefined, undefined, { generatedAt: AT });
    expect(prev.relations).toHaveLength(DIGEST_LIMITS.relations);
    const next = buildDigest('2026-11-23', aggregates({ articleCount: 1, relations: [relation('S35', 'T', -5, 1)] }), prev, undefined, { generatedAt: AT });
    expect(next.changes.newRelations).toEqual([]);
  });

  it('no previous digest: no changes', () => {
    expect(buildDigest('2026-11-23', day, undefined, undefined, { generatedAt: AT }).changes)
      .toEqual({ newRelations: [], reversed: [], rising: [], falling: [] });
  });
});
