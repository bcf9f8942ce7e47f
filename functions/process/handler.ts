// Process queue consumer: extraction, then analysis, per message.

import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadSyntaxModel } from '../../shared/analysis/syntax/index.js';
import { processArticle } from '../../shared/pipeline/process-stage.js';
import { MAX_RECEIVE_COUNT, PROCESS_CONSUMER } from '../../shared/pipeline/queue-settings.js';
import { runStageBatch } from '../../shared/pipeline/sqs-batch.js';
import type { ProcessMessage } from '../../shared/ports.js';
import { lambdaHandler, lambdaRuntime } from '../../shared/runtime/lambda.js';
import { processEngine } from '../../shared/runtime/process-engine.js';
import { processDeps, type ProcessHandlerDeps } from '../../shared/runtime/wiring.js';

/** `remainingMs`: Lambda's context.getRemainingTimeInMillis; messages it cannot reach go back to the queue. */
export function createProcessHandler(deps: ProcessHandlerDeps): (event: SQSEvent, remainingMs?: () => number) => Promise<SQSBatchResponse> {
  return (event, remainingMs) => runStageBatch<ProcessMessage>(event, {
    stage: 'process',
    articles: deps.articles,
    deadLetter: deps.deadLetter,
    clock: deps.clock,
    log: deps.log,
    metrics: deps.metrics,
    parallel: PROCESS_CONSUMER.parallel,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    work: (msg, log) => processArticle(msg, deps, log),
    timeLeft: remainingMs ? { remainingMs, perMessageMs: PROCESS_CONSUMER.perMessageMs } : undefined,
  });
}

// The tagger and parser's model is read at init, once per container, so that no article pays for
// it; `npm run bench` prints what it adds to a cold start.
loadSyntaxModel();

export const handler = lambdaHandler(lambdaRuntime('process'), (platform) => {
  const handle = createProcessHandler(processDeps(platform, processEngine()));
  return (event: SQSEvent, context) => handle(event, () => context.getRemainingTimeInMillis());
});
