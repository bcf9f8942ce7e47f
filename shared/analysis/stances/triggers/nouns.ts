// Noun triggers: nominalisations ("US sanctions against Moscow"), light verbs, possessors,
// prepositional targets, and the actors next to them.

import { confidenceOf, wordClass } from '../../lexicon/stances.js';
import { byAgent, isPassive, prepArg } from '../arguments.js';
import type { Arg, Cand, Ctx } from '../context.js';
import { emit, emitWithin, sameSide } from '../emit.js';
import type { EmitOpts } from '../emit.js';
import { CATS, CLAUSE_OPENERS, DIMINISHING_VERBS, DOUBLE_QUOTES, EVALUATIVE, HEDGES, LABEL_VERBS, LIGHT_VERBS, LOCATIVE_PREPS, RELATIVES, REPORTING } from '../lexicon.js';
import type { NounEntry } from '../lexicon.js';
import { inDenial, unasserted, verbModality } from '../modality.js';
import type { Modality } from '../modality.js';
import { groupActors, groupRight, npActors } from '../phrase-actors.js';
import { headOf, isQuote, next, npSpan, npish, prev, tok } from '../phrases.js';
import { frameAt, resolveOwner, unitArg } from '../resolution.js';
import { lastAidTarget, subjectOrAgent } from './verbs.js';

const CONF = confidenceOf('nouns', ['fallbackTarget', 'frameAgent', 'lightVerbSource', 'madeIn', 'neighbourActor', 'nominal', 'ownSideAct', 'ownSideVictim', 'ruleOutHedge', 'speakerOwner', 'speakerOwnerNominal', 'symmetricGroup'] as const);

const MODALITY = confidenceOf('modality', ['hedgedBelow', 'question'] as const);

const SCALE_PARTICLES = wordClass('scaleParticles');
const WITHDRAWAL_PREPOSITIONS = wordClass('withdrawalPrepositions');
const PRODUCTION_VERBS = wordClass('productionVerbs');
const PRODUCTION_PREPOSITIONS = wordClass('productionPrepositions');
export function nounTrigger(c: Ctx, out: Cand[], k: number, e: NounEntry): void {
  const t = c.toks[k];
  const span = npSpan(c, k);
  // the trigger must head its phrase ("sanctions list" is fine as a modifier only for coercive nouns)
  if (headOf(c, span) !== k && !e.coercive) return;
  if (isQuotedLabel(c, k)) return;
  const def = CATS[e.cat];
  const symmetric = e.symmetric === true || def.symmetric === true;
  let negated = c.toks.slice(span[0], k).some((x) => x.lower === 'no') || tok(c, prev(c, span[0]))?.lower === 'without' || inDenial(c, k);
  let hedge = 1;
  const base: Omit<EmitOpts, 'conf' | 'mod'> = { cat: e.cat, score: e.score, trig: [k, k], lemma: t.lemma, symmetric };

  // source: possessor or modifier in the phrase ("Washington's blockade", "US sanctions", "its support")
  let source: Arg | null = null;
  let conf = CONF.nominal;
  const inner = npActors(c, [span[0], k - 1 >= span[0] ? k - 1 : span[0]], true);
  if (inner && k > span[0]) source = inner.arg;
  if (!source) {
    const by = prepArg(c, k, ['by', 'from'], new Set(), 3);
    if (by?.arg) source = by.arg;
  }
  const ownSource = source !== null;
  const governor = governingVerb(c, span[0]);
  if (governor >= 0 && DIMINISHING_VERBS.has(c.toks[governor].lemma) && def.polarity > 0 && !unasserted(c, governor)) {
    // "scale back its cooperation with the IAEA", "cut aid to": reducing relations (CAMEO 16, -4)
    base.cat = 'oppose';
    base.score = -4;
    // "threatened to scale back": the governing verb's hedges apply
    hedge *= verbModality(c, governor).hedge;
  }
  let lightVerb = -1;
  if (!source && governor >= 0) {
    // object of a light verb ("increased support for Africa", "impose sanctions on"): its subject
    const g = c.toks[governor];
    const ruleOut = g.lemma === 'rule' && tok(c, next(c, governor))?.lower === 'out';
    if (LIGHT_VERBS.has(g.lemma) || g.lemma === 'threaten' || DIMINISHING_VERBS.has(g.lemma) || ruleOut) lightVerb = governor;
    if (lightVerb >= 0) {
      const s = isPassive(c, lightVerb) ? byAgent(c, lightVerb) : subjectOrAgent(c, lightVerb);
      if (s) { source = s.arg; conf = CONF.lightVerbSource; }
      const m = verbModality(c, lightVerb);
      hedge = m.hedge * (HEDGES.get(g.lemma) ?? 1);
      // "did not rule out talks with the UN" keeps the talks open, hedged; "ruled out talks" cancels them
      if (ruleOut) { if (m.negated) hedge *= CONF.ruleOutHedge; else negated = true; } else if (m.negated) negated = true;
      if (unasserted(c, lightVerb)) return;
    }
  }

  if (!source) {
    const f = frameAt(c, k);
    if (f?.agent) { source = f.agent; conf = CONF.frameAgent; }
  }
  if (!source && c.toks[span[0]].lower === 'the') {
    // "the new sanctions against Moscow would be announced": whose sanctions two sentences ago
    const mem = c.d.memory;
    for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 2 && !source; back--, seen++) {
      const ids = mem[back].nounSources.get(t.lemma);
      if (ids?.length) { source = { ids, conf: CONF.speakerOwner }; conf = CONF.speakerOwnerNominal; }
    }
  }
  if (!source) {
    // "pledged $1.9 billion in humanitarian aid for Yemen" by unnamed donors: remember the beneficiary
    if (e.cat === 'aid') {
      const pa = prepArg(c, span[1], e.preps, new Set(), 6);
      if (pa?.arg) c.d.events.push({ sentence: c.s.index, cat: 'aid', lemmas: [t.lemma], agents: [], patients: pa.arg.ids, pair: false, hedged: false });
    }
    return;
  }
  if (negated && CATS[base.cat].negated !== 'flip') return;
  const exclude = new Set(source.ids);
  const mod: Modality = { negated, hedge: hedge * (c.question ? MODALITY.question : 1) };

  let target: Arg | null = null;
  const pa = prepArg(c, span[1], e.preps, exclude, 6);
  if (pa?.prep === 'between' && pa.arg) { emitWithin(c, out, pa.arg, { ...base, conf, mod }); return; }
  if (pa) {
    target = pa.arg;
    if (!target && e.coercive) target = groupActors(c, groupRight(c, pa.span), true, exclude) ?? madeIn(c, pa.span, exclude);
    if (!target && EVALUATIVE.has(e.cat)) target = resolveOwner(c, pa.span, exclude, pa.span[1]);
  } else if (symmetric && e.preps.includes('between')) {
    const tb = prepArg(c, span[1], ['between'], new Set(), 6);
    if (tb?.arg && tb.arg.ids.length >= 2) { emitWithin(c, out, tb.arg, { ...base, conf, mod }); return; }
  }
  if (!pa && e.needsPrep) return;
  if (!target && e.coercive) {
    // "US sanctions, deteriorating Venezuela's economic problems": the next actor that is not a place adverbial;
    // "adds 15 Iranian officials to the bloc's sanctions list": else the one before
    target = nextActor(c, span[1], exclude, 10, true) ?? prevActor(c, span[0], exclude, 10);
    conf = CONF.fallbackTarget;
  }
  if (!target && e.cat === 'aid' && lightVerb >= 0) {
    // "Saudi Arabia made the largest single pledge": to the beneficiary of the latest aid
    target = lastAidTarget(c, exclude);
    conf = CONF.fallbackTarget;
  }
  if (!target && (e.cat === 'attack' || e.cat === 'undermine')) {
    // "in what it called an unprovoked Thai attack": the speaker's side is the victim
    const sp = frameAt(c, k)?.speaker;
    const victim = sp?.ids.map((id) => (c.d.type(id) === 'country' ? id : c.d.country(id))).find((x): x is string => !!x && !source!.ids.some((sid) => sameSide(c.d, sid, x)));
    // only when the speaker's own losses are in the sentence ("one of its soldiers was killed in ...")
    const ownSide = victim && c.units.some((u, ui) => u.a < k && !sp!.ids.includes(u.id) && (unitArg(c, ui)?.ids ?? []).some((id) => id === victim || sp!.ids.includes(id)));
    if (victim && ownSide) { target = { ids: [victim], conf: CONF.ownSideVictim }; conf = CONF.ownSideAct; }
  }
  if (!target) {
    if (symmetric && source.ids.length >= 2 && lightVerb < 0) { emitWithin(c, out, source, { ...base, conf: CONF.symmetricGroup, mod }); return; }
    // "Tbilisi's crackdown on opposition protesters": an act with no actor as target still has an owner
    if (!mod.negated && ownSource) c.d.events.push({ sentence: c.s.index, cat: base.cat, lemmas: [t.lemma], agents: source.ids, patients: [], pair: false, hedged: mod.hedge < MODALITY.hedgedBelow });
    return;
  }
  emit(c, out, source, target, { ...base, conf, mod });
}

/** The verb whose object the noun phrase starting at a is ("imposed new sanctions", "scale back its cooperation"). */
export function governingVerb(c: Ctx, a: number): number {
  let j = prev(c, a);
  if (tok(c, j)?.lower === 'with') j = prev(c, j); // "threatened Russia with new sanctions"
  for (let steps = 0; j >= 0 && steps < 5; steps++, j = prev(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'VERB') return j;
    if (isQuote(t)) continue; // 'imposed "unjustified" sanitary restrictions'
    if (t.pos === 'ADP') {
      if (SCALE_PARTICLES.has(t.lower)) continue; // "scale back", "rule out"
      // "reneged on its commitment", "withdrew from its agreement": the act taken back
      const before = prev(c, j);
      if (WITHDRAWAL_PREPOSITIONS.has(t.lower) && tok(c, before)?.pos === 'VERB' && DIMINISHING_VERBS.has(c.toks[before].lemma)) return before;
      return -1;
    }
    if (!(t.pos === 'ADV' || t.pos === 'PART' || npish(c, t))) return -1;
  }
  return -1;
}

/** A label in quotes after "as" or "called": "dismissed the talks as “a Western pressure campaign”". */
export function isQuotedLabel(c: Ctx, k: number): boolean {
  if (!c.toks[k].q) return false;
  let j = k;
  while (j > 0 && !DOUBLE_QUOTES.has(c.toks[j].text)) j--;
  const before = tok(c, prev(c, j));
  if (!before) return false;
  if (before.lower === 'as') return true;
  for (let m = prev(c, j), steps = 0; m >= 0 && steps < 6; m = prev(c, m), steps++) {
    const t = c.toks[m];
    if (t.pos === 'VERB') return LABEL_VERBS.has(t.lemma);
  }
  return false;
}

/** "duties on heat pumps made in China": the producer of the targeted goods. */
export function madeIn(c: Ctx, span: [number, number], exclude: Set<string>): Arg | null {
  const v = next(c, span[1]);
  const p = next(c, v);
  if (!PRODUCTION_VERBS.has(tok(c, v)?.lemma ?? '') || !PRODUCTION_PREPOSITIONS.has(tok(c, p)?.lower ?? '')) return null;
  const k = next(c, p);
  const tk = tok(c, k);
  if (!tk || tk.unit < 0) return null;
  const r = unitArg(c, tk.unit);
  return r && r.ids.some((id) => !exclude.has(id)) ? { ids: r.ids.filter((id) => !exclude.has(id)), conf: r.conf * CONF.madeIn } : null;
}

export function prevActor(c: Ctx, j: number, exclude: Set<string>, maxSteps: number): Arg | null {
  let k = prev(c, j);
  for (let steps = 0; k >= 0 && steps < maxSteps; steps++, k = prev(c, k)) {
    const t = c.toks[k];
    if (t.text === ';' || t.text === ':' || t.pos === 'SCONJ' || RELATIVES.has(t.lower) || (t.pos === 'VERB' && REPORTING.has(t.lemma))) return null;
    if (t.unit < 0) continue;
    const r = unitArg(c, t.unit);
    const ok = (id: string): boolean => !exclude.has(id) && c.d.type(id) !== 'place';
    if (r && r.ids.some(ok)) return { ids: r.ids.filter(ok), conf: r.conf * CONF.neighbourActor };
    k = c.units[t.unit].a;
  }
  return null;
}

export function hasPrepAfter(c: Ctx, j: number, preps: string[]): boolean {
  let k = next(c, j);
  while (isQuote(tok(c, k))) k = next(c, k);
  const t = tok(c, k);
  return !!t && t.pos === 'ADP' && preps.includes(t.lower);
}

export function nextActor(c: Ctx, j: number, exclude: Set<string>, maxSteps: number, skipPlaces = false): Arg | null {
  let k = next(c, j);
  for (let steps = 0; k < c.toks.length && steps < maxSteps; steps++, k = next(c, k)) {
    const t = c.toks[k];
    if (t.text === ';' || t.text === ':' || t.pos === 'SCONJ' || RELATIVES.has(t.lower) || (CLAUSE_OPENERS.has(t.lower) && t.pos !== 'DET')) return null;
    if (t.unit < 0) continue;
    const unit = c.units[t.unit];
    const p = tok(c, prev(c, unit.a));
    if (p && LOCATIVE_PREPS.has(p.lower)) { k = unit.b; continue; }
    const r = unitArg(c, t.unit);
    const ok = (id: string): boolean => !exclude.has(id) && !(skipPlaces && c.d.type(id) === 'place');
    if (r && r.ids.some(ok)) return { ids: r.ids.filter(ok), conf: r.conf * CONF.neighbourActor };
    k = unit.b;
  }
  return null;
}
