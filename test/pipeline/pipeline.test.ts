// The whole path on one machine, through the real handlers, dynalite, s3rver and the HTTP API:
// POST /ingest -> fetch -> S3 -> Readability -> DynamoDB -> GET /articles.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../shared/article.js';
import type { Analysis } from '../../shared/analysis/types.js';
import { startLocalPipeline, type LocalPipeline } from '../../local/runtime.js';
import { API_ROUTE_TABLE } from '../../shared/http/routes.js';
import { htmlPage, startFixtureServer, type FixtureServer } from '../support/fixture-server.js';

const KEY = 'test-key-0123456789';
const STORY = [
  'The foreign ministers of Norway and Chile signed a fisheries agreement in Oslo on Tuesday, ending a dispute that had lasted three years.',
  'The agreement sets joint quotas for the southern Pacific and creates a commission that will meet twice a year, officials said.',
  'Chile had accused Norwegian trawlers of overfishing near its waters, a charge Oslo always denied.',
  'Both governments said the deal could serve as a model for other disputes over migratory fish stocks in the region.',
];
const CYRILLIC = 'Министр иностранных дел заявил, что переговоры продолжатся в следующем месяце в Москве.';

let server: FixtureServer;
let pipeline: LocalPipeline;
let dataDir: string;

async function api(method: string, path: string, body?: unknown, key: string | null = KEY) {
  const res = await fetch(`${pipeline.url}${path}`, {
    method,
    headers: { ...(key !== null ? { 'x-api-key': key } : {}), 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json: any;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, body: json };
}

async function ingest(...urls: string[]) {
  const res = await api('POST', '/ingest', { urls });
  expect(res.status).toBe(202);
  return res.body as { accepted: { id: string; url: string }[]; duplicates: { id: string; status: string }[]; requeued: { id: string }[]; rejected: { url: string; reason: string }[] };
}

async function article(id: string): Promise<ArticleRecord> {
  const res = await api('GET', `/articles/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  server = await startFixtureServer({
    '/story': (_req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(htmlPage('Norway and Chile end fishing dispute', STORY)); },
    '/gzip-story': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(htmlPage('Compressed story about fisheries', STORY)));
    },
    '/cp1251': (_req, res) => {
      const html = htmlPage('Переговоры продолжатся', [CYRILLIC, CYRILLIC.replace('Москве', 'Минске'), CYRILLIC.replace('месяце', 'году')]).replace('lang="en"', 'lang="ru"').replace('<meta charset="utf-8">', '');
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' }).end(Buffer.from(new TextEncoderCp1251().encode(html)));
    },
    '/redirect': (_req, res) => { res.writeHead(301, { location: '/story-moved' }).end(); },
    '/story-moved': (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage('Moved story on fisheries', STORY)); },
    '/to-metadata': (_req, res) => { res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(); },
    '/pdf': (_req, res) => { res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 ...'); },
    '/gone': (_req, res) => { res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'); },
    '/always-500': (_req, res) => { res.writeHead(500).end('boom'); },
    '/flaky': (_req, res, hit) => {
      if (hit <= 2) res.writeHead(503).end('busy');
      else res.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage('Flaky server finally answers', STORY));
    },
    '/huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const push = () => { while (sent < 10 * 1024 * 1024) { sent += chunk.length; if (!res.write(chunk)) { res.once('drain', push); return; } } res.end(); };
      push();
    },
    '/no-article': (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><nav><a href="/a">A</a></nav></body></html>'); },
  });
  for (let i = 0; i < 5; i++) {
    server.route(`/page-${i}`, (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage(`Paged story number ${i}`, STORY)); });
  }
  dataDir = mkdtempSync(join(tmpdir(), 'newsdigest-pipeline-'));
  pipeline = await startLocalPipeline({ dataDir, port: 0, apiKey: KEY, allowHosts: [server.hostPort], retryDelayMs: 50 });
});

afterAll(async () => {
  await pipeline?.stop();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('API key', () => {
  it('refuses requests without the key or with a wrong one, on every route', async () => {
    for (const [method, path] of [['POST', '/ingest'], ['GET', '/articles?date=2026-11-28'], ['GET', '/articles/0123456789abcdef']]) {
      expect((await api(method, path, method === 'POST' ? { urls: [`${server.origin}/story`] } : undefined, null)).status).toBe(403);
      expect((await api(method, path, method === 'POST' ? { urls: [`${server.origin}/story`] } : undefined, 'wrong-key')).status).toBe(403);
    }
    expect(server.hits('/story')).toBe(0);
  });
});

describe('GET /openapi.json', () => {
  it('answers with the key only, and describes every route of the table', async () => {
    expect((await api('GET', '/openapi.json', undefined, null)).status).toBe(403);
    const res = await api('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body as unknown as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.openapi).toMatch(/^3\.0\./);
    for (const route of API_ROUTE_TABLE) {
      expect(doc.paths[route.resource]?.[route.method.toLowerCase()]?.operationId, `${route.method} ${route.resource}`).toBe(route.operationId);
    }
  });
});

describe('POST /ingest request validation', () => {
  it.each([
    ['{"urls": [', /not valid JSON/],
    ['{"links": []}', /"urls" array/],
    [JSON.stringify({ urls: Array.from({ length: 101 }, (_, i) => `https://example.com/${i}`) }), /At most 100 URLs/],
    ['{"urls": [1, 2]}', /only strings/],
  ])('answers 400 with a clear message for %s', async (body, message) => {
    const res = await api('POST', '/ingest', body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it('answers 400 when no URL is acceptable, with a reason for each', async () => {
    const res = await api('POST', '/ingest', { urls: ['not a url', 'ftp://example.com/x', 'http://10.0.0.1/admin'] });
    expect(res.status).toBe(400);
    expect(res.body.rejected.map((r: { reason: string }) => r.reason)).toEqual([
      expect.stringMatching(/not an absolute URL/),
      expect.stringMatching(/only http and https/),
      expect.stringMatching(/private/),
    ]);
  });
});

describe('the happy path', () => {
  it('ingests a page and serves the clean article with its metadata and stage timestamps', async () => {
    const started = Date.now();
    const r = await ingest(`${server.origin}/story?utm_source=newsletter#comments`);
    expect(r.accepted).toHaveLength(1);
    const id = r.accepted[0].id;
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    await pipeline.idle();

    const a = await article(id);
    expect(a.status).toBe('analyzed');
    expect(a.canonicalUrl).toBe(`${server.origin}/story`);
    expect(a.finalUrl).toBe(`${server.origin}/story`);
    expect(a.title).toBe('Norway and Chile end fishing dispute');
    expect(a.lang).toBe('en');
    expect(a.text).toContain(STORY[0]);
    expect(a.text).toContain(STORY[3]);
    expect(a.text).not.toContain('About us');
    expect(a.wordCount).toBeGreaterThan(60);
    expect(a.stages.fetch?.httpStatus).toBe(200);
    expect(a.stages.fetch?.rawKey).toBe(`raw/${id}.html.gz`);
    expect(a.stages.process?.extractor).toBe('readability');
    for (const t of [a.stages.ingest.at, a.stages.fetch?.finishedAt, a.stages.process?.finishedAt]) {
      expect(Date.parse(t!)).toBeGreaterThanOrEqual(started - 1000);
    }
    expect(a.error).toBeUndefined();
    // The process stage analysed it: actors with offsets into the stored text, and the agreement as a stance.
    const analysis = a.analysis as Analysis;
    const ids = analysis.actors.map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining(['NOR', 'CHL']));
    const norway = analysis.actors.find((x) => x.id === 'NOR')!;
    const surfaces = norway.mentions.map((m) => a.text!.slice(m.start, m.end));
    expect(surfaces).toContain('Norway');
    for (const s of surfaces) expect(['Norway', 'Norwegian', 'Oslo']).toContain(s);
    expect(analysis.stances).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'agree', polarity: 1, cameo: '057', plover: 'SUPPORT' })]));
  });

  it('treats the same URL twice as one article and says so', async () => {
    const first = await ingest(`${server.origin}/story`);
    expect(first.accepted).toHaveLength(0);
    expect(first.duplicates).toEqual([expect.objectContaining({ status: 'analyzed' })]);
    const again = await ingest(`${server.origin}/page-0`, `${server.origin}/page-0?utm_medium=x`);
    expect(again.accepted).toHaveLength(1);
    expect(again.duplicates).toHaveLength(1);
    await pipeline.idle();
    expect(server.hits('/page-0')).toBe(1);
    expect(server.hits('/story')).toBe(1);
  });

  it('follows redirects and decodes gzip and windows-1251 pages', async () => {
    const r = await ingest(`${server.origin}/redirect`, `${server.origin}/gzip-story`, `${server.origin}/cp1251`);
    await pipeline.idle();
    const [redirected, gz, cyr] = await Promise.all(r.accepted.map((x) => article(x.id)));
    expect(redirected.finalUrl).toBe(`${server.origin}/story-moved`);
    expect(redirected.stages.fetch?.redirects).toEqual([`${server.origin}/redirect`]);
    expect(gz.status).toBe('analyzed');
    expect(gz.text).toContain(STORY[1]);
    expect(cyr.stages.fetch?.charset).toBe('windows-1251');
    expect(cyr.text).toContain(CYRILLIC);
    expect(cyr.lang).toBe('ru');
  });

  it('lists a day\'s articles with paging', async () => {
    await ingest(...[1, 2, 3, 4].map((i) => `${server.origin}/page-${i}`));
    await pipeline.idle();
    const day = new Date().toISOString().slice(0, 10);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api('GET', `/articles?date=${day}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const item of res.body.items) { expect(item.text).toBeUndefined(); seen.push(item.id); }
      cursor = res.body.next;
      pages++;
    } while (cursor && pages < 50);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(9);
  });

  it('validates list and get parameters', async () => {
    expect((await api('GET', '/articles')).body.message).toMatch(/"date" is required/);
    expect((await api('GET', '/articles?date=2026-13-40')).status).toBe(400);
    expect((await api('GET', '/articles?date=2026-11-28&limit=0')).status).toBe(400);
    expect((await api('GET', '/articles?date=2026-11-28&cursor=garbage')).status).toBe(400);
    expect((await api('GET', '/articles?date=1999-01-01')).body.items).toEqual([]);
    expect((await api('GET', '/articles/0000000000000000')).status).toBe(404);
    expect((await api('GET', '/articles/not-an-id')).status).toBe(400);
  });
});

describe('failures are recorded, never lost', () => {
  it('marks each failed article with the stage and reason, counts it, and does not dead-letter a handled failure', async () => {
    const failedBefore = pipeline.metrics.total('ArticlesFailed', { stage: 'fetch', reason: 'FetchResponseError' });
    const cases = {
      gone: `${server.origin}/gone`,
      pdf: `${server.origin}/pdf`,
      metadata: `${server.origin}/to-metadata`,
      huge: `${server.origin}/huge`,
      unlisted: 'http://127.0.0.1:9/not-allowed',
    };
    const r = await ingest(...Object.values(cases));
    // The unlisted loopback port is refused at ingest, before anything is stored.
    expect(r.rejected).toEqual([expect.objectContaining({ url: cases.unlisted, reason: expect.stringMatching(/loopback/) })]);
    await pipeline.idle();
    const byUrl = new Map<string, ArticleRecord>();
    for (const a of r.accepted) byUrl.set(a.url, await article(a.id));

    const expectFailed = (url: string, code: string, reason: RegExp) => {
      const a = byUrl.get(url)!;
      expect(a.status).toBe('failed');
      expect(a.error).toMatchObject({ stage: 'fetch', code, retryable: false });
      expect(a.error?.reason).toMatch(reason);
    };
    expectFailed(cases.gone, 'FetchResponseError', /404/);
    expectFailed(cases.pdf, 'FetchResponseError', /not HTML/);
    expectFailed(cases.metadata, 'FetchRefusedError', /169\.254\.169\.254/);
    expectFailed(cases.huge, 'FetchResponseError', /larger than|too large|exceeds/i);
    // Permanent failures are not retried.
    expect(server.hits('/gone')).toBe(1);

    // Handled failures are recorded on the article and counted, not dead-lettered: the DLQ and its
    // alarm are for crashes.
    const dead = pipeline.deadLetters().fetch as { body: { articleId: string }; reason: string }[];
    for (const a of r.accepted) expect(dead.some((d) => d.body.articleId === a.id)).toBe(false);
    // The same failures as metrics, by stage and reason (CloudWatch EMF on AWS).
    expect(pipeline.metrics.total('ArticlesFailed', { stage: 'fetch', reason: 'FetchResponseError' }) - failedBefore).toBe(3);
  });

  it('retries a server error and succeeds when the server recovers', async () => {
    const r = await ingest(`${server.origin}/flaky`);
    await pipeline.idle();
    const a = await article(r.accepted[0].id);
    expect(server.hits('/flaky')).toBe(3);
    expect(a.status).toBe('analyzed');
    expect(a.error).toBeUndefined();
  });

  it('gives up on a persistent server error after the last delivery and dead-letters it', async () => {
    const r = await ingest(`${server.origin}/always-500`);
    await pipeline.idle();
    const a = await article(r.accepted[0].id);
    expect(server.hits('/always-500')).toBe(3);
    expect(a.status).toBe('failed');
    expect(a.error).toMatchObject({ stage: 'fetch', retryable: true });
    expect(a.error?.reason).toMatch(/500/);
    expect((pipeline.deadLetters().fetch as { body: { articleId: string } }[]).some((d) => d.body.articleId === a.id)).toBe(true);
  });

  it('requeues a failed article when it is submitted again', async () => {
    server.route('/gone', (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage('It is back now', STORY)); });
    const r = await ingest(`${server.origin}/gone`);
    expect(r.requeued).toHaveLength(1);
    await pipeline.idle();
    const a = await article(r.requeued[0].id);
    expect(a.status).toBe('analyzed');
    expect(a.title).toBe('It is back now');
  });

  it('survives the page server going down mid-batch', async () => {
    for (let i = 0; i < 6; i++) server.route(`/batch-${i}`, (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage(`Batch story ${i}`, STORY)); });
    await server.close();
    const r = await ingest(...Array.from({ length: 6 }, (_, i) => `${server.origin}/batch-${i}`));
    await new Promise((res) => setTimeout(res, 30));
    await server.reopen();
    await pipeline.idle();
    const records = await Promise.all(r.accepted.map((x) => article(x.id)));
    expect(records.map((x) => x.status)).toEqual(Array(6).fill('analyzed'));
  });
});

describe('restarts', () => {
  it('keeps articles, the API key and the dead letters across a restart', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const before = (await api('GET', `/articles?date=${day}&limit=100`)).body.items.length;
    const deadBefore = pipeline.deadLetters().fetch.length;
    await pipeline.stop();
    pipeline = await startLocalPipeline({ dataDir, port: 0, allowHosts: [server.hostPort], retryDelayMs: 50, env: {} , apiKey: KEY });
    expect((await api('GET', `/articles?date=${day}&limit=100`)).body.items.length).toBe(before);
    expect(pipeline.deadLetters().fetch.length).toBe(deadBefore);
  });
});

/** windows-1251 encoder for the fixture (TextEncoder only speaks UTF-8). */
class TextEncoderCp1251 {
  encode(s: string): Uint8Array {
    const decoder = new TextDecoder('windows-1251');
    const table = new Map<string, number>();
    for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
    return Uint8Array.from([...s].map((ch) => table.get(ch) ?? 0x3f));
  }
}
