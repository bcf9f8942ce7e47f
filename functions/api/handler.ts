// The read API: articles, digests (JSON, Markdown, HTML, Atom), signed links, actor timelines,
// the OpenAPI document. Read-only grants in the stack.

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { actorTimelineRoute, atomRoute, digestArticlesRoute, digestLinkRoute, getDigestRoute, listDigestsRoute, publicRoute } from '../../shared/digest/api.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { errorResponse, json } from '../../shared/http/responses.js';
import { findRoute, type OperationOf } from '../../shared/http/routes.js';
import { getArticle, listArticles } from '../../shared/pipeline/read-api.js';
import { lambdaHandler, lambdaRuntime } from '../../shared/runtime/lambda.js';
import { apiDeps, type ApiDeps } from '../../shared/runtime/wiring.js';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

type Route = (event: APIGatewayProxyEvent, deps: ApiDeps) => Promise<APIGatewayProxyResult>;

/** Every operation the table gives this function; a route missing here fails to compile. */
const ROUTES: Record<OperationOf<'api'>, Route> = {
  listArticles: async (event, deps) => json(200, await listArticles(event.queryStringParameters, deps)),
  getArticle: async (event, deps) => json(200, await getArticle(event.pathParameters?.id, deps)),
  listDigests: listDigestsRoute,
  getDigestFeed: atomRoute,
  getDigest: getDigestRoute,
  listDigestArticles: digestArticlesRoute,
  getDigestLink: digestLinkRoute,
  getActorTimeline: actorTimelineRoute,
  getPublicDigest: publicRoute,
  getPublicDigestFeed: publicRoute,
  getOpenApiDocument: async () => json(200, openApiDocument()),
};

export function createApiHandler(deps: ApiDeps): ApiHandler {
  return async (event) => {
    // Matched on API Gateway's `resource` template, as the stack's resources are.
    const route = findRoute('api', event.httpMethod, event.resource);
    if (!route) return json(404, { message: `No route for ${event.httpMethod} ${event.path}` });
    try {
      return await ROUTES[route.operationId](event, deps);
    } catch (err) {
      return errorResponse(err, deps.log);
    }
  };
}

export const handler = lambdaHandler(lambdaRuntime('api'), (platform) => createApiHandler(apiDeps(platform)));
