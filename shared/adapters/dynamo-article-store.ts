// ArticleStore over one DynamoDB table. Every write is idempotent or conditional (dynalite has
// no transactions, and SQS may deliver a message twice), so a redelivery can never double a record.

import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ARTICLE_METADATA_FIELDS, type ArticleRecord, type ArticleStatus, type FetchInfo, type StageFailure } from '../article.js';
import { BadRequestError } from '../errors.js';
import type { ArticlePage, ArticleStore, NewArticle, ProcessedFields } from '../ports.js';
import { DAY_INDEX, TABLE_KEYS } from '../store/table-schema.js';
import { utcDay } from '../url.js';

const ARTICLE_SK = 'ARTICLE';
const articleKey = (id: string) => ({ [TABLE_KEYS.partitionKey]: `ARTICLE#${id}`, [TABLE_KEYS.sortKey]: ARTICLE_SK });
const dayPk = (day: string) => `DAY#${day}`;

/** Attributes a list of a day's articles leaves out: they can be large, and GET /articles/{id} has them. */
const LIST_ATTRIBUTES = [
  'id', 'url', 'canonicalUrl', 'finalUrl', 'status', 'day', 'createdAt', 'updatedAt', ...ARTICLE_METADATA_FIELDS,
  'wordCount', 'error', 'stageIngest', 'stageFetch', 'stageProcess',
];

/** Aliases every attribute name (#a0, #a1, ...): many plain names (url, text, status, day) are DynamoDB reserved words. */
function aliases(names: string[]): { refs: string[]; map: Record<string, string> } {
  const map: Record<string, string> = {};
  const refs = names.map((n, i) => { map[`#a${i}`] = n; return `#a${i}`; });
  return { refs, map };
}


const isConditionFailure = (err: unknown) =>
  err instanceof ConditionalCheckFailedException || (err instanceof Error && err.name === 'ConditionalCheckFailedException');

type Item = Record<string, unknown>;

function toRecord(item: Item): ArticleRecord {
  const record: ArticleRecord = {
    id: item.id as string,
    url: item.url as string,
    canonicalUrl: item.canonicalUrl as string,
    status: item.status as ArticleStatus,
    day: item.day as string,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    stages: { ingest: item.stageIngest as { at: string } },
  };
  if (item.stageFetch) record.stages.fetch = item.stageFetch as FetchInfo;
  if (item.stageProcess) record.stages.process = item.stageProcess as ArticleRecord['stages']['process'];
  for (const k of ['finalUrl', 'error', ...ARTICLE_METADATA_FIELDS, 'wordCount', 'text', 'analysis'] as const) {
    if (item[k] !== undefined) (record as unknown as Item)[k] = item[k];
  }
  return record;
}

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (key && typeof key === 'object' && !Array.isArray(key)) return key;
  } catch {
    // fall through to the error below
  }
  throw new BadRequestError('cursor is not one this API returned; start again without it');
}

export class DynamoArticleStore implements ArticleStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async create(a: NewArticle): Promise<boolean> {
    const day = utcDay(a.now);
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: {
          ...articleKey(a.id),
          [DAY_INDEX.partitionKey]: dayPk(day),
          [DAY_INDEX.sortKey]: `${a.now}#${a.id}`,
          id: a.id, url: a.url, canonicalUrl: a.canonicalUrl, status: 'queued', day,
          createdAt: a.now, updatedAt: a.now, stageIngest: { at: a.now },
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
      }));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async get(id: string): Promise<ArticleRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: articleKey(id), ConsistentRead: true }));
    return out.Item ? toRecord(out.Item) : undefined;
  }

  async listByDay(day: string, opts: { limit?: number; cursor?: string } = {}): Promise<ArticlePage> {
    const projection = aliases(LIST_ATTRIBUTES);
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: DAY_INDEX.name,
      KeyConditionExpression: '#gpk = :day',
      ExpressionAttributeNames: { '#gpk': DAY_INDEX.partitionKey, ...projection.map },
      ExpressionAttributeValues: { ':day': dayPk(day) },
      ProjectionExpression: projection.refs.join(', '),
      Limit: opts.limit ?? 50,
      ExclusiveStartKey: decodeCursor(opts.cursor),
    };
    const out = await this.db.send(new QueryCommand(input));
    return { items: (out.Items ?? []).map(toRecord), next: encodeCursor(out.LastEvaluatedKey) };
  }

  async beginFetch(id: string, now: string): Promise<ArticleRecord | 'done' | undefined> {
    let item: Item;
    try {
      const out = await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: articleKey(id),
        UpdateExpression: 'SET #status = :fetching, updatedAt = :now, firstFetchAt = if_not_exists(firstFetchAt, :now), '
          + 'stageFetch = :info REMOVE #error',
        // One round trip instead of a read then a write: the condition is the redelivery check.
        ConditionExpression: 'attribute_exists(#pk) AND NOT (#status IN (:fetched, :processed, :analyzed))',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error', '#pk': TABLE_KEYS.partitionKey },
        ExpressionAttributeValues: {
          ':fetching': 'fetching', ':now': now, ':info': { startedAt: now },
          ':fetched': 'fetched', ':processed': 'processed', ':analyzed': 'analyzed',
        },
        ReturnValues: 'ALL_NEW',
      }));
      item = out.Attributes ?? {};
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return (await this.get(id)) ? 'done' : undefined;
    }
    // DESIGN.md: an article belongs to the UTC day it was first fetched. Ingest filed it under its
    // ingest day; move it only on the first fetch, and only if that day differs.
    const fetchDay = utcDay(now);
    if (item.firstFetchAt === now && item.day !== fetchDay) {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: articleKey(id),
        UpdateExpression: 'SET #day = :day, #gpk = :gpk, #gsk = :gsk',
        ExpressionAttributeNames: { '#day': 'day', '#gpk': DAY_INDEX.partitionKey, '#gsk': DAY_INDEX.sortKey },
        ExpressionAttributeValues: { ':day': fetchDay, ':gpk': dayPk(fetchDay), ':gsk': `${now}#${id}` },
      }));
      item.day = fetchDay;
    }
    return toRecord(item);
  }

  async markFetched(id: string, fetch: FetchInfo, now: string): Promise<void> {
    await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: articleKey(id),
      UpdateExpression: 'SET #status = :fetched, updatedAt = :now, stageFetch = :fetch, finalUrl = :final REMOVE #error',
      ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
      ExpressionAttributeValues: { ':fetched': 'fetched', ':now': now, ':fetch': fetch, ':final': fetch.finalUrl ?? null },
    }));
  }

  async markProcessed(id: string, f: ProcessedFields, now: string): Promise<void> {
    const values: Item = {
      ':status': f.status, ':now': now, ':process': f.process, ':wordCount': f.wordCount,
    };
    const sets = ['#status = :status', 'updatedAt = :now', 'stageProcess = :process', 'wordCount = :wordCount'];
    const removes: string[] = [];
    const names: Record<string, string> = { '#status': 'status', '#error': 'error' };
    if (f.error) { sets.push('#error = :error'); values[':error'] = f.error; } else removes.push('#error');
    for (const k of [...ARTICLE_METADATA_FIELDS, 'text', 'analysis'] as const) {
      names[`#${k}`] = k;
      if (f[k] === undefined || f[k] === null) removes.push(`#${k}`);
      else { sets.push(`#${k} = :${k}`); values[`:${k}`] = f[k]; }
    }
    await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: articleKey(id),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }));
  }

  async markFailed(id: string, failure: StageFailure): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: articleKey(id),
        UpdateExpression: 'SET #status = :failed, updatedAt = :now, #error = :error',
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error', '#pk': TABLE_KEYS.partitionKey },
        ExpressionAttributeValues: { ':failed': 'failed', ':now': failure.at, ':error': failure },
      }));
      return true;
    } catch (err) {
      // No such article (a message for a record that never existed): nothing to mark.
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  /** Records a failure that will be retried: the status stays, the error is kept as the last one seen. */
  async noteRetry(id: string, failure: StageFailure): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: articleKey(id),
        UpdateExpression: 'SET updatedAt = :now, #error = :error',
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#error': 'error', '#pk': TABLE_KEYS.partitionKey },
        ExpressionAttributeValues: { ':now': failure.at, ':error': failure },
      }));
      return true;
    } catch (err) {
      // No such article (a message for a record that never existed): nothing to mark.
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  /** Puts a failed article back in the queue state; false if it was not failed (someone else requeued it). */
  async requeue(id: string, now: string): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: articleKey(id),
        UpdateExpression: 'SET #status = :queued, updatedAt = :now REMOVE #error',
        ConditionExpression: '#status = :failed',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: { ':queued': 'queued', ':failed': 'failed', ':now': now },
      }));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async listUnfinished(): Promise<ArticleRecord[]> {
    // Only the local runtime calls this, once at start-up, on a table of local size: a Scan is fine.
    const out: ArticleRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new ScanCommand({
        TableName: this.tableName,
        FilterExpression: '#sk = :sk AND #status IN (:q, :f1, :f2)',
        ExpressionAttributeNames: { '#sk': TABLE_KEYS.sortKey, '#status': 'status' },
        ExpressionAttributeValues: { ':sk': ARTICLE_SK, ':q': 'queued', ':f1': 'fetching', ':f2': 'fetched' },
        ExclusiveStartKey: start,
      }));
      out.push(...(page.Items ?? []).map(toRecord));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
