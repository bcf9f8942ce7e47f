// One way an API function serves its routes: matched on API Gateway's method and resource
// template (as the stack's resources are), handed to the operation the route table names, and
// every error answered the same way (shared/http/responses.ts).

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Logger } from '../log.js';
import { errorResponse, json } from './responses.js';
import { findRoute, type ApiFunction, type OperationOf } from './routes.js';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
export type Operation<D> = (event: APIGatewayProxyEvent, deps: D) => Promise<APIGatewayProxyResult>;

/** `operations` must map every operation the table gives `fn`: a missing one fails to compile. */
export function routedHandler<F extends ApiFunction, D extends { log: Logger }>(fn: F, operations: Record<OperationOf<F>, Operation<D>>, deps: D): ApiHandler {
  return async (event) => {
    const route = findRoute(fn, event.httpMethod, event.resource);
    if (!route) return json(404, { message: `No route for ${event.httpMethod} ${event.path}` });
    try {
      return await operations[route.operationId](event, deps);
    } catch (err) {
      return errorResponse(err, deps.log);
    }
  };
}
