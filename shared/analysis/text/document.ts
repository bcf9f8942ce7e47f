// The one reading of an article's text that every analysis stage shares: sentences, tokens (as
// UD English EWT tokenises), part-of-speech tags, lemmas and, for the sentences that need it, the
// dependency tree. Computed once per sentence; offsets index the article text exactly.
//
// Tagging costs four times what tokenising does and parsing twice what tagging does, so a sentence
// is tagged only when a stage asks for its tags (tagSentence; readSentences can ask for a subset at
// once) and parsed only when one asks for its tree (parseSentence); both are kept on the sentence.

import { lemmaOf } from '../syntax/lemmatizer.js';
import type { SyntaxModel } from '../syntax/model.js';
import { parseTags, tagForms } from '../syntax/read.js';
import { UPOS, type Upos } from '../syntax/tagger.js';
import { tokenizeSpan } from '../syntax/tokenize.js';
import { splitSentences } from '../sentences.js';
import { hashWords, type SentenceWords } from '../syntax/words.js';
import type { Sentence, Span } from '../types.js';

export interface DocToken {
  /** Index of the token in its sentence. */
  i: number;
  /** The token as written. */
  text: string;
  lower: string;
  /** Lemma, part of speech and tag are set when the sentence is tagged (tagSentence): until then
   * the lemma is the lower-case form, the UPOS 'X' and the tag empty. */
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
  /** Set once the sentence has been tagged (tagSentence): what the parser needs of it, so parsing does not redo it. */
  tagging?: { words: SentenceWords; tagIds: Uint8Array };
  /** Set once the sentence has been parsed (parseSentence). */
  tree?: DocTree;
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

/** Splits and tokenises the whole text; tags and trees come on request. */
export function readText(text: string): TextDocument {
  return { text, sentences: readSentences(splitSentences(text)) };
}

/**
 * Tokenises sentences already split (offsets stay those of their text), and tags and lemmatises
 * those `wanted` says (all of them when `wanted` is left out).
 */
export function readSentences(sentences: readonly Sentence[], model?: SyntaxModel, wanted?: (s: DocSentence) => boolean): DocSentence[] {
  const out = sentences.map(tokenizeSentence);
  if (model) for (const s of out) if (!wanted || wanted(s)) tagSentence(model, s);
  return out;
}

// Plain loops, no closures: these run for every sentence of every article (see bench/analysis.ts).
function tokenizeSentence(s: Sentence): DocSentence {
  const tokens: DocToken[] = [];
  for (const piece of tokenizeSpan(s.text, 0, s.text.length)) {
    const last = piece.words.length - 1;
    for (let k = 0; k <= last; k++) {
      const w = piece.words[k];
      const lower = w.form.toLowerCase();
      tokens.push({
        i: tokens.length, text: w.form, lower, lemma: lower, upos: 'X', tag: '',
        start: s.start + w.start, end: s.start + w.end, spaceAfter: k < last ? false : piece.spaceAfter,
      });
    }
  }
  return { index: s.index, start: s.start, end: s.end, text: s.text, tokens };
}

/** Tags and lemmatises the sentence's tokens in place (once). */
export function tagSentence(model: SyntaxModel, s: DocSentence, nameSpans?: readonly Span[]): DocSentence {
  if (s.tagging) return s;
  const { tokens } = s;
  const n = tokens.length;
  const forms: string[] = new Array(n);
  for (let i = 0; i < n; i++) forms[i] = decodeEntities(tokens[i].text);
  const words = hashWords(forms, model.clusters);
  const tagIds = tagForms(model, forms, words, nameSpans?.length ? properNameWords(tokens, nameSpans) : undefined);
  const { upos, names } = model.tagSet;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const tag = tagIds[i];
    t.lemma = lemmaOf(model.lemmatizer, forms[i], tag);
    t.upos = UPOS[upos[tag]];
    t.tag = names[tag];
  }
  s.tagging = { words, tagIds };
  return s;
}

/** The capitalised words inside names of two words or more ("European Community", not "of" in "Bank of England"). */
function properNameWords(tokens: readonly DocToken[], names: readonly Span[]): boolean[] {
  const out = new Array<boolean>(tokens.length).fill(false);
  for (const name of names) {
    const inside = [];
    for (let i = 0; i < tokens.length; i++) if (tokens[i].start >= name.start && tokens[i].end <= name.end) inside.push(i);
    if (inside.length < 2) continue;
    for (const i of inside) if (/^\p{Lu}/u.test(tokens[i].text)) out[i] = true;
  }
  return out;
}

/** The sentence's dependency tree, parsed on first request. */
export function parseSentence(model: SyntaxModel, s: DocSentence): DocTree {
  if (s.tree) return s.tree;
  const { words, tagIds } = tagSentence(model, s).tagging!;
  const { head, deprel } = parseTags(model, s.tokens.map((t) => t.lower), words, tagIds);
  s.tree = { head, deprel };
  return s.tree;
}
