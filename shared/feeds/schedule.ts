// How often the feed poller runs: the EventBridge rule on AWS, the timer under `npm start`.

/** The poller's rule: every 5 minutes (a feed's interval is at least MIN_INTERVAL_MINUTES, also 5). */
export const FEED_POLLER_MINUTES = 5;
/** Locally polls come sooner: a user who adds a feed should see its articles in the same minute. */
export const LOCAL_FEED_POLL_MS = 30_000;
/**
 * The poller's time budget: it starts no poll after this, so a round ends before the function's
 * timeout and before the next round is due (a slow feed takes at most the fetch timeout).
 */
export const FEED_POLLER_BUDGET_MS = 3 * 60_000;
