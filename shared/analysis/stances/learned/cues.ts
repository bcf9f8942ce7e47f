// The stance lexicon's reading of a word for the learned layer: the category of the verb, noun or
// adjective its lemma is (../lexicon.ts), or "say" for a reporting verb.

import { ADJS, NOUNS, REPORTING, VERBS } from '../lexicon.js';

export function cueOf(lemma: string, upos: string): string | undefined {
  if (upos === 'VERB' || upos === 'X') {
    const v = VERBS.get(lemma);
    if (v) return v.cat;
    if (REPORTING.has(lemma)) return 'say';
  }
  if (upos === 'NOUN' || upos === 'X') {
    const n = NOUNS.get(lemma);
    if (n) return n.cat;
  }
  if (upos === 'ADJ' || upos === 'X') {
    const a = ADJS.get(lemma);
    if (a) return a.cat;
  }
  return undefined;
}
