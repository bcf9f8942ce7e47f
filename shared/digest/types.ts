// The digest contract (../shared/DESIGN.md, "Digest contract"): one UTC day, built from the
// per-day aggregates. JSON is the API; Markdown, HTML and Atom are renderings of this shape.
// Below the contract: the aggregate shapes the build reads and the ports the digest code sees.

import type { ArticleLine, Contribution, EvidenceEntry, StanceEntry } from './contribution.js';

export interface DigestSource {
  site: string;
  count: number;
}

export interface DigestActor {
  id: string;
  name: string;
  type: string;
  country?: string;
  /** Mean salience over the articles that mention the actor, in [0, 1]. */
  salience: number;
  /** Articles (duplicates counted once) that mention the actor. */
  articles: number;
  mentions: number;
  /** Net Goldstein score of the stances the actor took (mean over its stances). */
  given: number;
  /** Net Goldstein score of the stances taken toward the actor. */
  received: number;
  givenCount: number;
  receivedCount: number;
}

export interface DigestEvidence {
  articleId: string;
  url: string;
  title?: string;
  site?: string;
  text: string;
  score: number;
  category: string;
  /** PLOVER event type ("DISAPPROVE", "THREATEN"), when a dictionary entry gave the stance. */
  plover?: string;
  claim?: string | null;
  /** The analyser's confidence in the stance, in [0, 1]. */
  confidence?: number;
  /** Index of the sentence in its article. */
  sentence?: number;
}

export interface DigestRelation {
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
  /** Sum of the stances' Goldstein scores, -10 .. +10 each. */
  net: number;
  count: number;
  /** Sign of net: +1 cooperative, -1 hostile, 0 mixed. */
  polarity: -1 | 0 | 1;
  evidence: DigestEvidence[];
  /** Articles (duplicates counted once) with at least one of the stances. */
  articles?: number;
}

export interface DigestStance extends DigestEvidence {
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
  polarity: -1 | 0 | 1;
}

export interface DigestArticle {
  id: string;
  title?: string;
  url: string;
  site?: string;
  publishedTime?: string;
  summary: string;
  /** Wire copies and near-duplicates of this article (same story on other sites): listed, not counted. */
  duplicates?: { id: string; url: string; site?: string }[];
}

export interface RelationChange {
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
  net: number;
  previousNet?: number;
}

export interface ActorChange {
  id: string;
  name: string;
  articles: number;
  previousArticles: number;
  salience: number;
  previousSalience: number;
}

/**
 * What the next day's "changes" compare against: more relations and actors than the digest shows
 * (a relation ranked 31st yesterday and 29th today is not new), as compact tuples.
 */
export interface DigestBasis {
  /** The day's article count: an actor rises or falls by its share of the day's articles. */
  articleCount?: number;
  /** [source, target, net, count], strongest |net| first. */
  relations: [string, string, number, number][];
  /** [id, name, articles, mean salience], most salient (summed) first. */
  actors: [string, string, number, number][];
}

export interface Digest {
  date: string;
  generatedAt: string;
  /** Distinct articles (near-duplicates counted once). */
  articleCount: number;
  duplicateCount: number;
  sources: DigestSource[];
  topActors: DigestActor[];
  relations: DigestRelation[];
  topStances: DigestStance[];
  articles: DigestArticle[];
  changes: {
    /** The previous day with a digest, if any. */
    since?: string;
    newRelations: RelationChange[];
    reversed: RelationChange[];
    rising: ActorChange[];
    falling: ActorChange[];
  };
  /** The comparison basis for the following day's changes. */
  basis?: DigestBasis;
}

/** One line of GET /digests: enough to pick a day. */
export interface DigestSummary {
  date: string;
  articleCount: number;
  generatedAt: string;
  /** Names of the three most salient actors. */
  topActors: string[];
}

/** What a day's changes need of the previous digest: a Digest has it, and so does the stored summary. */
export interface PreviousDigest {
  date: string;
  articleCount?: number;
  basis?: DigestBasis;
  topActors?: DigestActor[];
  relations?: DigestRelation[];
}

// ---- aggregates: what the build reads instead of the articles ----

export interface ActorAggregate {
  id: string;
  name: string;
  type: string;
  country?: string;
  /** Counted articles mentioning the actor. */
  articles: number;
  mentions: number;
  salienceSum: number;
  givenSum: number;
  givenCount: number;
  receivedSum: number;
  receivedCount: number;
}

export interface RelationAggregate {
  source: string;
  target: string;
  /** Counted articles with a stance source -> target. */
  articles: number;
  /** Stances. */
  count: number;
  net: number;
  /** Strongest first; at most a few per shard. */
  evidence: EvidenceEntry[];
}

export interface DuplicateEntry {
  id: string;
  url: string;
  site?: string;
  title?: string;
  /** The earlier article this one copies (itself possibly a copy: follow to the canonical one). */
  duplicateOf: string;
  /** Estimated Jaccard similarity of their shingles. */
  similarity: number;
}

export interface DayAggregates {
  day: string;
  articleCount: number;
  actors: ActorAggregate[];
  relations: RelationAggregate[];
  sources: DigestSource[];
  /** The strongest stances, strongest first (at most a few per shard). */
  topStances: StanceEntry[];
  lines: ArticleLine[];
  duplicates: DuplicateEntry[];
  /** What reading them cost: items (also per kind: ACTOR, REL, TOP, LINE, DUPS) and Query requests. */
  stats: { items: number; requests: number; byKind?: Record<string, number> };
}

/** One actor on one day, from its aggregate shards. */
export interface ActorDayAggregate extends ActorAggregate {
  day: string;
  /** Ids of the counted articles that mention it, sorted. */
  articleIds: string[];
}

export interface AddArticleResult {
  /** Set when the article is a near-duplicate: it is listed under that article and not counted. */
  duplicateOf?: string;
  similarity?: number;
}

/** Port: the per-day aggregates (DynamoAggregateStore implements it). */
export interface AggregateStore {
  /** Adds one article's contribution to its day; calling it again for the same article changes nothing. */
  addArticle(day: string, contribution: Contribution): Promise<AddArticleResult>;
  readDay(day: string): Promise<DayAggregates>;
  readActorDay(day: string, actorId: string): Promise<ActorDayAggregate | undefined>;
}

/** Port: stored digests (DigestStore implements it). */
export interface DigestRepository {
  put(digest: Digest): Promise<void>;
  get(date: string): Promise<Digest | undefined>;
  /** Summaries of the stored digests from `from` to `to` (inclusive), oldest first. */
  list(from: string, to: string): Promise<DigestSummary[]>;
  /** The latest stored digest strictly before `date`, as much as the changes need. */
  previousBefore(date: string): Promise<PreviousDigest | undefined>;
}
