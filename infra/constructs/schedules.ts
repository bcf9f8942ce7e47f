// Schedules: at 00:10 UTC an EventBridge rule has the digest function build the previous UTC day's
// digest. Ten minutes past midnight leaves time for the day's last articles to clear the fetch and
// process queues. A build that cannot be delivered or keeps failing lands in a dead-letter queue
// (alarmed by DlqAlarms), never nowhere; POST /digests/{date} rebuilds any day by hand.

import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { WatchedDeadLetterQueue } from './alarms.js';

import { DAILY_DIGEST_CRON, DAILY_DIGEST_EVENT } from '../../shared/digest/schedule.js';
import { FEED_POLLER_MINUTES } from '../../shared/feeds/schedule.js';

// The digest function works out "the previous UTC day" from the time it runs, so a retried or late
// delivery still builds the right day as long as it arrives on the same UTC day (MAX_EVENT_AGE keeps it there).
export { DAILY_DIGEST_CRON, DAILY_DIGEST_EVENT };

/**
 * Both hops (EventBridge -> Lambda's async queue, and Lambda's own retries of a failing build) give
 * up after two hours: well inside the UTC day, so "previous day" still means the right day.
 */
const MAX_EVENT_AGE = Duration.hours(2);
/** EventBridge retries delivery (throttling, service errors) with backoff; delivery rarely fails. */
const DELIVERY_RETRY_ATTEMPTS = 10;
/**
 * Lambda retries a build that throws (after about 1 and 2 minutes). Building is idempotent: a
 * digest is written whole under its date. A third failure is a bug or an outage, not bad luck.
 */
const BUILD_RETRY_ATTEMPTS = 2;
/** The longest SQS keeps a message: time for a person to look at it. */
const DLQ_RETENTION = Duration.days(14);

export interface SchedulesProps {
  /** Builds a digest; receives DAILY_DIGEST_EVENT. */
  readonly digest: lambda.IFunction;
  /** Requeues or fails the articles past their stage deadline. */
  readonly sweeper: lambda.IFunction;
  /** Polls the feeds that are due. */
  readonly feedPoller: lambda.IFunction;
}

/** How often the feed poller looks for due feeds (shared/feeds/schedule.ts). */
export const FEED_POLL_INTERVAL = Duration.minutes(FEED_POLLER_MINUTES);

/** How often the sweeper looks for overdue articles; their deadlines are about 23 minutes. */
export const SWEEP_INTERVAL = Duration.minutes(15);

export class Schedules extends Construct {
  readonly dailyDigest: events.Rule;
  readonly sweep: events.Rule;
  readonly feedPoll: events.Rule;
  /**
   * Receives the scheduled event when EventBridge cannot deliver it, and Lambda's invocation record
   * (with the error) when the build failed on every attempt.
   */
  readonly deadLetterQueue: sqs.Queue;

  /** The DLQ with what its alarm should say, for DlqAlarms. */
  get watchedDeadLetterQueue(): WatchedDeadLetterQueue {
    return {
      queue: this.deadLetterQueue,
      description: 'The schedule dead-letter queue holds messages: a daily digest build that failed on every attempt '
        + '(a Lambda invocation record, the error in responsePayload) or could not be delivered (the scheduled event). '
        + 'Fix the cause (the digest function\'s logs), rebuild the day with POST /digests/{date}, then delete the message.',
    };
  }

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, 'Dlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DLQ_RETENTION,
    });

    this.dailyDigest = new events.Rule(this, 'DailyDigest', {
      description: 'newsdigest: build the previous UTC day\'s digest at 00:10 UTC',
      schedule: events.Schedule.cron(DAILY_DIGEST_CRON),
    });
    this.dailyDigest.addTarget(new targets.LambdaFunction(props.digest, {
      event: events.RuleTargetInput.fromObject(DAILY_DIGEST_EVENT),
      retryAttempts: DELIVERY_RETRY_ATTEMPTS,
      maxEventAge: MAX_EVENT_AGE,
      deadLetterQueue: this.deadLetterQueue,
    }));

    // EventBridge invokes Lambda asynchronously: its DLQ only catches events it could not hand to
    // Lambda. A build that throws is retried by Lambda and, without this, dropped after the last
    // attempt. The invocation record sent here carries the event and the error.
    props.digest.configureAsyncInvoke({
      retryAttempts: BUILD_RETRY_ATTEMPTS,
      maxEventAge: MAX_EVENT_AGE,
      onFailure: new destinations.SqsDestination(this.deadLetterQueue),
    });

    // A sweep that fails is not retried: the next one, 15 minutes later, does the same work.
    this.sweep = new events.Rule(this, 'Sweep', {
      description: 'newsdigest: requeue or fail the articles past their stage deadline',
      schedule: events.Schedule.rate(SWEEP_INTERVAL),
    });
    this.sweep.addTarget(new targets.LambdaFunction(props.sweeper, { retryAttempts: 0, maxEventAge: SWEEP_INTERVAL }));

    // Nor is a feed round: the feeds it did not reach stay due for the next one, 5 minutes later.
    this.feedPoll = new events.Rule(this, 'FeedPoll', {
      description: 'newsdigest: poll the feeds that are due and ingest their new entries',
      schedule: events.Schedule.rate(FEED_POLL_INTERVAL),
    });
    this.feedPoll.addTarget(new targets.LambdaFunction(props.feedPoller, { retryAttempts: 0, maxEventAge: FEED_POLL_INTERVAL }));
    // Lambda's own retries of a failed round would overlap the next one.
    props.feedPoller.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: FEED_POLL_INTERVAL });

    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue: the rule target\'s DeadLetterConfig and the digest function\'s '
        + 'on-failure destination (EventInvokeConfig) send to it. cdk-nag only recognises a DLQ named in an SQS redrive '
        + 'policy or a function\'s DeadLetterConfig. Nothing consumes it, so a DLQ of its own would never receive anything.',
    });
  }
}
