import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHttpApi, type ApiRoute, type HttpApi } from '../../local/http-api.js';
import { createLogger } from '../../shared/log.js';

const API_KEY = 'test-key-0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json(): unknown;
}

/** node:http rather than fetch, to send repeated headers and raw (unnormalised) paths. */
function call(api: HttpApi, method: string, path: string, options: { headers?: OutgoingHttpHeaders; body?: Buffer | string; key?: string | null } = {}): Promise<Reply> {
  const headers: OutgoingHttpHeaders = { ...options.headers };
  const key = options.key === undefined ? API_KEY : options.key;
  if (key !== null) headers['x-api-key'] = key;
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${api.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) as unknown });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('local HTTP API (API Gateway REST, API key required)', () => {
  let api: HttpApi;
  let lastEvent: APIGatewayProxyEvent | undefined;
  const logged: string[] = [];

  const echo = (name: string) => async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    lastEvent = event;
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ route: name }) };
  };

  beforeAll(async () => {
    const routes: ApiRoute[] = [
      { method: 'GET', resource: '/articles/{id}', handler: echo('article') },
      { method: 'POST', resource: '/ingest', handler: echo('ingest') },
      { method: 'GET', resource: '/ingest', handler: echo('ingest-status') },
      { method: 'GET', resource: '/digests/{date}', handler: echo('digest') },
      { method: 'GET', resource: '/digests/latest', handler: echo('latest') },
      { method: 'GET', resource: '/digests.atom', handler: echo('atom') },
      { method: 'GET', resource: '/files/{proxy+}', handler: echo('files') },
      { method: 'GET', resource: '/shared/{token}', handler: echo('shared'), public: true },
      {
        method: 'POST',
        resource: '/upload',
        handler: async (event) => {
          lastEvent = event;
          return { statusCode: 201, body: '' };
        },
      },
      {
        method: 'GET',
        resource: '/binary',
        handler: async () => ({
          statusCode: 200,
          headers: { 'content-type': 'image/png', 'x-one': 'a' },
          multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
          body: Buffer.from([137, 80, 78, 71, 0, 255]).toString('base64'),
          isBase64Encoded: true,
        }),
      },
      {
        method: 'GET',
        resource: '/crash',
        handler: async () => {
          throw new Error('boom in handler');
        },
      },
    ];
    api = await startHttpApi({ apiKey: API_KEY, routes, maxBodyBytes: 1024, logger: createLogger({}, { level: 'info', format: 'json', write: (l) => logged.push(l) }) });
  });
  afterAll(() => api.close());
  beforeEach(() => {
    lastEvent = undefined;
  });

  describe('API key', () => {
    it('answers 403 Forbidden without a key, with a wrong key, and for unknown paths', async () => {
      for (const key of [null, 'wrong', API_KEY + 'x', '']) {
        const res = await call(api, 'GET', '/articles/a1', { key });
        expect(res.status).toBe(403);
        expect(res.json()).toEqual({ message: 'Forbidden' });
      }
      expect((await call(api, 'GET', '/nope', { key: null })).status).toBe(403);
      expect(lastEvent).toBeUndefined();
    });

    it('refuses to start with an empty key', async () => {
      await expect(startHttpApi({ apiKey: '', routes: [] })).rejects.toThrow(/API key is empty/);
    });

    it('answers 200 with the key', async () => {
      const res = await call(api, 'GET', '/articles/a1');
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ route: 'article' });
      expect(res.headers['x-amzn-requestid']).toMatch(UUID);
    });

    it('lets public routes through without a key, with no apiKey in the identity', async () => {
      const res = await call(api, 'GET', '/shared/sig123', { key: null });
      expect(res.status).toBe(200);
      expect(lastEvent?.pathParameters).toEqual({ token: 'sig123' });
      expect(lastEvent?.requestContext.identity.apiKey).toBeNull();
    });
  });

  describe('event shape', () => {
    it('builds a REST v1 proxy event', async () => {
      await call(api, 'GET', '/articles/a%20b%2Fc%C3%A9', { headers: { 'X-Trace': ['one', 'two'], 'User-Agent': 'vitest' } });
      const e = lastEvent!;
      expect(e).toMatchObject({
        resource: '/articles/{id}',
        path: '/articles/a%20b%2Fc%C3%A9',
        httpMethod: 'GET',
        pathParameters: { id: 'a b/cé' },
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
        stageVariables: null,
        body: null,
        isBase64Encoded: false,
      });
      expect(e.headers['X-Trace']).toBe('two');
      expect(e.multiValueHeaders['X-Trace']).toEqual(['one', 'two']);
      expect(e.headers['x-api-key']).toBe(API_KEY);
      expect(e.requestContext).toMatchObject({
        stage: 'local',
        httpMethod: 'GET',
        resourcePath: '/articles/{id}',
        path: '/local/articles/a%20b%2Fc%C3%A9',
        identity: { sourceIp: '127.0.0.1', apiKey: API_KEY, userAgent: 'vitest' },
      });
      expect(e.requestContext.requestId).toMatch(UUID);
      expect(Math.abs(e.requestContext.requestTimeEpoch - Date.now())).toBeLessThan(5_000);
    });

    it('passes query parameters: last value in the single map, all in the multi-value map', async () => {
      await call(api, 'GET', '/articles/a1?from=2026-01-01&tag=a&tag=b%20c');
      expect(lastEvent?.queryStringParameters).toEqual({ from: '2026-01-01', tag: 'b c' });
      expect(lastEvent?.multiValueQueryStringParameters).toEqual({ from: ['2026-01-01'], tag: ['a', 'b c'] });
    });

    it('passes a text body as is and a binary body base64-encoded', async () => {
      const json = JSON.stringify({ urls: ['https://example.com/é'] });
      const res = await call(api, 'POST', '/ingest', { body: json, headers: { 'content-type': 'application/json; charset=utf-8' } });
      expect(res.status).toBe(200);
      expect(lastEvent).toMatchObject({ body: json, isBase64Encoded: false, pathParameters: null });

      const bytes = Buffer.from([0, 1, 2, 250, 255]);
      await call(api, 'POST', '/upload', { body: bytes, headers: { 'content-type': 'application/octet-stream' } });
      expect(lastEvent?.isBase64Encoded).toBe(true);
      expect(Buffer.from(lastEvent!.body!, 'base64').equals(bytes)).toBe(true);
    });
  });

  describe('routing', () => {
    it('prefers literal segments over parameters and keeps dots inside a parameter', async () => {
      expect((await call(api, 'GET', '/digests/latest')).json()).toEqual({ route: 'latest' });
      expect((await call(api, 'GET', '/digests/2026-01-01.md')).json()).toEqual({ route: 'digest' });
      expect(lastEvent?.pathParameters).toEqual({ date: '2026-01-01.md' });
      expect((await call(api, 'GET', '/digests.atom')).json()).toEqual({ route: 'atom' });
    });

    it('matches a greedy {proxy+} over the rest of the path', async () => {
      expect((await call(api, 'GET', '/files/a/b%20c/d.txt')).json()).toEqual({ route: 'files' });
      expect(lastEvent?.pathParameters).toEqual({ proxy: 'a/b c/d.txt' });
      expect((await call(api, 'GET', '/files')).status).toBe(404);
    });

    it('answers 404 for an unknown path and 405 with Allow for a known path with another method', async () => {
      const notFound = await call(api, 'GET', '/nope/x');
      expect(notFound.status).toBe(404);
      expect(notFound.json()).toEqual({ message: 'No route for GET /nope/x' });
      expect((await call(api, 'GET', '/articles/a1/extra')).status).toBe(404);

      const wrongMethod = await call(api, 'DELETE', '/ingest');
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.allow).toBe('GET, POST');
    });

    it('answers 400 for a malformed percent-encoding', async () => {
      expect((await call(api, 'GET', '/articles/%E0%A4%A')).status).toBe(400);
    });
  });

  describe('limits and failures', () => {
    it('answers 413 for a body over maxBodyBytes, declared or streamed', async () => {
      const declared = await call(api, 'POST', '/ingest', { body: 'x'.repeat(1025), headers: { 'content-type': 'text/plain' } });
      expect(declared.status).toBe(413);

      const streamed = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${api.url}/ingest`, { method: 'POST', headers: { 'x-api-key': API_KEY, 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        for (let i = 0; i < 4; i++) req.write('y'.repeat(400));
        req.end();
      });
      expect(streamed).toBe(413);
      expect(lastEvent).toBeUndefined();

      expect((await call(api, 'POST', '/ingest', { body: 'z'.repeat(1024), headers: { 'content-type': 'text/plain' } })).status).toBe(200);
    });

    it('answers 502 Internal server error when the handler throws, and logs it', async () => {
      const res = await call(api, 'GET', '/crash');
      expect(res.status).toBe(502);
      expect(res.json()).toEqual({ message: 'Internal server error' });
      const line = logged.map((l) => JSON.parse(l) as Record<string, string>).find((l) => l.message === 'handler crashed');
      expect(line).toMatchObject({ level: 'ERROR', resource: '/crash', method: 'GET' });
      expect(line?.error).toContain('boom in handler');
    });

    it('writes status, single and multi-value headers, and a base64 body as bytes', async () => {
      const res = await call(api, 'GET', '/binary');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['x-one']).toBe('a');
      expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(res.body.equals(Buffer.from([137, 80, 78, 71, 0, 255]))).toBe(true);

      const created = await call(api, 'POST', '/upload', { body: 'a', headers: { 'content-type': 'text/plain' } });
      expect(created.status).toBe(201);
      expect(created.headers['content-type']).toBe('application/json');
      expect(created.body.length).toBe(0);
    });
  });
});
