// Fetch stage: download the page through the guarded fetcher and put the HTML in S3 before
// anything else, so the article can always be re-processed without fetching again.

import { gzipSync } from 'node:zlib';
import { NotFoundError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ArticleStore, BlobStore, Clock, FetchMessage, PageFetcher, ProcessMessage, Queue } from '../ports.js';
import { S3_PREFIXES } from '../store/table-schema.js';

export interface FetchStageDeps {
  articles: ArticleStore;
  blobs: BlobStore;
  fetcher: PageFetcher;
  processQueue: Queue<ProcessMessage>;
  clock: Clock;
}

export const rawKeyFor = (id: string) => `${S3_PREFIXES.raw}${id}.html.gz`;

export async function fetchArticle(msg: FetchMessage, deps: FetchStageDeps, log: Logger): Promise<void> {
  const startedAt = deps.clock.now().toISOString();
  const record = await deps.articles.beginFetch(msg.articleId, startedAt);
  if (!record) throw new NotFoundError(`article ${msg.articleId} does not exist; it was never ingested`);
  if (record === 'done') {
    log.info('already processed; redelivery acknowledged');
    return;
  }
  if (record === 'fetched') {
    // A redelivery. A previous delivery may have died between storing the page and handing over,
    // so hand over again (the process stage ignores a second message).
    log.info('already fetched; handing over again');
    await deps.processQueue.send([{ articleId: msg.articleId }]);
    return;
  }
  const page = await deps.fetcher.fetch(record.canonicalUrl);
  const rawKey = rawKeyFor(record.id);
  await deps.blobs.put(rawKey, gzipSync(page.html), 'text/html; charset=utf-8', 'gzip');
  const marked = await deps.articles.markFetched(record.id, {
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
    httpStatus: page.status,
    finalUrl: page.finalUrl,
    contentType: page.contentType,
    charset: page.charset,
    bytes: page.bytes,
    redirects: page.redirects,
    rawKey,
  }, deps.clock.now().toISOString());
  if (!marked) {
    // Another delivery got there first (and handed over): nothing to add.
    log.info('fetched by another delivery meanwhile; acknowledged');
    return;
  }
  log.info('fetched', { status: page.status, bytes: page.bytes, charset: page.charset, redirects: page.redirects.length });
  await deps.processQueue.send([{ articleId: record.id }]);
}
