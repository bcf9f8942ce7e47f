// The read API: GET /articles and GET /articles/{id}. Read-only grants in the stack.

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createAwsClients } from '../../shared/adapters/clients.js';
import { loadConfig } from '../../shared/config.js';
import { errorResponse, json } from '../../shared/http/responses.js';
import { createLogger, type Logger } from '../../shared/log.js';
import { getArticle, listArticles, type ReadDeps } from '../../shared/pipeline/read-api.js';
import { coreDeps } from '../../shared/runtime/wiring.js';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface ApiDeps extends ReadDeps {
  log: Logger;
}

type Route = (event: APIGatewayProxyEvent, deps: ApiDeps) => Promise<APIGatewayProxyResult>;

/** Keyed by API Gateway's `resource` template, so routing matches the stack's resources exactly. */
const ROUTES: Record<string, Route> = {
  'GET /articles': async (event, deps) => json(200, await listArticles(event.queryStringParameters, deps)),
  'GET /articles/{id}': async (event, deps) => json(200, await getArticle(event.pathParameters?.id, deps)),
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
  return coreDeps(config, createAwsClients(), createLogger({ fn: 'api' }));
}

let handle: ApiHandler | undefined;
export const handler: ApiHandler = (event) => (handle ??= createApiHandler(depsFromEnv()))(event);
