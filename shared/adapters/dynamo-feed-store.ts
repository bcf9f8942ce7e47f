// Feed subscriptions in the single table, found without a Scan and without an index:
//
//   pk = FEEDS,      sk = <feedId>                the subscription (FeedRecord without `seen`);
//                                                 GET /feeds is a Query of this partition
//   pk = FEED#<id>,  sk = SEEN                    the hashes of the entries seen, 4 bytes each
//                                                 (written only when the poll found new ones)
//   pk = FEEDDUE,    sk = <nextPollAt>#<feedId>   the schedule: the due feeds are one Query up to now
//
// Subscriptions belong to the deployment (one team, one key), so a few thousand feeds in one
// partition each is plenty. One poller runs at a time (the poller function's reserved concurrency
// is 1; locally one timer), so the schedule needs no claims: a poll moves its feed's due entry
// when it is recorded, and a poller that dies mid-poll leaves the entry due, to be polled again.

import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './dynamo-conditions.js';
import { BadRequestError } from '../errors.js';
import type { FeedRecord } from '../feeds/feed.js';
import { TABLE_KEYS } from '../store/table-schema.js';

const LIST_PK = 'FEEDS';
const DUE_PK = 'FEEDDUE';
const seenKey = (id: string) => ({ [TABLE_KEYS.partitionKey]: `FEED#${id}`, [TABLE_KEYS.sortKey]: 'SEEN' });
const feedKey = (id: string) => ({ [TABLE_KEYS.partitionKey]: LIST_PK, [TABLE_KEYS.sortKey]: id });
const dueKey = (f: Pick<FeedRecord, 'id' | 'nextPollAt'>) => ({ [TABLE_KEYS.partitionKey]: DUE_PK, [TABLE_KEYS.sortKey]: `${f.nextPollAt}#${f.id}` });

const FEED_ID = /^[0-9a-f]{16}$/;
export const MAX_FEED_PAGE = 100;


type Item = Record<string, unknown>;

function toFeed(item: Item, seen: string[] = []): FeedRecord {
  const { [TABLE_KEYS.partitionKey]: _pk, [TABLE_KEYS.sortKey]: _sk, ...rest } = item;
  return { ...(rest as Omit<FeedRecord, 'seen'>), seen };
}

const packSeen = (hashes: string[]) => Buffer.from(hashes.join(''), 'hex');
const unpackSeen = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').match(/.{8}/g) ?? [];

export class DynamoFeedStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  /** Stores a new subscription, due at once; false when the feed exists already. */
  async create(feed: FeedRecord): Promise<boolean> {
    const { seen: _seen, ...record } = feed;
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: { ...feedKey(feed.id), ...record },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
      }));
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...dueKey(feed), id: feed.id } }));
    return true;
  }

  /** The subscription, with its seen hashes when asked (a poll needs them, a listing does not). */
  async get(id: string, opts: { withSeen?: boolean } = {}): Promise<FeedRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: feedKey(id) }));
    if (!out.Item) return undefined;
    if (!opts.withSeen) return toFeed(out.Item);
    const seen = await this.db.send(new GetCommand({ TableName: this.tableName, Key: seenKey(id) }));
    return toFeed(out.Item, seen.Item?.hashes instanceof Uint8Array ? unpackSeen(seen.Item.hashes) : []);
  }

  async list(opts: { limit?: number; cursor?: string } = {}): Promise<{ items: FeedRecord[]; next?: string }> {
    if (opts.cursor !== undefined && !FEED_ID.test(opts.cursor)) {
      throw new BadRequestError('cursor is malformed: pass back the `next` of the previous page unchanged');
    }
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
      ExpressionAttributeValues: { ':pk': LIST_PK },
      Limit: Math.min(opts.limit ?? 50, MAX_FEED_PAGE),
      ...(opts.cursor ? { ExclusiveStartKey: feedKey(opts.cursor) } : {}),
    }));
    const last = out.LastEvaluatedKey?.[TABLE_KEYS.sortKey];
    return { items: (out.Items ?? []).map((it) => toFeed(it)), ...(typeof last === 'string' ? { next: last } : {}) };
  }

  /** Removes the subscription, its schedule entry and its seen list; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const existing = await this.get(id);
    if (!existing) return false;
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: dueKey(existing) }));
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: seenKey(id) }));
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: feedKey(id) }));
    return true;
  }

  /**
   * The feeds due at `now`, earliest first, with their seen lists. A schedule entry whose feed was
   * deleted, or that a poll interrupted before it moved the entry left behind, is removed here.
   */
  async due(now: Date, limit = 25): Promise<FeedRecord[]> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND #sk <= :now',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey },
      // '~' sorts after every hex id: entries due at exactly `now` are included.
      ExpressionAttributeValues: { ':pk': DUE_PK, ':now': `${now.toISOString()}#~` },
      Limit: limit,
    }));
    const feeds: FeedRecord[] = [];
    for (const entry of out.Items ?? []) {
      const sk = entry[TABLE_KEYS.sortKey] as string;
      const feed = await this.get(entry.id as string, { withSeen: true });
      if (!feed || sk !== dueKey(feed)[TABLE_KEYS.sortKey]) {
        await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { [TABLE_KEYS.partitionKey]: DUE_PK, [TABLE_KEYS.sortKey]: sk } }));
        continue;
      }
      feeds.push(feed);
    }
    return feeds;
  }

  /**
   * Records a poll: the seen list when it changed, then the record, then the schedule (the new
   * entry before the old one goes, so a crash between them leaves the feed due, never lost).
   */
  async recordPoll(before: FeedRecord, after: FeedRecord): Promise<void> {
    if (after.seen.join('') !== before.seen.join('')) {
      await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...seenKey(after.id), hashes: packSeen(after.seen) } }));
    }
    const { seen: _seen, ...record } = after;
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: { ...feedKey(after.id), ...record },
        // Deleted while it was polled: do not bring it back.
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
      }));
    } catch (err) {
      if (isConditionFailure(err)) return;
      throw err;
    }
    if (after.nextPollAt !== before.nextPollAt) {
      await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...dueKey(after), id: after.id } }));
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: dueKey(before) }));
    }
  }
}
