// Queue and consumer settings the CDK stack and the local runtime share: the stage runner marks
// an article failed on the delivery that SQS's redrive will dead-letter, so the two must agree.

export const MAX_RECEIVE_COUNT = 3;

export const FETCH_CONSUMER = {
  batchSize: 10,
  /** Pages of one batch fetched at once: fetching is I/O-bound. */
  concurrency: 10,
  timeoutSeconds: 60,
} as const;

export const PROCESS_CONSUMER = {
  batchSize: 5,
  /** Extraction is CPU-bound: one page at a time per invocation. */
  concurrency: 1,
  timeoutSeconds: 60,
} as const;
