// The read API: articles, digests (JSON, Markdown, HTML, Atom), signed links, actor timelines,
// the OpenAPI document. Read-only grants in the stack.

import { actorTimelineRoute, atomRoute, digestArticlesRoute, digestLinkRoute, getDigestRoute, listDigestsRoute, publicRoute } from '../../shared/digest/api.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { routedHandler, type ApiHandler, type Operation } from '../../shared/http/dispatch.js';
import { json } from '../../shared/http/responses.js';
import type { OperationOf } from '../../shared/http/routes.js';
import { getArticle, listArticles } from '../../shared/pipeline/read-api.js';
import { lambdaHandler, lambdaRuntime } from '../../shared/runtime/lambda.js';
import { apiDeps, type ApiDeps } from '../../shared/runtime/wiring.js';

/** Every operation the table gives this function; a route missing here fails to compile. */
const ROUTES: Record<OperationOf<'api'>, Operation<ApiDeps>> = {
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
  return routedHandler('api', ROUTES, deps);
}

export const handler = lambdaHandler(lambdaRuntime('api'), (platform) => createApiHandler(apiDeps(platform)));
