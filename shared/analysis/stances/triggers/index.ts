// Triggers: the words that carry a stance (verbs, nouns, adjectives, idioms), found in a sentence
// and handed to the construction that reads their arguments.

import { wordClass } from '../../lexicon/stances.js';
import type { Arg, Cand, Ctx, Tok } from '../context.js';
import { ADJS, IDIOMS, LABEL_VERBS, NOUNS, RELATIONAL_NOUNS, ROLE_NOUNS, VERBS } from '../lexicon.js';
import type { IdiomEntry } from '../lexicon.js';
import { groupActors, groupRight } from '../phrase-actors.js';
import { headOf, next, npSpan, npish, prev, tok } from '../phrases.js';
import { resolveNationNoun, resolveOwner } from '../resolution.js';
import { adjTrigger, idiomTrigger } from './adjectives-idioms.js';
import { appositiveStance, hostingStance } from './indirect.js';
import { nounTrigger } from './nouns.js';
import { labelTrigger, verbTrigger } from './verbs.js';

const ROLE_OF_PREPOSITIONS = wordClass('roleOfPrepositions');

export function matchIdiom(c: Ctx, i: number): { e: IdiomEntry; end: number } | null {
  let best: { e: IdiomEntry; end: number } | null = null;
  const t = c.toks[i];
  const candidates = IDIOMS.get(t.lemma) ?? (t.lower !== t.lemma ? IDIOMS.get(t.lower) : undefined);
  if (!candidates) return null;
  for (const e of candidates) {
    const end = matchWords(c, e.words, 0, i);
    if (end >= 0 && (!best || end > best.end)) best = { e, end };
  }
  return best;
}

/** Matches words[w..] from token k; "*" stands for one to three words of a noun phrase. Returns the last token matched, or -1. */
export function matchWords(c: Ctx, words: string[], w: number, k: number): number {
  if (w === words.length) return prev(c, k);
  const t = tok(c, k);
  if (!t) return -1;
  const word = words[w];
  if (word !== '*') return t.lemma === word || t.lower === word ? matchWords(c, words, w + 1, next(c, k)) : -1;
  let j = k;
  for (let n = 1; n <= 3; n++) {
    const tj = tok(c, j);
    if (!tj || !(npish(c, tj) || tj.pos === 'ADV') || tj.unit >= 0 && !c.units[tj.unit].pronoun) return -1;
    const end = matchWords(c, words, w + 1, next(c, j));
    if (end >= 0) return end;
    j = next(c, j);
  }
  return -1;
}

/** The actors of the phrase starting at k, with its coordination, attachments and descriptions. */
export function phraseArg(c: Ctx, k: number, exclude: Set<string>, allowMod: boolean): Arg | null {
  const tk = tok(c, k);
  if (!tk || !npish(c, tk)) return null;
  const sp = npSpan(c, k);
  const group = groupRight(c, sp);
  const direct = groupActors(c, group, allowMod, exclude);
  if (direct) return direct;
  if (group.length > 1) return null;
  const headTok = c.toks[headOf(c, sp)];
  const pk = next(c, sp[1]);
  if ((RELATIONAL_NOUNS.has(headTok.lemma) || ROLE_NOUNS.has(headTok.lemma)) && ROLE_OF_PREPOSITIONS.has(tok(c, pk)?.lower ?? '')) {
    // "the government in Tbilisi", "the situation in Venezuela"
    const inner = phraseArg(c, next(c, pk), exclude, true);
    if (inner) return inner;
  }
  return resolveNationNoun(c, sp, exclude) ?? resolveOwner(c, sp, exclude, sp[1]);
}

/** A lexicon verb POS-tagged as something else: headlines ("G7 backs Africa debt relief plan") and after modals. */
export function verbLike(c: Ctx, t: Tok): boolean {
  if (t.pos === 'VERB') return true;
  if (!VERBS.has(t.lemma)) return false;
  const p = tok(c, prev(c, t.i));
  if (p && (p.pos === 'AUX' || (p.pos === 'PART' && p.lemma === 'not') || (p.lower === 'to' && p.pos === 'PART'))) return true;
  return false;
}

export function scoreSentenceTriggers(c: Ctx, out: Cand[]): void {
  const toks = c.toks;
  const handled = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.skip || handled.has(i)) continue;
    const idiom = matchIdiom(c, i);
    if (idiom) {
      for (let k = i; k <= idiom.end; k++) handled.add(k);
      idiomTrigger(c, out, i, idiom.end, idiom.e);
      continue;
    }
    if (verbLike(c, t)) {
      const e = VERBS.get(t.lemma);
      if (e) verbTrigger(c, out, i, e);
      else if (LABEL_VERBS.has(t.lemma)) labelTrigger(c, out, i);
      continue;
    }
    if (t.pos === 'NOUN' || t.pos === 'PROPN') {
      const e = NOUNS.get(t.lemma);
      if (e) nounTrigger(c, out, i, e);
      continue;
    }
    if (t.pos === 'ADJ' || t.pos === 'ADV') {
      const e = ADJS.get(t.lower);
      if (e && e.preps.includes(tok(c, next(c, i))?.lower ?? '')) adjTrigger(c, out, i, e);
    }
  }
  appositiveStance(c, out);
  hostingStance(c, out);
}
