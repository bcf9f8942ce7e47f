// A day's aggregates from its articles' contributions, in memory. The store hands them over in two
// passes so that a 100,000-article day never sits in memory whole:
//   1. the heads (id, first seen, summary line, fingerprint): findCopies decides which articles are
//      near-duplicates of an earlier one;
//   2. the bodies (actors, relations, stances), one at a time, into a DayAggregator, which counts
//      every article that is not a copy once and keeps only bounded lists.
// Pure and order-independent: the same contributions give the same aggregates, whatever order the
// pages arrive in, because every decision depends on (seenAt, id) and every list is sorted.

import {
  bandsOf, compareFingerprints, EVIDENCE_PER_RELATION,
  type ActorContribution, type ArticleLine, type Contribution, type EvidenceEntry, type Fingerprint, type StanceEntry,
} from './contribution.js';
import type { ActorAggregate, DayAggregates, DuplicateEntry, RelationAggregate } from './types.js';

/** What the first pass reads of each article. */
export type ContributionHead = Pick<Contribution, 'articleId' | 'seenAt' | 'line' | 'fingerprint'>;
/** What the second pass reads of each article. */
export type ContributionBody = Pick<Contribution, 'articleId' | 'actors' | 'relations' | 'topStances'>;

/** Top stances kept for the build: it shows 10, after dropping the same sentence quoted twice. */
export const TOP_STANCES_KEPT = 30;
/** Article ids kept per actor for its timeline (its `articles` count is always whole). */
export const ACTOR_ARTICLE_IDS_KEPT = 100;

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const firstSeen = (a: ContributionHead, b: ContributionHead) => cmpStr(a.seenAt, b.seenAt) || cmpStr(a.articleId, b.articleId);

const strength = (a: EvidenceEntry, b: EvidenceEntry) =>
  Math.abs(b.score) - Math.abs(a.score) || b.confidence - a.confidence || cmpStr(a.key, b.key);

/** The `cap` strongest of both lists, without repeating a key. */
export function mergeStrongest<T extends EvidenceEntry>(current: T[], offered: T[], cap: number): T[] {
  const byKey = new Map<string, T>();
  for (const e of [...current, ...offered]) if (!byKey.has(e.key)) byKey.set(e.key, e);
  return [...byKey.values()].sort(strength).slice(0, cap);
}

/** mergeStrongest, skipped (the common case on a busy day) when the list is full and nothing offered beats its weakest. */
function offerStrongest<T extends EvidenceEntry>(current: T[], offered: T[], cap: number): T[] {
  if (!offered.length) return current;
  if (current.length >= cap && offered.every((e) => strength(e, current[cap - 1]) >= 0)) return current;
  return mergeStrongest(current, offered, cap);
}

/**
 * The near-duplicates of a day: an article is a copy when an article seen before it (by seenAt,
 * then id) is similar enough (contribution.ts); it is listed under that article's original and
 * counted nowhere. Candidates come from the LSH bands, so the work grows with the copies, not with
 * the square of the day.
 */
export function findCopies(heads: Iterable<ContributionHead>): Map<string, { duplicateOf: string; similarity: number }> {
  const ordered = [...heads].filter((h) => h.fingerprint).sort(firstSeen);
  const copies = new Map<string, { duplicateOf: string; similarity: number }>();
  const fingerprints = new Map<string, Fingerprint>();
  const buckets = new Map<string, string[]>();
  const position = new Map(ordered.map((h, i) => [h.articleId, i]));
  for (const h of ordered) {
    const fp = h.fingerprint!;
    const bands = bandsOf(fp).map((value, b) => `${b}:${value}`);
    let best: { id: string; similarity: number } | undefined;
    const compared = new Set<string>();
    for (const band of bands) {
      for (const earlier of buckets.get(band) ?? []) {
        if (compared.has(earlier)) continue;
        compared.add(earlier);
        const cmp = compareFingerprints(fp, fingerprints.get(earlier)!);
        if (!cmp.duplicate) continue;
        // The most similar earlier article; of equally similar ones, the first seen.
        if (!best || cmp.jaccard > best.similarity || (cmp.jaccard === best.similarity && position.get(earlier)! < position.get(best.id)!)) {
          best = { id: earlier, similarity: cmp.jaccard };
        }
      }
    }
    if (best) copies.set(h.articleId, { duplicateOf: copies.get(best.id)?.duplicateOf ?? best.id, similarity: best.similarity });
    fingerprints.set(h.articleId, fp);
    for (const band of bands) {
      const list = buckets.get(band);
      if (list) list.push(h.articleId); else buckets.set(band, [h.articleId]);
    }
  }
  return copies;
}

interface ActorSums extends ActorAggregate {
  /** Articles per (name, type, country) the analysis gave the actor: the most common wins. */
  nameVotes: Map<string, { n: number; name: string; type: string; country?: string }>;
  articleIds: string[];
}

/** Pass 2: counts each article that is not a copy once; keeps bounded lists of evidence and stances. */
export class DayAggregator {
  private readonly actors = new Map<string, ActorSums>();
  private readonly relations = new Map<string, RelationAggregate>();
  private topStances: StanceEntry[] = [];
  private readonly counted = new Set<string>();

  constructor(
    private readonly day: string,
    private readonly heads: ReadonlyMap<string, ContributionHead>,
    private readonly copies: ReadonlyMap<string, { duplicateOf: string; similarity: number }>,
  ) {}

  /** Adds one article's body; a copy, an article without a head or one already added changes nothing. */
  add(body: ContributionBody): void {
    const id = body.articleId;
    if (this.copies.has(id) || !this.heads.has(id) || this.counted.has(id)) return;
    this.counted.add(id);
    for (const a of body.actors) this.addActor(id, a);
    for (const r of body.relations) {
      const k = `${r.source}\u0000${r.target}`;
      let agg = this.relations.get(k);
      if (!agg) { agg = { source: r.source, target: r.target, articles: 0, count: 0, net: 0, evidence: [] }; this.relations.set(k, agg); }
      agg.articles += 1; agg.count += r.count; agg.net += r.net;
      agg.evidence = offerStrongest(agg.evidence, r.evidence, EVIDENCE_PER_RELATION);
    }
    this.topStances = offerStrongest(this.topStances, body.topStances, TOP_STANCES_KEPT);
  }

  private addActor(articleId: string, a: ActorContribution): void {
    let s = this.actors.get(a.id);
    if (!s) {
      s = {
        id: a.id, name: a.name, type: a.type, articles: 0, mentions: 0, salienceSum: 0,
        givenSum: 0, givenCount: 0, receivedSum: 0, receivedCount: 0, nameVotes: new Map(), articleIds: [],
      };
      this.actors.set(a.id, s);
    }
    s.articles += 1; s.mentions += a.mentions; s.salienceSum += a.salience;
    s.givenSum += a.givenSum; s.givenCount += a.givenCount; s.receivedSum += a.receivedSum; s.receivedCount += a.receivedCount;
    const key = `${a.name}\u0000${a.type}\u0000${a.country ?? ''}`;
    const vote = s.nameVotes.get(key);
    if (vote) vote.n += 1; else s.nameVotes.set(key, { n: 1, name: a.name, type: a.type, ...(a.country ? { country: a.country } : {}) });
    s.articleIds.push(articleId);
  }

  /** The day's aggregates (the sums rounded against float drift, every list in a fixed order). */
  result(): Omit<DayAggregates, 'stats'> {
    const lines: ArticleLine[] = [];
    const duplicates: DuplicateEntry[] = [];
    for (const h of this.heads.values()) {
      const copy = this.copies.get(h.articleId);
      if (copy) {
        const l = h.line;
        duplicates.push({
          id: l.id, url: l.url, ...(l.site ? { site: l.site } : {}), ...(l.title ? { title: l.title } : {}),
          duplicateOf: copy.duplicateOf, similarity: copy.similarity,
        });
      } else if (this.counted.has(h.articleId)) {
        lines.push(h.line);
      }
    }
    lines.sort((a, b) => cmpStr(a.id, b.id));
    duplicates.sort((a, b) => cmpStr(a.id, b.id));
    const sources = new Map<string, number>();
    for (const l of lines) if (l.site) sources.set(l.site, (sources.get(l.site) ?? 0) + 1);

    const r6 = (n: number) => Math.round(n * 1e6) / 1e6;
    const actors: ActorAggregate[] = [...this.actors.values()].sort((a, b) => cmpStr(a.id, b.id)).map((s) => {
      // The most common spelling, a known type before 'unknown' (an actor named only in a stance),
      // then the alphabetically first, so the order of arrival never matters.
      const [, vote] = [...s.nameVotes].sort(([ka, va], [kb, vb]) =>
        vb.n - va.n || Number(va.type === 'unknown') - Number(vb.type === 'unknown') || cmpStr(ka, kb))[0];
      return {
        id: s.id, name: vote.name, type: vote.type, ...(vote.country ? { country: vote.country } : {}),
        articles: s.articles, mentions: s.mentions, salienceSum: r6(s.salienceSum),
        givenSum: r6(s.givenSum), givenCount: s.givenCount, receivedSum: r6(s.receivedSum), receivedCount: s.receivedCount,
        articleIds: s.articleIds.sort().slice(0, ACTOR_ARTICLE_IDS_KEPT),
      };
    });
    const relations = [...this.relations.values()]
      .map((r) => ({ ...r, net: r6(r.net) }))
      .sort((a, b) => cmpStr(a.source, b.source) || cmpStr(a.target, b.target));
    return {
      day: this.day,
      articleCount: lines.length,
      actors,
      relations,
      sources: [...sources].map(([site, count]) => ({ site, count })),
      topStances: this.topStances,
      lines,
      duplicates,
    };
  }
}

/** Both passes over contributions already in memory (tests, and the bench's reference). */
export function aggregateContributions(day: string, contributions: Contribution[]): Omit<DayAggregates, 'stats'> {
  const heads = new Map(contributions.map((c) => [c.articleId, c]));
  const aggregator = new DayAggregator(day, heads, findCopies(heads.values()));
  for (const c of contributions) aggregator.add(c);
  return aggregator.result();
}
