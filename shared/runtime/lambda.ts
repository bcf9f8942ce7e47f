// What a Lambda function's environment gives the one wiring (shared/runtime/wiring.ts), and the
// wrapper every handler goes through. Powertools for AWS Lambda does the operational parts:
// - Logger: JSON lines with cold start and the invocation's request id (addContext per call);
// - Metrics: CloudWatch EMF, flushed at the end of each invocation, plus a ColdStart metric;
// - Tracer: X-Ray subsegments for every DynamoDB, S3 and SQS call, when the stack turns tracing on
//   (POWERTOOLS_TRACE_ENABLED; off by default: traces are billed);
// - Parameters: the link-signing secret from Secrets Manager, cached for LINK_SECRET_MAX_AGE_S so a
//   rotated secret reaches warm containers without a redeploy.
// The stack sets POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL and POWERTOOLS_METRICS_NAMESPACE.

import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { createAwsClients } from '../adapters/clients.js';
import { SqsQueue } from '../adapters/sqs-queue.js';
import { loadConfig, required, type EnvConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import { createPowertoolsLogger, envLevel, loggerPort, type LambdaLogger } from '../log.js';
import { powertoolsMetrics } from '../metrics.js';
import { METRICS_NAMESPACE, serviceNameOf, type FunctionName } from './powertools-settings.js';
import { LINK_SECRET_MAX_AGE_S, type Platform, type QueueSource } from './wiring.js';

export interface LambdaRuntime {
  logger: LambdaLogger;
  metrics: Metrics;
  /** Built on first use, so a configuration error is the invocation's error, not a crash at load. */
  platform(): Platform;
}

export function lambdaRuntime(fn: FunctionName, env: NodeJS.ProcessEnv = process.env): LambdaRuntime {
  const service = env.POWERTOOLS_SERVICE_NAME ?? serviceNameOf(fn);
  const logger = createPowertoolsLogger({}, { service, format: 'json', level: envLevel(env) });
  const metrics = new Metrics({ namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE, serviceName: service });
  let platform: Platform | undefined;
  return {
    logger,
    metrics,
    platform: () => (platform ??= platformFromEnv(env, logger, metrics, service)),
  };
}

function platformFromEnv(env: NodeJS.ProcessEnv, logger: LambdaLogger, metrics: Metrics, service: string): Platform {
  const config = loadConfig(env);
  // Tracer is a no-op unless POWERTOOLS_TRACE_ENABLED is true and the code runs in Lambda.
  const tracer = new Tracer({ serviceName: service, enabled: env.POWERTOOLS_TRACE_ENABLED === 'true' });
  const instrument = <C extends object>(client: C): C => (tracer.isTracingEnabled() ? tracer.captureAWSv3Client(client) : client);
  const clients = createAwsClients({ instrument });
  return {
    config,
    clients,
    log: loggerPort(logger),
    metrics: powertoolsMetrics(metrics),
    queues: sqsQueues(config, clients.sqs),
    linkSecret: linkSecretFrom(config, () => new SecretsProvider({ awsSdkV3Client: instrument(new SecretsManagerClient({})) })),
  };
}

/** Each function is given only the queue URLs it uses (least privilege); asking for another names the variable. */
function sqsQueues(config: EnvConfig, sqs: ReturnType<typeof createAwsClients>['sqs']): QueueSource {
  return {
    fetch: () => new SqsQueue(sqs, required(config.FETCH_QUEUE_URL, 'FETCH_QUEUE_URL')),
    process: () => new SqsQueue(sqs, required(config.PROCESS_QUEUE_URL, 'PROCESS_QUEUE_URL')),
    fetchDeadLetter: () => new SqsQueue(sqs, undefined, required(config.FETCH_DLQ_URL, 'FETCH_DLQ_URL')),
    processDeadLetter: () => new SqsQueue(sqs, undefined, required(config.PROCESS_DLQ_URL, 'PROCESS_DLQ_URL')),
  };
}

/** The signing key: Secrets Manager (LINK_SECRET_ARN) with a TTL, else NEWSDIGEST_LINK_SECRET, else a clear error on use. */
export function linkSecretFrom(config: EnvConfig, secrets: () => { get(name: string, options: { maxAge: number }): Promise<unknown> }): () => Promise<string> {
  const arn = config.LINK_SECRET_ARN;
  if (arn) {
    let provider: ReturnType<typeof secrets> | undefined;
    return async () => {
      const value = await (provider ??= secrets()).get(arn, { maxAge: LINK_SECRET_MAX_AGE_S });
      if (typeof value !== 'string' || !value) throw new ConfigError(`secret ${arn} has no string value`);
      return value;
    };
  }
  const fixed = config.NEWSDIGEST_LINK_SECRET;
  return async () => {
    if (fixed) return fixed;
    throw new ConfigError('LINK_SECRET_ARN is not set: signed digest links cannot be made or checked');
  };
}

export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

/**
 * The handler Lambda calls: the invocation's context on every log line, the cold start counted,
 * the pipeline handler built once per container, and the invocation's metrics flushed whatever happens.
 */
export function lambdaHandler<E, R>(runtime: LambdaRuntime, build: (platform: Platform) => (event: E) => Promise<R>): LambdaHandler<E, R> {
  let handle: ((event: E) => Promise<R>) | undefined;
  return async (event, context) => {
    runtime.logger.addContext(context);
    runtime.metrics.captureColdStartMetric(context?.functionName);
    try {
      handle ??= build(runtime.platform());
      return await handle(event);
    } finally {
      // Powertools warns on an empty flush; the read API records no metrics of its own.
      if (runtime.metrics.hasStoredMetrics()) runtime.metrics.publishStoredMetrics();
    }
  };
}
