// Sides shown indirectly: hosting and sheltering, appositions naming a backer or ally.

import { confidenceOf, wordClass } from '../../lexicon/stances.js';
import { isPassive, subjectOf } from '../arguments.js';
import type { Arg, Cand, Ctx } from '../context.js';
import { emit } from '../emit.js';
import { POSSESSIVE_MARKS } from '../lexicon.js';
import { verbModality } from '../modality.js';
import { unitArg } from '../resolution.js';

const CONF = confidenceOf('indirect', ['apposition', 'carriedBy', 'guest'] as const);

const COPULAS = wordClass('copulas');
export const CRAFT_NOUNS = wordClass('aircraftNouns');
export const CARRY_VERBS = wordClass('carryVerbs');

/**
 * Sheltering: "X would remain its guest" / "a guest of Y" (the host supports X), and "X was flown to
 * Abuja on a Nigerian government aircraft" (the country whose aircraft carried X supports X).
 */
export function hostingStance(c: Ctx, out: Cand[]): void {
  const toks = c.toks;
  const noMod = { negated: false, hedge: 1 };
  for (let k = 1; k < toks.length; k++) {
    const t = toks[k];
    if (t.pos !== 'NOUN') continue;
    if (t.lemma === 'guest') {
      let host: Arg | null = null;
      const p = toks[k - 1];
      if (p.unit >= 0) host = unitArg(c, p.unit);
      else if (POSSESSIVE_MARKS.has(p.lower) && toks[k - 2]?.unit >= 0) host = unitArg(c, toks[k - 2].unit);
      else if (toks[k + 1]?.lower === 'of' && toks[k + 2]?.unit >= 0) host = unitArg(c, toks[k + 2].unit);
      if (!host) continue;
      let be = -1;
      for (let j = k - 1; j >= Math.max(0, k - 5); j--) if (COPULAS.has(toks[j].lemma) && (toks[j].pos === 'VERB' || toks[j].pos === 'AUX')) { be = j; break; }
      if (be < 0) continue;
      const guest = subjectOf(c, be)?.arg;
      if (guest && !guest.ids.some((id) => host!.ids.includes(id))) emit(c, out, host, guest, { cat: 'support', trig: [k, k], lemma: 'guest', mod: verbModality(c, be), conf: CONF.guest });
      continue;
    }
    if (CRAFT_NOUNS.has(t.lemma)) {
      // "on a Nigerian government aircraft": an owner among the modifiers right before the noun
      let owner: Arg | null = null;
      let j = k - 1;
      for (; j >= Math.max(0, k - 4); j--) {
        const tj = toks[j];
        if (tj.lower === 'on' || tj.lower === 'aboard') break;
        if (tj.unit >= 0 && !owner) owner = unitArg(c, tj.unit);
      }
      if (!owner || j < 0 || !(toks[j].lower === 'on' || toks[j].lower === 'aboard')) continue;
      let v = -1;
      for (let i = j - 1; i >= 0 && i >= j - 12; i--) if (toks[i].pos === 'VERB' && CARRY_VERBS.has(toks[i].lemma)) { v = i; break; }
      if (v < 0 || !isPassive(c, v)) continue;
      const carried = subjectOf(c, v)?.arg;
      if (carried && carried.ids.some((id) => c.d.type(id) === 'person') && !carried.ids.some((id) => owner!.ids.includes(id))) {
        emit(c, out, owner, carried, { cat: 'support', trig: [k, k], lemma: t.lemma, mod: noMod, conf: CONF.carriedBy });
      }
    }
  }
}

/** Heads of appositions that name a side: "Iran, Hezbollah's main backer," "X, a close ally of Y,". */
export const PATRON_NOUNS = wordClass('patronNouns');

/**
 * "X, Y's main backer, ..." and "X, a close ally of Y, ...": the apposition states X's side (X -> Y
 * support). The apposition must be short and closed by a comma or end the sentence.
 */
export function appositiveStance(c: Ctx, out: Cand[]): void {
  const toks = c.toks;
  for (let i = 1; i + 2 < toks.length; i++) {
    if (toks[i].lower !== ',' || toks[i - 1].unit < 0) continue;
    let head = -1;
    let end = -1;
    for (let j = i + 1; j < toks.length && j <= i + 8; j++) {
      const t = toks[j];
      if (t.lower === ',' || t.lower === '.' || t.lower === ';') { end = j; break; }
      if (PATRON_NOUNS.has(t.lemma) && (t.pos === 'NOUN' || t.pos === 'PROPN')) head = j;
      if (t.pos === 'VERB' || t.pos === 'AUX') break;
    }
    if (head < 0 || end < 0) continue;
    const xu = toks[i - 1].unit;
    const x = unitArg(c, xu);
    if (!x) continue;
    const exclude = new Set(x.ids);
    let y: Arg | null = null;
    for (let j = i + 1; j < head && !y; j++) if (toks[j].unit >= 0 && toks[j].unit !== xu) y = unitArg(c, toks[j].unit);
    if (!y && toks[head + 1]?.lower === 'of') {
      for (let j = head + 2; j < end && !y; j++) if (toks[j].unit >= 0) y = unitArg(c, toks[j].unit);
    }
    if (!y || y.ids.some((id) => exclude.has(id))) continue;
    emit(c, out, x, y, { cat: 'support', score: undefined, trig: [head, head], lemma: toks[head].lemma, mod: { negated: false, hedge: 1 }, conf: CONF.apposition });
  }
}
