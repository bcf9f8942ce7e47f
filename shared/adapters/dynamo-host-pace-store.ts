// Per-host pacing slots in the single table, shared by every fetch function:
//
//   pk = HOSTPACE#<host>, sk = PACE    nextAt (epoch ms): the host's next free time;
//                                      expiresAt (TTL): an hour after it, when the item means nothing
//
// A reservation is one conditional UpdateItem that moves nextAt from the value it saw to
// max(from, seen) + interval. Two functions that saw the same value cannot both succeed, so every
// slot is handed out once and slots stay an interval apart. A failed condition returns the item
// as it is now (ReturnValuesOnConditionCheckFailure), so the next try needs no read: uncontended,
// a reservation costs one write; each function that lost a race pays one more.

import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HostPaceStore } from '../crawl/host-pacer.js';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../store/table-schema.js';
import { isConditionFailure } from './dynamo-conditions.js';

const paceKey = (host: string) => ({ [TABLE_KEYS.partitionKey]: `HOSTPACE#${host}`, [TABLE_KEYS.sortKey]: 'PACE' });
/** A pace item whose nextAt has passed is the same as none; DynamoDB may delete it after this. */
const EXPIRY_AFTER_MS = 60 * 60 * 1000;
/**
 * Races lost in a row before giving up (the message is retried). Each loss means another function
 * got a slot, so even ten fetch functions on one host settle within this.
 */
const MAX_ATTEMPTS = 20;

const ttl = (nextAtMs: number) => Math.ceil((nextAtMs + EXPIRY_AFTER_MS) / 1000);

export class DynamoHostPaceStore implements HostPaceStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async reserve(host: string, fromMs: number, intervalMs: number): Promise<number> {
    // First try: the host is free by `from` (no item, or its next free time has passed).
    let seen: number | undefined = undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const slot = seen === undefined ? fromMs : Math.max(fromMs, seen);
      try {
        await this.db.send(new UpdateCommand({
          TableName: this.tableName,
          Key: paceKey(host),
          UpdateExpression: 'SET nextAt = :next, #ttl = :ttl',
          ConditionExpression: seen === undefined ? 'attribute_not_exists(nextAt) OR nextAt <= :from' : 'nextAt = :seen',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':next': slot + intervalMs,
            ':ttl': ttl(slot + intervalMs),
            ...(seen === undefined ? { ':from': fromMs } : { ':seen': seen }),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }));
        return slot;
      } catch (err: unknown) {
        if (!isConditionFailure(err)) throw err;
        seen = nextAtFromFailure(err) ?? (await this.read(host));
        // The item went away between the failure and the read (TTL): start again as if free.
        if (seen === undefined) continue;
      }
    }
    throw new Error(`could not reserve a pacing slot for ${host} after ${MAX_ATTEMPTS} attempts: too many fetchers at once`);
  }

  async holdUntil(host: string, untilMs: number): Promise<void> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: paceKey(host),
        UpdateExpression: 'SET nextAt = :until, #ttl = :ttl',
        // Never moves slots already handed out closer together: only later.
        ConditionExpression: 'attribute_not_exists(nextAt) OR nextAt < :until',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':until': untilMs, ':ttl': ttl(untilMs) },
      }));
    } catch (err: unknown) {
      if (!isConditionFailure(err)) throw err;
    }
  }

  /** dynalite does not return the item with a failed condition; AWS does, and this read is skipped. */
  private async read(host: string): Promise<number | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: paceKey(host), ConsistentRead: true }));
    return typeof out.Item?.nextAt === 'number' ? out.Item.nextAt : undefined;
  }
}

/** The ConditionalCheckFailedException carries the item in wire form (the document client does not unmarshall errors). */
function nextAtFromFailure(err: unknown): number | undefined {
  const item = (err as { Item?: Record<string, { N?: string }> }).Item;
  const n = item?.nextAt?.N;
  return n === undefined ? undefined : Number(n);
}
