// One reading of a sentence's words, shared by the analysis (text/document.ts) and the syntax API
// (index.ts: tagAndParse, parseText, and so the EWT eval): the tagger's two passes, the corrections
// for news English (main-verbs.ts), the parse, and the tree's correction. One path, so what the
// eval scores is what the analysis reads.

import type { SyntaxModel } from './model.js';
import { parseTagged } from './parser.js';
import { relabelCaselessAgents, rerootNounSentence, reviveMainVerbs, reviveSubjunctives } from './main-verbs.js';
import { retagUncertain, tagScores, tagWords } from './tagger.js';
import type { SentenceWords } from './words.js';

/**
 * The tag of each word (indices into the model's tag set). `forms` are the words as the tagger
 * should read them; `properNames` marks words the caller knows to be part of a name (the actor
 * stage's multi-word names: "European Community foreign ministers", where the tagger alone reads
 * "Community" as a common noun and the parser then misses the subject).
 */
export function tagForms(model: SyntaxModel, forms: readonly string[], words: SentenceWords, properNames?: readonly boolean[]): Uint8Array {
  const margins = new Float64Array(forms.length);
  const firstPass = tagWords(words, model.lexicon, model.tagger, undefined, margins);
  const tagIds = retagUncertain(words, model.lexicon, model.retagger, firstPass, margins, model.retagMargin);
  if (properNames) {
    const nnp = model.tagSet.names.indexOf('PROPN|NNP');
    properNames.forEach((proper, i) => { if (proper) tagIds[i] = nnp; });
  }
  reviveMainVerbs(forms, tagIds, model.tagSet); // "Israeli tanks shelled positions"
  reviveSubjunctives(forms, tagIds, model.tagSet, (i) => verbGap(model, words, tagIds, i)); // "demanded that the government end curbs"
  return tagIds;
}

/** The dependency tree over tagged words: each word's head (0-based, -1 for the root) and relation. */
export function parseTags(model: SyntaxModel, forms: readonly string[], words: SentenceWords, tagIds: Uint8Array): { head: Int32Array; deprel: string[] } {
  const st = parseTagged(words, tagIds, model.parser);
  const names = model.parser.labelSet.names;
  const n = tagIds.length;
  const head = new Int32Array(n);
  const deprel: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    head[i] = st.head[i + 1] - 1;
    deprel[i] = names[st.label[i + 1]];
  }
  rerootNounSentence(Array.from(tagIds, (t) => model.tagSet.names[t]), head, deprel); // a news lead's verb read as a modifier
  relabelCaselessAgents(forms, head, deprel); // "have killed eight al-Qaeda leaders" labelled an agent
  return { head, deprel };
}

/** How far the tagger's best verb score for word `i` (base or present form) trails its best score; undefined when it scores no verb above zero. */
function verbGap(model: SyntaxModel, words: SentenceWords, tagIds: Uint8Array, i: number): number | undefined {
  const scores = tagScores(words, model.lexicon, model.tagger, tagIds, i);
  const { names } = model.tagSet;
  const verb = Math.max(scores[names.indexOf('VERB|VB')], scores[names.indexOf('VERB|VBP')]);
  return verb > 0 ? Math.max(...scores) - verb : undefined;
}
