// An HTTP server that stands in for API Gateway (REST API, Lambda proxy integration, API key
// required): it routes like API Gateway, checks `x-api-key`, and hands the same handlers the
// same `APIGatewayProxyEvent`s they get in AWS.

import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ConfigError } from '../shared/errors.js';
import { createLogger, type Logger } from '../shared/log.js';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface ApiRoute {
  /** An HTTP method, or ANY for every method the resource has no explicit route for. */
  method: string;
  /** An API Gateway resource path: literal segments, `{param}` segments and a final `{proxy+}`. */
  resource: string;
  handler: ApiHandler;
  /** Skips the API key check; the handler authorises the request itself (e.g. a signed link). */
  public?: boolean;
}

export interface HttpApiOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  apiKey: string;
  routes: ApiRoute[];
  maxBodyBytes?: number;
  logger?: Logger;
}

export interface HttpApi {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:43210 */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** API Gateway's payload limit. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

const STAGE = 'local';
// API Gateway rejects shorter API key values; locally a shorter one only draws a warning.
const MIN_API_KEY_LENGTH = 20;
const LOCAL_ACCOUNT = '000000000000';
const API_ID = 'local';
// Time close() lets in-flight requests finish before dropping their connections.
const CLOSE_GRACE_MS = 2_000;

// Content types passed to the handler as text; anything else arrives base64-encoded, as it does
// from an API whose binaryMediaTypes is */*.
const TEXT_CONTENT_TYPE = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|x-ndjson)\b|application\/[\w.+-]+\+(json|xml)\b)/i;

export async function startHttpApi(options: HttpApiOptions): Promise<HttpApi> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.logger ?? createLogger({ component: 'http-api' });
  if (options.apiKey.length === 0) throw new ConfigError('The API key is empty: set NEWSDIGEST_API_KEY or let the runtime generate one');
  if (options.apiKey.length < MIN_API_KEY_LENGTH) {
    log.warn('API key shorter than API Gateway accepts', { minLength: MIN_API_KEY_LENGTH });
  }
  const router = new Router(options.routes);
  const expectedKeyDigest = digest(options.apiKey);

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((err: unknown) => {
      log.error('request failed outside the handler', { error: describe(err) });
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error' });
      else res.destroy();
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    res.setHeader('x-amzn-requestid', requestId);
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const rawQuery = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);

    const match = router.match(rawPath, method);
    const apiKey = headerValue(req, 'x-api-key');
    const isPublic = match.kind === 'found' && match.route.public === true;
    // Without a valid key every non-public path answers 403, so callers cannot probe for routes.
    if (!isPublic && (apiKey === undefined || !timingSafeEqual(digest(apiKey), expectedKeyDigest))) {
      return respondEarly(req, res, 403, { message: 'Forbidden' });
    }
    if (match.kind === 'bad-path') return respondEarly(req, res, 400, { message: 'Malformed path' });
    if (match.kind === 'no-resource') return respondEarly(req, res, 404, { message: `No route for ${method} ${rawPath}` });
    if (match.kind === 'no-method') {
      res.setHeader('Allow', match.allow.join(', '));
      return respondEarly(req, res, 405, { message: `Method ${method} not allowed for ${rawPath}` });
    }

    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') return respondEarly(req, res, 413, { message: 'Request Entity Too Large' });

    const event = buildEvent({
      req,
      method,
      rawPath,
      rawQuery,
      route: match.route,
      pathParameters: match.pathParameters,
      body,
      requestId,
      apiKey: isPublic ? null : (apiKey ?? null),
    });

    let result: APIGatewayProxyResult;
    try {
      result = await match.route.handler(event);
    } catch (err: unknown) {
      log.error('handler crashed', { requestId, method, resource: match.route.resource, path: rawPath, error: describe(err) });
      return sendJson(res, 502, { message: 'Internal server error' });
    }
    if (!isProxyResult(result)) {
      log.error('handler returned a malformed proxy response', { requestId, method, resource: match.route.resource, path: rawPath });
      return sendJson(res, 502, { message: 'Internal server error' });
    }
    writeResult(res, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close((err) => {
          clearTimeout(force);
          if (err) reject(err);
          else resolve();
        });
        server.closeIdleConnections();
      })),
  };
}

// ---------------------------------------------------------------------------------------------
// Routing

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

interface CompiledResource {
  resource: string;
  segments: Segment[];
  methods: Map<string, ApiRoute>;
}

type RouteMatch =
  | { kind: 'found'; route: ApiRoute; pathParameters: Record<string, string> | null }
  | { kind: 'no-resource' }
  | { kind: 'no-method'; allow: string[] }
  | { kind: 'bad-path' };

// Literal beats {param} beats {proxy+}, segment by segment from the left, as in API Gateway.
const SPECIFICITY: Record<Segment['kind'], number> = { literal: 2, param: 1, greedy: 0 };

class Router {
  private readonly resources: CompiledResource[] = [];

  constructor(routes: ApiRoute[]) {
    const byResource = new Map<string, CompiledResource>();
    for (const route of routes) {
      const method = route.method.toUpperCase();
      let compiled = byResource.get(route.resource);
      if (!compiled) {
        compiled = { resource: route.resource, segments: compileResource(route.resource), methods: new Map() };
        byResource.set(route.resource, compiled);
        this.resources.push(compiled);
      }
      if (compiled.methods.has(method)) throw new Error(`Duplicate route ${method} ${route.resource}`);
      compiled.methods.set(method, route);
    }
  }

  match(rawPath: string, method: string): RouteMatch {
    const rawSegments = splitPath(rawPath);
    let decoded: string[];
    try {
      decoded = rawSegments.map((s) => decodeURIComponent(s));
    } catch {
      return { kind: 'bad-path' };
    }

    let best: { resource: CompiledResource; params: Record<string, string> } | undefined;
    for (const resource of this.resources) {
      const params = matchSegments(resource.segments, decoded);
      if (params && (!best || moreSpecific(resource.segments, best.resource.segments))) best = { resource, params };
    }
    if (!best) return { kind: 'no-resource' };

    const route = best.resource.methods.get(method) ?? best.resource.methods.get('ANY');
    if (!route) return { kind: 'no-method', allow: [...best.resource.methods.keys()].sort() };
    const pathParameters = Object.keys(best.params).length > 0 ? best.params : null;
    return { kind: 'found', route, pathParameters };
  }
}

function compileResource(resource: string): Segment[] {
  if (!resource.startsWith('/')) throw new Error(`Route resource must start with '/': ${resource}`);
  const parts = splitPath(resource);
  return parts.map((part, i): Segment => {
    const greedy = /^\{(\w+)\+\}$/.exec(part);
    if (greedy) {
      if (i !== parts.length - 1) throw new Error(`{${greedy[1]}+} must be the last segment of ${resource}`);
      return { kind: 'greedy', name: greedy[1] };
    }
    const param = /^\{(\w+)\}$/.exec(part);
    if (param) return { kind: 'param', name: param[1] };
    if (/[{}]/.test(part)) throw new Error(`Unsupported segment '${part}' in ${resource}: use a whole segment like {id}`);
    return { kind: 'literal', value: part };
  });
}

/** '/a/b/' -> ['a', 'b']; '/' -> []. Empty segments from '//' are kept, so they never match a param. */
function splitPath(p: string): string[] {
  const trimmed = p.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (seg.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.some((p) => p === '')) return undefined;
      params[seg.name] = rest.join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined || part === '') return undefined;
    if (seg.kind === 'literal') {
      if (seg.value !== part) return undefined;
    } else {
      params[seg.name] = part;
    }
  }
  return parts.length === segments.length ? params : undefined;
}

function moreSpecific(a: Segment[], b: Segment[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = SPECIFICITY[a[i].kind] - SPECIFICITY[b[i].kind];
    if (d !== 0) return d > 0;
  }
  return a.length > b.length;
}

// ---------------------------------------------------------------------------------------------
// Request -> event

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Stop buffering but keep reading (and discarding) so the 413 reaches the client.
      req.off('data', onData);
      req.off('end', onEnd);
      chunks.length = 0;
      req.resume();
      resolve('too-large');
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}

interface EventInput {
  req: IncomingMessage;
  method: string;
  rawPath: string;
  rawQuery: string;
  route: ApiRoute;
  pathParameters: Record<string, string> | null;
  body: Buffer;
  requestId: string;
  apiKey: string | null;
}

function buildEvent(input: EventInput): APIGatewayProxyEvent {
  const { req, body } = input;
  const { headers, multiValueHeaders } = collectHeaders(req.rawHeaders);
  const { single: queryStringParameters, multi: multiValueQueryStringParameters } = collectQuery(input.rawQuery);
  const contentType = headerValue(req, 'content-type');
  const asText = contentType === undefined || TEXT_CONTENT_TYPE.test(contentType);
  const now = Date.now();

  return {
    resource: input.route.resource,
    path: input.rawPath,
    httpMethod: input.method,
    headers,
    multiValueHeaders,
    queryStringParameters,
    multiValueQueryStringParameters,
    pathParameters: input.pathParameters,
    stageVariables: null,
    body: body.length === 0 ? null : asText ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: body.length > 0 && !asText,
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: API_ID,
      authorizer: undefined,
      protocol: `HTTP/${req.httpVersion}`,
      httpMethod: input.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: input.apiKey,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: normaliseIp(req.socket.remoteAddress),
        user: null,
        userAgent: headerValue(req, 'user-agent') ?? null,
        userArn: null,
      },
      path: `/${STAGE}${input.rawPath}`,
      stage: STAGE,
      requestId: input.requestId,
      requestTime: new Date(now).toISOString(),
      requestTimeEpoch: now,
      resourceId: createHash('sha1').update(input.route.resource).digest('hex').slice(0, 6),
      resourcePath: input.route.resource,
    },
  };
}

/** Original header-name case, as API Gateway passes it; the single-value map keeps the last value. */
function collectHeaders(raw: string[]): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    const value = raw[i + 1];
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  return { headers, multiValueHeaders };
}

/** null when there is no query string, as API Gateway sends it; the single-value map keeps the last value. */
function collectQuery(rawQuery: string): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  if (rawQuery === '') return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  if (Object.keys(single).length === 0) return { single: null, multi: null };
  return { single, multi };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

function normaliseIp(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

// ---------------------------------------------------------------------------------------------
// Result -> response

function isProxyResult(value: unknown): value is APIGatewayProxyResult {
  if (typeof value !== 'object' || value === null) return false;
  const status = (value as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599;
}

function writeResult(res: ServerResponse, result: APIGatewayProxyResult): void {
  res.statusCode = result.statusCode;
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  // API Gateway merges both maps; multi-value entries add to single-value ones of the same name.
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    const existing = res.getHeader(name);
    const merged = [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)]), ...values.map(String)];
    res.setHeader(name, [...new Set(merged)]);
  }
  if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json');
  const body = result.body ?? '';
  const payload = result.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  res.setHeader('content-length', payload.length);
  res.end(payload);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('content-length', payload.length);
  res.end(payload);
}

/**
 * Answers before the body was read. The unread body is drained, not read into memory, so the
 * client sees the status instead of a reset; the connection is closed afterwards because it may
 * be out of sync.
 */
function respondEarly(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  if (!req.complete) {
    res.setHeader('connection', 'close');
    req.resume();
  }
  sendJson(res, status, body);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
}
