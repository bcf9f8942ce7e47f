// Tagging and dependency parsing of English, trained on UD English EWT (see model/README.md).
//
//   const model = loadSyntaxModel();
//   tagAndParse(model, ['Iran', 'warned', 'the', 'United', 'States', '.'])
//   -> [{ form: 'Iran', lemma: 'Iran', upos: 'PROPN', head: 2, deprel: 'nsubj' },
//       { form: 'warned', lemma: 'warn', upos: 'VERB', head: 0, deprel: 'root' }, ...]
//   lemmatize(model, 'children', 'NOUN|NNS') -> 'child'

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ConlluSentence, ConlluWord } from './conllu.js';
import { decodeModel, type SyntaxModel } from './model.js';
import { lemmaOf } from './lemmatizer.js';
import { ModelFileError } from './model-file.js';
import { SYNTAX_MODEL_RELATIVE_PATH } from './model-path.js';
import { parseTags, tagForms } from './read.js';
import { UPOS, type Upos } from './tagger.js';
import { tokenize, type Token, type TokenWord } from './tokenize.js';
import { hashWords } from './words.js';

export type { SyntaxModel } from './model.js';
export type { Upos } from './tagger.js';
export type { Token } from './tokenize.js';
export { readConllu, writeConllu, ConlluFormatError } from './conllu.js';

/** The shipped model, beside this module (and beside a Lambda bundle: see model-path.ts). */
export const DEFAULT_SYNTAX_MODEL_PATH = fileURLToPath(new URL(SYNTAX_MODEL_RELATIVE_PATH, import.meta.url));

export interface ParsedWord {
  form: string;
  /** As EWT lemmatises: "went" -> "go", "'s" (AUX) -> "be", "tariffs" -> "tariff"; proper nouns keep their case. */
  lemma: string;
  upos: Upos;
  /** 1-based index of the head word; 0 for the root. */
  head: number;
  /** Universal Dependencies relation, with its subtype where EWT has one (nsubj:pass, obl:agent). */
  deprel: string;
}

const loaded = new Map<string, SyntaxModel>();

/** Reads and decodes a model file once per path (a few tens of milliseconds). */
export function loadSyntaxModel(path: string = DEFAULT_SYNTAX_MODEL_PATH): SyntaxModel {
  let model = loaded.get(path);
  if (!model) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new ModelFileError(`cannot read the syntax model at ${path} (${err instanceof Error ? err.message : String(err)}); `
        + 'the repository ships it, and npm run train:syntax rebuilds it');
    }
    model = decodeModel(bytes);
    loaded.set(path, model);
  }
  return model;
}

/** Tags and parses one sentence given as words (UD tokenisation: "do" "n't", "Bush" "'s"). */
export function tagAndParse(model: SyntaxModel, forms: readonly string[]): ParsedWord[] {
  const { tags, tree } = run(model, forms);
  const out: ParsedWord[] = new Array(forms.length);
  for (let i = 0; i < forms.length; i++) {
    out[i] = {
      form: forms[i], lemma: lemmaOf(model.lemmatizer, forms[i], tags[i]), upos: UPOS[model.tagSet.upos[tags[i]]],
      head: tree.head[i] + 1, deprel: tree.deprel[i],
    };
  }
  return out;
}

const tagIndexes = new WeakMap<SyntaxModel, Map<string, number>>();

/**
 * The index of a tag in the model's tag set: its exact name ("VERB|VBD"), or else the commonest
 * tag of its Universal POS tag ("VERB", or "VERB|XYZ" the model does not have).
 */
export function tagIndex(model: SyntaxModel, tag: string): number {
  let index = tagIndexes.get(model);
  if (!index) {
    const byName = new Map<string, number>();
    const { names, upos } = model.tagSet;
    // Tags are stored commonest first, so the first of each UPOS is its commonest.
    for (let t = names.length - 1; t >= 0; t--) byName.set(UPOS[upos[t]], t);
    names.forEach((name, t) => byName.set(name, t));
    tagIndexes.set(model, (index = byName));
  }
  const t = index.get(tag) ?? index.get(tag.split('|')[0]);
  if (t === undefined) throw new RangeError(`"${tag}" is not a tag of the syntax model (${model.tagSet.names.slice(0, 4).join(', ')}, ...)`);
  return t;
}

/**
 * The lemma of one word given its tag: an index into the model's tag set, or a tag's name
 * ("VERB|VBD", or a bare Universal POS tag: "VERB"). tagAndParse and parseText give every word
 * its lemma already; this is for words tagged some other way.
 */
export function lemmatize(model: SyntaxModel, form: string, tag: number | string): string {
  const t = typeof tag === 'number' ? tag : tagIndex(model, tag);
  if (!Number.isInteger(t) || t < 0 || t >= model.tagSet.names.length) throw new RangeError(`tag ${tag} is not an index into the model's ${model.tagSet.names.length} tags`);
  return lemmaOf(model.lemmatizer, form, t);
}

/** Tags and parses words through the one reading the analysis uses (read.ts, news corrections included). */
function run(model: SyntaxModel, forms: readonly string[]): { tags: Uint8Array; tree: { head: Int32Array; deprel: string[] } } {
  const words = hashWords(forms, model.clusters);
  const tags = tagForms(model, forms, words);
  return { tags, tree: parseTags(model, forms, words, tags) };
}

export interface ParsedTextWord extends ParsedWord {
  /** Offsets of the word in the text that was parsed. */
  start: number;
  end: number;
}

export interface ParsedTextSentence {
  start: number;
  end: number;
  text: string;
  tokens: Token[];
  words: ParsedTextWord[];
}

/** Splits raw text into sentences and words (EWT's tokenisation), then tags and parses each sentence. */
export function parseText(model: SyntaxModel, text: string): ParsedTextSentence[] {
  return tokenize(text).map((s) => {
    const spans: TokenWord[] = [];
    for (const t of s.tokens) for (const w of t.words) spans.push(w);
    const { tags, tree } = run(model, spans.map((w) => w.form));
    const words: ParsedTextWord[] = new Array(spans.length);
    for (let i = 0; i < spans.length; i++) {
      const w = spans[i];
      words[i] = {
        form: w.form,
        lemma: lemmaOf(model.lemmatizer, w.form, tags[i]),
        upos: UPOS[model.tagSet.upos[tags[i]]],
        head: tree.head[i] + 1,
        deprel: tree.deprel[i],
        start: w.start,
        end: w.end,
      };
    }
    return { start: s.start, end: s.end, text: s.text, tokens: s.tokens, words };
  });
}

/** CoNLL-U for parsed text: a multiword-token line for each clitic split, SpaceAfter=No where it applies. */
export function parsedTextToConllu(sentences: readonly ParsedTextSentence[], firstId = 1): ConlluSentence[] {
  return sentences.map((s, si) => {
    const lines: (string | number)[] = [`# sent_id = ${firstId + si}`, `# text = ${s.text.replace(/\s+/g, ' ')}`];
    const words: ConlluWord[] = [];
    for (const token of s.tokens) {
      const misc = token.spaceAfter ? '_' : 'SpaceAfter=No';
      if (token.words.length > 1) {
        lines.push(`${words.length + 1}-${words.length + token.words.length}\t${token.form}\t_\t_\t_\t_\t_\t_\t_\t${misc}`);
      }
      for (const w of token.words) {
        const p = s.words[words.length];
        lines.push(words.length);
        words.push({
          id: words.length + 1, form: w.form, lemma: p.lemma, upos: p.upos, xpos: '_', feats: '_',
          head: p.head, deprel: p.deprel, deps: '_', misc: token.words.length > 1 ? '_' : misc,
        });
      }
    }
    return { lines, words };
  });
}

/**
 * Tags and parses a CoNLL-U document in place: only ID, FORM and MISC are read; LEMMA, UPOS, HEAD
 * and DEPREL are predicted, XPOS, FEATS and DEPS cleared. Comments, multiword-token ranges and
 * empty nodes stay as they were.
 */
export function parseConllu(model: SyntaxModel, sentences: ConlluSentence[]): ConlluSentence[] {
  return sentences.map((s) => {
    const parsed = tagAndParse(model, s.words.map((w) => w.form));
    return {
      lines: s.lines,
      words: s.words.map((w, i) => ({
        id: w.id, form: w.form, lemma: parsed[i].lemma, upos: parsed[i].upos, xpos: '_', feats: '_',
        head: parsed[i].head, deprel: parsed[i].deprel, deps: '_', misc: w.misc,
      })),
    };
  });
}
