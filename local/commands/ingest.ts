// newsdigest ingest: submit URLs (100 per request, the API's limit) and follow them until every
// article is processed or failed, with a progress bar on a terminal.

import { readFileSync } from 'node:fs';
import type { ArticleRecord } from '../../shared/article.js';
import type { IngestResult } from '../../shared/pipeline/ingest.js';
import { ApiError, callApi, resolveApiTarget, type ApiTarget } from '../api-client.js';
import { ProgressBar } from '../progress.js';
import { EXIT_INPUTS_FAILED, EXIT_OK, numberOption, parseCommandArgs, UsageError } from './usage.js';

const URLS_PER_REQUEST = 100;
const DONE = new Set(['processed', 'analyzed', 'failed']);

export async function runIngestCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('ingest', args);
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  const timeoutSeconds = numberOption('timeout', values.timeout, (n) => n > 0, 'a number of seconds above 0');
  const urls = [...positionals];
  if (values.file) urls.push(...readLines(values.file === '-' ? 0 : values.file));
  if (!urls.length) throw new UsageError('give at least one URL (or --file FILE, --file - for stdin)');
  const target = resolveApiTarget(values.api, values.key);

  const results: IngestResult = { accepted: [], duplicates: [], requeued: [], rejected: [] };
  const submitBar = new ProgressBar('submitting', urls.length);
  for (let i = 0; i < urls.length; i += URLS_PER_REQUEST) {
    const chunk = urls.slice(i, i + URLS_PER_REQUEST);
    try {
      const r = await postWithRetries(target, chunk);
      for (const k of ['accepted', 'duplicates', 'requeued', 'rejected'] as const) (results[k] as unknown[]).push(...r[k]);
    } catch (err) {
      const body = (err as { body?: IngestResult }).body;
      if (body?.rejected) results.rejected.push(...body.rejected);
      else throw err;
    }
    submitBar.update(Math.min(urls.length, i + chunk.length));
  }
  submitBar.done();
  process.stdout.write(`accepted ${results.accepted.length}, requeued ${results.requeued.length}, duplicates ${results.duplicates.length}, rejected ${results.rejected.length}\n`);
  for (const r of results.rejected) process.stdout.write(`  rejected ${r.url}: ${r.reason}\n`);

  const ids = [...results.accepted, ...results.requeued, ...results.duplicates].map((a) => a.id);
  // A rejected URL, a failed article and one still in progress at --timeout are all inputs that did not make it.
  const someRejected = results.rejected.length > 0;
  if (values['no-wait'] || !ids.length) return someRejected ? EXIT_INPUTS_FAILED : EXIT_OK;
  const records = await follow(target, [...new Set(ids)], timeoutSeconds * 1000);
  for (const r of records) {
    const what = r.status === 'failed' ? `${r.error?.stage}: ${r.error?.reason}` : `${r.wordCount ?? 0} words  ${r.title ?? ''}`;
    process.stdout.write(`${r.id}  ${r.status.padEnd(9)}  ${what}\n`);
  }
  return someRejected || records.some((r) => r.status === 'failed' || !DONE.has(r.status)) ? EXIT_INPUTS_FAILED : EXIT_OK;
}

async function follow(target: ApiTarget, ids: string[], timeoutMs: number): Promise<ArticleRecord[]> {
  const bar = new ProgressBar('processing', ids.length);
  const latest = new Map<string, ArticleRecord>();
  const deadline = Date.now() + timeoutMs;
  let pending = ids;
  while (pending.length && Date.now() < deadline) {
    for (const id of pending) latest.set(id, await callApi<ArticleRecord>(target, 'GET', `/articles/${id}`));
    pending = ids.filter((id) => !DONE.has(latest.get(id)!.status));
    bar.update(ids.length - pending.length);
    if (pending.length) await new Promise((r) => setTimeout(r, 500));
  }
  bar.done();
  if (pending.length) process.stderr.write(`${pending.length} article(s) still in progress after ${timeoutMs / 1000} s\n`);
  return ids.map((id) => latest.get(id)!);
}

function readLines(file: string | 0): string[] {
  return readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** 503s (the store or queue was down, every URL retryable) are retried after Retry-After, a few times. */
const INGEST_ATTEMPTS = 4;
const MAX_RETRY_WAIT_S = 30;

async function postWithRetries(target: ApiTarget, urls: string[]): Promise<IngestResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callApi<IngestResult>(target, 'POST', '/ingest', { urls });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 503 || attempt >= INGEST_ATTEMPTS) throw err;
      const waitS = Math.min(err.retryAfterSeconds ?? 2 ** attempt, MAX_RETRY_WAIT_S);
      process.stderr.write(`the API is unavailable (${err.message}); trying again in ${waitS} s\n`);
      await new Promise((r) => setTimeout(r, waitS * 1000));
    }
  }
}
