// A crash between dynalite's index write and its item write (the order of actions/putItem.js)
// leaves index entries with no item, or with the item's old key: a ghost in a day's list. The next
// start after such a crash (a stale lock taken over) removes them; the live item stays as it was.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedAws, type EmbeddedAws } from '../../local/embedded-aws.js';
import { DAY_INDEX } from '../../shared/store/table-schema.js';

const require = createRequire(import.meta.url);
// dynalite's own store module: the test writes index entries the way a killed put leaves them.
const dynaliteDb = require('dynalite/db') as {
  create: (options: unknown) => DynaliteStore;
  updateIndexes: (store: DynaliteStore, table: unknown, existing: unknown, item: unknown, cb: (err?: Error) => void) => void;
};
interface DynaliteStore { getTable(name: string, checkStatus: boolean, cb: (err: Error | null, table: unknown) => void): void }

const TABLE = 'repair-table';
const dataDir = mkdtempSync(join(tmpdir(), 'newsdigest-repair-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(): Promise<{ aws: EmbeddedAws; store?: DynaliteStore }> {
  let store: DynaliteStore | undefined;
  const create = dynaliteDb.create;
  dynaliteDb.create = (options) => (store = create(options));
  try {
    const aws = await startEmbeddedAws({ dataDir, tableName: TABLE, bucketName: 'repair-bucket', thread: false });
    return { aws, store };
  } finally {
    dynaliteDb.create = create;
  }
}

const dayList = async (aws: EmbeddedAws) => (await aws.clients.dynamo.send(new QueryCommand({
  TableName: TABLE, IndexName: DAY_INDEX.name, KeyConditionExpression: '#p = :d',
  ExpressionAttributeNames: { '#p': DAY_INDEX.partitionKey }, ExpressionAttributeValues: { ':d': 'DAY#2026-12-03' },
}))).Items!.map((i) => `${i.pk} ${i.gsi1sk}`).sort();

describe('index entries a crash left without their item', () => {
  it('are removed at the next start after the crash, and the live items stay', async () => {
    const first = await start();
    const live = { pk: 'ARTICLE#live', sk: 'ARTICLE', id: 'live', status: 'analyzed', gsi1pk: 'DAY#2026-12-03', gsi1sk: '2026-12-03T08:00:00Z#live' };
    await first.aws.clients.dynamo.send(new PutCommand({ TableName: TABLE, Item: live }));
    const table = await new Promise((resolve, reject) => first.store!.getTable(TABLE, false, (err, t) => (err ? reject(err) : resolve(t))));
    const writeIndexOnly = (item: Record<string, unknown>) =>
      new Promise<void>((resolve, reject) => dynaliteDb.updateIndexes(first.store!, table, undefined, marshall(item), (err) => (err ? reject(err) : resolve())));
    // A put killed after its index write: an article that never got its item...
    await writeIndexOnly({ pk: 'ARTICLE#ghost', sk: 'ARTICLE', id: 'ghost', status: 'queued', gsi1pk: 'DAY#2026-12-03', gsi1sk: '2026-12-03T07:00:00Z#ghost' });
    // ...and the live article's entry from an earlier write that never reached the item.
    await writeIndexOnly({ ...live, status: 'queued', gsi1sk: '2026-12-03T07:30:00Z#live' });
    expect(await dayList(first.aws)).toHaveLength(3);
    await first.aws.close();

    // A clean stop leaves nothing to repair: the entries are still there.
    const clean = await start();
    expect(clean.aws.repairedIndexEntries).toBe(0);
    expect(await dayList(clean.aws)).toHaveLength(3);
    await clean.aws.close();

    // The lock of a process that died holding it: the start after a crash.
    writeFileSync(join(dataDir, '.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, token: 'dead', since: '2026-12-03T07:59:00Z' }));
    const after = await start();
    expect(after.aws.repairedIndexEntries).toBe(2);
    expect(await dayList(after.aws)).toEqual(['ARTICLE#live 2026-12-03T08:00:00Z#live']);
    expect((await after.aws.clients.dynamo.send(new GetCommand({ TableName: TABLE, Key: { pk: 'ARTICLE#live', sk: 'ARTICLE' } }))).Item).toEqual(live);
    expect((await after.aws.clients.dynamo.send(new GetCommand({ TableName: TABLE, Key: { pk: 'ARTICLE#ghost', sk: 'ARTICLE' } }))).Item).toBeUndefined();
    await after.aws.close();
  }, 60_000);
});
