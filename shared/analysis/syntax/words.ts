// What the tagger and the parser know of a word, hashed once per sentence: its form, a normalised
// lower-case form (digits folded, so "1995" and "2026" are one word), affixes and a shape.

import type { HashIndex } from './feature-table.js';
import { hashRange, hashString } from './hash.js';

export interface SentenceWords {
  n: number;
  /** Exact form (tag dictionary, proper-noun evidence). */
  form: Int32Array;
  /** Lower case, digits as 0. */
  norm: Int32Array;
  suffix1: Int32Array;
  suffix2: Int32Array;
  suffix3: Int32Array;
  suffix4: Int32Array;
  prefix1: Int32Array;
  prefix3: Int32Array;
  /** Character classes with runs collapsed: "Hello" Xx, "COVID-19" X-d, "3.5" d.d. */
  shape: Int32Array;
  /** Bit flags, see FLAG_*. */
  flags: Int32Array;
  /** Fine word cluster (-1 for words without one); the coarse cluster is `cluster >> CLUSTER_FINE_BITS`. */
  cluster: Int32Array;
}

/** Each coarse cluster holds up to 2^5 fine ones (train/syntax/clusters.ts). */
export const CLUSTER_FINE_BITS = 5;

/** Hash of the lower-case word -> fine cluster id. */
export type ClusterLexicon = HashIndex;

export const FLAG_CAPITALISED = 1;
export const FLAG_ALL_CAPS = 2;
export const FLAG_HAS_DIGIT = 4;
export const FLAG_HAS_HYPHEN = 8;
export const FLAG_FIRST = 16;

function shapeOf(form: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < form.length && out.length < 8; i++) {
    const code = form.charCodeAt(i);
    let c: string;
    if (code >= 97 && code <= 122) c = 'x';
    else if (code >= 65 && code <= 90) c = 'X';
    else if (code >= 48 && code <= 57) c = 'd';
    else {
      const ch = form[i];
      c = ch.toLowerCase() !== ch.toUpperCase() ? (ch === ch.toLowerCase() ? 'x' : 'X') : ch;
    }
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

export function hashWords(forms: readonly string[], clusters?: ClusterLexicon): SentenceWords {
  const n = forms.length;
  // One buffer, one view per field (see ParseState).
  const all = new Int32Array(11 * n);
  let next = 0;
  const field = () => all.subarray(n * next, n * ++next);
  const w: SentenceWords = {
    n,
    form: field(),
    norm: field(),
    suffix1: field(),
    suffix2: field(),
    suffix3: field(),
    suffix4: field(),
    prefix1: field(),
    prefix3: field(),
    shape: field(),
    flags: field(),
    cluster: field(),
  };
  for (let i = 0; i < n; i++) {
    const form = forms[i];
    const lower = form.toLowerCase();
    const digits = hasDigit(form);
    const norm = digits ? lower.replace(/[0-9]/g, '0') : lower;
    const len = norm.length;
    w.form[i] = hashString(form);
    w.norm[i] = hashString(norm);
    w.suffix1[i] = hashRange(norm, Math.max(0, len - 1), len);
    w.suffix2[i] = hashRange(norm, Math.max(0, len - 2), len);
    w.suffix3[i] = hashRange(norm, Math.max(0, len - 3), len);
    w.suffix4[i] = hashRange(norm, Math.max(0, len - 4), len);
    w.prefix1[i] = hashRange(form, 0, Math.min(1, form.length));
    w.prefix3[i] = hashRange(norm, 0, Math.min(3, len));
    w.shape[i] = hashString(shapeOf(form));
    let flags = i === 0 ? FLAG_FIRST : 0;
    if (form.length && lower.charCodeAt(0) !== form.charCodeAt(0)) flags |= FLAG_CAPITALISED;
    if (form.length > 1 && lower !== form && form === form.toUpperCase()) flags |= FLAG_ALL_CAPS;
    if (digits) flags |= FLAG_HAS_DIGIT;
    if (form.length > 1 && form.includes('-')) flags |= FLAG_HAS_HYPHEN;
    w.flags[i] = flags;
    w.cluster[i] = clusters ? clusters.get(digits ? hashString(lower) : w.norm[i], -1) : -1;
  }
  return w;
}
