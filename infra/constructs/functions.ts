// The nine functions of the pipeline and exactly what each may touch. The table actions follow
// what the handlers call through shared/adapters/dynamo-article-store.ts and the digest store;
// only the feed functions delete (a subscription, and a feed's schedule entry as it moves); nothing scans.

import { Duration } from 'aws-cdk-lib';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { DEFAULT_HOST_INTERVAL_MS, DEFAULT_MAX_URLS_PER_REQUEST, FETCH_DEFAULTS } from '../../shared/config.js';
import { FETCH_CONSUMER, PROCESS_CONSUMER } from '../../shared/pipeline/queue-settings.js';
import { PETRARCH_PEOPLE_RELATIVE_PATH, PETRARCH_PEOPLE_SOURCE } from '../../shared/analysis/data-location.js';
import { PAIR_MODEL_RELATIVE_PATH, PAIR_MODEL_SOURCE } from '../../shared/analysis/stances/learned/model.js';
import { SYNTAX_MODEL_RELATIVE_PATH, SYNTAX_MODEL_SOURCE } from '../../shared/analysis/syntax/model-path.js';
import { S3_PREFIXES } from '../../shared/store/table-schema.js';
import { PipelineFunction } from './pipeline-function.js';
import type { QueueWithDlq } from './queues.js';
import type { Storage } from './storage.js';

/** URLs one POST /ingest may carry; the API's request model enforces the same bound. */
export const MAX_URLS_PER_REQUEST = DEFAULT_MAX_URLS_PER_REQUEST;

/**
 * Timeouts and memory. The consumers' timeouts come from shared/pipeline/queue-settings.ts, which
 * the local runtime uses too; the queues derive their visibility timeouts from them.
 */
export const FUNCTION_SIZING = {
  // API Gateway gives up on an integration after 29 s; the function should answer first.
  ingest: { timeout: Duration.seconds(25), memorySize: 512 },
  api: { timeout: Duration.seconds(10), memorySize: 512 },
  // I/O-bound: a batch of pages fetched at once, each bounded by FETCH_TIMEOUT_MS and FETCH_MAX_BYTES.
  fetch: { timeout: Duration.seconds(FETCH_CONSUMER.timeoutSeconds), memorySize: 512 },
  // CPU-bound DOM parsing and analysis: on Lambda more memory is more CPU.
  process: { timeout: Duration.seconds(PROCESS_CONSUMER.timeoutSeconds), memorySize: 1024 },
  // One day's digest from the per-day aggregates, plus its Markdown and HTML renderings. Called by
  // the daily schedule and by POST /digests/{date}: API Gateway answers 504 after 29 s, but the
  // invocation runs on to the end and stores the digest.
  digest: { timeout: Duration.minutes(5), memorySize: 1024 },
  // One Query of the in-flight index and a few writes and sends per overdue article.
  sweeper: { timeout: Duration.minutes(2), memorySize: 256 },
  // A read and a write per dead letter.
  deadLetters: { timeout: Duration.seconds(30), memorySize: 256 },
  // POST /feeds/{id}/poll fetches a feed (up to FETCH_TIMEOUT_MS) and ingests its entries before API Gateway's 29 s.
  feeds: { timeout: Duration.seconds(25), memorySize: 512 },
  // A round stops starting polls after FEED_POLLER_BUDGET_MS (3 min); the last one may take a fetch timeout more.
  feedPoller: { timeout: Duration.minutes(4), memorySize: 512 },
} as const;

/** One poller round at a time, so no feed is polled twice at once (and the schedule needs no claims). */
export const FEED_POLLER_RESERVED_CONCURRENCY = 1;

/**
 * At most this many digest builds at once (1 GB each): POST /digests/{date} cannot start a build
 * per request. It is taken from the account's concurrency: an account at the default limit of 10
 * cannot reserve any (Lambda keeps 10 unreserved); raise the limit or lower this to deploy.
 */
export const DIGEST_RESERVED_CONCURRENCY = 2;

/**
 * In the data bucket: digests too large for a table item (digests/<date>.json.gz) and the pages of
 * each day's article list (digests/<date>/articles/<build>/<page>.json.gz).
 */
export const DIGEST_PREFIX = S3_PREFIXES.digests;

/**
 * Event source mappings. maxConcurrency caps the concurrent invocations per queue: it protects the
 * account's concurrency and, for fetch, the sites being fetched.
 */
const FETCH_EVENTS = { batchSize: FETCH_CONSUMER.batchSize, maxConcurrency: 10 };
const PROCESS_EVENTS = { batchSize: PROCESS_CONSUMER.batchSize, maxConcurrency: 5 };
/** Dead letters are few; two at a time is plenty (2 is the lowest maxConcurrency SQS allows). */
const DEAD_LETTER_EVENTS = { batchSize: 10, maxConcurrency: 2 };

/** create (conditional put), get, requeue and markFailed (updates). */
const INGEST_TABLE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'];
/**
 * get, then conditional and idempotent updates (beginFetch, markFetched, noteRetry, markFailed,
 * deferFetch); the robots.txt cache (GetItem, and UpdateItem as an upsert, so no PutItem) and the
 * per-host pacing slots (conditional UpdateItem; GetItem only where a failed condition returns no item).
 */
const FETCH_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:UpdateItem'];
/** As fetch (markProcessed among the updates), plus PutItem of the article's contribution to its day. On the table only. */
const PROCESS_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'];
/**
 * GET /articles/{id}, /digests/{date} (GetItem); GET /articles?date= (Query on the day index);
 * GET /digests?from=&to=, /digests.atom, /actors/{id} (Query on the table).
 */
const READ_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'];
/**
 * Reads a day's contributions and the previous digest (Query, GetItem), stores the digest
 * (PutItem) and the day's actor rows for the timelines (BatchWriteItem).
 */
const DIGEST_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:Query'];
/** Query on the in-flight index only; conditional updates (extendDeadline, markFailed). */
const SWEEPER_TABLE_ACTIONS = ['dynamodb:UpdateItem'];
const SWEEPER_INDEX_ACTIONS = ['dynamodb:Query'];
/**
 * Feeds: the subscription, its schedule entry and its seen list (Get, Put, Delete, Query of the
 * FEEDS and FEEDDUE partitions); the articles of new entries as ingest writes them (conditional
 * Put, Get, Update).
 */
const FEEDS_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:UpdateItem'];

/** get (which stage the article died in), then markFailed. */
const DEAD_LETTER_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:UpdateItem'];

/**
 * A function that fetches from the web (pages, feeds, robots.txt): the guarded fetcher's limits,
 * no host exempt from the address guard, and the crawler's pace, the same in every such function.
 */
function crawls(fn: PipelineFunction): PipelineFunction {
  return fn
    .setConfig('NEWSDIGEST_ALLOW_HOSTS', '')
    .setConfig('FETCH_ALLOW_PORTS', '')
    .setConfig('FETCH_TIMEOUT_MS', String(FETCH_DEFAULTS.timeoutMs))
    .setConfig('FETCH_MAX_BYTES', String(FETCH_DEFAULTS.maxBytes))
    .setConfig('FETCH_MAX_REDIRECTS', String(FETCH_DEFAULTS.maxRedirects))
    .setConfig('NEWSDIGEST_HOST_INTERVAL_MS', String(DEFAULT_HOST_INTERVAL_MS));
}

export interface PipelineFunctionsProps {
  readonly storage: Storage;
  readonly fetchQueue: QueueWithDlq;
  readonly processQueue: QueueWithDlq;
  /** HMAC key of the signed digest links; only the read API needs it (it signs and verifies). */
  readonly linkSecret: secretsmanager.ISecret;
  /** /public/digests/{date} pages open without a signed link (context `publicDigests`). */
  readonly publicDigests: boolean;
}

export class PipelineFunctions extends Construct {
  readonly ingest: PipelineFunction;
  readonly api: PipelineFunction;
  readonly fetch: PipelineFunction;
  readonly process: PipelineFunction;
  readonly digest: PipelineFunction;
  readonly sweeper: PipelineFunction;
  readonly deadLetters: PipelineFunction;
  readonly feeds: PipelineFunction;
  readonly feedPoller: PipelineFunction;

  /** Every function of the pipeline, for what applies to all (alarms). */
  all(): PipelineFunction[] {
    return [this.ingest, this.api, this.fetch, this.process, this.digest, this.sweeper, this.deadLetters, this.feeds, this.feedPoller];
  }

  constructor(scope: Construct, id: string, props: PipelineFunctionsProps) {
    super(scope, id);
    const { bucket, table } = props.storage;

    this.ingest = new PipelineFunction(this, 'Ingest', {
      name: 'ingest',
      entry: 'functions/ingest/handler.ts',
      description: 'newsdigest POST /ingest: validates URLs, records articles, queues them for fetch',
      ...FUNCTION_SIZING.ingest,
    })
      .useTable(table, INGEST_TABLE_ACTIONS)
      .sendTo(props.fetchQueue.queue, 'FETCH_QUEUE_URL')
      .setConfig('MAX_URLS_PER_REQUEST', String(MAX_URLS_PER_REQUEST))
      // Ingest refuses the same hosts and ports as fetch; none is exempt in AWS.
      .setConfig('NEWSDIGEST_ALLOW_HOSTS', '')
      .setConfig('FETCH_ALLOW_PORTS', '')
      // shared/config.ts requires BUCKET_NAME in every function. Ingest gets the name only, no access.
      .setConfig('BUCKET_NAME', bucket.bucketName);

    this.api = new PipelineFunction(this, 'Api', {
      name: 'api',
      entry: 'functions/api/handler.ts',
      description: 'newsdigest read API: articles, digests (JSON, Markdown, HTML, Atom), signed links, actor timelines',
      ...FUNCTION_SIZING.api,
    })
      .useTable(table, READ_TABLE_ACTIONS, [props.storage.dayIndexArn])
      .readObjects(bucket, S3_PREFIXES.text)
      .readObjects(bucket, DIGEST_PREFIX)
      .readSecret(props.linkSecret, 'LINK_SECRET_ARN')
      .setConfig('PUBLIC_DIGESTS', String(props.publicDigests));

    this.fetch = new PipelineFunction(this, 'Fetch', {
      name: 'fetch',
      entry: 'functions/fetch/handler.ts',
      description: 'newsdigest fetch stage: downloads a page, stores the raw HTML, queues it for processing',
      ...FUNCTION_SIZING.fetch,
    })
      .useTable(table, FETCH_TABLE_ACTIONS)
      .writeObjects(bucket, S3_PREFIXES.raw)
      .sendTo(props.processQueue.queue, 'PROCESS_QUEUE_URL')
      // A fetch put off (Retry-After, robots.txt 5xx, the host's turn) is sent to the queue again, delayed.
      .sendTo(props.fetchQueue.queue, 'FETCH_QUEUE_URL')
      // A malformed message is dead-lettered by the function itself (permanent failures are not).
      .sendTo(props.fetchQueue.deadLetterQueue, 'FETCH_DLQ_URL')
      .consume(props.fetchQueue.queue, FETCH_EVENTS);
    crawls(this.fetch);

    this.process = new PipelineFunction(this, 'Process', {
      name: 'process',
      entry: 'functions/process/handler.ts',
      description: 'newsdigest process stage: extracts the article text and analyses it',
      ...FUNCTION_SIZING.process,
      // Read from disk at run time, next to the bundle: the parser's weights, the learned stance
      // layer's weights and PETRARCH2's people.
      dataFiles: [
        [SYNTAX_MODEL_SOURCE, SYNTAX_MODEL_RELATIVE_PATH],
        [PAIR_MODEL_SOURCE, PAIR_MODEL_RELATIVE_PATH],
        [PETRARCH_PEOPLE_SOURCE, PETRARCH_PEOPLE_RELATIVE_PATH],
      ],
    })
      .useTable(table, PROCESS_TABLE_ACTIONS)
      .readObjects(bucket, S3_PREFIXES.raw)
      .writeObjects(bucket, S3_PREFIXES.text)
      .sendTo(props.processQueue.deadLetterQueue, 'PROCESS_DLQ_URL')
      .consume(props.processQueue.queue, PROCESS_EVENTS);

    this.digest = new PipelineFunction(this, 'Digest', {
      name: 'digest',
      entry: 'functions/digest/handler.ts',
      description: 'newsdigest digest: builds and stores one UTC day\'s digest (daily schedule, POST /digests/{date})',
      ...FUNCTION_SIZING.digest,
    })
      .useTable(table, DIGEST_TABLE_ACTIONS)
      .readWriteObjects(bucket, DIGEST_PREFIX)
      .reserveConcurrency(DIGEST_RESERVED_CONCURRENCY);

    this.sweeper = new PipelineFunction(this, 'Sweeper', {
      name: 'sweeper',
      entry: 'functions/sweeper/handler.ts',
      description: 'newsdigest sweeper: requeues articles past their stage deadline, or marks them failed',
      ...FUNCTION_SIZING.sweeper,
    })
      .useTable(table, SWEEPER_TABLE_ACTIONS)
      .useIndex(table, props.storage.inFlightIndexArn, SWEEPER_INDEX_ACTIONS)
      .sendTo(props.fetchQueue.queue, 'FETCH_QUEUE_URL')
      .sendTo(props.processQueue.queue, 'PROCESS_QUEUE_URL')
      // shared/config.ts requires BUCKET_NAME in every function. The sweeper gets the name only, no access.
      .setConfig('BUCKET_NAME', bucket.bucketName);

    this.deadLetters = new PipelineFunction(this, 'DeadLetters', {
      name: 'dead-letters',
      entry: 'functions/dead-letters/handler.ts',
      description: 'newsdigest dead-letter consumer: marks the article of each dead letter failed, with the reason',
      ...FUNCTION_SIZING.deadLetters,
    })
      .useTable(table, DEAD_LETTER_TABLE_ACTIONS)
      .setConfig('BUCKET_NAME', bucket.bucketName)
      .consume(props.fetchQueue.deadLetterQueue, DEAD_LETTER_EVENTS)
      .consume(props.processQueue.deadLetterQueue, DEAD_LETTER_EVENTS);

    // The feeds API and the poller do the same work (subscriptions, the feed fetch through the
    // guarded fetcher, ingest of new entries), so they get the same grants and settings.
    const feedFunction = (id: string, name: 'feeds' | 'feed-poller', description: string, sizing: { timeout: Duration; memorySize: number }) =>
      crawls(new PipelineFunction(this, id, { name, entry: `functions/${name}/handler.ts`, description, ...sizing })
        .useTable(table, FEEDS_TABLE_ACTIONS)
        .sendTo(props.fetchQueue.queue, 'FETCH_QUEUE_URL')
        .setConfig('MAX_URLS_PER_REQUEST', String(MAX_URLS_PER_REQUEST))
        // shared/config.ts requires BUCKET_NAME in every function; these get the name only, no access.
        .setConfig('BUCKET_NAME', bucket.bucketName));
    this.feeds = feedFunction('Feeds', 'feeds', 'newsdigest feeds API: subscribe, list, remove, poll a feed now', FUNCTION_SIZING.feeds);
    this.feedPoller = feedFunction('FeedPoller', 'feed-poller', 'newsdigest feed poller: polls the due feeds every 5 minutes and ingests their new entries', FUNCTION_SIZING.feedPoller)
      .reserveConcurrency(FEED_POLLER_RESERVED_CONCURRENCY);
  }
}
