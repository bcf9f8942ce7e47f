// dynalite writes an item's index entries before the item itself (actions/putItem.js), so a
// process killed between the two leaves an index entry for an item that does not exist, or that
// still has its old index key: a "queued" ghost in a day's list, forever. DynamoDB on AWS writes
// both atomically; this repair is for the local data folder only, run at start after a crash.
//
// The API cannot delete an index entry, but an item write can: writing the item with the ghost's
// index keys makes that entry the item's own, and the next write (the delete, or the real item
// put back) removes it as an old entry. The servers are not yet serving anything else.

import { DeleteCommand, GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_KEYS } from '../shared/store/table-schema.js';

export interface IndexKeys {
  name: string;
  partitionKey: string;
  sortKey: string;
}

/** Removes every index entry whose item is missing or carries another key in that index; returns how many. */
export async function removeOrphanIndexEntries(db: DynamoDBDocumentClient, tableName: string, indexes: readonly IndexKeys[]): Promise<number> {
  let repaired = 0;
  for (const index of indexes) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({
        TableName: tableName, IndexName: index.name, ExclusiveStartKey: start,
        ProjectionExpression: '#pk, #sk, #ipk, #isk',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#sk': TABLE_KEYS.sortKey, '#ipk': index.partitionKey, '#isk': index.sortKey },
      }));
      for (const entry of page.Items ?? []) {
        const key = { [TABLE_KEYS.partitionKey]: entry[TABLE_KEYS.partitionKey], [TABLE_KEYS.sortKey]: entry[TABLE_KEYS.sortKey] };
        const item = (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
        if (item && item[index.partitionKey] === entry[index.partitionKey] && item[index.sortKey] === entry[index.sortKey]) continue;
        const ghostKeys = { [index.partitionKey]: entry[index.partitionKey], [index.sortKey]: entry[index.sortKey] };
        await db.send(new PutCommand({ TableName: tableName, Item: { ...(item ?? key), ...ghostKeys } }));
        if (item) await db.send(new PutCommand({ TableName: tableName, Item: item }));
        else await db.send(new DeleteCommand({ TableName: tableName, Key: key }));
        repaired++;
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return repaired;
}
