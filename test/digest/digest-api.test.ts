// Daily digests through the whole local pipeline: articles are ingested over HTTP, analysed and
// aggregated as they are processed; the digest is built on demand and served as JSON, Markdown,
// HTML, in the list, the Atom feed, an actor's timeline, and through signed links.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPipeline, type LocalPipeline } from '../../local/runtime.js';
import { SAMPLES_DIR } from '../../local/sample-server.js';
import type { Digest } from '../../shared/digest/types.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';

const KEY = 'digest-test-key-000000000';
const SAMPLES = ['04-iran-coordinated-sanctions.html', '07-thailand-cambodia-border-clash.html', '02-philippines-vietnam-defence-pact.html'];
const today = new Date().toISOString().slice(0, 10);

let server: FixtureServer;
let pipeline: LocalPipeline;
let dataDir: string;

async function get(path: string, key: string | null = KEY) {
  const res = await fetch(path.startsWith('http') ? path : `${pipeline.url}${path}`, { headers: key ? { 'x-api-key': key } : {} });
  return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, text: await res.text() };
}

beforeAll(async () => {
  const routes: Record<string, (req: unknown, res: import('node:http').ServerResponse) => void> = {};
  for (const f of SAMPLES) {
    const page = readFileSync(join(SAMPLES_DIR, f));
    routes[`/${f}`] = (_q, r) => { r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page); };
    // The same wire story on another site: a near-duplicate that must count once.
    if (f.startsWith('04')) routes[`/syndicated/${f}`] = (_q, r) => { r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page); };
  }
  server = await startFixtureServer(routes);
  dataDir = mkdtempSync(join(tmpdir(), 'newsdigest-digest-'));
  pipeline = await startLocalPipeline({ dataDir, port: 0, apiKey: KEY, allowHosts: [server.hostPort], retryDelayMs: 50 });
  const urls = [...SAMPLES.map((f) => `${server.origin}/${f}`), `${server.origin}/syndicated/${SAMPLES[0]}`];
  const res = await fetch(`${pipeline.url}/ingest`, { method: 'POST', headers: { 'x-api-key': KEY }, body: JSON.stringify({ urls }) });
  expect(res.status).toBe(202);
  await pipeline.idle();
  const built = await fetch(`${pipeline.url}/digests/${today}`, { method: 'POST', headers: { 'x-api-key': KEY } });
  expect(built.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await pipeline?.stop();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /digests/{date}', () => {
  it('serves the day as JSON with counts, actors, relations with evidence, and one line per article', async () => {
    const res = await get(`/digests/${today}`);
    expect(res.status).toBe(200);
    const d = JSON.parse(res.text) as Digest;
    expect(d.date).toBe(today);
    // Four URLs, but the syndicated copy of the Iran story counts once and stays listed.
    expect(d.articleCount).toBe(3);
    expect(d.duplicateCount).toBe(1);
    const copies = [`${server.origin}/${SAMPLES[0]}`, `${server.origin}/syndicated/${SAMPLES[0]}`];
    const iran = d.articles.find((a) => copies.includes(a.url))!;
    expect(iran.duplicates?.map((x) => x.url)).toEqual(copies.filter((u) => u !== iran.url));
    expect(d.articles).toHaveLength(3);
    expect(d.topActors.map((a) => a.id)).toEqual(expect.arrayContaining(['USA', 'IRN']));
    const sanctions = d.relations.find((r) => r.source === 'USA' && r.target === 'IRN');
    expect(sanctions?.net).toBeLessThan(0);
    expect(sanctions?.evidence[0]).toMatchObject({ url: expect.stringContaining(server.origin), text: expect.any(String) });
    expect(d.sources.reduce((n, s) => n + s.count, 0)).toBe(3);
  });

  it('pages every article of the day under /articles, and refuses a forged cursor', async () => {
    const res = await get(`/digests/${today}/articles`);
    expect(res.status).toBe(200);
    const page = JSON.parse(res.text) as { page: number; pages: number; items: { url: string; duplicates?: unknown[] }[]; next?: string };
    expect(page).toMatchObject({ page: 0, pages: 1 });
    expect(page.next).toBeUndefined();
    expect(page.items).toHaveLength(3);
    expect(page.items.filter((a) => a.duplicates?.length)).toHaveLength(1);
    expect((await get(`/digests/${today}/articles?cursor=garbage`)).status).toBe(400);
    expect((await get(`/digests/${today}/articles?cursor=1.5`)).status).toBe(400);
    expect((await get('/digests/2020-01-01/articles')).status).toBe(404);
  });

  it('renders Markdown and a standalone HTML page from the same data', async () => {
    const md = await get(`/digests/${today}.md`);
    expect(md.status).toBe(200);
    expect(md.type).toMatch(/text\/markdown/);
    expect(md.text).toMatch(/Iran/);
    const html = await get(`/digests/${today}.html`);
    expect(html.status).toBe(200);
    expect(html.type).toMatch(/text\/html/);
    expect(html.text).toMatch(/<svg[^>]*role="img"/);
    expect(html.text).not.toMatch(/<script/i);
  });

  it('validates the date and tells an unknown day from an empty one', async () => {
    const bad = await get('/digests/2026-13-40');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).message).toMatch(/not a calendar date/);
    expect((await get('/digests/2020-01-01')).status).toBe(404);
    const empty = await fetch(`${pipeline.url}/digests/2020-01-02`, { method: 'POST', headers: { 'x-api-key': KEY } });
    expect(empty.status).toBe(200);
    expect((await empty.json()).articleCount).toBe(0);
    expect(JSON.parse((await get('/digests/2020-01-02')).text).articleCount).toBe(0);
  });

  it('requires the API key', async () => {
    expect((await get(`/digests/${today}`, null)).status).toBe(403);
    expect((await get(`/digests/${today}.html`, null)).status).toBe(403);
  });
});

describe('lists, feed and timelines', () => {
  it('lists the digests of a range', async () => {
    const old = JSON.parse((await get('/digests?from=2020-01-01&to=2020-12-31')).text);
    expect(old.digests.map((d: { date: string }) => d.date)).toEqual(['2020-01-02']);
    const recent = JSON.parse((await get('/digests')).text);
    expect(recent.digests).toEqual([expect.objectContaining({ date: today, articleCount: 3 })]);
    expect((await get('/digests?from=2020-01-01&to=2026-01-01')).status).toBe(400);
  });

  it('serves an Atom feed whose entries link to signed pages', async () => {
    const res = await get('/digests.atom');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/application\/atom\+xml/);
    expect(res.text).toMatch(/<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    const link = /<entry>[\s\S]*?<link[^>]*href="([^"]+)"/.exec(res.text)?.[1].replace(/&amp;/g, '&');
    expect(link).toMatch(/\/public\/digests\/\d{4}-\d{2}-\d{2}\.html\?expires=\d+&sig=/);
    expect((await get(link!, null)).status).toBe(200);
  });

  it("gives an actor's timeline per day", async () => {
    const res = JSON.parse((await get(`/actors/IRN?from=${today}&to=${today}`)).text);
    const day = res.days.find((d: { day: string }) => d.day === today);
    expect(day.articles).toBe(1);
    expect(day.receivedCount).toBeGreaterThan(0);
    expect((await get('/actors/IRN?from=2020-01-01&to=2026-01-01')).status).toBe(400);
  });
});

describe('signed links', () => {
  it('open the HTML page without the key, and nothing else', async () => {
    const { url } = JSON.parse((await get(`/digests/${today}/link`)).text) as { url: string };
    expect(url).toMatch(new RegExp(`/public/digests/${today}\\.html\\?expires=\\d+&sig=`));
    const page = await get(url, null);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<svg/);
    // Over HTTP too: no other site may frame the page.
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    // Tampered signature, another day's path with this signature, no signature, the JSON: refused.
    // (a first character of its own that differs: "A" for "A" would be no tampering, 1 run in 64)
    expect((await get(url.replace(/sig=(.)/, (_, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`), null)).status).toBe(403);
    expect((await get(url.replace(today, '2020-01-02'), null)).status).toBe(403);
    expect((await get(url.split('?')[0], null)).status).toBe(403);
    expect((await get(url.replace('.html?', '.md?'), null)).status).toBe(403);
  });
});
