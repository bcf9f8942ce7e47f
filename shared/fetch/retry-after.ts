// Retry-After on 429 and 503 (RFC 9110 10.2.3): how long the server asks us to stay away. A feed
// poller that ignores it gets blocked; one that honours it comes back when the site expects it.

import { FetchResponseError } from '../errors.js';

const DELAY_SECONDS = /^\s*(\d+)\s*$/;

/**
 * Seconds to wait from a Retry-After value: delay-seconds, or an HTTP-date counted from `nowMs`
 * (0 when it is already past). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const seconds = DELAY_SECONDS.exec(value);
  if (seconds) return Number(seconds[1]);
  // A bare number that failed the pattern above (negative, fractional) is not a date either.
  if (/^[\s\d.+-]*$/.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** A 429 or 503: a FetchResponseError that also carries the server's Retry-After, when it sent one. */
export class FetchRetryLaterError extends FetchResponseError {
  constructor(message: string, retryable: boolean, httpStatus: number, readonly retryAfterSeconds: number | undefined) {
    super(message, retryable, httpStatus);
    // Failure codes, metrics and stored errors are keyed by the name; this stays a FetchResponseError there.
    this.name = 'FetchResponseError';
  }
}
