// POST /ingest: validate the body, canonicalise each URL, create one article record per new
// canonical URL (a conditional put, so the same URL twice is one article) and queue it for fetch.
// No record is ever stranded: each URL is settled on its own (see ingestUrls).

import type { z } from 'zod';
import { BadRequestError, describeError } from '../errors.js';
import { ingestRequestSchema } from '../http/api-schemas.js';
import { parseJsonBody } from '../http/json-body.js';
import type { Logger } from '../log.js';
import type { PipelineMetrics } from '../metrics.js';
import type { ArticleRecord } from '../article.js';
import { mapLimit } from '../concurrency.js';
import type { ArticleStore, Clock, FetchMessage, Queue } from '../ports.js';
import { articleIdFor, canonicalizeUrl, InvalidUrlError, MAX_URL_LENGTH } from '../url.js';
import { FETCH_CONSUMER, VISIBILITY_PER_CONSUMER_TIMEOUT } from './queue-settings.js';

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
  /**
   * Refused (with the reason); `id` when the record exists but could not be queued (it is marked
   * failed). `retryable`: the store or the queue failed, not the URL; the same URL may succeed later.
   */
  rejected: { url: string; reason: string; retryable: boolean; id?: string }[];
}

const EXAMPLE_BODY = '{"urls": ["https://..."]}';

/**
 * Parses the request body with the schema the OpenAPI document publishes; anything but
 * {"urls": [string, ...]} is a 400 that says what is wrong.
 */
export function parseIngestBody(body: string | null, maxUrls: number): string[] {
  const parsed = parseJsonBody(body, EXAMPLE_BODY);
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

/** `feedId`: the URLs are a feed's entries; their new articles carry it (GET /articles?feed=, GET /digests/{date}?feed=). */
export async function ingestUrls(urls: string[], deps: IngestDeps, opts: { feedId?: string } = {}): Promise<IngestResult> {
  const result: IngestResult = { accepted: [], duplicates: [], requeued: [], rejected: [] };
  const now = deps.clock.now().toISOString();
  const seen = new Set<string>();

  const candidates: { url: string; canonicalUrl: string; id: string }[] = [];
  for (const url of urls) {
    let canonicalUrl: string;
    try {
      canonicalUrl = canonicalizeUrl(url);
    } catch (err) {
      if (err instanceof InvalidUrlError) { result.rejected.push({ url, reason: err.message, retryable: false }); continue; }
      throw err;
    }
    const refusal = deps.precheck(canonicalUrl);
    if (refusal) { result.rejected.push({ url, reason: refusal, retryable: false }); continue; }
    const id = articleIdFor(canonicalUrl);
    if (seen.has(id)) { result.duplicates.push({ url, id, status: 'queued' }); continue; }
    seen.add(id);
    candidates.push({ url: url.trim().slice(0, MAX_URL_LENGTH), canonicalUrl, id });
  }

  // Every URL is settled on its own: a record exists only with its message sent, or it is marked
  // failed with the reason (so submitting it again requeues it); a URL whose record could not even
  // be written is rejected with the reason. One failing URL never fails the request.
  const outcomes = await mapLimit(candidates, 16, (c) => settle(c, deps, now, opts.feedId));
  // Messages in SQS batches of 10, after the records: a message for a record that does not exist would be dead-lettered.
  const toQueue = candidates.filter((_, i) => outcomes[i].kind === 'accepted' || outcomes[i].kind === 'requeued');
  const unsent = await sendInChunks(toQueue, deps);
  // Lists keep the order of the request.
  candidates.forEach((c, i) => {
    const o = outcomes[i];
    const sendError = unsent.get(c.id);
    if (o.kind === 'rejected') result.rejected.push({ url: c.url, reason: o.reason, retryable: true });
    else if (sendError) result.rejected.push({ url: c.url, id: c.id, reason: sendError, retryable: true });
    else if (o.kind === 'duplicate') result.duplicates.push({ url: c.url, id: c.id, status: o.status });
    else if (o.kind === 'accepted') result.accepted.push(c);
    else result.requeued.push({ url: c.url, id: c.id });
  });
  deps.metrics.count('ArticlesIngested', result.accepted.length);
  deps.metrics.count('ArticlesRequeued', result.requeued.length);
  deps.metrics.count('ArticlesDuplicate', result.duplicates.length);
  deps.metrics.count('UrlsRejected', result.rejected.length);
  deps.log.info('ingested', { accepted: result.accepted.length, duplicates: result.duplicates.length, requeued: result.requeued.length, rejected: result.rejected.length });
  return result;
}

type Candidate = { url: string; canonicalUrl: string; id: string };
type Outcome = { kind: 'accepted' } | { kind: 'requeued' } | { kind: 'duplicate'; status: string } | { kind: 'rejected'; reason: string };

async function settle(c: Candidate, deps: IngestDeps, now: string, feedId: string | undefined): Promise<Outcome> {
  try {
    if (await deps.articles.create({ id: c.id, url: c.url, canonicalUrl: c.canonicalUrl, now, ...(feedId ? { feedId } : {}) })) return { kind: 'accepted' };
    const existing = await deps.articles.get(c.id);
    if (!existing) return { kind: 'rejected', reason: 'the article record could not be read back; submit the URL again' };
    if (existing.status === 'failed' && (await deps.articles.requeue(c.id, now))) return { kind: 'requeued' };
    // Queued or fetching for longer than a delivery may hold it: its message was probably lost.
    if (isStale(existing, now) && (await deps.articles.requeueStale(c.id, existing.updatedAt, now))) return { kind: 'requeued' };
    return { kind: 'duplicate', status: existing.status };
  } catch (err) {
    const { code, reason } = describeError(err);
    deps.log.error('could not record an article', { articleId: c.id, code, reason });
    return { kind: 'rejected', reason: `could not be recorded (${code}: ${reason}); submit the URL again` };
  }
}

function isStale(record: ArticleRecord, now: string): boolean {
  if (record.status !== 'queued' && record.status !== 'fetching') return false;
  return Date.parse(now) - Date.parse(record.updatedAt) > fetchVisibilityMs();
}

/** The fetch queue's visibility timeout: a message not acknowledged by then is delivered again. */
const fetchVisibilityMs = () => FETCH_CONSUMER.timeoutSeconds * 1000 * VISIBILITY_PER_CONSUMER_TIMEOUT;

/** SQS batches of 10; a batch SQS refuses leaves its records marked failed. Returns the refused ids with the reason. */
async function sendInChunks(candidates: Candidate[], deps: IngestDeps): Promise<Map<string, string>> {
  const unsent = new Map<string, string>();
  const now = deps.clock.now().toISOString();
  for (let i = 0; i < candidates.length; i += SQS_SEND_BATCH) {
    const chunk = candidates.slice(i, i + SQS_SEND_BATCH);
    try {
      await deps.fetchQueue.send(chunk.map((c) => ({ articleId: c.id, url: c.canonicalUrl })));
    } catch (err) {
      const { code, reason } = describeError(err);
      deps.log.error('could not queue articles for fetch', { count: chunk.length, code, reason });
      for (const c of chunk) {
        unsent.set(c.id, `could not be queued for fetch (${code}: ${reason}); submit the URL again`);
        // If this write fails too, the record stays queued past its deadline and the sweeper resends it.
        await deps.articles.markFailed(c.id, {
          stage: 'ingest', code, reason: `could not queue for fetch: ${reason}`, retryable: true, at: now,
        }).catch(() => false);
      }
    }
  }
  return unsent;
}

const SQS_SEND_BATCH = 10;
