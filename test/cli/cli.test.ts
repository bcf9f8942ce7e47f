// The newsdigest command line, run in-process: extract to a folder (so pages can be scored) and
// ingest against a running local pipeline.

import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../local/cli.js';
import { startLocalPipeline, type LocalPipeline } from '../../local/runtime.js';
import { htmlPage, startFixtureServer, type FixtureServer } from '../support/fixture-server.js';

const PAGES = join(import.meta.dirname, '..', 'fixtures', 'pages');
const tmp = mkdtempSync(join(tmpdir(), 'newsdigest-cli-'));

function capture() {
  let out = '', err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  return { get out() { return out; }, get err() { return err; }, restore() { o.mockRestore(); e.mockRestore(); } };
}

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('newsdigest extract', () => {
  it('writes one <basename>.json per input with title and text', async () => {
    const outDir = join(tmp, 'out');
    const inputs = ['news-site-full', 'jsonld-graph-only'].map((p) => join(PAGES, p, 'source.html'));
    // Two inputs share the basename "source": copy them under distinct names like a real folder of pages.
    const named = inputs.map((p, i) => { const f = join(tmp, `page-${i}.html`); copyFileSync(p, f); return f; });
    const io = capture();
    const code = await main(['extract', ...named, '--out-dir', outDir]).finally(() => io.restore());
    expect(code).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['page-0.json', 'page-1.json']);
    const first = JSON.parse(readFileSync(join(outDir, 'page-0.json'), 'utf8'));
    const expected = JSON.parse(readFileSync(join(PAGES, 'news-site-full', 'expected.json'), 'utf8'));
    expect(first.title).toBe(expected.title);
    expect(first.text).toContain(expected.mustContain[0]);
  });

  it('prints JSON, and fails with the reason for an unreadable input', async () => {
    const io = capture();
    const code = await main(['extract', join(PAGES, 'news-site-full', 'source.html'), join(tmp, 'missing.html'), '--json']).finally(() => io.restore());
    expect(code).toBe(1);
    expect(JSON.parse(io.out.slice(0, io.out.lastIndexOf('}') + 1)).title).toMatch(/tram extension/);
    expect(io.err).toMatch(/missing\.html: .*ENOENT/);
  });

  it('answers an unknown command with usage and exit code 2', async () => {
    const io = capture();
    const code = await main(['frobnicate']).finally(() => io.restore());
    expect(code).toBe(2);
    expect(io.err).toMatch(/unknown command "frobnicate"/);
  });
});

describe('newsdigest ingest', () => {
  let server: FixtureServer;
  let pipeline: LocalPipeline;
  beforeAll(async () => {
    server = await startFixtureServer({
      '/a': (_q, r) => { r.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage('A story for the CLI', ['Lithuania and Poland signed a gas pipeline maintenance agreement in Vilnius on Monday, officials said.', 'The deal runs for ten years and covers repairs on both sides of the border.'])); },
      '/b': (_q, r) => { r.writeHead(200, { 'content-type': 'text/html' }).end(htmlPage('Another story for the CLI', ['Estonia and Finland opened a new ferry route between Tallinn and Helsinki on Tuesday, officials said.', 'The ships will run every two hours in both directions.'])); },
    });
    pipeline = await startLocalPipeline({ dataDir: join(tmp, 'data'), port: 0, apiKey: 'cli-test-key-000000000', allowHosts: [server.hostPort], retryDelayMs: 50 });
  });
  afterAll(async () => { await pipeline?.stop(); await server?.close(); });

  it('submits URLs, follows them until processed and reports rejections, exit 1 for the rejected one', async () => {
    const io = capture();
    const code = await main(['ingest', `${server.origin}/a`, 'not-a-url', '--api', pipeline.url, '--key', pipeline.apiKey]).finally(() => io.restore());
    expect(code).toBe(1);
    expect(io.out).toMatch(/accepted 1, requeued 0, duplicates 0, rejected 1/);
    expect(io.out).toMatch(/rejected not-a-url: not an absolute URL/);
    expect(io.out).toMatch(/analyzed .*A story for the CLI/);
  });

  it('exits 0 when every URL is processed', async () => {
    const io = capture();
    const code = await main(['ingest', `${server.origin}/b`, '--api', pipeline.url, '--key', pipeline.apiKey]).finally(() => io.restore());
    expect(code).toBe(0);
    expect(io.out).toMatch(/accepted 1, requeued 0, duplicates 0, rejected 0/);
    expect(io.out).toMatch(/analyzed .*Another story for the CLI/);
  });

  it('exits non-zero with a clear message when the key is wrong', async () => {
    const io = capture();
    const code = await main(['ingest', `${server.origin}/a`, '--api', pipeline.url, '--key', 'wrong']).finally(() => io.restore());
    expect(code).toBe(1);
    expect(io.err).toMatch(/403/);
  });
});

describe('newsdigest ingest against an API whose storage is down', () => {
  it('submits again after Retry-After while the API answers 503, and reports what it finally took', async () => {
    const url = 'https://news.example/story';
    const api = await startFixtureServer({
      '/ingest': (_q, r, hit) => {
        const rejected = [{ url, reason: 'could not be recorded (TimeoutError: store down); submit the URL again', retryable: true }];
        if (hit <= 2) { r.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' }).end(JSON.stringify({ message: 'unavailable', accepted: [], duplicates: [], requeued: [], rejected })); return; }
        r.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: [{ url, id: '0123456789abcdef', canonicalUrl: url }], duplicates: [], requeued: [], rejected: [] }));
      },
    });
    const io = capture();
    const code = await main(['ingest', url, '--no-wait', '--api', api.origin, '--key', 'k']).finally(() => io.restore());
    await api.close();
    expect(api.hits('/ingest')).toBe(3);
    expect(io.err.match(/trying again in 0 s/g)).toHaveLength(2);
    expect(io.out).toMatch(/accepted 1, requeued 0, duplicates 0, rejected 0/);
    expect(code).toBe(0);
  });

  it('gives up after a few attempts and reports every URL as rejected, exit 1', async () => {
    const url = 'https://news.example/other';
    const api = await startFixtureServer({
      '/ingest': (_q, r) => {
        r.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' })
          .end(JSON.stringify({ message: 'unavailable', accepted: [], duplicates: [], requeued: [], rejected: [{ url, reason: 'store down', retryable: true }] }));
      },
    });
    const io = capture();
    const code = await main(['ingest', url, '--no-wait', '--api', api.origin, '--key', 'k']).finally(() => io.restore());
    await api.close();
    expect(api.hits('/ingest')).toBe(4);
    expect(io.out).toMatch(/rejected 1\n\s+rejected https:\/\/news\.example\/other: store down/);
    expect(code).toBe(1);
  });
});
