// The digest contract (../shared/DESIGN.md, "Digest contract"): one UTC day, built from the
// day's article contributions. JSON is the API; Markdown, HTML and Atom are renderings of this shape.
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
  /** Stances read in the article. */
  stances?: number;
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
  /**
   * Set on one feed's digest (GET /digests/{date}?feed=ID): built on request from the day's
   * contributions of that feed's articles, not stored, without changes or article pages.
   */
  feed?: string;
  generatedAt: string;
  /** Distinct articles (near-duplicates counted once). */
  articleCount: number;
  duplicateCount: number;
  sources: DigestSource[];
  topActors: DigestActor[];
  relations: DigestRelation[];
  topStances: DigestStance[];
  /** The day's top articles (most copies, then most stances); every article is in the paged list. */
  articles: DigestArticle[];
  /** Pages of GET /digests/{date}/articles, which lists every counted article, newest first. */
  articlePages?: number;
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
  /** Up to 100 of those articles' ids, sorted (for the actor's timeline). */
  articleIds?: string[];
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
  /** What reading them cost: contribution items and Query requests per pass, and the bytes read. */
  stats: { items: number; requests: number; bytes?: number };
}

/** One actor on one day, as the day's digest build recorded it. */
export interface ActorDayAggregate extends ActorAggregate {
  day: string;
  /** Ids of (up to 100 of) the counted articles that mention it, sorted. */
  articleIds: string[];
}

/** Port: each article's contribution to its day, and the day read back as aggregates. */
export interface AggregateStore {
  /** Stores one article's contribution to its day, replacing any earlier one of the same article. */
  addArticle(day: string, contribution: Contribution): Promise<void>;
  /** The day's contributions aggregated; `feedId` keeps only the articles of one feed. */
  readDay(day: string, opts?: { feedId?: string }): Promise<DayAggregates>;
}

/** Port: per actor and day, what the day's digest build counted (the actor timeline reads it). */
export interface ActorDayStore {
  putDay(day: string, actors: ActorAggregate[]): Promise<void>;
  /** The days from `from` to `to` (inclusive) on which the actor was counted, oldest first. */
  readRange(actorId: string, from: string, to: string): Promise<ActorDayAggregate[]>;
}

/** One page of a day's full article list, as stored by one build of its digest. */
export interface ArticlePage {
  date: string;
  /** The build the page belongs to (a rebuild writes new pages; a cursor stays on its build). */
  build: string;
  page: number;
  pages: number;
  items: DigestArticle[];
}

/** Port: stored digests (DigestStore implements it). */
export interface DigestRepository {
  /** Stores the digest and the day's full article list in pages (by default the digest's own articles). */
  put(digest: Digest, articles?: DigestArticle[]): Promise<void>;
  /** A page of the list: of the current build without `build`. */
  articlePage(date: string, page: number, build?: string): Promise<ArticlePage | undefined>;
  get(date: string): Promise<Digest | undefined>;
  /** Summaries of the stored digests from `from` to `to` (inclusive), oldest first. */
  list(from: string, to: string): Promise<DigestSummary[]>;
  /** The latest stored digest strictly before `date`, as much as the changes need. */
  previousBefore(date: string): Promise<PreviousDigest | undefined>;
}
