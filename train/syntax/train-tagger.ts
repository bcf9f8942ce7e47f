// Trains the part-of-speech tagger: lexicon from the training sentences, then averaged-perceptron
// epochs over them in a seeded order, each word tagged with the tags already chosen to its left
// (as at run time), weights updated where the guess is wrong.

import { seededRandom } from '../../shared/random.js';
import {
  ambiguityClasses, argmax, TAGGER_MAX_FEATURES, taggerFeatures, tagWords, type Scorer, type TaggerLexicon, type TagSet,
} from '../../shared/analysis/syntax/tagger.js';
import { HashIndex } from '../../shared/analysis/syntax/feature-table.js';
import { mix } from '../../shared/analysis/syntax/hash.js';
import type { TreebankSentence } from './data.js';
import { AveragedPerceptron } from './perceptron.js';

export interface TaggerTrainingOptions {
  tagSet: TagSet;
  epochs: number;
  seed: number;
  /** Words seen at least this often with one tag in this share of cases go to the tag dictionary. */
  dictionaryMinCount?: number;
  dictionaryMinShare?: number;
  /** Words seen fewer times keep no ambiguity class, so training sees "unknown" words as tests do. */
  ambiguityMinCount?: number;
}

export function buildTaggerLexicon(sentences: readonly TreebankSentence[], opts: TaggerTrainingOptions): TaggerLexicon {
  const minCount = opts.dictionaryMinCount ?? 20, minShare = opts.dictionaryMinShare ?? 0.97;
  const ambiguityMin = opts.ambiguityMinCount ?? 2;
  const byForm = new Map<number, Int32Array>();
  const byNorm = new Map<number, Int32Array>();
  const count = (map: Map<number, Int32Array>, key: number, tag: number) => {
    let c = map.get(key);
    if (!c) map.set(key, (c = new Int32Array(opts.tagSet.names.length)));
    c[tag]++;
  };
  for (const s of sentences) {
    for (let i = 0; i < s.words.n; i++) {
      count(byForm, s.words.form[i], s.tags[i]);
      count(byNorm, s.words.norm[i], s.tags[i]);
    }
  }
  const tagDictionary = new Map<number, number>();
  for (const [form, counts] of byForm) {
    let total = 0, best = 0;
    for (let t = 0; t < counts.length; t++) { total += counts[t]; if (counts[t] > counts[best]) best = t; }
    if (total >= minCount && counts[best] / total >= minShare) tagDictionary.set(form, best);
  }
  const ambiguity = new Map<number, number>();
  for (const [norm, counts] of byNorm) {
    let total = 0, tagsHash = 17;
    for (let t = 0; t < counts.length; t++) total += counts[t];
    if (total < ambiguityMin) continue;
    // A tag seen once in a hundred uses is noise for this purpose.
    for (let t = 0; t < counts.length; t++) if (counts[t] > 0 && counts[t] / total >= 0.01) tagsHash = mix(tagsHash, t);
    ambiguity.set(norm, tagsHash);
  }
  return { tagDictionary: HashIndex.build(tagDictionary), ambiguity: HashIndex.build(ambiguity) };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function trainTagger(
  sentences: readonly TreebankSentence[],
  opts: TaggerTrainingOptions,
  onEpoch?: (epoch: number, trainAccuracy: number) => void,
  firstPass?: readonly Uint8Array[],
  givenLexicon?: TaggerLexicon,
): { lexicon: TaggerLexicon; model: AveragedPerceptron } {
  const lexicon = givenLexicon ?? buildTaggerLexicon(sentences, opts);
  const nTags = opts.tagSet.names.length;
  const model = new AveragedPerceptron(nTags);
  const random = seededRandom(opts.seed);
  const keys = new Int32Array(TAGGER_MAX_FEATURES);
  const scores = new Float64Array(nTags);
  const amb = sentences.map((s) => ambiguityClasses(s.words, lexicon));
  const order = sentences.map((_, i) => i);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    let correct = 0, total = 0;
    for (const si of shuffled(order, random)) {
      const s = sentences[si];
      const tags = new Uint8Array(s.words.n);
      for (let i = 0; i < s.words.n; i++) {
        const known = lexicon.tagDictionary.get(s.words.form[i], -1);
        if (known >= 0) { tags[i] = known; continue; }
        const nf = taggerFeatures(s.words, amb[si], i, tags, keys, firstPass?.[si]);
        scores.fill(0);
        model.addScores(keys, nf, scores);
        const guess = argmax(scores, nTags);
        const gold = s.tags[i];
        if (guess !== gold) {
          model.update(keys, nf, gold, 1);
          model.update(keys, nf, guess, -1);
        } else correct++;
        total++;
        model.tick();
        // Later words see the gold tag while training (teacher forcing): the tags to the left are
        // right about 97 % of the time at run time, and this converges faster.
        tags[i] = process.env.TF ? gold : guess;
      }
    }
    onEpoch?.(epoch + 1, correct / Math.max(1, total));
  }
  return { lexicon, model };
}

/** Tags every sentence with a trained tagger. */
export function tagAll(sentences: readonly TreebankSentence[], lexicon: TaggerLexicon, weights: Scorer, firstPass?: readonly Uint8Array[]): Uint8Array[] {
  return sentences.map((s, i) => tagWords(s.words, lexicon, weights, firstPass?.[i]));
}

/** Share of words whose predicted tag has the gold UPOS. */
export function tagAccuracy(sentences: readonly TreebankSentence[], predicted: readonly Uint8Array[], tagSet: TagSet): number {
  let correct = 0, total = 0;
  sentences.forEach((s, si) => {
    for (let i = 0; i < s.words.n; i++) { total++; if (tagSet.upos[predicted[si][i]] === s.upos[i]) correct++; }
  });
  return correct / Math.max(1, total);
}
