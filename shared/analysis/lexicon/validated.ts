// Parsing a data file of shared/analysis/data/ with its schema. A file that does not match stops
// the process at start-up with the file and the path of every problem, instead of a rule silently
// reading undefined later.

import type { z } from 'zod';

/** A data file that does not match its schema; the message names the file and what is wrong. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`shared/analysis/data/${file} is not valid (fix the file, then run test/analysis/gazetteer.test.ts): ${problems.join('; ')}`);
    this.name = 'DataFileError';
  }
}

/** At most this many problems are listed: the first ones are enough to find the mistake. */
const MAX_PROBLEMS = 10;

/** Parses `data` with `schema`, or throws a DataFileError naming the file and each problem. */
export function validated<S extends z.ZodType>(file: string, schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, MAX_PROBLEMS).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new DataFileError(file, problems);
}
