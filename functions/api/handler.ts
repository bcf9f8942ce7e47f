// The read API: articles, digests (JSON, Markdown, HTML, Atom), signed links, actor timelines.
// Read-only grants in the stack.

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createAwsClients } from '../../shared/adapters/clients.js';
import { secretFromSecretsManager } from '../../shared/adapters/secrets.js';
import { loadConfig } from '../../shared/config.js';
import { DynamoAggregateStore } from '../../shared/digest/aggregates.js';
import {
  actorTimelineRoute, atomRoute, digestLinkRoute, getDigestRoute, listDigestsRoute, publicRoute, type DigestApiDeps,
} from '../../shared/digest/api.js';
import { DigestStore } from '../../shared/digest/digest-store.js';
import { ConfigError } from '../../shared/errors.js';
import { errorResponse, json } from '../../shared/http/responses.js';
import { createLogger, type Logger } from '../../shared/log.js';
import { getArticle, listArticles, type ReadDeps } from '../../shared/pipeline/read-api.js';
import { coreDeps } from '../../shared/runtime/wiring.js';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface ApiDeps extends ReadDeps, DigestApiDeps {
  log: Logger;
}

type Route = (event: APIGatewayProxyEvent, deps: ApiDeps) => Promise<APIGatewayProxyResult>;

/** Keyed by API Gateway's `resource` template, so routing matches the stack's resources exactly. */
const ROUTES: Record<string, Route> = {
  'GET /articles': async (event, deps) => json(200, await listArticles(event.queryStringParameters, deps)),
  'GET /articles/{id}': async (event, deps) => json(200, await getArticle(event.pathParameters?.id, deps)),
  'GET /digests': listDigestsRoute,
  'GET /digests.atom': atomRoute,
  'GET /digests/{date}': getDigestRoute,
  'GET /digests/{date}/link': digestLinkRoute,
  'GET /actors/{id}': actorTimelineRoute,
  'GET /public/digests/{date}': publicRoute,
  'GET /public/digests.atom': publicRoute,
};

export const API_ROUTES = Object.keys(ROUTES);

export function createApiHandler(deps: ApiDeps): ApiHandler {
  return async (event) => {
    const route = ROUTES[`${event.httpMethod} ${event.resource}`];
    if (!route) return json(404, { message: `No route for ${event.httpMethod} ${event.path}` });
    try {
      return await route(event, deps);
    } catch (err) {
      return errorResponse(err, deps.log);
    }
  };
}

function depsFromEnv(): ApiDeps {
  const config = loadConfig();
  const clients = createAwsClients();
  const core = coreDeps(config, clients, createLogger({ fn: 'api' }));
  const secretArn = config.LINK_SECRET_ARN;
  return {
    ...core,
    digests: new DigestStore(clients.dynamo, config.TABLE_NAME, core.blobs),
    aggregates: new DynamoAggregateStore(clients.dynamo, config.TABLE_NAME),
    publicDigests: config.PUBLIC_DIGESTS,
    linkSecret: secretArn
      ? secretFromSecretsManager(secretArn)
      : async () => {
        if (config.NEWSDIGEST_LINK_SECRET) return config.NEWSDIGEST_LINK_SECRET;
        throw new ConfigError('LINK_SECRET_ARN is not set: signed digest links cannot be made or checked');
      },
  };
}

let handle: ApiHandler | undefined;
export const handler: ApiHandler = (event) => (handle ??= createApiHandler(depsFromEnv()))(event);
