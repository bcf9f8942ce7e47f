// What the lemmatizer takes from WordNet 3.0 (Princeton University, WordNet licence), as packaged by
// wink-lexicon (npm devDependency, MIT): the exception lists of irregular forms ("fled" -> "flee",
// "crises" -> "crisis", "worse" -> "bad"), for forms EWT never shows, and the base forms of verbs
// and adjectives, so the suffix rules can tell "wiped" -> "wipe" from "stopped" -> "stop".

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface WordNetLemmas {
  /** Irregular inflected forms, lower case, with their UPOS and lemma. */
  exceptions: { form: string; upos: 'VERB' | 'NOUN' | 'ADJ'; lemma: string }[];
  /** Verbs and adjectives in their base form, one word each, lower case. */
  baseForms: string[];
}

/** One word: letters, with hyphens or apostrophes inside (WordNet's multiword lemmas have "_"). */
const WORD = /^[a-z][a-z'-]*$/;

/** WordNet's lexicographer files: adjectives are 0 (adj.all) and 1 (adj.pert), verbs 29 to 43. */
const isAdjectiveSense = (s: number) => s < 2;
const isVerbSense = (s: number) => s >= 29 && s <= 43;

export function readWordNet(dir: string): WordNetLemmas {
  if (!existsSync(join(dir, 'src/wn-words.js'))) {
    throw new Error(`${dir} has no WordNet data: it comes from the wink-lexicon devDependency (npm ci), or give --wordnet`);
  }
  const load = createRequire(join(dir, 'package.json'));
  const words = load('./src/wn-words.js') as Record<string, number>;
  const senses = load('./src/wn-word-senses.js') as number[][];
  const exceptions: WordNetLemmas['exceptions'] = [];
  for (const [file, upos] of [['verb', 'VERB'], ['noun', 'NOUN'], ['adjective', 'ADJ']] as const) {
    const list = load(`./src/wn-${file}-exceptions.js`) as Record<string, string>;
    for (const form of Object.keys(list).sort()) if (WORD.test(form)) exceptions.push({ form, upos, lemma: list[form] });
  }
  const baseForms = Object.keys(words).filter((w) => WORD.test(w) && senses[words[w]].some((s) => isVerbSense(s) || isAdjectiveSense(s))).sort();
  return { exceptions, baseForms };
}
