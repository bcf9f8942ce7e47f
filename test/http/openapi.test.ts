// The OpenAPI document: every route of the table with its parameters, body, responses and access
// rule; a valid OpenAPI 3.0 document; the committed openapi.json equal to it; the schemas fitting
// the services' own types; and the draft-4 conversion the CDK API's request model goes through.

import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { createApiHandler } from '../../functions/api/handler.js';
import { toApiGatewaySchema } from '../../infra/constructs/api.js';
import type { ArticleRecord } from '../../shared/article.js';
import type { ActorTimeline as ActorTimelineType } from '../../shared/digest/timeline.js';
import type { Digest as DigestType, DigestSummary } from '../../shared/digest/types.js';
import * as schemas from '../../shared/http/api-schemas.js';
import {
  API_KEY_SCHEME, buildOpenApiDocument, DEFAULT_MAX_URLS_PER_REQUEST, ingestRequestOpenApiSchema, openApiDocument, openApiJson,
  type OpenApiSchema,
} from '../../shared/http/openapi.js';
import { API_ROUTE_TABLE } from '../../shared/http/routes.js';
import type { IngestResult } from '../../shared/pipeline/ingest.js';
import type { ArticlePage } from '../../shared/ports.js';
import { sampleDigest } from '../support/sample-digest.js';

const doc = openApiDocument();
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

interface Parameter { name: string; in: string; required?: boolean }
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
}

const operationOf = (resource: string, method: string) => (doc.paths[resource] as Record<string, Operation | undefined> | undefined)?.[method.toLowerCase()];
const pathParamsOf = (resource: string) => [...resource.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);

/** Query parameters each operation documents, as the handlers read them. */
const QUERY_PARAMETERS: Record<string, { required: string[]; optional: string[] }> = {
  listArticles: { required: ['date'], optional: ['limit', 'cursor', 'feed'] },
  getDigest: { required: [], optional: ['feed'] },
  listFeeds: { required: [], optional: ['limit', 'cursor'] },
  listDigests: { required: [], optional: ['from', 'to'] },
  listDigestArticles: { required: [], optional: ['cursor'] },
  getDigestLink: { required: [], optional: ['ttl'] },
  getActorTimeline: { required: [], optional: ['from', 'to'] },
  getPublicDigest: { required: [], optional: ['expires', 'sig'] },
  getPublicDigestFeed: { required: [], optional: ['expires', 'sig'] },
};

describe('the OpenAPI document', () => {
  it('is the committed openapi.json', () => {
    const committed = readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8');
    expect(committed, 'openapi.json differs from the document the code generates: run `npm run openapi` and commit openapi.json').toBe(openApiJson());
  });

  it('is a valid OpenAPI 3.0 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(openApiJson()) as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.0');
  });

  it('is versioned as the package, and built once', () => {
    expect(doc.openapi).toMatch(/^3\.0\.\d$/);
    expect(doc.info.version).toBe(packageJson.version);
    expect(openApiDocument()).toBe(doc);
  });

  it('has the routes of the table and no others', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item as object).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(API_ROUTE_TABLE.map((r) => `${r.method} ${r.resource}`).sort());
  });

  describe.each(API_ROUTE_TABLE.map((r) => [`${r.method} ${r.resource}`, r] as const))('%s', (_, route) => {
    const op = operationOf(route.resource, route.method)!;

    it('is there under its operationId, with the path parameters of its template', () => {
      expect(op).toBeDefined();
      expect(op.operationId).toBe(route.operationId);
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(pathParams.map((p) => p.name).sort()).toEqual(pathParamsOf(route.resource).sort());
      expect(pathParams.every((p) => p.required)).toBe(true);
    });

    it('documents the query parameters its handler reads', () => {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const expected = QUERY_PARAMETERS[route.operationId] ?? { required: [], optional: [] };
      expect(query.filter((p) => p.required).map((p) => p.name).sort()).toEqual([...expected.required].sort());
      expect(query.filter((p) => !p.required).map((p) => p.name).sort()).toEqual([...expected.optional].sort());
    });

    it('has a success response and error responses in the {"message"} shape', () => {
      const statuses = Object.keys(op.responses);
      // POST /feeds alone answers 201 (subscribed) or 200 (already subscribed).
      expect(statuses.filter((s) => /^20[012]$/.test(s))).toHaveLength(route.operationId === 'createFeed' ? 2 : 1);
      expect(statuses).toEqual(expect.arrayContaining(['429', '500']));
      expect(statuses.some((s) => /^4\d\d$/.test(s) && s !== '429')).toBe(true);
      for (const status of statuses.filter((s) => /^[45]/.test(s))) {
        const schema = (op.responses[status] as { content: Record<string, { schema: { $ref: string } }> }).content['application/json'].schema;
        expect(schema.$ref, `${status} of ${route.operationId}`).toMatch(/^#\/components\/schemas\/(Error|IngestRejected)$/);
      }
    });

    it(route.public ? 'needs no API key' : 'needs the API key', () => {
      expect(op.security).toEqual(route.public ? [] : [{ [API_KEY_SCHEME]: [] }]);
      if (!route.public) expect(Object.keys(op.responses)).toContain('403');
    });
  });

  it('declares the API key scheme: header x-api-key', () => {
    expect(doc.components?.securitySchemes?.[API_KEY_SCHEME]).toEqual({ type: 'apiKey', in: 'header', name: 'x-api-key' });
  });

  it('takes the POST /ingest body as IngestRequest: "urls", 1 to maxUrlsPerRequest strings', () => {
    const body = operationOf('/ingest', 'POST')!.requestBody!;
    expect(body.required).toBe(true);
    expect(body.content['application/json'].schema.$ref).toBe('#/components/schemas/IngestRequest');
    expect(doc.components?.schemas?.IngestRequest).toEqual(ingestRequestOpenApiSchema(DEFAULT_MAX_URLS_PER_REQUEST));
    expect(ingestRequestOpenApiSchema(7)).toMatchObject({
      type: 'object',
      required: ['urls'],
      properties: { urls: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 7 } },
    });
    expect(buildOpenApiDocument({ maxUrlsPerRequest: 7 }).paths['/ingest']).toBeDefined();
  });

  it('serves itself at GET /openapi.json', async () => {
    // The route reads no dependency.
    const handle = createApiHandler({} as Parameters<typeof createApiHandler>[0]);
    const res = await handle({ httpMethod: 'GET', resource: '/openapi.json', path: '/openapi.json', headers: {} } as unknown as APIGatewayProxyEvent);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual(JSON.parse(openApiJson()));
  });
});

describe('the response schemas', () => {
  it('fit the types the services return', () => {
    // Checked by the compiler (npm run typecheck): a field a type changes or drops breaks these lines.
    expectTypeOf<IngestResult>().toExtend<z.infer<typeof schemas.IngestResult>>();
    expectTypeOf<ArticleRecord>().toExtend<z.infer<typeof schemas.Article>>();
    expectTypeOf<ArticlePage & { date: string }>().toExtend<z.infer<typeof schemas.ArticlePage>>();
    expectTypeOf<DigestType>().toExtend<z.infer<typeof schemas.Digest>>();
    expectTypeOf<{ from: string; to: string; digests: DigestSummary[] }>().toExtend<z.infer<typeof schemas.DigestList>>();
    expectTypeOf<ActorTimelineType>().toExtend<z.infer<typeof schemas.ActorTimeline>>();
    // At run time: a realistic digest passes the schema the document publishes.
    expect(schemas.Digest.safeParse(sampleDigest()).error).toBeUndefined();
  });
});

/** The keywords of JSON Schema draft 4 (validation and metadata) that API Gateway models use. */
const DRAFT4_VOCABULARY = new Set([
  '$schema', 'title', 'description', 'default', 'type', 'enum', 'format', 'pattern', 'minLength', 'maxLength', 'minimum',
  'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'items', 'additionalItems', 'minItems', 'maxItems',
  'uniqueItems', 'properties', 'additionalProperties', 'patternProperties', 'required', 'minProperties', 'maxProperties',
  'allOf', 'anyOf', 'oneOf', 'not', 'definitions', 'dependencies', '$ref', 'id',
]);

/** Keywords outside draft 4 anywhere in a schema (CDK's `schema` is rendered as `$schema`). */
function nonDraft4Keywords(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return [];
  return Object.entries(schema).flatMap(([key, value]) => {
    const name = key === 'schema' ? '$schema' : key;
    const own = DRAFT4_VOCABULARY.has(name) ? [] : [name];
    if (key === 'properties') return [...own, ...Object.values(value as object).flatMap(nonDraft4Keywords)];
    if (key === 'items' || key === 'additionalProperties') return [...own, ...nonDraft4Keywords(value)];
    return own;
  });
}

describe('toApiGatewaySchema', () => {
  it('turns the ingest body into a draft-4 model with the given limit', () => {
    const model = toApiGatewaySchema(ingestRequestOpenApiSchema(25));
    expect(nonDraft4Keywords(model)).toEqual([]);
    expect(model).toMatchObject({
      schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      required: ['urls'],
      properties: { urls: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 25 } },
    });
  });

  it('folds nullable into the type and drops annotations that only OpenAPI has', () => {
    const schema: OpenApiSchema = {
      type: 'object',
      properties: { note: { type: 'string', nullable: true, example: 'x', deprecated: true } },
      additionalProperties: { type: 'integer', readOnly: true },
    };
    const model = toApiGatewaySchema(schema);
    expect(nonDraft4Keywords(model)).toEqual([]);
    expect(model).toEqual({
      schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      properties: { note: { type: ['string', 'null'] } },
      additionalProperties: { type: 'integer' },
    });
  });

  it('refuses what it cannot translate rather than loosening the validation', () => {
    expect(() => toApiGatewaySchema({ $ref: '#/components/schemas/Error' })).toThrow(/"\$ref"/);
    expect(() => toApiGatewaySchema({ type: 'object', properties: { a: { allOf: [{ type: 'string' }] } } })).toThrow(/"allOf"/);
  });
});
