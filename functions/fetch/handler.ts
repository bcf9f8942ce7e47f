// Fetch queue consumer: one stage run per message, partial batch failures reported to SQS.

import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createAwsClients } from '../../shared/adapters/clients.js';
import { SqsQueue } from '../../shared/adapters/sqs-queue.js';
import { loadConfig, required } from '../../shared/config.js';
import { createLogger } from '../../shared/log.js';
import { fetchArticle, type FetchStageDeps } from '../../shared/pipeline/fetch-stage.js';
import { FETCH_CONSUMER, MAX_RECEIVE_COUNT } from '../../shared/pipeline/queue-settings.js';
import { runStageBatch } from '../../shared/pipeline/sqs-batch.js';
import type { FetchMessage, Queue } from '../../shared/ports.js';
import type { Logger } from '../../shared/log.js';
import { coreDeps, fetcherFrom } from '../../shared/runtime/wiring.js';

export type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

export interface FetchHandlerDeps extends FetchStageDeps {
  deadLetter: Queue<FetchMessage>;
  log: Logger;
}

export function createFetchHandler(deps: FetchHandlerDeps): SqsHandler {
  return (event) => runStageBatch<FetchMessage>(event, {
    stage: 'fetch',
    articles: deps.articles,
    deadLetter: deps.deadLetter,
    clock: deps.clock,
    log: deps.log,
    concurrency: FETCH_CONSUMER.concurrency,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    work: (msg, log) => fetchArticle(msg, deps, log),
  });
}

function depsFromEnv(): FetchHandlerDeps {
  const config = loadConfig();
  const clients = createAwsClients();
  const core = coreDeps(config, clients, createLogger({ fn: 'fetch' }));
  return {
    ...core,
    fetcher: fetcherFrom(config),
    processQueue: new SqsQueue(clients.sqs, required(config.PROCESS_QUEUE_URL, 'PROCESS_QUEUE_URL')),
    deadLetter: new SqsQueue(clients.sqs, undefined, required(config.FETCH_DLQ_URL, 'FETCH_DLQ_URL')),
  };
}

let handle: SqsHandler | undefined;
export const handler: SqsHandler = (event) => (handle ??= createFetchHandler(depsFromEnv()))(event);
