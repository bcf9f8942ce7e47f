// The one reading of an article's text that every analysis stage shares: sentences, tokens (as
// UD English EWT tokenises), part-of-speech tags, lemmas and, for the sentences that need it, the
// dependency tree. Computed once per sentence; offsets index the article text exactly.
//
// Parsing costs about twice what tagging does, so a sentence is parsed only when a stage asks for
// its tree (parseSentence), and the result is kept on the sentence.

import { lemmaOf } from '../syntax/lemmatizer.js';
import type { SyntaxModel } from '../syntax/model.js';
import { parseTagged } from '../syntax/parser.js';
import { retagUncertain, tagWords, UPOS, type Upos } from '../syntax/tagger.js';
import { tokenizeSpan } from '../syntax/tokenize.js';
import { splitSentences } from '../sentences.js';
import { hashWords, type SentenceWords } from '../syntax/words.js';
import type { Sentence } from '../types.js';

export interface DocToken {
  /** Index of the token in its sentence. */
  i: number;
  /** The token as written. */
  text: string;
  lower: string;
  lemma: string;
  upos: Upos;
  /** The tagger's finer tag: UPOS with EWT's Penn tag ("VERB|VBN"). */
  tag: string;
  /** Offsets into the article text. */
  start: number;
  end: number;
  /** No white space before the next token. */
  spaceAfter: boolean;
}

export interface DocTree {
  /** Index of each token's head in the sentence, -1 for the root. */
  head: Int32Array;
  /** Each token's Universal Dependencies relation, with its subtype. */
  deprel: string[];
}

export interface DocSentence extends Sentence {
  tokens: DocToken[];
  /** Set once the sentence has been parsed (parseSentence). */
  tree?: DocTree;
  /** What the parser needs of the sentence, kept from tagging so parsing does not redo it. */
  readonly words: SentenceWords;
  readonly tagIds: Uint8Array;
}

export interface TextDocument {
  text: string;
  sentences: DocSentence[];
}

/** HTML character references left in extracted text ("communiqu&#233;"): decoded for the tagger only. */
const ENTITY = /&(#\d+|#x[0-9a-f]+|amp|quot|apos|lt|gt|nbsp);/gi;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' };

function decodeEntities(form: string): string {
  if (!form.includes('&')) return form;
  return form.replace(ENTITY, (whole, body: string) => {
    const b = body.toLowerCase();
    const code = b.startsWith('#x') ? parseInt(b.slice(2), 16) : b.startsWith('#') ? Number(b.slice(1)) : -1;
    if (code >= 0) return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    return NAMED_ENTITIES[b] ?? whole;
  });
}

/** Splits, tokenises, tags and lemmatises the whole text (no parsing yet). */
export function readText(text: string, model: SyntaxModel): TextDocument {
  return { text, sentences: readSentences(splitSentences(text), model) };
}

/** Tokenises, tags and lemmatises sentences already split (offsets stay those of their text). */
export function readSentences(sentences: readonly Sentence[], model: SyntaxModel): DocSentence[] {
  return sentences.map((s) => readSentence(s, model));
}

function readSentence(s: Sentence, model: SyntaxModel): DocSentence {
  const spans = tokenizeSpan(s.text, 0, s.text.length)
    .flatMap((t) => t.words.map((w, k) => ({ ...w, spaceAfter: k < t.words.length - 1 ? false : t.spaceAfter })));
  const forms = spans.map((w) => decodeEntities(w.form));
  const words = hashWords(forms, model.clusters);
  const margins = new Float64Array(forms.length);
  const firstPass = tagWords(words, model.lexicon, model.tagger, undefined, margins);
  const tagIds = retagUncertain(words, model.lexicon, model.retagger, firstPass, margins, model.retagMargin);
  const tokens: DocToken[] = spans.map((w, i) => ({
    i,
    text: w.form,
    lower: w.form.toLowerCase(),
    lemma: lemmaOf(model.lemmatizer, forms[i], tagIds[i]),
    upos: UPOS[model.tagSet.upos[tagIds[i]]],
    tag: model.tagSet.names[tagIds[i]],
    start: s.start + w.start,
    end: s.start + w.end,
    spaceAfter: w.spaceAfter,
  }));
  return { index: s.index, start: s.start, end: s.end, text: s.text, tokens, words, tagIds };
}

/** The sentence's dependency tree, parsed on first request. */
export function parseSentence(model: SyntaxModel, s: DocSentence): DocTree {
  if (s.tree) return s.tree;
  const st = parseTagged(s.words, s.tagIds, model.parser);
  const names = model.parser.labelSet.names;
  const n = s.tokens.length;
  const head = new Int32Array(n);
  const deprel: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    head[i] = st.head[i + 1] - 1;
    deprel[i] = names[st.label[i + 1]];
  }
  s.tree = { head, deprel };
  return s.tree;
}
