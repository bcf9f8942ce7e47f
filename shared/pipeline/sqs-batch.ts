// Runs one pipeline stage over an SQS batch with Lambda's partial batch responses. The rules that
// make the pipeline loss-free live here, once for every stage:
// - success: the message is deleted;
// - a retryable failure (network, 5xx, throttling): the article keeps the error as its last one, the
//   message goes back to the queue; after maxReceiveCount deliveries SQS moves it to the DLQ and
//   the article is marked failed;
// - a permanent failure (refused address, 404, not HTML): the article is marked failed with the
//   stage and reason, and the message goes straight to the DLQ, since retrying cannot help.

import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Stage } from '../article.js';
import { mapLimit } from '../concurrency.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ArticleStore, Clock, Queue } from '../ports.js';

export interface StageRunnerOptions<T extends { articleId: string }> {
  stage: Stage;
  articles: ArticleStore;
  deadLetter: Queue<T>;
  clock: Clock;
  log: Logger;
  /** Messages of one batch handled at once: high for I/O-bound fetches, 1 for CPU-bound extraction. */
  concurrency: number;
  /** Must equal the queue's redrive maxReceiveCount: the last delivery marks the article failed. */
  maxReceiveCount: number;
  work: (body: T, log: Logger) => Promise<void>;
}

export async function runStageBatch<T extends { articleId: string }>(event: SQSEvent, opts: StageRunnerOptions<T>): Promise<SQSBatchResponse> {
  const failures: string[] = [];
  await mapLimit(event.Records, opts.concurrency, async (record) => {
    if (!(await handleRecord(record, opts))) failures.push(record.messageId);
  });
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}

/** Returns true when the message is done with (succeeded or dead-lettered), false to retry it. */
async function handleRecord<T extends { articleId: string }>(record: SQSRecord, opts: StageRunnerOptions<T>): Promise<boolean> {
  const body = parseBody<T>(record.body);
  if (!body) {
    opts.log.error('malformed message', { stage: opts.stage, messageId: record.messageId });
    return deadLetter(record.body as unknown as T, 'message body is not a JSON object with an articleId', opts);
  }
  const log = opts.log.child({ articleId: body.articleId, stage: opts.stage });
  const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1');
  const started = Date.now();
  try {
    await opts.work(body, log);
    log.info('stage done', { ms: Date.now() - started, receiveCount });
    return true;
  } catch (err) {
    const { code, reason, retryable } = describeError(err);
    const lastAttempt = receiveCount >= opts.maxReceiveCount;
    const failure = { stage: opts.stage, code, reason, retryable, at: opts.clock.now().toISOString() };
    log.warn('stage failed', { code, reason, retryable, receiveCount, lastAttempt });
    try {
      if (retryable && !lastAttempt) {
        await opts.articles.noteRetry(body.articleId, failure);
        return false;
      }
      await opts.articles.markFailed(body.articleId, failure);
    } catch (storeErr) {
      // The store is down too: let SQS redeliver; nothing is recorded as lost.
      log.error('could not record the failure', { error: describeError(storeErr).reason });
      return false;
    }
    // Retryable on its last delivery: returning it as failed lets SQS's redrive move it to the DLQ.
    if (retryable) return false;
    return deadLetter(body, `${code}: ${reason}`, opts);
  }
}

async function deadLetter<T extends { articleId: string }>(body: T, reason: string, opts: StageRunnerOptions<T>): Promise<boolean> {
  try {
    await opts.deadLetter.deadLetter(body, reason);
    return true;
  } catch (err) {
    opts.log.error('could not dead-letter the message; leaving it to SQS redrive', { error: describeError(err).reason });
    return false;
  }
}

function parseBody<T extends { articleId: string }>(raw: string): T | undefined {
  try {
    const v = JSON.parse(raw);
    return v && typeof v === 'object' && typeof v.articleId === 'string' ? (v as T) : undefined;
  } catch {
    return undefined;
  }
}
