// The averaged perceptron learns, averages, and packs deterministically.

import { describe, expect, it } from 'vitest';
import { FeatureTable } from '../../shared/analysis/syntax/feature-table.js';
import { AveragedPerceptron } from '../../train/syntax/perceptron.js';

describe('AveragedPerceptron', () => {
  it('learns a separable problem, and its packed table predicts the same', () => {
    // Class = which of features 11, 22, 33 is present; 99 is noise present everywhere.
    const examples: [number[], number][] = [[[11, 99], 0], [[22, 99], 1], [[33, 99], 2]];
    const p = new AveragedPerceptron(3);
    const scores = new Float64Array(3);
    for (let epoch = 0; epoch < 5; epoch++) {
      for (const [feats, gold] of examples) {
        const keys = Int32Array.from(feats);
        scores.fill(0);
        p.addScores(keys, keys.length, scores);
        const guess = scores.indexOf(Math.max(...scores));
        if (guess !== gold || new Set(scores).size < 3) { p.update(keys, keys.length, gold, 1); p.update(keys, keys.length, guess, -1); }
        p.tick();
      }
    }
    const table = FeatureTable.build(3, p.pack().packed);
    for (const [feats, gold] of examples) {
      const s = new Float64Array(3);
      table.addScores(Int32Array.from(feats), feats.length, s);
      expect(s.indexOf(Math.max(...s))).toBe(gold);
    }
  });

  it('averages over time: an update made at the end weighs little', () => {
    const p = new AveragedPerceptron(2);
    const keys = Int32Array.from([5]);
    for (let t = 0; t < 99; t++) p.tick();
    p.update(keys, 1, 1, 1); // at time 100 of 100
    p.tick();
    const { packed, scale } = p.pack();
    // w = 1, averaged over 101 steps of which it held 1: about 0.01, scaled to the int16 maximum.
    expect(packed.weights[0] / scale).toBeCloseTo(1 / 101, 3);
  });

  it('packs the same bytes for the same updates, and drops weights under the threshold', () => {
    const build = () => {
      const p = new AveragedPerceptron(4);
      for (let i = 1; i <= 200; i++) { p.update(Int32Array.from([i, i * 7]), 2, i % 4, i % 3 ? 1 : -1); p.tick(); }
      return p;
    };
    expect(build().pack()).toEqual(build().pack());
    const all = build().pack().packed, pruned = build().pack(0.9).packed;
    expect(pruned.classes.length).toBeLessThan(all.classes.length);
  });
});
