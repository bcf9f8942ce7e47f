// The robots.txt gate: before a page (or a feed) is fetched, the robots.txt of its origin is read
// (from a warm function's memory, else from the shared cache in DynamoDB, else from the site
// through the guarded fetcher) and asked whether our User-Agent may fetch the URL. What a status
// means and how long it is kept come from shared/feeds/robots.ts (RFC 9309); this module only
// finds the file and turns the verdict into a decision the callers act on.

import { FetchRefusedError, FetchResponseError } from '../errors.js';
import type { GuardedFetcher } from '../fetch/index.js';
import { parseRobots, robotsCacheExpiry, robotsForPolicy, robotsPolicyForStatus, robotsVerdict, MAX_ROBOTS_BYTES, type RobotsRules } from '../feeds/robots.js';
import type { Logger } from '../log.js';
import type { Clock } from '../ports.js';

/** One origin's robots.txt as fetched, shared by every fetch function through the cache. */
export interface CachedRobots {
  /** scheme://host[:port]: robots.txt governs exactly one origin. */
  origin: string;
  /** The HTTP status of the answer (after redirects). */
  status: number;
  /** The file, cut to MAX_ROBOTS_BYTES; empty unless the status is 2xx. */
  body: string;
  fetchedAt: string;
  /** When to fetch it again (robotsCacheExpiry: 24 hours, 1 hour after a 5xx or 429). */
  expiresAt: string;
}

export interface RobotsCacheStore {
  get(origin: string): Promise<CachedRobots | undefined>;
  put(entry: CachedRobots): Promise<void>;
}

/** The answer to GET /robots.txt: any HTTP status is an answer; no answer at all is thrown. */
export type RobotsFetcher = (robotsUrl: string) => Promise<{ status: number; body: string }>;

export type RobotsDecision =
  | { verdict: 'allowed'; crawlDelaySeconds?: number }
  /** Final: the reason contains "robots.txt disallows". */
  | { verdict: 'disallowed'; reason: string }
  /**
   * robots.txt answered 5xx or 429: RFC 9309 reads that as "disallow everything" until it can be
   * read. Not final: the file is asked for again at `retryAt`.
   */
  | { verdict: 'unavailable'; reason: string; retryAt: Date };

export interface RobotsGateOptions {
  fetchRobots: RobotsFetcher;
  /** Shared across functions (DynamoDB); without it each function keeps only its memory copy. */
  cache?: RobotsCacheStore;
  /** The User-Agent the fetcher sends: groups are matched on its product token. */
  userAgent: string;
  clock: Clock;
  log?: Logger;
  /** Called just before robots.txt is fetched from the site, with its URL (the host's pacing). */
  beforeFetch?: (robotsUrl: string) => Promise<void>;
  /** Origins kept in memory; the oldest is dropped past this. */
  memoryEntries?: number;
}

/** A warm fetch function sees a few hundred news sites; the parsed rules are small. */
const DEFAULT_MEMORY_ENTRIES = 1000;

interface Remembered {
  rules: RobotsRules;
  status: number;
  expiresAtMs: number;
}

export class RobotsGate {
  private readonly memory = new Map<string, Remembered>();
  private readonly pending = new Map<string, Promise<Remembered | 'refused'>>();

  constructor(private readonly options: RobotsGateOptions) {}

  /**
   * Whether `url` may be fetched now. Throws the fetcher's FetchNetworkError when the site cannot be
   * reached at all: that is not cached, and the caller retries as it would for the page itself.
   */
  async check(url: string): Promise<RobotsDecision> {
    const origin = new URL(url).origin;
    const robotsUrl = `${origin}/robots.txt`;
    const robots = await this.robotsOf(origin, robotsUrl);
    if (robots === 'refused') return { verdict: 'allowed' };
    if (robotsPolicyForStatus(robots.status) === 'disallow-all') {
      const retryAt = new Date(robots.expiresAtMs);
      return {
        verdict: 'unavailable',
        retryAt,
        reason: `robots.txt at ${robotsUrl} answered HTTP ${robots.status}, which disallows the whole site until it can be read `
          + `(RFC 9309); it is asked for again at ${retryAt.toISOString()}`,
      };
    }
    const verdict = robotsVerdict(robots.rules, url, this.options.userAgent);
    if (!verdict.allowed) {
      return { verdict: 'disallowed', reason: `robots.txt disallows ${url} for ${this.options.userAgent} (${robotsUrl})` };
    }
    return verdict.crawlDelaySeconds !== undefined ? { verdict: 'allowed', crawlDelaySeconds: verdict.crawlDelaySeconds } : { verdict: 'allowed' };
  }

  private async robotsOf(origin: string, robotsUrl: string): Promise<Remembered | 'refused'> {
    const remembered = this.memory.get(origin);
    if (remembered && remembered.expiresAtMs > this.options.clock.now().getTime()) return remembered;
    // A batch's pages of one site are checked at once: they share one look-up.
    let pending = this.pending.get(origin);
    if (!pending) {
      pending = this.lookUp(origin, robotsUrl).finally(() => this.pending.delete(origin));
      this.pending.set(origin, pending);
    }
    return pending;
  }

  private async lookUp(origin: string, robotsUrl: string): Promise<Remembered | 'refused'> {
    const nowMs = this.options.clock.now().getTime();
    const cached = await this.options.cache?.get(origin);
    if (cached && Date.parse(cached.expiresAt) > nowMs) return this.remember(origin, robotsUrl, cached);
    let answer: { status: number; body: string };
    try {
      await this.options.beforeFetch?.(robotsUrl);
      answer = await this.options.fetchRobots(robotsUrl);
    } catch (err: unknown) {
      // A redirect of robots.txt to a forbidden address: we cannot read it, and the page's own
      // fetch is guarded by itself. RFC 9309 treats an unavailable file as no restriction.
      if (err instanceof FetchRefusedError) {
        this.options.log?.warn('robots.txt refused by the address guard; treated as unavailable', { robotsUrl, reason: err.message });
        return 'refused';
      }
      throw err;
    }
    const now = this.options.clock.now();
    const entry: CachedRobots = {
      origin,
      status: answer.status,
      body: answer.body,
      fetchedAt: now.toISOString(),
      expiresAt: robotsCacheExpiry(now, answer.status).toISOString(),
    };
    await this.options.cache?.put(entry);
    return this.remember(origin, robotsUrl, entry);
  }

  private remember(origin: string, robotsUrl: string, entry: CachedRobots): Remembered {
    const policy = robotsPolicyForStatus(entry.status);
    const rules = policy === 'parse' ? parseRobots(robotsUrl, entry.body) : robotsForPolicy(robotsUrl, policy);
    const remembered = { rules, status: entry.status, expiresAtMs: Date.parse(entry.expiresAt) };
    this.memory.delete(origin);
    this.memory.set(origin, remembered);
    if (this.memory.size > (this.options.memoryEntries ?? DEFAULT_MEMORY_ENTRIES)) {
      this.memory.delete(this.memory.keys().next().value as string);
    }
    return remembered;
  }
}

/**
 * robots.txt through the guarded fetcher (same User-Agent, address guard, size limit). An HTTP
 * error is an answer (its status decides); a 2xx body the fetcher refuses (binary, too large,
 * undecodable) is read as an empty file, which allows everything: there is no rule in it we
 * could read. A network failure is thrown: the site is down, and so is the page.
 */
export function robotsFetcherFrom(fetcher: GuardedFetcher): RobotsFetcher {
  return async (robotsUrl) => {
    try {
      const r = await fetcher.fetch(robotsUrl, { accept: 'robots' });
      // As many characters as the limit has bytes: never less than parseRobots reads, and what is
      // cached stays small.
      return { status: r.status, body: r.html.slice(0, MAX_ROBOTS_BYTES) };
    } catch (err: unknown) {
      if (!(err instanceof FetchResponseError)) throw err;
      // An undecodable body has no status: it failed after a 2xx answer.
      const status = err.httpStatus ?? 200;
      return { status: status >= 200 && status <= 299 ? 200 : status, body: '' };
    }
  };
}
