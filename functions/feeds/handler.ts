// The feed subscriptions: POST /feeds, GET /feeds, GET and DELETE /feeds/{id}, POST /feeds/{id}/poll.
// Thin adapter over shared/feeds/service.ts.

import { getFeed, listFeeds, parseFeedRequest, pollNow, subscribe, unsubscribe } from '../../shared/feeds/service.js';
import { routedHandler, type ApiHandler, type Operation } from '../../shared/http/dispatch.js';
import { bodyText, json } from '../../shared/http/responses.js';
import type { OperationOf } from '../../shared/http/routes.js';
import { lambdaHandler, lambdaRuntime } from '../../shared/runtime/lambda.js';
import { feedsDeps, type FeedsDeps } from '../../shared/runtime/wiring.js';

/** Every operation the route table gives this function; a missing one fails to compile. */
const ROUTES: Record<OperationOf<'feeds'>, Operation<FeedsDeps>> = {
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
  return routedHandler('feeds', ROUTES, deps);
}

export const handler = lambdaHandler(lambdaRuntime('feeds'), (platform) => createFeedsHandler(feedsDeps(platform)));
