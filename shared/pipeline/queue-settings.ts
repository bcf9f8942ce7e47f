// Queue and consumer settings the CDK stack and the local runtime share: the stage runner marks
// an article failed on the delivery that SQS's redrive will dead-letter, so the two must agree.

export const MAX_RECEIVE_COUNT = 3;

export const FETCH_CONSUMER = {
  batchSize: 10,
  /** The batch's pages fetched at once: fetching is I/O-bound. */
  parallel: true,
  timeoutSeconds: 60,
} as const;

export const PROCESS_CONSUMER = {
  batchSize: 5,
  /** Extraction is CPU-bound: one page after another per invocation. */
  parallel: false,
  timeoutSeconds: 60,
  /**
   * The most one page may take: a 5 MB page (the fetch limit) through Readability, and the
   * analysis of its first MAX_ANALYSED_CHARS. A message is started only with this much time left.
   */
  perMessageMs: 15_000,
} as const;

/**
 * AWS's guidance for an SQS event source: a visibility timeout of at least six times the function
 * timeout, so a message is not redelivered while a throttled or retried invocation still holds it.
 */
export const VISIBILITY_PER_CONSUMER_TIMEOUT = 6;

/** Slack on top of every delivery timing out: the sweeper runs every 15 minutes anyway. */
const DEADLINE_MARGIN_MS = 5 * 60_000;

/**
 * How long an article may sit in a stage (queued or fetching for fetch, fetched for process)
 * before the sweeper takes it for lost: every delivery SQS makes timing out, plus a margin. A
 * record past it had its message lost, or its function crash on every delivery.
 */
export function stageWindowMs(stage: 'fetch' | 'process'): number {
  const consumer = stage === 'fetch' ? FETCH_CONSUMER : PROCESS_CONSUMER;
  return consumer.timeoutSeconds * 1000 * VISIBILITY_PER_CONSUMER_TIMEOUT * MAX_RECEIVE_COUNT + DEADLINE_MARGIN_MS;
}

/** Times the sweeper sends a lost article's message again before it marks the article failed. */
export const MAX_SWEEPS = 2;
