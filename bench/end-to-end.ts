// End-to-end throughput on this machine: N distinct article URLs (the bundled samples served
// under many paths) from POST /ingest until every one is processed, through the real local
// pipeline (HTTP API, queues, dynalite, s3rver, Readability).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, type ApiTarget } from '../local/api-client.js';
import { startLocalPipeline } from '../local/runtime.js';
import { startSampleServer } from '../local/sample-server.js';
import type { IngestResult } from '../shared/pipeline/ingest.js';
import { createLogger } from '../shared/log.js';

export interface EndToEndResult {
  articles: number;
  seconds: number;
  articlesPerSecond: number;
  processed: number;
  failed: number;
  peakRssMb: number;
}

/** `analyse: false` measures issue 2's path alone (fetch, S3, Readability, DynamoDB), without analysis and aggregation. */
export async function benchEndToEnd(count = 200, opts: { analyse?: boolean } = {}): Promise<EndToEndResult> {
  const samples = await startSampleServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'newsdigest-bench-'));
  const pipeline = await startLocalPipeline({
    dataDir, port: 0, allowHosts: [samples.hostPort], log: createLogger({}, { level: (process.env.BENCH_LOG as 'info' | undefined) ?? 'silent' }),
    // The sample server is one host standing in for many sites: paced, the run would measure the pace.
    env: { ...process.env, NEWSDIGEST_HOST_INTERVAL_MS: '0' },
    ...(opts.analyse === false ? { analyse: null } : {}),
  });
  const target: ApiTarget = { baseUrl: pipeline.url, apiKey: pipeline.apiKey };
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  try {
    const urls = Array.from({ length: count }, (_, i) => `${samples.origin}/copies/${i}/${samples.files[i % samples.files.length]}`);
    const started = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < urls.length; i += 100) {
      const r = await callApi<IngestResult>(target, 'POST', '/ingest', { urls: urls.slice(i, i + 100) });
      ids.push(...r.accepted.map((a) => a.id));
    }
    await pipeline.idle();
    const seconds = (performance.now() - started) / 1000;
    const day = new Date().toISOString().slice(0, 10);
    let processed = 0, failed = 0, cursor: string | undefined;
    do {
      const page = await callApi<{ items: { status: string }[]; next?: string }>(target, 'GET', `/articles?date=${day}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      for (const a of page.items) { if (a.status === 'failed') failed++; else if (a.status === 'processed' || a.status === 'analyzed') processed++; }
      cursor = page.next;
    } while (cursor);
    return { articles: ids.length, seconds, articlesPerSecond: ids.length / seconds, processed, failed, peakRssMb: peak / 2 ** 20 };
  } finally {
    clearInterval(sampler);
    await pipeline.stop();
    await samples.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchEndToEnd(Number(process.argv[2] ?? 200));
  console.log(r);
}
