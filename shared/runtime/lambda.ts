// What a Lambda function's environment gives the one wiring (shared/runtime/wiring.ts), and the
// wrapper every handler goes through. Powertools for AWS Lambda does the operational parts:
// - Logger: JSON lines with cold start and the invocation's request id (addContext per call);
// - Metrics: CloudWatch EMF, flushed at the end of each invocation (no ColdStart metric: each is
//   a custom metric billed monthly, and every REPORT log line already gives the Init Duration);
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
    linkSecrets: linkSecretFrom(config, () => new SecretsProvider({ awsSdkV3Client: instrument(new SecretsManagerClient({})) })),
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

/** What linkSecretFrom uses of Powertools' SecretsProvider. */
export interface SecretReader {
  get(name: string, options: { maxAge: number; sdkOptions?: { VersionStage: string } }): Promise<unknown>;
}

/**
 * The signing keys: Secrets Manager (LINK_SECRET_ARN) with a TTL, else NEWSDIGEST_LINK_SECRET, else
 * a clear error on use. The previous key is the secret's AWSPREVIOUS version, which
 * put-secret-value gives the value it replaces; a secret never rotated has none.
 */
export function linkSecretFrom(config: EnvConfig, secrets: () => SecretReader): Platform['linkSecrets'] {
  const arn = config.LINK_SECRET_ARN;
  if (arn) {
    // One provider per version stage: Powertools caches by name alone, so a single provider would
    // answer AWSPREVIOUS with the cached AWSCURRENT.
    let currentProvider: SecretReader | undefined;
    let previousProvider: SecretReader | undefined;
    // "No previous version" is remembered for the TTL too, not asked again on every request.
    let noPreviousUntil = 0;
    const stringValue = (value: unknown, stage: string): string => {
      if (typeof value !== 'string' || !value) throw new ConfigError(`secret ${arn} has no string value in ${stage}`);
      return value;
    };
    const readPrevious = async (): Promise<string | undefined> => {
      if (Date.now() < noPreviousUntil) return undefined;
      try {
        const value = await (previousProvider ??= secrets()).get(arn, { maxAge: LINK_SECRET_MAX_AGE_S, sdkOptions: { VersionStage: 'AWSPREVIOUS' } });
        return stringValue(value, 'AWSPREVIOUS');
      } catch (err) {
        if (!isMissingVersion(err)) throw err;
        noPreviousUntil = Date.now() + LINK_SECRET_MAX_AGE_S * 1000;
        return undefined;
      }
    };
    return async () => {
      const [current, previous] = await Promise.all([
        (currentProvider ??= secrets()).get(arn, { maxAge: LINK_SECRET_MAX_AGE_S }).then((value) => stringValue(value, 'AWSCURRENT')),
        readPrevious(),
      ]);
      return previous === undefined ? { current } : { current, previous };
    };
  }
  const fixed = config.NEWSDIGEST_LINK_SECRET;
  return async () => {
    if (fixed) return { current: fixed };
    throw new ConfigError('LINK_SECRET_ARN is not set: signed digest links cannot be made or checked');
  };
}

/** Secrets Manager's answer for a version stage no version has; Powertools hands it on as the cause of its GetParameterError. */
function isMissingVersion(err: unknown): boolean {
  const cause = err instanceof Error ? err.cause : undefined;
  return [err, cause].some((e) => e instanceof Error && e.name === 'ResourceNotFoundException');
}

export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

/**
 * The handler Lambda calls: the invocation's context (and cold start) on every log line,
 * the pipeline handler built once per container, and the invocation's metrics flushed whatever happens.
 */
export function lambdaHandler<E, R>(runtime: LambdaRuntime, build: (platform: Platform) => (event: E, context: Context) => Promise<R>): LambdaHandler<E, R> {
  let handle: ((event: E, context: Context) => Promise<R>) | undefined;
  return async (event, context) => {
    runtime.logger.addContext(context);
    try {
      handle ??= build(runtime.platform());
      return await handle(event, context);
    } finally {
      // Powertools warns on an empty flush; the read API records no metrics of its own.
      if (runtime.metrics.hasStoredMetrics()) runtime.metrics.publishStoredMetrics();
    }
  };
}
