// Where the analysis's data files that are read from disk at run time (rather than bundled as
// modules) sit: relative to this module, both in the repository and in a Lambda bundle, where the
// bundle is one file at the root and the function's `dataFiles` copy each file to the same relative
// path (infra/constructs/functions.ts).

import { fileURLToPath } from 'node:url';

/** PETRARCH2's people with dated roles (5 MB): read only for articles the dictionaries can speak for. */
export const PETRARCH_PEOPLE_RELATIVE_PATH = 'data/petrarch/people.json';
export const PETRARCH_PEOPLE_SOURCE = `shared/analysis/${PETRARCH_PEOPLE_RELATIVE_PATH}`;

export function petrarchPeoplePath(): string {
  return fileURLToPath(new URL(PETRARCH_PEOPLE_RELATIVE_PATH, import.meta.url));
}
