// Consumes the fetch and process dead-letter queues: each letter's article is marked failed with
// the stage and reason (shared/pipeline/dead-letters.ts), so none stays in flight for good.

import type { SQSEvent } from 'aws-lambda';
import { settleDeadLetters } from '../../shared/pipeline/dead-letters.js';
import { lambdaHandler, lambdaRuntime } from '../../shared/runtime/lambda.js';
import { deadLetterDeps } from '../../shared/runtime/wiring.js';

export const handler = lambdaHandler(lambdaRuntime('dead-letters'), (platform) => {
  const deps = deadLetterDeps(platform);
  return (event: SQSEvent) => settleDeadLetters(event, deps);
});
