// Builds a day's digest: from the 00:10 UTC schedule (the previous day) or from
// POST /digests/{date} (any day, on demand).

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { parseDateParam } from '../../shared/digest/api.js';
import { isDailyDigestEvent, previousUtcDay } from '../../shared/digest/schedule.js';
import { buildAndStoreDigest } from '../../shared/digest/service.js';
import type { Digest } from '../../shared/digest/types.js';
import { BadRequestError } from '../../shared/errors.js';
import { errorResponse, json } from '../../shared/http/responses.js';
import { lambdaHandler, lambdaRuntime } from '../../shared/runtime/lambda.js';
import { digestDeps, type DigestHandlerDeps } from '../../shared/runtime/wiring.js';

export type ScheduledDigestResult = { date: string; articleCount: number };

const isApiEvent = (e: unknown): e is APIGatewayProxyEvent => !!e && typeof e === 'object' && 'httpMethod' in e;

/** POST /digests/{date}: build that day's digest now. */
export function createDigestApiHandler(deps: DigestHandlerDeps): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  return async (event) => {
    try {
      const { date, format } = parseDateParam(event.pathParameters?.date);
      if (format !== 'json') throw new BadRequestError(`POST /digests/${date} builds the digest; fetch the ${format} rendering with GET`);
      const digest = await timedBuild(date, deps);
      deps.log.info('digest built', { date, articles: digest.articleCount, trigger: 'api' });
      return json(200, digest);
    } catch (err) {
      return errorResponse(err, deps.log);
    }
  };
}

/** The EventBridge schedule: the previous UTC day. Thrown errors reach Lambda's retries and then the schedule's dead-letter queue. */
export function createScheduledDigestHandler(deps: DigestHandlerDeps): (event: unknown) => Promise<ScheduledDigestResult> {
  return async (event) => {
    if (!isDailyDigestEvent(event)) throw new Error(`unexpected event: ${JSON.stringify(event).slice(0, 200)}`);
    const digest = await timedBuild(previousUtcDay(deps.clock.now()), deps);
    deps.log.info('digest built', { date: digest.date, articles: digest.articleCount, trigger: 'schedule' });
    return { date: digest.date, articleCount: digest.articleCount };
  };
}

async function timedBuild(date: string, deps: DigestHandlerDeps): Promise<Digest> {
  const started = Date.now();
  const digest = await buildAndStoreDigest(date, deps);
  deps.metrics.duration('DigestBuildTime', Date.now() - started);
  deps.metrics.count('DigestsBuilt');
  return digest;
}

/** One function serves both triggers; the event says which. */
export const handler = lambdaHandler(lambdaRuntime('digest'), (platform) => {
  const deps = digestDeps(platform);
  const api = createDigestApiHandler(deps);
  const scheduled = createScheduledDigestHandler(deps);
  return (event: unknown): Promise<APIGatewayProxyResult | ScheduledDigestResult> => (isApiEvent(event) ? api(event) : scheduled(event));
});
