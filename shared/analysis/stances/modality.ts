// Modality of a trigger: negation, hedging and whether it is asserted at all.

import { confidenceOf } from '../lexicon/stances.js';
import type { Ctx } from './context.js';
import { CONTROL_ADJS, CONTROL_NOUNS, CONTROL_VERBS, HEDGES, NEGATING_VERBS } from './lexicon.js';
import { isNeg, isQuote, prev, tok } from './phrases.js';
import { frameAt } from './resolution.js';

const CONF = confidenceOf('modality', ['question'] as const);

export interface Modality { negated: boolean; hedge: number }

export function verbModality(c: Ctx, v: number): Modality {
  let negated = c.toks[v].lower.endsWith('ing') && tok(c, prev(c, v))?.lower === 'without';
  let hedge = 1;
  const f = frameAt(c, v);
  let j = prev(c, v);
  for (let steps = 0; j >= 0 && steps < 8; steps++, j = prev(c, j)) {
    const t = c.toks[j];
    if (isNeg(t)) { negated = true; continue; }
    if (t.pos === 'AUX' || t.pos === 'PART' || t.lower === 'to') {
      const w = HEDGES.get(t.lower);
      if (w !== undefined && !(t.lower === 'would' && f)) hedge *= w;
      continue;
    }
    if (t.pos === 'ADV') {
      const w = HEDGES.get(t.lower);
      if (w !== undefined) hedge *= w;
      if (t.lower === 'longer' && tok(c, prev(c, j))?.lower === 'no') negated = true;
      continue;
    }
    if (t.pos === 'VERB' && CONTROL_VERBS.has(t.lemma)) {
      if (NEGATING_VERBS.has(t.lemma)) negated = true;
      const w = HEDGES.get(t.lemma);
      if (w !== undefined) hedge *= w;
      continue;
    }
    if (t.pos === 'ADJ' && CONTROL_ADJS.has(t.lemma)) {
      const w = HEDGES.get(t.lemma);
      if (w !== undefined) hedge *= w;
      continue;
    }
    if (t.pos === 'NOUN' && CONTROL_NOUNS.has(t.lemma)) {
      const w = HEDGES.get(t.lemma);
      if (w !== undefined) hedge *= w;
      continue;
    }
    if ((t.lower === 'and' || t.lower === 'or') && tok(c, prev(c, j))?.pos === 'VERB') continue;
    if (isQuote(t)) continue;
    break;
  }
  // sentence adverbs and conditionals anywhere before the verb in its clause
  for (let k = v - 1; k >= 0; k--) {
    const t = c.toks[k];
    if (t.text === ';' || t.text === ':') break;
    if (t.pos === 'ADV' && HEDGES.has(t.lower) && k < j) hedge *= HEDGES.get(t.lower)!;
    if ((t.lower === 'if' || t.lower === 'whether') && t.pos === 'SCONJ') { hedge *= HEDGES.get(t.lower)!; break; }
  }
  if (c.question) hedge *= CONF.question;
  return { negated: negated || inDenial(c, v), hedge };
}

export function inDenial(c: Ctx, k: number): boolean {
  return c.speech.frames.some((f) => f.lemma === 'deny' && k >= f.from && k < f.to);
}

export function unasserted(c: Ctx, k: number): boolean {
  return c.speech.unasserted.some(([a, b]) => k >= a && k < b);
}
