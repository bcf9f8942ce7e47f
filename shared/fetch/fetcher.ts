// The page fetcher: one GET per hop over node:http/https, so we decide where the socket goes.
// Each hop is vetted (scheme, credentials, every DNS answer) before connecting, and the socket
// connects to exactly the vetted address: `lookup` below hands http.request the addresses we
// checked, so a DNS answer that changes between check and connect (rebinding) never matters.
// The Host header and TLS SNI still carry the original hostname.

import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { ConfigError, FetchNetworkError, FetchResponseError, NewsdigestError } from '../errors.js';
import type { FetchedPage, PageFetcher } from '../ports.js';
import { parseAllowHosts, vetUrl, type LookupFn, type ResolvedAddress, type VettedUrl } from './address-guard.js';
import { decodeBody, detectCharset } from './charset.js';
import { FetchRetryLaterError, parseRetryAfter } from './retry-after.js';
import { sniffNotText } from './sniff.js';
import { isHeaderValue, newsdigestUserAgent } from './user-agent.js';

export interface FetcherOptions {
  /** Deadline for the whole fetch: every hop's DNS, connect, headers and body. */
  timeoutMs: number;
  /** Limit on the decompressed body. */
  maxBytes: number;
  maxRedirects: number;
  /** NEWSDIGEST_ALLOW_HOSTS: `host` or `host:port` entries whose addresses and ports are not checked. */
  allowHosts: readonly string[];
  /** FETCH_ALLOW_PORTS: ports besides 80 and 443 that any host may be fetched on; default none. */
  allowPorts?: readonly number[];
  /** Default `newsdigest/<version>`; see user-agent.ts for why the product token comes first. */
  userAgent?: string;
  /** DNS resolution; defaults to the system resolver (`dns.lookup` with `all: true`). */
  lookup?: LookupFn;
}

/** What a fetch is for; it decides the Accept header and which bodies come back rather than fail. */
export type FetchAccept = 'html' | 'feed' | 'robots';

/** Validators from an earlier fetch of the same URL, sent as If-None-Match / If-Modified-Since. */
export interface ConditionalRequest {
  etag?: string;
  lastModified?: string;
}

export interface FetchOptions {
  /** Default 'html'. */
  accept?: FetchAccept;
  conditional?: ConditionalRequest;
  /**
   * Called before a redirect is followed to another origin, with the URL it leads to: that site's
   * robots.txt and pacing (shared/crawl/crawl-gate.ts). It throws to stop the fetch; the time it
   * takes does not count against FETCH_TIMEOUT_MS.
   */
  beforeRedirect?: (url: string) => Promise<void>;
}

/** A page (or feed, or robots.txt) with the validators to send next time. */
export interface FetchedResult extends FetchedPage {
  notModified?: false;
  etag?: string;
  lastModified?: string;
  /**
   * The decompressed bytes, for `accept: 'feed'` only: an XML feed's charset may be named only in
   * its `<?xml encoding=...?>` declaration, which the HTML charset rules behind `html` do not read.
   */
  body?: Buffer;
}

/** A 304 to a conditional fetch: what was fetched before is still current. */
export interface NotModifiedResult {
  notModified: true;
  requestedUrl: string;
  finalUrl: string;
  status: 304;
  redirects: string[];
  etag?: string;
  lastModified?: string;
}

export type FetchOutcome = FetchedResult | NotModifiedResult;

/** A PageFetcher that also fetches feeds and robots.txt, conditionally. Without `conditional` no 304 result is possible. */
export interface GuardedFetcher extends PageFetcher {
  fetch(url: string, options?: FetchOptions & { conditional?: undefined }): Promise<FetchedResult>;
  fetch(url: string, options: FetchOptions): Promise<FetchOutcome>;
}

export const DEFAULT_USER_AGENT = newsdigestUserAgent();
const ACCEPT_ENCODING = 'gzip, deflate, br';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/**
 * Feeds come labelled every way (text/html, text/plain, octet-stream); the feed parser decides by
 * content, so only what cannot be a feed (images, PDFs, video) is refused by type.
 */
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/json',
  'application/feed+json',
  'text/plain',
  'application/octet-stream',
  'text/html',
  'application/xhtml+xml',
]);
/** application/x-rss+xml, application/vnd.something+json and the like. */
const XML_OR_JSON_SUFFIX = /^application\/[\w.+-]+\+(xml|json)$/;

interface AcceptPolicy {
  header: string;
  /** Refusals read "not <expected> (content-type ...)" and "not <sniffedAs>: the body is ...". */
  expected: string;
  sniffedAs: string;
  acceptsType(mime: string): boolean;
  /** Whether a body sent without Content-Type is kept (it has passed the binary sniff). */
  acceptsUntyped(body: Buffer): boolean;
  /** The content type reported for a body sent without one. */
  untypedAs: string;
  /** Whether the result carries the bytes too (FetchedResult.body). */
  keepsBytes: boolean;
}

const ACCEPT_POLICIES: Record<FetchAccept, AcceptPolicy> = {
  html: {
    header: 'text/html,application/xhtml+xml',
    expected: 'HTML',
    sniffedAs: 'an HTML page',
    acceptsType: (mime) => HTML_TYPES.has(mime),
    acceptsUntyped: (body) => looksLikeHtml(body),
    untypedAs: 'text/html',
    keepsBytes: false,
  },
  feed: {
    header: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8',
    expected: 'a feed',
    sniffedAs: 'a feed',
    acceptsType: (mime) => FEED_TYPES.has(mime) || XML_OR_JSON_SUFFIX.test(mime),
    acceptsUntyped: () => true,
    untypedAs: 'application/octet-stream',
    keepsBytes: true,
  },
  robots: {
    header: 'text/plain',
    expected: 'a robots.txt file',
    sniffedAs: 'a robots.txt file',
    // RFC 9309 asks for text/plain; servers send text/html and octet-stream too, and a crawler
    // that treated those as "no robots.txt" would crawl what the site meant to forbid.
    acceptsType: (mime) => mime.startsWith('text/') || mime === 'application/octet-stream',
    acceptsUntyped: () => true,
    untypedAs: 'text/plain',
    keepsBytes: false,
  },
};
/** 429 and 503 may carry Retry-After (RFC 9110 10.2.3). */
const RETRY_AFTER_STATUSES = new Set([429, 503]);
/** Client errors that say "try again later" rather than "this will never work". */
const RETRYABLE_4XX = new Set([408, 429]);
/** How far into a body without Content-Type we look for HTML markup. */
const SNIFF_BYTES = 512;
/**
 * Content codings one response may stack (`gzip, br`). Each layer is another decoder on the same
 * bytes: 2,500 gzip layers fit in a 12.5 KB header and took a whole fetch deadline to unwrap.
 */
const MAX_CONTENT_CODINGS = 2;

export const systemLookup: LookupFn = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export function createFetcher(options: FetcherOptions): GuardedFetcher {
  const positive = (name: string, v: number) => {
    if (!Number.isInteger(v) || v <= 0) throw new ConfigError(`fetcher: ${name} must be a positive integer, got ${v}`);
  };
  positive('timeoutMs', options.timeoutMs);
  positive('maxBytes', options.maxBytes);
  if (!Number.isInteger(options.maxRedirects) || options.maxRedirects < 0) {
    throw new ConfigError(`fetcher: maxRedirects must be an integer >= 0, got ${options.maxRedirects}`);
  }
  parseAllowHosts(options.allowHosts); // fail at start-up, not on the first fetch
  const allowPorts = options.allowPorts ?? [];
  for (const port of allowPorts) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new ConfigError(`fetcher: allowPorts holds ${port}, not a port number (1-65535)`);
    }
  }
  if (options.userAgent !== undefined && !isHeaderValue(options.userAgent)) {
    throw new ConfigError(`fetcher: userAgent ${JSON.stringify(options.userAgent)} is empty or holds control characters`);
  }
  const settings: Settings = {
    ...options,
    allowHosts: [...options.allowHosts],
    allowPorts: [...allowPorts],
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    lookup: options.lookup ?? systemLookup,
  };
  function fetch(url: string, request?: FetchOptions & { conditional?: undefined }): Promise<FetchedResult>;
  function fetch(url: string, request: FetchOptions): Promise<FetchOutcome>;
  function fetch(url: string, request: FetchOptions = {}): Promise<FetchOutcome> {
    return fetchPage(url, request, settings);
  }
  return { fetch };
}

type Settings = Required<FetcherOptions>;

/** One request's headers besides Host: what it accepts, and its validators. */
function requestHeaders(request: FetchOptions, settings: Settings): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {
    'user-agent': settings.userAgent,
    accept: ACCEPT_POLICIES[request.accept ?? 'html'].header,
    'accept-encoding': ACCEPT_ENCODING,
  };
  const { etag, lastModified } = request.conditional ?? {};
  if (etag) headers['if-none-match'] = etag;
  if (lastModified) headers['if-modified-since'] = lastModified;
  return headers;
}

function validators(res: IncomingMessage): { etag?: string; lastModified?: string } {
  const found: { etag?: string; lastModified?: string } = {};
  if (res.headers.etag) found.etag = res.headers.etag;
  if (res.headers['last-modified']) found.lastModified = res.headers['last-modified'];
  return found;
}

async function fetchPage(requestedUrl: string, request: FetchOptions, settings: Settings): Promise<FetchOutcome> {
  const headers = requestHeaders(request, settings);
  // A 304 answers a conditional request only; unasked for, it stays the HTTP error it was.
  const conditional = headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined;
  const deadline = new AbortController();
  // The timeout covers our requests, not the wait for another site's robots.txt and turn.
  let remainingMs = settings.timeoutMs;
  let armedAt = Date.now();
  let timer = setTimeout(() => deadline.abort(), remainingMs);
  const pauseTimer = () => { clearTimeout(timer); remainingMs -= Date.now() - armedAt; };
  const resumeTimer = () => { armedAt = Date.now(); timer = setTimeout(() => deadline.abort(), Math.max(0, remainingMs)); };
  const redirects: string[] = [];
  let current = requestedUrl;
  try {
    for (;;) {
      const target = await untilAborted(vetUrl(current, settings.allowHosts, settings.allowPorts, settings.lookup), deadline.signal);
      const res = await send(target, headers, deadline.signal);
      const status = res.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status)) {
        res.destroy(); // the redirect body is never read; agent: false means no socket to keep
        current = nextHop(res, target.url, status);
        if (redirects.length >= settings.maxRedirects) {
          throw new FetchResponseError(
            `too many redirects: more than ${settings.maxRedirects} starting at ${requestedUrl}`,
            false,
            status,
          );
        }
        redirects.push(target.url.href);
        if (request.beforeRedirect && new URL(current).origin !== target.url.origin) {
          pauseTimer();
          try {
            await request.beforeRedirect(current);
          } finally {
            resumeTimer();
          }
        }
        continue;
      }
      if (status === 304 && conditional) {
        res.destroy(); // a 304 has no body
        return { notModified: true, requestedUrl, finalUrl: target.url.href, status, redirects, ...validators(res) };
      }
      const page = await readPage(res, target.url, ACCEPT_POLICIES[request.accept ?? 'html'], settings, deadline.signal);
      return { requestedUrl, finalUrl: target.url.href, redirects, ...page, ...validators(res) };
    }
  } catch (err: unknown) {
    throw toFetchError(err, current, settings, deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}

function nextHop(res: IncomingMessage, from: URL, status: number): string {
  const location = res.headers.location;
  if (!location) throw new FetchResponseError(`HTTP ${status} redirect without a Location header from ${from.href}`, false, status);
  try {
    return new URL(location, from).href;
  } catch {
    throw new FetchResponseError(`HTTP ${status} redirect to an invalid Location ${JSON.stringify(location)} from ${from.href}`, false, status);
  }
}

/** A `lookup` for http.request that answers with the vetted addresses only. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const usable = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    if (usable.length === 0) {
      callback(Object.assign(new Error('no vetted address of the requested family'), { code: 'ENOTFOUND' }), '', 0);
    } else if (options.all) {
      callback(null, usable);
    } else {
      callback(null, usable[0].address, usable[0].family);
    }
  };
}

function send(target: VettedUrl, headers: http.OutgoingHttpHeaders, signal: AbortSignal): Promise<IncomingMessage> {
  const secure = target.url.protocol === 'https:';
  const options: https.RequestOptions = {
    method: 'GET',
    hostname: target.host, // the Host header; for a name, `lookup` decides where we connect
    port: target.port,
    path: `${target.url.pathname}${target.url.search}`,
    headers,
    lookup: pinnedLookup(target.addresses),
    // No pooled sockets: every request connects to the address vetted for it.
    agent: false,
    signal,
  };
  // SNI names the host (certificates never carry the root dot); IP literals send none.
  if (secure && target.ip === null) options.servername = target.host.replace(/\.$/, '');
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(options, resolve);
    req.on('error', reject);
    req.end();
  });
}

function mimeType(contentType: string | undefined): string | null {
  const essence = contentType?.split(';')[0].trim().toLowerCase();
  return essence ? essence : null;
}

function looksLikeHtml(body: Buffer): boolean {
  const start = body
    .subarray(0, SNIFF_BYTES)
    .toString('latin1')
    .replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '')
    .trimStart()
    .toLowerCase();
  return /^<(!doctype\s+html|html|head|body)[\s>]/.test(start);
}

async function readPage(
  res: IncomingMessage,
  url: URL,
  policy: AcceptPolicy,
  settings: Settings,
  signal: AbortSignal,
): Promise<Omit<FetchedResult, 'requestedUrl' | 'finalUrl' | 'redirects'>> {
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 299) {
    res.destroy();
    const retryable = status >= 500 || RETRYABLE_4XX.has(status);
    const retryAfter = RETRY_AFTER_STATUSES.has(status) ? parseRetryAfter(res.headers['retry-after']) : undefined;
    const hint = retryAfter !== undefined ? `retry in ${retryAfter} s` : retryable ? 'the server may recover; retry later' : 'check the URL';
    const reason = res.statusMessage ? ` ${res.statusMessage}` : '';
    const message = `HTTP ${status}${reason} from ${url.href} (${hint})`;
    if (RETRY_AFTER_STATUSES.has(status)) throw new FetchRetryLaterError(message, retryable, status, retryAfter);
    throw new FetchResponseError(message, retryable, status);
  }
  const declaredType = res.headers['content-type'];
  const mime = mimeType(declaredType);
  if (mime !== null && !policy.acceptsType(mime)) {
    res.destroy();
    throw new FetchResponseError(`not ${policy.expected} (content-type ${mime}) at ${url.href}`, false, status);
  }
  const length = Number(res.headers['content-length']);
  // A compressed body decompresses to at least about its own size, so the check holds for any encoding.
  if (Number.isFinite(length) && length > settings.maxBytes) {
    res.destroy();
    throw tooLarge(`${length} bytes announced`, settings.maxBytes, url, status);
  }
  const body = await readBody(res, url, settings.maxBytes, signal);
  const charset = detectCharset({ contentType: declaredType, body });
  // Whatever the Content-Type says: servers label downloads and binary junk text/html too.
  const notText = sniffNotText(body, charset, policy.sniffedAs);
  if (notText) throw new FetchResponseError(`${notText} at ${url.href}`, false, status);
  if (mime === null && !policy.acceptsUntyped(body)) {
    // Only the html policy refuses untyped bodies, so the words can name HTML.
    throw new FetchResponseError(`not ${policy.expected} (no content-type, and the body does not start like HTML) at ${url.href}`, false, status);
  }
  const contentType = mime ?? policy.untypedAs;
  const page = { status, contentType, charset, html: decodeBody(body, charset), bytes: body.length };
  return policy.keepsBytes ? { ...page, body } : page;
}

function tooLarge(what: string, maxBytes: number, url: URL, status: number): FetchResponseError {
  return new FetchResponseError(`page too large: ${what}, the limit is ${maxBytes} bytes (FETCH_MAX_BYTES), at ${url.href}`, false, status);
}

class BodyTooLarge extends Error {}

class UndecodableBody extends Error {
  constructor(readonly encoding: string, cause: unknown) {
    super(`could not decode the ${encoding} body`, { cause });
  }
}

/** Reads the body through the content-encoding decoders, stopping as soon as it exceeds maxBytes. */
async function readBody(res: IncomingMessage, url: URL, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const status = res.statusCode ?? 0;
  let decoders: Decoder[];
  try {
    decoders = contentDecoders(res.headers['content-encoding'], url, status);
  } catch (err: unknown) {
    res.destroy();
    throw err;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) return callback(new BodyTooLarge());
      chunks.push(chunk);
      callback();
    },
  });
  try {
    await pipeline([res, ...decoders.map((d) => d.stream), sink], { signal });
  } catch (err: unknown) {
    if (err instanceof BodyTooLarge) {
      throw tooLarge(`more than ${maxBytes} bytes${decoders.length ? ' after decompression' : ''}`, maxBytes, url, status);
    }
    const failed = decoders.find((d) => d.error !== undefined && d.error === err);
    if (failed) throw new UndecodableBody(failed.encoding, err);
    throw err;
  }
  return Buffer.concat(chunks, total);
}

interface Decoder {
  encoding: string;
  stream: Transform;
  error?: unknown;
}

/** Decoders for a Content-Encoding list, in the order to apply them (the reverse of the header). */
function contentDecoders(header: string | undefined, url: URL, status: number): Decoder[] {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length > MAX_CONTENT_CODINGS) {
    throw new FetchResponseError(
      `Content-Encoding has ${codings.length} codings at ${url.href}; at most ${MAX_CONTENT_CODINGS} are accepted`,
      false,
      status,
    );
  }
  // Truncated compressed bodies are common; browsers show what arrived, and so do we.
  const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  return codings.reverse().map((encoding) => {
    let stream: Transform;
    if (encoding === 'gzip' || encoding === 'x-gzip') stream = zlib.createGunzip(lenient);
    else if (encoding === 'deflate') stream = new InflateEither();
    else if (encoding === 'br') stream = zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    else throw new FetchResponseError(`unsupported content-encoding ${encoding} at ${url.href}`, false, status);
    const decoder: Decoder = { encoding, stream };
    stream.once('error', (e: unknown) => {
      decoder.error = e;
    });
    return decoder;
  });
}

/** True when two bytes form a zlib header (RFC 1950): deflate method, and the check bits hold. */
function isZlibHeader(b0: number, b1: number): boolean {
  return (b0 & 0x0f) === 8 && b0 >> 4 <= 7 && ((b0 << 8) | b1) % 31 === 0;
}

/**
 * "deflate" should be zlib-wrapped (RFC 9110), but some servers send raw deflate; browsers accept
 * both, so this picks the decoder from the first two bytes.
 */
class InflateEither extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | undefined;
  private pending = Buffer.alloc(0);

  private start(): void {
    const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
    const zlibWrapped = this.pending.length >= 2 && isZlibHeader(this.pending[0], this.pending[1]);
    const inner = zlibWrapped ? zlib.createInflate(lenient) : zlib.createInflateRaw(lenient);
    inner.on('data', (chunk: Buffer) => this.push(chunk));
    inner.on('error', (err) => this.destroy(err));
    this.inner = inner;
    inner.write(this.pending);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.inner) {
      this.inner.write(chunk, () => callback());
      return;
    }
    this.pending = Buffer.concat([this.pending, chunk]);
    if (this.pending.length >= 2) this.start();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) {
      if (this.pending.length === 0) return callback();
      this.start();
    }
    const inner = this.inner as zlib.Inflate;
    inner.once('end', () => callback());
    inner.end();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(err);
  }
}

/** Rejects as soon as the deadline passes, for steps (DNS) that take no signal. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function toFetchError(err: unknown, url: string, settings: Settings, deadline: AbortSignal): NewsdigestError {
  if (err instanceof NewsdigestError) return err;
  if (deadline.aborted) {
    return new FetchNetworkError(`timed out after ${settings.timeoutMs} ms fetching ${url} (FETCH_TIMEOUT_MS)`, { cause: err });
  }
  if (err instanceof UndecodableBody) {
    return new FetchResponseError(`${err.message} from ${url}: the server sent corrupt compressed data`, false);
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  return new FetchNetworkError(`network error fetching ${url}: ${code && !detail.includes(code) ? `${code} ` : ''}${detail}`, {
    cause: err,
  });
}
