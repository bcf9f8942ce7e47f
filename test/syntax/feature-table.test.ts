// The shipped weight tables: what goes in comes out, through a model file too, and a damaged
// file is refused with a message that says what is wrong.

import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FeatureTable, HashIndex } from '../../shared/analysis/syntax/feature-table.js';
import { decodeModelFile, encodeModelFile, ModelFileError } from '../../shared/analysis/syntax/model-file.js';
import { seededRandom } from '../../shared/random.js';

function randomTable(nClasses: number, features: number, seed: number) {
  const random = seededRandom(seed);
  const weights = new Map<number, Map<number, number>>();
  while (weights.size < features) {
    const key = (Math.floor(random() * 2 ** 32) | 0) || 1;
    const row = new Map<number, number>();
    for (let c = 0; c < nClasses; c++) if (random() < 0.5) row.set(c, Math.floor(random() * 65535) - 32767);
    if (row.size) weights.set(key, row);
  }
  const keys: number[] = [], counts: number[] = [], classes: number[] = [], values: number[] = [];
  for (const [key, row] of weights) {
    keys.push(key); counts.push(row.size);
    for (const [c, w] of row) { classes.push(c); values.push(w); }
  }
  const packed = { keys: Int32Array.from(keys), counts: Uint8Array.from(counts), classes: Uint8Array.from(classes), weights: Int16Array.from(values) };
  return { weights, packed };
}

function scoresOf(table: FeatureTable, keys: number[]): number[] {
  const scores = new Float64Array(table.nClasses);
  table.addScores(Int32Array.from(keys), keys.length, scores);
  return [...scores];
}

describe('FeatureTable', () => {
  for (const nClasses of [4, 17, 52]) {
    it(`adds exactly the weights of the features it holds (${nClasses} classes), and nothing for unknown ones`, () => {
      const { weights, packed } = randomTable(nClasses, 3000, nClasses);
      const table = FeatureTable.build(nClasses, packed);
      expect(table.size).toBe(3000);
      const keys = [...weights.keys()].slice(0, 50);
      const expected = new Array(nClasses).fill(0), mass = new Array(nClasses).fill(0);
      for (const k of keys) for (const [c, w] of weights.get(k)!) { expected[c] += w; mass[c] += Math.abs(w); }
      const got = scoresOf(table, [...keys, 12345, -7]);
      if (nClasses > 4) expect(got).toEqual(expected);
      // Four classes are stored as 8-bit logarithmic codes: each weight within 3.5 % (and 1) of itself.
      else got.forEach((g, c) => expect(Math.abs(g - expected[c])).toBeLessThanOrEqual(0.035 * mass[c] + keys.length));
      // The same table rebuilt from its stored arrays (what a model file holds) scores the same.
      expect(scoresOf(new FeatureTable(table.data), keys)).toEqual(scoresOf(table, keys));
    });
  }

  it('refuses slots that are not a power-of-two table', () => {
    expect(() => new FeatureTable({ nClasses: 17, size: 0, slots: new Int32Array(9), pairs: new Int32Array(0), codes: new Float32Array(0) })).toThrow(/power of two/);
    expect(() => new FeatureTable({ nClasses: 4, size: 0, slots: new Int32Array(32), pairs: new Int32Array(0), codes: new Float32Array(0) })).toThrow(/256 weight codes/);
  });
});

describe('HashIndex', () => {
  it('maps keys to values, 0 included as a key, and says when a key is missing', () => {
    const index = HashIndex.build([[5, 1], [0, 7], [-3, 9], [5 + 16, 2]]);
    expect([index.get(5, -1), index.get(0, -1), index.get(-3, -1), index.get(21, -1), index.get(6, -1)]).toEqual([1, 7, 9, 2, -1]);
    expect(new HashIndex(index.slots).get(-3, -1)).toBe(9);
  });
});

describe('model file', () => {
  it('round-trips typed arrays and the header', () => {
    const bytes = encodeModelFile({ name: 'x' }, { a: Int32Array.from([1, -2, 3]), b: Uint8Array.from([7]), c: Int16Array.from([-5, 6]) });
    const { header, sections } = decodeModelFile(bytes);
    expect(header.name).toBe('x');
    expect([...sections.get('a')!]).toEqual([1, -2, 3]);
    expect([...sections.get('b')!]).toEqual([7]);
    expect([...sections.get('c')!]).toEqual([-5, 6]);
  });

  it('refuses what is not a model, or a model of another format version', () => {
    expect(() => decodeModelFile(Buffer.from('not gzip at all'))).toThrow(ModelFileError);
    expect(() => decodeModelFile(gzipSync(Buffer.from('SOMETHINGELSE....')))).toThrow(/bad magic/);
    const header = Buffer.from(JSON.stringify({ format: 99, sections: [] }));
    const raw = Buffer.concat([Buffer.from('NDSYNTAX'), Buffer.alloc(4), header]);
    raw.writeUInt32LE(header.length, 8);
    expect(() => decodeModelFile(gzipSync(raw))).toThrow(/format 99.*retrain with npm run train:syntax/);
  });
});
