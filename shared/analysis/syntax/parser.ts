// Transition-based dependency parser: arc-eager (Nivre 2003) with the root at the bottom of the
// stack, read greedily by two averaged perceptrons: one picks the move (SHIFT, REDUCE, LEFT,
// RIGHT) from the rich non-local features of Zhang & Nivre (2011), the other the relation of each
// arc as it is made, so later moves can see the labels of earlier arcs. Trained with the dynamic
// oracle of Goldberg & Nivre (2012) in train/syntax/train-parser.ts.
//
// Word indices are 1-based, 0 is the root. One root per sentence: the root takes one dependent;
// words left without a head at the end attach to that dependent (or become it).

import { hashString, key1, key2, key3, mix } from './hash.js';
import type { Scorer } from './tagger.js';
import { CLUSTER_FINE_BITS, type SentenceWords } from './words.js';

export const SHIFT = 0, REDUCE = 1, LEFT = 2, RIGHT = 3;
export const MOVES = 4;
export const PARSER_MAX_FEATURES = 96;
export const LABEL_MAX_FEATURES = 40;

/** Values of missing positions (no such word, no label) and of the root, distinct from any hash. */
const NONE = -7, ROOT = -8, NO_LABEL = 63;

export interface LabelSet {
  /** Relation names; an arc's label is an index into this list. */
  names: readonly string[];
  /** Bit masks (two 32-bit halves) of the labels seen on left and right arcs in training. */
  left: readonly [number, number];
  right: readonly [number, number];
  root: number;
  /** Labels given to words left without a head at the end: punctuation and anything else. */
  fallbackPunct: number;
  fallbackOther: number;
}

export class ParseState {
  readonly n: number;
  readonly stack: Int32Array;
  sp = 1; // the root is on the stack from the start
  b = 1;
  readonly head: Int32Array;
  readonly label: Int32Array;
  readonly leftmost: Int32Array;
  readonly leftmost2: Int32Array;
  readonly rightmost: Int32Array;
  readonly rightmost2: Int32Array;
  readonly leftCount: Int32Array;
  readonly rightCount: Int32Array;
  /** Label sets of each word's left and right dependents, as bit masks over the first 32 labels. */
  readonly leftLabels: Int32Array;
  readonly rightLabels: Int32Array;
  readonly inStack: Uint8Array;
  rootChild = 0;

  constructor(n: number) {
    this.n = n;
    // One buffer, many views: a typed array of its own per field was a tenth of the parse time.
    const m = n + 2;
    const all = new Int32Array(12 * m);
    const view = (i: number) => all.subarray(i * m, (i + 1) * m);
    this.stack = view(0);
    this.head = view(1).fill(-1);
    this.label = view(2).fill(-1);
    this.leftmost = view(3);
    this.leftmost2 = view(4);
    this.rightmost = view(5);
    this.rightmost2 = view(6);
    this.leftCount = view(7);
    this.rightCount = view(8);
    this.leftLabels = view(9);
    this.rightLabels = view(10);
    this.inStack = new Uint8Array(all.buffer, 11 * m * 4, m);
    this.inStack[0] = 1;
  }

  get done(): boolean {
    return this.b > this.n;
  }

  get s0(): number {
    return this.stack[this.sp - 1];
  }

  isValid(move: number): boolean {
    const s0 = this.stack[this.sp - 1];
    switch (move) {
      case SHIFT: return this.b <= this.n;
      case REDUCE: return s0 !== 0 && this.head[s0] >= 0;
      case LEFT: return s0 !== 0 && this.head[s0] < 0 && this.b <= this.n;
      default: return this.b <= this.n && (s0 !== 0 || this.rootChild === 0);
    }
  }

  /** The arc a LEFT or RIGHT move would make, as [head, dependent]. */
  arcOf(move: number): [number, number] {
    const s0 = this.stack[this.sp - 1];
    return move === LEFT ? [this.b, s0] : [s0, this.b];
  }

  apply(move: number, label: number): void {
    switch (move) {
      case SHIFT:
        this.inStack[this.b] = 1;
        this.stack[this.sp++] = this.b++;
        break;
      case REDUCE:
        this.inStack[this.stack[--this.sp]] = 0;
        break;
      case LEFT: {
        const d = this.stack[--this.sp];
        this.inStack[d] = 0;
        this.addArc(this.b, d, label);
        break;
      }
      default:
        this.addArc(this.stack[this.sp - 1], this.b, label);
        this.inStack[this.b] = 1;
        this.stack[this.sp++] = this.b++;
    }
  }

  addArc(h: number, d: number, label: number): void {
    this.head[d] = h;
    this.label[d] = label;
    if (h === 0) { this.rootChild = d; return; }
    const bit = label < 32 ? 1 << label : 0;
    if (d < h) {
      this.leftCount[h]++;
      this.leftLabels[h] |= bit;
      if (this.leftmost[h] === 0 || d < this.leftmost[h]) { this.leftmost2[h] = this.leftmost[h]; this.leftmost[h] = d; }
      else if (this.leftmost2[h] === 0 || d < this.leftmost2[h]) this.leftmost2[h] = d;
    } else {
      this.rightCount[h]++;
      this.rightLabels[h] |= bit;
      if (d > this.rightmost[h]) { this.rightmost2[h] = this.rightmost[h]; this.rightmost[h] = d; }
      else if (d > this.rightmost2[h]) this.rightmost2[h] = d;
    }
  }
}

/** What the features read of each word: 1-based, index 0 holds the root's values. */
export interface ParserInput {
  word: Int32Array;
  tag: Int32Array;
  cluster: Int32Array;
  suffix: Int32Array;
  /** Commas and semicolons among words 1..i: clause and list boundaries between two words. */
  commasUpTo: Int32Array;
}

const COMMA = hashString(','), SEMICOLON = hashString(';');

export function parserInput(words: SentenceWords, tags: ArrayLike<number>): ParserInput {
  const n = words.n;
  const all = new Int32Array(5 * (n + 1));
  const input: ParserInput = {
    word: all.subarray(0, n + 1),
    tag: all.subarray(n + 1, 2 * (n + 1)),
    cluster: all.subarray(2 * (n + 1), 3 * (n + 1)),
    suffix: all.subarray(3 * (n + 1), 4 * (n + 1)),
    commasUpTo: all.subarray(4 * (n + 1), 5 * (n + 1)),
  };
  input.word[0] = ROOT; input.tag[0] = ROOT; input.cluster[0] = ROOT; input.suffix[0] = ROOT;
  for (let i = 0; i < n; i++) {
    input.word[i + 1] = words.norm[i];
    input.tag[i + 1] = tags[i];
    input.cluster[i + 1] = words.cluster[i];
    input.suffix[i + 1] = words.suffix3[i];
    const w = words.norm[i];
    input.commasUpTo[i + 1] = input.commasUpTo[i] + (w === COMMA || w === SEMICOLON ? 1 : 0);
  }
  return input;
}

/** A word's value, NONE for a missing position (-1). */
function at(values: Int32Array, i: number): number {
  return i < 0 ? NONE : values[i];
}

function labelOf(st: ParseState, i: number): number {
  return i <= 0 || st.label[i] < 0 ? NO_LABEL : st.label[i];
}

/** 1..7 for distances 1, 2, 3, 4, 5-7, 8-12, 13+. */
function distanceBucket(d: number): number {
  if (d <= 4) return d;
  if (d <= 7) return 5;
  return d <= 12 ? 6 : 7;
}

function capped(count: number): number {
  return count > 5 ? 5 : count;
}

// Move-feature templates: part of the model format. Never renumber; add at the end.
// Notation of Zhang & Nivre (2011): S0 stack top, N0..N2 buffer, h head, l/r leftmost/rightmost
// dependent (l2/r2 the second), w word, p tag, c cluster, d distance, v valency, s label set.
const enum F {
  S0w = 1, S0p, S0wp, N0w, N0p, N0wp, N1w, N1p, N1wp, N2w, N2p, N2wp,
  S0wpN0wp, S0wpN0w, S0wN0wp, S0wpN0p, S0pN0wp, S0wN0w, S0pN0p, N0pN1p,
  N0pN1pN2p, S0pN0pN1p, S0hpS0pN0p, S0pS0lpN0p, S0pS0rpN0p, S0pN0pN0lp,
  S0wd, S0pd, N0wd, N0pd, S0wN0wd, S0pN0pd,
  S0wvr, S0pvr, S0wvl, S0pvl, N0wvl, N0pvl,
  S0hw, S0hp, S0l, S0lw, S0lp, S0ll, S0rw, S0rp, S0rl, N0lw, N0lp, N0ll,
  S0h2w, S0h2p, S0hl, S0l2w, S0l2p, S0l2l, S0r2w, S0r2p, S0r2l, N0l2w, N0l2p, N0l2l,
  S0pS0lpS0l2p, S0pS0rpS0r2p, S0pS0hpS0h2p, N0pN0lpN0l2p,
  S0wsr, S0psr, S0wsl, S0psl, N0wsl, N0psl,
  S0c, N0c, N1c, S0cN0c, S0pN0c, S0cN0p, S0ccN0cc, S1p, S1pS0pN0p, S1wS0p, S0cN0pN1p, Bias,
  S0hasHead, S0pN0pCommas, S0sufN0p, S0pN0suf, N0pN1pN2pN3p,
}

/** Writes the move features of the state into `out`; returns how many. */
export function parserFeatures(st: ParseState, x: ParserInput, out: Int32Array): number {
  const { word, tag, cluster } = x;
  const s0 = st.stack[st.sp - 1];
  const s1 = st.sp > 1 ? st.stack[st.sp - 2] : -1;
  const n0 = st.b <= st.n ? st.b : -1;
  const n1 = n0 > 0 && n0 + 1 <= st.n ? n0 + 1 : -1;
  const n2 = n1 > 0 && n1 + 1 <= st.n ? n1 + 1 : -1;
  const s0h = st.head[s0];
  const s0h2 = s0h > 0 ? st.head[s0h] : -1;
  const s0l = st.leftmost[s0] || -1, s0l2 = st.leftmost2[s0] || -1;
  const s0r = st.rightmost[s0] || -1, s0r2 = st.rightmost2[s0] || -1;
  const n0l = n0 > 0 ? st.leftmost[n0] || -1 : -1, n0l2 = n0 > 0 ? st.leftmost2[n0] || -1 : -1;

  const S0w = at(word, s0), S0p = at(tag, s0), N0w = at(word, n0), N0p = at(tag, n0), N1w = at(word, n1), N1p = at(tag, n1), N2w = at(word, n2), N2p = at(tag, n2);
  const S0wp = mix(S0w, S0p), N0wp = mix(N0w, N0p);
  const d = n0 > 0 && s0 > 0 ? distanceBucket(n0 - s0) : 0;
  const S0lp = at(tag, s0l), S0rp = at(tag, s0r), N0lp = at(tag, n0l), S0hp = at(tag, s0h);
  let k = 0;
  out[k++] = key1(F.S0w, S0w);
  out[k++] = key1(F.S0p, S0p);
  out[k++] = key1(F.S0wp, S0wp);
  out[k++] = key1(F.N0w, N0w);
  out[k++] = key1(F.N0p, N0p);
  out[k++] = key1(F.N0wp, N0wp);
  out[k++] = key1(F.N1w, N1w);
  out[k++] = key1(F.N1p, N1p);
  out[k++] = key2(F.N1wp, N1w, N1p);
  out[k++] = key1(F.N2w, N2w);
  out[k++] = key1(F.N2p, N2p);
  out[k++] = key2(F.N2wp, N2w, N2p);

  out[k++] = key2(F.S0wpN0wp, S0wp, N0wp);
  out[k++] = key2(F.S0wpN0w, S0wp, N0w);
  out[k++] = key2(F.S0wN0wp, S0w, N0wp);
  out[k++] = key2(F.S0wpN0p, S0wp, N0p);
  out[k++] = key2(F.S0pN0wp, S0p, N0wp);
  out[k++] = key2(F.S0wN0w, S0w, N0w);
  out[k++] = key2(F.S0pN0p, S0p, N0p);
  out[k++] = key2(F.N0pN1p, N0p, N1p);

  out[k++] = key3(F.N0pN1pN2p, N0p, N1p, N2p);
  out[k++] = key3(F.S0pN0pN1p, S0p, N0p, N1p);
  out[k++] = key3(F.S0hpS0pN0p, S0hp, S0p, N0p);
  out[k++] = key3(F.S0pS0lpN0p, S0p, S0lp, N0p);
  out[k++] = key3(F.S0pS0rpN0p, S0p, S0rp, N0p);
  out[k++] = key3(F.S0pN0pN0lp, S0p, N0p, N0lp);

  out[k++] = key2(F.S0wd, S0w, d);
  out[k++] = key2(F.S0pd, S0p, d);
  out[k++] = key2(F.N0wd, N0w, d);
  out[k++] = key2(F.N0pd, N0p, d);
  out[k++] = key3(F.S0wN0wd, S0w, N0w, d);
  out[k++] = key3(F.S0pN0pd, S0p, N0p, d);

  const s0vr = capped(st.rightCount[s0]), s0vl = capped(st.leftCount[s0]), n0vl = n0 > 0 ? capped(st.leftCount[n0]) : 0;
  out[k++] = key2(F.S0wvr, S0w, s0vr);
  out[k++] = key2(F.S0pvr, S0p, s0vr);
  out[k++] = key2(F.S0wvl, S0w, s0vl);
  out[k++] = key2(F.S0pvl, S0p, s0vl);
  out[k++] = key2(F.N0wvl, N0w, n0vl);
  out[k++] = key2(F.N0pvl, N0p, n0vl);

  out[k++] = key1(F.S0hw, at(word, s0h));
  out[k++] = key1(F.S0hp, S0hp);
  out[k++] = key1(F.S0l, labelOf(st, s0));
  out[k++] = key1(F.S0lw, at(word, s0l));
  out[k++] = key1(F.S0lp, S0lp);
  out[k++] = key1(F.S0ll, labelOf(st, s0l));
  out[k++] = key1(F.S0rw, at(word, s0r));
  out[k++] = key1(F.S0rp, S0rp);
  out[k++] = key1(F.S0rl, labelOf(st, s0r));
  out[k++] = key1(F.N0lw, at(word, n0l));
  out[k++] = key1(F.N0lp, N0lp);
  out[k++] = key1(F.N0ll, labelOf(st, n0l));

  out[k++] = key1(F.S0h2w, at(word, s0h2));
  out[k++] = key1(F.S0h2p, at(tag, s0h2));
  out[k++] = key1(F.S0hl, labelOf(st, s0h));
  out[k++] = key1(F.S0l2w, at(word, s0l2));
  out[k++] = key1(F.S0l2p, at(tag, s0l2));
  out[k++] = key1(F.S0l2l, labelOf(st, s0l2));
  out[k++] = key1(F.S0r2w, at(word, s0r2));
  out[k++] = key1(F.S0r2p, at(tag, s0r2));
  out[k++] = key1(F.S0r2l, labelOf(st, s0r2));
  out[k++] = key1(F.N0l2w, at(word, n0l2));
  out[k++] = key1(F.N0l2p, at(tag, n0l2));
  out[k++] = key1(F.N0l2l, labelOf(st, n0l2));
  out[k++] = key3(F.S0pS0lpS0l2p, S0p, S0lp, at(tag, s0l2));
  out[k++] = key3(F.S0pS0rpS0r2p, S0p, S0rp, at(tag, s0r2));
  out[k++] = key3(F.S0pS0hpS0h2p, S0p, S0hp, at(tag, s0h2));
  out[k++] = key3(F.N0pN0lpN0l2p, N0p, N0lp, at(tag, n0l2));

  const s0sr = st.rightLabels[s0], s0sl = st.leftLabels[s0], n0sl = n0 > 0 ? st.leftLabels[n0] : 0;
  out[k++] = key2(F.S0wsr, S0w, s0sr);
  out[k++] = key2(F.S0psr, S0p, s0sr);
  out[k++] = key2(F.S0wsl, S0w, s0sl);
  out[k++] = key2(F.S0psl, S0p, s0sl);
  out[k++] = key2(F.N0wsl, N0w, n0sl);
  out[k++] = key2(F.N0psl, N0p, n0sl);

  const S0c = at(cluster, s0), N0c = at(cluster, n0), S1p = at(tag, s1);
  out[k++] = key1(F.S0c, S0c);
  out[k++] = key1(F.N0c, N0c);
  out[k++] = key1(F.N1c, at(cluster, n1));
  out[k++] = key2(F.S0cN0c, S0c, N0c);
  out[k++] = key2(F.S0pN0c, S0p, N0c);
  out[k++] = key2(F.S0cN0p, S0c, N0p);
  out[k++] = key2(F.S0ccN0cc, S0c >> CLUSTER_FINE_BITS, N0c >> CLUSTER_FINE_BITS);
  out[k++] = key1(F.S1p, S1p);
  out[k++] = key3(F.S1pS0pN0p, S1p, S0p, N0p);
  out[k++] = key2(F.S1wS0p, at(word, s1), S0p);
  out[k++] = key3(F.S0cN0pN1p, S0c, N0p, N1p);
  out[k++] = key1(F.Bias, 0);
  out[k++] = key2(F.S0hasHead, st.head[s0] >= 0 ? 1 : 0, S0p);
  const commas = n0 > 0 && s0 > 0 ? x.commasUpTo[n0 - 1] - x.commasUpTo[s0] : -1;
  out[k++] = key3(F.S0pN0pCommas, S0p, N0p, commas > 3 ? 3 : commas);
  out[k++] = key2(F.S0sufN0p, s0 >= 0 ? x.suffix[s0] : NONE, N0p);
  out[k++] = key2(F.S0pN0suf, S0p, n0 > 0 ? x.suffix[n0] : NONE);
  out[k++] = key3(F.N0pN1pN2pN3p, N0p, mix(N1p, N2p), n2 > 0 && n2 + 1 <= st.n ? tag[n2 + 1] : NONE);
  return k;
}

const enum G {
  Dir = 1, Dw, Dp, Hw, Hp, DpHp, DwHp, DpHw, DwHw, DistDpHp, DlLabelDp, DlpDp, DlwDp, DrLabelDp, DrpDp,
  HlLabelHp, HrLabelHp, HLabelHpDp, HhpHpDp, NextDpHp, DsufDir, HsufDpDir, DcHp, HcDp, DvalDp, PrevDpHp,
}

/** Writes the features for the label of the arc `h` -> `d` into `out`. */
export function labelFeatures(st: ParseState, x: ParserInput, h: number, d: number, out: Int32Array): number {
  const { word, tag, cluster, suffix } = x;
  const dir = d < h ? 1 : 2;
  const Dw = mix(word[d], dir), Dp = mix(tag[d], dir), Hw = word[h], Hp = tag[h];
  const dl = st.leftmost[d], dr = st.rightmost[d], hl = st.leftmost[h], hr = st.rightmost[h];
  const hh = h > 0 ? st.head[h] : -1;
  let k = 0;
  out[k++] = key1(G.Dir, dir);
  out[k++] = key1(G.Dw, Dw);
  out[k++] = key1(G.Dp, Dp);
  out[k++] = key2(G.Hw, Hw, dir);
  out[k++] = key2(G.Hp, Hp, dir);
  out[k++] = key2(G.DpHp, Dp, Hp);
  out[k++] = key2(G.DwHp, Dw, Hp);
  out[k++] = key2(G.DpHw, Dp, Hw);
  out[k++] = key2(G.DwHw, Dw, Hw);
  out[k++] = key3(G.DistDpHp, distanceBucket(Math.abs(h - d)), Dp, Hp);
  out[k++] = key2(G.DlLabelDp, labelOf(st, dl), Dp);
  out[k++] = key2(G.DlpDp, dl ? tag[dl] : NONE, Dp);
  out[k++] = key2(G.DlwDp, dl ? word[dl] : NONE, Dp);
  out[k++] = key2(G.DrLabelDp, labelOf(st, dr), Dp);
  out[k++] = key2(G.DrpDp, dr ? tag[dr] : NONE, Dp);
  out[k++] = key3(G.HlLabelHp, labelOf(st, hl), Hp, dir);
  out[k++] = key3(G.HrLabelHp, labelOf(st, hr), Hp, dir);
  out[k++] = key3(G.HLabelHpDp, labelOf(st, h), Hp, Dp);
  out[k++] = key3(G.HhpHpDp, hh >= 0 ? tag[hh] : NONE, Hp, Dp);
  out[k++] = key3(G.NextDpHp, d < st.n ? tag[d + 1] : NONE, Dp, Hp);
  out[k++] = key2(G.DsufDir, suffix[d], Dp);
  out[k++] = key3(G.HsufDpDir, suffix[h], Dp, Hp);
  out[k++] = key2(G.DcHp, cluster[d], mix(Hp, dir));
  out[k++] = key2(G.HcDp, cluster[h], Dp);
  out[k++] = key3(G.DvalDp, capped(st.leftCount[d]), capped(st.rightCount[d]), Dp);
  out[k++] = key3(G.PrevDpHp, d > 1 ? tag[d - 1] : NONE, Dp, Hp);
  return k;
}

/** Whether label `l` may be used on an arc in direction `d < h` (left) or not. */
function labelAllowed(labels: LabelSet, l: number, leftArc: boolean): boolean {
  const mask = leftArc ? labels.left : labels.right;
  return l < 32 ? (mask[0] & (1 << l)) !== 0 : (mask[1] & (1 << (l - 32))) !== 0;
}

/** The best allowed label for the arc h -> d by `scores`. */
export function bestLabel(labels: LabelSet, scores: Float64Array, h: number, d: number): number {
  if (h === 0) return labels.root;
  const leftArc = d < h;
  let best = -1;
  for (let l = 0; l < labels.names.length; l++) {
    if (l === labels.root || !labelAllowed(labels, l, leftArc)) continue;
    if (best < 0 || scores[l] > scores[best]) best = l;
  }
  return best < 0 ? labels.fallbackOther : best;
}

/** The move when only one is valid (nothing to score), else -1. */
export function onlyValidMove(st: ParseState): number {
  let only = -1;
  for (let m = 0; m < MOVES; m++) {
    if (!st.isValid(m)) continue;
    if (only >= 0) return -1;
    only = m;
  }
  return only;
}

/** Highest-scoring valid move. */
export function bestMove(st: ParseState, scores: Float64Array): number {
  let best = -1;
  for (let m = 0; m < MOVES; m++) {
    if (!st.isValid(m)) continue;
    if (best < 0 || scores[m] > scores[best]) best = m;
  }
  return best;
}

/** Attaches words left without a head once the buffer is empty, keeping one root. */
export function finishTree(st: ParseState, x: ParserInput, labels: LabelSet, isPunct: Uint8Array): void {
  for (let i = 1; i <= st.n; i++) {
    if (st.head[i] >= 0) continue;
    if (st.rootChild === 0) st.addArc(0, i, labels.root);
    else st.addArc(st.rootChild, i, isPunct[x.tag[i]] ? labels.fallbackPunct : labels.fallbackOther);
  }
}

export interface ParserWeights {
  moves: Scorer;
  labels: Scorer;
  labelSet: LabelSet;
  /** 1 for the tags that are punctuation. */
  isPunct: Uint8Array;
}

/** Parses one tagged sentence: heads (0 = root) and label indices, 1-based like the state. */
export function parseTagged(words: SentenceWords, tags: ArrayLike<number>, model: ParserWeights): ParseState {
  const x = parserInput(words, tags);
  const st = new ParseState(words.n);
  const keys = new Int32Array(PARSER_MAX_FEATURES);
  const labelKeys = new Int32Array(LABEL_MAX_FEATURES);
  const moveScores = new Float64Array(MOVES);
  const labelScores = new Float64Array(model.labels.nClasses);
  while (!st.done) {
    let move = onlyValidMove(st);
    if (move < 0) {
      const nf = parserFeatures(st, x, keys);
      moveScores.fill(0);
      model.moves.addScores(keys, nf, moveScores);
      move = bestMove(st, moveScores);
    }
    let label = -1;
    if (move === LEFT || move === RIGHT) {
      const [h, d] = st.arcOf(move);
      const nl = labelFeatures(st, x, h, d, labelKeys);
      labelScores.fill(0);
      model.labels.addScores(labelKeys, nl, labelScores);
      label = bestLabel(model.labelSet, labelScores, h, d);
    }
    st.apply(move, label);
  }
  finishTree(st, x, model.labelSet, model.isPunct);
  return st;
}

