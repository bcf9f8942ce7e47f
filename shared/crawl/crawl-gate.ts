// The crawler's manners for a request that is not an article's (a feed poll): robots.txt first
// (a disallowed URL is refused with the reason, an unreadable robots.txt puts the request off),
// then the host's pacing slot, waited for in the function for at most MAX_WAIT_IN_FUNCTION_MS. An
// article's fetch has its own, richer path (fetch-stage.ts: a long wait becomes a delayed message).

import { FetchResponseError, RobotsDisallowedError } from '../errors.js';
import type { Clock } from '../ports.js';
import { MAX_WAIT_IN_FUNCTION_MS } from './deferral.js';
import type { HostPacer } from './host-pacer.js';
import type { RobotsGate } from './robots-gate.js';

/** Resolves when `url` may be requested now; throws with the reason when it may not. */
export type CrawlGate = (url: string) => Promise<void>;

export function crawlGate(robots: Pick<RobotsGate, 'check'>, pacer: Pick<HostPacer, 'reserve'>, clock: Clock, sleep: (ms: number) => Promise<void>): CrawlGate {
  return async (url) => {
    const decision = await robots.check(url);
    if (decision.verdict === 'disallowed') throw new RobotsDisallowedError(decision.reason);
    // RFC 9309: a robots.txt answering 5xx disallows the whole site until it can be read again.
    if (decision.verdict === 'unavailable') throw new FetchResponseError(`${decision.reason}; asked again after ${decision.retryAt.toISOString()}`, true);
    const slot = await pacer.reserve(url, decision.crawlDelaySeconds);
    if (slot === undefined) return;
    const wait = Math.min(MAX_WAIT_IN_FUNCTION_MS, slot - clock.now().getTime());
    if (wait > 0) await sleep(wait);
  };
}
