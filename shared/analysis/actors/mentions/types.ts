// The shapes the mention finder's passes hand each other, and the mentions it returns.

import type { GazetteerEntry, RoleDef } from '../gazetteer.js';
import type { ActorType, Span } from '../../types.js';

export interface Token extends Span {
  text: string;
  key: string;
  /** A word (letters or digits), not punctuation. */
  word: boolean;
  /** First character upper case. */
  cap: boolean;
  /** Followed by a possessive 's (or ' after a plural), which is not part of the token. */
  poss: boolean;
  sentence: number;
  /** Inside quotation marks. */
  quote: boolean;
}

export type RawKind =
  | 'country' | 'demonym' | 'capital' | 'metonym' | 'organization' | 'body' | 'place'
  | 'person' | 'surname' | 'weakname' | 'role' | 'pronoun' | 'government' | 'orgref' | 'countryref';

export interface RawMention extends Span {
  text: string;
  sentence: number;
  kind: RawKind;
  /** Gazetteer id (ISO3, organisation, body or place id) for gazetteer kinds and unknown organisations. */
  target?: string;
  targetType?: ActorType;
  /** The name of an organisation found in PETRARCH2's dictionaries, when the text writes another form of it. */
  targetName?: string;
  /** person: name tokens as written ("Sergei Shoigu"); surname: the word. */
  name?: string;
  /** person/role: role key from titles.json and the words used ("Defense Minister"). */
  role?: string;
  roleText?: string;
  /** Whether the role acts for a government (after qualifiers such as "former", "shadow"). */
  government?: boolean | 'context' | 'inherit';
  /** The country named next to the title or role noun ("Russian", "the White House's"). */
  roleCountry?: string;
  /** Index (into the returned array) of a body mention the title hangs on ("Foreign Ministry spokeswoman"). */
  roleBody?: number;
  /** The role words without the country or organisation before them ("climate chief"). */
  roleCore?: string;
  /** Index of the person mention whose title this is ("Mr Sharon's spokesman"). */
  rolePossessor?: number;
  /** Organisation or party the title hangs on ("Tory leader", "Oxfam adviser"). */
  roleOrg?: string;
  countryHint?: string;
  gender?: 'm' | 'f';
  /** person: introduced with a title or honorific only ("Mr Blair", "President Bush"). */
  titled?: boolean;
  /** Country or body named right next to a body ("Russian Foreign Ministry"). */
  bodyCountry?: string;
  /** A country word that modifies a noun and does not act ("the Venezuelan economy"). */
  modifier?: boolean;
  /** After a locative preposition ("in Moscow"). */
  locative?: boolean;
  possessive?: boolean;
  plural?: boolean;
  /** First actor of its clause, not after a preposition, or right before a reporting verb. */
  subject?: boolean;
  quote?: boolean;
  /** Definite role noun ("the president"), which may corefer; an indefinite one does not. */
  definite?: boolean;
  pronoun?: 'm' | 'f' | 'plural';
  /** surname: an unknown word right before a reporting verb ("Yukos said"), an organisation unless a person has that name. */
  orgGuess?: boolean;
  /** surname: the word is also an ordinary English word ("Internet", "Match"), so repeating it proves nothing. */
  ordinaryWord?: boolean;
  /** surname: capitalised where the sentence (or a quote) starts, so the capital proves nothing either. */
  clauseInitial?: boolean;
  /** surname: the word is written in lower case elsewhere in this text ("trump" the verb). */
  seenLower?: boolean;
  /** A metonym form that counts only where its target is named another way ("the bloc"). */
  contextual?: boolean;
  /** weakname promoted to a person by resolution (resolve/). */
  promoted?: boolean;
  /** Part of a longer name: a body in a person's title ("Foreign Ministry spokeswoman"), a
   * country or place word inside an organisation's name ("Norwegian Refugee Council"). */
  inTitle?: boolean;
  /** Token range [tokStart, tokEnd) and the start of its noun phrase (title included). */
  tokStart: number;
  tokEnd: number;
  npStart: number;
}

/** A gazetteer match over tokens [from, to). */
export interface GSpan {
  entry: GazetteerEntry;
  from: number;
  to: number; // exclusive token index
  /** Matched only the first part of a hyphenated token ("US-led"). */
  partial?: boolean;
}
/** A role form (titles.json) matched over tokens [from, to). */
export interface RSpan {
  role: RoleDef;
  form: string;
  from: number;
  to: number;
}
