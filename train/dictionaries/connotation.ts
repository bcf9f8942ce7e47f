// npm run data:connotation: the connotation of judgement words ("naive", "reckless", "brave",
// "shameful") from wink-nlp's English model (wink-eng-lite-web-model, MIT, GRAYPE Systems), whose
// sentiment lexicon scores words in [-1, 1]. Every lower-case word of the model's own vocabulary
// (87,593 lexemes) is scored once, alone, and those at least MIN_STRENGTH strong are written to
// shared/analysis/data/connotation/words.json with the licence beside it. The stance parse reads
// them for judgements a speaker passes on an actor ("said his counterpart was naive", "called
// Moscow reckless": stances/tree/), where the tagger says the word is an adjective or a noun. The
// stance lexicon's own labels win over these.
//
//   npm run data:connotation

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const OUT = 'shared/analysis/data/connotation';
/** Weaker scores are mostly words of mood or quality ("restful", "tender"), not judgements of someone. */
export const MIN_STRENGTH = 0.3;

/** The words of a vocabulary with a strong enough sentiment alone, by wink's score of each. */
export function connotations(vocabulary: Iterable<string>, sentimentOf: (word: string) => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const word of vocabulary) {
    if (!/^[a-z][a-z-]*[a-z]$/.test(word) || word in out) continue;
    const score = sentimentOf(word);
    if (Math.abs(score) >= MIN_STRENGTH) out[word] = Math.round(score * 1000) / 1000;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const require = createRequire(import.meta.url);
  // the model's vocabulary: its lexeme feature list
  const vocabulary = (model as unknown as { core(): { features: { lexeme: { list: string[] } } } }).core().features.lexeme.list;
  const nlp = winkNLP(model);
  const words = connotations(vocabulary, (w) => nlp.readDoc(w).out(nlp.its.sentiment) as number);
  mkdirSync(OUT, { recursive: true });
  const file = {
    about: "Connotation of judgement words in [-1, 1] (negative: 'naive', 'reckless'; positive: 'brave', 'wise'): wink-nlp's English sentiment score of each word of its model's vocabulary, alone, kept when at least " + MIN_STRENGTH + " strong. The stance parse (stances/tree/) reads them for what a speaker says of an actor. Written by train/dictionaries/connotation.ts (npm run data:connotation); do not edit by hand.",
    source: `wink-eng-lite-web-model ${require('wink-eng-lite-web-model/package.json').version} (MIT, Copyright GRAYPE Systems Private Limited; LICENSE beside this file)`,
    minStrength: MIN_STRENGTH,
    words,
  };
  writeFileSync(join(OUT, 'words.json'), JSON.stringify(file, null, 1) + '\n');
  copyFileSync(require.resolve('wink-eng-lite-web-model/LICENSE'), join(OUT, 'LICENSE'));
  console.log(`wrote ${OUT}/words.json: ${Object.keys(words).length} words`);
}
