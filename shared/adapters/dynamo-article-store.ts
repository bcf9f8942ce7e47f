// ArticleStore over one DynamoDB table. Every write is idempotent or conditional (dynalite has
// no transactions, and SQS may deliver a message twice), so a redelivery can never double a record.

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type QueryCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './dynamo-conditions.js';
import { ARTICLE_METADATA_FIELDS, type ArticleRecord, type ArticleStatus, type FetchInfo, type StageFailure } from '../article.js';
import type { ArticlePage, ArticleStore, InFlightArticle, NewArticle, ProcessedFields } from '../ports.js';
import { stageWindowMs } from '../pipeline/queue-settings.js';
import { DAY_INDEX, INFLIGHT_INDEX, TABLE_KEYS } from '../store/table-schema.js';
import { utcDay } from '../url.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';

const ARTICLE_SK = 'ARTICLE';
const articleKey = (id: string) => ({ [TABLE_KEYS.partitionKey]: `ARTICLE#${id}`, [TABLE_KEYS.sortKey]: ARTICLE_SK });
const dayPk = (day: string) => `DAY#${day}`;

/** The in-flight index's sort key: the stage deadline first, so "overdue" is one key range. */
const inFlightSk = (id: string, now: string, stage: 'fetch' | 'process') =>
  `${new Date(Date.parse(now) + stageWindowMs(stage)).toISOString()}#${id}`;

/** Statuses a stage write may not leave: the article is done. */
const INFLIGHT_NAMES = { '#ipk': INFLIGHT_INDEX.partitionKey, '#isk': INFLIGHT_INDEX.sortKey } as const;
const DONE = { ':processed': 'processed', ':analyzed': 'analyzed' } as const;
const NOT_DONE = 'NOT (#status IN (:processed, :analyzed))';

/** What a list of a day's articles returns: the day index's projection (no text, no analysis). */
const LIST_ATTRIBUTES = [...DAY_INDEX.projected];

/** Aliases every attribute name (#a0, #a1, ...): many plain names (url, text, status, day) are DynamoDB reserved words. */
function aliases(names: string[]): { refs: string[]; map: Record<string, string> } {
  const map: Record<string, string> = {};
  const refs = names.map((n, i) => { map[`#a${i}`] = n; return `#a${i}`; });
  return { refs, map };
}



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
  for (const k of ['finalUrl', 'feedId', 'error', ...ARTICLE_METADATA_FIELDS, 'wordCount', 'text', 'analysis'] as const) {
    if (item[k] !== undefined) (record as unknown as Item)[k] = item[k];
  }
  if (item[BODY_ATTRIBUTE] instanceof Uint8Array) Object.assign(record, unpackBody(item[BODY_ATTRIBUTE]));
  return record;
}

/**
 * The processed article's text and analysis, as one raw-DEFLATE of their JSON: DynamoDB bills a
 * write per started KB of the item, and these ~11 KB of JSON (median article, bench:cost) deflate
 * to about a third. Written once, by the last stage, so no later update pays for them again.
 */
const BODY_ATTRIBUTE = 'body';

export function packBody(text: string | undefined, analysis: unknown): Uint8Array | undefined {
  if (text === undefined && (analysis === undefined || analysis === null)) return undefined;
  return deflateRawSync(JSON.stringify({ text, analysis }));
}

export function unpackBody(bytes: Uint8Array): { text?: string; analysis?: unknown } {
  const { text, analysis } = JSON.parse(inflateRawSync(bytes).toString('utf8')) as { text?: string; analysis?: unknown };
  return { ...(text !== undefined ? { text } : {}), ...(analysis !== undefined && analysis !== null ? { analysis } : {}) };
}

function toInFlight(item: Item): InFlightArticle {
  return {
    id: item.id as string,
    status: item.status as InFlightArticle['status'],
    canonicalUrl: item.canonicalUrl as string,
    deadline: String(item[INFLIGHT_INDEX.sortKey] ?? '').split('#')[0],
    sweeps: typeof item.sweeps === 'number' ? item.sweeps : 0,
  };
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
          [INFLIGHT_INDEX.partitionKey]: INFLIGHT_INDEX.partition,
          [INFLIGHT_INDEX.sortKey]: inFlightSk(a.id, a.now, 'fetch'),
          id: a.id, url: a.url, canonicalUrl: a.canonicalUrl, status: 'queued', day,
          ...(a.feedId ? { feedId: a.feedId } : {}),
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

  async listByDay(day: string, opts: { limit?: number; cursor?: string; feedId?: string } = {}): Promise<ArticlePage> {
    const projection = aliases(LIST_ATTRIBUTES);
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: DAY_INDEX.name,
      KeyConditionExpression: '#gpk = :day',
      // A filter, not an index per feed: it reads (and bills) the day's page either way, which is
      // cheap next to a second index written for every article.
      ...(opts.feedId ? { FilterExpression: '#feed = :feed' } : {}),
      ExpressionAttributeNames: { '#gpk': DAY_INDEX.partitionKey, ...projection.map, ...(opts.feedId ? { '#feed': 'feedId' } : {}) },
      ExpressionAttributeValues: { ':day': dayPk(day), ...(opts.feedId ? { ':feed': opts.feedId } : {}) },
      ProjectionExpression: projection.refs.join(', '),
      Limit: opts.limit ?? 50,
      ExclusiveStartKey: decodeCursor(opts.cursor, dayPk(day)),
    };
    const out = await this.db.send(new QueryCommand(input));
    return { items: (out.Items ?? []).map(toRecord), next: encodeCursor(out.LastEvaluatedKey) };
  }

  async beginFetch(id: string, now: string): Promise<ArticleRecord | 'fetched' | 'done' | undefined> {
    let item: Item;
    try {
      const out = await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: articleKey(id),
        UpdateExpression: 'SET #status = :fetching, updatedAt = :now, firstFetchAt = if_not_exists(firstFetchAt, :now), '
          + 'stageFetch = :info, #ipk = :ipk, #isk = :isk REMOVE #error',
        // One round trip instead of a read then a write: the condition is the redelivery check.
        ConditionExpression: 'attribute_exists(#pk) AND NOT (#status IN (:fetched, :processed, :analyzed))',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error', '#pk': TABLE_KEYS.partitionKey, ...INFLIGHT_NAMES },
        ExpressionAttributeValues: {
          ':fetching': 'fetching', ':now': now, ':info': { startedAt: now },
          ':fetched': 'fetched', ':processed': 'processed', ':analyzed': 'analyzed',
          ':ipk': INFLIGHT_INDEX.partition, ':isk': inFlightSk(id, now, 'fetch'),
        },
        ReturnValues: 'ALL_NEW',
      }));
      item = out.Attributes ?? {};
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const existing = await this.get(id);
      if (!existing) return undefined;
      return existing.status === 'fetched' ? 'fetched' : 'done';
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

  async markFetched(id: string, fetch: FetchInfo, now: string): Promise<boolean> {
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: articleKey(id),
      UpdateExpression: 'SET #status = :fetched, updatedAt = :now, stageFetch = :fetch, finalUrl = :final, #ipk = :ipk, #isk = :isk REMOVE #error',
      // From fetching (or queued/failed, when a late delivery overtakes a requeue), never from fetched or done.
      ConditionExpression: `attribute_exists(#pk) AND NOT (#status = :fetched) AND ${NOT_DONE}`,
      ExpressionAttributeNames: { '#status': 'status', '#error': 'error', '#pk': TABLE_KEYS.partitionKey, ...INFLIGHT_NAMES },
      ExpressionAttributeValues: {
        ':fetched': 'fetched', ':now': now, ':fetch': fetch, ':final': fetch.finalUrl ?? null, ...DONE,
        ':ipk': INFLIGHT_INDEX.partition, ':isk': inFlightSk(id, now, 'process'),
      },
    });
  }

  async markProcessed(id: string, f: ProcessedFields, now: string): Promise<boolean> {
    const values: Item = {
      ':status': f.status, ':now': now, ':process': f.process, ':wordCount': f.wordCount, ...DONE,
    };
    const sets = ['#status = :status', 'updatedAt = :now', 'stageProcess = :process', 'wordCount = :wordCount'];
    // Done: out of the in-flight index.
    const removes: string[] = ['#ipk', '#isk'];
    const names: Record<string, string> = { '#status': 'status', '#error': 'error', '#pk': TABLE_KEYS.partitionKey, ...INFLIGHT_NAMES };
    if (f.error) { sets.push('#error = :error'); values[':error'] = f.error; } else removes.push('#error');
    for (const k of ARTICLE_METADATA_FIELDS) {
      names[`#${k}`] = k;
      if (f[k] === undefined || f[k] === null) removes.push(`#${k}`);
      else { sets.push(`#${k} = :${k}`); values[`:${k}`] = f[k]; }
    }
    // The text and the analysis, the bulk of the item, as one compressed attribute (see packBody);
    // the plain attributes of records written before are removed.
    names['#body'] = BODY_ATTRIBUTE;
    names['#text'] = 'text';
    names['#analysis'] = 'analysis';
    removes.push('#text', '#analysis');
    const body = packBody(f.text, f.analysis);
    if (body) { sets.push('#body = :body'); values[':body'] = body; } else removes.push('#body');
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: articleKey(id),
      UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
      ConditionExpression: `attribute_exists(#pk) AND ${NOT_DONE}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  }

  async markFailed(id: string, failure: StageFailure): Promise<boolean> {
    // No such article (a message for a record that never existed), or one already done (a late
    // failure of a duplicate delivery): nothing to mark.
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: articleKey(id),
      UpdateExpression: 'SET #status = :failed, updatedAt = :now, #error = :error REMOVE #ipk, #isk',
      ConditionExpression: `attribute_exists(#pk) AND ${NOT_DONE}`,
      ExpressionAttributeNames: { '#status': 'status', '#error': 'error', '#pk': TABLE_KEYS.partitionKey, ...INFLIGHT_NAMES },
      ExpressionAttributeValues: { ':failed': 'failed', ':now': failure.at, ':error': failure, ...DONE },
    });
  }

  /** Records a failure that will be retried: the status stays, the error is kept as the last one seen. */
  async noteRetry(id: string, failure: StageFailure): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: articleKey(id),
        UpdateExpression: 'SET updatedAt = :now, #error = :error',
        ConditionExpression: `attribute_exists(#pk) AND ${NOT_DONE}`,
        ExpressionAttributeNames: { '#error': 'error', '#pk': TABLE_KEYS.partitionKey, '#status': 'status' },
        ExpressionAttributeValues: { ':now': failure.at, ':error': failure, ...DONE },
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
        UpdateExpression: 'SET #status = :queued, updatedAt = :now, #ipk = :ipk, #isk = :isk, sweeps = :zero REMOVE #error',
        ConditionExpression: '#status = :failed',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error', ...INFLIGHT_NAMES },
        ExpressionAttributeValues: {
          ':queued': 'queued', ':failed': 'failed', ':now': now, ':zero': 0,
          ':ipk': INFLIGHT_INDEX.partition, ':isk': inFlightSk(id, now, 'fetch'),
        },
      }));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async requeueStale(id: string, seenUpdatedAt: string, now: string): Promise<boolean> {
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: articleKey(id),
      UpdateExpression: 'SET #status = :queued, updatedAt = :now, #ipk = :ipk, #isk = :isk',
      // Unchanged since it was read: no stage has touched it in the meantime.
      ConditionExpression: '#status IN (:queued, :fetching) AND updatedAt = :seen',
      ExpressionAttributeNames: { '#status': 'status', ...INFLIGHT_NAMES },
      ExpressionAttributeValues: {
        ':queued': 'queued', ':fetching': 'fetching', ':seen': seenUpdatedAt, ':now': now,
        ':ipk': INFLIGHT_INDEX.partition, ':isk': inFlightSk(id, now, 'fetch'),
      },
    });
  }

  async listInFlight(before?: string): Promise<InFlightArticle[]> {
    const out: InFlightArticle[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: INFLIGHT_INDEX.name,
        KeyConditionExpression: before ? '#ipk = :ipk AND #isk < :before' : '#ipk = :ipk',
        ExpressionAttributeNames: before ? INFLIGHT_NAMES : { '#ipk': INFLIGHT_INDEX.partitionKey },
        ExpressionAttributeValues: { ':ipk': INFLIGHT_INDEX.partition, ...(before ? { ':before': before } : {}) },
        ExclusiveStartKey: start,
      }));
      out.push(...(page.Items ?? []).map(toInFlight));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /**
   * The articles in flight read from the items themselves (a Scan). Only the local runtime calls it,
   * once at start-up on a table of local size: dynalite writes an item and its index entries
   * separately, so a process killed mid-write can leave an in-flight item without its index entry.
   */
  async scanInFlight(): Promise<InFlightArticle[]> {
    const out: InFlightArticle[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new ScanCommand({
        TableName: this.tableName,
        FilterExpression: '#sk = :sk AND #status IN (:q, :f1, :f2)',
        ExpressionAttributeNames: { '#sk': TABLE_KEYS.sortKey, '#status': 'status' },
        ExpressionAttributeValues: { ':sk': ARTICLE_SK, ':q': 'queued', ':f1': 'fetching', ':f2': 'fetched' },
        ExclusiveStartKey: start,
      }));
      out.push(...(page.Items ?? []).map(toInFlight));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async extendDeadline(seen: InFlightArticle, now: string): Promise<boolean> {
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: articleKey(seen.id),
      UpdateExpression: 'SET #isk = :isk, updatedAt = :now ADD sweeps :one',
      ConditionExpression: '#isk = :seen',
      ExpressionAttributeNames: { '#isk': INFLIGHT_INDEX.sortKey },
      ExpressionAttributeValues: {
        ':seen': `${seen.deadline}#${seen.id}`, ':now': now, ':one': 1,
        ':isk': inFlightSk(seen.id, now, seen.status === 'fetched' ? 'process' : 'fetch'),
      },
    });
  }

  async deferFetch(id: string, until: string, reason: StageFailure): Promise<boolean> {
    return this.conditionalUpdate({
      TableName: this.tableName,
      Key: articleKey(id),
      UpdateExpression: 'SET #status = :queued, updatedAt = :now, #error = :error, #ipk = :ipk, #isk = :isk',
      // A later delivery may have fetched it meanwhile: never back from fetched or done.
      ConditionExpression: `attribute_exists(#pk) AND NOT (#status = :fetched) AND ${NOT_DONE}`,
      ExpressionAttributeNames: { '#status': 'status', '#error': 'error', '#pk': TABLE_KEYS.partitionKey, ...INFLIGHT_NAMES },
      ExpressionAttributeValues: {
        ':queued': 'queued', ':fetched': 'fetched', ':now': reason.at, ':error': reason, ...DONE,
        // The deadline counts from the end of the wait: the sweeper leaves it alone until then.
        ':ipk': INFLIGHT_INDEX.partition, ':isk': inFlightSk(id, until, 'fetch'),
      },
    });
  }

  /** An update whose condition failing means "nothing to do": false instead of an error. */
  private async conditionalUpdate(input: UpdateCommandInput): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand(input));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

}
