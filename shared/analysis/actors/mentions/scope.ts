// What every pass over one sentence reads (SentenceScope), the spans the first two passes find, and
// the small token tests several passes share.

import type { ActorWords, ActorLexicon } from '../../lexicon/actors.js';
import type { CommonWords } from '../common-words.js';
import type { Gazetteer } from '../gazetteer.js';
import type { GSpan, RawMention, RSpan, Token } from './types.js';

export interface SentenceScope {
  readonly g: Gazetteer;
  readonly lex: ActorLexicon;
  /** The word classes of actor-words.json. */
  readonly words: ActorWords;
  /** wink's lexicon of ordinary English words (whatever this text does). */
  readonly english: CommonWords;
  readonly text: string;
  /** The whole text's tokens; this sentence is [from, end). */
  readonly toks: readonly Token[];
  readonly from: number;
  readonly end: number;
  readonly sentence: number;
  /** An ordinary word in this text: seen in lower case here, or in wink's lexicon. */
  readonly common: (key: string) => boolean;
  /** Words seen in lower case in this text. */
  readonly lowerSeen: ReadonlySet<string>;
  /**
   * The mentions of the whole text so far, this sentence's from `outStart` on. Passes append to it
   * and may flag this sentence's earlier mentions (a country word that turns out to be part of a
   * title is a modifier); mentions refer to one another by index into it (`roleBody`).
   */
  readonly out: RawMention[];
  readonly outStart: number;
}

/** Gazetteer spans of the sentence (pass 1), and the mention each became (pass 2). */
export interface GazetteerSpans {
  /** By first token. */
  readonly at: Map<number, GSpan>;
  /** By exclusive end token: spans do not overlap, so each end is one span's. */
  readonly endAt: Map<number, GSpan>;
  /** Every token inside a span. */
  readonly cover: Set<number>;
  /** Index in `out` of the mention each span became. */
  readonly mention: Map<GSpan, number>;
}

/** Role spans of the sentence, outside gazetteer spans (pass 1). */
export interface RoleSpans {
  readonly at: Map<number, RSpan>;
  /** By exclusive end token. */
  readonly endAt: Map<number, RSpan>;
  readonly cover: Set<number>;
  /** Roles that became a person's title or apposition: not role nouns of their own (pass 4). */
  readonly consumed: Set<RSpan>;
}

/** Punctuation after which a capitalised word opens a clause, as at the start of a sentence. */
const CLAUSE_OPENING_MARKS = new Set(['"', '“', "'", '‘', ':', '-', '(', '[']);

/** Token i of the sentence is an honorific ("Mr", "Dr", "Baroness"). */
export function isHonorific(sc: SentenceScope, i: number): boolean {
  const t = sc.toks[i];
  return i >= sc.from && i < sc.end && t.cap && t.text.length <= sc.g.honorificMaxChars && sc.g.honorifics.has(t.text);
}

/** Token i opens the sentence or a quoted or bracketed clause: its capital says nothing. */
export function opensClause(sc: SentenceScope, i: number): boolean {
  if (i === sc.from) return true;
  const p = sc.toks[i - 1];
  return !p.word && CLAUSE_OPENING_MARKS.has(p.text);
}

/** The text of tokens [a, b) with single spaces where the text has any. */
export function textBetween(toks: readonly Token[], a: number, b: number): string {
  let s = '';
  for (let k = a; k < b; k++) s += (k > a && toks[k].start > toks[k - 1].end ? ' ' : '') + toks[k].text;
  return s;
}

/** Whether a definite determiner ("the", "its") rather than "a"/"an" opens the phrase. */
export function isDefinite(key: string): boolean {
  return key !== 'a' && key !== 'an';
}
