// What the stance passes share: tokens with the mentions laid over them (units), speech frames,
// candidate stances, the per-sentence context, and the discourse memory across sentences.

import type { Actor, ActorAnalysis, Sentence, StanceCategory } from '../types.js';
import type { SubjectHit } from './arguments.js';
import { unasserted } from './modality.js';
import { tok } from './phrases.js';

export interface Tok {
  i: number;
  text: string;
  lower: string;
  lemma: string;
  /** The part of speech the rules read (see tokens.ts: rulePos and the corrections in prepare). */
  pos: string;
  /** The tagger's tag: UPOS with EWT's Penn tag ("VERB|VBN"). */
  tag: string;
  /** Offsets into the sentence text. */
  start: number;
  end: number;
  /** Index into Ctx.units when the token belongs to an actor mention (or an unresolved pronoun), else -1. */
  unit: number;
  /** Inside a double-quoted span. */
  q: boolean;
  /** Part of a parenthetical speech frame (", she said,"): scanners step over it. */
  skip: boolean;
}

export interface Unit {
  a: number;
  b: number;
  /** Actor id; '' for a pronoun the actor stage did not resolve (resolved on demand). */
  id: string;
  pronoun: boolean;
  modifier: boolean;
}

/** Resolved actors for one argument slot, with how sure the resolution is. */
export interface Arg { ids: string[]; conf: number }

export interface Frame {
  speaker: Arg | null;
  verb: number;
  from: number;
  to: number;
  /** Content inside quotation marks: first-person pronouns are the speaker, third-person ones are not. */
  direct: boolean;
  lemma: string;
  /** The accused of "X accused Y of ...": the agent of the complement. */
  agent?: Arg;
  /** Content is denied ("X denied there was ...") or demanded ("urged Y to ..."): nothing in it is asserted. */
  unasserted?: boolean;
  /** The frame itself comes from a neighbouring sentence. */
  inherited?: boolean;
}

export interface Cand {
  source: string;
  target: string;
  cat: StanceCategory;
  score: number;
  polarity: 1 | -1;
  conf: number;
  claim: string | null;
  trig: [number, number];
  lemma: string;
  /** 'act' when a trigger expresses it, 'inference' when it is inferred from what a speaker reports. */
  kind: 'act' | 'inference';
  /** Head lemma of the verb's object or instrument ("signed a pact" -> pact), for later "the pact". */
  objLemma?: string;
}

/** Something an actor did, remembered so that "the pact", "the measures" or "the move" can be
 * resolved to whoever did it. */
export interface EventRec {
  sentence: number;
  cat: StanceCategory | null;
  lemmas: string[];
  agents: string[];
  patients: string[];
  /** A mutual act ("signed an agreement", "traded blame"): its agents and patients are one party. */
  pair: boolean;
  /** Proposed or considered rather than done ("discussed asset freezes"): "the proposal". */
  hedged: boolean;
}

export interface SentenceMemory {
  speakers: string[][];
  subjects: { ids: string[]; tok: number }[];
  mentions: { id: string; tok: number }[];
  cands: Cand[];
  /** Trigger or instrument noun lemma -> sources, for "the new sanctions" two sentences later. */
  nounSources: Map<string, string[]>;
  lastSpeaker: Arg | null;
  hasQuote: boolean;
  endsOpen: boolean;
  /** Head lemma of the sentence's first phrase when it names an act, not an actor ("A draft framework was presented"). */
  thingSubject?: string;
}

/** What the speech-frame pass finds: set once by findFrames and inheritFrame, read by every later pass. */
export interface SpeechState {
  frames: Frame[];
  /** Token ranges whose verb triggers are not asserted (complements of demands). */
  unasserted: [number, number][];
  /** Complements of appeals with who made them: "urged the government to summon the US ambassador". */
  wishes: { from: number; to: number; sources: Arg }[];
}

/** Memo tables of one sentence. Phrases and subjects depend on the speech frames, so they are
 * memoised only once the frames are settled. */
export interface Memo {
  settled: boolean;
  pronouns: Map<number, Arg | null>;
  phrases: Map<number, [number, number]>;
  subjects: Map<number, SubjectHit | null>;
}

/** One sentence as the passes read it. Each part has one owner: the sentence (read-only once
 * prepared), the discourse (the article so far), the speech frames, what this sentence leaves for
 * the next ones, and the memo tables. */
export interface Ctx {
  readonly s: Sentence;
  readonly toks: Tok[];
  readonly units: Unit[];
  readonly question: boolean;
  readonly d: Discourse;
  readonly speech: SpeechState;
  readonly mem: SentenceMemory;
  readonly memo: Memo;
}

export interface Prepared { s: Sentence; toks: Tok[]; units: Unit[] }

export class Discourse {
  readonly actors: Map<string, Actor>;
  readonly memory: SentenceMemory[] = [];
  readonly prepared: Prepared[];
  /** The most salient country of the article, for "the government" with nothing else to go on. */
  readonly topCountry: string | undefined;
  /** What the actor stage last resolved "government" to. */
  lastGovernment: string | undefined;
  readonly events: EventRec[] = [];
  constructor(analysis: ActorAnalysis, prepared: Prepared[]) {
    this.actors = new Map(analysis.actors.map((a) => [a.id, a]));
    this.prepared = prepared;
    this.topCountry = analysis.actors.filter((a) => a.type === 'country').sort((x, y) => y.salience - x.salience)[0]?.id;
  }
  type(id: string): Actor['type'] | undefined { return this.actors.get(id)?.type; }
  country(id: string): string | undefined { return this.actors.get(id)?.country; }
}
