// The actor data converted from PETRARCH2's dictionaries (../data/petrarch/, MIT, Copyright 2014
// Open Event Data; written by train/dictionaries/petrarch-actors.ts), validated against its
// schemas. Organisations and agents are imported, so that they bundle with esbuild; people.json
// (5 MB) is read from disk the first time a person is looked up (../data-location.ts), so that a
// process that never does, such as one analysing articles after the dictionaries' horizon, pays
// neither for parsing it nor for the quarter of a second validating it costs. Each file is
// validated the first time it is asked for and the same frozen value is returned after that.
// A file that does not match its schema throws a PetrarchDataError naming the file, the entry and
// the field (test/actors/petrarch-lookup.test.ts loads all three, so a bad file fails the tests).

import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import agentsJson from '../data/petrarch/agents.json' with { type: 'json' };
import organizationsJson from '../data/petrarch/organizations.json' with { type: 'json' };
import { petrarchPeoplePath } from '../data-location.js';
import {
  agentsFileSchema, organizationsFileSchema, peopleFileSchema,
  type AgentsFile, type OrganizationsFile, type PeopleFile,
} from './petrarch-schema.js';

export * from './petrarch-schema.js';

export class PetrarchDataError extends Error {
  override name = 'PetrarchDataError';
}

/** How many schema problems the error message lists. */
const PROBLEMS_SHOWN = 3;

const SCHEMAS = {
  'organizations.json': organizationsFileSchema,
  'agents.json': agentsFileSchema,
  'people.json': peopleFileSchema,
} as const;
type PetrarchFile = keyof typeof SCHEMAS;

/** Validates one file's JSON against its schema; the result is frozen. */
export function validatePetrarchFile<F extends PetrarchFile>(file: F, json: unknown): z.infer<(typeof SCHEMAS)[F]> {
  const result = SCHEMAS[file].safeParse(json);
  if (result.success) return deepFreeze(result.data) as z.infer<(typeof SCHEMAS)[F]>;
  const problems = result.error.issues.slice(0, PROBLEMS_SHOWN).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
  const more = result.error.issues.length > PROBLEMS_SHOWN ? ` and ${result.error.issues.length - PROBLEMS_SHOWN} more` : '';
  throw new PetrarchDataError(
    `shared/analysis/data/petrarch/${file} does not match its schema (${problems.join('; ')}${more}); ` +
      'regenerate it with npm run data:petrarch, or fix the hand edit',
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A value computed on the first call and returned by every later one. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

export const petrarchOrganizations: () => OrganizationsFile = once(() => validatePetrarchFile('organizations.json', organizationsJson));
export const petrarchAgents: () => AgentsFile = once(() => validatePetrarchFile('agents.json', agentsJson));
export const petrarchPeople: () => PeopleFile = once(() => validatePetrarchFile('people.json', readPeople()));

function readPeople(): unknown {
  const path = petrarchPeoplePath();
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new PetrarchDataError(`cannot read ${path} (${err instanceof Error ? err.message : String(err)}); the repository ships it, and npm run data:petrarch rebuilds it`);
  }
}
