// robots.txt files in the single table, shared by every fetch function:
//
//   pk = ROBOTS#<origin>, sk = ROBOTS    status, body (raw DEFLATE of the file), fetchedAt,
//                                        expiresAt (TTL, epoch seconds: when to fetch it again)
//
// Written with UpdateItem (an upsert), so the fetch function needs no PutItem. A file may be up to
// 500 KiB (RFC 9309's limit) and an item 400 KB; robots.txt is text and deflates to a fraction,
// but one that still does not fit is kept in the function's memory only.

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CachedRobots, RobotsCacheStore } from '../crawl/robots-gate.js';
import type { Logger } from '../log.js';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../store/table-schema.js';

const robotsKey = (origin: string) => ({ [TABLE_KEYS.partitionKey]: `ROBOTS#${origin}`, [TABLE_KEYS.sortKey]: 'ROBOTS' });
/** Room under DynamoDB's 400 KB item limit for the keys and the other attributes. */
const MAX_STORED_BODY_BYTES = 380_000;

export class DynamoRobotsCache implements RobotsCacheStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string, private readonly log?: Logger) {}

  async get(origin: string): Promise<CachedRobots | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: robotsKey(origin) }));
    const item = out.Item;
    if (!item || typeof item.status !== 'number' || typeof item[TTL_ATTRIBUTE] !== 'number') return undefined;
    return {
      origin,
      status: item.status,
      body: item.body instanceof Uint8Array ? inflateRawSync(item.body).toString('utf8') : '',
      fetchedAt: String(item.fetchedAt),
      expiresAt: new Date((item[TTL_ATTRIBUTE] as number) * 1000).toISOString(),
    };
  }

  async put(entry: CachedRobots): Promise<void> {
    const body = deflateRawSync(Buffer.from(entry.body, 'utf8'));
    if (body.length > MAX_STORED_BODY_BYTES) {
      this.log?.warn('robots.txt too large to share through the table; kept in memory only', { origin: entry.origin, bytes: body.length });
      return;
    }
    await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: robotsKey(entry.origin),
      UpdateExpression: 'SET #status = :status, body = :body, fetchedAt = :fetchedAt, #ttl = :ttl',
      ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: {
        ':status': entry.status,
        ':body': body,
        ':fetchedAt': entry.fetchedAt,
        // Whole seconds, rounded down: the copy is never used past its expiry.
        ':ttl': Math.floor(Date.parse(entry.expiresAt) / 1000),
      },
    }));
  }
}
