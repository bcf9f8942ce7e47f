// POST /ingest: validate the body, canonicalise each URL, create one article record per new
// canonical URL (a conditional put, so the same URL twice is one article) and queue it for fetch.

import type { z } from 'zod';
import { BadRequestError, describeError } from '../errors.js';
import { ingestRequestSchema } from '../http/api-schemas.js';
import type { Logger } from '../log.js';
import type { PipelineMetrics } from '../metrics.js';
import type { ArticleStore, Clock, FetchMessage, Queue } from '../ports.js';
import { mapLimit } from '../concurrency.js';
import { articleIdFor, canonicalizeUrl, InvalidUrlError } from '../url.js';

export interface IngestDeps {
  articles: ArticleStore;
  fetchQueue: Queue<FetchMessage>;
  clock: Clock;
  log: Logger;
  metrics: PipelineMetrics;
  maxUrlsPerRequest: number;
  /** Static checks that need no DNS (scheme, IP literals, credentials); returns a refusal reason or null. */
  precheck: (url: string) => string | null;
}

export interface IngestResult {
  accepted: { url: string; id: string; canonicalUrl: string }[];
  /** Already known. A duplicate of a failed article is queued again and listed under requeued. */
  duplicates: { url: string; id: string; status: string }[];
  requeued: { url: string; id: string }[];
  rejected: { url: string; reason: string }[];
}

const EXAMPLE_BODY = '{"urls": ["https://..."]}';

/**
 * Parses the request body with the schema the OpenAPI document publishes; anything but
 * {"urls": [string, ...]} is a 400 that says what is wrong.
 */
export function parseIngestBody(body: string | null, maxUrls: number): string[] {
  if (body === null || body.trim() === '') throw new BadRequestError(`Request body is empty; send ${EXAMPLE_BODY}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw new BadRequestError(`Request body is not valid JSON (${err instanceof Error ? err.message : String(err)}); send ${EXAMPLE_BODY}`);
  }
  // reportInput: a missing "urls" (no input) reads differently from a "urls" of the wrong type.
  const result = ingestRequestSchema(maxUrls).safeParse(parsed, { reportInput: true });
  if (result.success) return result.data.urls;
  throw new BadRequestError(ingestBodyProblem(result.error.issues, maxUrls));
}

function ingestBodyProblem(issues: readonly z.core.$ZodIssue[], maxUrls: number): string {
  const [first] = issues;
  if (first.path.length === 0 || (first.code === 'invalid_type' && first.path.length === 1 && first.input === undefined)) {
    return `Request body must be an object with a "urls" array, e.g. ${EXAMPLE_BODY}`;
  }
  if (first.code === 'invalid_type' && first.path.length === 1) return '"urls" must be an array of URL strings';
  if (first.code === 'too_small') return '"urls" is empty; give at least one URL';
  if (first.code === 'too_big') return `At most ${maxUrls} URLs per request (got ${(first.input as unknown[]).length}); split the list`;
  return `"urls" must hold only strings; entries at positions ${issues.map((i) => i.path[1]).join(', ')} are not`;
}

export async function ingestUrls(urls: string[], deps: IngestDeps): Promise<IngestResult> {
  const result: IngestResult = { accepted: [], duplicates: [], requeued: [], rejected: [] };
  const now = deps.clock.now().toISOString();
  const seen = new Set<string>();
  const toQueue: FetchMessage[] = [];

  const candidates: { url: string; canonicalUrl: string; id: string }[] = [];
  for (const url of urls) {
    let canonicalUrl: string;
    try {
      canonicalUrl = canonicalizeUrl(url);
    } catch (err) {
      if (err instanceof InvalidUrlError) { result.rejected.push({ url, reason: err.message }); continue; }
      throw err;
    }
    const refusal = deps.precheck(canonicalUrl);
    if (refusal) { result.rejected.push({ url, reason: refusal }); continue; }
    const id = articleIdFor(canonicalUrl);
    if (seen.has(id)) { result.duplicates.push({ url, id, status: 'queued' }); continue; }
    seen.add(id);
    candidates.push({ url, canonicalUrl, id });
  }

  // Records first, then messages: a message for a record that does not exist would be dead-lettered.
  type Outcome = { kind: 'accepted' } | { kind: 'requeued' } | { kind: 'duplicate'; status: string };
  const outcomes = await mapLimit(candidates, 16, async (c): Promise<Outcome> => {
    if (await deps.articles.create({ id: c.id, url: c.url, canonicalUrl: c.canonicalUrl, now })) return { kind: 'accepted' };
    const existing = await deps.articles.get(c.id);
    if (existing?.status === 'failed' && (await deps.articles.requeue(c.id, now))) return { kind: 'requeued' };
    return { kind: 'duplicate', status: existing?.status ?? 'unknown' };
  });
  // Lists keep the order of the request.
  candidates.forEach((c, i) => {
    const o = outcomes[i];
    if (o.kind === 'duplicate') { result.duplicates.push({ url: c.url, id: c.id, status: o.status }); return; }
    if (o.kind === 'accepted') result.accepted.push(c);
    else result.requeued.push({ url: c.url, id: c.id });
    toQueue.push({ articleId: c.id, url: c.canonicalUrl });
  });

  try {
    await deps.fetchQueue.send(toQueue);
  } catch (err) {
    // The records exist but no message does: mark them failed so that submitting them again requeues them.
    const { code, reason } = describeError(err);
    deps.log.error('could not queue articles for fetch', { count: toQueue.length, code, reason });
    await Promise.allSettled(toQueue.map((m) => deps.articles.markFailed(m.articleId, {
      stage: 'ingest', code, reason: `could not queue for fetch: ${reason}`, retryable: true, at: now,
    })));
    throw err;
  }
  deps.metrics.count('ArticlesIngested', result.accepted.length);
  deps.metrics.count('ArticlesRequeued', result.requeued.length);
  deps.metrics.count('ArticlesDuplicate', result.duplicates.length);
  deps.metrics.count('UrlsRejected', result.rejected.length);
  deps.log.info('ingested', { accepted: result.accepted.length, duplicates: result.duplicates.length, requeued: result.requeued.length, rejected: result.rejected.length });
  return result;
}
