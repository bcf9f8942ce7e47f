// POST /ingest. Thin adapter: parse the API Gateway event, run the pure ingest, map errors.

import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createAwsClients } from '../../shared/adapters/clients.js';
import { SqsQueue } from '../../shared/adapters/sqs-queue.js';
import { loadConfig, required } from '../../shared/config.js';
import { precheckUrl } from '../../shared/fetch/index.js';
import { bodyText, errorResponse, json } from '../../shared/http/responses.js';
import { createLogger } from '../../shared/log.js';
import { ingestUrls, parseIngestBody, type IngestDeps } from '../../shared/pipeline/ingest.js';
import { coreDeps } from '../../shared/runtime/wiring.js';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export function createIngestHandler(deps: IngestDeps): ApiHandler {
  return async (event) => {
    try {
      const urls = parseIngestBody(bodyText(event), deps.maxUrlsPerRequest);
      const result = await ingestUrls(urls, deps);
      if (!result.accepted.length && !result.duplicates.length && !result.requeued.length) {
        return json(400, { message: 'None of the URLs can be ingested; see "rejected" for each reason', ...result });
      }
      return json(202, result);
    } catch (err) {
      return errorResponse(err, deps.log);
    }
  };
}

function depsFromEnv(): IngestDeps {
  const config = loadConfig();
  const clients = createAwsClients();
  const core = coreDeps(config, clients, createLogger({ fn: 'ingest' }));
  return {
    ...core,
    fetchQueue: new SqsQueue(clients.sqs, required(config.FETCH_QUEUE_URL, 'FETCH_QUEUE_URL')),
    maxUrlsPerRequest: config.MAX_URLS_PER_REQUEST,
    precheck: (url) => precheckUrl(url, config.NEWSDIGEST_ALLOW_HOSTS),
  };
}

let handle: ApiHandler | undefined;
export const handler: ApiHandler = (event) => (handle ??= createIngestHandler(depsFromEnv()))(event);
