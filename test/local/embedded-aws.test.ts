import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, startEmbeddedAws, type EmbeddedAws } from '../../local/embedded-aws.js';
import { DAY_INDEX } from '../../shared/store/table-schema.js';
import { startTestAws, type TestAws } from '../support/aws.js';

async function readObject(aws: { clients: TestAws['clients'] }, bucket: string, key: string): Promise<{ body: Buffer; contentEncoding?: string }> {
  const out = await aws.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!out.Body) throw new Error(`no body for ${key}`);
  return { body: Buffer.from(await out.Body.transformToByteArray()), contentEncoding: out.ContentEncoding };
}

describe('embedded AWS through the SDK clients', () => {
  let aws: TestAws;
  beforeAll(async () => {
    aws = await startTestAws();
  });
  afterAll(() => aws.close());

  it('creates the table with the schema keys and the day index, and the bucket', async () => {
    const { Table } = await aws.clients.dynamo.send(new DescribeTableCommand({ TableName: aws.tableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    const index = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === DAY_INDEX.name);
    expect(index?.KeySchema).toEqual([
      { AttributeName: 'gsi1pk', KeyType: 'HASH' },
      { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
    ]);
    expect(index?.Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: [...DAY_INDEX.projected] });
    await expect(aws.clients.s3.send(new HeadBucketCommand({ Bucket: aws.bucketName }))).resolves.toBeDefined();
  });

  it('puts and gets an item, drops undefined attributes, and queries the day index', async () => {
    await aws.clients.dynamo.send(
      new PutCommand({
        TableName: aws.tableName,
        Item: { pk: 'ARTICLE#a1', sk: 'META', gsi1pk: 'DAY#2026-01-01', gsi1sk: '2026-01-01T10:00:00Z#a1', title: 'Ünïcode', missing: undefined },
      }),
    );
    const { Item } = await aws.clients.dynamo.send(new GetCommand({ TableName: aws.tableName, Key: { pk: 'ARTICLE#a1', sk: 'META' } }));
    expect(Item).toEqual({ pk: 'ARTICLE#a1', sk: 'META', gsi1pk: 'DAY#2026-01-01', gsi1sk: '2026-01-01T10:00:00Z#a1', title: 'Ünïcode' });

    const { Items } = await aws.clients.dynamo.send(
      new QueryCommand({
        TableName: aws.tableName,
        IndexName: DAY_INDEX.name,
        KeyConditionExpression: 'gsi1pk = :d',
        ExpressionAttributeValues: { ':d': 'DAY#2026-01-01' },
      }),
    );
    expect(Items?.map((i) => i.pk)).toEqual(['ARTICLE#a1']);
  });

  it('round-trips a stream body byte for byte (no aws-chunked framing stored)', async () => {
    const data = Buffer.concat([Buffer.from('<p>é ü ß 中文</p>'.repeat(5000)), Buffer.from([0, 255, 128])]);
    const chunks = [data.subarray(0, 65_536), data.subarray(65_536, 100_000), data.subarray(100_000)];
    await aws.clients.s3.send(
      new PutObjectCommand({ Bucket: aws.bucketName, Key: 'raw/stream.bin', Body: Readable.from(chunks), ContentLength: data.length }),
    );
    const { body } = await readObject(aws, aws.bucketName, 'raw/stream.bin');
    expect(body.length).toBe(data.length);
    expect(body.equals(data)).toBe(true);
  });

  it('round-trips a gzipped Buffer with its content encoding, undecoded', async () => {
    const html = '<html><body>' + 'Russia and China met in Beijing. '.repeat(2000) + '</body></html>';
    const gz = gzipSync(html);
    await aws.clients.s3.send(
      new PutObjectCommand({ Bucket: aws.bucketName, Key: 'raw/a1.html.gz', Body: gz, ContentType: 'text/html; charset=utf-8', ContentEncoding: 'gzip' }),
    );
    const { body, contentEncoding } = await readObject(aws, aws.bucketName, 'raw/a1.html.gz');
    expect(contentEncoding).toBe('gzip');
    expect(body.equals(gz)).toBe(true);
    expect(gunzipSync(body).toString('utf8')).toBe(html);
  });
});

describe('data folder ownership and restarts', () => {
  const dirs: string[] = [];
  const running: EmbeddedAws[] = [];
  const freshDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdigest-embedded-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (dataDir: string) => {
    const aws = await startEmbeddedAws({ dataDir, tableName: 'articles', bucketName: 'raw' });
    running.push(aws);
    return aws;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((a) => a.close()));
  });
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('keeps table items and objects across a restart on the same folder', async () => {
    const dataDir = await freshDir();
    const first = await start(dataDir);
    await first.clients.dynamo.send(new PutCommand({ TableName: 'articles', Item: { pk: 'A', sk: 'B', n: 7 } }));
    await first.clients.s3.send(new PutObjectCommand({ Bucket: 'raw', Key: 'text/a.txt', Body: 'kept' }));
    await first.close();

    const second = await start(dataDir);
    const { Item } = await second.clients.dynamo.send(new GetCommand({ TableName: 'articles', Key: { pk: 'A', sk: 'B' } }));
    expect(Item).toEqual({ pk: 'A', sk: 'B', n: 7 });
    expect((await readObject(second, 'raw', 'text/a.txt')).body.toString()).toBe('kept');
  });

  it('refuses a second owner in the same process and leaves the first one working', async () => {
    const dataDir = await freshDir();
    const first = await start(dataDir);
    const lockBefore = await readFile(path.join(dataDir, '.lock'), 'utf8');

    const attempt = startEmbeddedAws({ dataDir, tableName: 'articles', bucketName: 'raw' });
    await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(attempt).rejects.toThrow(/already in use by this process/);

    expect(await readFile(path.join(dataDir, '.lock'), 'utf8')).toBe(lockBefore);
    await first.clients.dynamo.send(new PutCommand({ TableName: 'articles', Item: { pk: 'still', sk: 'works' } }));
  });

  it('lets exactly one of two racing starts on the same folder win', async () => {
    const dataDir = await freshDir();
    const results = await Promise.allSettled([start(dataDir), start(dataDir)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected');
    expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(DataDirLockedError);
  });

  it('refuses a folder locked by another live process, naming its pid', async () => {
    const dataDir = await freshDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await writeFile(path.join(dataDir, '.lock'), JSON.stringify({ pid: other.pid, token: 'x', since: '2026-01-01T00:00:00Z' }));
      await expect(start(dataDir)).rejects.toThrow(new RegExp(`in use by process ${other.pid}`));
    } finally {
      other.kill();
    }
  });

  it('takes over a stale lock left by a process that died, and releases it on close', async () => {
    const dataDir = await freshDir();
    const dead = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await once(dead, 'exit');
    await writeFile(path.join(dataDir, '.lock'), `${dead.pid}\n`);

    const aws = await start(dataDir);
    const lock = JSON.parse(await readFile(path.join(dataDir, '.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(process.pid);
    await aws.close();
    await expect(readFile(path.join(dataDir, '.lock'), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
