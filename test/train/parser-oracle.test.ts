// The arc-eager transition system and the dynamic oracle the parser is trained with. For a
// projective tree the oracle is exact: from any state, the cost of a move is the number of gold
// arcs it makes unreachable, so following cheapest moves loses exactly what was lost before.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConllu } from '../../shared/analysis/syntax/conllu.js';
import { finishTree, LEFT, MOVES, parserInput, ParseState, REDUCE, RIGHT, SHIFT } from '../../shared/analysis/syntax/parser.js';
import { hashWords } from '../../shared/analysis/syntax/words.js';
import { seededRandom } from '../../shared/random.js';
import { buildLabelSet, moveCosts } from '../../train/syntax/train-parser.js';
import type { TreebankSentence } from '../../train/syntax/data.js';

const sample = readConllu(readFileSync(join(import.meta.dirname, '../fixtures/ud-ewt/en_ewt-ud-dev.sample.conllu'), 'utf8'));
const sentences: TreebankSentence[] = sample.map((s) => ({
  forms: s.words.map((w) => w.form),
  words: hashWords(s.words.map((w) => w.form)),
  upos: new Uint8Array(s.words.length),
  pairs: s.words.map((w) => `${w.upos}|${w.xpos}`),
  tags: new Uint8Array(s.words.length),
  heads: Int32Array.from(s.words.map((w) => w.head)),
  deprels: s.words.map((w) => w.deprel),
  lemmas: s.words.map((w) => w.lemma),
}));
const labels = buildLabelSet(sentences);

function isProjective(heads: Int32Array): boolean {
  for (let d = 1; d <= heads.length; d++) {
    const h = heads[d - 1], lo = Math.min(h, d), hi = Math.max(h, d);
    for (let k = lo + 1; k < hi; k++) {
      let a = k;
      while (a !== 0 && a !== h) a = heads[a - 1];
      if (a !== h) return false;
    }
  }
  return true;
}

/** Runs the system: `choose` picks among the valid moves; returns the errors and the costs paid. */
function run(s: TreebankSentence, choose: (st: ParseState, costs: Float64Array) => number) {
  const gold = Int32Array.from([-1, ...s.heads]);
  const st = new ParseState(s.words.n);
  const costs = new Float64Array(MOVES);
  let paid = 0;
  while (!st.done) {
    moveCosts(st, gold, costs);
    const move = choose(st, costs);
    expect(st.isValid(move)).toBe(true);
    paid += costs[move];
    st.apply(move, 0);
  }
  finishTree(st, parserInput(s.words, s.upos), labels, new Uint8Array(1));
  let errors = 0;
  for (let i = 1; i <= st.n; i++) if (st.head[i] !== gold[i]) errors++;
  return { errors, paid, st };
}

const cheapest = (st: ParseState, costs: Float64Array) => {
  let best = -1;
  for (const m of [RIGHT, LEFT, REDUCE, SHIFT]) if (st.isValid(m) && (best < 0 || costs[m] < costs[best])) best = m;
  return best;
};

describe('arc-eager with a dynamic oracle', () => {
  const projective = sentences.filter((s) => isProjective(s.heads));

  it('the sample has projective and non-projective trees', () => {
    expect(projective.length).toBeGreaterThan(150);
    expect(projective.length).toBeLessThan(sentences.length);
  });

  it('cheapest moves rebuild every projective gold tree, one root, every word attached', () => {
    for (const s of projective) {
      const { errors, paid, st } = run(s, cheapest);
      expect(paid).toBe(0);
      expect(errors).toBe(0);
      expect(st.head.slice(1).filter((h) => h === 0)).toHaveLength(1);
    }
  });

  it('after random mistakes, cheapest moves lose exactly the arcs the mistakes cost', () => {
    const random = seededRandom(11);
    for (const s of projective) {
      let steps = 0;
      const { errors, paid } = run(s, (st, costs) => {
        if (steps++ < s.words.n && random() < 0.4) {
          const valid = [SHIFT, REDUCE, LEFT, RIGHT].filter((m) => st.isValid(m));
          return valid[Math.floor(random() * valid.length)];
        }
        return cheapest(st, costs);
      });
      // A word left without a head is attached at the end, sometimes by luck to its gold head.
      expect(errors).toBeLessThanOrEqual(paid);
      expect(errors).toBeGreaterThanOrEqual(paid - 1);
    }
  });

  it('keeps the constraints of the system', () => {
    const st = new ParseState(3);
    expect(st.isValid(REDUCE)).toBe(false); // the root cannot be popped
    expect(st.isValid(LEFT)).toBe(false); // nor take a head
    st.apply(RIGHT, 0); // root -> 1
    st.apply(SHIFT, -1);
    expect(st.isValid(REDUCE)).toBe(false); // 2 has no head yet
    st.apply(LEFT, 0); // 3 -> 2
    st.apply(REDUCE, -1);
    expect(st.s0).toBe(0);
    expect(st.isValid(RIGHT)).toBe(false); // the root has its one dependent
    expect(st.isValid(SHIFT)).toBe(true);
  });
});
