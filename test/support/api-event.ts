// API Gateway proxy events for calling a handler directly, matched on the route table as API
// Gateway matches them, with the host header the base URL of links is taken from.

import type { APIGatewayProxyEvent } from 'aws-lambda';
import { API_ROUTE_TABLE } from '../../shared/http/routes.js';

export const TEST_API_ORIGIN = 'http://api.test';

/** The event of `method url`; `url` is a path with its query, or a full URL under TEST_API_ORIGIN. */
export function apiEvent(method: 'GET' | 'POST', url: string): APIGatewayProxyEvent {
  const { pathname, searchParams } = new URL(url, TEST_API_ORIGIN);
  for (const route of API_ROUTE_TABLE) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = route.resource.replace(/\./g, '\\.').replace(/\{(\w+)\}/g, (_, name: string) => { names.push(name); return '([^/]+)'; });
    const match = new RegExp(`^${pattern}$`).exec(pathname);
    if (!match) continue;
    const query = searchParams.size > 0 ? Object.fromEntries(searchParams) : null;
    return {
      resource: route.resource,
      path: pathname,
      httpMethod: method,
      headers: { host: new URL(TEST_API_ORIGIN).host },
      multiValueHeaders: {},
      queryStringParameters: query,
      multiValueQueryStringParameters: null,
      pathParameters: names.length > 0 ? Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])])) : null,
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
      requestContext: { stage: 'test' } as APIGatewayProxyEvent['requestContext'],
    };
  }
  throw new Error(`no route for ${method} ${pathname}`);
}
