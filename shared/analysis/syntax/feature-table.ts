// The weights of one linear classifier, as shipped: feature key -> its non-zero weights per class.
// Weights arrive as 16-bit integers (the trained floats scaled by one factor per table, which
// leaves every argmax as it was).
//
// Memory latency, not arithmetic, is what a parser spends its time on: every feature is a probe
// into a table of megabytes, and the smaller the table the more of it stays in cache. So a slot
// keeps the key and what follows from it side by side, one cache line per feature: for up to four
// classes (the parser's moves) the weights themselves, four 8-bit codes in one Int32, read through
// a logarithmic table (a few large weights decide, many small ones refine: measured on EWT dev, no
// loss against 16 bits, where 8 linear bits lose 0.1 UAS); for more classes (tags, labels) the
// start and length of the feature's (class, weight) pairs. The table is built once, at training
// time, and the model file holds it as it is in memory: loading is a view.

export interface PackedFeatures {
  /** Feature keys (never 0), one per feature. */
  keys: Int32Array;
  /** How many (class, weight) pairs each feature has, in the order of `keys`. */
  counts: Uint8Array;
  /** The pairs of all features, concatenated in the order of `keys`. */
  classes: Uint8Array;
  weights: Int16Array;
}

/** What a model file stores of a table. */
export interface FeatureTableData {
  nClasses: number;
  size: number;
  /** Open addressing, two Int32s a slot: the key, then four 8-bit weight codes (inline) or start << 7 | length. */
  slots: Int32Array;
  /** class << 16 | (weight & 0xffff), for tables that are not inline. */
  pairs: Int32Array;
  /** Inline tables: the weight of each 8-bit code (index code + 128). */
  codes: Float32Array;
}

/** Classes that fit inline in a slot: four 8-bit codes in one Int32. */
const INLINE_CLASSES = 4;
const MAX_LOAD = 0.7;
/** Codes for weights up to 32767: |code| = 127 log(1 + |w| / C) / log(1 + 32767 / C). */
const CODE_KNEE = 8;

/** The 8-bit code of a 16-bit weight, and the weight each code stands for. */
function encodeWeight(w: number): number {
  const code = Math.round((127 * Math.log1p(Math.abs(w) / CODE_KNEE)) / Math.log1p(32767 / CODE_KNEE));
  return Math.sign(w) * Math.min(127, code);
}

function codeWeights(): Float32Array {
  const out = new Float32Array(256);
  for (let code = -127; code <= 127; code++) {
    out[code + 128] = Math.sign(code) * CODE_KNEE * Math.expm1((Math.abs(code) * Math.log1p(32767 / CODE_KNEE)) / 127);
  }
  return out;
}

export class FeatureTable {
  readonly nClasses: number;
  readonly size: number;
  private readonly inline: boolean;
  private readonly width: number;
  private readonly slots: Int32Array;
  private readonly packedPairs: Int32Array;
  private readonly codes: Float32Array;
  private readonly mask: number;

  constructor(data: FeatureTableData) {
    this.nClasses = data.nClasses;
    this.size = data.size;
    this.inline = data.nClasses <= INLINE_CLASSES;
    this.width = 2;
    const capacity = data.slots.length / this.width;
    if (!Number.isInteger(capacity) || (capacity & (capacity - 1)) !== 0) throw new RangeError('feature table slots must be a power of two');
    if (this.inline && data.codes.length !== 256) throw new RangeError('an inline feature table needs its 256 weight codes');
    this.mask = capacity - 1;
    this.slots = data.slots;
    this.packedPairs = data.pairs;
    this.codes = data.codes;
  }

  /** Lays out trained weights as a table (training time). */
  static build(nClasses: number, packed: PackedFeatures): FeatureTable {
    if (nClasses > 127) throw new RangeError(`a feature table holds at most 127 classes, not ${nClasses}`);
    if (packed.classes.length >= 1 << 24) throw new RangeError('a feature table holds at most 2^24 weights');
    const n = packed.keys.length;
    const inline = nClasses <= INLINE_CLASSES;
    const width = 2;
    let capacity = 16;
    while (capacity * MAX_LOAD < n) capacity *= 2;
    const mask = capacity - 1;
    const slots = new Int32Array(capacity * width);
    const pairs = new Int32Array(inline ? 0 : packed.classes.length);
    for (let p = 0; p < pairs.length; p++) pairs[p] = (packed.classes[p] << 16) | (packed.weights[p] & 0xffff);
    let offset = 0;
    for (let f = 0; f < n; f++) {
      const key = packed.keys[f];
      let s = key & mask;
      while (slots[s * width] !== 0) s = (s + 1) & mask;
      const at = s * width;
      slots[at] = key;
      const count = packed.counts[f];
      if (inline) {
        for (let p = offset; p < offset + count; p++) slots[at + 1] |= (encodeWeight(packed.weights[p]) & 0xff) << (8 * packed.classes[p]);
      } else {
        slots[at + 1] = (offset << 7) | count;
      }
      offset += count;
    }
    return new FeatureTable({ nClasses, size: n, slots, pairs, codes: inline ? codeWeights() : new Float32Array(0) });
  }

  get data(): FeatureTableData {
    return { nClasses: this.nClasses, size: this.size, slots: this.slots, pairs: this.packedPairs, codes: this.codes };
  }

  get pairs(): number {
    return this.inline ? this.size * INLINE_CLASSES : this.packedPairs.length;
  }

  /** Adds the weights of `n` features to `scores` (one entry per class). */
  addScores(keys: Int32Array, n: number, scores: Float64Array): void {
    this.touchSlots(keys, n);
    if (this.inline) this.addInline(keys, n, scores);
    else this.addPairs(keys, n, scores);
  }

  /**
   * Reads each key's first slot in a loop with nothing else to do, so the CPU has all the cache
   * misses in flight at once; the loop that probes and adds then finds them in cache (measured:
   * a fifth faster than probing straight away, where each miss waits on the branch before it).
   */
  private touchSlots(keys: Int32Array, n: number): void {
    const { slots, mask } = this;
    let touched = 0;
    for (let i = 0; i < n; i++) touched ^= slots[(keys[i] & mask) << 1];
    this.touched ^= touched;
  }

  /** Keeps touchSlots' reads from being optimised away. */
  private touched = 0;
  /** addPairs' found features, reused between calls. */
  private refs = new Int32Array(256);

  /** The slot index of `key`, or -1. */
  private find(key: number): number {
    const { slots, mask } = this;
    let at = (key & mask) << 1;
    let k = slots[at];
    while (k !== key && k !== 0) {
      at = at + 2 === slots.length ? 0 : at + 2;
      k = slots[at];
    }
    return k === 0 ? -1 : at;
  }

  private addInline(keys: Int32Array, n: number, scores: Float64Array): void {
    const { slots, codes } = this;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < n; i++) {
      const at = this.find(keys[i]);
      if (at < 0) continue;
      const w = slots[at + 1];
      s0 += codes[((w << 24) >> 24) + 128];
      s1 += codes[((w << 16) >> 24) + 128];
      s2 += codes[((w << 8) >> 24) + 128];
      s3 += codes[(w >> 24) + 128];
    }
    scores[0] += s0;
    scores[1] += s1;
    scores[2] += s2;
    scores[3] += s3;
  }

  private addPairs(keys: Int32Array, n: number, scores: Float64Array): void {
    if (this.refs.length < n) this.refs = new Int32Array(n);
    const { slots, packedPairs, refs } = this;
    // Probe every key first and touch its pairs, as touchSlots does for the slots.
    let found = 0, touched = 0;
    for (let i = 0; i < n; i++) {
      const at = this.find(keys[i]);
      if (at < 0) continue;
      const ref = slots[at + 1];
      refs[found++] = ref;
      touched ^= packedPairs[ref >>> 7];
    }
    this.touched ^= touched;
    for (let f = 0; f < found; f++) {
      const ref = refs[f];
      const start = ref >>> 7, end = start + (ref & 127);
      for (let p = start; p < end; p++) {
        const v = packedPairs[p];
        scores[v >>> 16] += (v << 16) >> 16;
      }
    }
  }
}

/**
 * Int32 key -> non-negative Int32 value, open addressing, stored as it is in memory: the tag
 * dictionary, ambiguity classes and word clusters, keyed by word hashes.
 */
export class HashIndex {
  private readonly mask: number;

  constructor(readonly slots: Int32Array) {
    const capacity = slots.length / 2;
    if (!Number.isInteger(capacity) || (capacity & (capacity - 1)) !== 0) throw new RangeError('hash index slots must be a power of two');
    this.mask = capacity - 1;
  }

  static build(entries: Iterable<readonly [number, number]>): HashIndex {
    const list = [...entries];
    let capacity = 16;
    while (capacity * MAX_LOAD < list.length) capacity *= 2;
    const slots = new Int32Array(capacity * 2);
    const mask = capacity - 1;
    for (const [raw, value] of list) {
      const key = raw || 1; // 0 marks an empty slot
      let s = key & mask;
      while (slots[s * 2] !== 0 && slots[s * 2] !== key) s = (s + 1) & mask;
      slots[s * 2] = key;
      slots[s * 2 + 1] = value;
    }
    return new HashIndex(slots);
  }

  /** The value of `key`, or `missing`. */
  get(raw: number, missing: number): number {
    const { slots, mask } = this;
    const key = raw || 1;
    let s = key & mask;
    for (;;) {
      const k = slots[s * 2];
      if (k === key) return slots[s * 2 + 1];
      if (k === 0) return missing;
      s = (s + 1) & mask;
    }
  }
}
