// Alarms: a message in a dead-letter queue is work the service gave up on (an article of the
// pipeline, a scheduled digest build), so every DLQ alarms on its first message and notifies an
// encrypted SNS topic.

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** SQS publishes its metrics every minute at best; five-minute periods avoid gaps read as "no data". */
const DLQ_METRIC_PERIOD = Duration.minutes(5);

/** A dead-letter queue that is not a pipeline stage's: its alarm says what a message in it means. */
export interface WatchedDeadLetterQueue {
  readonly queue: sqs.IQueue;
  /** The alarm description: what failed, where the reason is, and what to do. */
  readonly description: string;
}

export interface DlqAlarmsProps {
  /**
   * Dead-letter queues by name, e.g. { fetch: queue }. A bare queue is a pipeline stage's DLQ and
   * gets the article wording; others say what they hold.
   */
  readonly deadLetterQueues: Record<string, sqs.IQueue | WatchedDeadLetterQueue>;
  /** Subscribed by email when given (context `alarmEmail`); the address must confirm the subscription. */
  readonly email?: string;
}

export class DlqAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: Record<string, cloudwatch.Alarm> = {};

  constructor(scope: Construct, id: string, props: DlqAlarmsProps) {
    super(scope, id);

    // A customer-managed key, not alias/aws/sns: CloudWatch must be allowed to use the key to
    // publish to an encrypted topic, and the AWS-managed key's policy cannot grant that.
    const key = new kms.Key(this, 'TopicKey', {
      description: 'newsdigest alarm topic encryption',
      enableKeyRotation: true,
      // Nothing durable is encrypted with it (SNS keeps no messages); no reason to keep it after the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'newsdigest alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));

    const notify = new actions.SnsAction(this.topic);
    for (const [stage, watched] of Object.entries(props.deadLetterQueues)) {
      const { queue: dlq, description } = isWatched(watched) ? watched : { queue: watched, description: stageDescription(stage) };
      const alarm = new cloudwatch.Alarm(this, `${capitalise(stage)}DlqNotEmpty`, {
        alarmDescription: description,
        metric: dlq.metricApproximateNumberOfMessagesVisible({ period: DLQ_METRIC_PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // An idle queue publishes no datapoints; that is not a problem.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
      this.alarms[stage] = alarm;
    }
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const isWatched = (q: sqs.IQueue | WatchedDeadLetterQueue): q is WatchedDeadLetterQueue => 'description' in q && 'queue' in q;

const stageDescription = (stage: string) => `The ${stage} dead-letter queue holds messages: articles the pipeline gave up on. `
  + 'Each message carries the reason (message attribute "reason"); the article record says which stage failed and why. '
  + 'Fix the cause, then redrive the DLQ to the source queue.';
