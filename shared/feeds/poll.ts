// Polling one feed: a conditional GET, the parse, the new entries sent into the ordinary ingest
// path (idempotent by canonical URL, so an entry seen twice is still one article), and the poll
// recorded with the feed's next due time. A failure is recorded on the feed (with its reason) and
// pushes the next poll back; it never throws out of pollFeed, so one bad feed cannot stop a round.

import { describeError } from '../errors.js';
import type { GuardedFetcher } from '../fetch/index.js';
import type { Logger } from '../log.js';
import type { Clock } from '../ports.js';
import { entryHash, nextPollAt, planPoll, type FeedRecord } from './feed.js';
import { FeedParseError } from './feed-error.js';
import { DEFAULT_MAX_ENTRIES, parseFeed, type FeedEntry, type ParsedFeed } from './parse-feed.js';

export interface FeedFetchResult {
  /** 304: the feed did not change since the validators were given. */
  notModified: boolean;
  body?: string | Uint8Array;
  etag?: string;
  lastModified?: string;
  /** Where the feed was found after redirects: relative entry links resolve against it. */
  finalUrl?: string;
}

/** Fetches a feed through the guarded fetcher, sending the validators of the last answer. */
export type FeedFetcher = (url: string, validators: { etag?: string; lastModified?: string }) => Promise<FeedFetchResult>;

/**
 * The guarded fetcher (address guard, size limit, redirects re-checked) in its feed mode;
 * `beforeRedirect` applies the crawler's manners to a redirect to another site.
 */
export function feedFetcherFrom(fetcher: GuardedFetcher, beforeRedirect?: (url: string) => Promise<void>): FeedFetcher {
  return async (url, validators) => {
    const r = await fetcher.fetch(url, { accept: 'feed', conditional: validators, ...(beforeRedirect ? { beforeRedirect } : {}) });
    if (r.notModified) return { notModified: true, etag: r.etag, lastModified: r.lastModified, finalUrl: r.finalUrl };
    // The bytes, not the text: an XML feed may name its charset only in its declaration.
    return { notModified: false, body: r.body ?? r.html, etag: r.etag, lastModified: r.lastModified, finalUrl: r.finalUrl };
  };
}

export interface PollDeps {
  feeds: { recordPoll(before: FeedRecord, after: FeedRecord): Promise<void> };
  fetchFeed: FeedFetcher;
  /**
   * Sends entry URLs to ingest on behalf of the feed; returns how many became (or were again)
   * queued articles, and the URLs that could not be taken because the store or the queue failed.
   */
  ingest: (urls: string[], feedId: string) => Promise<{ queued: number; retry: string[] }>;
  clock: Clock;
  log: Logger;
  /** robots.txt and per-host pacing (shared/crawl/crawl-gate.ts): throws with the reason when the feed may not be fetched now. */
  crawlGate?: (url: string) => Promise<void>;
  /** First poll: entries older than this are recorded as seen, not ingested. */
  firstPollHours?: number;
}

export interface PollResult {
  feedId: string;
  status: 'ok' | 'not-modified' | 'failed';
  /** Entries the feed lists (with a usable link). */
  items: number;
  /** Entries not seen before (ingested, or recorded only on a first poll). */
  new: number;
  queued: number;
  notModified: boolean;
  /** Entries left out: without a link, with a link that is not http(s), past the 5,000-entry cap. */
  skipped?: { noLink: number; invalidLink: number; overLimit: number };
  error?: string;
}

const entries = (n: number) => (n === 1 ? '1 entry has' : `${n} entries have`);

/** What a poll says about the entries it left out, or undefined when it read them all. */
export function skippedWarning(skipped: { noLink: number; invalidLink: number; overLimit: number }, maxEntries = DEFAULT_MAX_ENTRIES): string | undefined {
  const parts = [
    skipped.overLimit ? `${skipped.overLimit} entries past the first ${maxEntries.toLocaleString('en')} were not read` : '',
    skipped.noLink ? `${entries(skipped.noLink)} no link` : '',
    skipped.invalidLink ? `${entries(skipped.invalidLink)} a link that is not http(s)` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * Child sitemaps read per poll of a sitemap index: the newest by <lastmod> (or the last listed,
 * where they have none). News sites add a child a day or a month; the old ones do not change.
 */
export const CHILD_SITEMAPS_READ = 5;

/**
 * A sitemap index's entries are sitemaps, not articles: reads the newest children and returns
 * their entries as the index's (one level deep: sitemaps.org does not nest indexes). A child that
 * fails is reported in the warning; when every child fails, the poll fails with the last reason.
 */
async function withChildSitemaps(index: ParsedFeed, deps: PollDeps, log: Logger): Promise<{ parsed: ParsedFeed; childWarning?: string }> {
  const dated = index.entries.every((e) => e.publishedAt);
  const children = dated
    ? [...index.entries].sort((a, b) => Date.parse(b.publishedAt!) - Date.parse(a.publishedAt!)).slice(0, CHILD_SITEMAPS_READ)
    : index.entries.slice(-CHILD_SITEMAPS_READ);
  const entries: FeedEntry[] = [];
  const skipped = { ...index.skipped };
  const failures: string[] = [];
  let lastError: unknown;
  for (const child of children) {
    try {
      await deps.crawlGate?.(child.url);
      const fetched = await deps.fetchFeed(child.url, {});
      const sitemap = parseFeed(fetched.body ?? '', fetched.finalUrl ?? child.url);
      if (sitemap.format === 'sitemap-index') throw new FeedParseError('a sitemap index inside a sitemap index (not read: indexes do not nest)');
      entries.push(...sitemap.entries);
      for (const k of ['noLink', 'invalidLink', 'overLimit'] as const) skipped[k] += sitemap.skipped[k];
    } catch (err) {
      lastError = err;
      const { code, reason } = describeError(err);
      failures.push(`${child.url}: ${code}: ${reason}`);
      log.warn('child sitemap not read', { url: child.url, code, reason });
    }
  }
  if (children.length && failures.length === children.length) throw lastError;
  const kept = entries.slice(0, DEFAULT_MAX_ENTRIES);
  skipped.overLimit += entries.length - kept.length;
  const unread = index.entries.length - children.length;
  const childWarning = [
    failures.length ? `${failures.length} of ${children.length} child sitemaps could not be read (${failures[0]}${failures.length > 1 ? '; …' : ''})` : '',
    unread > 0 ? `${unread} older child sitemaps not read (the newest ${CHILD_SITEMAPS_READ} are)` : '',
  ].filter(Boolean).join('; ') || undefined;
  return { parsed: { ...index, entries: kept, skipped }, childWarning };
}

export async function pollFeed(feed: FeedRecord, deps: PollDeps): Promise<PollResult> {
  const now = deps.clock.now();
  const log = deps.log.child({ feedId: feed.id });
  const base = { ...feed, lastPolledAt: now.toISOString() };
  try {
    await deps.crawlGate?.(feed.url);
    // A sitemap index is read whole each time: its children change while it may not.
    const validators = feed.format === 'sitemap-index' ? {} : { etag: feed.etag, lastModified: feed.lastModified };
    const fetched = await deps.fetchFeed(feed.url, validators);
    if (fetched.notModified) {
      await deps.feeds.recordPoll(feed, {
        ...base, lastStatus: 'not-modified', error: undefined, consecutiveFailures: 0, nextPollAt: nextPollAt(feed.intervalMinutes, 0, now),
      });
      return { feedId: feed.id, status: 'not-modified', items: 0, new: 0, queued: 0, notModified: true };
    }
    const read = parseFeed(fetched.body ?? '', fetched.finalUrl ?? feed.url);
    const { parsed, childWarning } = read.format === 'sitemap-index' ? await withChildSitemaps(read, deps, log) : { parsed: read, childWarning: undefined };
    const plan = planPoll(feed, parsed.entries, now, deps.firstPollHours);
    const { queued, retry } = plan.toIngest.length ? await deps.ingest(plan.toIngest, feed.id) : { queued: 0, retry: [] };
    // An entry the store or queue refused is not recorded as seen: the next poll offers it again.
    const notTaken = new Set(retry.map(entryHash));
    const seen = notTaken.size ? plan.seen.filter((h) => !notTaken.has(h)) : plan.seen;
    const fresh = plan.toIngest.length + plan.recordedOnly - notTaken.size;
    await deps.feeds.recordPoll(feed, {
      ...base,
      ...(parsed.title ? { title: parsed.title } : {}),
      format: parsed.format,
      etag: fetched.etag, lastModified: fetched.lastModified,
      lastStatus: 'ok', error: undefined, warning: [skippedWarning(parsed.skipped), childWarning].filter(Boolean).join('; ') || undefined,
      consecutiveFailures: 0,
      itemsSeen: feed.itemsSeen + fresh, articlesQueued: feed.articlesQueued + queued,
      seen,
      nextPollAt: nextPollAt(feed.intervalMinutes, 0, now),
    });
    log.info('feed polled', { items: parsed.entries.length, new: fresh, queued, skipped: parsed.skipped });
    return { feedId: feed.id, status: 'ok', items: parsed.entries.length, new: fresh, queued, notModified: false, skipped: parsed.skipped };
  } catch (err) {
    const { code, reason } = describeError(err);
    const failures = feed.consecutiveFailures + 1;
    log.warn('feed poll failed', { code, reason, consecutiveFailures: failures });
    const error = `${code}: ${reason}`;
    try {
      await deps.feeds.recordPoll(feed, {
        ...base, lastStatus: 'failed', error, consecutiveFailures: failures, nextPollAt: nextPollAt(feed.intervalMinutes, failures, now),
      });
    } catch (storeErr) {
      // Left due: the next round tries again.
      log.error('could not record a failed feed poll', { error: describeError(storeErr).reason });
    }
    return { feedId: feed.id, status: 'failed', items: 0, new: 0, queued: 0, notModified: false, error };
  }
}
