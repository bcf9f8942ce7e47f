import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { loadFetchConfig } from '../../shared/config.js';
import { ConfigError } from '../../shared/errors.js';
import { createFetcher, DEFAULT_USER_AGENT, newsdigestUserAgent } from '../../shared/fetch/index.js';
import { fetcherFrom } from '../../shared/runtime/wiring.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';

let server: FixtureServer;
let seen: string | undefined;

beforeAll(async () => {
  server = await startFixtureServer({
    '/robots.txt': (req, res) => {
      seen = req.headers['user-agent'];
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    },
  });
});
afterAll(() => server.close());

/** The User-Agent a fetcher wired from this environment sends. */
async function userAgentFrom(env: Record<string, string>): Promise<string | undefined> {
  seen = undefined;
  const fetcher = fetcherFrom(loadFetchConfig({ NEWSDIGEST_ALLOW_HOSTS: server.hostPort, ...env }));
  await fetcher.fetch(`${server.origin}/robots.txt`, { accept: 'robots' });
  return seen;
}

describe('User-Agent', () => {
  it('starts with newsdigest/<version>, so robots.txt groups for newsdigest apply', async () => {
    const expected = `newsdigest/${packageJson.version}`;
    expect(DEFAULT_USER_AGENT).toBe(expected);
    expect(await userAgentFrom({})).toBe(expected);
  });

  it('carries NEWSDIGEST_CONTACT_URL when it is set', async () => {
    expect(await userAgentFrom({ NEWSDIGEST_CONTACT_URL: 'https://example.org/newsdigest-bot' })).toBe(
      `newsdigest/${packageJson.version} (+https://example.org/newsdigest-bot)`,
    );
    expect(newsdigestUserAgent('http://example.org/bot')).toMatch(/^newsdigest\/[^ ]+ \(\+http:\/\/example\.org\/bot\)$/);
  });

  it('is replaced whole by NEWSDIGEST_USER_AGENT', async () => {
    const env = { NEWSDIGEST_USER_AGENT: 'AcmeNewsBot/2.0 (+https://acme.example/bot)', NEWSDIGEST_CONTACT_URL: 'https://example.org/' };
    expect(await userAgentFrom(env)).toBe('AcmeNewsBot/2.0 (+https://acme.example/bot)');
  });

  it('is used by createFetcher when none is given', async () => {
    seen = undefined;
    await createFetcher({ timeoutMs: 5_000, maxBytes: 10_000, maxRedirects: 0, allowHosts: [server.hostPort] }).fetch(`${server.origin}/robots.txt`, {
      accept: 'robots',
    });
    expect(seen).toBe(DEFAULT_USER_AGENT);
  });

  it('refuses a User-Agent with a line break when the fetcher is built', () => {
    expect(() => createFetcher({ timeoutMs: 5_000, maxBytes: 10_000, maxRedirects: 0, allowHosts: [], userAgent: 'bot\r\nX-Evil: 1' })).toThrow(
      ConfigError,
    );
  });
});

describe('User-Agent configuration', () => {
  it.each(['ftp://example.org/bot', 'javascript:alert(1)', 'mailto:ops@example.org', 'example.org/bot', 'not a url', 'https://example.org/a (b)'])(
    'rejects NEWSDIGEST_CONTACT_URL %j',
    (value) => {
      expect(() => loadFetchConfig({ NEWSDIGEST_CONTACT_URL: value })).toThrow(/NEWSDIGEST_CONTACT_URL: .*not an http\(s\) URL/);
    },
  );

  it('accepts an http(s) contact URL and leaves both unset by default', () => {
    expect(loadFetchConfig({ NEWSDIGEST_CONTACT_URL: 'https://example.org/bot' }).NEWSDIGEST_CONTACT_URL).toBe('https://example.org/bot');
    const config = loadFetchConfig({});
    expect(config.NEWSDIGEST_CONTACT_URL).toBeUndefined();
    expect(config.NEWSDIGEST_USER_AGENT).toBeUndefined();
  });

  it.each(['', '   ', 'bot\nX-Evil: 1'])('rejects NEWSDIGEST_USER_AGENT %j', (value) => {
    expect(() => loadFetchConfig({ NEWSDIGEST_USER_AGENT: value })).toThrow(/NEWSDIGEST_USER_AGENT: /);
  });
});
