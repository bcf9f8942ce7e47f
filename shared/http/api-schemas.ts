// The API's request and response bodies as zod schemas: the ingest function parses its body with
// ingestRequestSchema, and shared/http/openapi.ts turns all of them into the OpenAPI document.
// Each `.openapi('Name')` makes a schema a named component. The response schemas describe what the
// services return (shared/article.ts, shared/digest/types.ts, ...); test/http/openapi.test.ts checks
// that those types still fit them.

import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { DEFAULT_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES } from '../feeds/feed.js';

extendZodWithOpenApi(z);

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).openapi({ description: 'A UTC day, YYYY-MM-DD', example: '2026-11-28' });
const timestamp = z.string().openapi({ format: 'date-time' });
const articleId = z.string().openapi({ description: 'First 16 hex characters of sha256(canonical URL)' });
const count = z.number().int().min(0);
/** Goldstein scale: -10 (most hostile) to +10 (most cooperative). */
const goldstein = z.number().min(-10).max(10);
const polarity = z.number().int().min(-1).max(1).openapi({ description: '+1 cooperative, -1 hostile, 0 neutral or mixed' });
/** A nested object the document describes in words rather than field by field. */
const describedObject = (description: string) => z.custom<unknown>((v) => typeof v === 'object' && v !== null)
  .openapi({ type: 'object', description });

/** `{"urls": [...]}` with 1 to `maxUrls` strings. Whether each string is a URL ingest accepts is answered per URL, not by a 400. */
export function ingestRequestSchema(maxUrls: number) {
  return z.object({
    urls: z.array(z.string()).min(1).max(maxUrls).openapi({ description: 'URLs to fetch and analyse' }),
  }).openapi('IngestRequest');
}

/** POST /feeds: a feed URL and how often to poll it. */
export const feedRequestSchema = z.object({
  url: z.string().min(1).max(2048).openapi({ description: 'The feed: RSS, Atom, JSON Feed, or a (news) sitemap or sitemap index' }),
  intervalMinutes: z.number().int().min(MIN_INTERVAL_MINUTES).max(MAX_INTERVAL_MINUTES).optional()
    .openapi({ description: `Minutes between polls (default ${DEFAULT_INTERVAL_MINUTES})` }),
}).openapi('FeedRequest');

export const Feed = z.object({
  id: z.string().openapi({ description: 'First 16 hex characters of sha256(canonical feed URL)' }),
  url: z.string().openapi({ description: 'The canonical feed URL' }),
  intervalMinutes: z.number().int(),
  createdAt: timestamp,
  nextPollAt: timestamp,
  title: z.string().optional(),
  format: z.enum(['rss2', 'rss1', 'atom', 'json-feed', 'sitemap', 'news-sitemap', 'sitemap-index']).optional()
    .openapi({ description: 'The format the last good poll found' }),
  lastPolledAt: timestamp.optional(),
  lastStatus: z.enum(['ok', 'not-modified', 'failed']).optional(),
  error: z.string().optional().openapi({ description: 'Why the last poll failed (cleared by a good one)' }),
  warning: z.string().optional().openapi({ description: 'What the last good poll left out: entries past the 5,000 cap, entries without a usable link' }),
  consecutiveFailures: count.openapi({ description: 'Failed polls in a row: each doubles the wait before the next' }),
  itemsSeen: count.openapi({ description: 'Entries with a link seen over the feed\'s life' }),
  articlesQueued: count.openapi({ description: 'Articles sent to ingest from its entries' }),
  discoveredFrom: z.string().optional()
    .openapi({ description: 'POST /feeds only: the web page given, on which this feed was found (<link rel="alternate">)' }),
}).openapi('Feed');

export const FeedPage = z.object({
  items: z.array(Feed),
  next: z.string().optional().openapi({ description: 'Pass as `cursor` for the next page; absent on the last one' }),
}).openapi('FeedPage');

export const FeedPollResult = z.object({
  feedId: z.string(),
  status: z.enum(['ok', 'not-modified', 'failed']),
  items: count.openapi({ description: 'Entries the feed lists, with a link' }),
  new: count.openapi({ description: 'Entries not seen before' }),
  queued: count.openapi({ description: 'Articles sent to ingest' }),
  notModified: z.boolean().openapi({ description: 'The server answered 304 to the validators of the last poll' }),
  skipped: z.object({ noLink: count, invalidLink: count, overLimit: count }).optional()
    .openapi({ description: 'Entries left out: without a link, with a link that is not http(s), past the 5,000-entry cap' }),
  error: z.string().optional(),
}).openapi('FeedPollResult');

export const FeedDeleted = z.object({ id: z.string(), deleted: z.literal(true) }).openapi('FeedDeleted');

export const ErrorResponse = z.object({
  message: z.string().openapi({ description: 'What went wrong and what to do about it' }),
}).openapi('Error');

export const IngestResult = z.object({
  accepted: z.array(z.object({ url: z.string(), id: articleId, canonicalUrl: z.string() })),
  duplicates: z.array(z.object({ url: z.string(), id: articleId, status: z.string() }))
    .openapi({ description: 'Already known, with their current status' }),
  requeued: z.array(z.object({ url: z.string(), id: articleId }))
    .openapi({ description: 'Known articles that had failed, queued again' }),
  rejected: z.array(z.object({
    url: z.string(),
    reason: z.string(),
    retryable: z.boolean().openapi({ description: 'True when the store or the queue failed, not the URL: submit it again later' }),
    id: articleId.optional().describe('Set when the article was recorded but could not be queued: it is marked failed, and submitting the URL again requeues it'),
  })),
}).openapi('IngestResult');

/**
 * A 400 of POST /ingest: a bad body (message only), or a body in which no URL is acceptable (message
 * and the lists); a 503 when none was taken because the store or the queue failed (the lists).
 */
export const IngestRejected = ErrorResponse.extend(IngestResult.partial().shape).openapi('IngestRejected');

const StageFailure = z.object({
  stage: z.enum(['ingest', 'fetch', 'process']),
  reason: z.string(),
  code: z.string().openapi({ description: 'The named error class, e.g. FetchRefusedError' }),
  retryable: z.boolean(),
  at: timestamp,
});

export const Article = z.object({
  id: articleId,
  url: z.string().openapi({ description: 'The URL as submitted' }),
  canonicalUrl: z.string(),
  finalUrl: z.string().optional(),
  feedId: z.string().optional().openapi({ description: 'The feed subscription whose entry it was' }),
  status: z.enum(['queued', 'fetching', 'fetched', 'processed', 'analyzed', 'failed']),
  day: day.openapi({ description: 'The UTC day the article was first fetched (its ingest day until then)' }),
  createdAt: timestamp,
  updatedAt: timestamp,
  stages: z.object({
    ingest: z.object({ at: timestamp }),
    fetch: describedObject('Timestamps, attempts, HTTP status, final URL, content type, charset, size, redirects').optional(),
    process: describedObject('Timestamps, attempts, extractor, duration; textKey when the text is kept in S3').optional(),
  }),
  error: StageFailure.optional().openapi({ description: 'Why the article failed (status "failed"), or why it was not analysed' }),
  title: z.string().optional(),
  byline: z.string().optional(),
  siteName: z.string().optional(),
  publishedTime: z.string().optional(),
  lang: z.string().optional(),
  excerpt: z.string().optional(),
  wordCount: count.optional(),
  text: z.string().optional().openapi({ description: 'The clean text' }),
  analysis: describedObject('Actors, stances and summary: the analysis contract in DESIGN.md').optional(),
}).openapi('Article');

export const ArticlePage = z.object({
  date: day,
  feed: z.string().optional().openapi({ description: 'The feed filter, when one was given' }),
  items: z.array(Article),
  next: z.string().optional().openapi({ description: 'Pass as `cursor` for the next page; absent on the last one' }),
}).openapi('ArticlePage');

const DigestEvidence = z.object({
  articleId,
  url: z.string(),
  title: z.string().optional(),
  site: z.string().optional(),
  text: z.string().openapi({ description: 'The sentence' }),
  score: goldstein,
  category: z.string(),
  plover: z.string().optional(),
  claim: z.string().nullable().optional().openapi({ description: 'Set when the stance is reported speech' }),
  confidence: z.number().min(0).max(1).optional(),
  sentence: count.optional().openapi({ description: 'Index of the sentence in its article' }),
}).openapi('DigestEvidence');

const relationEnds = {
  source: z.string().openapi({ description: 'Actor id' }),
  target: z.string().openapi({ description: 'Actor id' }),
  sourceName: z.string(),
  targetName: z.string(),
};

const RelationChange = z.object({ ...relationEnds, net: z.number(), previousNet: z.number().optional() });
const ActorChange = z.object({
  id: z.string(), name: z.string(), articles: count, previousArticles: count, salience: z.number(), previousSalience: z.number(),
});

const DigestArticle = z.object({
  id: articleId,
  title: z.string().optional(),
  url: z.string(),
  site: z.string().optional(),
  publishedTime: z.string().optional(),
  summary: z.string(),
  stances: count.optional().openapi({ description: 'Stances read in the article' }),
  duplicates: z.array(z.object({ id: articleId, url: z.string(), site: z.string().optional() })).optional()
    .openapi({ description: 'Wire copies and near-duplicates: listed, not counted' }),
}).openapi('DigestArticle');

export const DigestArticlePage = z.object({
  date: day,
  build: z.string().openapi({ description: 'The build of the digest the list belongs to' }),
  page: count,
  pages: count,
  items: z.array(DigestArticle).openapi({ description: 'Every counted article of the day, newest first, 200 a page' }),
  next: z.string().optional().openapi({ description: 'Pass back as cursor for the next page; absent on the last' }),
}).openapi('DigestArticlePage');

export const Digest = z.object({
  date: day,
  feed: z.string().optional().openapi({ description: "Set on one feed's digest (?feed=): built on request, without changes or article pages" }),
  generatedAt: timestamp,
  articleCount: count.openapi({ description: 'Distinct articles (near-duplicates counted once)' }),
  duplicateCount: count,
  sources: z.array(z.object({ site: z.string(), count })),
  topActors: z.array(z.object({
    id: z.string().openapi({ description: 'ISO 3166-1 alpha-3 for countries, a slug otherwise' }),
    name: z.string(),
    type: z.string(),
    country: z.string().optional(),
    salience: z.number().min(0).max(1),
    articles: count,
    mentions: count,
    given: goldstein.openapi({ description: 'Mean Goldstein score of the stances the actor took' }),
    received: goldstein.openapi({ description: 'Mean Goldstein score of the stances taken toward the actor' }),
    givenCount: count,
    receivedCount: count,
  })),
  relations: z.array(z.object({
    ...relationEnds,
    net: z.number().openapi({ description: "Sum of the stances' Goldstein scores" }),
    count,
    polarity,
    evidence: z.array(DigestEvidence),
    articles: count.optional(),
  })),
  topStances: z.array(DigestEvidence.extend({ ...relationEnds, polarity })),
  articles: z.array(DigestArticle)
    .openapi({ description: "The day's top articles (most copies, then most stances); GET /digests/{date}/articles lists all" }),
  articlePages: count.optional().openapi({ description: 'Pages of GET /digests/{date}/articles' }),
  changes: z.object({
    since: day.optional().openapi({ description: 'The previous day with a digest' }),
    newRelations: z.array(RelationChange),
    reversed: z.array(RelationChange),
    rising: z.array(ActorChange),
    falling: z.array(ActorChange),
  }),
  basis: describedObject("What the next day's changes compare against").optional(),
}).openapi('Digest');

export const DigestList = z.object({
  from: day,
  to: day,
  digests: z.array(z.object({
    date: day,
    articleCount: count,
    generatedAt: timestamp,
    topActors: z.array(z.string()).openapi({ description: 'Names of the three most salient actors' }),
  })),
}).openapi('DigestList');

export const DigestLink = z.object({
  url: z.string().openapi({ description: "Signed link to the day's HTML page" }),
  feed: z.string().openapi({ description: 'Signed link to the Atom feed' }),
  expiresAt: timestamp,
}).openapi('DigestLink');

export const ActorTimeline = z.object({
  actorId: z.string(),
  name: z.string().optional(),
  type: z.string().optional(),
  country: z.string().optional(),
  from: day,
  to: day,
  days: z.array(z.object({
    day,
    articles: count,
    mentions: count,
    salience: z.number(),
    given: z.number(),
    givenCount: count,
    received: z.number(),
    receivedCount: count,
    articleIds: z.array(articleId).openapi({ description: 'Up to 100, sorted; `articles` is the full count' }),
  })).openapi({ description: 'Every day of the range, oldest first; days without the actor have zeros' }),
}).openapi('ActorTimeline');

export const OpenApiDocument = z.object({
  openapi: z.string(),
  info: z.object({ title: z.string(), version: z.string() }),
  paths: describedObject('Every route, by path and method'),
}).openapi('OpenApiDocument', { description: 'This document' });
