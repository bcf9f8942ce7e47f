// Named errors. Each says what failed in words a user can act on, and whether a retry could help:
// the stage runners use `retryable` to choose between an SQS retry and the dead-letter queue.

export abstract class NewsdigestError extends Error {
  abstract readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The URL is not one we may fetch: bad scheme, private or metadata address, credentials in it. */
export class FetchRefusedError extends NewsdigestError {
  readonly retryable = false;
}

/** The server answered, but not with something we can use (HTTP error, not HTML, too large). */
export class FetchResponseError extends NewsdigestError {
  constructor(message: string, readonly retryable: boolean, readonly httpStatus?: number) {
    super(message);
  }
}

/** The network failed: DNS, connection refused or reset, timeout. Worth retrying. */
export class FetchNetworkError extends NewsdigestError {
  readonly retryable = true;
}

/** The site's robots.txt disallows the URL for our User-Agent; the message always says "robots.txt disallows". */
export class RobotsDisallowedError extends NewsdigestError {
  readonly retryable = false;
}

/** The site kept asking us to come back later (Retry-After, robots.txt unavailable) for longer than we wait. */
export class FetchGaveUpWaitingError extends NewsdigestError {
  readonly retryable = false;
}

/** Nothing article-like could be extracted, even in degraded mode. */
export class ExtractionError extends NewsdigestError {
  readonly retryable = false;
}

/** A request the API rejects with 400. */
export class BadRequestError extends NewsdigestError {
  readonly retryable = false;
}

export class NotFoundError extends NewsdigestError {
  readonly retryable = false;
}

/** The request conflicts with what is stored (409): doing it would lose data. */
export class ConflictError extends NewsdigestError {
  readonly retryable = false;
}

/** Configuration is missing or malformed; raised at start-up. */
export class ConfigError extends NewsdigestError {
  readonly retryable = false;
}

export function describeError(err: unknown): { code: string; reason: string; retryable: boolean } {
  if (err instanceof NewsdigestError) return { code: err.name, reason: err.message, retryable: err.retryable };
  if (err instanceof Error) return { code: err.name || 'Error', reason: err.message, retryable: true };
  return { code: 'Error', reason: String(err), retryable: true };
}
