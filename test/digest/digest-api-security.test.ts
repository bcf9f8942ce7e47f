// The digest routes of the API handler over real dynalite and s3rver: the security headers of pages
// and feeds, the expiry of the links a signed feed hands out, and signed links across a rotation
// of the signing secret.

import { DynamoContributionStore } from '../../shared/adapters/dynamo-contribution-store.js';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/handler.js';
import type { ApiHandler } from '../../shared/http/dispatch.js';
import { DynamoActorDayStore } from '../../shared/adapters/dynamo-actor-day-store.js';
import { DynamoArticleStore } from '../../shared/adapters/dynamo-article-store.js';
import { DigestStore } from '../../shared/adapters/dynamo-digest-store.js';
import { S3BlobStore } from '../../shared/adapters/s3-blob-store.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/digest/render-html.js';
import { DEFAULT_LINK_TTL_S, verifySignedPath, type LinkSecrets } from '../../shared/digest/signed-links.js';
import { silentLogger } from '../../shared/log.js';
import { apiEvent } from '../support/api-event.js';
import { startTestAws, type TestAws } from '../support/aws.js';
import { sampleDigest } from '../support/sample-digest.js';

const DATE = '2026-11-28';
const FIRST_KEY = 'the-first-link-signing-key-0123456789';
const SECOND_KEY = 'the-second-link-signing-key-0123456789';
const THIRD_KEY = 'the-third-link-signing-key-0123456789';

let aws: TestAws;
let now: Date;
let secrets: LinkSecrets;
let handler: ApiHandler;

async function get(url: string): Promise<APIGatewayProxyResult> {
  return handler(apiEvent('GET', url));
}

/** GET /digests/{date}/link: the signed page and feed links, and when they expire. */
async function signedLinks(date: string, ttl?: number): Promise<{ url: string; feed: string; expiresAt: string }> {
  const res = await get(`/digests/${date}/link${ttl ? `?ttl=${ttl}` : ''}`);
  expect(res.statusCode).toBe(200);
  return JSON.parse(res.body);
}

/** The href of every entry of a feed, unescaped. */
function entryLinks(feed: string): URL[] {
  return [...feed.matchAll(/<entry>[\s\S]*?<link[^>]*href="([^"]+)"/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&')));
}

const expiresOf = (url: string | URL) => Number(new URL(url).searchParams.get('expires'));

beforeAll(async () => {
  aws = await startTestAws();
  const blobs = new S3BlobStore(aws.clients.s3, aws.bucketName);
  const digests = new DigestStore(aws.clients.dynamo, aws.tableName, blobs);
  await digests.put(sampleDigest());
  await digests.put({ ...sampleDigest(), date: '2026-11-27', generatedAt: '2026-11-28T00:05:00.000Z' });
  handler = createApiHandler({
    aggregates: new DynamoContributionStore(aws.clients.dynamo, aws.tableName),
    articles: new DynamoArticleStore(aws.clients.dynamo, aws.tableName),
    blobs,
    digests,
    actorDays: new DynamoActorDayStore(aws.clients.dynamo, aws.tableName),
    clock: { now: () => now },
    linkSecrets: async () => secrets,
    publicDigests: false,
    log: silentLogger,
  });
});
afterAll(() => aws?.close());

function resetClockAndKeys() {
  now = new Date('2026-11-29T08:00:00Z');
  secrets = { current: FIRST_KEY };
}

describe('security headers', () => {
  const expectFramingForbidden = (res: APIGatewayProxyResult) => {
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-security-policy']).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(res.headers?.['x-frame-options']).toBe('DENY');
  };

  it('are sent with the HTML page, with and without the key, and the page keeps its <meta> policy', async () => {
    resetClockAndKeys();
    const withKey = await get(`/digests/${DATE}.html`);
    expectFramingForbidden(withKey);
    expect(withKey.body).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/'/g, '&#39;')}">`);
    expect(withKey.body).not.toContain('frame-ancestors');
    expectFramingForbidden(await get((await signedLinks(DATE)).url));
  });

  it('are sent with the Atom feed, with and without the key', async () => {
    resetClockAndKeys();
    expectFramingForbidden(await get('/digests.atom'));
    expectFramingForbidden(await get((await signedLinks(DATE)).feed));
  });
});

describe('a feed opened through a signed link', () => {
  it('hands out page links that expire no later than the feed link', async () => {
    resetClockAndKeys();
    const links = await signedLinks(DATE, 3600);
    const feedExpires = expiresOf(links.feed);
    expect(feedExpires).toBe(Date.parse(links.expiresAt) / 1000);
    const res = await get(links.feed);
    expect(res.statusCode).toBe(200);
    const entries = entryLinks(res.body);
    expect(entries.map((u) => u.pathname)).toEqual([`/public/digests/${DATE}.html`, '/public/digests/2026-11-27.html']);
    for (const entry of entries) {
      expect(expiresOf(entry)).toBeLessThanOrEqual(feedExpires);
      expect((await get(entry.href)).statusCode).toBe(200);
    }
    // When the feed link dies, so do the links it gave.
    now = new Date(feedExpires * 1000);
    for (const entry of entries) expect((await get(entry.href)).statusCode).toBe(403);
  });

  it("read a day into a 7-day feed link, gives entries the feed's expiry, not 7 days from now", async () => {
    resetClockAndKeys();
    const links = await signedLinks(DATE);
    now = new Date(now.getTime() + 86_400_000);
    const entries = entryLinks((await get(links.feed)).body);
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(expiresOf(entry)).toBe(expiresOf(links.feed));
  });

  it('gives entries the full term when read with the API key', async () => {
    resetClockAndKeys();
    const entries = entryLinks((await get('/digests.atom')).body);
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(expiresOf(entry)).toBe(now.getTime() / 1000 + DEFAULT_LINK_TTL_S);
  });

  it('is refused once expired, or tampered with', async () => {
    resetClockAndKeys();
    const { feed } = await signedLinks(DATE, 600);
    const stretched = new URL(feed);
    stretched.searchParams.set('expires', String(expiresOf(feed) + DEFAULT_LINK_TTL_S));
    const tampered = await get(stretched.href);
    expect(tampered.statusCode).toBe(403);
    expect(JSON.parse(tampered.body).message).toMatch(/not valid/);
    // The page's signature does not open the feed.
    const { url } = await signedLinks(DATE, 600);
    expect((await get(`/public/digests.atom${new URL(url).search}`)).statusCode).toBe(403);
    now = new Date(now.getTime() + 601_000);
    const expired = await get(feed);
    expect(expired.statusCode).toBe(403);
    expect(JSON.parse(expired.body).message).toMatch(/expired/);
  });
});

describe('rotating the signing secret', () => {
  it('keeps the links signed with the previous secret open, signs new ones with the current, refuses the rest', async () => {
    resetClockAndKeys();
    const beforeRotation = await signedLinks(DATE);

    secrets = { current: SECOND_KEY, previous: FIRST_KEY };
    expect((await get(beforeRotation.url)).statusCode).toBe(200);
    expect((await get(beforeRotation.feed)).statusCode).toBe(200);

    const afterRotation = await signedLinks(DATE);
    const { pathname, searchParams } = new URL(afterRotation.url);
    expect(verifySignedPath(pathname, searchParams, { current: SECOND_KEY }, now).ok).toBe(true);
    expect(verifySignedPath(pathname, searchParams, { current: FIRST_KEY }, now)).toEqual({ ok: false, reason: 'bad-signature' });
    // The feed's entries too.
    for (const entry of entryLinks((await get(afterRotation.feed)).body)) {
      expect(verifySignedPath(entry.pathname, entry.searchParams, { current: SECOND_KEY }, now).ok).toBe(true);
    }

    // A second rotation retires the first key, even for links that have not expired.
    secrets = { current: THIRD_KEY, previous: SECOND_KEY };
    expect((await get(afterRotation.url)).statusCode).toBe(200);
    const retired = await get(beforeRotation.url);
    expect(retired.statusCode).toBe(403);
    expect(JSON.parse(retired.body).message).toMatch(/not valid/);
  });

  it('still lets a previous-key link expire on time', async () => {
    resetClockAndKeys();
    const { url, expiresAt } = await signedLinks(DATE, 600);
    secrets = { current: SECOND_KEY, previous: FIRST_KEY };
    now = new Date(expiresAt);
    expect(JSON.parse((await get(url)).body).message).toMatch(/expired/);
  });
});
