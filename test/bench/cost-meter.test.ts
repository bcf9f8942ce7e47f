// The cost meter end to end: a few articles through the real local pipeline, metered and priced.
import { describe, expect, it } from 'vitest';
import { costJson, runCostMeter } from '../../bench/cost.js';

const ARTICLES = 12;

describe('cost meter', () => {
  it('meters articles through the local pipeline and prices every component', async () => {
    const result = await runCostMeter({
      articles: ARTICLES,
      // The stack's counts are given: synthesising it takes seconds and is not what is tested here.
      stackResources: { alarms: 22, secrets: 1, kmsKeys: 1, eventSourceMappings: 4 },
    });
    const json = costJson(result);

    expect(result.run.articlesProcessed).toBe(ARTICLES);
    // The meter's pages are distinct articles, not near-duplicates the aggregates would skip.
    expect(result.run.nearDuplicates).toBe(0);
    expect(json.dynamoWruPerArticle.table).toBeGreaterThan(0);
    // Every article enters the day index on create and the in-flight index until it is done.
    expect(json.dynamoWruPerArticle.gsi1).toBeGreaterThan(0);
    expect(json.dynamoWruPerArticle.gsi2).toBeGreaterThan(0);
    expect(json.dynamoRequestsPerArticle.total).toBeGreaterThan(0);
    expect(json.dynamoRequestsPerArticle.PutItem).toBeGreaterThan(0);
    expect(json.dynamoRequestsPerArticle.UpdateItem).toBeGreaterThan(0);
    // dynalite's table figure and the one computed from item sizes agree closely.
    const { reportedWriteUnits, computedWriteUnits } = json.dynalite;
    expect(Math.abs(reportedWriteUnits.table - computedWriteUnits.table)).toBeLessThan(0.05 * computedWriteUnits.table);

    const components = json.components.map((c) => c.component);
    expect(components.some((c) => c.includes('gsi1'))).toBe(true);
    expect(components.some((c) => c.includes('gsi2'))).toBe(true);
    expect(json.s3PerArticle.put).toBeGreaterThanOrEqual(1);
    expect(json.sqsRequestsPerArticle.sendBatch).toBeGreaterThan(0);
    expect(json.apiRequestsPerArticle).toBeCloseTo(1 / ARTICLES, 9);
    expect(json.lambdaPerArticle.process?.cpuMs).toBeGreaterThan(0);
    expect(json.lambdaPerArticle.fetch?.networkWaitMs).toBeGreaterThan(0);
    expect(json.logBytesPerArticle).toBeGreaterThan(0);

    for (const field of ['usdPer1000Articles', 'dynamoWruPerArticle', 'dynamoRequestsPerArticle', 'components', 'assumptions', 'projections'] as const) {
      expect(json).toHaveProperty(field);
    }
    const sum = json.components.reduce((s, c) => s + c.usdPer1000Articles, 0);
    expect(json.usdPer1000Articles).toBeGreaterThan(0);
    expect(json.usdPer1000Articles).toBeCloseTo(sum, 12);
    expect(json.projections.map((p) => p.articlesPerDay)).toEqual([10_000, 100_000, 1_000_000]);
  }, 60_000);
});
