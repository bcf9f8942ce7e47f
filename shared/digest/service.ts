// The digest use cases, over ports: the process stage adds each analysed article to its day, the
// scheduled digest function and POST /digests/{date} build and store a day, and the read API gets
// and lists stored digests. Adapters (DynamoAggregateStore, DigestStore) are passed in.

import type { ArticleRecord } from '../article.js';
import type { Analysis } from '../analysis/types.js';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.js';
import type { Clock } from '../ports.js';
import { isValidDay } from '../url.js';
import { articleList, buildDigest } from './build.js';
import { contributionOf } from './contribution.js';
import { daysBetween } from './timeline.js';
import type { ActorDayStore, AggregateStore, ArticlePage, Digest, DigestRepository, DigestSummary } from './types.js';

export interface DigestDeps {
  aggregates: Pick<AggregateStore, 'readDay'>;
  digests: DigestRepository;
  /** Where each build records the day's numbers per actor, for the actor timeline. */
  actorDays: Pick<ActorDayStore, 'putDay'>;
  clock: Clock;
  /** Display names that override the ones the analysis gave (e.g. from the gazetteer). */
  names?: Readonly<Record<string, string>>;
}

/** GET /digests lists at most a year at a time (one small item per day). */
export const MAX_LIST_DAYS = 366;

function checkDay(date: string | undefined): string {
  if (!date) throw new BadRequestError('a date is required, as YYYY-MM-DD (UTC)');
  if (!isValidDay(date)) throw new BadRequestError(`"${date}" is not a calendar date written YYYY-MM-DD`);
  return date;
}

/**
 * Stores an analysed article's contribution to its day (record.day: the UTC day it was first
 * fetched), replacing any earlier one of the same article. Pass `text` when the record keeps its
 * text in S3.
 */
export async function addArticleToDay(record: ArticleRecord, analysis: Analysis, aggregates: Pick<AggregateStore, 'addArticle'>, text?: string): Promise<void> {
  await aggregates.addArticle(record.day, contributionOf(record, analysis, text ?? record.text));
}

/** The process stage's addToDay hook over a contribution store. */
export function dayAggregator(aggregates: Pick<AggregateStore, 'addArticle'>) {
  return async (record: ArticleRecord, analysis: unknown, text: string): Promise<void> => {
    await addArticleToDay(record, analysis as Analysis, aggregates, text);
  };
}

/**
 * Builds the digest of one UTC day from its contributions and the previous stored digest, stores it
 * and returns it. A day without articles gives an empty digest; a day that has not begun is refused.
 */
export async function buildAndStoreDigest(day: string | undefined, deps: DigestDeps): Promise<Digest> {
  const date = checkDay(day);
  const now = deps.clock.now();
  if (date > now.toISOString().slice(0, 10)) {
    throw new BadRequestError(`${date} has not begun (UTC); a digest can be built from its first article on`);
  }
  const [aggregates, previous] = await Promise.all([deps.aggregates.readDay(date), deps.digests.previousBefore(date)]);
  if (aggregates.articleCount === 0) {
    // A day processed before articles stored their contributions has none: rebuilding it would
    // replace its stored digest with an empty one.
    const [stored] = await deps.digests.list(date, date);
    if (stored && stored.articleCount > 0) {
      throw new ConflictError(`${date} has no article contributions to build from, but its stored digest counts ${stored.articleCount} articles `
        + '(built before contributions were stored); it is kept as it is');
    }
  }
  const list = articleList(aggregates);
  const digest = buildDigest(date, aggregates, previous, deps.names, { generatedAt: now.toISOString(), articleList: list });
  await deps.digests.put(digest, list.articles);
  await deps.actorDays.putDay(date, aggregates.actors);
  return digest;
}

/**
 * One feed's digest of a day (GET /digests/{date}?feed=ID), built on request from the day's
 * contributions of that feed's articles and not stored: a feed's digest is read rarely and costs
 * one read of the day. It has no changes (there is no previous feed digest to compare with) and no
 * article pages: GET /articles?date=&feed= lists every article.
 */
export async function buildFeedDigest(day: string | undefined, feedId: string, deps: Pick<DigestDeps, 'aggregates' | 'clock' | 'names'>): Promise<Digest> {
  const date = checkDay(day);
  const now = deps.clock.now();
  if (date > now.toISOString().slice(0, 10)) throw new BadRequestError(`${date} has not begun (UTC)`);
  const aggregates = await deps.aggregates.readDay(date, { feedId });
  const { basis: _basis, articlePages: _pages, ...digest } = buildDigest(date, aggregates, undefined, deps.names, { generatedAt: now.toISOString() });
  return { ...digest, feed: feedId };
}

/** A stored digest, or NotFoundError (404) for a day that has none. */
export async function getDigest(date: string | undefined, digests: Pick<DigestRepository, 'get'>): Promise<Digest> {
  const d = checkDay(date);
  const digest = await digests.get(d);
  if (!digest) throw new NotFoundError(`no digest for ${d}; it is built after the day ends, or on demand with POST /digests/${d}`);
  return digest;
}

/** Summaries of the stored digests in a range of at most MAX_LIST_DAYS days, oldest first. */
export async function listDigests(from: string | undefined, to: string | undefined, digests: Pick<DigestRepository, 'list'>): Promise<DigestSummary[]> {
  const days = daysBetween(from, to, MAX_LIST_DAYS);
  return digests.list(days[0], days[days.length - 1]);
}

/**
 * A page of a day's full article list. The cursor is the `next` of the previous page: it names the
 * build and the page, so paging stays on one list while the day is rebuilt.
 */
export async function getDigestArticles(date: string | undefined, cursor: string | undefined, digests: Pick<DigestRepository, 'articlePage'>): Promise<ArticlePage & { next?: string }> {
  const d = checkDay(date);
  let page = 0;
  let build: string | undefined;
  if (cursor !== undefined) {
    const m = /^(\d{1,15})\.(\d{1,6})$/.exec(cursor);
    if (!m) throw new BadRequestError('cursor is malformed: pass back the "next" of the previous page');
    build = m[1];
    page = Number(m[2]);
  }
  const found = await digests.articlePage(d, page, build);
  if (!found) {
    if (cursor !== undefined) throw new BadRequestError(`cursor is not a page of the article list of ${d}: start again without a cursor`);
    throw new NotFoundError(`no digest for ${d}; it is built after the day ends, or on demand with POST /digests/${d}`);
  }
  return { ...found, ...(found.page + 1 < found.pages ? { next: `${found.build}.${found.page + 1}` } : {}) };
}
