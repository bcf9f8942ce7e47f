// The interfaces the pipeline sees. One adapter per AWS service implements each (shared/adapters),
// and the local runtime wires in-process equivalents; the pipeline code never imports an SDK.

import type { ArticleRecord, FetchInfo, ProcessInfo, StageFailure, StoredArticleMetadata } from './article.js';

export interface NewArticle {
  id: string;
  url: string;
  canonicalUrl: string;
  now: string;
  /** The feed subscription whose entry it is (absent for a URL posted to /ingest). */
  feedId?: string;
}

export interface ArticlePage {
  items: ArticleRecord[];
  /** Opaque cursor for the next page, absent on the last one. */
  next?: string;
}

/** What the process stage writes once extraction (and later analysis) succeeded. */
export interface ProcessedFields extends StoredArticleMetadata {
  status: 'processed' | 'analyzed';
  wordCount: number;
  text?: string;
  analysis?: unknown;
  /** Set when extraction worked but the analysis failed: the article is kept, with the reason. */
  error?: StageFailure;
  process: ProcessInfo;
}

export interface ArticleStore {
  /** Creates the record unless one exists; returns false for a duplicate (idempotent ingest). */
  create(article: NewArticle): Promise<boolean>;
  get(id: string): Promise<ArticleRecord | undefined>;
  /** A day's articles, a page at a time; `feedId` keeps only one feed's (pages may then be shorter than `limit`). */
  listByDay(day: string, opts?: { limit?: number; cursor?: string; feedId?: string }): Promise<ArticlePage>;
  /**
   * Marks the fetch as started and returns the record; or, for a redelivery, 'fetched' when the
   * article waits for processing and 'done' when it is processed; undefined when it does not
   * exist. The first fetch fixes the article's day.
   */
  beginFetch(id: string, now: string): Promise<ArticleRecord | 'fetched' | 'done' | undefined>;
  // Stage transitions are conditional: none moves a record backwards. A write that finds the
  // article already further along (a late duplicate delivery) changes nothing and returns false.
  markFetched(id: string, fetch: FetchInfo, now: string): Promise<boolean>;
  markProcessed(id: string, fields: ProcessedFields, now: string): Promise<boolean>;
  /** Final failure: status becomes failed, with the stage and the reason. False when no such article exists or it is done. */
  markFailed(id: string, failure: StageFailure): Promise<boolean>;
  /** A failure that will be retried: the status stays, the error is kept as the last one seen. */
  noteRetry(id: string, failure: StageFailure): Promise<boolean>;
  /** Puts a failed article back to queued; false when it was not failed. */
  requeue(id: string, now: string): Promise<boolean>;
  /**
   * Puts a queued or fetching article back to queued with a new deadline, if it has not changed
   * since it was read (`seenUpdatedAt`): a resubmitted URL whose message was probably lost.
   */
  requeueStale(id: string, seenUpdatedAt: string, now: string): Promise<boolean>;
  /** Articles in flight (queued, fetching, fetched) whose stage deadline is before `before`; every one without it. */
  listInFlight(before?: string): Promise<InFlightArticle[]>;
  /**
   * Claims an overdue article for one more attempt: a new deadline and one more sweep counted,
   * only if its deadline is still the one `seen` read (so two sweepers do not both resend it).
   */
  extendDeadline(seen: InFlightArticle, now: string): Promise<boolean>;
  /**
   * Puts a fetch off until `until` (the site asked us to wait, or the host's turn is later): the
   * article goes back to queued with the reason kept as its last error, and its deadline moves
   * past `until` so the sweeper does not resend it early. False when it is fetched or done already.
   */
  deferFetch(id: string, until: string, reason: StageFailure): Promise<boolean>;
}

/** What the in-flight index holds of an article. */
export interface InFlightArticle {
  id: string;
  status: 'queued' | 'fetching' | 'fetched';
  canonicalUrl: string;
  /** ISO time by which the article should have left its stage. */
  deadline: string;
  /** Times the sweeper has sent its message again. */
  sweeps: number;
}

export interface BlobStore {
  put(key: string, body: Buffer | string, contentType: string, contentEncoding?: string): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
}

export interface QueueMessage<T> {
  body: T;
}

export interface SendOptions {
  /** Seconds before the messages can be received; SQS takes at most 900 (MAX_DELAY_SECONDS). */
  delaySeconds?: number;
}

/** SQS's limit on DelaySeconds: a longer wait is sent again in steps of at most this. */
export const MAX_DELAY_SECONDS = 900;

export interface Queue<T> {
  send(bodies: T[], options?: SendOptions): Promise<void>;
  /** Moves a message that can never succeed straight to the dead-letter queue, with the reason. */
  deadLetter(body: T, reason: string): Promise<void>;
}

export interface FetchMessage {
  articleId: string;
  url: string;
  // Set when a fetch is put off (shared/crawl/deferral.ts). A message is sent again for each wait
  // instead of being failed back to SQS, so waiting never counts towards maxReceiveCount.
  /** ISO time before which the article is not fetched; received earlier, the message is delayed again. */
  notBefore?: string;
  /** ISO time of the host's pacing slot reserved for this article; it is fetched in that slot without taking another. */
  paceSlot?: string;
  /** ISO time the site first asked us to come back later; the fetch gives up 24 hours after it. */
  deferredSince?: string;
  /** Times the fetch was put off so far. */
  deferrals?: number;
}

export interface ProcessMessage {
  articleId: string;
}

export interface FetchedPage {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  contentType: string;
  /** The charset the body was decoded with, e.g. 'utf-8', 'windows-1251'. */
  charset: string;
  /** The body decoded to a string. */
  html: string;
  /** Size of the decompressed body in bytes. */
  bytes: number;
  /** Every URL that answered with a redirect, in order (the requested URL first, never the final one). */
  redirects: string[];
}

export interface PageFetcher {
  /** `beforeRedirect`: called before a redirect to another origin is followed (its robots.txt and pacing); throws to stop. */
  fetch(url: string, options?: { beforeRedirect?: (url: string) => Promise<void> }): Promise<FetchedPage>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
