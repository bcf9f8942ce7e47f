// Every set npm run eval knows, in the order the table prints them.

import { corpus, fixtures } from './analysis-sets.js';
import { dsa } from './dsa.js';
import { mentions } from './mentions.js';
import { section as ewt } from './ewt.js';
import { plover } from './plover.js';
import { robustness } from './robustness.js';
import type { EvalSection } from './section.js';

export async function loadSections(): Promise<EvalSection[]> {
  return [corpus, fixtures, plover, dsa, ewt, mentions, robustness];
}
