// The dead-letter queues' consumer. A message reaches a DLQ when its function crashed or timed out
// on every delivery (the stage runner itself marks the article failed on a handled last failure,
// and does not dead-letter permanent failures), or when it was malformed. Its article is marked
// failed with the stage and the reason, so no record stays fetching or fetched for good; the
// message itself is logged (CloudWatch keeps it) and counted, and an alarm watches that count.

import type { SQSEvent } from 'aws-lambda';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { PipelineMetrics } from '../metrics.js';
import type { ArticleStore, Clock } from '../ports.js';
import { MAX_RECEIVE_COUNT } from './queue-settings.js';

export interface DeadLetterDeps {
  articles: Pick<ArticleStore, 'get' | 'markFailed'>;
  clock: Clock;
  log: Logger;
  metrics: PipelineMetrics;
}

/** Handles one dead letter; throws only when the store cannot be reached (SQS then keeps the letter). */
export async function settleDeadLetter(body: string, reason: string | undefined, deps: DeadLetterDeps): Promise<void> {
  const articleId = articleIdOf(body);
  if (!articleId) {
    deps.log.error('malformed dead letter', { body: body.slice(0, 500), reason });
    deps.metrics.count('DeadLetters', 1, { reason: 'MalformedMessage' });
    return;
  }
  const record = await deps.articles.get(articleId);
  if (!record) {
    deps.log.warn('dead letter for an article that does not exist', { articleId, reason });
    return;
  }
  if (record.status === 'failed' || record.status === 'processed' || record.status === 'analyzed') {
    // The stage runner marked it on the last delivery (its reason is the better one), or it is done.
    deps.log.info('dead letter for an article already settled', { articleId, status: record.status, reason });
    deps.metrics.count('DeadLetters', 1, { reason: 'AlreadySettled' });
    return;
  }
  // The stage the article was stuck in: a fetched article died in process, anything earlier in fetch.
  const stage = record.status === 'fetched' ? 'process' : 'fetch';
  const failed = await deps.articles.markFailed(articleId, {
    stage,
    code: 'DeliveryFailed',
    retryable: true,
    at: deps.clock.now().toISOString(),
    reason: reason
      ?? `${MAX_RECEIVE_COUNT} deliveries failed without an answer (the function crashed or timed out)`
        + (record.error ? `; last error: ${record.error.reason}` : ''),
  });
  deps.log.error('dead letter', { articleId, stage, reason, marked: failed });
  deps.metrics.count('DeadLetters', 1, { stage, reason: 'DeliveryFailed' });
  if (failed) deps.metrics.count('ArticlesFailed', 1, { stage, reason: 'DeliveryFailed' });
}

/** The DLQ consumer as a Lambda handler: a letter that cannot be settled stays in the DLQ. */
export async function settleDeadLetters(event: SQSEvent, deps: DeadLetterDeps): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try {
      await settleDeadLetter(record.body, record.messageAttributes?.reason?.stringValue, deps);
    } catch (err) {
      deps.log.error('could not settle a dead letter', { messageId: record.messageId, error: describeError(err).reason });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

function articleIdOf(body: string): string | undefined {
  try {
    const v = JSON.parse(body) as { articleId?: unknown };
    return v && typeof v.articleId === 'string' ? v.articleId : undefined;
  } catch {
    return undefined;
  }
}
