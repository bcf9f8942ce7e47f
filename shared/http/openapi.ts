// The API's OpenAPI 3.0 document, generated from the route table (shared/http/routes.ts) and the
// zod schemas (shared/http/api-schemas.ts) by @asteasolutions/zod-to-openapi. GET /openapi.json
// serves it, `npm run openapi` writes it to openapi.json, and the CDK API takes the POST /ingest
// request model from it. 3.0 rather than 3.1: API Gateway's REST APIs import 3.0.

import {
  OpenApiGeneratorV3, OpenAPIRegistry, type ResponseConfig, type RouteConfig, type ZodContentObject,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
// esbuild inlines the JSON into the Lambda bundle, so no package.json needs to sit beside it.
import packageJson from '../../package.json' with { type: 'json' };
import { DEFAULT_MAX_URLS_PER_REQUEST } from '../config.js';
import { MAX_LIST_DAYS } from '../digest/service.js';
import { DEFAULT_LINK_TTL_S } from '../digest/signed-links.js';
import { MAX_TIMELINE_DAYS } from '../digest/timeline.js';
import { MAX_PAGE_SIZE } from '../pipeline/read-api.js';
import {
  ActorTimeline, Article, ArticlePage, Digest, DigestArticlePage, DigestLink, DigestList, ErrorResponse, IngestRejected, IngestResult,
  Feed, FeedDeleted, FeedPage, FeedPollResult, feedRequestSchema, ingestRequestSchema, OpenApiDocument as OpenApiDocumentSchema,
} from './api-schemas.js';
import { DEFAULT_FIRST_POLL_HOURS } from '../feeds/feed.js';
import { FEED_POLLER_MINUTES } from '../feeds/schedule.js';
import { MAX_FEEDS_PAGE } from '../feeds/service.js';
import { API_ROUTE_TABLE, type ApiFunction, type ApiRoute, type OperationOf } from './routes.js';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV3['generateDocument']>;
/** A schema object of the document (or a $ref to one). */
export type OpenApiSchema = NonNullable<NonNullable<OpenApiDocument['components']>['schemas']>[string];
type OperationId = OperationOf<ApiFunction>;

export { DEFAULT_MAX_URLS_PER_REQUEST };
/** The name of the security scheme every route but the public ones requires. */
export const API_KEY_SCHEME = 'api_key';

type ErrorDoc = string | { description: string; schema: z.ZodType };

/** What the route table does not say about an operation. Path parameters must match the route's template. */
interface OperationDoc {
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  success: { status: 200 | 201 | 202; description: string; content: ZodContentObject };
  /** Another success answer (POST /feeds: 200 for a feed already subscribed). */
  alsoSuccess?: { status: 200; description: string; content: ZodContentObject };
  /** The errors the handler answers with, besides the 403/429/500 every keyed route may give. */
  errors?: Partial<Record<400 | 403 | 404 | 409 | 503, ErrorDoc>>;
}

const DAY_PATTERN = '\\d{4}-\\d{2}-\\d{2}';
const day = (description: string) => z.string().regex(new RegExp(`^${DAY_PATTERN}$`)).openapi({ description, example: '2026-11-28' });
const json = (schema: z.ZodType): ZodContentObject => ({ 'application/json': { schema } });
const text = (mediaType: string): ZodContentObject => ({ [mediaType]: { schema: z.string() } });
const BAD_DATE = 'Not a calendar date written YYYY-MM-DD';
const NO_DIGEST = 'No digest for that day (it is built after the day ends, or with POST /digests/{date})';

const FEED_ID_PARAM = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/).openapi({ description: 'The id POST /feeds returned' }) });

const SIGNED_LINK_QUERY = z.object({
  expires: z.string().regex(/^[0-9]{1,12}$/).optional().openapi({ description: 'Expiry of the signed link, in seconds since the epoch' }),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/).optional()
    .openapi({ description: 'base64url HMAC-SHA256 of the path and the expiry. Both are needed unless digests were made public' }),
});

function operationDocs(maxUrlsPerRequest: number): Record<OperationId, OperationDoc> {
  return {
    ingestUrls: {
      summary: 'Submit URLs to fetch and analyse',
      description: 'Idempotent: the same canonical URL twice is one article. A URL whose article failed is queued again.',
      body: ingestRequestSchema(maxUrlsPerRequest),
      success: { status: 202, description: 'Accepted, duplicate, requeued and rejected URLs (each rejection with its reason)', content: json(IngestResult) },
      errors: {
        400: {
          description: `Not {"urls": [...]} with 1 to ${maxUrlsPerRequest} strings (message only), or no URL is acceptable (with the lists)`,
          schema: IngestRejected,
        },
        503: {
          description: 'No URL was taken because the article store or the queue failed (each rejection is retryable); submit them again after Retry-After seconds',
          schema: IngestRejected,
        },
      },
    },
    listArticles: {
      summary: "A UTC day's articles, a page at a time",
      query: z.object({
        date: day('The UTC day the articles belong to'),
        limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
        cursor: z.string().optional().openapi({ description: 'The `next` of the previous page' }),
        feed: z.string().regex(/^[0-9a-f]{16}$/).optional().openapi({ description: 'Only the articles of this feed (a page may then hold fewer than `limit`; follow `next`)' }),
      }),
      success: { status: 200, description: 'One page of articles', content: json(ArticlePage) },
      errors: { 400: 'No or bad date, a limit out of range, or a cursor that is malformed or was made for another date' },
    },
    getArticle: {
      summary: 'One article: status per stage, metadata, clean text and analysis',
      params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/).openapi({ description: 'The id POST /ingest returned' }) }),
      success: { status: 200, description: 'The article', content: json(Article) },
      errors: { 400: 'Not an article id (16 lower-case hex characters)', 404: 'No article with that id' },
    },
    listDigests: {
      summary: 'The stored digests of a range of days',
      query: z.object({
        from: day('First day; default 29 days before `to`').optional(),
        to: day('Last day; default today (UTC)').optional(),
      }),
      success: { status: 200, description: `One line per stored digest, oldest first (at most ${MAX_LIST_DAYS} days)`, content: json(DigestList) },
      errors: { 400: `A bad date, from after to, or a range over ${MAX_LIST_DAYS} days` },
    },
    getDigestFeed: {
      summary: 'Atom feed of the last 30 days of digests',
      description: 'Entry links are signed page links, as a feed reader cannot send the API key.',
      success: { status: 200, description: 'The feed', content: text('application/atom+xml') },
    },
    getDigest: {
      summary: "A day's digest as JSON, Markdown or an HTML page",
      params: z.object({
        date: z.string().regex(new RegExp(`^${DAY_PATTERN}(\\.(json|md|html))?$`))
          .openapi({ description: 'The UTC day; append .md or .html for Markdown or the HTML page', example: '2026-11-28.html' }),
      }),
      query: z.object({
        feed: z.string().regex(/^[0-9a-f]{16}$/).optional()
          .openapi({ description: "Only this feed's articles: built on request from the day's contributions (not stored; no changes, no article pages)" }),
      }),
      success: {
        status: 200,
        description: 'The digest: JSON for DATE, Markdown for DATE.md, a standalone page for DATE.html',
        content: { ...json(Digest), ...text('text/markdown'), ...text('text/html') },
      },
      errors: { 400: BAD_DATE, 404: NO_DIGEST },
    },
    buildDigest: {
      summary: "Build (or rebuild) a day's digest now",
      description: 'The schedule builds the previous day at 00:10 UTC; a day without articles gives an empty digest.',
      params: z.object({ date: day('The UTC day to build') }),
      success: { status: 200, description: 'The digest built and stored', content: json(Digest) },
      errors: { 400: `${BAD_DATE}, or a day that has not begun`, 409: 'The day has no article contributions but a stored digest with articles (built before contributions were stored): it is kept' },
    },
    listDigestArticles: {
      summary: "Every article of a day's digest, a page at a time",
      description: 'The digest itself holds the top articles; this lists all of them, newest first. A cursor stays on the build it came from, so paging is consistent while the day is rebuilt.',
      params: z.object({ date: day('The UTC day') }),
      query: z.object({
        cursor: z.string().regex(/^[0-9]{1,15}\.[0-9]{1,6}$/).optional().openapi({ description: 'The "next" of the previous page' }),
      }),
      success: { status: 200, description: 'One page of the list', content: json(DigestArticlePage) },
      errors: { 400: `${BAD_DATE}, or a cursor that is malformed or not a page of this day's list`, 404: NO_DIGEST },
    },
    getDigestLink: {
      summary: "Signed, expiring links to a day's HTML page and to the feed, for a browser or a feed reader",
      params: z.object({ date: day('The UTC day') }),
      query: z.object({
        ttl: z.number().int().min(60).max(DEFAULT_LINK_TTL_S).default(DEFAULT_LINK_TTL_S).openapi({ description: 'Seconds the links stay valid' }),
      }),
      success: { status: 200, description: 'The links and when they expire', content: json(DigestLink) },
      errors: { 400: `${BAD_DATE}, or a ttl out of range`, 404: NO_DIGEST },
    },
    getActorTimeline: {
      summary: "One actor's timeline, per day",
      params: z.object({
        id: z.string().min(1).max(128).openapi({ description: 'An actor id as a digest lists it, e.g. "RUS" or "sergei-shoigu"', example: 'RUS' }),
      }),
      query: z.object({
        from: day('First day; default 6 days before `to`').optional(),
        to: day('Last day; default today (UTC)').optional(),
      }),
      success: { status: 200, description: 'The actor on every day of the range', content: json(ActorTimeline) },
      errors: { 400: `Not an actor id, a bad date, from after to, or a range over ${MAX_TIMELINE_DAYS} days` },
    },
    getPublicDigest: {
      summary: "A day's HTML page, opened with a signed link instead of the API key",
      params: z.object({
        date: z.string().regex(new RegExp(`^${DAY_PATTERN}\\.html$`)).openapi({ description: 'The UTC day, as DATE.html', example: '2026-11-28.html' }),
      }),
      query: SIGNED_LINK_QUERY,
      success: { status: 200, description: 'The standalone page', content: text('text/html') },
      errors: {
        400: BAD_DATE,
        403: 'No valid signed link: missing, malformed, made for another path, or expired',
        404: 'Not DATE.html (only the page is served without the key), or no digest for that day',
      },
    },
    getPublicDigestFeed: {
      summary: 'The Atom feed, opened with a signed link instead of the API key',
      query: SIGNED_LINK_QUERY,
      success: { status: 200, description: 'The feed', content: text('application/atom+xml') },
      errors: { 403: 'No valid signed link: missing, malformed, made for another path, or expired' },
    },
    getOpenApiDocument: {
      summary: 'This OpenAPI document',
      success: { status: 200, description: 'The OpenAPI 3.0 document of this API', content: json(OpenApiDocumentSchema) },
    },
    createFeed: {
      summary: 'Subscribe to a feed: RSS, Atom, JSON Feed, or a (news) sitemap or sitemap index',
      description: 'The URL is read once first: a web page that links to feeds (<link rel="alternate">) subscribes its first feed '
        + '(discoveredFrom names the page). The id is a hash of the canonical feed URL: the same feed twice is one subscription. The feed is polled within minutes '
        + `(the poller runs every ${FEED_POLLER_MINUTES} minutes), then every intervalMinutes; its new entries are ingested as articles. `
        + `On the first poll only entries of the last ${DEFAULT_FIRST_POLL_HOURS} hours are ingested.`,
      body: feedRequestSchema,
      success: { status: 201, description: 'Subscribed', content: json(Feed) },
      alsoSuccess: { status: 200, description: 'Already subscribed: the existing feed, unchanged', content: json(Feed) },
      errors: {
        400: 'Not {"url": ..., "intervalMinutes": ...}, an interval out of range, a URL the fetcher refuses, or one that cannot be a feed: '
          + 'robots.txt disallows it, it answers 404, or it is neither a feed nor a page that links to one (a site that is down is subscribed all the same)',
      },
    },
    listFeeds: {
      summary: 'The subscriptions, a page at a time',
      query: z.object({
        limit: z.number().int().min(1).max(MAX_FEEDS_PAGE).default(50),
        cursor: z.string().optional().openapi({ description: 'The `next` of the previous page' }),
      }),
      success: { status: 200, description: 'One page of feeds, by id', content: json(FeedPage) },
      errors: { 400: 'A limit out of range or a malformed cursor' },
    },
    getFeed: {
      summary: 'One feed: its schedule, last poll and counts',
      params: FEED_ID_PARAM,
      success: { status: 200, description: 'The feed', content: json(Feed) },
      errors: { 400: 'Not a feed id', 404: 'No feed with that id' },
    },
    deleteFeed: {
      summary: 'Unsubscribe; the articles it brought stay',
      params: FEED_ID_PARAM,
      success: { status: 200, description: 'Removed', content: json(FeedDeleted) },
      errors: { 400: 'Not a feed id', 404: 'No feed with that id' },
    },
    pollFeedNow: {
      summary: 'Poll a feed now, whatever its schedule',
      description: 'A conditional GET with the validators of the last answer; new entries are ingested. A failed poll is recorded on the feed with its reason.',
      params: FEED_ID_PARAM,
      success: { status: 200, description: 'What the poll found (status "failed" with the error when the feed could not be read)', content: json(FeedPollResult) },
      errors: { 400: 'Not a feed id', 404: 'No feed with that id' },
    },
  };
}

function errorResponse(doc: ErrorDoc): ResponseConfig {
  const { description, schema } = typeof doc === 'string' ? { description: doc, schema: ErrorResponse } : doc;
  return { description, content: json(schema) };
}

function responsesOf(route: ApiRoute, op: OperationDoc): RouteConfig['responses'] {
  const errors: Partial<Record<number, ErrorDoc>> = {
    // API Gateway's answers, before the function runs.
    ...(route.public ? {} : { 403: 'No API key in x-api-key, or not a valid one' }),
    ...op.errors,
    429: route.public ? 'Too many requests to the public pages' : "Throttled, or the key's daily quota is used up",
    500: 'Internal error; the request id is in the service logs',
  };
  return {
    [op.success.status]: { description: op.success.description, content: op.success.content },
    ...(op.alsoSuccess ? { [op.alsoSuccess.status]: { description: op.alsoSuccess.description, content: op.alsoSuccess.content } } : {}),
    ...Object.fromEntries(Object.entries(errors).map(([status, doc]) => [status, errorResponse(doc!)])),
  };
}

/** The document for a deployment whose POST /ingest takes at most `maxUrlsPerRequest` URLs. */
export function buildOpenApiDocument({ maxUrlsPerRequest = DEFAULT_MAX_URLS_PER_REQUEST } = {}): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', API_KEY_SCHEME, { type: 'apiKey', in: 'header', name: 'x-api-key' });
  const operations = operationDocs(maxUrlsPerRequest);
  for (const route of API_ROUTE_TABLE) {
    // The table's type makes every operationId a key of `operations`.
    const op = operations[route.operationId as OperationId];
    registry.registerPath({
      method: route.method.toLowerCase() as 'get' | 'post' | 'delete',
      path: route.resource,
      operationId: route.operationId,
      summary: op.summary,
      description: op.description,
      // An empty list: no security at all, rather than "whatever the document's default is".
      security: route.public ? [] : [{ [API_KEY_SCHEME]: [] }],
      request: {
        params: op.params,
        query: op.query,
        ...(op.body ? { body: { required: true, content: json(op.body) } } : {}),
      },
      responses: responsesOf(route, op),
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'newsdigest',
      version: packageJson.version,
      description: 'Ingest news URLs; read articles, daily digests of who did or said what to whom, and actor timelines. '
        + 'Every route needs the API key in the x-api-key header except /public/..., which serve a page or the feed '
        + 'with a signed link (GET /digests/{date}/link). The base URL is the stack\'s ApiUrl output, or http://127.0.0.1:3000 under `npm start`.',
    },
  });
}

let document: OpenApiDocument | undefined;

/** The document GET /openapi.json serves, built once per process. */
export function openApiDocument(): OpenApiDocument {
  return (document ??= buildOpenApiDocument());
}

/** openapi.json as `npm run openapi` writes it and the test compares it. */
export function openApiJson(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

/** The POST /ingest request body's schema, as the document gives it. */
export function ingestRequestOpenApiSchema(maxUrlsPerRequest: number) {
  const schema = buildOpenApiDocument({ maxUrlsPerRequest }).components?.schemas?.IngestRequest;
  if (!schema || '$ref' in schema) throw new Error('The OpenAPI document has no IngestRequest schema');
  return schema;
}
