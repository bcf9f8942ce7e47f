// API Gateway proxy responses and the mapping of named errors to status codes, shared by every
// API handler so errors look the same everywhere.

import type { APIGatewayProxyResult } from 'aws-lambda';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.js';
import type { Logger } from '../log.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body, null, 2) };
}

export function text(statusCode: number, body: string, contentType: string, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { 'content-type': contentType, ...headers }, body };
}

/** Known errors become 4xx with their message; anything else is a logged 500 that leaks nothing. */
export function errorResponse(err: unknown, log: Logger): APIGatewayProxyResult {
  if (err instanceof BadRequestError) return json(400, { message: err.message });
  if (err instanceof NotFoundError) return json(404, { message: err.message });
  if (err instanceof ConflictError) return json(409, { message: err.message });
  log.error('unhandled error', { error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) });
  return json(500, { message: 'Internal error; the request id is in the service logs' });
}

/** The request body as text, whether API Gateway passed it plain or base64-encoded. */
export function bodyText(event: { body: string | null; isBase64Encoded: boolean }): string | null {
  if (event.body === null || event.body === undefined) return null;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}
