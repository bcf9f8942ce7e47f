// Alarms, all notifying one encrypted SNS topic. Each alarm's description says what it means and
// what to do (README's operations section repeats them):
// - the schedule's DLQ on its first message (a digest build the service gave up on);
// - the pipeline's DLQs, which a consumer drains (marking each article failed): on a letter that is
//   a crash or timeout of a stage function (the DeadLetters metric), and on a letter the consumer
//   did not take within 15 minutes;
// - every function's errors and throttles; the API's 5xx answers; a work queue whose oldest
//   message is older than its stage may take (the pipeline is stuck or too slow).

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_RECEIVE_COUNT, stageWindowMs } from '../../shared/pipeline/queue-settings.js';
import { METRICS_NAMESPACE, serviceNameOf } from '../../shared/runtime/powertools-settings.js';

/** SQS publishes its metrics every minute at best; five-minute periods avoid gaps read as "no data". */
const DLQ_METRIC_PERIOD = Duration.minutes(5);

/** A dead-letter queue that is not a pipeline stage's: its alarm says what a message in it means. */
export interface WatchedDeadLetterQueue {
  readonly queue: sqs.IQueue;
  /** The alarm description: what failed, where the reason is, and what to do. */
  readonly description: string;
}

export interface DlqAlarmsProps {
  /** Dead-letter queues nothing consumes, alarmed on their first message, with what that message means. */
  readonly deadLetterQueues: Record<string, WatchedDeadLetterQueue>;
  /** The pipeline stages: their work queue and the DLQ the dead-letter function drains. */
  readonly stages?: Record<'fetch' | 'process', { queue: sqs.IQueue; deadLetterQueue: sqs.IQueue }>;
  /** Functions by name: errors and throttles. */
  readonly functions?: Record<string, lambda.IFunction>;
  /** The REST API: 5xx answers. */
  readonly api?: apigw.RestApi;
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

    this.notify = new actions.SnsAction(this.topic);
    for (const [name, { queue: dlq, description }] of Object.entries(props.deadLetterQueues)) {
      this.alarm(`${capitalise(name)}DlqNotEmpty`, description,
        dlq.metricApproximateNumberOfMessagesVisible({ period: DLQ_METRIC_PERIOD, statistic: cloudwatch.Stats.MAXIMUM }), 0);
    }
    for (const [stage, { queue, deadLetterQueue }] of Object.entries(props.stages ?? {})) {
      const Stage = capitalise(stage);
      this.alarm(`${Stage}StageCrashed`,
        `A ${stage} message went to its DLQ: the ${stage} function crashed or timed out on all ${MAX_RECEIVE_COUNT} deliveries `
        + '(handled failures do not go there). The dead-letter function marked the article failed with code DeliveryFailed. '
        + `Read the ${stage} function's logs around the time (filter level = "ERROR") for the cause, fix it, then submit the URLs again.`,
        new cloudwatch.Metric({
          namespace: METRICS_NAMESPACE,
          metricName: 'DeadLetters',
          dimensionsMap: { service: serviceNameOf('dead-letters'), stage, reason: 'DeliveryFailed' },
          period: DLQ_METRIC_PERIOD,
          statistic: cloudwatch.Stats.SUM,
        }), 0);
      this.alarm(`${Stage}DlqNotDrained`,
        `A message has waited over 15 minutes in the ${stage} DLQ: the dead-letter function is failing (its Errors alarm says why). `
        + 'Fix it; the letters are kept 14 days and are taken as soon as it works again.',
        deadLetterQueue.metricApproximateAgeOfOldestMessage({ period: DLQ_METRIC_PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
        DLQ_DRAIN_LIMIT.toSeconds());
      const window = Duration.millis(stageWindowMs(stage as 'fetch' | 'process'));
      this.alarm(`${Stage}QueueBacklog`,
        `The oldest ${stage} message is older than the stage's deadline (${window.toMinutes()} min): articles wait longer than `
        + 'the sweeper allows. Look at the function\'s Throttles and Errors alarms and its concurrency (maxConcurrency of the '
        + 'event source); a burst of ingests drains by itself, a stopped consumer does not.',
        queue.metricApproximateAgeOfOldestMessage({ period: DLQ_METRIC_PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
        window.toSeconds());
    }
    for (const [name, fn] of Object.entries(props.functions ?? {})) {
      const Name = capitalise(name);
      this.alarm(`${Name}Errors`,
        `The ${name} function failed invocations (an exception out of the handler, a timeout or out of memory). `
        + 'Queue consumers retry and the sweeper catches what is left; read the function\'s logs (level ERROR) for the cause.',
        fn.metricErrors({ period: DLQ_METRIC_PERIOD, statistic: cloudwatch.Stats.SUM }), 0);
      this.alarm(`${Name}Throttles`,
        `The ${name} function was throttled: the account's or the function's concurrency is exhausted. Requests are retried, `
        + 'but a burst that lasts means raising the account limit or lowering the event sources\' maxConcurrency elsewhere.',
        fn.metricThrottles({ period: DLQ_METRIC_PERIOD, statistic: cloudwatch.Stats.SUM }), 0);
    }
    if (props.api) {
      this.alarm('Api5xx',
        `The API answered 5xx ${API_5XX_THRESHOLD} or more times in 5 minutes: a function error (502) or an integration timeout `
        + '(504; POST /digests/{date} of a large day can take longer than API Gateway waits, and still finishes). Read the '
        + 'API access log and the functions\' Errors alarms.',
        props.api.metricServerError({ period: DLQ_METRIC_PERIOD, statistic: cloudwatch.Stats.SUM }), API_5XX_THRESHOLD - 1);
    }
  }

  private readonly notify: actions.SnsAction;

  private alarm(id: string, description: string, metric: cloudwatch.IMetric, above: number): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold: above,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // An idle queue or function publishes no datapoints; that is not a problem.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.notify);
    alarm.addOkAction(this.notify);
    this.alarms[id] = alarm;
    return alarm;
  }
}

/** A letter the dead-letter function has not taken after this long means it is failing. */
const DLQ_DRAIN_LIMIT = Duration.minutes(15);
/** A single 5xx is noise (a client's retry will do); five in five minutes is not. */
const API_5XX_THRESHOLD = 5;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
