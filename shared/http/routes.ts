// The API's routes, in one table that both the CDK API construct and the local HTTP server read,
// so the two cannot drift apart. `fn` names the Lambda function that serves the route.

export type ApiFunction = 'ingest' | 'api';

export interface ApiRoute {
  method: 'GET' | 'POST';
  /** API Gateway resource template. */
  resource: string;
  fn: ApiFunction;
}

export const API_ROUTE_TABLE: readonly ApiRoute[] = [
  { method: 'POST', resource: '/ingest', fn: 'ingest' },
  { method: 'GET', resource: '/articles', fn: 'api' },
  { method: 'GET', resource: '/articles/{id}', fn: 'api' },
];
