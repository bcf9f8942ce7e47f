// Builds a day's digest: from the 00:10 UTC schedule (the previous day) or from
// POST /digests/{date} (any day, on demand).

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createAwsClients } from '../../shared/adapters/clients.js';
import { loadConfig } from '../../shared/config.js';
import { DynamoAggregateStore } from '../../shared/digest/aggregates.js';
import { parseDateParam } from '../../shared/digest/api.js';
import { DigestStore } from '../../shared/digest/digest-store.js';
import { isDailyDigestEvent, previousUtcDay } from '../../shared/digest/schedule.js';
import { buildAndStoreDigest, type DigestDeps } from '../../shared/digest/service.js';
import { BadRequestError } from '../../shared/errors.js';
import { errorResponse, json } from '../../shared/http/responses.js';
import { createLogger, type Logger } from '../../shared/log.js';
import { coreDeps } from '../../shared/runtime/wiring.js';

export interface DigestHandlerDeps extends DigestDeps {
  log: Logger;
}

export type DigestHandler = (event: APIGatewayProxyEvent | { source?: string }) => Promise<APIGatewayProxyResult | { date: string; articleCount: number }>;

const isApiEvent = (e: unknown): e is APIGatewayProxyEvent => !!e && typeof e === 'object' && 'httpMethod' in e;

export function createDigestHandler(deps: DigestHandlerDeps): DigestHandler {
  return async (event) => {
    if (isApiEvent(event)) {
      try {
        const { date, format } = parseDateParam(event.pathParameters?.date);
        if (format !== 'json') throw new BadRequestError(`POST /digests/${date} builds the digest; fetch the ${format} rendering with GET`);
        const digest = await buildAndStoreDigest(date, deps);
        deps.log.info('digest built', { date, articles: digest.articleCount, trigger: 'api' });
        return json(200, digest);
      } catch (err) {
        return errorResponse(err, deps.log);
      }
    }
    if (!isDailyDigestEvent(event)) throw new Error(`unexpected event: ${JSON.stringify(event).slice(0, 200)}`);
    // Thrown errors reach Lambda's retries and then the schedule's dead-letter queue.
    const digest = await buildAndStoreDigest(previousUtcDay(deps.clock.now()), deps);
    deps.log.info('digest built', { date: digest.date, articles: digest.articleCount, trigger: 'schedule' });
    return { date: digest.date, articleCount: digest.articleCount };
  };
}

function depsFromEnv(): DigestHandlerDeps {
  const config = loadConfig();
  const clients = createAwsClients();
  const core = coreDeps(config, clients, createLogger({ fn: 'digest' }));
  return {
    aggregates: new DynamoAggregateStore(clients.dynamo, config.TABLE_NAME),
    digests: new DigestStore(clients.dynamo, config.TABLE_NAME, core.blobs),
    clock: core.clock,
    log: core.log,
  };
}

let handle: DigestHandler | undefined;
export const handler: DigestHandler = (event) => (handle ??= createDigestHandler(depsFromEnv()))(event);
