// A work queue and its dead-letter queue, configured the same way for every pipeline stage.

import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
// Deliveries before SQS moves a message to the DLQ. Shared with the stage runner, which marks the
// article failed on that last delivery, so the two cannot disagree.
// The visibility factor is shared with the sweeper's deadlines (shared/pipeline/queue-settings.ts).
import { MAX_RECEIVE_COUNT, VISIBILITY_PER_CONSUMER_TIMEOUT } from '../../shared/pipeline/queue-settings.js';

/** The longest SQS keeps a message: time for a person to look at the DLQ and redrive it. */
const DLQ_RETENTION = Duration.days(14);

/** Far longer than three deliveries take: a backlog survives a consumer outage of a few days. */
const WORK_QUEUE_RETENTION = Duration.days(4);

export interface QueueWithDlqProps {
  /** Timeout of the function that consumes the queue; the visibility timeout is derived from it. */
  readonly consumerTimeout: Duration;
  /** Timeout of the function that drains the DLQ (marking each letter's article failed); the same rule. */
  readonly deadLetterConsumerTimeout: Duration;
}

export class QueueWithDlq extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly maxReceiveCount = MAX_RECEIVE_COUNT;

  constructor(scope: Construct, id: string, props: QueueWithDlqProps) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, 'Dlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DLQ_RETENTION,
      visibilityTimeout: Duration.seconds(props.deadLetterConsumerTimeout.toSeconds() * VISIBILITY_PER_CONSUMER_TIMEOUT),
    });

    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * VISIBILITY_PER_CONSUMER_TIMEOUT),
      // A dead-lettered message keeps its original enqueue time, and the DLQ's retention counts
      // from it: the work queue keeps messages well under the DLQ's 14 days, so even a message
      // dead-lettered on its last day still spends 10 days in the DLQ.
      retentionPeriod: WORK_QUEUE_RETENTION,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
  }
}
