// Trains the lemmatizer (shared/analysis/syntax/lemmatizer.ts) from the LEMMA column of EWT train.
//
// Every word's lemma is its form changed by an edit script (case, then strip and add an ending).
// Suffix rules come first: for each (tag, case pattern, last k letters), the two scripts most of
// the rarely seen training words that end so take (rare words, because the rules are for words
// the lexicon lacks, and those behave like rare words, not like "went" or "was"). A rule is kept
// only where it decides something its shorter suffix does not. Then the lexicon: a (lower-case
// form, tag) goes in only where its own commonest script beats what the rules give it on its
// training tokens, so regular words ("tariffs", "negotiating") cost nothing and irregulars are
// looked up; then WordNet's irregular forms that EWT never shows ("fled", "crises"), where the
// rules would get them wrong; then "use the rules" entries for the words another tag's entry would
// mislead. Known lemmas (EWT's, and WordNet's verbs and adjectives) let the rules choose "wipe" for
// "wiped" and "stop" for "stopped". Measured on EWT dev, each of these helps; see model/README.md.
// Deterministic: counts, then ties broken by a fixed order of scripts.

import { HashIndex } from '../../shared/analysis/syntax/feature-table.js';
import { hashString } from '../../shared/analysis/syntax/hash.js';
import {
  applyScript, CASE_KEEP, CASE_LOWER, CASE_TITLE, casePattern, lemmaOf, ruleScript, ruleValue, siblingTags, suffixKey, USE_RULES, wordKey,
  type EditScript, type Lemmatizer,
} from '../../shared/analysis/syntax/lemmatizer.js';
import { UPOS_INDEX, type TagSet } from '../../shared/analysis/syntax/tagger.js';
import type { WordNetLemmas } from './wordnet.js';

export interface LemmaExample {
  form: string;
  /** Index into the model's tag set. */
  tag: number;
  lemma: string;
}

export interface LemmatizerOptions {
  /** Longest suffix a rule looks at. */
  maxSuffix: number;
  /** Words seen more often than this (with one tag) do not vote on the rules. */
  ruleMaxCount: number;
  /** A rule needs this many distinct training words behind it. */
  ruleMinTypes: number;
  /** A rule keeps a second script when at least this share of its first script's words take it (0: never). */
  secondShare: number;
}

export const DEFAULT_LEMMATIZER_OPTIONS: LemmatizerOptions = { maxSuffix: 7, ruleMaxCount: 10, ruleMinTypes: 2, secondShare: 0.2 };

/** Preference among scripts that fit equally well: shorter strip, then lower, keep, title case, then the text. */
const CASE_ORDER = [CASE_LOWER, CASE_KEEP, CASE_TITLE];

function scriptId(s: EditScript): string {
  return `${s.case}\u0000${s.strip}\u0000${s.add}`;
}

function compareScripts(a: EditScript, b: EditScript): number {
  return a.strip.length - b.strip.length || CASE_ORDER.indexOf(a.case) - CASE_ORDER.indexOf(b.case)
    || (a.strip < b.strip ? -1 : a.strip > b.strip ? 1 : 0) || (a.add < b.add ? -1 : a.add > b.add ? 1 : 0);
}

/** Every script (one per case change) that turns `form` into `lemma`, the shortest edit for each. */
export function scriptsFor(form: string, lemma: string): EditScript[] {
  const lower = form.toLowerCase();
  const out: EditScript[] = [];
  for (const c of CASE_ORDER) {
    const probe = applyScript({ case: c, strip: '', add: '' }, form, lower)!;
    let p = 0;
    while (p < probe.length && p < lemma.length && probe[p] === lemma[p]) p++;
    const script = { case: c, strip: lower.slice(p), add: lemma.slice(p) };
    if (applyScript(script, form, lower) === lemma) out.push(script);
  }
  return out;
}

interface Group {
  lower: string;
  tag: number;
  /** Distinct forms (case variants) of the group with their lemmas and token counts. */
  variants: { form: string; lemma: string; count: number; scripts: string[] }[];
  count: number;
}

class ScriptTable {
  readonly byId = new Map<string, EditScript>();

  add(s: EditScript): string {
    const id = scriptId(s);
    if (!this.byId.has(id)) this.byId.set(id, s);
    return id;
  }

  /** Scripts by count, highest first, ties to the preferred one. */
  ranked(counts: Map<string, number>, allowed: (s: EditScript) => boolean = () => true): [string, number][] {
    return [...counts].filter(([id]) => allowed(this.byId.get(id)!))
      .sort((a, b) => b[1] - a[1] || compareScripts(this.byId.get(a[0])!, this.byId.get(b[0])!));
  }
}

function groupsOf(examples: Iterable<LemmaExample>, table: ScriptTable): Group[] {
  const groups = new Map<string, Group>();
  for (const { form, tag, lemma } of examples) {
    const lower = form.toLowerCase();
    const key = `${tag}\u0000${lower}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { lower, tag, variants: [], count: 0 }));
    g.count++;
    const v = g.variants.find((x) => x.form === form && x.lemma === lemma);
    if (v) v.count++;
    else g.variants.push({ form, lemma, count: 1, scripts: scriptsFor(form, lemma).map((s) => table.add(s)) });
  }
  return [...groups.values()];
}

/** Words: a letter, then letters, hyphens, apostrophes or dots (no numbers, addresses or symbols). */
const WORD = /^\p{L}[\p{L}'.-]*$/u;

/**
 * The lemmas of the examples, lower case, as known words for the rules to prefer: those of proper
 * nouns left out, so that "timed" makes "time", not "tim".
 */
export function knownLemmas(examples: readonly LemmaExample[], tagSet: TagSet, more: readonly string[] = []): HashIndex {
  const propn = UPOS_INDEX.get('PROPN');
  const known = new Set<number>();
  for (const { tag, lemma } of examples) {
    const lower = lemma.toLowerCase();
    if (tagSet.upos[tag] !== propn && WORD.test(lower)) known.add(hashString(lower));
  }
  for (const word of more) known.add(hashString(word));
  return HashIndex.build([...known].sort((a, b) => a - b).map((h) => [h, 1] as const));
}

/**
 * `wordnet`, optional: irregular forms for the words EWT never shows, and base forms the rules may
 * prefer (train/syntax/wordnet.ts).
 */
export function trainLemmatizer(
  examples: readonly LemmaExample[], tagSet: TagSet, opts: LemmatizerOptions = DEFAULT_LEMMATIZER_OPTIONS, wordnet?: WordNetLemmas,
): Lemmatizer {
  const table = new ScriptTable();
  const groups = groupsOf(examples, table);
  const vocabulary = knownLemmas(examples, tagSet, wordnet?.baseForms);

  // Suffix rules: votes of rare words, one per distinct (form, lemma) of a group.
  interface Node { tag: number; pattern: number; k: number; suffix: string; votes: Map<string, number>; types: number }
  const nodes = new Map<string, Node>();
  for (const g of groups) {
    if (g.count > opts.ruleMaxCount) continue;
    for (const v of g.variants) {
      const pattern = casePattern(v.form, g.lower);
      for (let k = 0; k <= Math.min(opts.maxSuffix, g.lower.length); k++) {
        const suffix = g.lower.slice(g.lower.length - k);
        const key = `${g.tag}\u0000${pattern}\u0000${k}\u0000${suffix}`;
        let node = nodes.get(key);
        if (!node) nodes.set(key, (node = { tag: g.tag, pattern, k, suffix, votes: new Map(), types: 0 }));
        node.types++;
        for (const id of v.scripts) node.votes.set(id, (node.votes.get(id) ?? 0) + 1);
      }
    }
  }
  // A rule's decision: its first script, and a second where enough words take it, as "first\u0001second".
  const decisionOf = new Map<string, string>();
  const ruleEntries: [Node, string, string | undefined][] = [];
  // Shorter suffixes first, so a node's parent is decided before it.
  const ordered = [...nodes.entries()].sort((a, b) => a[1].k - b[1].k || (a[0] < b[0] ? -1 : 1));
  for (const [key, node] of ordered) {
    const ranked = table.ranked(node.votes, (s) => s.strip.length <= node.k);
    if (!ranked.length) continue;
    const [first, n] = ranked[0];
    const second = opts.secondShare > 0 && ranked.length > 1 && ranked[1][1] >= Math.max(2, n * opts.secondShare) ? ranked[1][0] : undefined;
    const decision = `${first}\u0001${second ?? ''}`;
    decisionOf.set(key, decision);
    if (node.k === 0) { ruleEntries.push([node, first, second]); continue; }
    if (node.types < opts.ruleMinTypes) continue;
    if (decision !== decisionOf.get(`${node.tag}\u0000${node.pattern}\u0000${node.k - 1}\u0000${node.suffix.slice(1)}`)) ruleEntries.push([node, first, second]);
  }

  // Script indices: the scripts the tables use, in a fixed order.
  const suffixTable = (index: Map<string, number>) => HashIndex.build(ruleEntries.map(([n, first, second]) => [
    suffixKey(n.suffix, n.k, n.tag, n.pattern), ruleValue(index.get(first)!, second === undefined ? -1 : index.get(second)!),
  ] as const));
  const provisional = [...new Set(ruleEntries.flatMap(([, first, second]) => (second === undefined ? [first] : [first, second])))].sort();
  const siblings = siblingTags(tagSet.upos);
  const ruleOnly: Lemmatizer = {
    scripts: provisional.map((id) => table.byId.get(id)!),
    words: HashIndex.build([]),
    siblings,
    suffixes: suffixTable(new Map(provisional.map((id, i) => [id, i]))),
    maxSuffix: opts.maxSuffix,
    vocabulary,
  };

  // Lexicon: groups whose own best script does better on their tokens than the rules do.
  const lexicon: [Group, string][] = [];
  const rulesRight = new Map<Group, number>();
  for (const g of groups) {
    const votes = new Map<string, number>();
    for (const v of g.variants) for (const id of v.scripts) votes.set(id, (votes.get(id) ?? 0) + v.count);
    const best = table.ranked(votes)[0]?.[0];
    if (best === undefined) continue;
    let ruleRight = 0;
    for (const v of g.variants) {
      const s = ruleScript(ruleOnly, v.form, g.lower, g.tag);
      if ((s >= 0 ? applyScript(ruleOnly.scripts[s], v.form, g.lower) : v.form) === v.lemma) ruleRight += v.count;
    }
    if (votes.get(best)! > ruleRight) lexicon.push([g, best]);
    else rulesRight.set(g, ruleRight);
  }
  // WordNet's irregular forms that EWT never shows, under their UPOS's commonest tag (the others
  // find them as siblings), where the rules would not make the same lemma.
  const seenForms = new Set(groups.map((g) => g.lower));
  const commonest = new Map<number, number>();
  tagSet.upos.forEach((u, t) => { if (!commonest.has(u)) commonest.set(u, t); });
  for (const { form, upos, lemma } of wordnet?.exceptions ?? []) {
    const tag = commonest.get(UPOS_INDEX.get(upos)!);
    if (tag === undefined || seenForms.has(form)) continue;
    const s = ruleScript(ruleOnly, form, form, tag);
    if (s >= 0 && applyScript(ruleOnly.scripts[s], form, form) === lemma) continue;
    const script = scriptsFor(form, lemma)[0];
    const g: Group = { lower: form, tag, variants: [], count: 0 };
    seenForms.add(form);
    lexicon.push([g, table.add(script)]);
  }
  const all = [...new Set([...provisional, ...lexicon.map(([, id]) => id)])].sort();
  const finalIndex = new Map(all.map((id, i) => [id, i]));
  const build = (entries: [Group, string | typeof USE_RULES][]): Lemmatizer => ({
    scripts: all.map((id) => table.byId.get(id)!),
    words: HashIndex.build(entries.map(([g, id]) => [wordKey(g.lower, g.tag), id === USE_RULES ? USE_RULES : finalIndex.get(id)!] as const)),
    siblings,
    suffixes: suffixTable(finalIndex),
    maxSuffix: opts.maxSuffix,
    vocabulary,
  });
  // Words the rules get right but another tag's entry would not: an entry that says "rules".
  const withSiblings = build(lexicon);
  const blocked: [Group, typeof USE_RULES][] = [];
  for (const [g, ruleRight] of rulesRight) {
    let right = 0;
    for (const v of g.variants) if (lemmaOf(withSiblings, v.form, g.tag) === v.lemma) right += v.count;
    if (right < ruleRight) blocked.push([g, USE_RULES]);
  }
  return build([...lexicon, ...blocked]);
}

/** "N edit scripts, N words, N suffix rules", for the training log. */
export function describeLemmatizer(lem: Lemmatizer): string {
  const entries = (slots: Int32Array) => { let n = 0; for (let i = 0; i < slots.length; i += 2) if (slots[i] !== 0) n++; return n; };
  return `${lem.scripts.length} edit scripts, ${entries(lem.words.slots)} words, ${entries(lem.suffixes.slots)} suffix rules`;
}
