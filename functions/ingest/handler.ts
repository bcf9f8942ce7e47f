// POST /ingest. Thin adapter: parse the API Gateway event, run the pure ingest, map errors.

import type { ApiHandler } from '../../shared/http/dispatch.js';
import { bodyText, errorResponse, json } from '../../shared/http/responses.js';
import { ingestUrls, parseIngestBody, type IngestDeps } from '../../shared/pipeline/ingest.js';
import { lambdaHandler, lambdaRuntime } from '../../shared/runtime/lambda.js';
import { ingestDeps } from '../../shared/runtime/wiring.js';

/** What a 503 asks the client to wait: the SDK's own retries already took a second or so. */
const INGEST_RETRY_AFTER_S = 5;

export function createIngestHandler(deps: IngestDeps): ApiHandler {
  return async (event) => {
    try {
      const urls = parseIngestBody(bodyText(event), deps.maxUrlsPerRequest);
      const result = await ingestUrls(urls, deps);
      if (!result.accepted.length && !result.duplicates.length && !result.requeued.length) {
        // Nothing taken because storage or the queue failed is the service's fault, not the request's.
        if (result.rejected.some((r) => r.retryable)) {
          return json(503, { message: 'The article store or queue is unavailable; submit the URLs again shortly', ...result },
            { 'retry-after': String(INGEST_RETRY_AFTER_S) });
        }
        return json(400, { message: 'None of the URLs can be ingested; see "rejected" for each reason', ...result });
      }
      return json(202, result);
    } catch (err) {
      return errorResponse(err, deps.log);
    }
  };
}

export const handler = lambdaHandler(lambdaRuntime('ingest'), (platform) => createIngestHandler(ingestDeps(platform)));
