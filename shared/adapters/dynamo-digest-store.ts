// Stored digests. The digest itself holds the day's picture and its top articles (a few hundred
// KB at most); up to DIGEST_INLINE_MAX_BYTES its JSON is kept in the item, beyond it gzipped in S3
// with a pointer in the item (written after the object, so a pointer never dangles). The full
// article list is stored in pages, gzipped in S3, one object per page of one build:
//
//   pk = DIGEST#<date>, sk = DIGEST    body (JSON) or s3Key, bytes, generatedAt
//   pk = DIGESTS,       sk = <date>    the summary GET /digests lists (a range Query, no GSI),
//                                      the basis the next day's changes compare against, and
//                                      `build` (which build's pages are current) and `pages`
//   s3 digests/<date>/articles/<build>/<page>.json.gz
//
// Pages are written first, then the digest, then the summary that points at them. A build's pages
// are never overwritten (a new build writes under its own id), so a reader paging through a day
// while it is rebuilt sees one consistent list: its cursor names the build.
//
// The summary carries the basis so that building a day never fetches the previous digest itself.

import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapLimit } from '../concurrency.js';
import { DIGEST_LIMITS } from '../digest/build.js';
import { NewsdigestError } from '../errors.js';
import type { BlobStore } from '../ports.js';
import { S3_PREFIXES, TABLE_KEYS } from '../store/table-schema.js';
import type { ArticlePage, Digest, DigestArticle, DigestBasis, DigestRepository, DigestSummary, PreviousDigest } from '../digest/types.js';

/** Larger JSON goes to S3: the item also holds keys and metadata, and 400 KB is DynamoDB's hard limit. */
export const DIGEST_INLINE_MAX_BYTES = 350_000;
export const DIGEST_S3_PREFIX = S3_PREFIXES.digests;
export const digestS3Key = (date: string) => `${DIGEST_S3_PREFIX}${date}.json.gz`;

const LIST_PK = 'DIGESTS';
const PAGE_WRITE_CONCURRENCY = 8;
/** A build is named by its generatedAt in milliseconds: unique per day, and it orders builds. */
const buildIdOf = (digest: Pick<Digest, 'generatedAt'>) => String(Date.parse(digest.generatedAt));
export const articlePageKey = (date: string, build: string, page: number) => `${DIGEST_S3_PREFIX}${date}/articles/${build}/${page}.json.gz`;
const digestKey = (date: string) => ({ [TABLE_KEYS.partitionKey]: `DIGEST#${date}`, [TABLE_KEYS.sortKey]: 'DIGEST' });

/** The item points at an S3 object that is missing or unreadable: rebuild the day (POST /digests/{date}). */
export class DigestStorageError extends NewsdigestError {
  readonly retryable = false;
}

type Item = Record<string, unknown>;

function summaryOf(item: Item): DigestSummary {
  return {
    date: item.date as string,
    articleCount: item.articleCount as number,
    generatedAt: item.generatedAt as string,
    topActors: (item.topActors as string[] | undefined) ?? [],
  };
}

export class DigestStore implements DigestRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly blobs: BlobStore,
  ) {}

  /** Stores the digest and, in pages, the day's full article list (by default the digest's own articles). */
  async put(digest: Digest, articles: DigestArticle[] = digest.articles): Promise<void> {
    const build = buildIdOf(digest);
    const pageCount = Math.ceil(articles.length / DIGEST_LIMITS.articlesPerPage);
    await mapLimit(Array.from({ length: pageCount }, (_, i) => i), PAGE_WRITE_CONCURRENCY, async (page) => {
      const items = articles.slice(page * DIGEST_LIMITS.articlesPerPage, (page + 1) * DIGEST_LIMITS.articlesPerPage);
      await this.blobs.put(articlePageKey(digest.date, build, page), gzipSync(JSON.stringify({ pages: pageCount, items })), 'application/json', 'gzip');
    });
    const json = JSON.stringify(digest);
    const bytes = Buffer.byteLength(json);
    const meta = { date: digest.date, generatedAt: digest.generatedAt, articleCount: digest.articleCount, bytes };
    let stored: Item;
    if (bytes < DIGEST_INLINE_MAX_BYTES) {
      stored = { ...meta, body: json };
    } else {
      const s3Key = digestS3Key(digest.date);
      await this.blobs.put(s3Key, gzipSync(json), 'application/json', 'gzip');
      stored = { ...meta, s3Key };
    }
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...digestKey(digest.date), ...stored } }));
    const basis: DigestBasis | undefined = digest.basis;
    await this.db.send(new PutCommand({
      TableName: this.tableName,
      Item: {
        [TABLE_KEYS.partitionKey]: LIST_PK, [TABLE_KEYS.sortKey]: digest.date,
        ...meta,
        topActors: digest.topActors.slice(0, 3).map((a) => a.name),
        ...(basis ? { basis } : {}),
        build, pages: pageCount,
      },
    }));
  }

  async get(date: string): Promise<Digest | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: digestKey(date) }));
    const item = out.Item;
    if (!item) return undefined;
    if (typeof item.body === 'string') return JSON.parse(item.body) as Digest;
    const s3Key = item.s3Key as string | undefined;
    const gz = s3Key ? await this.blobs.get(s3Key) : undefined;
    if (!gz) throw new DigestStorageError(`the digest of ${date} points at ${s3Key ?? 'nothing'}, which is missing; rebuild the day`);
    try {
      return JSON.parse(gunzipSync(gz).toString('utf8')) as Digest;
    } catch (err) {
      throw new DigestStorageError(`the digest of ${date} in ${s3Key} is unreadable; rebuild the day`, { cause: err });
    }
  }

  /**
   * One page of a day's article list: of the current build when `build` is not given (the first
   * page), else of that build. Undefined when the day has no digest, or that page does not exist.
   */
  async articlePage(date: string, page: number, build?: string): Promise<ArticlePage | undefined> {
    let current = build;
    if (current === undefined) {
      const out = await this.db.send(new GetCommand({
        TableName: this.tableName,
        Key: { [TABLE_KEYS.partitionKey]: LIST_PK, [TABLE_KEYS.sortKey]: date },
        ProjectionExpression: 'build, pages',
      }));
      if (!out.Item) return undefined;
      if (typeof out.Item.build !== 'string') {
        // A digest stored before the list was paged: its own articles are the whole list.
        const digest = await this.get(date);
        return digest && page === 0 ? { date, build: buildIdOf(digest), page: 0, pages: 1, items: digest.articles } : undefined;
      }
      current = out.Item.build;
      if (out.Item.pages === 0 && page === 0) return { date, build: current, page: 0, pages: 0, items: [] };
    }
    const gz = await this.blobs.get(articlePageKey(date, current, page));
    if (!gz) return undefined;
    const stored = JSON.parse(gunzipSync(gz).toString('utf8')) as { pages: number; items: DigestArticle[] };
    return { date, build: current, page, pages: stored.pages, items: stored.items };
  }

  async list(from: string, to: string): Promise<DigestSummary[]> {
    if (from > to) return []; // BETWEEN with its bounds reversed is a ValidationException
    const out: DigestSummary[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: {
          '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey,
          '#date': 'date', '#count': 'articleCount', '#at': 'generatedAt', '#top': 'topActors',
        },
        ExpressionAttributeValues: { ':pk': LIST_PK, ':from': from, ':to': to },
        // The basis stays behind: a list needs only the summary.
        ProjectionExpression: '#date, #count, #at, #top',
        ExclusiveStartKey: start,
      }));
      out.push(...(page.Items ?? []).map(summaryOf));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async previousBefore(date: string): Promise<PreviousDigest | undefined> {
    const page = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND #sk < :date',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
      ExpressionAttributeValues: { ':pk': LIST_PK, ':date': date },
      ScanIndexForward: false,
      Limit: 1,
    }));
    const item = page.Items?.[0];
    if (!item) return undefined;
    if (item.basis) return { date: item.date as string, articleCount: item.articleCount as number, basis: item.basis as DigestBasis };
    // A digest stored without a basis: compare with what it shows.
    const digest = await this.get(item.date as string);
    return digest && { date: digest.date, articleCount: digest.articleCount, topActors: digest.topActors, relations: digest.relations };
  }
}
