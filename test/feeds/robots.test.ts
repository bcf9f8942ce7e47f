import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchResponseError } from '../../shared/errors.js';
import { createFetcher, newsdigestUserAgent } from '../../shared/fetch/index.js';
import {
  MAX_ROBOTS_BYTES,
  parseRobots,
  robotsCacheExpiry,
  robotsForPolicy,
  robotsPolicyForStatus,
  robotsVerdict,
  type RobotsRules,
} from '../../shared/feeds/robots.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';

const ROBOTS_URL = 'https://news.example.com/robots.txt';
// The fetcher's own User-Agent (shared/fetch/user-agent.ts, tested there), with a contact URL.
const UA = newsdigestUserAgent('https://newsdigest.example.org/bot');
const OTHER_BOT = 'OtherBot/2.0';

const allowed = (robots: RobotsRules, path: string, ua = UA) => robotsVerdict(robots, `https://news.example.com${path}`, ua).allowed;

const SITE_ROBOTS = `# comments and blank lines are ignored

User-agent: *
Disallow: /private
Allow: /private/public
Disallow: /*.pdf$
Disallow: /search?
Disallow: /tie
Allow: /tie
Crawl-delay: 7

User-agent: NewsDigest
Disallow: /no-digests
Crawl-delay: 2.5

User-agent: googlebot
Disallow: /
`;

describe('robotsVerdict', () => {
  const robots = parseRobots(ROBOTS_URL, SITE_ROBOTS);

  it('allows what no rule matches and disallows a matching prefix', () => {
    expect(allowed(robots, '/world/story', OTHER_BOT)).toBe(true);
    expect(allowed(robots, '/private/notes', OTHER_BOT)).toBe(false);
    expect(allowed(robots, '/private', OTHER_BOT)).toBe(false);
  });

  it('lets the longest matching rule win', () => {
    expect(allowed(robots, '/private/public/page', OTHER_BOT)).toBe(true);
  });

  it('lets Allow win over Disallow of equal length', () => {
    expect(allowed(robots, '/tie', OTHER_BOT)).toBe(true);
  });

  it('understands * and the $ end anchor', () => {
    expect(allowed(robots, '/files/report.pdf', OTHER_BOT)).toBe(false);
    expect(allowed(robots, '/files/report.pdf?download=1', OTHER_BOT)).toBe(true);
    expect(allowed(robots, '/search?q=x', OTHER_BOT)).toBe(false);
    expect(allowed(robots, '/search', OTHER_BOT)).toBe(true);
  });

  it('reports the crawl delay of the chosen group', () => {
    expect(robotsVerdict(robots, 'https://news.example.com/', OTHER_BOT)).toEqual({ allowed: true, crawlDelaySeconds: 7 });
    expect(robotsVerdict(robots, 'https://news.example.com/', UA)).toEqual({ allowed: true, crawlDelaySeconds: 2.5 });
  });

  it('chooses our group by product token, case-insensitively, ignoring version and comment', () => {
    // Our group replaces the * group entirely: /private is not disallowed for us.
    expect(allowed(robots, '/no-digests/a')).toBe(false);
    expect(allowed(robots, '/private/notes')).toBe(true);
    expect(allowed(robots, '/no-digests/a', 'NEWSDIGEST/9')).toBe(false);
    expect(allowed(robots, '/anything', 'Googlebot/2.1 (+http://www.google.com/bot.html)')).toBe(false);
  });

  it('omits crawlDelaySeconds when the group sets none', () => {
    const robots = parseRobots(ROBOTS_URL, 'User-agent: *\nDisallow: /a\n');
    expect(robotsVerdict(robots, 'https://news.example.com/b', UA)).toEqual({ allowed: true });
  });

  it('allows everything for an empty file', () => {
    const empty = parseRobots(ROBOTS_URL, '');
    expect(robotsVerdict(empty, 'https://news.example.com/any/thing', UA)).toEqual({ allowed: true });
  });

  it('refuses to judge a URL on another origin', () => {
    expect(() => robotsVerdict(robots, 'https://other.example.com/', UA)).toThrow(/does not govern https:\/\/other\.example\.com\//);
    expect(() => robotsVerdict(robots, 'http://news.example.com/', UA)).toThrow(/does not govern/);
  });

  it(`reads only the first ${MAX_ROBOTS_BYTES / 1024} KiB`, () => {
    const filler = 'Allow: /filler\n'.repeat(Math.ceil(MAX_ROBOTS_BYTES / 15));
    const robots = parseRobots(ROBOTS_URL, `User-agent: *\nDisallow: /early\n${filler}Disallow: /late\n`);
    expect(robots.truncated).toBe(true);
    expect(allowed(robots, '/early')).toBe(false);
    expect(allowed(robots, '/late')).toBe(true);
    expect(parseRobots(ROBOTS_URL, SITE_ROBOTS).truncated).toBe(false);
  });
});

describe('robots.txt fetch status (RFC 9309 2.3.1)', () => {
  it('parses a 2xx answer', () => {
    expect(robotsPolicyForStatus(200)).toBe('parse');
    expect(robotsPolicyForStatus(203)).toBe('parse');
  });

  it('allows everything after a 4xx, 404 included, and after a redirect left unfollowed', () => {
    for (const status of [400, 401, 403, 404, 410, 451, 310]) expect(robotsPolicyForStatus(status)).toBe('allow-all');
  });

  it('disallows everything after a 5xx, a 429, or no answer at all', () => {
    for (const status of [500, 502, 503, 504, 429, 'unreachable'] as const) expect(robotsPolicyForStatus(status)).toBe('disallow-all');
  });

  it('gives policies as rules that answer for the whole origin', () => {
    expect(robotsVerdict(robotsForPolicy(ROBOTS_URL, 'allow-all'), 'https://news.example.com/x', UA).allowed).toBe(true);
    expect(robotsVerdict(robotsForPolicy(ROBOTS_URL, 'disallow-all'), 'https://news.example.com/x', UA).allowed).toBe(false);
  });

  it('caches for 24 hours, and retries after an hour when the server failed', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(robotsCacheExpiry(now, 200).toISOString()).toBe('2026-12-02T12:00:00.000Z');
    expect(robotsCacheExpiry(now, 404).toISOString()).toBe('2026-12-02T12:00:00.000Z');
    expect(robotsCacheExpiry(now, 503).toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(robotsCacheExpiry(now, 'unreachable').toISOString()).toBe('2026-12-01T13:00:00.000Z');
  });
});


describe('robots.txt through the guarded fetcher', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({
      '/robots.txt': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('User-agent: newsdigest\nDisallow: /drafts/\nCrawl-delay: 3\n');
      },
      '/down/robots.txt': (_req, res) => {
        res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Service unavailable</h1>');
      },
    });
  });
  afterAll(() => server.close());

  const fetcher = () => createFetcher({ timeoutMs: 5_000, maxBytes: MAX_ROBOTS_BYTES, maxRedirects: 5, allowHosts: [server.hostPort], userAgent: UA });

  /** What a robots cache would do: fetch, map the status to a policy, build the rules. */
  async function fetchRobots(robotsUrl: string): Promise<RobotsRules> {
    try {
      const page = await fetcher().fetch(robotsUrl, { accept: 'robots' });
      return parseRobots(robotsUrl, page.html);
    } catch (err: unknown) {
      if (!(err instanceof FetchResponseError) || err.httpStatus === undefined) throw err;
      const policy = robotsPolicyForStatus(err.httpStatus);
      if (policy === 'parse') throw err;
      return robotsForPolicy(robotsUrl, policy);
    }
  }

  it('fetches robots.txt from a local server and applies its verdict', async () => {
    const robots = await fetchRobots(`${server.origin}/robots.txt`);
    expect(robotsVerdict(robots, `${server.origin}/drafts/story`, UA)).toEqual({ allowed: false, crawlDelaySeconds: 3 });
    expect(robotsVerdict(robots, `${server.origin}/world/story`, UA)).toEqual({ allowed: true, crawlDelaySeconds: 3 });
    expect(server.hits('/robots.txt')).toBe(1);
  });

  it('allows everything when robots.txt is 404, and nothing when it is 503', async () => {
    const missing = await fetchRobots(`${server.origin}/missing/robots.txt`);
    expect(robotsVerdict(missing, `${server.origin}/anything`, UA).allowed).toBe(true);
    const down = await fetchRobots(`${server.origin}/down/robots.txt`);
    expect(robotsVerdict(down, `${server.origin}/anything`, UA).allowed).toBe(false);
  });
});
