import { NewsdigestError } from '../errors.js';

/** A feed, sitemap or OPML body we cannot read: malformed, hostile, too large, or not a feed at all. */
export class FeedParseError extends NewsdigestError {
  // The same bytes will fail the same way on every retry.
  readonly retryable = false;
}
