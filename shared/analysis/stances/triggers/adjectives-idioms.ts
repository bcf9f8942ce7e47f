// Adjective triggers ("critical of") and idioms with argument structure ("threw its weight behind").

import { confidenceOf } from '../../lexicon/stances.js';
import type { StanceCategory } from '../../types.js';
import { clauseEnd, prepArg, subjectOf } from '../arguments.js';
import type { Cand, Ctx } from '../context.js';
import { emit, emitWithin } from '../emit.js';
import { CATS, EVALUATIVE, VERBS } from '../lexicon.js';
import type { AdjEntry, IdiomEntry } from '../lexicon.js';
import { recordSubject } from '../memory.js';
import { unasserted, verbModality } from '../modality.js';
import { next, npSpan, prev, tok } from '../phrases.js';
import { phraseArg } from './index.js';
import { subjectOrAgent } from './verbs.js';

const CONF = confidenceOf('adjectivesIdioms', ['adjective', 'idiom', 'idiomInherited', 'idiomReciprocal', 'idiomReversed'] as const);
export function adjTrigger(c: Ctx, out: Cand[], k: number, e: AdjEntry): void {
  const s = subjectOf(c, k);
  if (!s) return;
  const exclude = new Set(s.arg.ids);
  const pa = prepArg(c, k, e.preps, exclude, 2);
  if (!pa?.arg) return;
  const mod = verbModality(c, k);
  const before = tok(c, prev(c, s.span[0]));
  if (before && before.pos === 'VERB' && before.i < s.span[0]) {
    const m = verbModality(c, before.i);
    mod.negated ||= m.negated;
    mod.hedge *= m.hedge;
  }
  const symmetric = CATS[e.cat].symmetric === true;
  emit(c, out, s.arg, pa.arg, { cat: e.cat, conf: CONF.adjective, trig: [k, k], lemma: c.toks[k].lower, mod, symmetric });
}

export function idiomTrigger(c: Ctx, out: Cand[], i: number, end: number, e: IdiomEntry): void {
  if (e.blame || unasserted(c, i)) return;
  const mod = verbModality(c, i);
  const base = { cat: e.cat, score: e.score, trig: [i, end] as [number, number], lemma: e.pattern, mod };
  if (e.reversed) {
    // "His words met a cool reception from Jacques Chirac", "drawing a sharp rebuke from China": from-phrase -> subject
    const subj = subjectOf(c, i);
    if (!subj) return;
    const from = phraseArg(c, next(c, end), new Set(subj.arg.ids), false);
    if (from) emit(c, out, from, subj.arg, { ...base, conf: CONF.idiomReversed });
    return;
  }
  const subj = subjectOrAgent(c, i);
  if (!subj) return;
  recordSubject(c, subj.arg, subj.span[0]);
  if (e.reciprocal) {
    // "Hanoi and Manila had turned a page", "Republicans and Democrats traded blame"
    if (subj.arg.ids.length >= 2) emitWithin(c, out, subj.arg, { ...base, conf: CONF.idiomReciprocal });
    return;
  }
  const exclude = new Set(subj.arg.ids);
  const k = next(c, end);
  const target = phraseArg(c, k, exclude, e.possessorTarget === true || EVALUATIVE.has(e.cat));
  if (!target) return;
  if (e.inherit) {
    // "thanked donors, singling out Germany": the category of the verb it hangs on, else criticism
    let cat: StanceCategory = 'criticize';
    for (let j = prev(c, i); j >= 0; j = prev(c, j)) {
      const v = c.toks[j].pos === 'VERB' ? VERBS.get(c.toks[j].lemma) : undefined;
      if (v) { cat = v.cat; break; }
    }
    emit(c, out, subj.arg, target, { ...base, cat, score: undefined, conf: CONF.idiomInherited });
    return;
  }
  emit(c, out, subj.arg, target, { ...base, conf: CONF.idiom });
  if (e.irrealis && tok(c, k)) {
    const sp = npSpan(c, k);
    const range: [number, number] = [sp[1] + 1, clauseEnd(c, sp[1] + 1)];
    c.speech.unasserted.push(range);
    if (e.cat === 'demand') c.speech.wishes.push({ from: range[0], to: range[1], sources: subj.arg });
  }
}
