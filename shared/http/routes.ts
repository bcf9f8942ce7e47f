// The API's routes, in one table that the CDK API construct, the Lambda handlers, the local HTTP
// server and the OpenAPI document all read, so none of them can drift from the others. `fn` names
// the Lambda function that serves the route; `operationId` is the key its handler dispatches on
// (and the OpenAPI operation's id).

export type ApiFunction = 'ingest' | 'api' | 'digest' | 'feeds';

export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** API Gateway resource template. */
  resource: string;
  fn: ApiFunction;
  operationId: string;
  /**
   * No API key: a browser cannot send one. The handler serves such a route only with a valid
   * signed link (or when digests were made public on purpose, PUBLIC_DIGESTS=true).
   */
  public?: boolean;
}

const ROUTES = [
  { method: 'POST', resource: '/ingest', fn: 'ingest', operationId: 'ingestUrls' },
  { method: 'GET', resource: '/articles', fn: 'api', operationId: 'listArticles' },
  { method: 'GET', resource: '/articles/{id}', fn: 'api', operationId: 'getArticle' },
  { method: 'GET', resource: '/digests', fn: 'api', operationId: 'listDigests' },
  { method: 'GET', resource: '/digests.atom', fn: 'api', operationId: 'getDigestFeed' },
  // {date} is "2026-11-28", "2026-11-28.md" or "2026-11-28.html", as API Gateway matches it.
  { method: 'GET', resource: '/digests/{date}', fn: 'api', operationId: 'getDigest' },
  { method: 'POST', resource: '/digests/{date}', fn: 'digest', operationId: 'buildDigest' },
  { method: 'GET', resource: '/digests/{date}/articles', fn: 'api', operationId: 'listDigestArticles' },
  { method: 'GET', resource: '/digests/{date}/link', fn: 'api', operationId: 'getDigestLink' },
  { method: 'GET', resource: '/actors/{id}', fn: 'api', operationId: 'getActorTimeline' },
  { method: 'GET', resource: '/public/digests/{date}', fn: 'api', operationId: 'getPublicDigest', public: true },
  { method: 'GET', resource: '/public/digests.atom', fn: 'api', operationId: 'getPublicDigestFeed', public: true },
  { method: 'GET', resource: '/openapi.json', fn: 'api', operationId: 'getOpenApiDocument' },
  // Feed subscriptions: one function that may write them, fetch a feed and queue its entries.
  { method: 'POST', resource: '/feeds', fn: 'feeds', operationId: 'createFeed' },
  { method: 'GET', resource: '/feeds', fn: 'feeds', operationId: 'listFeeds' },
  { method: 'GET', resource: '/feeds/{id}', fn: 'feeds', operationId: 'getFeed' },
  { method: 'DELETE', resource: '/feeds/{id}', fn: 'feeds', operationId: 'deleteFeed' },
  { method: 'POST', resource: '/feeds/{id}/poll', fn: 'feeds', operationId: 'pollFeedNow' },
] as const satisfies readonly ApiRoute[];

export const API_ROUTE_TABLE: readonly ApiRoute[] = ROUTES;

/** The operations a function serves: its handler must map every one of them (checked by the compiler). */
export type OperationOf<F extends ApiFunction> = Extract<(typeof ROUTES)[number], { fn: F }>['operationId'];

/** The route of function `fn` for a request, by API Gateway's method and resource template. */
export function findRoute<F extends ApiFunction>(fn: F, method: string, resource: string): (ApiRoute & { operationId: OperationOf<F> }) | undefined {
  return API_ROUTE_TABLE.find((r): r is ApiRoute & { operationId: OperationOf<F> } => r.fn === fn && r.method === method && r.resource === resource);
}
