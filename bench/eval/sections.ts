// Every set npm run eval knows, in the order the table prints them.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { corpus, fixtures } from './analysis-sets.js';
import { dsa } from './dsa.js';
import { plover } from './plover.js';
import type { EvalSection } from './section.js';

/**
 * The parser's set (UD English EWT test: UPOS, UAS, LAS) is written as bench/eval/ewt.ts, exporting
 * `section: EvalSection`. It joins the list as soon as that file exists; until then `ewt` is an
 * unknown set. (Once it is in, a static import here is just as good.)
 */
const EWT_MODULE = new URL('./ewt.ts', import.meta.url);

export async function loadSections(): Promise<EvalSection[]> {
  const sections: EvalSection[] = [corpus, fixtures, plover, dsa];
  if (existsSync(fileURLToPath(EWT_MODULE))) {
    const mod = (await import(EWT_MODULE.href)) as { section?: EvalSection };
    if (!mod.section || typeof mod.section.run !== 'function') throw new Error(`${fileURLToPath(EWT_MODULE)} must export \`section: EvalSection\``);
    sections.push(mod.section);
  }
  return sections;
}
