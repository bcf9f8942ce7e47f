// npm run bench:cost [-- --articles N --articles-per-day N --network-wait-ms N --copies --json --json-file FILE]
// What AWS would bill per 1,000 articles, per component, measured by running N articles through
// the real local pipeline (bench/cost-meter.ts) and priced with bench/aws-prices.json
// (bench/cost-pricing.ts).

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { meterPipeline, type MeterRunResult } from './cost-meter.js';
import { priceUsage, FULL_VCPU_MEMORY_MB, billedMs, memorySizing, type AwsPrices, type CostReport, type FixedResources } from './cost-pricing.js';
import { FEED_POLLER_MINUTES } from '../shared/feeds/schedule.js';
import { PROCESS_CONSUMER, FETCH_CONSUMER } from '../shared/pipeline/queue-settings.js';
import { DEPLOYED_LOG_LEVEL } from '../shared/runtime/powertools-settings.js';

export const DEFAULT_ARTICLES = 500;
export const DEFAULT_ARTICLES_PER_DAY = 10_000;
export const DEFAULT_NETWORK_WAIT_MS = 300;

/** An idle SQS event source keeps about 5 pollers, each a 20 s long poll: 5 x 3 a minute. */
const IDLE_RECEIVES_PER_EVENT_SOURCE_PER_MONTH = 5 * 3 * 60 * 24 * 30;
/** EventBridge runs the sweeper every 15 minutes (infra/constructs/schedules.ts SWEEP_INTERVAL). */
const SWEEPS_PER_MONTH = 4 * 24 * 30;
const ASSUMED_SWEEP_MS = 150;
/** One Query of the (nearly empty) in-flight index per sweep, eventually consistent. */
const ASSUMED_SWEEP_READ_UNITS = 0.5;
/** The feed poller's rule: every 5 minutes (shared/feeds/schedule.ts); with nothing due, one Query. */
const FEED_ROUNDS_PER_MONTH = (60 / FEED_POLLER_MINUTES) * 24 * 30;
const ASSUMED_IDLE_FEED_ROUND_MS = 100;
const DIGESTS_PER_MONTH = 30;
const ASSUMED_DIGEST_BUILD_MS = 5_000;
const STORAGE_MONTHS = 1;

export function loadPrices(): AwsPrices {
  return JSON.parse(readFileSync(new URL('./aws-prices.json', import.meta.url), 'utf8')) as AwsPrices;
}

export interface StackResourceCounts {
  alarms: number;
  secrets: number;
  kmsKeys: number;
  eventSourceMappings: number;
}

/** Counts what is billed monthly in the CDK stack, synthesised without bundling (as test/infra does). */
export async function countStackResources(): Promise<StackResourceCounts> {
  const [{ App }, { Template }, { cdkJsonContext }, { NewsdigestStack }] = await Promise.all([
    import('aws-cdk-lib'), import('aws-cdk-lib/assertions'), import('../infra/bundles.js'), import('../infra/stack.js'),
  ]);
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  const template = Template.fromStack(new NewsdigestStack(app, 'Newsdigest', {}));
  const count = (type: string) => Object.keys(template.findResources(type)).length;
  return {
    alarms: count('AWS::CloudWatch::Alarm'),
    secrets: count('AWS::SecretsManager::Secret'),
    kmsKeys: count('AWS::KMS::Key'),
    eventSourceMappings: count('AWS::Lambda::EventSourceMapping'),
  };
}

export function fixedResources(stack: StackResourceCounts, customMetrics: number): FixedResources {
  return {
    alarms: stack.alarms,
    secrets: stack.secrets,
    kmsKeys: stack.kmsKeys,
    customMetrics,
    idlePollRequestsPerMonth: stack.eventSourceMappings * IDLE_RECEIVES_PER_EVENT_SOURCE_PER_MONTH,
    scheduled: [
      { name: 'sweeper every 15 min', invocationsPerMonth: SWEEPS_PER_MONTH, memoryMb: 256, msPerInvocation: ASSUMED_SWEEP_MS, readUnitsPerInvocation: ASSUMED_SWEEP_READ_UNITS },
      // The feeds' own polls are per feed, not per article: each is a GET and a few writes (see npm run bench:feeds).
      { name: 'feed poller every 5 min, nothing due', invocationsPerMonth: FEED_ROUNDS_PER_MONTH, memoryMb: 512, msPerInvocation: ASSUMED_IDLE_FEED_ROUND_MS, readUnitsPerInvocation: 0.5 },
      { name: 'daily digest build', invocationsPerMonth: DIGESTS_PER_MONTH, memoryMb: 1024, msPerInvocation: ASSUMED_DIGEST_BUILD_MS, readUnitsPerInvocation: 0 },
    ],
  };
}

export interface CostMeterOptions {
  articles?: number;
  articlesPerDay?: number;
  networkWaitMs?: number;
  /** Distinct articles ('mixed', the default) or the samples as they are ('copies'): see MeterRunOptions. */
  pages?: 'mixed' | 'copies';
  /** Given by tests to skip synthesising the stack (several seconds). */
  stackResources?: StackResourceCounts;
}

export interface CostMeterResult {
  report: CostReport;
  run: MeterRunResult;
  prices: AwsPrices;
  stack: StackResourceCounts;
  options: Required<Omit<CostMeterOptions, 'stackResources'>>;
}

export async function runCostMeter(opts: CostMeterOptions = {}): Promise<CostMeterResult> {
  const options = {
    articles: opts.articles ?? DEFAULT_ARTICLES,
    articlesPerDay: opts.articlesPerDay ?? DEFAULT_ARTICLES_PER_DAY,
    networkWaitMs: opts.networkWaitMs ?? DEFAULT_NETWORK_WAIT_MS,
    pages: opts.pages ?? 'mixed',
  };
  const prices = loadPrices();
  const stack = opts.stackResources ?? await countStackResources();
  const run = await meterPipeline(options);
  const report = priceUsage(run.usage, fixedResources(stack, run.customMetrics.length), prices, {
    articlesPerDay: options.articlesPerDay, architecture: 'arm64', storageMonths: STORAGE_MONTHS,
  });
  return { report, run, prices, stack, options };
}

// ---------------------------------------------------------------------------------------------
// Output

const perArticleOf = (n: number, articles: number) => n / articles;
const sumOf = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

export function assumptions(r: CostMeterResult): string[] {
  const { prices, options, stack } = r;
  return [
    `Prices: ${prices.region} on-demand list prices as of ${prices.asOf} (bench/aws-prices.json, from memory, not fetched); free tiers ignored.`,
    'Lambda: arm64 as deployed (infra/constructs/pipeline-function.ts); memory as in FUNCTION_SIZING.',
    `Lambda CPU: the main thread's CPU time per invocation on this machine (invocations run one at a time; Linux schedstat), stretched by ${FULL_VCPU_MEMORY_MB}/memory below ${FULL_VCPU_MEMORY_MB} MB; no cold starts.`,
    'Lambda waits: the local storage round trips stand in for AWS\'s; the meter\'s own item reads are taken out (CPU at its calibrated cost, waits by their share of the calls).',
    `Network wait: ${options.networkWaitMs} ms per fetch invocation (a batch of ${FETCH_CONSUMER.batchSize} pages is fetched at once); the local page server answers in ~0 ms.`,
    `Batches: fetch ${FETCH_CONSUMER.batchSize}, process ${PROCESS_CONSUMER.batchSize} messages per invocation; sends 10 per SendMessageBatch; 100 URLs per POST /ingest.`,
    'SQS: one ReceiveMessage per batch delivered and one DeleteMessageBatch per batch with a success.',
    `SQS idle polling: ${stack.eventSourceMappings} event sources x 5 pollers x 3 long polls a minute (${IDLE_RECEIVES_PER_EVENT_SOURCE_PER_MONTH.toLocaleString('en-US')} requests a month each).`,
    `Logs: level ${DEPLOYED_LOG_LEVEL} in the Lambda JSON format with Powertools' context keys, plus START/END/REPORT, EMF and API access log lines.`,
    'X-Ray: default sampling rule, the first request each second plus 5% of the rest; one trace per invocation.',
    `Storage: every article's bytes kept ${STORAGE_MONTHS} month (30-day retention assumed; nothing expires them today), DynamoDB with point-in-time recovery.`,
    `Fixed: ${stack.alarms} alarms, ${stack.secrets} secret, ${stack.kmsKeys} KMS key counted in the CDK stack; custom metrics as seen in the run (error codes add more).`,
    `Scheduled: left out of the per-article figures (the local sweeper's runs too); sweeper every 15 min (${ASSUMED_SWEEP_MS} ms at 256 MB, ${ASSUMED_SWEEP_READ_UNITS} RRU assumed), feed poller every 5 min with nothing due (${ASSUMED_IDLE_FEED_ROUND_MS} ms at 512 MB assumed; feed polls themselves are per feed, not counted), daily digest (${ASSUMED_DIGEST_BUILD_MS} ms at 1024 MB assumed, reads not metered).`,
    `Volume: fixed costs spread over ${options.articlesPerDay.toLocaleString('en-US')} articles a day, 30 days a month.`,
    'DynamoDB: reads and table writes as dynalite reports them; index writes and failed conditional writes computed from item sizes.',
  ];
}

export function costJson(r: CostMeterResult) {
  const { report, run } = r;
  const n = run.usage.articles;
  const wru = run.usage.dynamo.writeUnits;
  const rru = run.usage.dynamo.readUnits;
  return {
    articles: n,
    articlesPerDay: report.articlesPerDay,
    usdPer1000Articles: report.usdPer1000Articles,
    dynamoWruPerArticle: { table: wru.table / n, gsi1: wru.gsi1 / n, gsi2: wru.gsi2 / n, total: (wru.table + wru.gsi1 + wru.gsi2) / n },
    dynamoRruPerArticle: { table: rru.table / n, gsi1: rru.gsi1 / n, gsi2: rru.gsi2 / n, total: (rru.table + rru.gsi1 + rru.gsi2) / n },
    dynamoRequestsPerArticle: {
      ...Object.fromEntries(Object.entries(run.usage.dynamo.requestsByOperation).map(([op, c]) => [op, c / n])),
      total: sumOf(run.usage.dynamo.requestsByOperation) / n,
    } as Record<string, number> & { total: number },
    dynamoStoredBytesPerArticle: Object.fromEntries(Object.entries(run.usage.dynamo.storedBytes).map(([k, v]) => [k, v / n])),
    dynalite: run.dynalite,
    s3PerArticle: { put: run.usage.s3.put / n, get: run.usage.s3.get / n, head: run.usage.s3.head / n, list: run.usage.s3.list / n, bytesPut: run.usage.s3.bytesPut / n, bytesGot: run.usage.s3.bytesGot / n },
    sqsRequestsPerArticle: { sendBatch: run.usage.sqs.sendBatch / n, receive: run.usage.sqs.receive / n, deleteBatch: run.usage.sqs.deleteBatch / n },
    apiRequestsPerArticle: run.usage.apiRequests / n,
    lambdaPerArticle: Object.fromEntries(Object.entries(run.usage.lambda).map(([fn, f]) => [fn, {
      memoryMb: f.memoryMb, invocations: f.invocations / n, cpuMs: f.cpuMs / n, ioWaitMs: f.ioWaitMs / n,
      networkWaitMs: f.networkWaitMs / n, billedMs: billedMs(f) / n,
    }])),
    memorySizing: Object.fromEntries(Object.entries(run.usage.lambda).map(([fn, f]) => [fn, memorySizing(f, n, r.prices)])),
    logBytesPerArticle: run.usage.logBytes / n,
    customMetrics: run.customMetrics,
    components: report.lines,
    fixedMonthly: report.fixed,
    fixedUsdPerMonth: report.fixedUsdPerMonth,
    projections: report.projections,
    assumptions: assumptions(r),
    run: {
      seconds: run.seconds, articlesProcessed: run.articlesProcessed, articlesFailed: run.articlesFailed,
      pages: run.pages, nearDuplicates: run.nearDuplicates,
      loadAverage: run.loadAverage, meterReadCost: run.meterReadCost, pricesAsOf: r.prices.asOf,
    },
  };
}

const usd = (x: number) => (x >= 0.01 ? `$${x.toFixed(4)}` : `$${x.toPrecision(3)}`);
const num = (x: number) => (x === 0 ? '0' : x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toPrecision(3));

export function formatCostReport(r: CostMeterResult): string {
  const { report, run } = r;
  const n = run.usage.articles;
  const width = Math.max(...report.lines.map((l) => l.component.length));
  const out: string[] = [];
  out.push(`${n} articles (${run.pages === 'mixed' ? 'distinct, mixed from the samples\' paragraphs' : 'copies of the samples'}; ${run.nearDuplicates} near-duplicates) `
    + `through the local pipeline in ${run.seconds.toFixed(1)} s (${run.articlesProcessed} done, ${run.articlesFailed} failed), load average ${run.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
  out.push('');
  out.push(`${'component'.padEnd(width)}  ${'unit'.padEnd(11)}  ${'per article'.padStart(11)}  ${'$ / 1,000 articles'.padStart(18)}`);
  for (const l of report.lines) {
    out.push(`${l.component.padEnd(width)}  ${l.unit.padEnd(11)}  ${num(l.perArticle).padStart(11)}  ${usd(l.usdPer1000Articles).padStart(18)}`);
  }
  out.push(`${'total'.padEnd(width)}  ${''.padEnd(11)}  ${''.padStart(11)}  ${usd(report.usdPer1000Articles).padStart(18)}`);
  out.push('');
  const j = costJson(r);
  out.push(`DynamoDB WRU per article: table ${num(j.dynamoWruPerArticle.table)}, gsi1 ${num(j.dynamoWruPerArticle.gsi1)}, gsi2 ${num(j.dynamoWruPerArticle.gsi2)}; RRU per article ${num(j.dynamoRruPerArticle.total)}`);
  out.push(`DynamoDB requests per article: ${Object.entries(j.dynamoRequestsPerArticle).map(([op, c]) => `${op} ${num(c)}`).join(', ')}`);
  const d = run.dynalite;
  out.push(`  dynalite reported table WRU ${d.reportedWriteUnits.table} (computed from item sizes: ${d.computedWriteUnits.table}); index WRU computed (dynalite reports none); `
    + `${d.failedConditionalWrites} failed conditional writes, ${d.failedConditionWriteUnits} WRU computed`);
  out.push(`DynamoDB bytes stored per article: ${Object.entries(j.dynamoStoredBytesPerArticle).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  out.push(`S3 per article: PUT ${num(j.s3PerArticle.put)}, GET ${num(j.s3PerArticle.get)}, HEAD ${num(j.s3PerArticle.head)}, LIST ${num(j.s3PerArticle.list)}, ${j.s3PerArticle.bytesPut.toFixed(0)} bytes put`);
  out.push(`SQS requests per article: SendMessageBatch ${num(j.sqsRequestsPerArticle.sendBatch)}, ReceiveMessage ${num(j.sqsRequestsPerArticle.receive)}, DeleteMessageBatch ${num(j.sqsRequestsPerArticle.deleteBatch)}`);
  out.push(`API Gateway requests per article: ${num(j.apiRequestsPerArticle)}; CloudWatch Logs bytes per article: ${j.logBytesPerArticle.toFixed(0)}; custom metrics seen: ${run.customMetrics.length}`);
  for (const [fn, f] of Object.entries(j.lambdaPerArticle)) {
    out.push(`Lambda ${fn} (${f.memoryMb} MB) per article: ${num(f.invocations)} invocations, CPU ${num(f.cpuMs)} ms, storage wait ${num(f.ioWaitMs)} ms, network wait ${num(f.networkWaitMs)} ms, billed ${num(f.billedMs)} ms`);
  }
  out.push('Memory sizing (the same work at other sizes: ms per invocation, $ per 1,000 articles):');
  for (const [fn, rows] of Object.entries(j.memorySizing)) {
    out.push(`  ${fn.padEnd(8)} ${rows.map((s) => `${s.memoryMb} MB ${s.msPerInvocation.toFixed(0)} ms ${usd(s.usdPer1000Articles)}`).join(' | ')}`);
  }
  out.push('');
  out.push(`Fixed monthly ($${report.fixedUsdPerMonth.toFixed(2)}): ${report.fixed.map((f) => `${f.item} ${usd(f.usdPerMonth)}`).join('; ')}`);
  out.push(`Projections (monthly): ${report.projections.map((p) => `${p.articlesPerDay.toLocaleString('en-US')}/day $${p.usdPerMonth.toFixed(2)}`).join(', ')}`);
  out.push('');
  out.push('Assumptions:');
  for (const a of assumptions(r)) out.push(`- ${a}`);
  return out.join('\n');
}

function positiveNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`--${name} must be a positive number, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string' },
      'articles-per-day': { type: 'string' },
      'network-wait-ms': { type: 'string' },
      json: { type: 'boolean', default: false },
      /** Serve the samples as they are (near-duplicates of each other) instead of distinct mixed pages. */
      copies: { type: 'boolean', default: false },
      /** Also writes the JSON object to this file (the table and the JSON of one run). */
      'json-file': { type: 'string' },
    },
  });
  const result = await runCostMeter({
    articles: Math.round(positiveNumber(values.articles, 'articles', DEFAULT_ARTICLES)),
    articlesPerDay: positiveNumber(values['articles-per-day'], 'articles-per-day', DEFAULT_ARTICLES_PER_DAY),
    pages: values.copies ? 'copies' : 'mixed',
    networkWaitMs: values['network-wait-ms'] === '0' ? 0 : positiveNumber(values['network-wait-ms'], 'network-wait-ms', DEFAULT_NETWORK_WAIT_MS),
  });
  if (values['json-file']) writeFileSync(values['json-file'], JSON.stringify(costJson(result), null, 2) + '\n');
  console.log(values.json ? JSON.stringify(costJson(result), null, 2) : formatCostReport(result));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
