// newsdigest ingest: submit URLs (100 per request, the API's limit) and follow them until every
// article is processed or failed, with a progress bar on a terminal.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ArticleRecord } from '../../shared/article.js';
import type { IngestResult } from '../../shared/pipeline/ingest.js';
import { callApi, resolveApiTarget, type ApiTarget } from '../api-client.js';
import { ProgressBar } from '../progress.js';

const URLS_PER_REQUEST = 100;
const DONE = new Set(['processed', 'analyzed', 'failed']);

export async function runIngestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { api: { type: 'string' }, key: { type: 'string' }, file: { type: 'string' }, 'no-wait': { type: 'boolean' }, 'timeout': { type: 'string' } },
  });
  const urls = [...positionals];
  if (values.file) urls.push(...readLines(values.file === '-' ? 0 : values.file));
  if (!urls.length) throw new Error('give at least one URL (or --file FILE, --file - for stdin)');
  const target = resolveApiTarget(values.api, values.key);

  const results: IngestResult = { accepted: [], duplicates: [], requeued: [], rejected: [] };
  const submitBar = new ProgressBar('submitting', urls.length);
  for (let i = 0; i < urls.length; i += URLS_PER_REQUEST) {
    const chunk = urls.slice(i, i + URLS_PER_REQUEST);
    try {
      const r = await callApi<IngestResult>(target, 'POST', '/ingest', { urls: chunk });
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
  if (values['no-wait'] || !ids.length) return results.rejected.length && !ids.length ? 1 : 0;
  const records = await follow(target, [...new Set(ids)], Number(values.timeout ?? 120) * 1000);
  const failed = records.filter((r) => r.status === 'failed');
  for (const r of records) {
    const what = r.status === 'failed' ? `${r.error?.stage}: ${r.error?.reason}` : `${r.wordCount ?? 0} words  ${r.title ?? ''}`;
    process.stdout.write(`${r.id}  ${r.status.padEnd(9)}  ${what}\n`);
  }
  return failed.length ? 1 : 0;
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
