// npm run demo: the whole pipeline on this machine with no internet. Serves the bundled sample
// pages and an RSS feed of them locally, subscribes to the feed through the API like any client
// would (its entries become articles without a URL posted), posts one URL by hand, waits for the
// pipeline, and prints what came out of each article and the day's digest.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ArticleRecord } from '../shared/article.js';
import type { PollResult } from '../shared/feeds/poll.js';
import type { FeedView } from '../shared/feeds/service.js';
import type { IngestResult } from '../shared/pipeline/ingest.js';
import { createLogger } from '../shared/log.js';
import { callApi, type ApiTarget } from './api-client.js';
import { resolveDataDir, startLocalPipeline } from './runtime.js';
import { startSampleServer } from './sample-server.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { serve: { type: 'boolean' }, port: { type: 'string' } } });
  const samples = await startSampleServer();
  // A fresh data folder per run: the sample server's port, and so every URL, changes each time.
  const dataDir = join(resolveDataDir(), 'demo');
  rmSync(dataDir, { recursive: true, force: true });
  const pipeline = await startLocalPipeline({
    dataDir,
    port: values.port ? Number(values.port) : 0,
    allowHosts: [samples.hostPort],
    log: createLogger({ runtime: 'demo' }, { level: 'warn' }),
  });
  const target: ApiTarget = { baseUrl: pipeline.url, apiKey: pipeline.apiKey };
  console.log(`pipeline at ${pipeline.url}; serving ${samples.files.length} sample pages and their feed at ${samples.origin}`);

  const started = Date.now();
  // The feed of the sample pages: subscribe, and poll it now rather than wait for the poller's turn.
  const feed = await callApi<FeedView>(target, 'POST', '/feeds', { url: `${samples.origin}/feed.xml` });
  const polled = await callApi<PollResult>(target, 'POST', `/feeds/${feed.id}/poll`);
  console.log(`POST /feeds: subscribed to ${feed.url} (feed ${feed.id}); its first poll found ${polled.items} entries and queued ${polled.queued} articles`);
  // One URL posted by hand, that does not exist, to show how a failure is reported.
  const submitted = await callApi<IngestResult>(target, 'POST', '/ingest', { urls: [`${samples.origin}/missing-page.html`] });
  console.log(`POST /ingest: ${submitted.accepted.length} accepted, ${submitted.duplicates.length} duplicates, ${submitted.rejected.length} rejected`);
  await pipeline.idle();
  const elapsed = Date.now() - started;

  const day = new Date().toISOString().slice(0, 10);
  const fromFeed = await callApi<{ items: ArticleRecord[] }>(target, 'GET', `/articles?date=${day}&feed=${feed.id}&limit=100`);
  const records = await Promise.all([...fromFeed.items.map((a) => a.id), ...submitted.accepted.map((a) => a.id)]
    .map((id) => callApi<ArticleRecord>(target, 'GET', `/articles/${id}`)));
  printTable(records);
  const done = records.filter((r) => r.status !== 'failed').length;
  console.log(`\n${done} of ${records.length} articles processed in ${(elapsed / 1000).toFixed(2)} s; failures keep their stage and reason.`);
  console.log('(The sample server is paced like any site: one request a second, NEWSDIGEST_HOST_INTERVAL_MS; see "The crawler\'s manners" in README.md.)');

  // The day's digest, as POST /digests/{date} builds it (the 00:10 UTC schedule does the same).
  await callApi(target, 'POST', `/digests/${day}`);
  const markdown = await callApi<string>(target, 'GET', `/digests/${day}.md`);
  const html = await callApi<string>(target, 'GET', `/digests/${day}.html`);
  const link = await callApi<{ url: string; expiresAt: string }>(target, 'GET', `/digests/${day}/link`);
  const htmlFile = join(dataDir, `digest-${day}.html`);
  writeFileSync(htmlFile, html);
  console.log(`\n${markdown}`);
  console.log(`HTML page: ${htmlFile}`);
  console.log(`          ${link.url}\n          (a signed link: no API key needed; it works while the pipeline runs, so add --serve)`);

  if (values.serve) {
    console.log(`\nThe API stays up: curl -H "x-api-key: ${pipeline.apiKey}" "${pipeline.url}/articles?date=${new Date().toISOString().slice(0, 10)}"\nCtrl-C stops it.`);
    await new Promise<void>((r) => { process.once('SIGINT', () => r()); process.once('SIGTERM', () => r()); });
  }
  await pipeline.stop();
  await samples.close();
}

function printTable(records: ArticleRecord[]): void {
  const rows = records.map((r) => {
    const start = Date.parse(r.stages.fetch?.startedAt ?? r.createdAt);
    const end = Date.parse(r.stages.process?.finishedAt ?? r.updatedAt);
    return {
      status: r.status,
      title: r.status === 'failed' ? `(${r.error?.stage}: ${r.error?.reason})` : r.title ?? '',
      words: r.wordCount !== undefined ? String(r.wordCount) : '-',
      ms: Number.isFinite(end - start) ? String(end - start) : '-',
      lang: r.lang ?? '',
    };
  });
  const width = Math.min(72, Math.max(5, ...rows.map((r) => r.title.length)));
  const cut = (s: string) => (s.length > width ? s.slice(0, width - 1) + '…' : s.padEnd(width));
  console.log(`\n${'status'.padEnd(10)} ${'title'.padEnd(width)} ${'lang'.padEnd(4)} ${'words'.padStart(6)} ${'ms'.padStart(6)}`);
  console.log('-'.repeat(width + 31));
  for (const r of rows) console.log(`${r.status.padEnd(10)} ${cut(r.title)} ${r.lang.padEnd(4)} ${r.words.padStart(6)} ${r.ms.padStart(6)}`);
}

main().catch((err) => {
  console.error(`demo failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});
