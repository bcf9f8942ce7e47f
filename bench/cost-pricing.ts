// The cost meter's arithmetic: what a metered run used (bench/cost-meter.ts) and the price list
// (bench/aws-prices.json) in, dollars out. Pure, so the tests can check it against hand-computed
// figures without running anything.

import type { FunctionName } from '../shared/runtime/powertools-settings.js';

export interface AwsPrices {
  region: string;
  asOf: string;
  dynamodb: { source: string; writeRequestUnitPerMillion: number; readRequestUnitPerMillion: number; storagePerGbMonth: number; pointInTimeRecoveryPerGbMonth: number };
  s3: { source: string; putCopyPostListPerThousand: number; getSelectAndOtherPerThousand: number; standardStoragePerGbMonth: number };
  sqs: { source: string; standardRequestsPerMillion: number };
  apiGateway: { source: string; restRequestsPerMillion: number };
  cloudwatch: { source: string; logsIngestionPerGb: number; logsStoragePerGbMonth: number; customMetricPerMonth: number; standardAlarmPerMonth: number };
  xray: { source: string; tracesRecordedPerMillion: number };
  lambda: { source: string; requestsPerMillion: number; gbSecondX86: number; gbSecondArm64: number };
  secretsManager: { source: string; secretPerMonth: number };
  kms: { source: string; customerManagedKeyPerMonth: number };
}

export type IndexBreakdown = { table: number; gsi1: number; gsi2: number };

export interface FunctionUsage {
  memoryMb: number;
  invocations: number;
  /** Main-thread CPU time measured on this machine (one full core). */
  cpuMs: number;
  /** Time spent waiting on storage round trips (the local servers stand in for AWS's latency). */
  ioWaitMs: number;
  /** Assumed wait for remote web servers (the local page server answers at once). */
  networkWaitMs: number;
}

/** Everything a run of `articles` articles used: the measuring run's output. */
export interface MeteredUsage {
  articles: number;
  dynamo: {
    requestsByOperation: Record<string, number>;
    readUnits: IndexBreakdown;
    writeUnits: IndexBreakdown;
    /** Bytes the run left in the table and each index (100 bytes of overhead per entry included). */
    storedBytes: IndexBreakdown;
  };
  s3: { put: number; get: number; head: number; list: number; bytesPut: number; bytesGot: number; storedBytes: number };
  sqs: { sendBatch: number; receive: number; deleteBatch: number };
  apiRequests: number;
  lambda: Partial<Record<FunctionName, FunctionUsage>>;
  /** CloudWatch Logs bytes: the functions' JSON lines, EMF lines, Lambda's START/END/REPORT, API access logs. */
  logBytes: number;
}

/** Monthly costs that do not scale with articles. */
export interface FixedResources {
  alarms: number;
  secrets: number;
  customMetrics: number;
  kmsKeys: number;
  /** ReceiveMessage calls the event source mappings make on empty queues in a month. */
  idlePollRequestsPerMonth: number;
  /** Scheduled invocations (sweeper every 15 minutes, daily digest) with their assumed size. */
  scheduled: { name: string; invocationsPerMonth: number; memoryMb: number; msPerInvocation: number; readUnitsPerInvocation: number }[];
}

export interface CostOptions {
  articlesPerDay: number;
  /** CPU share below one full vCPU: Lambda gives memory/1769 MB of a vCPU. */
  fullVcpuMemoryMb?: number;
  /** Deployed functions' architecture (infra/constructs/pipeline-function.ts: ARM_64). */
  architecture?: 'arm64' | 'x86_64';
  /** Months each article's bytes are kept (storage is billed per month held). */
  storageMonths?: number;
  /** X-Ray's default sampling rule: the first request each second, then this fraction. */
  xrayReservoirPerSecond?: number;
  xrayFixedRate?: number;
  daysPerMonth?: number;
}

export interface CostLine {
  component: string;
  /** What is counted, e.g. "WRU" or "GB-s". */
  unit: string;
  perArticle: number;
  usdPer1000Articles: number;
}

export interface FixedLine {
  item: string;
  count: number;
  usdPerMonth: number;
}

export interface CostReport {
  articlesPerDay: number;
  lines: CostLine[];
  fixed: FixedLine[];
  fixedUsdPerMonth: number;
  usdPer1000Articles: number;
  projections: { articlesPerDay: number; usdPerMonth: number }[];
}

export const FULL_VCPU_MEMORY_MB = 1769;
export const PROJECTION_VOLUMES = [10_000, 100_000, 1_000_000];
const GB = 1024 ** 3;

/**
 * Billed milliseconds of one function's metered invocations: CPU time stretched to the vCPU share
 * its memory buys (below 1,769 MB a function gets memory/1769 of a vCPU), plus the waits, which
 * take as long whatever the memory.
 */
export function billedMs(fn: FunctionUsage, fullVcpuMemoryMb = FULL_VCPU_MEMORY_MB): number {
  const stretch = Math.max(1, fullVcpuMemoryMb / fn.memoryMb);
  return fn.cpuMs * stretch + fn.ioWaitMs + fn.networkWaitMs;
}

export const gbSeconds = (ms: number, memoryMb: number) => (ms / 1000) * (memoryMb / 1024);

/** Memory sizes the sizing table compares (Lambda allows 128 MB to 10 GB, in 1 MB steps). */
export const SIZING_MEMORY_MB = [256, 512, 1024, 1769, 2048] as const;

/**
 * What one function's metered work would bill at other memory sizes: the CPU part shrinks as the
 * memory buys more vCPU (up to one full vCPU; the handlers use one thread), the waits do not. A
 * CPU-bound function costs about the same below 1,769 MB and only gets faster; a waiting one
 * costs in proportion to its memory.
 */
export function memorySizing(fn: FunctionUsage, articles: number, prices: AwsPrices, sizes: readonly number[] = SIZING_MEMORY_MB, architecture: 'arm64' | 'x86_64' = 'arm64') {
  const gbSecondPrice = architecture === 'arm64' ? prices.lambda.gbSecondArm64 : prices.lambda.gbSecondX86;
  return sizes.map((memoryMb) => {
    const ms = billedMs({ ...fn, memoryMb });
    return {
      memoryMb,
      msPerInvocation: fn.invocations ? ms / fn.invocations : 0,
      usdPer1000Articles: (gbSeconds(ms, memoryMb) * gbSecondPrice * 1000) / articles,
    };
  });
}

/** Traces a day recorded by the default sampling rule, given the traced invocations a day (spread evenly). */
export function tracesPerDay(invocationsPerDay: number, reservoirPerSecond = 1, fixedRate = 0.05): number {
  const perSecond = invocationsPerDay / 86_400;
  const sampled = perSecond <= reservoirPerSecond ? perSecond : reservoirPerSecond + fixedRate * (perSecond - reservoirPerSecond);
  return sampled * 86_400;
}

export function fixedMonthlyLines(fixed: FixedResources, prices: AwsPrices, opts: CostOptions): FixedLine[] {
  const gbSecondPrice = (opts.architecture ?? 'arm64') === 'arm64' ? prices.lambda.gbSecondArm64 : prices.lambda.gbSecondX86;
  const scheduled = fixed.scheduled.map((s) => ({
    item: `${s.name} (${s.invocationsPerMonth} invocations, ${s.msPerInvocation} ms at ${s.memoryMb} MB)`,
    count: s.invocationsPerMonth,
    usdPerMonth: s.invocationsPerMonth * (prices.lambda.requestsPerMillion / 1e6
      + gbSeconds(s.msPerInvocation, s.memoryMb) * gbSecondPrice
      + s.readUnitsPerInvocation * prices.dynamodb.readRequestUnitPerMillion / 1e6),
  }));
  return [
    { item: 'CloudWatch alarms', count: fixed.alarms, usdPerMonth: fixed.alarms * prices.cloudwatch.standardAlarmPerMonth },
    { item: 'CloudWatch custom metrics', count: fixed.customMetrics, usdPerMonth: fixed.customMetrics * prices.cloudwatch.customMetricPerMonth },
    { item: 'Secrets Manager secrets', count: fixed.secrets, usdPerMonth: fixed.secrets * prices.secretsManager.secretPerMonth },
    { item: 'KMS customer-managed keys', count: fixed.kmsKeys, usdPerMonth: fixed.kmsKeys * prices.kms.customerManagedKeyPerMonth },
    { item: 'SQS idle polling by the event sources', count: fixed.idlePollRequestsPerMonth, usdPerMonth: fixed.idlePollRequestsPerMonth * prices.sqs.standardRequestsPerMillion / 1e6 },
    ...scheduled,
  ];
}

/** Dollars per article of each component, at a volume (X-Ray's sampling makes it depend on volume). */
function variableLines(usage: MeteredUsage, prices: AwsPrices, opts: CostOptions, articlesPerDay: number): CostLine[] {
  const n = usage.articles;
  if (!(n > 0)) throw new RangeError('the metered run has no articles');
  const storageMonths = opts.storageMonths ?? 1;
  const gbSecondPrice = (opts.architecture ?? 'arm64') === 'arm64' ? prices.lambda.gbSecondArm64 : prices.lambda.gbSecondX86;
  const line = (component: string, unit: string, units: number, usdPerUnit: number): CostLine => ({
    component, unit, perArticle: units / n, usdPer1000Articles: (units / n) * usdPerUnit * 1000,
  });
  const { dynamo, s3, sqs, lambda } = usage;
  const wru = prices.dynamodb.writeRequestUnitPerMillion / 1e6;
  const rru = prices.dynamodb.readRequestUnitPerMillion / 1e6;
  const dynamoStored = dynamo.storedBytes.table + dynamo.storedBytes.gsi1 + dynamo.storedBytes.gsi2;
  const functions = Object.entries(lambda) as [FunctionName, FunctionUsage][];
  const invocations = functions.reduce((sum, [, f]) => sum + f.invocations, 0);
  // Each Lambda invocation (SQS-driven or behind the API) starts or continues one trace; the API's
  // own segment belongs to the same trace as the function it calls.
  const tracedPerArticle = invocations / n;
  const tracesPerArticle = tracesPerDay(tracedPerArticle * articlesPerDay, opts.xrayReservoirPerSecond, opts.xrayFixedRate) / articlesPerDay;
  return [
    line('DynamoDB writes, table', 'WRU', dynamo.writeUnits.table, wru),
    line('DynamoDB writes, gsi1 (day index)', 'WRU', dynamo.writeUnits.gsi1, wru),
    line('DynamoDB writes, gsi2 (in-flight index)', 'WRU', dynamo.writeUnits.gsi2, wru),
    line('DynamoDB reads', 'RRU', dynamo.readUnits.table + dynamo.readUnits.gsi1 + dynamo.readUnits.gsi2, rru),
    line(`DynamoDB storage + PITR (${storageMonths} month)`, 'GB-month', (dynamoStored / GB) * storageMonths,
      prices.dynamodb.storagePerGbMonth + prices.dynamodb.pointInTimeRecoveryPerGbMonth),
    line('S3 PUT/LIST requests', 'requests', s3.put + s3.list, prices.s3.putCopyPostListPerThousand / 1000),
    line('S3 GET/HEAD requests', 'requests', s3.get + s3.head, prices.s3.getSelectAndOtherPerThousand / 1000),
    line(`S3 storage (${storageMonths} month)`, 'GB-month', (s3.storedBytes / GB) * storageMonths, prices.s3.standardStoragePerGbMonth),
    line('SQS requests', 'requests', sqs.sendBatch + sqs.receive + sqs.deleteBatch, prices.sqs.standardRequestsPerMillion / 1e6),
    line('API Gateway REST requests', 'requests', usage.apiRequests, prices.apiGateway.restRequestsPerMillion / 1e6),
    line('Lambda requests', 'invocations', invocations, prices.lambda.requestsPerMillion / 1e6),
    ...functions.map(([name, f]) => line(`Lambda compute, ${name} (${f.memoryMb} MB)`, 'GB-s', gbSeconds(billedMs(f, opts.fullVcpuMemoryMb), f.memoryMb), gbSecondPrice)),
    line(`CloudWatch Logs ingestion + storage (${storageMonths} month)`, 'GB', usage.logBytes / GB,
      prices.cloudwatch.logsIngestionPerGb + prices.cloudwatch.logsStoragePerGbMonth * storageMonths),
    line('X-Ray traces', 'traces', tracesPerArticle * n, prices.xray.tracesRecordedPerMillion / 1e6),
  ];
}

export function priceUsage(usage: MeteredUsage, fixed: FixedResources, prices: AwsPrices, opts: CostOptions): CostReport {
  const days = opts.daysPerMonth ?? 30;
  const fixedLines = fixedMonthlyLines(fixed, prices, opts);
  const fixedUsdPerMonth = fixedLines.reduce((sum, l) => sum + l.usdPerMonth, 0);
  const at = (articlesPerDay: number) => {
    const lines = variableLines(usage, prices, opts, articlesPerDay);
    const articlesPerMonth = articlesPerDay * days;
    lines.push({
      component: `Fixed monthly costs over ${articlesPerDay.toLocaleString('en-US')} articles/day`,
      unit: 'share',
      perArticle: 1 / articlesPerMonth,
      usdPer1000Articles: (fixedUsdPerMonth / articlesPerMonth) * 1000,
    });
    return { lines, usdPer1000Articles: lines.reduce((sum, l) => sum + l.usdPer1000Articles, 0) };
  };
  const chosen = at(opts.articlesPerDay);
  return {
    articlesPerDay: opts.articlesPerDay,
    lines: chosen.lines,
    fixed: fixedLines,
    fixedUsdPerMonth,
    usdPer1000Articles: chosen.usdPer1000Articles,
    projections: PROJECTION_VOLUMES.map((v) => ({ articlesPerDay: v, usdPerMonth: (at(v).usdPer1000Articles / 1000) * v * days })),
  };
}
