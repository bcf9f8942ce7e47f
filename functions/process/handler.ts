// Process queue consumer: extraction, then analysis, per message.

import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { analyseArticle } from '../../shared/analysis/analyse.js';
import { loadSyntaxModel } from '../../shared/analysis/syntax/index.js';
import { DynamoAggregateStore } from '../../shared/digest/aggregates.js';
import { dayAggregator } from '../../shared/digest/service.js';
import { createAwsClients } from '../../shared/adapters/clients.js';
import { SqsQueue } from '../../shared/adapters/sqs-queue.js';
import { loadConfig, required } from '../../shared/config.js';
import { extractArticle } from '../../shared/extract/index.js';
import { createLogger, type Logger } from '../../shared/log.js';
import { processArticle, type ProcessStageDeps } from '../../shared/pipeline/process-stage.js';
import { MAX_RECEIVE_COUNT, PROCESS_CONSUMER } from '../../shared/pipeline/queue-settings.js';
import { runStageBatch } from '../../shared/pipeline/sqs-batch.js';
import type { ProcessMessage, Queue } from '../../shared/ports.js';
import { coreDeps } from '../../shared/runtime/wiring.js';

export type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

export interface ProcessHandlerDeps extends ProcessStageDeps {
  deadLetter: Queue<ProcessMessage>;
  log: Logger;
}

export function createProcessHandler(deps: ProcessHandlerDeps): SqsHandler {
  return (event) => runStageBatch<ProcessMessage>(event, {
    stage: 'process',
    articles: deps.articles,
    deadLetter: deps.deadLetter,
    clock: deps.clock,
    log: deps.log,
    concurrency: PROCESS_CONSUMER.concurrency,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    work: (msg, log) => processArticle(msg, deps, log),
  });
}

function depsFromEnv(): ProcessHandlerDeps {
  const config = loadConfig();
  const clients = createAwsClients();
  const core = coreDeps(config, clients, createLogger({ fn: 'process' }));
  return {
    ...core,
    extract: (html, url) => extractArticle(html, url),
    analyse: analyseArticle,
    addToDay: dayAggregator(new DynamoAggregateStore(clients.dynamo, config.TABLE_NAME)),
    deadLetter: new SqsQueue(clients.sqs, undefined, required(config.PROCESS_DLQ_URL, 'PROCESS_DLQ_URL')),
  };
}

// The tagger and parser's model is read at init, once per container, so that no article pays for
// it; `npm run bench` prints what it adds to a cold start. The analysis moves onto the parse next
// (issue 8); until then nothing reads the model per article.
loadSyntaxModel();

let handle: SqsHandler | undefined;
export const handler: SqsHandler = (event) => (handle ??= createProcessHandler(depsFromEnv()))(event);
