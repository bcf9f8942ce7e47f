// Lemmatizer learned from UD English EWT's LEMMA column (train/syntax/lemmatizer.ts). A lemma is
// the word's form changed by an edit script: a case change (keep, lower, title), then a suffix
// stripped and another added ("tariffs" -> strip "s"; "negotiating" -> strip "ing", add "e";
// "went" -> strip "went", add "go"). Which script a word takes comes from
//   1. the lexicon: (lower-case form, tag) -> script, for the training words whose script the
//      rules below would get wrong (irregulars: "went" VERB|VBD, "children", "n't", "'s" AUX|VBZ);
//      a word the lexicon lacks with its tag takes the entry of another tag of the same UPOS
//      ("fought" seen as VERB|VBN only, tagged VERB|VBD), unless the entry says "rules";
//   2. the suffix rules: (tag, the word's case pattern, its last k letters) -> the commonest
//      script of rarely seen training words that end so, the longest k that has a rule. Where
//      words that end so divide between two scripts ("-ed": "bombed" -> "bomb", "timed" -> "time"),
//      the rule keeps both; a script that makes a known lemma wins over one that does not, whether
//      it is a rule's second or a shorter suffix's.
// Every table is keyed by hashes, as the tagger's are, and stored as it is in memory.

import type { HashIndex } from './feature-table.js';
import { hashRange, hashString, key2, key3 } from './hash.js';

/** How an edit script changes the case of the form before it edits the end. */
export const CASE_KEEP = 0, CASE_LOWER = 1, CASE_TITLE = 2;

export interface EditScript {
  /** CASE_KEEP, CASE_LOWER or CASE_TITLE ("GOODWYN" -> "Goodwyn"). */
  case: number;
  /** Lower-case ending the script removes; it applies only to words that end so. */
  strip: string;
  add: string;
}

export interface Lemmatizer {
  scripts: readonly EditScript[];
  /** key2(LEMMA_WORD, hash of the lower-case form, tag) -> script, or USE_RULES. */
  words: HashIndex;
  /** For each tag, the other tags of its UPOS, commonest first (from the tag set, not stored). */
  siblings: readonly (readonly number[])[];
  /**
   * key3(LEMMA_SUFFIX, hash of the last k letters, tag << 2 | case pattern, k) -> the rule's scripts,
   * for k = 0..maxSuffix: first | (second + 1) << 15, second -1 for none.
   */
  suffixes: HashIndex;
  maxSuffix: number;
  /**
   * Known lemmas (hash of the lower-case word -> 1), for the rules to prefer: EWT train's (proper
   * nouns' left out) and WordNet's verbs and adjectives.
   */
  vocabulary: HashIndex;
}

/** A lexicon entry that sends its word to the rules rather than to another tag's entry. */
export const USE_RULES = 0x7fffffff;

/** For each tag (UPOS index of each), the other tags of its UPOS in tag order. */
export function siblingTags(tagUpos: ArrayLike<number>): number[][] {
  const out: number[][] = [];
  for (let t = 0; t < tagUpos.length; t++) {
    const same: number[] = [];
    for (let u = 0; u < tagUpos.length; u++) if (u !== t && tagUpos[u] === tagUpos[t]) same.push(u);
    out.push(same);
  }
  return out;
}

/** The lexicon's script for a word: its own entry, else one of its tag's siblings'; -1 for none, USE_RULES. */
export function lexiconScript(lem: Lemmatizer, lower: string, tag: number): number {
  const hash = hashRange(lower, 0, lower.length);
  const own = lem.words.get(key2(LEMMA_WORD, hash, tag), -1);
  if (own >= 0) return own;
  for (const t of lem.siblings[tag]) {
    const s = lem.words.get(key2(LEMMA_WORD, hash, t), -1);
    if (s >= 0 && s !== USE_RULES) return s;
  }
  return -1;
}

/** A rule's value: its first script, and a second (or -1). */
export function ruleValue(first: number, second: number): number {
  if (first < 0 || first >= 1 << 15 || second >= (1 << 15) - 1) throw new RangeError('a lemmatizer holds at most 32,766 edit scripts');
  return first | ((second + 1) << 15);
}

// Template numbers of the keys: part of the model format.
export const LEMMA_WORD = 101, LEMMA_SUFFIX = 102;

/** Case pattern of a form, part of a suffix rule's key: lower, Capitalised, ALL CAPS, or mIxed. */
export const PATTERN_LOWER = 0, PATTERN_CAPITALISED = 1, PATTERN_UPPER = 2, PATTERN_MIXED = 3;

export function casePattern(form: string, lower: string): number {
  if (form === lower) return PATTERN_LOWER;
  if (form === form.toUpperCase()) return PATTERN_UPPER;
  return form.slice(1) === lower.slice(1) ? PATTERN_CAPITALISED : PATTERN_MIXED;
}

export function wordKey(lower: string, tag: number): number {
  return key2(LEMMA_WORD, hashRange(lower, 0, lower.length), tag);
}

export function suffixKey(lower: string, k: number, tag: number, pattern: number): number {
  return key3(LEMMA_SUFFIX, hashRange(lower, lower.length - k, lower.length), (tag << 2) | pattern, k);
}

/** The script's lemma of `form`, or null where it does not apply (the form does not end in its strip). */
export function applyScript(script: EditScript, form: string, lower: string): string | null {
  const { strip } = script;
  if (strip.length > lower.length || !lower.endsWith(strip)) return null;
  let base: string;
  if (script.case === CASE_LOWER) base = lower;
  else if (script.case === CASE_TITLE) base = lower.charAt(0).toUpperCase() + lower.slice(1);
  else base = form.length === lower.length ? form : lower; // a case change that changed the length: no way to keep it
  return base.slice(0, base.length - strip.length) + script.add;
}

/**
 * The script the suffix rules give a word, or -1: the longest suffix's first script, unless a
 * script of it or of a shorter suffix makes a known word and it does not ("provoked": "-ed" makes
 * "provok", "-d" makes "provoke").
 */
export function ruleScript(lem: Lemmatizer, form: string, lower: string, tag: number): number {
  const pattern = casePattern(form, lower);
  let fallback = -1;
  for (let k = Math.min(lem.maxSuffix, lower.length); k >= 0; k--) {
    const v = lem.suffixes.get(suffixKey(lower, k, tag, pattern), -1);
    if (v < 0) continue;
    const first = v & 0x7fff, second = (v >>> 15) - 1;
    const lemma = applyScript(lem.scripts[first], form, lower);
    if (lemma === null) continue;
    if (isKnown(lem, lemma)) return first;
    if (fallback < 0) fallback = first;
    if (second >= 0) {
      const other = applyScript(lem.scripts[second], form, lower);
      if (other !== null && isKnown(lem, other)) return second;
    }
  }
  return fallback;
}

function isKnown(lem: Lemmatizer, word: string): boolean {
  return lem.vocabulary.get(hashString(word.toLowerCase()), -1) >= 0;
}

/** The lemma of `form` with tag `tag` (an index into the model's tag set). */
export function lemmaOf(lem: Lemmatizer, form: string, tag: number): string {
  const lower = form.toLowerCase();
  const known = lexiconScript(lem, lower, tag);
  if (known >= 0 && known !== USE_RULES) {
    const lemma = applyScript(lem.scripts[known], form, lower);
    if (lemma !== null) return lemma;
  }
  const s = ruleScript(lem, form, lower, tag);
  return s >= 0 ? applyScript(lem.scripts[s], form, lower)! : form;
}
