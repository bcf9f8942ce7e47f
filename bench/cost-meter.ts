// The cost meter's measuring run: N distinct articles from the local page server through the real
// local pipeline (HTTP API, local queues, dynalite, s3rver, Readability, analysis), counting what
// AWS would bill. Pricing is elsewhere (bench/cost-pricing.ts).
//
// How each figure is taken:
// - DynamoDB: SDK middleware on the pipeline's client sets ReturnConsumedCapacity: 'INDEXES' on
//   every call that takes it and adds up what dynalite reports (reads; table writes). dynalite
//   reports nothing for index writes or failed conditional writes, so around each PutItem,
//   UpdateItem and DeleteItem the meter reads the item before and after (with the same client,
//   uncounted) and computes those from item sizes (bench/dynamo-capacity.ts).
// - S3: the same middleware counts calls by type and body bytes.
// - SQS: the local queues count the API calls they stand in for (local/local-queue.ts).
// - Lambda: every invocation runs alone (a mutex), and its CPU time is the main thread's CPU time
//   meanwhile: dynalite and s3rver run on a worker thread and the page server on another, so the
//   main thread's work during an invocation is the handler's. On Linux that is the thread's own
//   scheduler figure (/proc/<pid>/task/<pid>/schedstat), which other processes on the machine do
//   not inflate; elsewhere the event loop's active time (performance.eventLoopUtilization), which
//   they do. Wall time minus CPU time is waiting on storage, which stands in for AWS's round
//   trips. The meter's own item reads are taken out.
// - Logs: the pipeline logs at the deployed level (INFO) in the functions' JSON format, with the
//   keys Powertools adds in Lambda; the bytes are counted, not printed. Lambda's START/END/REPORT
//   lines, the EMF lines of the invocation's metrics and API Gateway's access log line are added.

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { callApi, type ApiTarget } from '../local/api-client.js';
import { startLocalPipeline, LOCAL_TABLE, type InvocationWrapper } from '../local/runtime.js';
import { startMixedPageServer } from './mixed-page-server.js';
import { createPowertoolsLogger, loggerPort } from '../shared/log.js';
import type { Context } from 'aws-lambda';
import type { MemoryMetrics, MetricPoint } from '../shared/metrics.js';
import type { IngestResult } from '../shared/pipeline/ingest.js';
import { DEPLOYED_LOG_LEVEL, METRICS_NAMESPACE, serviceNameOf, type FunctionName } from '../shared/runtime/powertools-settings.js';
import { TABLE_KEYS } from '../shared/store/table-schema.js';
import { itemSize, storedBytes, TABLE_INDEXES, writeCost, writeUnits, type MarshalledItem } from './dynamo-capacity.js';
import type { FunctionUsage, MeteredUsage } from './cost-pricing.js';

/** Memory of each function as deployed (infra/constructs/functions.ts FUNCTION_SIZING), in MB. */
export const DEPLOYED_MEMORY_MB: Record<FunctionName, number> = {
  ingest: 512, api: 512, fetch: 512, process: 1024, digest: 1024, sweeper: 256, 'dead-letters': 256, feeds: 256, 'feed-poller': 256,
};

/**
 * Functions run by a schedule, not per article: their calls during the run (the local sweeper
 * timer) are left out of the per-article figures; the fixed monthly costs carry them.
 */
export const SCHEDULED_FUNCTIONS: ReadonlySet<FunctionName> = new Set<FunctionName>(['sweeper', 'digest', 'feed-poller']);
const ALL_FUNCTIONS = Object.keys(DEPLOYED_MEMORY_MB) as FunctionName[];

/** What the CLI sends per POST /ingest (local/commands: 100 URLs a request, the API's limit). */
export const URLS_PER_INGEST_REQUEST = 100;

const CONSUMED_CAPACITY_COMMANDS = new Set([
  'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem',
  'TransactGetItems', 'TransactWriteItems', 'ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction',
]);
const ITEM_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

type Capacity = { CapacityUnits?: number; TableName?: string; Table?: { CapacityUnits?: number }; GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }> };
type Breakdown = { table: number; gsi1: number; gsi2: number };
const zero = (): Breakdown => ({ table: 0, gsi1: 0, gsi2: 0 });

export interface AwsCallCounts {
  dynamoRequests: Record<string, number>;
  /** As dynalite reported them. */
  reportedReadUnits: Breakdown;
  reportedWriteUnits: Breakdown;
  /** Computed from item sizes: table and index writes of successful writes. */
  computedWriteUnits: Breakdown;
  failedConditionalWrites: number;
  /** Table units of the failed conditional writes (the existing item's size), which dynalite does not report. */
  failedConditionWriteUnits: number;
  /** GetItem calls the meter made itself (item images), by the function that was running. */
  meterReads: Partial<Record<FunctionName | 'none', number>>;
  /** The pipeline's own DynamoDB and S3 calls, by the function that was running. */
  callsByFunction: Partial<Record<FunctionName | 'none', number>>;
  s3: { put: number; get: number; head: number; list: number; other: number; bytesPut: number; bytesGot: number };
}

function emptyCounts(): AwsCallCounts {
  return {
    dynamoRequests: {}, reportedReadUnits: zero(), reportedWriteUnits: zero(), computedWriteUnits: zero(),
    failedConditionalWrites: 0, failedConditionWriteUnits: 0, meterReads: {}, callsByFunction: {},
    s3: { put: 0, get: 0, head: 0, list: 0, other: 0, bytesPut: 0, bytesGot: 0 },
  };
}

const commandOf = (context: { commandName?: string }) => (context.commandName ?? '').replace(/Command$/, '');
const bodyBytes = (body: unknown) =>
  typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.byteLength : 0;

/**
 * Counts the AWS calls of the clients it instruments. `currentFunction` names the invocation
 * running (invocations run one at a time while metering), to charge the meter's own reads to it.
 */
export function createAwsCallMeter(currentFunction: () => FunctionName | undefined) {
  let counts = emptyCounts();
  let dynamo: DynamoDBClient | undefined;
  // The meter's own calls run in this context, so its middleware lets them through uncounted.
  const ownCall = new AsyncLocalStorage<true>();

  const readItem = async (client: DynamoDBClient, table: string, key: MarshalledItem): Promise<MarshalledItem | undefined> => {
    const fn = currentFunction() ?? 'none';
    counts.meterReads[fn] = (counts.meterReads[fn] ?? 0) + 1;
    const out = await ownCall.run(true, () => client.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true })));
    return out.Item;
  };

  const isScheduled = () => {
    const fn = currentFunction();
    return fn !== undefined && SCHEDULED_FUNCTIONS.has(fn);
  };

  const countCall = () => {
    const fn = currentFunction() ?? 'none';
    counts.callsByFunction[fn] = (counts.callsByFunction[fn] ?? 0) + 1;
  };

  const addReported = (into: Breakdown, capacity: Capacity | Capacity[] | undefined) => {
    for (const c of Array.isArray(capacity) ? capacity : capacity ? [capacity] : []) {
      into.table += c.Table?.CapacityUnits ?? 0;
      for (const [name, index] of Object.entries(c.GlobalSecondaryIndexes ?? {})) {
        if (name === 'gsi1' || name === 'gsi2') into[name] += index.CapacityUnits ?? 0;
        else into.table += index.CapacityUnits ?? 0;
      }
    }
  };

  const instrumentDynamo = (client: DynamoDBClient) => {
    dynamo = client;
    client.middlewareStack.add((next, context) => async (args) => {
      if (ownCall.getStore() || !CONSUMED_CAPACITY_COMMANDS.has(commandOf(context))) return next(args);
      return next({ ...args, input: { ...(args.input as object), ReturnConsumedCapacity: 'INDEXES' } });
    }, { step: 'initialize', priority: 'high', name: 'costMeterReturnConsumedCapacity' });

    // At the build step the document client has marshalled the input: keys and items are in the
    // wire format the size rules apply to.
    client.middlewareStack.add((next, context) => async (args) => {
      const op = commandOf(context);
      if (ownCall.getStore() || isScheduled()) return next(args);
      counts.dynamoRequests[op] = (counts.dynamoRequests[op] ?? 0) + 1;
      countCall();
      const input = args.input as { TableName?: string; Key?: MarshalledItem; Item?: MarshalledItem };
      const isItemWrite = ITEM_WRITES.has(op) && input.TableName !== undefined;
      const key = input.Key ?? (input.Item ? { [TABLE_KEYS.partitionKey]: input.Item[TABLE_KEYS.partitionKey], [TABLE_KEYS.sortKey]: input.Item[TABLE_KEYS.sortKey] } : undefined);
      const before = isItemWrite && key ? await readItem(client, input.TableName!, key) : undefined;
      try {
        const result = await next(args);
        const capacity = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
        const isWrite = isItemWrite || op === 'BatchWriteItem' || op === 'TransactWriteItems';
        addReported(isWrite ? counts.reportedWriteUnits : counts.reportedReadUnits, capacity);
        if (isItemWrite && key) {
          const after = op === 'DeleteItem' ? undefined : await readItem(client, input.TableName!, key);
          const cost = writeCost(before, after);
          counts.computedWriteUnits.table += cost.table;
          counts.computedWriteUnits.gsi1 += cost.indexes.gsi1 ?? 0;
          counts.computedWriteUnits.gsi2 += cost.indexes.gsi2 ?? 0;
        }
        return result;
      } catch (err) {
        if (isItemWrite && err instanceof Error && err.name === 'ConditionalCheckFailedException') {
          // AWS still bills a failed conditional write: the existing item's size, at least 1 WRU.
          counts.failedConditionalWrites++;
          counts.failedConditionWriteUnits += writeUnits(before ? itemSize(before) : 0);
        }
        throw err;
      }
    }, { step: 'build', priority: 'high', name: 'costMeterCapacity' });
  };

  const instrumentS3 = (client: S3Client) => {
    client.middlewareStack.add((next, context) => async (args) => {
      const op = commandOf(context);
      if (isScheduled()) return next(args);
      countCall();
      const s3 = counts.s3;
      if (op === 'PutObject') { s3.put++; s3.bytesPut += bodyBytes((args.input as { Body?: unknown }).Body); }
      else if (op === 'GetObject') s3.get++;
      else if (op === 'HeadObject') s3.head++;
      else if (op.startsWith('ListObjects')) s3.list++;
      else s3.other++;
      const result = await next(args);
      if (op === 'GetObject') s3.bytesGot += Number((result.output as { ContentLength?: number }).ContentLength ?? 0);
      return result;
    }, { step: 'initialize', priority: 'high', name: 'costMeterS3' });
  };

  return {
    instrument<C extends object>(client: C): C {
      if (client instanceof DynamoDBClient) instrumentDynamo(client);
      else if (client instanceof S3Client) instrumentS3(client);
      return client;
    },
    counts: () => counts,
    /** Forgets what start-up did (table and bucket checks, the in-flight scan). */
    reset() { counts = emptyCounts(); },
    /** Reads the item of `key` `times` times as the meter does around a write: what one meter read costs. */
    async timeMeterReads(key: MarshalledItem, times: number): Promise<void> {
      if (!dynamo) throw new Error('no DynamoDB client was instrumented');
      for (let i = 0; i < times; i++) await ownCall.run(true, () => dynamo!.send(new GetItemCommand({ TableName: LOCAL_TABLE, Key: key, ConsistentRead: true })));
    },
    /**
     * Bytes stored in the table and each index now, by DynamoDB's storage rules, and the
     * near-duplicates the aggregates recorded (entries of the DUPS# items).
     */
    async tableStorage(): Promise<Breakdown & { items: number; nearDuplicates: number }> {
      if (!dynamo) throw new Error('no DynamoDB client was instrumented');
      const total = { ...zero(), items: 0, nearDuplicates: 0 };
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await ownCall.run(true, () => dynamo!.send(new ScanCommand({ TableName: LOCAL_TABLE, ExclusiveStartKey: start })));
        for (const item of page.Items ?? []) {
          const bytes = storedBytes(item, TABLE_INDEXES);
          total.items++;
          total.table += bytes.table;
          total.gsi1 += bytes.indexes.gsi1 ?? 0;
          total.gsi2 += bytes.indexes.gsi2 ?? 0;
          if (item[TABLE_KEYS.sortKey]?.S?.startsWith('DUPS#')) total.nearDuplicates += item.entries?.L?.length ?? 0;
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return total;
    },
  };
}

export interface InvocationTotals {
  invocations: number;
  /** Main-thread CPU time. */
  activeMs: number;
  wallMs: number;
  /** Lines Lambda and Powertools write besides the pipeline's own: START/END/REPORT and EMF. */
  platformLogBytes: number;
  metricPoints: MetricPoint[];
}

/**
 * Runs invocations one at a time and takes each one's main-thread active time and wall time.
 * Serialising is what makes the main thread's active time attributable to one handler.
 */
const MAIN_THREAD_SCHEDSTAT = `/proc/${process.pid}/task/${process.pid}/schedstat`;

/** The main thread's CPU time so far in ms, or undefined where the kernel does not say (not Linux). */
export function mainThreadCpuMs(): number | undefined {
  try {
    return Number(readFileSync(MAIN_THREAD_SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** A stopwatch of the main thread's CPU time: the scheduler's figure, else the event loop's active time. */
export function mainThreadCpuClock(): () => number {
  const cpuStart = mainThreadCpuMs();
  if (cpuStart !== undefined) return () => (mainThreadCpuMs() ?? cpuStart) - cpuStart;
  const elu = performance.eventLoopUtilization();
  return () => performance.eventLoopUtilization(elu).active;
}

export function createInvocationMeter() {
  const totals = new Map<FunctionName, InvocationTotals>();
  let current: FunctionName | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let metrics: MemoryMetrics | undefined;
  const totalFor = (fn: FunctionName) => {
    let t = totals.get(fn);
    if (!t) { t = { invocations: 0, activeMs: 0, wallMs: 0, platformLogBytes: 0, metricPoints: [] }; totals.set(fn, t); }
    return t;
  };
  const wrap: InvocationWrapper = <R>(fn: FunctionName, run: () => Promise<R>): Promise<R> => {
    const turn = queue.then(async () => {
      current = fn;
      const pointsBefore = metrics?.points.length ?? 0;
      const cpu = mainThreadCpuClock();
      const started = performance.now();
      try {
        return await run();
      } finally {
        const t = totalFor(fn);
        t.invocations++;
        t.activeMs += cpu();
        t.wallMs += performance.now() - started;
        const points = metrics?.points.slice(pointsBefore) ?? [];
        t.metricPoints.push(...points);
        t.platformLogBytes += emfLineBytes(fn, points) + lambdaPlatformLineBytes(DEPLOYED_MEMORY_MB[fn]);
        current = undefined;
      }
    });
    queue = turn.catch(() => undefined);
    return turn;
  };
  return {
    wrap,
    current: () => current,
    attachMetrics(m: MemoryMetrics) { metrics = m; },
    totals: () => totals,
    reset() { totals.clear(); },
  };
}

// ---------------------------------------------------------------------------------------------
// Log lines the local pipeline does not write but AWS does

/** A Lambda context as the deployed functions get it (CDK's generated names), for Powertools' addContext. */
export function lambdaContext(fn: FunctionName): Context {
  const functionName = `Newsdigest-Functions${fn.replace('-', '')}Function1A2B3C4D-AbCdEfGhIjKl`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: String(DEPLOYED_MEMORY_MB[fn]),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/12/03/[$LATEST]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Powertools reads the trace id of each line from this variable, as Lambda sets it. */
const TRACE_ID_VARIABLE = '_X_AMZN_TRACE_ID';
const SAMPLE_TRACE_HEADER = 'Root=1-6752f0a1-3c2f1e8d9b7a6c5d4e3f2a1b;Parent=0a1b2c3d4e5f6a7b;Sampled=1';

/** Lambda's START, END and REPORT lines (with the X-Ray line of a traced invocation). */
export function lambdaPlatformLineBytes(memoryMb: number): number {
  const id = randomUUID();
  const lines = [
    `START RequestId: ${id} Version: $LATEST`,
    `END RequestId: ${id}`,
    `REPORT RequestId: ${id}\tDuration: 1234.56 ms\tBilled Duration: 1235 ms\tMemory Size: ${memoryMb} MB\tMax Memory Used: 234 MB\t`
      + 'XRAY TraceId: 1-6752f0a1-3c2f1e8d9b7a6c5d4e3f2a1b\tSegmentId: 0a1b2c3d4e5f6a7b\tSampled: true\t',
  ];
  return lines.reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
}

/**
 * EMF lines of one invocation as Powertools' Metrics writes them: the points without dimensions
 * in one line, each point with dimensions in a line of its own (shared/metrics.ts).
 */
export function emfLineBytes(fn: FunctionName, points: MetricPoint[]): number {
  const service = serviceNameOf(fn);
  const line = (dims: Record<string, string>, ps: MetricPoint[]) => JSON.stringify({
    _aws: {
      Timestamp: 1733200000000,
      CloudWatchMetrics: [{
        Namespace: METRICS_NAMESPACE,
        Dimensions: [['service', ...Object.keys(dims)]],
        Metrics: [...new Set(ps.map((p) => p.name))].map((name) => ({ Name: name, Unit: /Duration|Time$/.test(name) ? 'Milliseconds' : 'Count', StorageResolution: 60 })),
      }],
    },
    service,
    ...dims,
    ...Object.fromEntries(ps.map((p) => [p.name, p.value])),
  });
  const plain = points.filter((p) => Object.keys(p.dimensions).length === 0);
  const withDims = points.filter((p) => Object.keys(p.dimensions).length > 0);
  const lines = [...(plain.length ? [line({}, plain)] : []), ...withDims.map((p) => line(p.dimensions as Record<string, string>, [p]))];
  return lines.reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
}

/** API Gateway's access log line (infra/constructs/api.ts accessLogFormat), with realistic values. */
export function apiAccessLogLineBytes(): number {
  return Buffer.byteLength(JSON.stringify({
    requestId: randomUUID(), requestTime: '03/Dec/2026:05:39:43 +0000', ip: '203.0.113.17', apiKeyId: 'a1b2c3d4e5',
    httpMethod: 'POST', resourcePath: '/ingest', protocol: 'HTTP/1.1', status: '202', responseLength: '9876',
    responseLatency: '412', integrationLatency: '398', errorType: '-', xrayTraceId: 'Root=1-6752f0a1-3c2f1e8d9b7a6c5d4e3f2a1b',
  })) + 1;
}

/**
 * Custom metrics: one per metric name and dimension set each function recorded in the run
 * (shared/runtime/lambda.ts records no ColdStart metric).
 */
export function customMetricNames(byFunction: Map<FunctionName, MetricPoint[]>): string[] {
  const names = new Set<string>();
  for (const [fn, points] of byFunction) {
    for (const p of points) {
      const dims = Object.entries(p.dimensions).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(',');
      names.add(`${serviceNameOf(fn)}/${p.name}${dims ? `{${dims}}` : ''}`);
    }
  }
  return [...names].sort();
}

// ---------------------------------------------------------------------------------------------
// The run

export interface MeterRunOptions {
  articles: number;
  /** Assumed wait per fetch invocation for the remote pages (fetched in parallel within a batch). */
  networkWaitMs: number;
  /**
   * 'mixed' (default): distinct articles, each sample's paragraphs replaced by others drawn from
   * all samples. 'copies': the samples as they are under many URLs, as bench/end-to-end.ts does;
   * with a dozen samples nearly every article is then a near-duplicate, which skips aggregation.
   */
  pages?: 'mixed' | 'copies';
}

export interface MeterRunResult {
  usage: MeteredUsage;
  /** What dynalite reported next to what we computed, for the output. */
  dynalite: { reportedWriteUnits: Breakdown; computedWriteUnits: Breakdown; reportedReadUnits: Breakdown; failedConditionalWrites: number; failedConditionWriteUnits: number };
  customMetrics: string[];
  articlesProcessed: number;
  articlesFailed: number;
  seconds: number;
  meterReadCost: { activeMs: number; reads: number };
  functions: Record<string, { invocations: number; cpuMs: number; ioWaitMs: number; wallMs: number }>;
  loadAverage: number[];
  pages: 'mixed' | 'copies';
  /** Articles the analysis took for near-duplicates of an earlier one. */
  nearDuplicates: number;
}

const CALIBRATION_READS = 200;

export async function meterPipeline(opts: MeterRunOptions): Promise<MeterRunResult> {
  const invocations = createInvocationMeter();
  const calls = createAwsCallMeter(() => invocations.current());
  let logBytes = 0;
  // One logger for the whole pipeline, at the deployed level, with the keys a Lambda context and
  // an X-Ray trace add to every line (the process function's names: the stages log the most).
  const powertools = createPowertoolsLogger({}, {
    service: serviceNameOf('process'), level: DEPLOYED_LOG_LEVEL.toLowerCase() as 'info', format: 'json',
    write: (line) => { logBytes += Buffer.byteLength(line) + 1; },
  });
  powertools.addContext(lambdaContext('process'));
  const log = loggerPort(powertools);

  const pages = opts.pages ?? 'mixed';
  const samples = await startMixedPageServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'newsdigest-cost-'));
  const pipeline = await startLocalPipeline({
    dataDir, port: 0, allowHosts: [samples.hostPort], log,
    instrumentClients: calls.instrument, onInvocation: invocations.wrap,
    // Every article here comes from one local host; on AWS they come from many. A 1 ms pace keeps
    // what pacing costs (a slot write per fetch, robots.txt once) without a second's sleep per article.
    env: { ...process.env, NEWSDIGEST_HOST_INTERVAL_MS: '1' },
  });
  invocations.attachMetrics(pipeline.metrics);
  const target: ApiTarget = { baseUrl: pipeline.url, apiKey: pipeline.apiKey };
  const traceIdBefore = process.env[TRACE_ID_VARIABLE];
  try {
    process.env[TRACE_ID_VARIABLE] ??= SAMPLE_TRACE_HEADER;
    calls.reset();
    invocations.reset();
    logBytes = 0;
    const startedAt = performance.now();
    const urls = Array.from({ length: opts.articles }, (_, i) => `${samples.origin}/${pages}/${i}/${samples.files[i % samples.files.length]}`);
    let apiRequests = 0;
    for (let i = 0; i < urls.length; i += URLS_PER_INGEST_REQUEST) {
      await callApi<IngestResult>(target, 'POST', '/ingest', { urls: urls.slice(i, i + URLS_PER_INGEST_REQUEST) });
      apiRequests++;
    }
    await pipeline.idle();
    const seconds = (performance.now() - startedAt) / 1000;
    const loadAverage = loadavg();

    const counted = calls.counts();
    const totals = new Map(invocations.totals());
    const queueRequests = pipeline.queueRequests();
    const stats = pipeline.queueStats();
    const storage = await calls.tableStorage();

    // The meter's own reads: their CPU timed alone and taken out of the functions that made them.
    // Their waits overlap the pipeline's calls (aggregates are written several at a time), so the
    // storage wait is shared out by call count instead: the pipeline's calls get their share.
    const sampleKey = { [TABLE_KEYS.partitionKey]: { S: 'ARTICLE#none' }, [TABLE_KEYS.sortKey]: { S: 'ARTICLE' } };
    const calibration = mainThreadCpuClock();
    await calls.timeMeterReads(sampleKey, CALIBRATION_READS);
    const meterReadCost = { activeMs: calibration() / CALIBRATION_READS, reads: 0 };

    const lambda: MeteredUsage['lambda'] = {};
    const functions: MeterRunResult['functions'] = {};
    for (const [fn, t] of totals) {
      if (SCHEDULED_FUNCTIONS.has(fn)) continue;
      const reads = counted.meterReads[fn] ?? 0;
      meterReadCost.reads += reads;
      const pipelineCalls = counted.callsByFunction[fn] ?? 0;
      const cpuMs = Math.max(0, t.activeMs - reads * meterReadCost.activeMs);
      const waitShare = pipelineCalls + reads > 0 ? pipelineCalls / (pipelineCalls + reads) : 1;
      const ioWaitMs = Math.max(0, t.wallMs - t.activeMs) * waitShare;
      const wallMs = cpuMs + ioWaitMs;
      const usage: FunctionUsage = {
        memoryMb: DEPLOYED_MEMORY_MB[fn],
        invocations: t.invocations,
        cpuMs,
        ioWaitMs,
        networkWaitMs: fn === 'fetch' ? t.invocations * opts.networkWaitMs : 0,
      };
      lambda[fn] = usage;
      functions[fn] = { invocations: t.invocations, cpuMs, ioWaitMs: usage.ioWaitMs, wallMs };
    }
    const platformLogBytes = [...totals].filter(([fn]) => !SCHEDULED_FUNCTIONS.has(fn)).reduce((sum, [, t]) => sum + t.platformLogBytes, 0);
    const usage: MeteredUsage = {
      articles: opts.articles,
      dynamo: {
        requestsByOperation: counted.dynamoRequests,
        readUnits: counted.reportedReadUnits,
        // Table writes as dynalite reports them, plus failed conditions it does not; indexes computed.
        writeUnits: {
          table: counted.reportedWriteUnits.table + counted.failedConditionWriteUnits,
          gsi1: counted.computedWriteUnits.gsi1,
          gsi2: counted.computedWriteUnits.gsi2,
        },
        storedBytes: { table: storage.table, gsi1: storage.gsi1, gsi2: storage.gsi2 },
      },
      s3: { put: counted.s3.put, get: counted.s3.get, head: counted.s3.head, list: counted.s3.list, bytesPut: counted.s3.bytesPut, bytesGot: counted.s3.bytesGot, storedBytes: counted.s3.bytesPut },
      sqs: {
        sendBatch: queueRequests.fetch.sendBatchBilledRequests + queueRequests.process.sendBatchBilledRequests,
        receive: queueRequests.fetch.receiveCalls + queueRequests.process.receiveCalls,
        deleteBatch: queueRequests.fetch.deleteBatchCalls + queueRequests.process.deleteBatchCalls,
      },
      apiRequests,
      lambda,
      logBytes: logBytes + platformLogBytes + apiRequests * apiAccessLogLineBytes(),
    };
    return {
      usage,
      dynalite: {
        reportedWriteUnits: counted.reportedWriteUnits, computedWriteUnits: counted.computedWriteUnits,
        reportedReadUnits: counted.reportedReadUnits, failedConditionalWrites: counted.failedConditionalWrites,
        failedConditionWriteUnits: counted.failedConditionWriteUnits,
      },
      customMetrics: customMetricNames(new Map([...totals].map(([fn, t]) => [fn, t.metricPoints]))),
      articlesProcessed: stats.process.succeeded,
      articlesFailed: stats.fetch.deadLettered + stats.process.deadLettered,
      seconds,
      meterReadCost,
      functions,
      loadAverage,
      pages,
      nearDuplicates: storage.nearDuplicates,
    };
  } finally {
    await pipeline.stop();
    await samples.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (traceIdBefore === undefined) delete process.env[TRACE_ID_VARIABLE];
  }
}
