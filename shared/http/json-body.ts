// A request body as JSON, or a 400 that says what to send instead: shared by the routes that take one.

import { BadRequestError } from '../errors.js';

export function parseJsonBody(body: string | null, example: string): unknown {
  if (body === null || body.trim() === '') throw new BadRequestError(`Request body is empty; send ${example}`);
  try {
    return JSON.parse(body);
  } catch (err) {
    throw new BadRequestError(`Request body is not valid JSON (${err instanceof Error ? err.message : String(err)}); send ${example}`);
  }
}
