// The local API key (the data folder's api-key) goes only to an API on this machine: for any other
// host, ingest and digest need --key or NEWSDIGEST_API_KEY, and refuse before sending anything.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isLoopbackUrl, resolveApiTarget } from '../../local/api-client.js';
import { runCli } from '../support/run-cli.js';

const LOCAL_KEY = 'local-key-from-the-data-folder';
const dataDir = mkdtempSync(join(tmpdir(), 'newsdigest-api-key-'));
writeFileSync(join(dataDir, 'api-key'), LOCAL_KEY + '\n', { mode: 0o600 });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('isLoopbackUrl', () => {
  it.each([
    'http://127.0.0.1:3000', 'http://127.9.8.7', 'http://[::1]:3000', 'http://localhost:3000', 'http://LOCALHOST',
    'http://localhost.:3000', 'http://[::ffff:127.0.0.1]:3000', 'http://2130706433/', 'http://0x7f.1/',
  ])('%s is this machine', (url) => expect(isLoopbackUrl(new URL(url))).toBe(true));

  it.each([
    'https://remote.example', 'http://10.0.0.1:3000', 'http://128.0.0.1', 'http://[::2]', 'http://0.0.0.0:3000',
    'http://localhost.example.com', 'http://127.0.0.1.nip.io', 'http://api.localhost',
    // They embed 127.0.0.1 but are routed off the machine (NAT64, 6to4).
    'http://[64:ff9b::7f00:1]', 'http://[2002:7f00:1::]',
  ])('%s is not', (url) => expect(isLoopbackUrl(new URL(url))).toBe(false));
});

describe('resolveApiTarget', () => {
  const env = { NEWSDIGEST_DATA_DIR: dataDir };

  it('reads the local key for a loopback API, by default 127.0.0.1:PORT', () => {
    expect(resolveApiTarget(undefined, undefined, env)).toEqual({ baseUrl: 'http://127.0.0.1:3000', apiKey: LOCAL_KEY });
    expect(resolveApiTarget('http://localhost:4000/', undefined, env)).toEqual({ baseUrl: 'http://localhost:4000', apiKey: LOCAL_KEY });
    expect(resolveApiTarget(undefined, undefined, { ...env, NEWSDIGEST_API: 'http://[::1]:5000' }).apiKey).toBe(LOCAL_KEY);
  });

  it('refuses to give the local key to another host, and says how to pass one', () => {
    for (const [api, e] of [['https://remote.example', env], [undefined, { ...env, NEWSDIGEST_API: 'https://remote.example/prod' }]] as const) {
      expect(() => resolveApiTarget(api, undefined, e)).toThrow(/no API key for https:\/\/remote\.example.*sent only to an API on this machine.*--key KEY or set NEWSDIGEST_API_KEY/);
    }
  });

  it('uses a given key for any host: --key first, then NEWSDIGEST_API_KEY', () => {
    expect(resolveApiTarget('https://remote.example', 'given', env).apiKey).toBe('given');
    expect(resolveApiTarget('https://remote.example', undefined, { ...env, NEWSDIGEST_API_KEY: 'from-env' }).apiKey).toBe('from-env');
    expect(resolveApiTarget('https://remote.example', 'given', { ...env, NEWSDIGEST_API_KEY: 'from-env' }).apiKey).toBe('given');
  });

  it('says when there is no key at all, and when --api is not an http(s) URL', () => {
    const empty = mkdtempSync(join(tmpdir(), 'newsdigest-no-key-'));
    try {
      expect(() => resolveApiTarget(undefined, undefined, { NEWSDIGEST_DATA_DIR: empty })).toThrow(/no API key: pass --key/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    expect(() => resolveApiTarget('remote.example', undefined, env)).toThrow(/--api wants an http\(s\) URL/);
    expect(() => resolveApiTarget('ftp://127.0.0.1', undefined, env)).toThrow(/--api wants an http\(s\) URL/);
  });
});

describe('ingest and digest on the command line', () => {
  // A stand-in API on 127.0.0.1 that records the key it was sent.
  let server: Server;
  let origin: string;
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'POST' && path === '/ingest') return json(202, { accepted: [], duplicates: [], requeued: [], rejected: [] });
      if (path.endsWith('/link')) return json(200, { url: `${origin}/public/x`, expiresAt: '2026-01-01T00:00:00Z' });
      if (path.endsWith('.md')) return res.writeHead(200, { 'content-type': 'text/markdown' }).end('# digest\n');
      return json(200, {});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  beforeEach(() => {
    seen.length = 0;
    vi.stubEnv('NEWSDIGEST_DATA_DIR', dataDir);
    vi.stubEnv('NEWSDIGEST_API_KEY', undefined);
    vi.stubEnv('NEWSDIGEST_API', undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('sends the local key to a loopback API', async () => {
    const ingest = await runCli(['ingest', 'https://news.example/a', '--api', origin, '--no-wait']);
    expect(ingest.code).toBe(0);
    const digest = await runCli(['digest', '2026-11-28', '--api', origin]);
    expect(digest.code).toBe(0);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const h of seen) expect(h['x-api-key']).toBe(LOCAL_KEY);
  });

  it.each([
    ['ingest', ['ingest', 'https://news.example/a', '--api', 'https://remote.example']],
    ['digest', ['digest', '--api', 'https://remote.example']],
  ])('%s refuses a remote API without --key, exit 1, without sending a request', async (_name, args) => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const r = await runCli(args);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no API key for https:\/\/remote\.example.*pass --key KEY or set NEWSDIGEST_API_KEY/);
    expect(r.err).not.toContain(LOCAL_KEY);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses NEWSDIGEST_API pointing elsewhere too', async () => {
    vi.stubEnv('NEWSDIGEST_API', 'https://remote.example');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const r = await runCli(['ingest', 'https://news.example/a', '--no-wait']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no API key for https:\/\/remote\.example/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('sends the given key, never the local one, to a remote API', async () => {
    const sent: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      expect(String(input)).toMatch(/^https:\/\/remote\.example\//);
      sent.push(new Headers(init?.headers).get('x-api-key') ?? '');
      return new Response(JSON.stringify({ accepted: [], duplicates: [], requeued: [], rejected: [] }), { status: 202 });
    });
    expect((await runCli(['ingest', 'https://news.example/a', '--api', 'https://remote.example', '--key', 'remote-key', '--no-wait'])).code).toBe(0);
    vi.stubEnv('NEWSDIGEST_API_KEY', 'env-key');
    expect((await runCli(['ingest', 'https://news.example/a', '--api', 'https://remote.example', '--no-wait'])).code).toBe(0);
    expect(sent).toEqual(['remote-key', 'env-key']);
  });

  it('a malformed --api is a usage error, exit 2', async () => {
    const r = await runCli(['ingest', 'https://news.example/a', '--api', 'remote.example']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--api wants an http\(s\) URL/);
  });
});
