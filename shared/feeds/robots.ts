// robots.txt (RFC 9309) for the feed fetcher: parsing and matching by robots-parser 3.0.1 (MIT, no
// dependencies), and the RFC's rules for what a fetch status means, as pure functions so the
// fetching and caching code stays thin. robots-parser was checked against longest-match
// precedence, Allow winning a tie, `*` and `$`, and case-insensitive group choice by product
// token; the 500 KiB limit it lacks is applied here.

import robotsParserModule from 'robots-parser';

// robots-parser is CommonJS (`module.exports = fn`) but its types declare `export default fn`, so
// under NodeNext TypeScript thinks the default import is the module object. At run time it is the function.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** RFC 9309 2.5: crawlers must parse at least 500 KiB and may ignore what follows. */
export const MAX_ROBOTS_BYTES = 500 * 1024;
/** RFC 9309 2.4: a robots.txt should not be used from cache for more than 24 hours. */
export const ROBOTS_CACHE_MS = 24 * 60 * 60 * 1000;
/**
 * How soon to ask again after a 5xx or an unreachable server. That verdict disallows the whole
 * site, so waiting the full 24 hours would turn a short outage into a lost day of news.
 */
export const ROBOTS_RETRY_MS = 60 * 60 * 1000;

type RobotsMatcher = ReturnType<typeof robotsParser>;

export interface RobotsRules {
  /** The robots.txt URL; its scheme, host and port are the only ones these rules govern. */
  readonly url: string;
  /** True when the file was longer than MAX_ROBOTS_BYTES and its tail was ignored. */
  readonly truncated: boolean;
  readonly matcher: RobotsMatcher;
}

export interface RobotsVerdict {
  allowed: boolean;
  crawlDelaySeconds?: number;
}

/** What to do with the answer to `GET /robots.txt` (after redirects are followed). */
export type RobotsPolicy = 'parse' | 'allow-all' | 'disallow-all';

export function parseRobots(url: string, body: string): RobotsRules {
  const limited = withinLimit(body);
  return { url, truncated: limited !== body, matcher: robotsParser(url, limited) };
}

/** `userAgent` is the full header value; groups are chosen by its product token (the part before `/`). */
export function robotsVerdict(robots: RobotsRules, url: string, userAgent: string): RobotsVerdict {
  const token = productToken(userAgent);
  const allowed = robots.matcher.isAllowed(url, token);
  if (allowed === undefined) {
    // robots-parser answers undefined for another origin; guessing there would be a silent bug.
    throw new Error(`robots.txt at ${robots.url} does not govern ${url}: fetch the robots.txt of that origin`);
  }
  const delay = robots.matcher.getCrawlDelay(token);
  return typeof delay === 'number' && Number.isFinite(delay) && delay >= 0 ? { allowed, crawlDelaySeconds: delay } : { allowed };
}

/** An always-answering stand-in for the "allow-all" and "disallow-all" policies. */
export function robotsForPolicy(url: string, policy: Exclude<RobotsPolicy, 'parse'>): RobotsRules {
  return parseRobots(url, policy === 'allow-all' ? '' : 'User-agent: *\nDisallow: /\n');
}

/**
 * RFC 9309 2.3.1: 2xx → parse; 4xx → the file is unavailable, so everything is allowed; 5xx, or
 * no answer at all (`'unreachable'`) → complete disallow. A 3xx left after the fetcher gave up on
 * redirects counts as unavailable (2.3.1.2). 429 is read as "overloaded", like 5xx: taking it as
 * permission to crawl everything would answer "slow down" by speeding up.
 */
export function robotsPolicyForStatus(status: number | 'unreachable'): RobotsPolicy {
  if (status === 'unreachable') return 'disallow-all';
  if (status >= 200 && status <= 299) return 'parse';
  if (status === 429) return 'disallow-all';
  if (status >= 300 && status <= 499) return 'allow-all';
  return 'disallow-all'; // 5xx, and anything that is not HTTP (1xx, 600+)
}

/** When a robots.txt fetched at `now` with this status should be fetched again. */
export function robotsCacheExpiry(now: Date, status: number | 'unreachable'): Date {
  const lifetime = robotsPolicyForStatus(status) === 'disallow-all' ? ROBOTS_RETRY_MS : ROBOTS_CACHE_MS;
  return new Date(now.getTime() + lifetime);
}

/** RFC 9309 2.2.1: the product token is the user agent's leading run of letters, `_` and `-`. */
function productToken(userAgent: string): string {
  return /^[A-Za-z_-]+/.exec(userAgent.trim())?.[0].toLowerCase() ?? '*';
}

/** The first MAX_ROBOTS_BYTES of the file, cut at a line end so no rule is half-read. */
function withinLimit(body: string): string {
  if (Buffer.byteLength(body, 'utf8') <= MAX_ROBOTS_BYTES) return body;
  const head = Buffer.from(body, 'utf8').subarray(0, MAX_ROBOTS_BYTES).toString('utf8');
  const lastLineEnd = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r'));
  return lastLineEnd === -1 ? '' : head.slice(0, lastLineEnd + 1);
}
