// The stance lexicon's reading of a word for the learned layer: the category of the verb, noun or
// adjective its lemma is (../lexicon.ts), or "say" for a reporting verb.

import { createHash } from 'node:crypto';
import { ADJS, NEG, NOUNS, REPORTING, VERBS } from '../lexicon.js';

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

/**
 * A digest of everything the features read from the lexicon (cues and negations). The trainer
 * writes it into the model; a test compares it with the lexicon as it is, so an edit to the
 * lexicon that would change the features asks for npm run train:stances.
 */
export function cueLexiconDigest(): string {
  const lines = [
    ...[...VERBS].map(([w, e]) => `v ${w} ${e.cat}`), ...[...NOUNS].map(([w, e]) => `n ${w} ${e.cat}`),
    ...[...ADJS].map(([w, e]) => `a ${w} ${e.cat}`), ...[...REPORTING].map((w) => `r ${w}`), ...[...NEG].map((w) => `x ${w}`),
  ].sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}
