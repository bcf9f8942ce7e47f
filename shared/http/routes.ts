// The API's routes, in one table that both the CDK API construct and the local HTTP server read,
// so the two cannot drift apart. `fn` names the Lambda function that serves the route.

export type ApiFunction = 'ingest' | 'api' | 'digest';

export interface ApiRoute {
  method: 'GET' | 'POST';
  /** API Gateway resource template. */
  resource: string;
  fn: ApiFunction;
  /**
   * No API key: a browser cannot send one. The handler serves such a route only with a valid
   * signed link (or when digests were made public on purpose, PUBLIC_DIGESTS=true).
   */
  public?: boolean;
}

export const API_ROUTE_TABLE: readonly ApiRoute[] = [
  { method: 'POST', resource: '/ingest', fn: 'ingest' },
  { method: 'GET', resource: '/articles', fn: 'api' },
  { method: 'GET', resource: '/articles/{id}', fn: 'api' },
  { method: 'GET', resource: '/digests', fn: 'api' },
  { method: 'GET', resource: '/digests.atom', fn: 'api' },
  // {date} is "2026-11-28", "2026-11-28.md" or "2026-11-28.html", as API Gateway matches it.
  { method: 'GET', resource: '/digests/{date}', fn: 'api' },
  { method: 'POST', resource: '/digests/{date}', fn: 'digest' },
  { method: 'GET', resource: '/digests/{date}/link', fn: 'api' },
  { method: 'GET', resource: '/actors/{id}', fn: 'api' },
  { method: 'GET', resource: '/public/digests/{date}', fn: 'api', public: true },
  { method: 'GET', resource: '/public/digests.atom', fn: 'api', public: true },
];
