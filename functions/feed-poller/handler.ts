// Every 5 minutes (EventBridge): polls the feeds that are due and ingests their new entries
// (shared/feeds/service.ts pollDueFeeds). One invocation at a time (reserved concurrency 1), so
// two rounds never poll the same feed at once.

import { FEED_POLLER_BUDGET_MS } from '../../shared/feeds/schedule.js';
import { pollDueFeeds, type PollRound } from '../../shared/feeds/service.js';
import { lambdaHandler, lambdaRuntime } from '../../shared/runtime/lambda.js';
import { feedsDeps, type FeedsDeps } from '../../shared/runtime/wiring.js';

export function createFeedPollerHandler(deps: FeedsDeps): () => Promise<PollRound> {
  return () => pollDueFeeds(deps, { budgetMs: FEED_POLLER_BUDGET_MS });
}

export const handler = lambdaHandler(lambdaRuntime('feed-poller'), (platform) => createFeedPollerHandler(feedsDeps(platform)));
