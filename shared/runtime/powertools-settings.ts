// Names the CDK stack gives Powertools through the environment and the handlers fall back to:
// one module, so the stack and the code agree without the stack importing Powertools.

export type FunctionName = 'ingest' | 'fetch' | 'process' | 'api' | 'digest' | 'sweeper' | 'dead-letters' | 'feeds' | 'feed-poller';

/** CloudWatch namespace of the custom metrics (POWERTOOLS_METRICS_NAMESPACE). */
export const METRICS_NAMESPACE = 'newsdigest';

/** Powertools' `service` of a function (POWERTOOLS_SERVICE_NAME): a key of every log line and a dimension of every metric. */
export const serviceNameOf = (fn: FunctionName): string => `newsdigest-${fn}`;

/** Log level of the deployed functions (POWERTOOLS_LOG_LEVEL); debug logs cost ingestion. */
export const DEPLOYED_LOG_LEVEL = 'INFO';
