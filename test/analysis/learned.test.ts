// The learned direction-and-polarity layer (shared/analysis/stances/learned/): its features, its
// model file, its decisions, and where the analysis uses it.

import { describe, expect, it } from 'vitest';
import { analyse } from '../../shared/analysis/analyse.js';
import { cueLexiconDigest } from '../../shared/analysis/stances/learned/cues.js';
import { pairFeatures, type PairToken } from '../../shared/analysis/stances/learned/features.js';
import { classify, decide, loadPairModel, pairModelFrom, PairModelError } from '../../shared/analysis/stances/learned/model.js';
import { macroF1, swapLabel, trainPerceptron, trainPerceptrons } from '../../train/stances/perceptron.js';

/** Whitespace tokens with offsets, for features without the tokeniser. */
function toks(text: string, cues: Record<string, string> = {}): PairToken[] {
  const out: PairToken[] = [];
  for (const m of text.matchAll(/\S+/g)) out.push({ lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length, cue: cues[m[0].toLowerCase()] });
  return out;
}
const span = (text: string, word: string): [number, number] => [text.indexOf(word), text.indexOf(word) + word.length];

describe('pair features', () => {
  const text = 'Alpha did not criticise Beta yesterday';
  const t = toks(text, { criticise: 'criticize' });
  it('mask the two mentions and read the words between them in their order, with negation and the lexicon cue', () => {
    const f = pairFeatures(t, span(text, 'Alpha'), span(text, 'Beta'));
    expect(f).toEqual(expect.arrayContaining(['order:ab', 'btw:ab:criticise', 'btwneg:ab:criticise', 'neg:ab', 'cue:ab:criticize:neg', 'right:ab:yesterday']));
    expect(f.some((x) => x.includes('alpha') || x.includes('beta'))).toBe(false);
  });
  it('tell the pair (a, b) from (b, a), so direction can be learned', () => {
    const ab = pairFeatures(t, span(text, 'Alpha'), span(text, 'Beta'));
    const ba = pairFeatures(t, span(text, 'Beta'), span(text, 'Alpha'));
    expect(ba).toContain('order:ba');
    expect(ba).not.toEqual(ab);
  });
});

describe('pair model', () => {
  const header = { about: 'test', data: 'test', citation: 'test', trainer: 'test', epochs: 1, scale: 1, temperature: 1, threshold: 0.6, heldOutMacroF1: 0, cues: '0123456789abcdef' };
  const model = pairModelFrom({ header, weights: { bias: [1, 0, 0, 0, 0], 'btw:ab:slammed': [0, 0, 0, 3, 0], 'btw:ab:met': [0, 0.5, 0, 0, 0].map(Math.round) } });
  it('scores features and commits to a directed class only at or above its threshold', () => {
    expect(classify(model, ['bias', 'btw:ab:slammed']).cls).toBe(3);
    expect(decide(model, ['bias', 'btw:ab:slammed'])).toMatchObject({ cls: 3 });
    expect(decide(model, ['bias', 'unknown feature']).cls).toBe(0);
    const weak = pairModelFrom({ header: { ...header, threshold: 0.99 }, weights: { bias: [1, 0, 0, 0, 0], 'btw:ab:slammed': [0, 0, 0, 3, 0] } });
    expect(decide(weak, ['bias', 'btw:ab:slammed']).cls).toBe(0);
  });
  it('refuses a malformed file, naming what is wrong', () => {
    expect(() => pairModelFrom({ header, weights: { bias: [1, 2] } })).toThrow(PairModelError);
    expect(() => pairModelFrom({ header: { ...header, threshold: 2 }, weights: {} })).toThrow(/threshold/);
  });
  it('ships with its data source, citation, trainer and the threshold chosen on held-out data', () => {
    const shipped = loadPairModel();
    expect(shipped.header.citation).toMatch(/Park, Ko.*2021/);
    expect(shipped.header.trainer).toMatch(/npm run train:stances/);
    expect(shipped.header.threshold).toBeGreaterThan(0.25);
    expect(shipped.weights.size).toBeGreaterThan(10_000);
  });
  it('was trained with the lexicon as it is: an edit to its verbs, nouns, adjectives or negations asks for npm run train:stances', () => {
    expect(loadPairModel().header.cues, 'the stance lexicon changed since the pair model was trained: run npm run train:stances').toBe(cueLexiconDigest());
  });
});

describe('the learned layer in the analysis', () => {
  it('speaks for a sentence the rules are silent on, with the sentence as evidence and its probability as confidence', () => {
    const text = 'Albania on Friday denounced as an ugly crime Serbia\'s suppression of ethnic Albanian unrest in Montenegro.';
    const learned = analyse(text).stances.filter((s) => s.trigger === undefined);
    expect(learned).toEqual([expect.objectContaining({ source: 'ALB', target: 'SRB', polarity: -1, category: 'criticize', claim: null, text })]);
    expect(learned[0].confidence).toBeGreaterThanOrEqual(loadPairModel().header.threshold);
  });
  it('stays silent where the rules read the sentence', () => {
    const a = analyse('The US threatened Russia with new sanctions last month, while China praised Cuba.');
    expect(a.stances.every((s) => s.trigger !== undefined)).toBe(true);
  });
});

describe('the trainer\'s perceptron', () => {
  it('learns a separable toy task the same way every time, and swaps direction labels', () => {
    const examples = [
      ...Array.from({ length: 20 }, () => ({ features: ['bias', 'slammed'], label: 3 })),
      ...Array.from({ length: 20 }, () => ({ features: ['bias', 'praised'], label: 1 })),
      ...Array.from({ length: 20 }, () => ({ features: ['bias', 'met'], label: 0 })),
    ];
    const a = trainPerceptron(examples, { epochs: 3, seed: 7, minCount: 2 });
    const b = trainPerceptron(examples, { epochs: 3, seed: 7, minCount: 2 });
    expect([...a]).toEqual([...b]);
    const argmax = (f: string) => a.get(f)!.indexOf(Math.max(...a.get(f)!));
    expect([argmax('slammed'), argmax('praised')]).toEqual([3, 1]);
    expect([0, 1, 2, 3, 4].map(swapLabel)).toEqual([0, 2, 1, 4, 3]);
    expect(macroF1([[1, 1], [3, 3], [0, 0], [2, 2], [4, 4]])).toBe(1);
  });
  it('averages several perceptrons from consecutive seeds into their mean weights', () => {
    const examples = [
      ...Array.from({ length: 10 }, () => ({ features: ['bias', 'slammed'], label: 3 })),
      ...Array.from({ length: 10 }, () => ({ features: ['bias', 'met'], label: 0 })),
    ];
    const one = [7, 8, 9].map((seed) => trainPerceptron(examples, { epochs: 2, seed, minCount: 2 }));
    const mean = trainPerceptrons(examples, { epochs: 2, seed: 7, seeds: 3, minCount: 2 });
    for (const f of ['bias', 'slammed', 'met']) {
      const expected = [0, 1, 2, 3, 4].map((k) => one.reduce((s, m) => s + (m.get(f)?.[k] ?? 0), 0) / 3);
      mean.get(f)!.forEach((x, k) => expect(x).toBeCloseTo(expected[k], 9));
    }
  });
});
