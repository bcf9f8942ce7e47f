// Fetch queue consumer: one stage run per message, partial batch failures reported to SQS.

import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { fetchArticle } from '../../shared/pipeline/fetch-stage.js';
import { FETCH_CONSUMER, MAX_RECEIVE_COUNT } from '../../shared/pipeline/queue-settings.js';
import { runStageBatch } from '../../shared/pipeline/sqs-batch.js';
import type { FetchMessage } from '../../shared/ports.js';
import { lambdaHandler, lambdaRuntime } from '../../shared/runtime/lambda.js';
import { fetchDeps, type FetchHandlerDeps } from '../../shared/runtime/wiring.js';

export type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

export function createFetchHandler(deps: FetchHandlerDeps): SqsHandler {
  return (event) => runStageBatch<FetchMessage>(event, {
    stage: 'fetch',
    articles: deps.articles,
    deadLetter: deps.deadLetter,
    clock: deps.clock,
    log: deps.log,
    metrics: deps.metrics,
    parallel: FETCH_CONSUMER.parallel,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    work: (msg, log) => fetchArticle(msg, deps, log),
  });
}

export const handler = lambdaHandler(lambdaRuntime('fetch'), (platform) => createFetchHandler(fetchDeps(platform)));
