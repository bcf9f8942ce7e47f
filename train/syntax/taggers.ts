// The two tagger passes, and the tags the parser trains on. Every train sentence is tagged by
// models that did not see it (jackknifing over contiguous blocks, which keep documents together
// so a held-out block is as unfamiliar as new text), so the parser learns from tags as wrong as
// the ones it will get at run time.

import { FeatureTable } from '../../shared/analysis/syntax/feature-table.js';
import type { TaggerLexicon, TagSet } from '../../shared/analysis/syntax/tagger.js';
import type { TreebankSentence } from './data.js';
import type { AveragedPerceptron } from './perceptron.js';
import { buildTaggerLexicon, tagAll, trainTagger } from './train-tagger.js';

export interface TrainedTaggers {
  lexicon: TaggerLexicon;
  tagger: AveragedPerceptron;
  retagger: AveragedPerceptron;
  /** Second-pass tags of every train sentence, each from models trained without its block. */
  jackknifed: Uint8Array[];
  /** First-pass tags of every train sentence, jackknifed the same way. */
  jackknifedFirstPass: Uint8Array[];
}

export function trainTaggers(
  train: readonly TreebankSentence[],
  opts: { tagSet: TagSet; epochs: number; seed: number; folds: number },
): TrainedTaggers {
  const { folds, tagSet } = opts;
  const taggerOptions = { tagSet, epochs: opts.epochs, seed: opts.seed };
  const nTags = tagSet.names.length;
  const blockOf = (i: number) => Math.floor((i * folds) / train.length);
  const indices = train.map((_, i) => i);
  const firstPass: Uint8Array[] = new Array(train.length);
  const foldModels: { lexicon: TaggerLexicon; table: FeatureTable }[] = [];
  for (let f = 0; f < folds; f++) {
    const inside = train.filter((_, i) => blockOf(i) !== f);
    const heldOut = indices.filter((i) => blockOf(i) === f);
    const { lexicon, model } = trainTagger(inside, taggerOptions);
    const table = FeatureTable.build(nTags, model.pack().packed);
    foldModels.push({ lexicon, table });
    tagAll(heldOut.map((i) => train[i]), lexicon, table).forEach((tags, j) => { firstPass[heldOut[j]] = tags; });
  }
  const secondPass: Uint8Array[] = new Array(train.length);
  for (let f = 0; f < folds; f++) {
    const inside = indices.filter((i) => blockOf(i) !== f);
    const heldOut = indices.filter((i) => blockOf(i) === f).map((i) => train[i]);
    const { lexicon, table } = foldModels[f];
    const second = trainTagger(inside.map((i) => train[i]), taggerOptions, undefined, inside.map((i) => firstPass[i]), lexicon);
    const secondTable = FeatureTable.build(nTags, second.model.pack().packed);
    const heldIdx = indices.filter((i) => blockOf(i) === f);
    tagAll(heldOut, lexicon, secondTable, tagAll(heldOut, lexicon, table)).forEach((tags, j) => { secondPass[heldIdx[j]] = tags; });
  }
  const lexicon = buildTaggerLexicon(train, taggerOptions);
  const tagger = trainTagger(train, taggerOptions, undefined, undefined, lexicon).model;
  const retagger = trainTagger(train, taggerOptions, undefined, firstPass, lexicon).model;
  return { lexicon, tagger, retagger, jackknifed: secondPass, jackknifedFirstPass: firstPass };
}
