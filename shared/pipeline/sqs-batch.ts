// Runs one pipeline stage over an SQS batch with Lambda's partial batch responses, through
// Powertools' Batch Processing (which reports each failed record to SQS). Our rules for what a
// failure means sit on top, once for every stage; they are what make the pipeline loss-free:
// - success: the message is deleted;
// - a retryable failure (network, 5xx, throttling): the article keeps the error as its last one, the
//   message goes back to the queue; after maxReceiveCount deliveries SQS moves it to the DLQ and
//   the article is marked failed;
// - a permanent failure (refused address, 404, not HTML): the article is marked failed with the
//   stage and reason, counted (ArticlesFailed by stage and reason), and the message is deleted:
//   retrying cannot help, and the DLQ (with its alarm) is kept for what nobody handled: crashes;
// - a message the function will not reach in its remaining time goes back to the queue untouched.

import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Stage } from '../article.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { DurationMetric, PipelineMetrics } from '../metrics.js';
import type { ArticleStore, Clock, Queue } from '../ports.js';

/** Thrown to Powertools for a record SQS must deliver again: the batch response lists it as failed. */
class RetryLater extends Error {}

const STAGE_METRICS = {
  fetch: { done: 'ArticlesFetched', duration: 'FetchDuration' },
  process: { done: 'ArticlesProcessed', duration: 'ProcessDuration' },
} as const satisfies Record<Exclude<Stage, 'ingest'>, { done: string; duration: DurationMetric }>;

export interface StageRunnerOptions<T extends { articleId: string }> {
  stage: keyof typeof STAGE_METRICS;
  articles: ArticleStore;
  deadLetter: Queue<T>;
  clock: Clock;
  log: Logger;
  metrics: PipelineMetrics;
  /** The batch's messages at once (I/O-bound fetches) or one after another (CPU-bound extraction). */
  parallel: boolean;
  /** Must equal the queue's redrive maxReceiveCount: the last delivery marks the article failed. */
  maxReceiveCount: number;
  /**
   * Milliseconds left in the invocation (Lambda's context), and the most one message may take: a
   * message is started only with that much time left, so a slow page does not time out the batch.
   */
  timeLeft?: { remainingMs: () => number; perMessageMs: number };
  work: (body: T, log: Logger) => Promise<void>;
}

export async function runStageBatch<T extends { articleId: string }>(event: SQSEvent, opts: StageRunnerOptions<T>): Promise<SQSBatchResponse> {
  const recordHandler = async (record: SQSRecord) => {
    if (!(await handleRecord(record, opts))) throw new RetryLater(record.messageId);
  };
  // A batch whose every record fails is answered like any other: each listed as failed. Powertools
  // would otherwise throw, and Lambda would count an invocation error on top of the retries.
  return processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), {
    processInParallel: opts.parallel,
    throwOnFullBatchFailure: false,
  });
}

/** Returns true when the message is done with (succeeded or dead-lettered), false to retry it. */
async function handleRecord<T extends { articleId: string }>(record: SQSRecord, opts: StageRunnerOptions<T>): Promise<boolean> {
  if (opts.timeLeft && opts.timeLeft.remainingMs() < opts.timeLeft.perMessageMs) {
    opts.metrics.count('DeferredMessages', 1, { stage: opts.stage });
    return false; // back to the queue for the next invocation, without counting as a failure of the article
  }
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
    const ms = Date.now() - started;
    log.info('stage done', { ms, receiveCount });
    opts.metrics.count(STAGE_METRICS[opts.stage].done);
    opts.metrics.duration(STAGE_METRICS[opts.stage].duration, ms);
    return true;
  } catch (err) {
    const { code, reason, retryable } = describeError(err);
    const lastAttempt = receiveCount >= opts.maxReceiveCount;
    const failure = { stage: opts.stage, code, reason, retryable, at: opts.clock.now().toISOString() };
    log.warn('stage failed', { code, reason, retryable, receiveCount, lastAttempt });
    try {
      if (retryable && !lastAttempt) {
        await opts.articles.noteRetry(body.articleId, failure);
        opts.metrics.count('StageRetries', 1, { stage: opts.stage });
        return false;
      }
      if (!(await opts.articles.markFailed(body.articleId, failure))) {
        // No record to say it (never ingested), or already done: the letter is the only trace.
        return deadLetter(body, `${code}: ${reason}`, opts);
      }
      opts.metrics.count('ArticlesFailed', 1, { stage: opts.stage, reason: code });
    } catch (storeErr) {
      // The store is down too: let SQS redeliver; nothing is recorded as lost.
      log.error('could not record the failure', { error: describeError(storeErr).reason });
      return false;
    }
    // Retryable on its last delivery: returning it as failed lets SQS's redrive move it to the DLQ
    // (the record already says failed; the DLQ consumer finds nothing more to mark).
    return !retryable;
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
