// A feed subscription and the pure rules of polling it: which entries are new, which are old
// enough to be recorded as seen without being ingested (a sitemap's backlog must not flood today's
// digest), and when to poll next (the feed's interval, backing off after failures).

import { createHash } from 'node:crypto';
import type { FeedEntry, FeedFormat } from './parse-feed.js';

export interface FeedRecord {
  /** The first 16 hex characters of sha256 of the canonical feed URL: the same URL is one feed. */
  id: string;
  url: string;
  intervalMinutes: number;
  createdAt: string;
  nextPollAt: string;
  title?: string;
  format?: FeedFormat;
  lastPolledAt?: string;
  lastStatus?: 'ok' | 'not-modified' | 'failed';
  /** Why the last poll failed (cleared by a good one). */
  error?: string;
  /** What the last good poll left out and why: entries past the cap, entries without a usable link. */
  warning?: string;
  consecutiveFailures: number;
  /** Validators of the last answer, sent back as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  /** Entries with a link seen over the feed's life, and articles sent to ingest from them. */
  itemsSeen: number;
  articlesQueued: number;
  /** Hashes of the entry URLs seen recently (newest last, at most SEEN_KEPT): what makes an entry new. */
  seen: string[];
}

export const DEFAULT_INTERVAL_MINUTES = 30;
export const MIN_INTERVAL_MINUTES = 5;
export const MAX_INTERVAL_MINUTES = 24 * 60;
/** On a feed's first poll, only entries published this recently are ingested (NEWSDIGEST_FEED_FIRST_POLL_HOURS). */
export const DEFAULT_FIRST_POLL_HOURS = 48;
/** Entry hashes kept per feed: more than a busy feed lists at once (a sitemap caps at 5,000 entries). */
export const SEEN_KEPT = 5_000;
/** After this many failed polls in a row the wait grows no further. */
const MAX_BACKOFF_DOUBLINGS = 6;

export const feedIdFor = (canonicalUrl: string) => createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 16);

/** 8 hex characters of the entry URL: collisions in a window of 5,000 are about 3 in 1,000 (birthday bound), and cost one missed entry. */
export const entryHash = (url: string) => createHash('sha256').update(url).digest('hex').slice(0, 8);

export function newFeed(id: string, url: string, intervalMinutes: number, now: Date): FeedRecord {
  return {
    id, url, intervalMinutes, createdAt: now.toISOString(), nextPollAt: now.toISOString(),
    consecutiveFailures: 0, itemsSeen: 0, articlesQueued: 0, seen: [],
  };
}

export interface PollPlan {
  /** Entry URLs to send to ingest (new, and recent enough on a first poll), in feed order. */
  toIngest: string[];
  /** New entries recorded as seen without ingesting: older than the first-poll window. */
  recordedOnly: number;
  /** Entries already seen on an earlier poll. */
  known: number;
  /** The feed's seen list after this poll. */
  seen: string[];
}

/**
 * Which of a poll's entries are new. On the first poll (nothing seen yet) only entries published
 * within `firstPollHours` are ingested, and entries without a date are ingested (a feed lists its
 * newest items; a dateless sitemap would otherwise give nothing); later polls ingest every new one.
 * Child sitemaps of an index are not articles and are left out here.
 */
export function planPoll(feed: Pick<FeedRecord, 'seen'>, entries: FeedEntry[], now: Date, firstPollHours = DEFAULT_FIRST_POLL_HOURS): PollPlan {
  const firstPoll = feed.seen.length === 0;
  const cutoff = now.getTime() - firstPollHours * 3_600_000;
  const seenBefore = new Set(feed.seen);
  const present = new Set<string>();
  const toIngest: string[] = [];
  let recordedOnly = 0;
  let known = 0;
  for (const e of entries) {
    if (e.childSitemap) continue;
    const h = entryHash(e.url);
    if (present.has(h)) continue; // listed twice in one feed
    present.add(h);
    if (seenBefore.has(h)) { known++; continue; }
    const published = e.publishedAt ? Date.parse(e.publishedAt) : NaN;
    if (firstPoll && Number.isFinite(published) && published < cutoff) recordedOnly++;
    else toIngest.push(e.url);
  }
  // What the feed lists now goes last (newest), so an entry stays known as long as it is listed;
  // the oldest of the rest fall out first.
  const kept = [...feed.seen.filter((h) => !present.has(h)), ...present].slice(-SEEN_KEPT);
  return { toIngest, recordedOnly, known, seen: kept };
}

/**
 * When to poll next: the feed's interval after a good poll; after n failures in a row, the
 * interval times 2^n (at most MAX_INTERVAL_MINUTES), so a dead feed is asked less and less often.
 */
export function nextPollAt(intervalMinutes: number, consecutiveFailures: number, now: Date): string {
  const factor = 2 ** Math.min(consecutiveFailures, MAX_BACKOFF_DOUBLINGS);
  const minutes = Math.min(intervalMinutes * factor, MAX_INTERVAL_MINUTES);
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}
