// The four functions of the pipeline and exactly what each may touch. The table actions follow
// what the handlers call through shared/adapters/dynamo-article-store.ts; nothing deletes (expiry
// is the TTL's job), and only the read API may Query.

import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { FETCH_DEFAULTS } from '../../shared/config.js';
import { FETCH_CONSUMER, PROCESS_CONSUMER } from '../../shared/pipeline/queue-settings.js';
import { S3_PREFIXES } from '../../shared/store/table-schema.js';
import { PipelineFunction } from './pipeline-function.js';
import type { QueueWithDlq } from './queues.js';
import type { Storage } from './storage.js';

/** URLs one POST /ingest may carry; the API's request model enforces the same bound. */
export const MAX_URLS_PER_REQUEST = 100;

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
} as const;

/**
 * Event source mappings. maxConcurrency caps the concurrent invocations per queue: it protects the
 * account's concurrency and, for fetch, the sites being fetched.
 */
const FETCH_EVENTS = { batchSize: FETCH_CONSUMER.batchSize, maxConcurrency: 10 };
const PROCESS_EVENTS = { batchSize: PROCESS_CONSUMER.batchSize, maxConcurrency: 5 };

/** create (conditional put), get, requeue and markFailed (updates). */
const INGEST_TABLE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'];
/** get, then conditional and idempotent updates (beginFetch, markFetched, markProcessed, noteRetry, markFailed). */
const STAGE_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:UpdateItem'];
/** GET /articles/{id} (GetItem) and GET /articles?date= (Query on the day index). */
const READ_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'];

export interface PipelineFunctionsProps {
  readonly storage: Storage;
  readonly fetchQueue: QueueWithDlq;
  readonly processQueue: QueueWithDlq;
}

export class PipelineFunctions extends Construct {
  readonly ingest: PipelineFunction;
  readonly api: PipelineFunction;
  readonly fetch: PipelineFunction;
  readonly process: PipelineFunction;

  constructor(scope: Construct, id: string, props: PipelineFunctionsProps) {
    super(scope, id);
    const { bucket, table } = props.storage;

    this.ingest = new PipelineFunction(this, 'Ingest', {
      entry: 'functions/ingest/handler.ts',
      description: 'newsdigest POST /ingest: validates URLs, records articles, queues them for fetch',
      ...FUNCTION_SIZING.ingest,
    })
      .useTable(table, INGEST_TABLE_ACTIONS)
      .sendTo(props.fetchQueue.queue, 'FETCH_QUEUE_URL')
      .setConfig('MAX_URLS_PER_REQUEST', String(MAX_URLS_PER_REQUEST))
      // Ingest refuses the same hosts as fetch; none is exempt in AWS.
      .setConfig('NEWSDIGEST_ALLOW_HOSTS', '')
      // shared/config.ts requires BUCKET_NAME in every function. Ingest gets the name only, no access.
      .setConfig('BUCKET_NAME', bucket.bucketName);

    this.api = new PipelineFunction(this, 'Api', {
      entry: 'functions/api/handler.ts',
      description: 'newsdigest read API: GET /articles, GET /articles/{id}',
      ...FUNCTION_SIZING.api,
    })
      .useTable(table, READ_TABLE_ACTIONS, [props.storage.dayIndexArn])
      .readObjects(bucket, S3_PREFIXES.text);

    this.fetch = new PipelineFunction(this, 'Fetch', {
      entry: 'functions/fetch/handler.ts',
      description: 'newsdigest fetch stage: downloads a page, stores the raw HTML, queues it for processing',
      ...FUNCTION_SIZING.fetch,
    })
      .useTable(table, STAGE_TABLE_ACTIONS)
      .writeObjects(bucket, S3_PREFIXES.raw)
      .sendTo(props.processQueue.queue, 'PROCESS_QUEUE_URL')
      // Permanent failures (refused address, 404, not HTML) are dead-lettered by the function itself.
      .sendTo(props.fetchQueue.deadLetterQueue, 'FETCH_DLQ_URL')
      .setConfig('NEWSDIGEST_ALLOW_HOSTS', '')
      .setConfig('FETCH_TIMEOUT_MS', String(FETCH_DEFAULTS.timeoutMs))
      .setConfig('FETCH_MAX_BYTES', String(FETCH_DEFAULTS.maxBytes))
      .setConfig('FETCH_MAX_REDIRECTS', String(FETCH_DEFAULTS.maxRedirects))
      .consume(props.fetchQueue.queue, FETCH_EVENTS);

    this.process = new PipelineFunction(this, 'Process', {
      entry: 'functions/process/handler.ts',
      description: 'newsdigest process stage: extracts the article text and analyses it',
      ...FUNCTION_SIZING.process,
    })
      .useTable(table, STAGE_TABLE_ACTIONS)
      .readObjects(bucket, S3_PREFIXES.raw)
      .writeObjects(bucket, S3_PREFIXES.text)
      .sendTo(props.processQueue.deadLetterQueue, 'PROCESS_DLQ_URL')
      .consume(props.processQueue.queue, PROCESS_EVENTS);
  }
}
