// Every function's dependencies, built in one place. The Lambda handlers call these with what
// their environment gives (shared/runtime/lambda.ts: SQS queues, Secrets Manager, Powertools
// metrics); the local runtime with its embedded servers, in-process queues, a secret file and
// in-memory metrics. So a change of wiring is made once and both runs get it. Nothing here is
// created at module load, so a test wires what it wants.

import type { AwsClients } from '../adapters/clients.js';
import { DynamoActorDayStore } from '../adapters/dynamo-actor-day-store.js';
import { DynamoContributionStore } from '../adapters/dynamo-contribution-store.js';
import { DynamoArticleStore } from '../adapters/dynamo-article-store.js';
import { DigestStore } from '../adapters/dynamo-digest-store.js';
import { DynamoFeedStore } from '../adapters/dynamo-feed-store.js';
import { DynamoHostPaceStore } from '../adapters/dynamo-host-pace-store.js';
import { DynamoRobotsCache } from '../adapters/dynamo-robots-cache.js';
import { S3BlobStore } from '../adapters/s3-blob-store.js';
import type { EnvConfig, FetchConfig } from '../config.js';
import { MAX_WAIT_IN_FUNCTION_MS } from '../crawl/deferral.js';
import { crawlGate } from '../crawl/crawl-gate.js';
import { HostPacer } from '../crawl/host-pacer.js';
import { RobotsGate, robotsFetcherFrom } from '../crawl/robots-gate.js';
import { feedFetcherFrom } from '../feeds/poll.js';
import { feedIngest, type FeedServiceDeps } from '../feeds/service.js';
import type { DigestApiDeps } from '../digest/api.js';
import { dayAggregator, type DigestDeps } from '../digest/service.js';
import type { LinkSecrets } from '../digest/signed-links.js';
import { createFetcher, newsdigestUserAgent, precheckUrl, type GuardedFetcher } from '../fetch/index.js';
import type { Logger } from '../log.js';
import type { PipelineMetrics } from '../metrics.js';
import { sleepFor, type FetchStageDeps, type Politeness } from '../pipeline/fetch-stage.js';
import type { IngestDeps } from '../pipeline/ingest.js';
import type { Analyser, ProcessStageDeps } from '../pipeline/process-stage.js';
import type { DeadLetterDeps } from '../pipeline/dead-letters.js';
import type { ReadDeps } from '../pipeline/read-api.js';
import type { SweeperDeps } from '../pipeline/sweeper.js';
import type { ArticleStore, BlobStore, Clock, FetchMessage, PageFetcher, ProcessMessage, Queue } from '../ports.js';
import { systemClock } from '../ports.js';

/** How long a running function keeps the link-signing secret before reading it again (rotation reaches it within this). */
export const LINK_SECRET_MAX_AGE_S = 300;

/** A function's queues, asked for only by the functions that use them (a Lambda is given only its own URLs). */
export interface QueueSource {
  fetch(): Queue<FetchMessage>;
  process(): Queue<ProcessMessage>;
  fetchDeadLetter(): Queue<FetchMessage>;
  processDeadLetter(): Queue<ProcessMessage>;
}

/** What differs between a Lambda and the local runtime; every deps builder below takes it. */
export interface Platform {
  config: EnvConfig;
  clients: AwsClients;
  log: Logger;
  metrics: PipelineMetrics;
  queues: QueueSource;
  /**
   * The keys of digest links, cached with a TTL: `current` signs, `previous` (the one before the
   * last rotation) still verifies. Secrets Manager's AWSCURRENT/AWSPREVIOUS on AWS,
   * .data/link-secret and .data/link-secret.previous locally.
   */
  linkSecrets: () => Promise<LinkSecrets>;
  clock?: Clock;
  /** Replaces the guarded fetcher built from config (tests of failure paths). */
  fetcher?: PageFetcher;
}

/** The feeds API and the poller: subscriptions, the feed fetch, and the ingest their entries go through. */
export type FeedsDeps = FeedServiceDeps;

/**
 * The process function's engine: extraction and analysis. Passed in rather than imported here, so
 * that only the process bundle carries Readability, the analysis and its models
 * (shared/runtime/process-engine.ts builds the shipped one).
 */
export interface ProcessEngine {
  extract: ProcessStageDeps['extract'];
  /** Absent: no analysis (the article ends processed, not analyzed). */
  analyse?: Analyser;
  /** Store each analysed article's contribution to its day (off when a test stands in its own analyser). */
  aggregate: boolean;
}

export interface CoreDeps {
  config: EnvConfig;
  articles: ArticleStore;
  blobs: BlobStore;
  clock: Clock;
  log: Logger;
  metrics: PipelineMetrics;
}

export interface FetchHandlerDeps extends FetchStageDeps {
  deadLetter: Queue<FetchMessage>;
  log: Logger;
  metrics: PipelineMetrics;
}

export interface ProcessHandlerDeps extends ProcessStageDeps {
  deadLetter: Queue<ProcessMessage>;
  log: Logger;
  metrics: PipelineMetrics;
}

export interface ApiDeps extends ReadDeps, DigestApiDeps {
  log: Logger;
}

export type { DeadLetterDeps } from '../pipeline/dead-letters.js';
export type { SweeperDeps } from '../pipeline/sweeper.js';

export interface DigestHandlerDeps extends DigestDeps {
  log: Logger;
  metrics: PipelineMetrics;
}

export function coreDeps(platform: Platform): CoreDeps {
  const { config, clients } = platform;
  return {
    config,
    articles: new DynamoArticleStore(clients.dynamo, config.TABLE_NAME),
    blobs: new S3BlobStore(clients.s3, config.BUCKET_NAME),
    clock: platform.clock ?? systemClock,
    log: platform.log,
    metrics: platform.metrics,
  };
}

export function ingestDeps(platform: Platform): IngestDeps {
  const { config } = platform;
  return {
    ...coreDeps(platform),
    fetchQueue: platform.queues.fetch(),
    maxUrlsPerRequest: config.MAX_URLS_PER_REQUEST,
    precheck: (url) => precheckUrl(url, config.NEWSDIGEST_ALLOW_HOSTS, config.FETCH_ALLOW_PORTS),
  };
}

export function fetchDeps(platform: Platform): FetchHandlerDeps {
  const core = coreDeps(platform);
  const fetcher = platform.fetcher ?? fetcherFrom(platform.config);
  return {
    ...core,
    fetcher,
    processQueue: platform.queues.process(),
    deadLetter: platform.queues.fetchDeadLetter(),
    // A stand-in fetcher (tests of failure paths) stands in for the web: there is no robots.txt
    // behind it and no site to spare.
    politeness: platform.fetcher ? undefined : politeness(platform, fetcher, core.clock),
  };
}

/** robots.txt (cached in the table), per-host pacing (slots in the table) and delayed re-sends to the fetch queue. */
export function politeness(platform: Platform, fetcher: GuardedFetcher, clock: Clock): Politeness {
  const { config, clients } = platform;
  const pacer = new HostPacer({
    store: new DynamoHostPaceStore(clients.dynamo, config.TABLE_NAME),
    defaultIntervalMs: config.NEWSDIGEST_HOST_INTERVAL_MS,
    clock,
  });
  const robots = new RobotsGate({
    fetchRobots: robotsFetcherFrom(fetcher),
    cache: new DynamoRobotsCache(clients.dynamo, config.TABLE_NAME, platform.log),
    userAgent: userAgentFrom(config),
    clock,
    log: platform.log,
    // robots.txt is a request to the host like any other, so it takes a slot; at most once a day per site.
    beforeFetch: (robotsUrl) => pacer.waitForTurn(robotsUrl, MAX_WAIT_IN_FUNCTION_MS, sleepFor),
  });
  return { robots, pacer, fetchQueue: platform.queues.fetch() };
}

export function processDeps(platform: Platform, engine: ProcessEngine): ProcessHandlerDeps {
  return {
    ...coreDeps(platform),
    extract: engine.extract,
    analyse: engine.analyse,
    addToDay: engine.aggregate && engine.analyse ? dayAggregator(aggregateStore(platform)) : undefined,
    deadLetter: platform.queues.processDeadLetter(),
  };
}

export function apiDeps(platform: Platform): ApiDeps {
  const core = coreDeps(platform);
  return {
    ...core,
    digests: digestStore(platform, core.blobs),
    aggregates: aggregateStore(platform),
    actorDays: actorDayStore(platform),
    linkSecrets: platform.linkSecrets,
    publicDigests: platform.config.PUBLIC_DIGESTS,
  };
}

export function digestDeps(platform: Platform): DigestHandlerDeps {
  const core = coreDeps(platform);
  return {
    aggregates: aggregateStore(platform),
    digests: digestStore(platform, core.blobs),
    actorDays: actorDayStore(platform),
    clock: core.clock,
    log: core.log,
    metrics: core.metrics,
  };
}

export function sweeperDeps(platform: Platform): SweeperDeps {
  const core = coreDeps(platform);
  return {
    articles: core.articles,
    fetchQueue: platform.queues.fetch(),
    processQueue: platform.queues.process(),
    clock: core.clock,
    log: core.log,
    metrics: core.metrics,
  };
}

export function feedsDeps(platform: Platform): FeedsDeps {
  const { config } = platform;
  const ingest = ingestDeps(platform);
  const fetcher = fetcherFrom(config);
  const { robots, pacer } = politeness(platform, fetcher, ingest.clock);
  const gate = crawlGate(robots, pacer, ingest.clock, sleepFor);
  return {
    feeds: new DynamoFeedStore(platform.clients.dynamo, config.TABLE_NAME),
    precheck: ingest.precheck,
    fetchFeed: feedFetcherFrom(fetcher, gate),
    robots,
    crawlGate: gate,
    ingest: feedIngest(ingest),
    firstPollHours: config.NEWSDIGEST_FEED_FIRST_POLL_HOURS,
    clock: ingest.clock,
    log: ingest.log,
    metrics: ingest.metrics,
  };
}

export function deadLetterDeps(platform: Platform): DeadLetterDeps {
  const { articles, clock, log, metrics } = coreDeps(platform);
  return { articles, clock, log, metrics };
}

export function fetcherFrom(config: FetchConfig): GuardedFetcher {
  return createFetcher({
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
    maxRedirects: config.FETCH_MAX_REDIRECTS,
    allowHosts: config.NEWSDIGEST_ALLOW_HOSTS,
    allowPorts: config.FETCH_ALLOW_PORTS,
    userAgent: userAgentFrom(config),
  });
}

/** The User-Agent the fetcher sends, and so the one robots.txt groups are matched on. */
const userAgentFrom = (config: FetchConfig) => config.NEWSDIGEST_USER_AGENT ?? newsdigestUserAgent(config.NEWSDIGEST_CONTACT_URL);

const aggregateStore = (platform: Platform) => new DynamoContributionStore(platform.clients.dynamo, platform.config.TABLE_NAME);
const actorDayStore = (platform: Platform) => new DynamoActorDayStore(platform.clients.dynamo, platform.config.TABLE_NAME);
const digestStore = (platform: Platform, blobs: BlobStore) => new DigestStore(platform.clients.dynamo, platform.config.TABLE_NAME, blobs);
