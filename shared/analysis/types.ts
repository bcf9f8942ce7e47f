// The analysis contract (../shared/DESIGN.md, "Analysis contract") and the internal shapes the
// analysis modules hand each other. Finding mentions, resolving actors and scoring stances are
// separate modules (STYLE.md 9); these types are the seams between them.

import type { SkippedSentence } from './guard.js';

export type ActorType = 'country' | 'person' | 'organization' | 'group' | 'media' | 'place';

/** Character offsets into the article's clean text (JavaScript string indices, end exclusive). */
export interface Span {
  start: number;
  end: number;
}

export interface Actor {
  /** ISO 3166-1 alpha-3 for countries; a slug for everything else ("sergei-shoigu", "un", "state-department"). */
  id: string;
  name: string;
  type: ActorType;
  /** The country a person or state body acts for, when the text says it (alpha-3). */
  country?: string;
  /** Actor id of the state (alpha-3) or international organisation ("eu", "un", "nato") this person or body acts for, when the text says it. */
  actsFor?: string;
  role?: string;
  /** Other surface forms seen in this text ("Moscow", "the Kremlin", "Russian"). */
  aliases: string[];
  mentions: Span[];
  /** In [0, 1]: frequency, position, being a subject, being in the title. */
  salience: number;
}

export type StanceCategory =
  | 'agree' | 'recognize' | 'support' | 'praise' | 'aid' | 'meet' | 'cooperate' | 'congratulate' | 'defend'
  | 'demand' | 'accuse' | 'criticize' | 'reject' | 'threaten' | 'sanction' | 'blockade' | 'attack' | 'oppose' | 'undermine' | 'pressure' | 'protest';

export interface Stance {
  /** Index of the sentence in the article (0-based). */
  sentence: number;
  /** The sentence, as evidence. */
  text: string;
  /** Actor ids. */
  source: string;
  target: string;
  polarity: -1 | 0 | 1;
  /** Goldstein scale, -10 (most hostile) .. +10 (most cooperative). */
  score: number;
  category: StanceCategory;
  /** Actor id of whoever asserts it, when the stance is reported speech; null when the text states it as fact. */
  claim: string | null;
  /** In [0, 1]. */
  confidence: number;
  /** The words that carry the stance (the verb or noun), as evidence to highlight. */
  trigger?: Span;
  /**
   * The CAMEO event code of the dictionary entry that fired (a CAMEO verb's own code, else the
   * code of the lexicon category), and its PLOVER event type ("DISAPPROVE", "THREATEN"); null for
   * a stance no dictionary entry gave (the learned layer's). Absent from analyses stored before
   * they were added.
   */
  cameo?: string | null;
  plover?: string | null;
}

export interface Analysis {
  actors: Actor[];
  stances: Stance[];
  /** Extractive summary: k sentences of the article, in article order. */
  summary: string[];
  /**
   * Sentences a rule failed on, left out of the analysis with the reason: empty when all went well.
   * Always set by analyse(); absent from analyses stored before it was added.
   */
  skipped?: SkippedSentence[];
}

export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
}

/** How a mention was recognised: the resolver and the salience score weigh them differently. */
export type MentionKind = 'name' | 'alias' | 'metonym' | 'demonym' | 'surname' | 'role' | 'pronoun' | 'code';

/** A mention tied to an actor, as the stance scorer consumes it. */
export interface ResolvedMention extends Span {
  text: string;
  actorId: string;
  kind: MentionKind;
  sentence: number;
  /** True when the mention modifies a noun rather than naming the actor ("Russian forces" is the actor; "the Russian-made rifle" is not). */
  modifier?: boolean;
  /** The mention is the subject of its clause (first actor not after a preposition, or right before a reporting verb). */
  subject?: boolean;
  /** After a locative preposition ("in Venezuela"): a setting, not an agent. */
  locative?: boolean;
  /** Inside quotation marks. */
  quote?: boolean;
}

/** What the actor stage hands to the stance scorer and the summariser. */
export interface ActorAnalysis {
  sentences: Sentence[];
  actors: Actor[];
  mentions: ResolvedMention[];
}
