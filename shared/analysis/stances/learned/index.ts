// The learned layer, the last of a stance's three sources: for two actors named in a sentence
// neither the rules nor the parse (../tree/) could read, the pair model (model.ts, trained by npm
// run train:stances on the DSA data) decides whether one supports or criticises the other, and
// commits only above the confidence threshold chosen on data held out for it. Its stances carry
// the sentence as evidence like any other, category "support" or "criticize" with that category's
// Goldstein score, no trigger, no claim, no CAMEO code, and the model's probability as confidence.

import type { Actor, ResolvedMention, Stance } from '../../types.js';
import type { DocSentence } from '../../text/document.js';
import { CATS, NOUNS } from '../lexicon.js';
import { pairFeatures } from './features.js';
import { decide, type PairModel } from './model.js';
import { pairTokens } from './tokens.js';

/** Actor types a stance can come from or go to: places act for nobody. */
function canTakeStance(a: Actor | undefined): a is Actor {
  return !!a && a.type !== 'place';
}

/** One actor on the other's side: a person or body of the country, or acting for it. */
function sameSide(a: Actor, b: Actor): boolean {
  return a.id === b.id || a.actsFor === b.id || b.actsFor === a.id || a.country === b.id || b.country === a.id;
}

export function learnedStances(
  s: DocSentence,
  mentions: readonly ResolvedMention[],
  actors: ReadonlyMap<string, Actor>,
  model: PairModel,
): Stance[] {
  if (!s.tagging) return []; // the stance stage tags every sentence that may hold a stance
  // each actor by its first mention in the sentence that names it as a party
  const first = new Map<string, ResolvedMention>();
  // a modifier ("the Venezuelan economy"; "the G8 summit": a name with a common noun right after
  // it) or a setting ("in Guyana") is no party
  for (const m of mentions) {
    if (m.kind === 'pronoun' || m.modifier || m.locative || first.has(m.actorId) || !canTakeStance(actors.get(m.actorId))) continue;
    if (actors.get(m.actorId)!.type !== 'country' && nounAfter(s, m.end)) continue; // country words carry their own modifier flag
    if (complementOfThing(s, m.start)) continue;
    first.set(m.actorId, m);
  }
  if (first.size < 2) return [];
  const tokens = pairTokens(s);
  const named = [...first.values()];
  const out: Stance[] = [];
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      const a = actors.get(named[i].actorId)!;
      const b = actors.get(named[j].actorId)!;
      // "Greenpeace accused oil states, and the network said...": two subjects of their own clauses
      // speak side by side, not to each other
      if (sameSide(a, b) || named[i].subject && named[j].subject) continue;
      const { cls, probability } = decide(model, pairFeatures(tokens, [named[i].start, named[i].end], [named[j].start, named[j].end]));
      if (cls === 0) continue;
      const [source, target] = cls === 1 || cls === 3 ? [a.id, b.id] : [b.id, a.id];
      const category = cls === 1 || cls === 2 ? 'support' : 'criticize';
      out.push({
        sentence: s.index, text: s.text, source, target, polarity: category === 'support' ? 1 : -1,
        score: CATS[category].score, category, claim: null, confidence: Math.round(probability * 100) / 100,
        cameo: null, plover: null, // no dictionary entry gave it
      });
    }
  }
  return out;
}

/**
 * "sanctions that lack the authorisation of the UN Security Council": an actor after "of" that
 * completes a noun naming no act of the lexicon belongs to that thing, and is no party ("criticism
 * of Russia" stays one).
 */
function complementOfThing(s: DocSentence, start: number): boolean {
  const i = s.tokens.findIndex((t) => t.start >= start);
  let k = i - 1;
  if (k >= 0 && (s.tokens[k].lower === 'the' || s.tokens[k].lower === 'a')) k--;
  if (k < 1 || s.tokens[k].lower !== 'of') return false;
  const noun = s.tokens[k - 1];
  return noun.upos === 'NOUN' && !NOUNS.has(noun.lemma);
}

/** The mention ending at `end` is followed by a common noun: it modifies it. */
function nounAfter(s: DocSentence, end: number): boolean {
  const next = s.tokens.find((t) => t.start >= end);
  return !!next && next.upos === 'NOUN' && next.text === next.lower;
}
