// Integer hashing for feature keys. Features are never strings at run time: each word's strings
// (form, lower case, affixes, shape) are hashed once per sentence, and a feature key is a 32-bit
// mix of its template number and those hashes. A key names a row of weights in a FeatureTable;
// two features colliding on 32 bits happens to a few hundred of a million and costs nothing
// measurable, while string keys would cost most of the parser's time.

/** FNV-1a over UTF-16 code units: stable across runs and platforms, which the shipped model needs. */
export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/** hashString(s.slice(start, end)), without the slice. */
export function hashRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Combines a running hash with one more value (murmur3's finaliser over the pair). */
export function mix(h: number, v: number): number {
  let x = Math.imul(h ^ Math.imul(v, 0xcc9e2d51), 0x1b873593);
  x ^= x >>> 15;
  x = Math.imul(x, 0x85ebca77);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x | 0;
}

// A feature key: the template number and the values, each multiplied by its own odd constant and
// combined, then murmur3's finaliser (a bijection, so distinct combinations stay distinct). Four
// multiplications for two values instead of the eight of chaining `mix`: keys are the parser's
// hottest arithmetic.
const T = 0x9e3779b1 | 0, A = 0x85ebca77 | 0, B = 0xc2b2ae3d | 0, C = 0x27d4eb2f | 0;

function finish(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x === 0 ? 1 : x; // 0 marks an empty slot in the tables
}

/** The key of a feature from its template number and up to three values. 0 is never a key. */
export function key1(template: number, a: number): number {
  return finish(Math.imul(template, T) ^ Math.imul(a, A));
}

export function key2(template: number, a: number, b: number): number {
  return finish(Math.imul(template, T) ^ Math.imul(a, A) ^ Math.imul(b ^ (b >>> 15), B));
}

export function key3(template: number, a: number, b: number, c: number): number {
  return finish(Math.imul(template, T) ^ Math.imul(a, A) ^ Math.imul(b ^ (b >>> 15), B) ^ Math.imul(c ^ (c >>> 13), C));
}
