// The trained syntax model in memory, and its conversion to and from the model file. Every table
// is stored as it is laid out in memory, so decoding makes views, not copies or hash tables.

import { FeatureTable, HashIndex, type FeatureTableData } from './feature-table.js';
import { CASE_KEEP, CASE_TITLE, siblingTags, type EditScript, type Lemmatizer } from './lemmatizer.js';
import { decodeModelFile, encodeModelFile, MODEL_FORMAT_VERSION, ModelFileError, type SectionArray } from './model-file.js';
import { MOVES, type LabelSet, type ParserWeights } from './parser.js';
import { tagSetOf, UPOS, type TaggerLexicon, type TagSet } from './tagger.js';
import type { ClusterLexicon } from './words.js';

/** Where the model came from, as written by train/syntax.ts. */
export interface ModelProvenance {
  trainedOn: string;
  licence: string;
  attribution: string;
  clusters: string;
  seed: number;
}

export interface SyntaxModel {
  tagSet: TagSet;
  lexicon: TaggerLexicon;
  /** Left-to-right tagger, then a second pass that also sees the first pass's tags to the right. */
  tagger: FeatureTable;
  retagger: FeatureTable;
  /** The second pass re-tags words whose first-pass margin is at most this (tuned on EWT dev). */
  retagMargin: number;
  parser: ParserWeights & { moves: FeatureTable; labels: FeatureTable };
  clusters: ClusterLexicon;
  /** Lemmas from EWT's LEMMA column: a lexicon of irregular words and suffix rules (lemmatizer.ts). */
  lemmatizer: Lemmatizer;
  provenance: ModelProvenance;
}

export type ModelParts = Omit<SyntaxModel, 'parser'> & { parser: { moves: FeatureTable; labels: FeatureTable; labelSet: LabelSet } };

const TABLES = ['tagger', 'retagger', 'moves', 'labels'] as const;

function retagMarginOf(value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0)) throw new ModelFileError('the syntax model has no retagMargin');
  return value;
}

function tablesOf(parts: ModelParts): Record<(typeof TABLES)[number], FeatureTable> {
  return { tagger: parts.tagger, retagger: parts.retagger, moves: parts.parser.moves, labels: parts.parser.labels };
}

/** The lemmatizer's edit scripts in the header, each as [case, strip, add]. */
type StoredScript = [number, string, string];

function scriptsOf(value: unknown): EditScript[] {
  const ok = (s: unknown): s is StoredScript => Array.isArray(s) && s.length === 3 && Number.isInteger(s[0]) && s[0] >= CASE_KEEP
    && s[0] <= CASE_TITLE && typeof s[1] === 'string' && typeof s[2] === 'string';
  if (!Array.isArray(value) || !value.every(ok)) throw new ModelFileError('the syntax model\'s lemmatizer has no edit scripts');
  return value.map(([c, strip, add]) => ({ case: c, strip, add }));
}

export function encodeModel(parts: ModelParts): Buffer {
  const tables = tablesOf(parts);
  const sections: Record<string, SectionArray> = {
    'dictionary.slots': parts.lexicon.tagDictionary.slots,
    'ambiguity.slots': parts.lexicon.ambiguity.slots,
    'clusters.slots': parts.clusters.slots,
    'lemmas.words.slots': parts.lemmatizer.words.slots,
    'lemmas.suffixes.slots': parts.lemmatizer.suffixes.slots,
    'lemmas.known.slots': parts.lemmatizer.vocabulary.slots,
  };
  const sizes: Record<string, { nClasses: number; size: number }> = {};
  for (const name of TABLES) {
    const { nClasses, size, slots, pairs, codes } = tables[name].data;
    sizes[name] = { nClasses, size };
    sections[`${name}.slots`] = slots;
    sections[`${name}.pairs`] = pairs;
    sections[`${name}.codes`] = codes;
  }
  return encodeModelFile({
    tags: parts.tagSet.names,
    retagMargin: parts.retagMargin,
    labelSet: parts.parser.labelSet,
    tables: sizes,
    lemmatizer: {
      maxSuffix: parts.lemmatizer.maxSuffix,
      scripts: parts.lemmatizer.scripts.map((s): StoredScript => [s.case, s.strip, s.add]),
    },
    provenance: parts.provenance,
  }, sections);
}

export function decodeModel(bytes: Uint8Array): SyntaxModel {
  const { header, sections } = decodeModelFile(bytes);
  const model = decodeParts(header, sections);
  const stored = header.lemmatizer as { maxSuffix?: unknown; scripts?: unknown } | undefined;
  if (!stored || !Number.isInteger(stored.maxSuffix)) throw new ModelFileError('the syntax model has no lemmatizer');
  const lemmatizer: Lemmatizer = {
    scripts: scriptsOf(stored.scripts),
    words: new HashIndex(int32Section(sections, 'lemmas.words.slots')),
    siblings: siblingTags(model.tagSet.upos),
    suffixes: new HashIndex(int32Section(sections, 'lemmas.suffixes.slots')),
    maxSuffix: stored.maxSuffix as number,
    vocabulary: new HashIndex(int32Section(sections, 'lemmas.known.slots')),
  };
  return { ...model, lemmatizer };
}

/**
 * The tagger and parser of a model file of this format or the one before, which had no lemmatizer:
 * for `npm run train:syntax -- --only lemmatizer`, which adds one to a trained model.
 */
export function decodeModelWithoutLemmatizer(bytes: Uint8Array): Omit<SyntaxModel, 'lemmatizer'> {
  const { header, sections } = decodeModelFile(bytes, [MODEL_FORMAT_VERSION - 1, MODEL_FORMAT_VERSION]);
  return decodeParts(header, sections);
}

function int32Section(sections: Map<string, SectionArray>, name: string): Int32Array {
  const s = sections.get(name);
  if (!(s instanceof Int32Array)) throw new ModelFileError(`the syntax model has no "${name}" section`);
  return s;
}

function decodeParts(header: Record<string, unknown>, sections: Map<string, SectionArray>): Omit<SyntaxModel, 'lemmatizer'> {
  const section = (name: string): Int32Array => int32Section(sections, name);
  const sizes = header.tables as Record<string, { nClasses: number; size: number }>;
  const table = (name: (typeof TABLES)[number]): FeatureTable => {
    const codes = sections.get(`${name}.codes`);
    if (!(codes instanceof Float32Array)) throw new ModelFileError(`the syntax model has no "${name}.codes" section`);
    const data: FeatureTableData = { ...sizes[name], slots: section(`${name}.slots`), pairs: section(`${name}.pairs`), codes };
    return new FeatureTable(data);
  };
  const tagSet = tagSetOf(header.tags as string[]);
  const labelSet = header.labelSet as LabelSet;
  const punct = UPOS.indexOf('PUNCT');
  const parser = { moves: table('moves'), labels: table('labels') };
  if (parser.moves.nClasses !== MOVES || parser.labels.nClasses !== labelSet.names.length) {
    throw new ModelFileError('the syntax model\'s parser tables do not match its moves and relations');
  }
  return {
    tagSet,
    lexicon: { tagDictionary: new HashIndex(section('dictionary.slots')), ambiguity: new HashIndex(section('ambiguity.slots')) },
    tagger: table('tagger'),
    retagger: table('retagger'),
    retagMargin: retagMarginOf(header.retagMargin),
    parser: { ...parser, labelSet, isPunct: Uint8Array.from(tagSet.upos, (u) => (u === punct ? 1 : 0)) },
    clusters: new HashIndex(section('clusters.slots')),
    provenance: header.provenance as ModelProvenance,
  };
}
