// A multi-class averaged perceptron for training (Collins 2002), with the averaging trick of
// Daumé (2006): next to each weight w it keeps u, the sum of time * update, so the average over
// all steps is w - u / time and needs no pass over every weight at every step. Rows of weights
// (one weight per class) are created on a feature's first update; features never updated cost
// nothing. `pack` turns the averaged weights into the shipped FeatureTable format.

import type { PackedFeatures } from '../../shared/analysis/syntax/feature-table.js';
import type { Scorer } from '../../shared/analysis/syntax/tagger.js';

/** Int32 key -> row, open addressing; 0 is never a key (hash.ts guarantees it). */
class RowIndex {
  keys = new Int32Array(1 << 16);
  rows = new Int32Array(1 << 16);
  size = 0;
  private mask = (1 << 16) - 1;

  get(key: number): number {
    let s = key & this.mask;
    for (;;) {
      const k = this.keys[s];
      if (k === key) return this.rows[s];
      if (k === 0) return -1;
      s = (s + 1) & this.mask;
    }
  }

  /** The key's row, created as `next` when the key is new. */
  getOrAdd(key: number, next: number): number {
    let s = key & this.mask;
    for (;;) {
      const k = this.keys[s];
      if (k === key) return this.rows[s];
      if (k === 0) break;
      s = (s + 1) & this.mask;
    }
    this.keys[s] = key;
    this.rows[s] = next;
    if (++this.size * 2 > this.keys.length) this.grow();
    return next;
  }

  private grow(): void {
    const { keys, rows } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.rows = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      let s = keys[i] & this.mask;
      while (this.keys[s] !== 0) s = (s + 1) & this.mask;
      this.keys[s] = keys[i];
      this.rows[s] = rows[i];
    }
  }

  *entries(): Generator<[number, number]> {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== 0) yield [this.keys[i], this.rows[i]];
  }
}

export class AveragedPerceptron implements Scorer {
  private readonly index = new RowIndex();
  private weights: Float32Array;
  private sums: Float32Array;
  private rowCount = 0;
  /** Training examples seen so far, plus one (Daumé's c). */
  private time = 1;

  constructor(readonly nClasses: number) {
    this.weights = new Float32Array(nClasses * 4096);
    this.sums = new Float32Array(nClasses * 4096);
  }

  get features(): number {
    return this.rowCount;
  }

  addScores(keys: Int32Array, n: number, scores: Float64Array): void {
    const C = this.nClasses;
    for (let i = 0; i < n; i++) {
      const row = this.index.get(keys[i]);
      if (row < 0) continue;
      const base = row * C;
      for (let c = 0; c < C; c++) scores[c] += this.weights[base + c];
    }
  }

  /** Adds `delta` to class `cls` of every feature. */
  update(keys: Int32Array, n: number, cls: number, delta: number): void {
    const C = this.nClasses;
    const timed = this.time * delta;
    for (let i = 0; i < n; i++) {
      const row = this.index.getOrAdd(keys[i], this.rowCount);
      if (row === this.rowCount) this.addRow();
      const at = row * C + cls;
      this.weights[at] += delta;
      this.sums[at] += timed;
    }
  }

  /** One training example has been seen (call once per decision, updated or not). */
  tick(): void {
    this.time++;
  }

  private addRow(): void {
    this.rowCount++;
    if (this.rowCount * this.nClasses > this.weights.length) {
      const grownW = new Float32Array(this.weights.length * 2);
      grownW.set(this.weights);
      this.weights = grownW;
      const grownS = new Float32Array(this.sums.length * 2);
      grownS.set(this.sums);
      this.sums = grownS;
    }
  }

  /**
   * The averaged weights, packed: weights smaller than `threshold` are dropped, the rest scaled
   * to 16-bit integers by one factor (the largest weight becomes 32767), features with nothing
   * left are dropped. Keys are sorted so the same training run writes the same bytes.
   */
  pack(threshold = 0): { packed: PackedFeatures; scale: number } {
    const C = this.nClasses;
    const avg = new Float32Array(this.rowCount * C);
    let maxAbs = 1e-9;
    for (let i = 0; i < avg.length; i++) {
      avg[i] = this.weights[i] - this.sums[i] / this.time;
      maxAbs = Math.max(maxAbs, Math.abs(avg[i]));
    }
    const scale = 32767 / maxAbs;
    const rows = [...this.index.entries()].sort((a, b) => a[0] - b[0]);
    const keys: number[] = [], counts: number[] = [], classes: number[] = [], weights: number[] = [];
    for (const [key, row] of rows) {
      let count = 0;
      for (let c = 0; c < C; c++) {
        const v = avg[row * C + c];
        if (Math.abs(v) < threshold) continue;
        const q = Math.round(v * scale);
        if (q === 0) continue;
        classes.push(c);
        weights.push(q);
        count++;
      }
      if (!count) continue;
      keys.push(key);
      counts.push(count);
    }
    return {
      packed: {
        keys: Int32Array.from(keys),
        counts: Uint8Array.from(counts),
        classes: Uint8Array.from(classes),
        weights: Int16Array.from(weights),
      },
      scale,
    };
  }
}
