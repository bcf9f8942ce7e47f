// Fetch stage: download the page through the guarded fetcher and put the HTML in S3 before
// anything else, so the article can always be re-processed without fetching again. With
// `politeness`, the page is fetched only if the site's robots.txt allows it, in the host's turn,
// and a site that asks us to come back later gets its wait (shared/crawl/).

import { gzipSync } from 'node:zlib';
import type { ArticleRecord, StageFailure } from '../article.js';
import { deferredBySite, deferredToSlot, delayedAgain, MAX_WAIT_IN_FUNCTION_MS, notDueYet, type DelayedMessage } from '../crawl/deferral.js';
import { hostOf, type HostPacer } from '../crawl/host-pacer.js';
import type { RobotsGate } from '../crawl/robots-gate.js';
import { crawlGate } from '../crawl/crawl-gate.js';
import { FetchGaveUpWaitingError, NotFoundError, RobotsDisallowedError } from '../errors.js';
import { FetchRetryLaterError } from '../fetch/retry-after.js';
import type { Logger } from '../log.js';
import type { PipelineMetrics } from '../metrics.js';
import type { ArticleStore, BlobStore, Clock, FetchMessage, PageFetcher, ProcessMessage, Queue } from '../ports.js';
import { S3_PREFIXES } from '../store/table-schema.js';

export interface Politeness {
  robots: Pick<RobotsGate, 'check'>;
  pacer: HostPacer;
  /** The fetch queue itself: a fetch put off is sent to it again, delayed. */
  fetchQueue: Queue<FetchMessage>;
  /** Waits up to MAX_WAIT_IN_FUNCTION_MS for the host's turn; a stand-in for tests. */
  sleep?: (ms: number) => Promise<void>;
}

export interface FetchStageDeps {
  articles: ArticleStore;
  blobs: BlobStore;
  fetcher: PageFetcher;
  processQueue: Queue<ProcessMessage>;
  clock: Clock;
  /** robots.txt, per-host pacing and Retry-After; absent, every page is fetched at once (tests with a stand-in fetcher). */
  politeness?: Politeness;
  /** Counts fetches put off (FetchesDeferred by reason): a site asking us to wait shows on a dashboard, not only in logs. */
  metrics?: PipelineMetrics;
}

/** Why a fetch was put off: the metric's `reason` dimension (a few fixed values, never free text). */
type DeferralReason = 'RetryAfter' | 'RobotsUnavailable' | 'HostBusy';

/** Recorded on a put-off article: GET /articles/{id} says why it waits and until when. */
const DEFERRED_CODE = 'FetchDeferred';

export const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const rawKeyFor = (id: string) => `${S3_PREFIXES.raw}${id}.html.gz`;

export async function fetchArticle(msg: FetchMessage, deps: FetchStageDeps, log: Logger): Promise<void> {
  const polite = deps.politeness;
  if (polite && notDueYet(msg, deps.clock.now().getTime())) {
    // A wait longer than one SQS delay, in steps. The record already says until when (deferFetch).
    await send(polite, delayedAgain(msg, deps.clock.now().getTime()));
    log.info('not due yet; delayed again', { notBefore: msg.notBefore });
    return;
  }
  const startedAt = deps.clock.now().toISOString();
  const record = await deps.articles.beginFetch(msg.articleId, startedAt);
  if (!record) throw new NotFoundError(`article ${msg.articleId} does not exist; it was never ingested`);
  if (record === 'done') {
    log.info('already processed; redelivery acknowledged');
    return;
  }
  if (record === 'fetched') {
    // A redelivery. A previous delivery may have died between storing the page and handing over,
    // so hand over again (the process stage ignores a second message).
    log.info('already fetched; handing over again');
    await deps.processQueue.send([{ articleId: msg.articleId }]);
    return;
  }
  if (polite && !(await takeTurn(record, msg, deps, polite, log))) return;
  let page;
  try {
    // A redirect to another site is that site's request: its robots.txt and its turn.
    page = await deps.fetcher.fetch(record.canonicalUrl, polite ? { beforeRedirect: crawlGate(polite.robots, polite.pacer, deps.clock, polite.sleep ?? sleepFor) } : {});
  } catch (err: unknown) {
    // Without Retry-After a 429 or 503 is retried as any server error is.
    if (!polite || !(err instanceof FetchRetryLaterError) || err.retryAfterSeconds === undefined) throw err;
    // At least a second, so "Retry-After: 0" cannot turn into a loop of immediate refetches.
    const untilMs = deps.clock.now().getTime() + Math.max(1, err.retryAfterSeconds) * 1000;
    // The whole host is asked to wait, not only this page.
    await polite.pacer.holdUntil(record.canonicalUrl, untilMs);
    const why = `the site asked to retry later (HTTP ${err.httpStatus}, Retry-After ${err.retryAfterSeconds} s)`;
    await deferForSite(record, msg, untilMs, why, 'RetryAfter', deps, polite, log);
    return;
  }
  const rawKey = rawKeyFor(record.id);
  await deps.blobs.put(rawKey, gzipSync(page.html), 'text/html; charset=utf-8', 'gzip');
  const marked = await deps.articles.markFetched(record.id, {
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
    httpStatus: page.status,
    finalUrl: page.finalUrl,
    contentType: page.contentType,
    charset: page.charset,
    bytes: page.bytes,
    redirects: page.redirects,
    rawKey,
  }, deps.clock.now().toISOString());
  if (!marked) {
    // Another delivery got there first (and handed over): nothing to add.
    log.info('fetched by another delivery meanwhile; acknowledged');
    return;
  }
  log.info('fetched', { status: page.status, bytes: page.bytes, charset: page.charset, redirects: page.redirects.length });
  await deps.processQueue.send([{ articleId: record.id }]);
}

/**
 * robots.txt, then the host's pacing slot. True when the page may be fetched now (after a short
 * wait); false when the fetch was put off (a delayed message is on its way) and nothing is left to do.
 */
async function takeTurn(record: ArticleRecord, msg: FetchMessage, deps: FetchStageDeps, polite: Politeness, log: Logger): Promise<boolean> {
  const url = record.canonicalUrl;
  const robots = await polite.robots.check(url);
  if (robots.verdict === 'disallowed') throw new RobotsDisallowedError(robots.reason);
  if (robots.verdict === 'unavailable') {
    // RFC 9309: the whole site is disallowed while robots.txt answers 5xx. Failing the article for
    // a short outage would lose it; it waits (up to the same 24 hours as a Retry-After) instead.
    await deferForSite(record, msg, robots.retryAt.getTime(), robots.reason, 'RobotsUnavailable', deps, polite, log);
    return false;
  }
  const nowMs = deps.clock.now().getTime();
  const notBeforeMs = msg.notBefore ? Date.parse(msg.notBefore) : 0;
  // A slot reserved when the fetch was put off is this message's own, if it has not passed.
  const ownSlot = msg.paceSlot && Date.parse(msg.paceSlot) >= nowMs ? Date.parse(msg.paceSlot) : undefined;
  const slot = ownSlot ?? (await polite.pacer.reserve(url, robots.crawlDelaySeconds, notBeforeMs));
  const at = Math.max(slot ?? nowMs, notBeforeMs);
  const waitMs = at - deps.clock.now().getTime();
  if (waitMs > MAX_WAIT_IN_FUNCTION_MS) {
    // The slot stays reserved: the delayed message comes back for it, so a busy host's articles
    // each wait once, in order, instead of all trying again together.
    const interval = polite.pacer.intervalMs(robots.crawlDelaySeconds);
    const reason = `waiting for its turn on ${hostOf(url)} (one request every ${interval / 1000} s); fetched at ${new Date(at).toISOString()}`;
    if (await defer(record, at, reason, 'HostBusy', deps)) await send(polite, deferredToSlot(msg, at, deps.clock.now().getTime()));
    log.info('put off to the host\'s next free slot', { host: hostOf(url), slot: new Date(at).toISOString(), waitMs });
    return false;
  }
  if (waitMs > 0) await (polite.sleep ?? sleepFor)(waitMs);
  return true;
}

/** Puts the fetch off until `untilMs` because the site asked; past 24 hours of asking, gives up. */
async function deferForSite(
  record: ArticleRecord, msg: FetchMessage, untilMs: number, why: string, cause: DeferralReason, deps: FetchStageDeps, polite: Politeness, log: Logger,
): Promise<void> {
  const delayed = deferredBySite(msg, untilMs, deps.clock.now().getTime());
  if (!delayed) {
    throw new FetchGaveUpWaitingError(`${why}, for over 24 hours since ${msg.deferredSince}; submit the URL again to retry`);
  }
  const until = new Date(untilMs).toISOString();
  if (await defer(record, untilMs, `${why}; the fetch waits until ${until}`, cause, deps)) await send(polite, delayed);
  log.info('put off at the site\'s request', { until, reason: why, deferrals: delayed.body.deferrals });
}

/** Records the wait on the article; false when another delivery fetched it meanwhile (nothing to send). */
async function defer(record: ArticleRecord, untilMs: number, reason: string, cause: DeferralReason, deps: FetchStageDeps): Promise<boolean> {
  const failure: StageFailure = { stage: 'fetch', code: DEFERRED_CODE, reason, retryable: true, at: deps.clock.now().toISOString() };
  const deferred = await deps.articles.deferFetch(record.id, new Date(untilMs).toISOString(), failure);
  if (deferred) deps.metrics?.count('FetchesDeferred', 1, { reason: cause });
  return deferred;
}

const send = (polite: Politeness, delayed: DelayedMessage) => polite.fetchQueue.send([delayed.body], { delaySeconds: delayed.delaySeconds });
