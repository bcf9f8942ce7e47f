// The embedded DynamoDB and S3 servers stopped for a few seconds while a batch is being fetched
// and processed: the SDK's retries and the queue's redeliveries carry every article through, and
// POST /ingest during the outage answers 503 with every URL marked retryable, losing nothing.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPipeline, type LocalPipeline } from '../../local/runtime.js';
import { createLogger } from '../../shared/log.js';
import { htmlPage, startFixtureServer, type FixtureServer } from '../support/fixture-server.js';

const KEY = 'outage-test-key-0123456789';
const PAGES = 40;
const OUTAGE_MS = 2000;
const PARAGRAPHS = [
  'The foreign ministers of Norway and Chile signed a fisheries agreement in Oslo on Tuesday, ending a long dispute.',
  'Chile had accused Norwegian trawlers of overfishing near its waters, a charge Oslo always denied.',
  'Both governments said the deal could serve as a model for other disputes over migratory fish stocks.',
];

let server: FixtureServer;
let pipeline: LocalPipeline;
let dataDir: string;

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${pipeline.url}${path}`, {
    method,
    headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, headers: res.headers, body: await res.json() as any };
}

beforeAll(async () => {
  server = await startFixtureServer();
  for (let i = 0; i < PAGES + 1; i++) {
    // A little latency per page, so the batch is still in flight when storage goes away.
    server.route(`/story-${i}`, (_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage(`Fisheries story number ${i}`, PARAGRAPHS)), 40);
    });
  }
  dataDir = mkdtempSync(join(tmpdir(), 'newsdigest-outage-'));
  // The default retry delay (1 s, doubling): what `npm start` runs with. Host pacing off: the 40
  // pages share one local host, and a request a second would stretch the batch past the outage test.
  pipeline = await startLocalPipeline({
    dataDir, port: 0, apiKey: KEY, allowHosts: [server.hostPort], env: { NEWSDIGEST_HOST_INTERVAL_MS: '0' }, log: createLogger({}, { level: 'silent' }),
  });
}, 30_000);

afterAll(async () => {
  await pipeline?.stop();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('storage outage mid-batch', () => {
  it('carries every article through a few seconds without DynamoDB and S3, and refuses new URLs with a retryable 503', async () => {
    const urls = Array.from({ length: PAGES }, (_, i) => `${server.origin}/story-${i}`);
    const posted = await api('POST', '/ingest', { urls });
    expect(posted.status).toBe(202);
    expect(posted.body.accepted).toHaveLength(PAGES);

    // Stop storage once some pages are fetched and the rest are still queued or in flight.
    while (server.hits('/story-5') === 0) await new Promise((r) => setTimeout(r, 10));
    await pipeline.storage.stopServers();
    const late = `${server.origin}/story-${PAGES}`;
    const duringOutage = await api('POST', '/ingest', { urls: [late] });
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await pipeline.storage.startServers();

    expect(duringOutage.status).toBe(503);
    expect(duringOutage.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(duringOutage.body.rejected).toEqual([expect.objectContaining({ url: late, retryable: true })]);

    await pipeline.idle();
    const statuses = new Map<string, number>();
    for (const a of posted.body.accepted as { id: string }[]) {
      const got = await api('GET', `/articles/${a.id}`);
      expect(got.status).toBe(200);
      statuses.set(got.body.status, (statuses.get(got.body.status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ analyzed: PAGES });
    expect(pipeline.deadLetters()).toEqual({ fetch: [], process: [] });
    // The outage was felt (deliveries failed and were redelivered), and no article failed for it.
    const { fetch: fetchStats, process: processStats } = pipeline.queueStats();
    expect(fetchStats.failed + processStats.failed).toBeGreaterThan(0);
    expect(pipeline.metrics.total('ArticlesFailed')).toBe(0);

    // The URL refused during the outage is taken when submitted again.
    const again = await api('POST', '/ingest', { urls: [late] });
    expect(again.status).toBe(202);
    expect(again.body.accepted).toHaveLength(1);
  }, 60_000);
});
