import { describe, expect, it } from 'vitest';
import { billedMs, gbSeconds, memorySizing, priceUsage, tracesPerDay, type AwsPrices, type FixedResources, type MeteredUsage } from '../../bench/cost-pricing.js';
import { loadPrices } from '../../bench/cost.js';
import { indexWriteUnits, itemSize, numberSize, writeCost, type IndexSpec, type MarshalledItem } from '../../bench/dynamo-capacity.js';

const prices: AwsPrices = loadPrices();

function usage(over: Partial<MeteredUsage> = {}): MeteredUsage {
  return {
    articles: 1000,
    dynamo: { requestsByOperation: {}, readUnits: { table: 0, gsi1: 0, gsi2: 0 }, writeUnits: { table: 0, gsi1: 0, gsi2: 0 }, storedBytes: { table: 0, gsi1: 0, gsi2: 0 } },
    s3: { put: 0, get: 0, head: 0, list: 0, bytesPut: 0, bytesGot: 0, storedBytes: 0 },
    sqs: { sendBatch: 0, receive: 0, deleteBatch: 0 },
    apiRequests: 0,
    lambda: {},
    logBytes: 0,
    ...over,
  };
}

const noFixed: FixedResources = { alarms: 0, secrets: 0, customMetrics: 0, kmsKeys: 0, idlePollRequestsPerMonth: 0, scheduled: [] };
const line = (report: ReturnType<typeof priceUsage>, prefix: string) => report.lines.find((l) => l.component.startsWith(prefix))!;

describe('priceUsage', () => {
  it('prices a million write units at the on-demand write price', () => {
    const report = priceUsage(usage({ articles: 1_000_000, dynamo: { ...usage().dynamo, writeUnits: { table: 1_000_000, gsi1: 0, gsi2: 0 } } }), noFixed, prices, { articlesPerDay: 10_000 });
    // 1 WRU per article: 1,000 WRU per 1,000 articles at $0.625 per million.
    expect(line(report, 'DynamoDB writes, table').usdPer1000Articles).toBeCloseTo(0.000625, 9);
    expect(line(report, 'DynamoDB writes, table').perArticle).toBe(1);
    // Over all 1,000,000 articles: exactly the price of a million WRU.
    expect(line(report, 'DynamoDB writes, table').usdPer1000Articles * 1000).toBeCloseTo(prices.dynamodb.writeRequestUnitPerMillion, 9);
  });

  it('shows each index on its own line', () => {
    const report = priceUsage(usage({ dynamo: { ...usage().dynamo, writeUnits: { table: 0, gsi1: 2000, gsi2: 4000 } } }), noFixed, prices, { articlesPerDay: 10_000 });
    expect(line(report, 'DynamoDB writes, gsi1').perArticle).toBe(2);
    expect(line(report, 'DynamoDB writes, gsi2').perArticle).toBe(4);
    expect(line(report, 'DynamoDB writes, gsi2').usdPer1000Articles).toBeCloseTo(4 * 1000 * 0.625e-6, 12);
  });

  it('stretches CPU time by 1769/memory below one vCPU, and not above', () => {
    expect(billedMs({ memoryMb: 512, invocations: 1, cpuMs: 1000, ioWaitMs: 0, networkWaitMs: 0 })).toBeCloseTo(3455.078, 3);
    expect(billedMs({ memoryMb: 1024, invocations: 1, cpuMs: 100, ioWaitMs: 20, networkWaitMs: 300 })).toBeCloseTo(172.754 + 320, 3);
    expect(billedMs({ memoryMb: 3538, invocations: 1, cpuMs: 1000, ioWaitMs: 0, networkWaitMs: 0 })).toBe(1000);
    expect(gbSeconds(1000, 1024)).toBe(1);
    expect(gbSeconds(500, 512)).toBe(0.25);
  });

  it('prices Lambda GB-seconds at the arm64 price by default and x86 on request', () => {
    // 1,000 articles, 1,000 invocations of 1 s of CPU at 1,024 MB: 1,727.54 GB-s (1769/1024 stretch).
    const lambda = { process: { memoryMb: 1024, invocations: 1000, cpuMs: 1_000_000, ioWaitMs: 0, networkWaitMs: 0 } };
    const arm = priceUsage(usage({ lambda }), noFixed, prices, { articlesPerDay: 10_000 });
    const gbs = 1000 * (1769 / 1024);
    expect(line(arm, 'Lambda compute, process').perArticle).toBeCloseTo(gbs / 1000, 9);
    expect(line(arm, 'Lambda compute, process').usdPer1000Articles).toBeCloseTo(gbs * prices.lambda.gbSecondArm64, 9);
    const x86 = priceUsage(usage({ lambda }), noFixed, prices, { articlesPerDay: 10_000, architecture: 'x86_64' });
    expect(line(x86, 'Lambda compute, process').usdPer1000Articles).toBeCloseTo(gbs * prices.lambda.gbSecondX86, 9);
    expect(line(arm, 'Lambda requests').usdPer1000Articles).toBeCloseTo(1000 * 0.2e-6, 12);
  });

  it('spreads fixed monthly costs over the volume', () => {
    const fixed = { ...noFixed, alarms: 10 }; // $1.00 a month
    const report = priceUsage(usage(), fixed, prices, { articlesPerDay: 1000 });
    expect(report.fixedUsdPerMonth).toBeCloseTo(1, 9);
    // 30,000 articles a month: $1 / 30 per 1,000 articles.
    expect(line(report, 'Fixed monthly').usdPer1000Articles).toBeCloseTo(1 / 30, 9);
    expect(report.usdPer1000Articles).toBeCloseTo(1 / 30, 9);
    // Every projection carries the same $1 of fixed cost.
    for (const p of report.projections) expect(p.usdPerMonth).toBeCloseTo(1, 9);
  });

  it('adds up to the sum of its lines, and projects linearly without sampling effects', () => {
    const report = priceUsage(usage({
      dynamo: { requestsByOperation: {}, readUnits: { table: 500, gsi1: 0, gsi2: 0 }, writeUnits: { table: 3000, gsi1: 1000, gsi2: 500 }, storedBytes: { table: 2 ** 30, gsi1: 0, gsi2: 0 } },
      s3: { put: 1000, get: 1000, head: 0, list: 0, bytesPut: 0, bytesGot: 0, storedBytes: 0 },
      apiRequests: 10,
    }), noFixed, prices, { articlesPerDay: 10_000 });
    const sum = report.lines.reduce((s, l) => s + l.usdPer1000Articles, 0);
    expect(report.usdPer1000Articles).toBeCloseTo(sum, 12);
    // 1 GiB over 1,000 articles held a month, with PITR: $0.45 per 1,000 articles.
    expect(line(report, 'DynamoDB storage').usdPer1000Articles).toBeCloseTo(0.45, 9);
    expect(line(report, 'S3 PUT/LIST').usdPer1000Articles).toBeCloseTo(0.005, 12);
    expect(line(report, 'API Gateway').usdPer1000Articles).toBeCloseTo(10 * 3.5e-6, 12);
    const [p10k, p100k] = report.projections;
    expect(p100k.usdPerMonth).toBeCloseTo(p10k.usdPerMonth * 10, 9);
    expect(p10k.usdPerMonth).toBeCloseTo((report.usdPer1000Articles / 1000) * 10_000 * 30, 9);
  });

  it('refuses a run without articles', () => {
    expect(() => priceUsage(usage({ articles: 0 }), noFixed, prices, { articlesPerDay: 10 })).toThrow(RangeError);
  });
});

describe('memorySizing', () => {
  it('costs a CPU-bound function the same below one vCPU and more above; a waiting one in proportion to memory', () => {
    const cpuBound = { memoryMb: 1024, invocations: 10, cpuMs: 1769, ioWaitMs: 0, networkWaitMs: 0 };
    const [at256, at512, at1024, at1769, at2048] = memorySizing(cpuBound, 1000, prices);
    // 1,769 ms of CPU at 256 MB runs 1769/256 times longer: 12,224 ms over 10 invocations.
    expect(at256.msPerInvocation).toBeCloseTo((1769 * (1769 / 256)) / 10, 6);
    expect(at1769.msPerInvocation).toBeCloseTo(176.9, 6);
    for (const s of [at256, at512, at1024]) expect(s.usdPer1000Articles).toBeCloseTo(at1769.usdPer1000Articles, 12);
    expect(at2048.usdPer1000Articles).toBeCloseTo((at1769.usdPer1000Articles * 2048) / 1769, 12);

    const waiting = { memoryMb: 512, invocations: 1, cpuMs: 0, ioWaitMs: 0, networkWaitMs: 1000 };
    const rows = memorySizing(waiting, 1, prices);
    expect(rows[0].usdPer1000Articles * 2).toBeCloseTo(rows[1].usdPer1000Articles, 12);
    expect(rows[1].usdPer1000Articles).toBeCloseTo(gbSeconds(1000, 512) * prices.lambda.gbSecondArm64 * 1000, 12);
  });
});

describe('tracesPerDay', () => {
  it('traces everything below the reservoir of one a second', () => {
    expect(tracesPerDay(43_200)).toBeCloseTo(43_200, 6);
  });
  it('traces one a second plus 5% of the rest above it', () => {
    // 10 a second: 1 + 0.05 x 9 = 1.45 a second.
    expect(tracesPerDay(864_000)).toBeCloseTo(1.45 * 86_400, 6);
  });
});

describe('DynamoDB capacity from item sizes', () => {
  const s = (v: string) => ({ S: v });
  const day: IndexSpec = { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' };
  const inflight: IndexSpec = { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: ['status'] };
  const base: MarshalledItem = { pk: s('ARTICLE#1'), sk: s('ARTICLE'), gsi1pk: s('DAY#2026-12-03'), gsi1sk: s('t#1') };

  it('sizes attributes as DynamoDB does', () => {
    expect(itemSize({ pk: s('ab') })).toBe(4);
    expect(itemSize({ 'é': s('é') })).toBe(4);
    expect(numberSize('123')).toBe(3);
    expect(numberSize('-0.0012')).toBe(2);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    // A list: 3 bytes + 1 per element + the elements.
    expect(itemSize({ l: { L: [s('ab'), { BOOL: true }] } })).toBe(1 + 3 + (1 + 2) + (1 + 1));
    expect(itemSize({ m: { M: { k: s('v') } } })).toBe(1 + 3 + 1 + 1 + 1);
  });

  it('charges a new index entry once, a key change twice, a removal once', () => {
    expect(indexWriteUnits(day, undefined, base)).toBe(1);
    expect(indexWriteUnits(day, base, { ...base, gsi1sk: s('t#2') })).toBe(2);
    expect(indexWriteUnits(day, base, { pk: base.pk, sk: base.sk })).toBe(1);
    expect(indexWriteUnits(day, { pk: base.pk, sk: base.sk }, { pk: base.pk, sk: base.sk, x: s('y') })).toBe(0);
  });

  it('charges an index nothing when nothing it projects changed', () => {
    const before = { ...base, gsi2pk: s('INFLIGHT'), gsi2sk: s('d#1'), status: s('queued'), text: s('a') };
    expect(indexWriteUnits(inflight, before, { ...before, text: s('b') })).toBe(0);
    expect(indexWriteUnits(inflight, before, { ...before, status: s('fetched') })).toBe(1);
    // ALL projects everything: the same change is a write there.
    expect(indexWriteUnits(day, before, { ...before, text: s('b') })).toBe(1);
  });

  it('charges by the larger image, per started KB', () => {
    const big = { ...base, text: s('x'.repeat(3000)) };
    // The day index does not project the text: the change is paid in the table only.
    expect(writeCost(base, big)).toEqual({ table: 3, indexes: { gsi1: 0, gsi2: 0 } });
    expect(writeCost(base, { ...big, title: s('A new title') }).indexes.gsi1).toBe(1);
    expect(writeCost(big, base).table).toBe(3);
    expect(writeCost(undefined, base).table).toBe(1);
  });
});
