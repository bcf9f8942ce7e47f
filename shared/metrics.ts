// What the pipeline counts and times. The modules see only the `PipelineMetrics` port; on Lambda
// it is Powertools' Metrics, which writes CloudWatch embedded metric format (EMF) lines to the log
// (no PutMetricData calls, nothing on the request path), flushed once per invocation by the
// handler wrapper. Locally and in tests the figures are kept in memory.
//
// Each distinct name and dimension set is a custom metric CloudWatch bills monthly, so dimensions
// are bounded: a stage and an error code, never a URL or free text.

import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

export type CountMetric =
  | 'ArticlesIngested' | 'ArticlesRequeued' | 'ArticlesDuplicate' | 'UrlsRejected'
  | 'ArticlesFetched' | 'ArticlesProcessed' | 'ArticlesFailed' | 'StageRetries'
  | 'ArticlesSwept' | 'DeadLetters' | 'DeferredMessages'
  | 'DigestsBuilt' | 'FeedsPolled' | 'FeedPollsFailed' | 'FetchesDeferred';

export type DurationMetric = 'FetchDuration' | 'ProcessDuration' | 'DigestBuildTime';

/** Dimensions of one data point: `stage` and `reason` (an error code) are the only ones used. */
export type MetricDimensions = Partial<Record<'stage' | 'reason', string>>;

export interface PipelineMetrics {
  count(name: CountMetric, value?: number, dimensions?: MetricDimensions): void;
  duration(name: DurationMetric, ms: number, dimensions?: MetricDimensions): void;
}

export const noMetrics: PipelineMetrics = { count: () => {}, duration: () => {} };

/**
 * Data points without dimensions are aggregated into the invocation's one EMF line; a point with
 * dimensions needs a line of its own (EMF puts one dimension set per line), so it goes out at once
 * through `singleMetric()`.
 */
export function powertoolsMetrics(metrics: Metrics): PipelineMetrics {
  const add = (name: string, unit: Unit, value: number, dimensions?: MetricDimensions) => {
    const entries = Object.entries(dimensions ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
    if (!entries.length) {
      metrics.addMetric(name, unit, value);
      return;
    }
    const single = metrics.singleMetric();
    for (const [key, v] of entries) single.addDimension(key, v);
    single.addMetric(name, unit, value);
  };
  return {
    count: (name, value = 1, dimensions) => add(name, MetricUnit.Count, value, dimensions),
    duration: (name, ms, dimensions) => add(name, MetricUnit.Milliseconds, ms, dimensions),
  };
}

export interface MetricPoint {
  name: CountMetric | DurationMetric;
  value: number;
  dimensions: MetricDimensions;
}

/** Keeps every data point: the local runtime's figures and what tests assert on. */
export class MemoryMetrics implements PipelineMetrics {
  readonly points: MetricPoint[] = [];

  count(name: CountMetric, value = 1, dimensions: MetricDimensions = {}): void {
    this.points.push({ name, value, dimensions });
  }

  duration(name: DurationMetric, ms: number, dimensions: MetricDimensions = {}): void {
    this.points.push({ name, value: ms, dimensions });
  }

  /** The sum of a metric's values, over the points whose dimensions include `where`. */
  total(name: MetricPoint['name'], where: MetricDimensions = {}): number {
    return this.points
      .filter((p) => p.name === name && Object.entries(where).every(([k, v]) => p.dimensions[k as keyof MetricDimensions] === v))
      .reduce((sum, p) => sum + p.value, 0);
  }
}
