// The state of one resolveActors call, handed explicitly from pass to pass: the mentions (the
// call's own copies, so that resolving never changes what the finder returned and a retry starts
// afresh), the person entities, which entity each mention belongs to, and what each resolved to.

import type { ActorLexicon } from '../../lexicon/actors.js';
import type { DocTree } from '../../text/document.js';
import type { MentionKind, Sentence } from '../../types.js';
import type { Gazetteer } from '../gazetteer.js';
import type { RawMention } from '../mentions/index.js';

/** A person the text names (R1-R4), and what its titles and roles say about it. */
export interface PersonEnt {
  id: string;
  name: string;
  tokens: string[];
  surnameKeys: Set<string>;
  givenKey?: string;
  role?: string;
  roleText?: string;
  government?: boolean | 'context' | 'inherit';
  roleCountry?: string;
  /** Index (in `Resolution.raw`) of the body mention the title hangs on. */
  roleBody?: number;
  roleOrg?: string;
  countryHint?: string;
  /** Index (in `Resolution.raw`) of the person mention whose title this is ("Mr Sharon's spokesman"). */
  rolePossessor?: number;
  gender?: 'm' | 'f';
  country?: string;
  /** Starts of the mentions tied to this person so far, ascending (for "most recent before"). */
  starts?: number[];
}

export interface Resolution {
  readonly g: Gazetteer;
  readonly lex: ActorLexicon;
  readonly text: string;
  readonly sentences: Sentence[];
  /** The mentions as found (copies), in the finder's order: `roleBody` and `rolePossessor` index it. */
  readonly raw: RawMention[];
  /** The same mentions in text order (longer first at one start). */
  readonly ms: RawMention[];
  /** Mentions by sentence, in text order. */
  readonly bySentence: RawMention[][];
  /** Person entities in the order they were made (R1 full names first). */
  readonly ents: PersonEnt[];
  /** Person entities by id. */
  readonly persons: Map<string, PersonEnt>;
  /** The person each mention belongs to. */
  readonly personOf: Map<RawMention, PersonEnt>;
  /** What a mention resolved to, for the kinds resolved before actors are built (persons, roles, "the government"). */
  readonly resolved: Map<RawMention, { id: string; kind: MentionKind }>;
  /** The country each body mention acts for, if any. */
  readonly bodyCountryOf: Map<RawMention, string | undefined>;
  /** The parse of a sentence, for the few questions only the tree answers (emit.ts, lone names). */
  readonly treeOf?: SentenceTree;
}

/** A sentence's tokens and dependency tree, parsed on request (text/document.ts). */
export type SentenceTree = (sentence: number) => { tokens: readonly { start: number; end: number; upos: string; tag: string; text: string; lower: string }[]; tree: DocTree } | undefined;

export function startResolution(g: Gazetteer, lex: ActorLexicon, text: string, sentences: Sentence[], found: readonly RawMention[], treeOf?: SentenceTree): Resolution {
  const raw = found.map((m) => ({ ...m }));
  const ms = [...raw].sort((a, b) => a.start - b.start || b.end - a.end);
  const bySentence: RawMention[][] = sentences.map(() => []);
  for (const x of ms) (bySentence[x.sentence] ??= []).push(x);
  return {
    g, lex, text, sentences, raw, ms, bySentence, treeOf,
    ents: [], persons: new Map(), personOf: new Map(), resolved: new Map(), bodyCountryOf: new Map(),
  };
}

/** Ties a mention to a person, keeping the person's mention starts sorted. */
export function tie(st: Resolution, m: RawMention, e: PersonEnt): void {
  st.personOf.set(m, e);
  const starts = (e.starts ??= []);
  starts.splice(firstAtOrAfter(starts, m.start), 0, m.start);
}

/** The candidate mentioned most recently before `m`, else the first mentioned after it. */
export function nearestEntity(cands: PersonEnt[], m: RawMention): PersonEnt {
  let best: PersonEnt | undefined;
  let bestStart = -1;
  let firstAfter: PersonEnt | undefined;
  let firstAfterStart = Infinity;
  for (const e of cands) {
    const st = e.starts ?? [];
    const lo = firstAtOrAfter(st, m.start);
    if (lo > 0 && st[lo - 1] > bestStart) {
      best = e;
      bestStart = st[lo - 1];
    }
    if (lo < st.length && st[lo] > m.start && st[lo] < firstAfterStart) {
      firstAfter = e;
      firstAfterStart = st[lo];
    }
  }
  return best ?? firstAfter ?? cands[0];
}

/** Binary search: the index of the first value >= x in ascending `sorted`. */
function firstAtOrAfter(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The key counted most (the first of equals), or undefined. */
export function mostCounted(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestN = 0;
  for (const [c, n] of counts) if (n > bestN) [best, bestN] = [c, n];
  return best;
}
