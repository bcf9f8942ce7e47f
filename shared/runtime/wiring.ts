// Builds the pipeline's dependencies from configuration and clients. The Lambda handlers call it
// with the environment the CDK stack sets; the local runtime with its embedded servers and
// in-process queues. Nothing here is created at module load, so a test wires what it wants.

import type { EnvConfig, FetchConfig } from '../config.js';
import { DynamoArticleStore } from '../adapters/dynamo-article-store.js';
import { S3BlobStore } from '../adapters/s3-blob-store.js';
import type { AwsClients } from '../adapters/clients.js';
import { createFetcher } from '../fetch/index.js';
import type { Logger } from '../log.js';
import type { ArticleStore, BlobStore, Clock, PageFetcher } from '../ports.js';
import { systemClock } from '../ports.js';

export interface CoreDeps {
  config: EnvConfig;
  articles: ArticleStore;
  blobs: BlobStore;
  clock: Clock;
  log: Logger;
}

export function coreDeps(config: EnvConfig, clients: AwsClients, log: Logger, clock: Clock = systemClock): CoreDeps {
  return {
    config,
    articles: new DynamoArticleStore(clients.dynamo, config.TABLE_NAME),
    blobs: new S3BlobStore(clients.s3, config.BUCKET_NAME),
    clock,
    log,
  };
}

export function fetcherFrom(config: FetchConfig): PageFetcher {
  return createFetcher({
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
    maxRedirects: config.FETCH_MAX_REDIRECTS,
    allowHosts: config.NEWSDIGEST_ALLOW_HOSTS,
  });
}
