import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FETCH_DEFAULTS, loadFetchConfig } from '../../shared/config.js';
import { ConfigError, FetchNetworkError, FetchRefusedError, FetchResponseError, NewsdigestError } from '../../shared/errors.js';
import { createFetcher, FetchRetryLaterError, type FetcherOptions, type LookupFn } from '../../shared/fetch/index.js';
import type { FetchedPage } from '../../shared/ports.js';
import { fetcherFrom } from '../../shared/runtime/wiring.js';

// ---------------------------------------------------------------------------------------------
// Fixture servers on 127.0.0.1, port 0. `main` is allow-listed as 127.0.0.1:<port>; `other` is
// not, and counts connections so a test can prove the fetcher never reached it.

const PRIVET = 'Привет, мир';
const page = (body: string, head = '') => `<!DOCTYPE html><html><head>${head}<title>Test</title></head><body><p>${body}</p></body></html>`;
const PLAIN = page('Hello, world');

function encode1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0) as number;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      throw new Error(`no windows-1251 byte for ${ch}`);
    }),
  );
}

/** Deterministic bytes that look random: sha256 in counter mode. */
function noise(length: number): Buffer {
  const blocks = Array.from({ length: Math.ceil(length / 32) }, (_, i) => createHash('sha256').update(`block ${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

const gzipTimes = (body: string | Buffer, times: number): Buffer =>
  Array.from({ length: times }).reduce<Buffer>((b) => zlib.gzipSync(b), Buffer.from(body));

const MB = 1024 * 1024;
const BOMB_SIZE = 64 * MB;
let bomb: Buffer;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const routes = new Map<string, Handler>();
let base = '';
let mainPort = 0;
let otherPort = 0;
let closedPort = 0;
let otherConnections = 0;
const lastRequest: { headers?: http.IncomingHttpHeaders } = {};
const servers: http.Server[] = [];

const html = (body: string | Buffer, type = 'text/html; charset=utf-8', extra: http.OutgoingHttpHeaders = {}): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': type, ...extra });
  res.end(body);
};

function redirect(status: number, location: string): Handler {
  return (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };
}

function route(path: string, handler: Handler): void {
  routes.set(path, handler);
}

async function listen(server: http.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function streamBytes(res: http.ServerResponse, total: number, chunk = 64 * 1024): void {
  const block = Buffer.alloc(chunk, 'a');
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk;
      if (!res.write(block)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('error', () => undefined);
  pump();
}

beforeAll(async () => {
  bomb = zlib.gzipSync(Buffer.alloc(BOMB_SIZE, 'a'), { level: 9 });

  const main = http.createServer((req, res) => {
    lastRequest.headers = req.headers;
    const handler = routes.get((req.url ?? '').split('?')[0]);
    if (handler) return handler(req, res);
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<h1>Not found</h1>');
  });
  mainPort = await listen(main);
  base = `http://127.0.0.1:${mainPort}`;

  const other = http.createServer((_req, res) => html(PLAIN)(_req, res));
  other.on('connection', () => otherConnections++);
  otherPort = await listen(other);

  const probe = http.createServer();
  closedPort = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  servers.pop();

  route('/plain', html(PLAIN));
  route('/xhtml', html(PLAIN, 'application/xhtml+xml'));
  route('/gzip', html(zlib.gzipSync(PLAIN), 'text/html', { 'content-encoding': 'gzip' }));
  route('/deflate', html(zlib.deflateSync(PLAIN), 'text/html', { 'content-encoding': 'deflate' }));
  route('/deflate-raw', html(zlib.deflateRawSync(PLAIN), 'text/html', { 'content-encoding': 'deflate' }));
  route('/br', html(zlib.brotliCompressSync(PLAIN), 'text/html', { 'content-encoding': 'br' }));
  route('/corrupt-gzip', html(Buffer.from('this is not gzip at all'), 'text/html', { 'content-encoding': 'gzip' }));
  route('/compress', html(Buffer.from('x'), 'text/html', { 'content-encoding': 'compress' }));
  route('/gzip-gzip', html(gzipTimes(PLAIN, 2), 'text/html', { 'content-encoding': 'gzip, gzip' }));
  route('/gzip-br', html(zlib.brotliCompressSync(zlib.gzipSync(PLAIN)), 'text/html', { 'content-encoding': 'gzip, br' }));
  route('/identity-padded', html(gzipTimes(PLAIN, 2), 'text/html', { 'content-encoding': 'identity, gzip, identity, gzip' }));
  route('/gzip-x3', html(gzipTimes(PLAIN, 3), 'text/html', { 'content-encoding': 'gzip, gzip, gzip' }));
  route('/gzip-x3-lines', (_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.setHeader('content-encoding', ['gzip', 'gzip', 'gzip']); // three header lines, which Node joins
    res.end(gzipTimes(PLAIN, 3));
  });
  // The case: 2,500 layers named in a 12.5 KB header. The body is not gzip at all, so any
  // decoding would end in "could not decode" instead of the refusal.
  route('/gzip-x2500', html(Buffer.from('never decoded'), 'text/html', { 'content-encoding': Array(2500).fill('gzip').join(',') }));
  route('/cp1251-header', html(encode1251(page(PRIVET)), 'text/html; charset=windows-1251'));
  route('/cp1251-meta', html(encode1251(page(PRIVET, '<meta charset="windows-1251">')), 'text/html'));
  route('/echo', (req, res) => html(page(`host=${req.headers.host}`))(req, res));

  for (let n = 1; n <= 10; n++) route(`/hop/${n}`, redirect(302, n === 1 ? '/plain' : `/hop/${n - 1}`));
  route('/chain', redirect(301, `${base}/chain/2`));
  route('/chain/2', redirect(307, '3')); // relative to /chain/2
  route('/chain/3', redirect(308, '../plain?from=chain'));
  route('/see-other', redirect(303, '/plain'));
  route('/to-metadata', redirect(302, 'http://169.254.169.254/latest/meta-data/'));
  route('/to-private', redirect(302, 'http://10.0.0.1/'));
  route('/to-other-port', redirect(302, `http://127.0.0.1:${otherPort}/plain`));
  route('/to-name', redirect(302, `http://intranet.test:${mainPort}/plain`));
  route('/to-name-other-port', redirect(302, `http://news.test:${otherPort}/plain`));
  route('/to-localhost-other-port', redirect(302, `http://localhost:${otherPort}/plain`));
  route('/to-file', redirect(302, 'file:///etc/passwd'));
  route('/no-location', redirect(302, ''));

  const status = (code: number): Handler => (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/html' });
    res.end(`<h1>${code}</h1>`);
  };
  for (const code of [404, 410, 403, 408, 429, 500, 503]) route(`/status/${code}`, status(code));

  route('/pdf', html(Buffer.from('%PDF-1.4 ...'), 'application/pdf'));
  route('/png', html(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png'));
  route('/json', html('{"a":1}', 'application/json; charset=utf-8'));
  route('/noise-as-html', html(noise(300 * 1024), 'text/html'));
  route('/noise-as-1251', html(noise(300 * 1024), 'text/html; charset=windows-1251'));
  route('/pdf-as-html', html(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), 'text/html; charset=utf-8'));
  route('/gzip-in-gzip', html(gzipTimes(PLAIN, 2), 'text/html', { 'content-encoding': 'gzip' }));
  route('/utf16', html(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PLAIN, 'utf16le')]), 'text/html'));
  route('/untyped-html', (_req, res) => res.end('\n  <!doctype html><html><body>untyped</body></html>'));
  route('/untyped-text', (_req, res) => res.end('just some text, no markup'));

  route('/big-length', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(2000) });
    res.end('<html>' + 'a'.repeat(1994));
  });
  route('/big-chunked', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html>');
    streamBytes(res, 1990, 10);
  });
  route('/ten-mb-length', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(10 * MB) });
    streamBytes(res, 10 * MB);
  });
  route('/ten-mb-chunked', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    streamBytes(res, 10 * MB);
  });
  route('/gzip-bomb', html(bomb, 'text/html', { 'content-encoding': 'gzip' }));

  route('/slow-headers', () => undefined); // never answers
  route('/slow-body', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html><body>');
    const t = setTimeout(() => res.end('late</body></html>'), 5_000);
    res.on('close', () => clearTimeout(t));
  });
  route('/reset', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' });
    res.write('<html><body>partial');
    setTimeout(() => (req.socket as Socket).destroy(), 20);
  });
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

function fetcher(overrides: Partial<FetcherOptions> = {}) {
  return createFetcher({ ...FETCH_DEFAULTS, allowHosts: [`127.0.0.1:${mainPort}`], ...overrides });
}

/** Runs a fetch that must fail and returns the error, typed, so a test can check its class and words. */
async function failure(promise: Promise<FetchedPage>): Promise<NewsdigestError> {
  try {
    const page = await promise;
    throw new Error(`expected a failure, got HTTP ${page.status} from ${page.finalUrl}`);
  } catch (err) {
    if (err instanceof NewsdigestError) return err;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------

describe('fetching pages', () => {
  it('fetches a plain page and reports what it got', async () => {
    const result = await fetcher().fetch(`${base}/plain`);
    expect(result).toEqual({
      requestedUrl: `${base}/plain`,
      finalUrl: `${base}/plain`,
      status: 200,
      contentType: 'text/html',
      charset: 'utf-8',
      html: PLAIN,
      bytes: Buffer.byteLength(PLAIN),
      redirects: [],
    });
  });

  it('sends a User-Agent, Accept and Accept-Encoding', async () => {
    await fetcher({ userAgent: 'newsdigest-test/1.0' }).fetch(`${base}/plain`);
    expect(lastRequest.headers?.['user-agent']).toBe('newsdigest-test/1.0');
    expect(lastRequest.headers?.accept).toBe('text/html,application/xhtml+xml');
    expect(lastRequest.headers?.['accept-encoding']).toBe('gzip, deflate, br');
    await fetcher().fetch(`${base}/plain`);
    expect(lastRequest.headers?.['user-agent']).toMatch(/newsdigest/);
  });

  it('accepts application/xhtml+xml', async () => {
    expect((await fetcher().fetch(`${base}/xhtml`)).contentType).toBe('application/xhtml+xml');
  });

  it.each(['gzip', 'deflate', 'deflate-raw', 'br'])('decodes a %s body', async (encoding) => {
    const result = await fetcher().fetch(`${base}/${encoding}`);
    expect(result.html).toBe(PLAIN);
    expect(result.bytes).toBe(Buffer.byteLength(PLAIN));
  });

  it('decodes a windows-1251 page declared in the header', async () => {
    const result = await fetcher().fetch(`${base}/cp1251-header`);
    expect(result.charset).toBe('windows-1251');
    expect(result.html).toContain(`<p>${PRIVET}</p>`);
  });

  it('decodes a windows-1251 page declared only in <meta charset>', async () => {
    const result = await fetcher().fetch(`${base}/cp1251-meta`);
    expect(result.charset).toBe('windows-1251');
    expect(result.html).toContain(`<p>${PRIVET}</p>`);
  });

  it('accepts a body without Content-Type when it starts like HTML', async () => {
    const result = await fetcher().fetch(`${base}/untyped-html`);
    expect(result.contentType).toBe('text/html');
    expect(result.html).toContain('untyped');
  });

  it('connects to the vetted address while keeping the hostname in the Host header, resolving once', async () => {
    const lookup = vi.fn<LookupFn>(async () => [{ address: '127.0.0.1', family: 4 }]);
    const result = await fetcher({ lookup, allowHosts: [`news.test:${mainPort}`] }).fetch(`http://news.test:${mainPort}/echo`);
    expect(result.html).toContain(`host=news.test:${mainPort}`);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(lookup).toHaveBeenCalledWith('news.test');
  });
});

describe('redirects', () => {
  it('follows a chain of absolute and relative Locations and lists every hop', async () => {
    const result = await fetcher().fetch(`${base}/chain`);
    expect(result.finalUrl).toBe(`${base}/plain?from=chain`);
    expect(result.redirects).toEqual([`${base}/chain`, `${base}/chain/2`, `${base}/chain/3`]);
    expect(result.html).toBe(PLAIN);
  });

  it('asks beforeRedirect before following a redirect to another origin only, and does not count its wait against the timeout', async () => {
    const hops: string[] = [];
    const slowGate = async (url: string) => { hops.push(url); await new Promise((r) => setTimeout(r, 400)); };
    const allowBoth = { allowHosts: [`127.0.0.1:${mainPort}`, `127.0.0.1:${otherPort}`], timeoutMs: 300 };
    const result = await fetcher(allowBoth).fetch(`${base}/to-other-port`, { beforeRedirect: slowGate });
    expect(result.finalUrl).toBe(`http://127.0.0.1:${otherPort}/plain`);
    expect(hops).toEqual([`http://127.0.0.1:${otherPort}/plain`]);
    // Same origin: not asked.
    await fetcher().fetch(`${base}/chain`, { beforeRedirect: slowGate });
    expect(hops).toHaveLength(1);
  });

  it('stops at a redirect that beforeRedirect refuses, with its error, before connecting', async () => {
    const before = otherConnections;
    const refuse = async (url: string) => { throw new FetchRefusedError(`robots.txt disallows ${url}`); };
    const err = await failure(fetcher({ allowHosts: [`127.0.0.1:${mainPort}`, `127.0.0.1:${otherPort}`] }).fetch(`${base}/to-other-port`, { beforeRedirect: refuse }));
    expect(err.message).toBe(`robots.txt disallows http://127.0.0.1:${otherPort}/plain`);
    expect(otherConnections).toBe(before);
  });

  it('follows 303 and exactly maxRedirects hops', async () => {
    expect((await fetcher().fetch(`${base}/see-other`)).finalUrl).toBe(`${base}/plain`);
    const result = await fetcher({ maxRedirects: 5 }).fetch(`${base}/hop/5`);
    expect(result.redirects).toHaveLength(5);
    expect(result.finalUrl).toBe(`${base}/plain`);
  });

  it('fails after more than maxRedirects hops', async () => {
    const err = await failure(fetcher({ maxRedirects: 5 }).fetch(`${base}/hop/6`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.retryable).toBe(false);
    expect(err.message).toBe(`too many redirects: more than 5 starting at ${base}/hop/6`);
  });

  it.each([
    ['/to-metadata', 'refused: 169.254.169.254 is a cloud metadata address'],
    ['/to-private', 'refused: 10.0.0.1 is a private address'],
    ['/to-file', 'refused: file: URLs are not fetched'],
  ])('refuses a redirect %s before connecting', async (path, message) => {
    const started = Date.now();
    const err = await failure(fetcher().fetch(`${base}${path}`));
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(message);
    // A connection attempt to 169.254.169.254 or 10.0.0.1 would hang until the timeout.
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('refuses a redirect to 127.0.0.1 on a port that is not allow-listed, without connecting', async () => {
    const before = otherConnections;
    const err = await failure(fetcher().fetch(`${base}/to-other-port`));
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect(err.message).toContain('refused: 127.0.0.1 is a loopback address');
    expect(otherConnections).toBe(before);
    // The same server is reachable once its port is listed: the refusal was the guard, not the network.
    await fetcher({ allowHosts: [`127.0.0.1:${mainPort}`, `127.0.0.1:${otherPort}`] }).fetch(`${base}/to-other-port`);
    expect(otherConnections).toBe(before + 1);
  });

  it('refuses a redirect to a name that resolves to a private address', async () => {
    const lookup = vi.fn<LookupFn>(async () => [{ address: '10.9.8.7', family: 4 }]);
    const err = await failure(fetcher({ lookup, allowPorts: [mainPort] }).fetch(`${base}/to-name`));
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect(err.message).toContain('refused: intranet.test resolves to 10.9.8.7, a private address');
    expect(lookup).toHaveBeenCalledWith('intranet.test');
  });

  it('reports a redirect without Location', async () => {
    const err = await failure(fetcher().fetch(`${base}/no-location`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect((err as FetchResponseError).httpStatus).toBe(302);
    expect(err.message).toContain('redirect without a Location header');
  });
});

describe('refusals before any request', () => {
  it('refuses a name that resolves to a private address', async () => {
    const lookup: LookupFn = async () => [
      { address: '151.101.1.67', family: 4 },
      { address: '192.168.10.20', family: 4 },
    ];
    const err = await failure(fetcher({ lookup }).fetch('https://news.example/story'));
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('refused: news.example resolves to 192.168.10.20, a private address');
  });

  it('refuses loopback on the real resolver (localhost)', async () => {
    const err = await failure(fetcher({ allowPorts: [mainPort] }).fetch(`http://localhost:${mainPort}/plain`));
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect(err.message).toMatch(/refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
  });

  it('refuses credentials and non-http schemes', async () => {
    expect(await failure(fetcher().fetch(`http://u:p@127.0.0.1:${mainPort}/plain`))).toBeInstanceOf(FetchRefusedError);
    expect(await failure(fetcher().fetch('ftp://example.com/'))).toBeInstanceOf(FetchRefusedError);
  });

  it('rejects a malformed allow list at construction', () => {
    expect(() => createFetcher({ ...FETCH_DEFAULTS, allowHosts: ['http://x'] })).toThrow(ConfigError);
    expect(() => createFetcher({ ...FETCH_DEFAULTS, allowHosts: [], timeoutMs: 0 })).toThrow(ConfigError);
    expect(() => createFetcher({ ...FETCH_DEFAULTS, allowHosts: [], allowPorts: [70000] })).toThrow(ConfigError);
  });
});

describe('ports', () => {
  it('refuses a redirect to a port other than 80 and 443 before resolving or connecting', async () => {
    const before = otherConnections;
    const lookup = vi.fn<LookupFn>(async () => [{ address: '127.0.0.1', family: 4 }]);
    const err = await failure(fetcher({ lookup }).fetch(`${base}/to-name-other-port`));
    expect(err).toBeInstanceOf(FetchRefusedError);
    expect(err.retryable).toBe(false);
    expect(err.message).toBe(`refused: port ${otherPort} on news.test is not fetched, only 80 and 443 (add it to FETCH_ALLOW_PORTS to fetch it anyway)`);
    expect(lookup).not.toHaveBeenCalled();
    expect(otherConnections).toBe(before);
  });

  it('lets allowPorts through to the address check, and an allow-listed host:port all the way', async () => {
    const before = otherConnections;
    const lookup = vi.fn<LookupFn>(async () => [{ address: '127.0.0.1', family: 4 }]);
    // The port is allowed now; what stops it is the address, which is loopback here.
    const err = await failure(fetcher({ lookup, allowPorts: [otherPort] }).fetch(`${base}/to-name-other-port`));
    expect(err.message).toContain('refused: news.test resolves to 127.0.0.1, a loopback address');
    const allowListed = fetcher({ lookup, allowHosts: [`127.0.0.1:${mainPort}`, `news.test:${otherPort}`] });
    expect((await allowListed.fetch(`${base}/to-name-other-port`)).finalUrl).toBe(`http://news.test:${otherPort}/plain`);
    expect(otherConnections).toBe(before + 1);
  });

  it('takes FETCH_ALLOW_PORTS from the configuration (fetcherFrom)', async () => {
    const env = { NEWSDIGEST_ALLOW_HOSTS: `127.0.0.1:${mainPort}` };
    const refused = await failure(fetcherFrom(loadFetchConfig(env)).fetch(`${base}/to-localhost-other-port`));
    expect(refused.message).toContain(`refused: port ${otherPort} on localhost is not fetched`);
    const allowed = await failure(fetcherFrom(loadFetchConfig({ ...env, FETCH_ALLOW_PORTS: `8080,${otherPort}` })).fetch(`${base}/to-localhost-other-port`));
    expect(allowed.message).toMatch(/refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
  });
});

describe('HTTP errors', () => {
  it.each([404, 410, 403])('%i is not retryable', async (code) => {
    const err = await failure(fetcher().fetch(`${base}/status/${code}`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.retryable).toBe(false);
    expect((err as FetchResponseError).httpStatus).toBe(code);
    expect(err.message).toContain(`HTTP ${code}`);
  });

  it.each([503, 500, 408, 429])('%i is retryable', async (code) => {
    const err = await failure(fetcher().fetch(`${base}/status/${code}`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.retryable).toBe(true);
    expect((err as FetchResponseError).httpStatus).toBe(code);
  });
});

describe('non-HTML', () => {
  it.each([
    ['/pdf', 'application/pdf'],
    ['/png', 'image/png'],
    ['/json', 'application/json'],
  ])('%s is refused as %s', async (path, type) => {
    const err = await failure(fetcher().fetch(`${base}${path}`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(`not HTML (content-type ${type})`);
  });

  it('refuses a body without Content-Type that does not look like HTML', async () => {
    const err = await failure(fetcher().fetch(`${base}/untyped-text`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.message).toContain('not HTML (no content-type');
  });

  it('reports corrupt compressed data and unknown encodings as unusable responses', async () => {
    const corrupt = await failure(fetcher().fetch(`${base}/corrupt-gzip`));
    expect(corrupt).toBeInstanceOf(FetchResponseError);
    expect(corrupt.retryable).toBe(false);
    expect(corrupt.message).toContain('could not decode the gzip body');
    const unknown = await failure(fetcher().fetch(`${base}/compress`));
    expect(unknown).toBeInstanceOf(FetchResponseError);
    expect(unknown.message).toContain('unsupported content-encoding compress');
  });
});

describe('content codings', () => {
  it.each(['/gzip-gzip', '/gzip-br', '/identity-padded'])('decodes two stacked codings (%s; identity does not count)', async (path) => {
    expect((await fetcher().fetch(`${base}${path}`)).html).toBe(PLAIN);
  });

  it.each(['/gzip-x3', '/gzip-x3-lines'])('refuses three codings before decoding (%s)', async (path) => {
    const err = await failure(fetcher().fetch(`${base}${path}`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.retryable).toBe(false);
    expect((err as FetchResponseError).httpStatus).toBe(200);
    expect(err.message).toBe(`Content-Encoding has 3 codings at ${base}${path}; at most 2 are accepted`);
  });

  it('refuses 2,500 gzip layers at once, without decoding any', async () => {
    const started = Date.now();
    const err = await failure(fetcher().fetch(`${base}/gzip-x2500`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.message).toContain('Content-Encoding has 2500 codings');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('bodies that are not text', () => {
  it.each(['/noise-as-html', '/noise-as-1251'])('refuses 300 KB of random bytes served as text/html (%s)', async (path) => {
    const err = await failure(fetcher().fetch(`${base}${path}`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/^not an HTML page: /);
  });

  it('refuses a PDF served as text/html, saying it is a PDF', async () => {
    const err = await failure(fetcher().fetch(`${base}/pdf-as-html`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.message).toBe(`not an HTML page: the body is a PDF document at ${base}/pdf-as-html`);
  });

  it('refuses gzip data left after the declared coding is decoded', async () => {
    expect((await failure(fetcher().fetch(`${base}/gzip-in-gzip`))).message).toContain('not an HTML page: the body is gzip-compressed data');
  });

  it('passes a UTF-16 page with a BOM, whose bytes are half NULs (UTF-8 and windows-1251: see "fetching pages")', async () => {
    const result = await fetcher().fetch(`${base}/utf16`);
    expect(result.charset).toBe('utf-16le');
    expect(result.html).toBe(PLAIN);
  });
});

describe('size limits', () => {
  it('refuses a Content-Length over maxBytes up front', async () => {
    const err = await failure(fetcher({ maxBytes: 1000 }).fetch(`${base}/big-length`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('page too large: 2000 bytes announced, the limit is 1000 bytes');
  });

  it('stops reading a body without Content-Length once it passes maxBytes', async () => {
    const err = await failure(fetcher({ maxBytes: 1000 }).fetch(`${base}/big-chunked`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.message).toContain('page too large: more than 1000 bytes');
  });

  it('accepts a body exactly at maxBytes', async () => {
    const result = await fetcher({ maxBytes: Buffer.byteLength(PLAIN) }).fetch(`${base}/plain`);
    expect(result.bytes).toBe(Buffer.byteLength(PLAIN));
  });

  it('stops a gzip bomb by its decompressed size', async () => {
    expect(bomb.length).toBeLessThan(MB); // small on the wire
    const started = Date.now();
    const err = await failure(fetcher({ maxBytes: MB }).fetch(`${base}/gzip-bomb`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(`page too large: more than ${MB} bytes after decompression`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it.each(['/ten-mb-length', '/ten-mb-chunked'])('refuses a 10 MB page %s quickly under the default 5 MB limit', async (path) => {
    const started = Date.now();
    const err = await failure(fetcher().fetch(`${base}${path}`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.message).toContain(`the limit is ${FETCH_DEFAULTS.maxBytes} bytes`);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('network failures', () => {
  it('times out a server that never answers', async () => {
    const started = Date.now();
    const err = await failure(fetcher({ timeoutMs: 300 }).fetch(`${base}/slow-headers`));
    expect(err).toBeInstanceOf(FetchNetworkError);
    expect(err.retryable).toBe(true);
    expect(err.message).toBe(`timed out after 300 ms fetching ${base}/slow-headers (FETCH_TIMEOUT_MS)`);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('times out a body that arrives too slowly (the deadline covers the whole fetch)', async () => {
    const started = Date.now();
    const err = await failure(fetcher({ timeoutMs: 300 }).fetch(`${base}/slow-body`));
    expect(err).toBeInstanceOf(FetchNetworkError);
    expect(err.message).toContain('timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports connection refused as a retryable network error', async () => {
    const err = await failure(fetcher({ allowHosts: [`127.0.0.1:${closedPort}`] }).fetch(`http://127.0.0.1:${closedPort}/`));
    expect(err).toBeInstanceOf(FetchNetworkError);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('reports a connection reset mid-body as a retryable network error', async () => {
    const err = await failure(fetcher().fetch(`${base}/reset`));
    expect(err).toBeInstanceOf(FetchNetworkError);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain(`network error fetching ${base}/reset`);
  });

  it('reports DNS failure as a retryable network error', async () => {
    const lookup: LookupFn = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND gone.example'), { code: 'ENOTFOUND' });
    };
    const err = await failure(fetcher({ lookup }).fetch('https://gone.example/'));
    expect(err).toBeInstanceOf(FetchNetworkError);
    expect(err.message).toContain('ENOTFOUND');
  });

  it('times out a DNS lookup that hangs', async () => {
    const lookup: LookupFn = () => new Promise(() => undefined);
    const err = await failure(fetcher({ lookup, timeoutMs: 200 }).fetch('https://slow-dns.example/'));
    expect(err).toBeInstanceOf(FetchNetworkError);
    expect(err.message).toContain('timed out after 200 ms');
  });
});

// A self-signed certificate made with openssl: enough to see what the fetcher sends over TLS.
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(!hasOpenssl)('https', () => {
  let tlsPort = 0;
  const sniNames: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdigest-tls-'));
    try {
      const made = spawnSync('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=news.test',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ]);
      if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
      const credentials = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
      const context = createSecureContext(credentials);
      const server = https.createServer(
        {
          ...credentials,
          // Runs on the ClientHello, before the client judges the certificate.
          SNICallback: (name, done) => {
            sniNames.push(name);
            done(null, context);
          },
        },
        html(PLAIN),
      );
      server.on('tlsClientError', () => undefined);
      tlsPort = await listen(server as unknown as http.Server);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends the hostname (without the root dot) as SNI to the vetted address', async () => {
    const lookup: LookupFn = async () => [{ address: '127.0.0.1', family: 4 }];
    sniNames.length = 0;
    await failure(fetcher({ lookup, allowHosts: [`news.test:${tlsPort}`] }).fetch(`https://news.test.:${tlsPort}/plain`));
    expect(sniNames).toEqual(['news.test']);
  });

  it('refuses an untrusted certificate as a network error', async () => {
    const err = await failure(fetcher({ allowHosts: [`127.0.0.1:${tlsPort}`] }).fetch(`https://127.0.0.1:${tlsPort}/plain`));
    expect(err).toBeInstanceOf(FetchNetworkError);
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/self[- ]signed certificate/i);
  });
});

// ---------------------------------------------------------------------------------------------
// Feeds, robots.txt and conditional GETs go through the same guarded fetcher.

const RSS = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title><item><title>A</title></item></channel></rss>';
const ROBOTS = 'User-agent: newsdigest\nDisallow: /drafts/\n';
const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8';

describe('accept: feed', () => {
  beforeAll(() => {
    route('/feed/rss', html(RSS, 'application/rss+xml'));
    route('/feed/as-text', html(RSS, 'text/plain; charset=utf-8'));
    route('/feed/as-html', html(RSS, 'text/html'));
    route('/feed/json', html('{"version":"https://jsonfeed.org/version/1.1","items":[]}', 'application/feed+json'));
    route('/feed/untyped', (_req, res) => res.end(RSS));
    route('/feed/cp1251', html(Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss/>', 'latin1'), 'application/xml'));
    route('/feed/pdf-as-octets', html(Buffer.from('%PDF-1.7\n1 0 obj\n', 'latin1'), 'application/octet-stream'));
    route('/feed/noise-as-xml', html(noise(8 * 1024), 'application/xml'));
  });

  it.each([
    ['/feed/rss', 'application/rss+xml'],
    ['/feed/as-text', 'text/plain'],
    ['/feed/as-html', 'text/html'],
  ])('accepts a feed served at %s as %s, and asks for feeds first', async (path, type) => {
    const result = await fetcher().fetch(`${base}${path}`, { accept: 'feed' });
    expect(result.contentType).toBe(type);
    expect(result.html).toBe(RSS);
    expect(result.body).toEqual(Buffer.from(RSS));
    expect(lastRequest.headers?.accept).toBe(FEED_ACCEPT);
  });

  it('accepts a JSON Feed and a feed without Content-Type', async () => {
    expect((await fetcher().fetch(`${base}/feed/json`, { accept: 'feed' })).contentType).toBe('application/feed+json');
    expect((await fetcher().fetch(`${base}/feed/untyped`, { accept: 'feed' })).contentType).toBe('application/octet-stream');
  });

  it('returns the bytes, so the XML declaration can name the charset', async () => {
    const result = await fetcher().fetch(`${base}/feed/cp1251`, { accept: 'feed' });
    expect(result.body?.toString('latin1')).toContain('encoding="windows-1251"');
  });

  it('still refuses the same feed as an HTML page', async () => {
    const err = await failure(fetcher().fetch(`${base}/feed/rss`));
    expect(err.message).toContain('not HTML (content-type application/rss+xml)');
  });

  it.each([
    ['/pdf', 'not a feed (content-type application/pdf)'],
    ['/png', 'not a feed (content-type image/png)'],
    ['/feed/pdf-as-octets', 'not a feed: the body is a PDF document'],
    ['/pdf-as-html', 'not a feed: the body is a PDF document'],
    ['/feed/noise-as-xml', 'not a feed: the body holds NUL characters'],
  ])('refuses %s: %s', async (path, words) => {
    const err = await failure(fetcher().fetch(`${base}${path}`, { accept: 'feed' }));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(words);
  });

  it('keeps the size limit', async () => {
    const err = await failure(fetcher({ maxBytes: 100 }).fetch(`${base}/feed/rss`, { accept: 'feed' }));
    expect(err.message).toContain('too large');
  });
});

describe('accept: robots', () => {
  beforeAll(() => {
    route('/robots.txt', html(ROBOTS, 'text/plain'));
    route('/robots-untyped.txt', (_req, res) => res.end(ROBOTS));
    route('/robots-binary.txt', html(noise(4096), 'text/plain'));
  });

  it('accepts robots.txt served as text/plain, asking for text/plain', async () => {
    const result = await fetcher().fetch(`${base}/robots.txt`, { accept: 'robots' });
    expect(result).toMatchObject({ status: 200, contentType: 'text/plain', html: ROBOTS });
    expect(result.body).toBeUndefined();
    expect(lastRequest.headers?.accept).toBe('text/plain');
  });

  it('accepts robots.txt without Content-Type', async () => {
    expect((await fetcher().fetch(`${base}/robots-untyped.txt`, { accept: 'robots' })).html).toBe(ROBOTS);
  });

  it('still refuses text/plain with the default accept', async () => {
    const err = await failure(fetcher().fetch(`${base}/robots.txt`));
    expect(err.message).toContain('not HTML (content-type text/plain)');
    expect(lastRequest.headers?.accept).toBe('text/html,application/xhtml+xml');
  });

  it('refuses images and binary bodies', async () => {
    expect((await failure(fetcher().fetch(`${base}/png`, { accept: 'robots' }))).message).toContain('not a robots.txt file (content-type image/png)');
    expect((await failure(fetcher().fetch(`${base}/robots-binary.txt`, { accept: 'robots' }))).message).toMatch(/^not a robots\.txt file: /);
  });
});

describe('conditional GET', () => {
  const ETAG = '"v1-abc"';
  const LAST_MODIFIED = 'Tue, 01 Dec 2026 10:00:00 GMT';
  beforeAll(() => {
    route('/cond/feed', (req, res) => {
      const fresh = req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED;
      res.writeHead(fresh ? 304 : 200, { 'content-type': 'application/rss+xml', etag: ETAG, 'last-modified': LAST_MODIFIED });
      res.end(fresh ? undefined : RSS);
    });
    route('/cond/always-304', (_req, res) => res.writeHead(304).end());
    route('/cond/redirect', redirect(302, '/cond/feed'));
  });

  it('reports ETag and Last-Modified on a full response', async () => {
    const result = await fetcher().fetch(`${base}/cond/feed`, { accept: 'feed' });
    expect(result).toMatchObject({ status: 200, etag: ETAG, lastModified: LAST_MODIFIED });
    expect(lastRequest.headers?.['if-none-match']).toBeUndefined();
    expect(lastRequest.headers?.['if-modified-since']).toBeUndefined();
  });

  it('leaves them out when the server sends none', async () => {
    const result = await fetcher().fetch(`${base}/plain`);
    expect(result).not.toHaveProperty('etag');
    expect(result).not.toHaveProperty('lastModified');
  });

  it('sends If-None-Match and If-Modified-Since, and turns 304 into notModified', async () => {
    const result = await fetcher().fetch(`${base}/cond/feed`, { accept: 'feed', conditional: { etag: ETAG, lastModified: LAST_MODIFIED } });
    expect(lastRequest.headers?.['if-none-match']).toBe(ETAG);
    expect(lastRequest.headers?.['if-modified-since']).toBe(LAST_MODIFIED);
    expect(result).toEqual({
      notModified: true,
      requestedUrl: `${base}/cond/feed`,
      finalUrl: `${base}/cond/feed`,
      status: 304,
      redirects: [],
      etag: ETAG,
      lastModified: LAST_MODIFIED,
    });
  });

  it('gets a 304 with only Last-Modified, and after a redirect', async () => {
    const byDate = await fetcher().fetch(`${base}/cond/feed`, { accept: 'feed', conditional: { lastModified: LAST_MODIFIED } });
    expect(byDate.notModified).toBe(true);
    expect(lastRequest.headers?.['if-none-match']).toBeUndefined();
    const moved = await fetcher().fetch(`${base}/cond/redirect`, { accept: 'feed', conditional: { etag: ETAG } });
    expect(moved).toMatchObject({ notModified: true, finalUrl: `${base}/cond/feed`, redirects: [`${base}/cond/redirect`] });
  });

  it('gets the full body when the validator is stale', async () => {
    const result = await fetcher().fetch(`${base}/cond/feed`, { accept: 'feed', conditional: { etag: '"old"' } });
    if (result.notModified) throw new Error('expected the full feed');
    expect(result.html).toBe(RSS);
  });

  it('keeps an unasked-for 304 an HTTP error', async () => {
    const err = await failure(fetcher().fetch(`${base}/cond/always-304`));
    expect(err).toBeInstanceOf(FetchResponseError);
    expect((err as FetchResponseError).httpStatus).toBe(304);
    expect(err.retryable).toBe(false);
  });
});

describe('Retry-After', () => {
  const inTwoMinutes = () => new Date(Date.now() + 120_000).toUTCString();
  beforeAll(() => {
    const busy = (code: number, retryAfter: () => string): Handler => (_req, res) => {
      res.writeHead(code, { 'content-type': 'text/html', 'retry-after': retryAfter() });
      res.end(`<h1>${code}</h1>`);
    };
    route('/busy/503-seconds', busy(503, () => '120'));
    route('/busy/429-date', busy(429, inTwoMinutes));
    route('/busy/503-junk', busy(503, () => 'soon'));
  });

  it('reads delay-seconds on a 503, and stays retryable', async () => {
    const err = await failure(fetcher().fetch(`${base}/busy/503-seconds`, { accept: 'feed' }));
    expect(err).toBeInstanceOf(FetchRetryLaterError);
    expect(err).toBeInstanceOf(FetchResponseError);
    expect(err.name).toBe('FetchResponseError');
    expect(err.retryable).toBe(true);
    expect((err as FetchRetryLaterError).retryAfterSeconds).toBe(120);
    expect(err.message).toContain('retry in 120 s');
  });

  it('reads an HTTP-date on a 429', async () => {
    const err = (await failure(fetcher().fetch(`${base}/busy/429-date`))) as FetchRetryLaterError;
    expect(err.httpStatus).toBe(429);
    expect(err.retryable).toBe(true);
    expect(err.retryAfterSeconds).toBeGreaterThanOrEqual(118);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(120);
  });

  it('leaves retryAfterSeconds undefined when the header is missing or unreadable', async () => {
    for (const path of ['/busy/503-junk', '/status/503', '/status/429']) {
      const err = await failure(fetcher().fetch(`${base}${path}`));
      expect(err).toBeInstanceOf(FetchRetryLaterError);
      expect(err.retryable).toBe(true);
      expect((err as FetchRetryLaterError).retryAfterSeconds).toBeUndefined();
    }
  });
});
