// Trains the parser with the dynamic oracle of Goldberg & Nivre (2012): at every state the cost
// of each valid move is the number of gold arcs it makes unreachable; the move model is updated
// towards the best-scoring cheapest move whenever it prefers a costlier one, and from the second
// epoch on training follows the model's own (possibly wrong) moves most of the time, so it learns
// to recover from the states its mistakes lead to. The label model is updated on every correct
// arc whose label it gets wrong.

import {
  bestLabel, bestMove, finishTree, LABEL_MAX_FEATURES, labelFeatures, LEFT, MOVES, PARSER_MAX_FEATURES,
  parserFeatures, parserInput, ParseState, REDUCE, RIGHT, SHIFT, type LabelSet,
} from '../../shared/analysis/syntax/parser.js';
import { UPOS_INDEX, type TagSet } from '../../shared/analysis/syntax/tagger.js';
import { seededRandom } from '../../shared/random.js';
import type { TreebankSentence } from './data.js';
import { AveragedPerceptron } from './perceptron.js';
import { shuffled } from './train-tagger.js';

export interface ParserTrainingOptions {
  epochs: number;
  seed: number;
  /** Epoch (0-based) from which training follows the model's moves... */
  exploreFrom: number;
  /** ...with this probability. */
  exploreProbability: number;
}

/** Labels in order of frequency in training, with the directions each was seen in. */
export function buildLabelSet(sentences: readonly TreebankSentence[]): LabelSet {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const l of s.deprels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const names = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l]) => l);
  if (names.length > 64) throw new Error(`${names.length} relations: the parser supports at most 64`);
  const index = new Map(names.map((l, i) => [l, i]));
  const left: [number, number] = [0, 0], right: [number, number] = [0, 0];
  for (const s of sentences) {
    s.deprels.forEach((l, i) => {
      const id = index.get(l)!;
      const mask = s.heads[i] > i + 1 ? left : right;
      mask[id >> 5] |= 1 << (id & 31);
    });
  }
  const need = (l: string) => {
    const id = index.get(l);
    if (id === undefined) throw new Error(`the training data has no "${l}" relation`);
    return id;
  };
  return { names, left, right, root: need('root'), fallbackPunct: need('punct'), fallbackOther: need('parataxis') };
}

export function punctMask(tagSet: TagSet): Uint8Array {
  const punct = UPOS_INDEX.get('PUNCT')!;
  return Uint8Array.from(tagSet.upos, (u) => (u === punct ? 1 : 0));
}

function goldRoot(goldHead: Int32Array, n: number): number {
  for (let i = 1; i <= n; i++) if (goldHead[i] === 0) return i;
  return -1;
}

/** Costs of the four moves in `st` against the gold heads (1-based; Infinity where invalid). */
export function moveCosts(st: ParseState, goldHead: Int32Array, costs: Float64Array): void {
  const s0 = st.s0, b = st.b, n = st.n;
  const stack = st.stack, sp = st.sp;
  for (let m = 0; m < MOVES; m++) costs[m] = st.isValid(m) ? 0 : Infinity;
  // A gold arc from the root is reachable only while the root has no dependent.
  const reachableFromStack = (g: number) => st.inStack[g] === 1 && (g !== 0 || st.rootChild === 0);
  if (costs[SHIFT] === 0 || costs[RIGHT] === 0) {
    // Headless words on the stack whose gold head is b: b can no longer take them once pushed.
    let depsInStack = 0;
    for (let i = 0; i < sp; i++) { const k = stack[i]; if (k !== 0 && goldHead[k] === b && st.head[k] < 0) depsInStack++; }
    const g = goldHead[b];
    if (costs[SHIFT] === 0) costs[SHIFT] = depsInStack + (reachableFromStack(g) ? 1 : 0);
    if (costs[RIGHT] === 0) {
      costs[RIGHT] = depsInStack + (g !== s0 && (g > b || reachableFromStack(g)) ? 1 : 0);
      // The root takes one dependent: b taking that place loses the gold root's arc if it was still open.
      if (s0 === 0 && g !== 0) { const r = goldRoot(goldHead, n); if (r > b) costs[RIGHT]++; }
    }
  }
  if (costs[LEFT] === 0 || costs[REDUCE] === 0) {
    let depsInBuffer = 0;
    for (let k = b; k <= n; k++) if (goldHead[k] === s0) depsInBuffer++;
    if (costs[REDUCE] === 0) costs[REDUCE] = depsInBuffer;
    if (costs[LEFT] === 0) { const g = goldHead[s0]; costs[LEFT] = depsInBuffer + (g > b ? 1 : 0); }
  }
}

export function trainParser(
  sentences: readonly TreebankSentence[],
  tags: readonly Uint8Array[],
  tagSet: TagSet,
  opts: ParserTrainingOptions,
  onEpoch?: (epoch: number, stats: { moveAccuracy: number; uas: number }) => void,
): { moves: AveragedPerceptron; labels: AveragedPerceptron; labelSet: LabelSet; isPunct: Uint8Array } {
  const labelSet = buildLabelSet(sentences);
  const labelIndex = new Map(labelSet.names.map((l, i) => [l, i]));
  const moves = new AveragedPerceptron(MOVES);
  const labels = new AveragedPerceptron(labelSet.names.length);
  const isPunct = punctMask(tagSet);
  const random = seededRandom(opts.seed);
  const keys = new Int32Array(PARSER_MAX_FEATURES);
  const labelKeys = new Int32Array(LABEL_MAX_FEATURES);
  const moveScores = new Float64Array(MOVES);
  const labelScores = new Float64Array(labelSet.names.length);
  const costs = new Float64Array(MOVES);
  const gold = sentences.map((s) => ({
    head: Int32Array.from([-1, ...s.heads]),
    label: Int32Array.from([-1, ...s.deprels.map((l) => labelIndex.get(l)!)]),
  }));
  const order = sentences.map((_, i) => i);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    let right = 0, decisions = 0, arcsRight = 0, words = 0;
    const explore = epoch >= opts.exploreFrom;
    for (const si of shuffled(order, random)) {
      const s = sentences[si];
      const x = parserInput(s.words, tags[si]);
      const st = new ParseState(s.words.n);
      const g = gold[si];
      while (!st.done) {
        const nf = parserFeatures(st, x, keys);
        moveScores.fill(0);
        moves.addScores(keys, nf, moveScores);
        const predicted = bestMove(st, moveScores);
        moveCosts(st, g.head, costs);
        let minCost = Infinity;
        for (let m = 0; m < MOVES; m++) if (costs[m] < minCost) minCost = costs[m];
        // The best-scoring of the cheapest moves is what the model should have chosen.
        let best = -1;
        for (let m = 0; m < MOVES; m++) {
          if (costs[m] === minCost && (best < 0 || moveScores[m] > moveScores[best])) best = m;
        }
        if (costs[predicted] > minCost) {
          moves.update(keys, nf, best, 1);
          moves.update(keys, nf, predicted, -1);
        } else right++;
        decisions++;
        moves.tick();
        const move = explore && random() < opts.exploreProbability ? predicted : best;
        let label = -1;
        if (move === LEFT || move === RIGHT) {
          const [h, d] = st.arcOf(move);
          const nl = labelFeatures(st, x, h, d, labelKeys);
          labelScores.fill(0);
          labels.addScores(labelKeys, nl, labelScores);
          label = bestLabel(labelSet, labelScores, h, d);
          if (g.head[d] === h && h !== 0) {
            const goldLabel = g.label[d];
            if (label !== goldLabel) {
              labels.update(labelKeys, nl, goldLabel, 1);
              labels.update(labelKeys, nl, label, -1);
            }
            labels.tick();
            if (!explore) label = goldLabel;
          }
        }
        st.apply(move, label);
      }
      finishTree(st, x, labelSet, isPunct);
      for (let i = 1; i <= st.n; i++) { words++; if (st.head[i] === g.head[i]) arcsRight++; }
    }
    onEpoch?.(epoch + 1, { moveAccuracy: right / Math.max(1, decisions), uas: arcsRight / Math.max(1, words) });
  }
  return { moves, labels, labelSet, isPunct };
}
