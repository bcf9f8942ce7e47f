// The contract between `npm run eval` and each set it measures. A section reads its data from the
// shared folder beside the checkout, runs the analysis (in process), scores it, and returns rows
// of named metrics; bench/eval.ts prints them as one table against the floors in
// bench/eval-floors.json, as JSON (--json), and with the misses (--misses).
//
// A new set is one module in bench/eval/ exporting an EvalSection, listed in bench/eval/sections.ts.

/** One figure of a row. Values are fractions in [0, 1] for rates (0.951, not 95.1 %). */
export interface Metric {
  /** Short and stable: the table prints it and the floors file keys it, e.g. 'stance F1', 'LAS'. */
  name: string;
  value: number;
  /**
   * A headline figure for which higher is better: it keeps a floor (today's score, raised as scores
   * rise) and the eval fails when it drops below it. Leave it unset for figures that only inform
   * (a count, stances emitted per record, a small per-category breakdown).
   */
  gated?: boolean;
  /** A count (sentences skipped), printed as a whole number; never gated. */
  count?: boolean;
}

/** A line of results: an article, an event type, or `all` for a set's headline figures. */
export interface Row {
  /** `all` prints as the metric alone; any other name prefixes its metrics ('mean stance F1'). */
  name: string;
  metrics: Metric[];
}

export interface SectionResult {
  rows: Row[];
  /** What the analysis got wrong, one line each, for people (--misses): the scorer's wording. */
  misses: string[];
  /** Anything else a machine may want under --json: the scorer's own output, counts, timings. */
  details?: Record<string, unknown>;
}

export interface EvalContext {
  /** The checkout's root folder. */
  repoRoot: string;
  /** The shared folder beside the checkout (`../shared`); every path in `needs` exists in it. */
  sharedDir: string;
  /** An empty scratch folder of this section's own, removed after `run` returns or throws. */
  workDir: string;
}

export interface EvalSection {
  /** Lower case, one word: selects the set on the command line and keys its floors. */
  name: string;
  /** One line: what is measured on which data, printed above the table. */
  description: string;
  /** Paths relative to the shared folder that the section reads; checked before anything runs. */
  needs: readonly string[];
  run(ctx: EvalContext): Promise<SectionResult>;
}

/** The floors file's key of a metric within its set: `<row>/<metric>`, e.g. `mean/stance F1`. */
export function metricKey(row: string, metric: string): string {
  return `${row}/${metric}`;
}
