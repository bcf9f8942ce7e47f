// The paging cursor of GET /articles?date=... over real dynalite, in the store and through the API
// handler: every page of a day once, and a forged, garbled or other day's cursor a 400 that says
// which, never a DynamoDB ValidationException turned 500.

import { DynamoContributionStore } from '../../shared/adapters/dynamo-contribution-store.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/handler.js';
import type { ApiHandler } from '../../shared/http/dispatch.js';
import { DynamoActorDayStore } from '../../shared/adapters/dynamo-actor-day-store.js';
import { DynamoArticleStore } from '../../shared/adapters/dynamo-article-store.js';
import { DigestStore } from '../../shared/adapters/dynamo-digest-store.js';
import { S3BlobStore } from '../../shared/adapters/s3-blob-store.js';
import { BadRequestError } from '../../shared/errors.js';
import { silentLogger } from '../../shared/log.js';
import { articleIdFor } from '../../shared/url.js';
import { apiEvent } from '../support/api-event.js';
import { startTestAws, type TestAws } from '../support/aws.js';

const DAY = '2026-11-28';
const OTHER_DAY = '2026-11-27';
const ARTICLES_A_DAY = 5;

let aws: TestAws;
let articles: DynamoArticleStore;
let handler: ApiHandler;

const cursorOf = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

async function list(date: string, cursor?: string, limit = 2) {
  const res = await handler(apiEvent('GET', `/articles?date=${date}&limit=${limit}${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`));
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

beforeAll(async () => {
  aws = await startTestAws();
  articles = new DynamoArticleStore(aws.clients.dynamo, aws.tableName);
  const blobs = new S3BlobStore(aws.clients.s3, aws.bucketName);
  for (const day of [DAY, OTHER_DAY]) {
    for (let i = 0; i < ARTICLES_A_DAY; i++) {
      const url = `https://news.example/${day}/story-${i}`;
      await articles.create({ id: articleIdFor(url), url, canonicalUrl: url, now: `${day}T0${i}:00:00.000Z` });
    }
  }
  handler = createApiHandler({
    aggregates: new DynamoContributionStore(aws.clients.dynamo, aws.tableName),
    articles,
    blobs,
    digests: new DigestStore(aws.clients.dynamo, aws.tableName, blobs),
    actorDays: new DynamoActorDayStore(aws.clients.dynamo, aws.tableName),
    clock: { now: () => new Date() },
    linkSecrets: async () => ({ current: 'a-link-signing-key-not-used-here' }),
    publicDigests: false,
    log: silentLogger,
  });
});
afterAll(() => aws?.close());

describe('paging a day', () => {
  it('gives every article of the day once, following next', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(DAY, cursor);
      expect(page.status).toBe(200);
      for (const item of page.body.items) { expect(item.day).toBe(DAY); seen.push(item.id); }
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toHaveLength(ARTICLES_A_DAY);
    expect(new Set(seen).size).toBe(ARTICLES_A_DAY);
  });

  it('starts after a well-formed key of the day even when no article has it', async () => {
    const first = await articles.listByDay(DAY, { limit: 1 });
    const key = JSON.parse(Buffer.from(first.next!, 'base64url').toString('utf8')) as Record<string, string>;
    const page = await list(DAY, cursorOf({ ...key, pk: 'ARTICLE#0000000000000000' }), 10);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(ARTICLES_A_DAY - 1);
  });
});

describe('a cursor that is not one of this day', () => {
  it("is a 400 when it was made for another day's list", async () => {
    const otherDays = await list(OTHER_DAY);
    expect(otherDays.body.next).toEqual(expect.any(String));
    const res = await list(DAY, otherDays.body.next);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^cursor does not belong to this day/);
    await expect(articles.listByDay(DAY, { cursor: otherDays.body.next })).rejects.toThrow(BadRequestError);
  });

  it('is a 400 "malformed" for garbage, non-JSON, and JSON that is not a start key of the day index', async () => {
    const real = JSON.parse(Buffer.from((await list(DAY)).body.next, 'base64url').toString('utf8')) as Record<string, string>;
    const { gsi1sk: _dropped, ...missingOne } = real;
    const forged = [
      'garbage!',
      '%%%',
      cursorOf('not json at all'),
      cursorOf('"a string"'),
      cursorOf('[1, 2]'),
      cursorOf('null'),
      cursorOf({}),
      cursorOf(missingOne),
      cursorOf({ ...real, extra: 'x' }),
      cursorOf({ ...real, gsi1sk: 5 }),
      cursorOf({ ...real, sk: '' }),
      cursorOf({ ...real, pk: { S: 'ARTICLE#0000000000000000' } }),
      cursorOf({ ...real, gsi1sk: 'x'.repeat(2000) }),
    ];
    for (const cursor of forged) {
      const res = await list(DAY, cursor);
      expect({ cursor, status: res.status }).toEqual({ cursor, status: 400 });
      expect(res.body.message).toMatch(/^cursor is malformed/);
    }
  });
});
