// dynalite (DynamoDB API) and s3rver (S3 API) running inside this process, with their data under
// one folder, so the same adapters talk to them over the AWS wire protocol as they would to AWS.
//
// One process owns a data folder: LevelDB takes an exclusive lock and a second dynalite on the
// same path crashes on its first request (PLATFORM.md), so we take our own lock file first and
// refuse with a message that says who holds it.

import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  waitUntilTableExists,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { createAwsClients, type OwnedAwsClients } from '../shared/adapters/clients.js';
import { NewsdigestError } from '../shared/errors.js';
import { removeOrphanIndexEntries } from './dynalite-repair.js';
import { removeInterruptedS3Objects } from './s3rver-repair.js';
import { Worker } from 'node:worker_threads';
import { DAY_INDEX, INFLIGHT_INDEX, TABLE_KEYS } from '../shared/store/table-schema.js';

// dynalite and s3rver are CommonJS without type declarations; these are the parts we use.
interface DynaliteOptions {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}
type CreateDynalite = (options: DynaliteOptions) => Server;

interface S3rverOptions {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
}
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: Server;
}
type S3rverConstructor = new (options: S3rverOptions) => S3rverInstance;

const require = createRequire(import.meta.url);
const createDynalite = require('dynalite') as CreateDynalite;
const S3rver = require('s3rver') as S3rverConstructor;

export interface EmbeddedAwsOptions {
  /** Holds `dynamodb/` (LevelDB), `s3/` (one folder per bucket) and the `.lock` file. */
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  dynamoPort?: number;
  /** 0 picks a free port. */
  s3Port?: number;
  tableName: string;
  bucketName: string;
  /**
   * Run the servers on a worker thread (default), so their work uses the second core instead of
   * queueing behind the pipeline on the main thread; false runs them on the calling thread.
   */
  thread?: boolean;
  /** Passed to createAwsClients: applied to each service client (the cost meter's capacity counter). */
  instrument?: <C extends object>(client: C) => C;
}

export interface EmbeddedAws {
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** Index entries left without their item by a crash, removed at this start (local/dynalite-repair.ts). */
  repairedIndexEntries: number;
  /** Clients pointed at the embedded servers; destroyed by close(). */
  clients: OwnedAwsClients;
  /** Stops both servers (dropping any open connection) and releases the data folder. Idempotent. */
  close(): Promise<void>;
  /**
   * Stops both servers but keeps the data folder, its lock, the ports and the clients: a storage
   * outage as the pipeline would see it (connections refused), for tests of its retries.
   */
  stopServers(): Promise<void>;
  /** Starts the servers again on the same ports after stopServers(); a no-op while they run. */
  startServers(): Promise<void>;
}

/** Another live process (or another start in this one) already owns the data folder. */
export class DataDirLockedError extends NewsdigestError {
  readonly retryable = false;
}

/** The existing table was created with different keys or indexes than table-schema.ts declares. */
export class TableSchemaMismatchError extends NewsdigestError {
  readonly retryable = false;
}

export async function startEmbeddedAws(options: EmbeddedAwsOptions): Promise<EmbeddedAws> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.join(dataDir, 'dynamodb'), { recursive: true });
  await mkdir(path.join(dataDir, 's3'), { recursive: true });

  const { release: releaseLock, recovered } = await acquireDataDirLock(dataDir);
  // A process killed during an S3 write can leave an empty object metadata file that s3rver then fails on.
  await removeInterruptedS3Objects(path.join(dataDir, 's3'));
  const cleanups: Array<() => Promise<void> | void> = [releaseLock];
  const cleanup = async () => {
    // Reverse start order: clients first so no keep-alive socket holds a server open.
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch {
        // Best effort: one failing step must not keep the others (and the lock) from being released.
      }
    }
  };

  const launch = (ports: { dynamoPort?: number; s3Port?: number }) =>
    options.thread === false ? startServersInline(dataDir, host, ports) : startServersOnThread(dataDir, host, ports);
  try {
    let servers: RunningServers | undefined = await launch(options);
    const ports = { dynamoPort: servers.dynamoPort, s3Port: servers.s3Port };
    cleanups.push(() => servers?.close());
    const dynamoEndpoint = endpointUrl(host, ports.dynamoPort);
    const s3Endpoint = endpointUrl(host, ports.s3Port);

    const clients = createAwsClients({ dynamoEndpoint, s3Endpoint, local: true, instrument: options.instrument });
    cleanups.push(() => clients.destroy());

    await ensureTable(dynamoEndpoint, options.tableName);
    await ensureBucket(clients.s3, options.bucketName);
    // Only after a crash: a clean stop leaves no index entry without its item.
    const repairedIndexEntries = recovered ? await removeOrphanIndexEntries(clients.dynamo, options.tableName, [DAY_INDEX, INFLIGHT_INDEX]) : 0;

    let closing: Promise<void> | undefined;
    return {
      dynamoEndpoint,
      s3Endpoint,
      clients,
      repairedIndexEntries,
      close: () => (closing ??= cleanup()),
      async stopServers() {
        const running = servers;
        servers = undefined;
        await running?.close();
      },
      async startServers() {
        if (closing) throw new Error('the embedded AWS servers are closed');
        servers ??= await launch(ports);
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// The servers

interface RunningServers {
  dynamoPort: number;
  s3Port: number;
  close(): Promise<void>;
}

async function startServersInline(dataDir: string, host: string, options: { dynamoPort?: number; s3Port?: number }): Promise<RunningServers> {
  const dynalite = createDynalite({ path: path.join(dataDir, 'dynamodb'), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await listen(dynalite, options.dynamoPort ?? 0, host);
  let s3Address: AddressInfo;
  const s3rver = new S3rver({ address: host, port: options.s3Port ?? 0, directory: path.join(dataDir, 's3'), silent: true });
  try {
    s3Address = await s3rver.run();
  } catch (err) {
    await closeServer(dynalite);
    throw err;
  }
  return {
    dynamoPort: (dynalite.address() as AddressInfo).port,
    s3Port: s3Address.port,
    async close() {
      s3rver.httpServer?.closeAllConnections();
      await Promise.allSettled([closeServer(dynalite), s3rver.close()]);
    },
  };
}

type WorkerReply = { ready: true; dynamoPort: number; s3Port: number } | { error: string } | { closed: true };

async function startServersOnThread(dataDir: string, host: string, options: { dynamoPort?: number; s3Port?: number }): Promise<RunningServers> {
  const worker = new Worker(new URL('./aws-servers-worker.mjs', import.meta.url), {
    workerData: {
      host,
      dynamoPort: options.dynamoPort ?? 0,
      s3Port: options.s3Port ?? 0,
      dynamoPath: path.join(dataDir, 'dynamodb'),
      s3Directory: path.join(dataDir, 's3'),
    },
    // The worker is plain JavaScript: it needs no TypeScript loader from the parent.
    execArgv: [],
  });
  const reply = () => new Promise<WorkerReply>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    worker.once('error', onError);
    worker.once('message', (m: WorkerReply) => { worker.off('error', onError); resolve(m); });
  });
  const first = await reply();
  if ('error' in first || !('ready' in first)) {
    await worker.terminate();
    throw new Error(`the embedded AWS servers did not start: ${'error' in first ? first.error : 'unexpected reply'}`);
  }
  return {
    dynamoPort: first.dynamoPort,
    s3Port: first.s3Port,
    async close() {
      const closed = reply();
      worker.postMessage('close');
      // LevelDB must be closed before the thread ends, or the next start finds it locked.
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
      await worker.terminate();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Table and bucket

const TABLE_WAIT_S = 30;
const TABLE_POLL_MIN_S = 0.02;
const TABLE_POLL_MAX_S = 0.5;

async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  // Provisioning is the CDK stack's job in AWS; locally a throwaway control-plane client does it,
  // because the waiter needs a plain DynamoDBClient, not the document client the adapters get.
  const admin = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const existing = await describeTable(admin, tableName);
    if (existing) {
      checkTableSchema(existing, tableName);
      if (existing.TableStatus === 'ACTIVE') return;
    } else {
      await admin.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
            { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
            { AttributeName: DAY_INDEX.partitionKey, AttributeType: 'S' },
            { AttributeName: DAY_INDEX.sortKey, AttributeType: 'S' },
            { AttributeName: INFLIGHT_INDEX.partitionKey, AttributeType: 'S' },
            { AttributeName: INFLIGHT_INDEX.sortKey, AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: DAY_INDEX.name,
              KeySchema: [
                { AttributeName: DAY_INDEX.partitionKey, KeyType: 'HASH' },
                { AttributeName: DAY_INDEX.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...DAY_INDEX.projected] },
            },
            {
              IndexName: INFLIGHT_INDEX.name,
              KeySchema: [
                { AttributeName: INFLIGHT_INDEX.partitionKey, KeyType: 'HASH' },
                { AttributeName: INFLIGHT_INDEX.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...INFLIGHT_INDEX.projected] },
            },
          ],
        }),
      );
    }
    // dynalite answers CreateTable with CREATING even with createTableMs: 0, and turns ACTIVE
    // within milliseconds; the waiter's delays are in (fractional) seconds, its default minimum 2 s.
    await waitUntilTableExists(
      { client: admin, maxWaitTime: TABLE_WAIT_S, minDelay: TABLE_POLL_MIN_S, maxDelay: TABLE_POLL_MAX_S },
      { TableName: tableName },
    );
  } finally {
    admin.destroy();
  }
}

async function describeTable(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return out.Table;
  } catch (err: unknown) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

function checkTableSchema(table: TableDescription, tableName: string): void {
  const keyOf = (schema: TableDescription['KeySchema'], type: 'HASH' | 'RANGE') =>
    schema?.find((k) => k.KeyType === type)?.AttributeName;
  const hasIndex = (spec: { name: string; partitionKey: string; sortKey: string }) => {
    const index = table.GlobalSecondaryIndexes?.find((i) => i.IndexName === spec.name);
    return index !== undefined && keyOf(index.KeySchema, 'HASH') === spec.partitionKey && keyOf(index.KeySchema, 'RANGE') === spec.sortKey;
  };
  const ok =
    keyOf(table.KeySchema, 'HASH') === TABLE_KEYS.partitionKey &&
    keyOf(table.KeySchema, 'RANGE') === TABLE_KEYS.sortKey &&
    hasIndex(DAY_INDEX) &&
    hasIndex(INFLIGHT_INDEX);
  if (!ok) {
    throw new TableSchemaMismatchError(
      `Table ${tableName} in the local data folder has different keys or indexes than shared/store/table-schema.ts; ` +
        'delete the data folder (or its dynamodb/ subfolder) to recreate it.',
    );
  }
}

async function ensureBucket(s3: S3Client, bucketName: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucketName }));
  } catch (err: unknown) {
    if (httpStatus(err) !== 404) throw err;
    await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
  }
}

function httpStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('$metadata' in err)) return undefined;
  const meta = (err as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return meta?.httpStatusCode;
}

// ---------------------------------------------------------------------------------------------
// Data folder lock

/** Data folders this process owns (the pid in the lock file cannot tell two owners in one process apart). */
const ownedDataDirs = new Set<string>();

interface LockContent {
  pid: number;
  token: string;
  since: string;
}

/** `recovered`: the lock was taken over from a process that died holding it (a crash to repair after). */
async function acquireDataDirLock(dataDir: string): Promise<{ release: () => Promise<void>; recovered: boolean }> {
  const lockPath = path.join(dataDir, '.lock');
  // Claimed synchronously, before any await, so two starts racing in this process cannot both pass.
  if (ownedDataDirs.has(dataDir)) {
    throw new DataDirLockedError(
      `The data folder ${dataDir} is already in use by this process (pid ${process.pid}); close the running embedded AWS first.`,
    );
  }
  ownedDataDirs.add(dataDir);
  try {
    const mine: LockContent = { pid: process.pid, token: randomUUID(), since: new Date().toISOString() };
    const recovered = await writeLockFile(dataDir, lockPath, mine);
    const release = async () => {
      ownedDataDirs.delete(dataDir);
      // Only remove the file if it is still ours (someone may have taken over a lock we lost).
      const current = await readLock(lockPath);
      if (current?.token === mine.token) await rm(lockPath, { force: true });
    };
    return { release, recovered };
  } catch (err) {
    ownedDataDirs.delete(dataDir);
    throw err;
  }
}

/** Returns true when it took over a stale lock. */
async function writeLockFile(dataDir: string, lockPath: string, mine: LockContent): Promise<boolean> {
  let tookOver = false;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(JSON.stringify(mine) + '\n');
      } finally {
        await handle.close();
      }
      return tookOver;
    } catch (err: unknown) {
      if (!isErrnoCode(err, 'EEXIST')) throw err;
    }
    const holder = await readLock(lockPath);
    // Our own pid cannot be a live holder (ownedDataDirs says we hold nothing here): it is a
    // previous run that had the same pid, common in containers where the runtime is pid 1.
    if (holder && holder.pid !== process.pid && isProcessAlive(holder.pid)) {
      throw new DataDirLockedError(
        `The data folder ${dataDir} is in use by process ${holder.pid} (since ${holder.since}). ` +
          'Stop that process, or use another data folder; two owners would corrupt the local DynamoDB store.',
      );
    }
    // Stale lock from a process that died without releasing it: take it over.
    await rm(lockPath, { force: true });
    tookOver = true;
  }
  throw new DataDirLockedError(`Could not lock the data folder ${dataDir}: another process keeps taking ${lockPath}.`);
}

async function readLock(lockPath: string): Promise<LockContent | undefined> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch (err: unknown) {
    if (isErrnoCode(err, 'ENOENT')) return undefined;
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockContent>;
    if (typeof parsed.pid === 'number') return { pid: parsed.pid, token: String(parsed.token ?? ''), since: String(parsed.since ?? '?') };
  } catch {
    // Fall through: a bare pid, or a file cut short by a crash.
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? { pid, token: '', since: '?' } : undefined;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err: unknown) {
    // EPERM: the process exists but belongs to another user.
    return isErrnoCode(err, 'EPERM');
  }
}

function isErrnoCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === code;
}

// ---------------------------------------------------------------------------------------------
// Servers

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    // dynalite's close() waits for open connections, then closes LevelDB; drop keep-alive sockets
    // of clients we do not own (tests build their own) so it does not wait for their idle timeout.
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

function endpointUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
