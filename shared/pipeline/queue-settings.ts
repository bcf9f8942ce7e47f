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
} as const;
