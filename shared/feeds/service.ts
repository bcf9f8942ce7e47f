// The feed use cases over ports: subscribe, list, show, unsubscribe, poll one feed now (the API
// and the CLI), and poll every due feed (the scheduled poller, and the local runtime's timer).
// Subscriptions belong to the deployment: one team, one API key.

import type { RobotsGate } from '../crawl/robots-gate.js';
import { BadRequestError, describeError, NotFoundError } from '../errors.js';
import { feedRequestSchema } from '../http/api-schemas.js';
import { parseJsonBody } from '../http/json-body.js';
import type { PipelineMetrics } from '../metrics.js';
import { ingestUrls, type IngestDeps } from '../pipeline/ingest.js';
import { canonicalizeUrl, InvalidUrlError } from '../url.js';
import { discoverFeedLinks } from './discover.js';
import { FeedParseError } from './feed-error.js';
import { parseFeed } from './parse-feed.js';
import { DEFAULT_INTERVAL_MINUTES, feedIdFor, newFeed, type FeedRecord } from './feed.js';
import { pollFeed, type PollDeps, type PollResult } from './poll.js';

/** The subscription store (DynamoFeedStore on AWS and locally). */
export interface FeedStore {
  create(feed: FeedRecord): Promise<boolean>;
  get(id: string, opts?: { withSeen?: boolean }): Promise<FeedRecord | undefined>;
  list(opts?: { limit?: number; cursor?: string }): Promise<{ items: FeedRecord[]; next?: string }>;
  delete(id: string): Promise<boolean>;
  due(now: Date, limit?: number): Promise<FeedRecord[]>;
  recordPoll(before: FeedRecord, after: FeedRecord): Promise<void>;
}

export interface FeedServiceDeps extends Omit<PollDeps, 'feeds'> {
  feeds: FeedStore;
  /** The article ingest's static URL checks (scheme, IP literals, credentials): a refusal reason or null. */
  precheck: (url: string) => string | null;
  metrics: PipelineMetrics;
  /** robots.txt, for a feed found on the page given at subscription (the page itself goes through crawlGate). */
  robots?: Pick<RobotsGate, 'check'>;
}

/** What the API shows of a feed: everything but the seen-entry hashes and the HTTP validators. */
export type FeedView = Omit<FeedRecord, 'seen' | 'etag' | 'lastModified'>;

export function feedView(feed: FeedRecord): FeedView {
  const { seen: _seen, etag: _etag, lastModified: _lastModified, ...view } = feed;
  return view;
}

/**
 * A poll's entries go into the ordinary ingest path (idempotent by canonical URL), tagged with the
 * feed. What the store or the queue refused is handed back, so the poll does not mark it seen.
 */
export function feedIngest(deps: IngestDeps): PollDeps['ingest'] {
  return async (urls, feedId) => {
    const r = await ingestUrls(urls, deps, { feedId });
    return { queued: r.accepted.length + r.requeued.length, retry: r.rejected.filter((x) => x.retryable).map((x) => x.url) };
  };
}

const FEED_ID = /^[0-9a-f]{16}$/;
const EXAMPLE_BODY = '{"url": "https://example.com/feed.xml", "intervalMinutes": 30}';

export function parseFeedRequest(body: string | null): { url: string; intervalMinutes: number } {
  const result = feedRequestSchema.safeParse(parseJsonBody(body, EXAMPLE_BODY));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? `"${issue.path.join('.')}": ` : '';
    throw new BadRequestError(`${where}${issue.message}; send ${EXAMPLE_BODY}`);
  }
  return { url: result.data.url, intervalMinutes: result.data.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES };
}

type SubscribeDeps = Pick<FeedServiceDeps, 'feeds' | 'precheck' | 'clock' | 'log' | 'robots' | 'fetchFeed' | 'crawlGate'>;

/**
 * Subscribes to a feed. The URL is read once first, as the poller would read it:
 * - a feed: subscribed;
 * - a web page that links to feeds (`<link rel="alternate">`): its first feed is subscribed, and
 *   `discoveredFrom` says so, so a user may give a site's address;
 * - refused for good (robots.txt disallows it, HTTP 404, not a feed and linking to none): a 400
 *   with the reason, rather than a subscription that fails every poll;
 * - unreachable for now (network, 5xx): subscribed all the same; the poller tries again.
 * The id is a hash of the canonical feed URL, so the same feed twice is one subscription
 * (`created: false`, the existing one returned unchanged). A new feed is due at once.
 */
export async function subscribe(request: { url: string; intervalMinutes: number }, deps: SubscribeDeps): Promise<{ created: boolean; feed: FeedView; discoveredFrom?: string }> {
  const given = checkedUrl(request.url, deps);
  const probe = await probeFeed(given, deps);
  if (probe.kind === 'refused') throw new BadRequestError(`"url": ${probe.reason}`);
  let feedUrl = given;
  if (probe.kind === 'page') {
    feedUrl = checkedUrl(probe.feeds[0], deps);
    // The page's robots.txt was read for the page; the feed's path may still be disallowed.
    const robots = await deps.robots?.check(feedUrl);
    if (robots?.verdict === 'disallowed') throw new BadRequestError(`"url": ${given} links to the feed ${feedUrl}, but ${robots.reason}`);
  }
  const discovered = feedUrl !== given ? { discoveredFrom: given } : {};
  const id = feedIdFor(feedUrl);
  const feed = newFeed(id, feedUrl, request.intervalMinutes, deps.clock.now());
  if (await deps.feeds.create(feed)) {
    deps.log.info('feed subscribed', { feedId: id, intervalMinutes: request.intervalMinutes, ...discovered });
    return { created: true, feed: feedView(feed), ...discovered };
  }
  const existing = await deps.feeds.get(id);
  // Deleted between the two calls: say so rather than answer with nothing.
  if (!existing) throw new NotFoundError(`feed ${id} was removed while it was subscribed; send the request again`);
  return { created: false, feed: feedView(existing), ...discovered };
}

/** The canonical URL, if ingest's static checks (scheme, credentials, IP literals) pass it. */
function checkedUrl(url: string, deps: Pick<SubscribeDeps, 'precheck'>): string {
  let canonicalUrl: string;
  try {
    canonicalUrl = canonicalizeUrl(url);
  } catch (err) {
    if (err instanceof InvalidUrlError) throw new BadRequestError(`"url": ${err.message}`);
    throw err;
  }
  const refusal = deps.precheck(canonicalUrl);
  if (refusal) throw new BadRequestError(`"url": ${refusal}`);
  return canonicalUrl;
}

type Probe = { kind: 'feed' } | { kind: 'page'; feeds: string[] } | { kind: 'refused'; reason: string } | { kind: 'unreachable' };

/** Reads the URL once, through the crawler's manners, and says what it is. */
async function probeFeed(url: string, deps: Pick<SubscribeDeps, 'fetchFeed' | 'crawlGate' | 'log'>): Promise<Probe> {
  let fetched;
  try {
    await deps.crawlGate?.(url);
    fetched = await deps.fetchFeed(url, {});
  } catch (err) {
    const { code, reason, retryable } = describeError(err);
    if (retryable) {
      deps.log.warn('feed not reachable at subscription; subscribed all the same', { url, code, reason });
      return { kind: 'unreachable' };
    }
    return { kind: 'refused', reason: reason.includes('robots.txt') ? reason : `${url} cannot be read (${code}: ${reason})` };
  }
  if (fetched.notModified) return { kind: 'feed' };
  const body = fetched.body ?? '';
  const at = fetched.finalUrl ?? url;
  try {
    parseFeed(body, at);
    return { kind: 'feed' };
  } catch (err) {
    if (!(err instanceof FeedParseError)) throw err;
    const feeds = discoverFeedLinks(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'), at);
    if (feeds.length) return { kind: 'page', feeds };
    return { kind: 'refused', reason: `${url} is not a feed, and links to none (${err.message})` };
  }
}

function checkId(id: string | undefined): string {
  if (!id || !FEED_ID.test(id)) throw new BadRequestError('feed id must be 16 lower-case hex characters, as POST /feeds returned it');
  return id;
}

export async function getFeed(id: string | undefined, deps: Pick<FeedServiceDeps, 'feeds'>): Promise<FeedView> {
  const feed = await deps.feeds.get(checkId(id));
  if (!feed) throw new NotFoundError(`no feed with id ${id}`);
  return feedView(feed);
}

export const MAX_FEEDS_PAGE = 100;

export async function listFeeds(query: Record<string, string | undefined> | null, deps: Pick<FeedServiceDeps, 'feeds'>): Promise<{ items: FeedView[]; next?: string }> {
  let limit = 50;
  if (query?.limit !== undefined) {
    limit = Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEEDS_PAGE) throw new BadRequestError(`"limit" must be a whole number from 1 to ${MAX_FEEDS_PAGE}`);
  }
  const page = await deps.feeds.list({ limit, cursor: query?.cursor });
  return { items: page.items.map(feedView), ...(page.next ? { next: page.next } : {}) };
}

/** Unsubscribes. The articles the feed brought stay (with their feedId). */
export async function unsubscribe(id: string | undefined, deps: Pick<FeedServiceDeps, 'feeds' | 'log'>): Promise<{ id: string; deleted: true }> {
  const feedId = checkId(id);
  if (!(await deps.feeds.delete(feedId))) throw new NotFoundError(`no feed with id ${feedId}`);
  deps.log.info('feed removed', { feedId });
  return { id: feedId, deleted: true };
}

/** POST /feeds/{id}/poll: polls the feed now, whatever its schedule, and says what it found. */
export async function pollNow(id: string | undefined, deps: FeedServiceDeps): Promise<PollResult> {
  const feedId = checkId(id);
  const feed = await deps.feeds.get(feedId, { withSeen: true });
  if (!feed) throw new NotFoundError(`no feed with id ${feedId}`);
  const result = await pollFeed(feed, deps);
  countPoll(result, deps.metrics);
  return result;
}

export interface PollRound {
  polled: number;
  ok: number;
  notModified: number;
  failed: number;
  /** Articles sent to the fetch queue. */
  queued: number;
  /** Due feeds left for the next round (the time budget ran out). */
  leftDue: boolean;
  ms: number;
}

/** Feeds fetched at once: they are mostly on different hosts, and a poll is mostly waiting. */
export const POLL_CONCURRENCY = 4;
const DUE_BATCH = 25;

/**
 * Polls every due feed, earliest due first, until none is due or `budgetMs` is spent (the
 * poller's timeout minus a margin: a poll in progress is never cut off). A feed whose poll could
 * not be recorded stays due; it is not polled twice in one round.
 */
export async function pollDueFeeds(deps: FeedServiceDeps, opts: { budgetMs: number; concurrency?: number }): Promise<PollRound> {
  const started = Date.now();
  const round: PollRound = { polled: 0, ok: 0, notModified: 0, failed: 0, queued: 0, leftDue: false, ms: 0 };
  const polledThisRound = new Set<string>();
  for (;;) {
    if (Date.now() - started > opts.budgetMs) { round.leftDue = true; break; }
    const due = (await deps.feeds.due(deps.clock.now(), DUE_BATCH)).filter((f) => !polledThisRound.has(f.id));
    if (!due.length) break;
    let next = 0;
    const worker = async () => {
      while (next < due.length && Date.now() - started <= opts.budgetMs) {
        const feed = due[next++];
        polledThisRound.add(feed.id);
        const result = await pollFeed(feed, deps);
        countPoll(result, deps.metrics);
        round.polled++;
        round.queued += result.queued;
        if (result.status === 'ok') round.ok++;
        else if (result.status === 'not-modified') round.notModified++;
        else round.failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? POLL_CONCURRENCY, due.length) }, worker));
  }
  round.ms = Date.now() - started;
  if (round.polled) deps.log.info('feeds polled', { ...round });
  return round;
}

function countPoll(result: PollResult, metrics: PipelineMetrics): void {
  metrics.count('FeedsPolled');
  if (result.status === 'failed') metrics.count('FeedPollsFailed');
}

