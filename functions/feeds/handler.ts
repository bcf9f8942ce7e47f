// The feed subscriptions: POST /feeds, GET /feeds, GET and DELETE /feeds/{id}, POST /feeds/{id}/poll.
// Thin adapter over shared/feeds/service.ts.

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { getFeed, listFeeds, parseFeedRequest, pollNow, subscribe, unsubscribe } from '../../shared/feeds/service.js';
import { bodyText, errorResponse, json } from '../../shared/http/responses.js';
import { findRoute, type OperationOf } from '../../shared/http/routes.js';
import { lambdaHandler, lambdaRuntime } from '../../shared/runtime/lambda.js';
import { feedsDeps, type FeedsDeps } from '../../shared/runtime/wiring.js';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

type Route = (event: APIGatewayProxyEvent, deps: FeedsDeps) => Promise<APIGatewayProxyResult>;

/** Every operation the route table gives this function; a missing one fails to compile. */
const ROUTES: Record<OperationOf<'feeds'>, Route> = {
  createFeed: async (event, deps) => {
    const { created, feed, discoveredFrom } = await subscribe(parseFeedRequest(bodyText(event)), deps);
    return json(created ? 201 : 200, { ...feed, ...(discoveredFrom ? { discoveredFrom } : {}) });
  },
  listFeeds: async (event, deps) => json(200, await listFeeds(event.queryStringParameters, deps)),
  getFeed: async (event, deps) => json(200, await getFeed(event.pathParameters?.id, deps)),
  deleteFeed: async (event, deps) => json(200, await unsubscribe(event.pathParameters?.id, deps)),
  pollFeedNow: async (event, deps) => json(200, await pollNow(event.pathParameters?.id, deps)),
};

export function createFeedsHandler(deps: FeedsDeps): ApiHandler {
  return async (event) => {
    const route = findRoute('feeds', event.httpMethod, event.resource);
    if (!route) return json(404, { message: `No route for ${event.httpMethod} ${event.path}` });
    try {
      return await ROUTES[route.operationId](event, deps);
    } catch (err) {
      return errorResponse(err, deps.log);
    }
  };
}

export const handler = lambdaHandler(lambdaRuntime('feeds'), (platform) => createFeedsHandler(feedsDeps(platform)));
