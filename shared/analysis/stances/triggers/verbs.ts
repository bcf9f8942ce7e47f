// Verb triggers: active, passive, control, appeals, labels, threats with instruments, joiners,
// concessions.

import { categoryClass, confidenceOf, wordClass } from '../../lexicon/stances.js';
import type { StanceCategory } from '../../types.js';
import { byAgent, clauseEnd, isPassive, objectOf, prepArg, subjectOf } from '../arguments.js';
import type { ObjectHit, SubjectHit } from '../arguments.js';
import type { Arg, Cand, Ctx } from '../context.js';
import { emit, emitWithin } from '../emit.js';
import type { EmitOpts } from '../emit.js';
import { CATS, DEFINITE_DETS, EVALUATIVE, EVENT_NOUNS, EVENT_WINDOW_EXACT, NEGATIVE_LABELS, NOUNS, POSITIVE_LABELS, SPEECH_NOUNS } from '../lexicon.js';
import type { VerbEntry } from '../lexicon.js';
import { recordSubject } from '../memory.js';
import { unasserted, verbModality } from '../modality.js';
import type { Modality } from '../modality.js';
import { mergeArgs, npActors } from '../phrase-actors.js';
import { hasActor, headOf, isQuote, next, npSpan, npish, prev, tok } from '../phrases.js';
import { frameAt, resolveEvent, resolveOwner, resolveSpeechNoun, unitArg } from '../resolution.js';
import { nextActor } from './nouns.js';

const CONF = confidenceOf('verbs', ['aidTargetSource', 'appeal', 'concession', 'concessionScore', 'coupCountry', 'direct', 'earlierAgent', 'enabledActor', 'joinedSource', 'labelNamingActor', 'labelOfOwner', 'labelOfOwnerRejected', 'lastAidTarget', 'passiveAgent', 'passiveAgentGroup', 'passiveEarlierAgent', 'reciprocalObject', 'refusedPressure', 'symmetricGroup', 'violenceLocation'] as const);

const REGIME_NOUNS = wordClass('regimeNouns');
const BENEFACTIVE_PREPOSITIONS = wordClass('benefactivePrepositions');
const COMPLEMENTIZERS = wordClass('complementizers');
export function subjectOrAgent(c: Ctx, v: number): SubjectHit | null {
  const s = subjectOf(c, v);
  if (s) return s;
  // inside "X accused Y of preparing ...": the accused is the agent of the complement
  const f = frameAt(c, v);
  if (f?.agent) return { arg: f.agent, span: [f.from, f.from] };
  return null;
}

/** A verb that carries a stance: passive or active, with its arguments (see the constructions in ../index.ts). */
export function verbTrigger(c: Ctx, out: Cand[], v: number, e: VerbEntry): void {
  const t = c.toks[v];
  const def = CATS[e.cat];
  const symmetric = def.symmetric === true;
  const passive = isPassive(c, v);
  if (e.passiveOnly && !passive) return;
  if (unasserted(c, v)) { wishTrigger(c, out, v, e, passive); return; }
  const mod = verbModality(c, v);
  const base: VerbBase = { cat: e.cat, score: e.score, trig: [v, v], lemma: t.lemma, mod, symmetric };

  // "X joined Y in recognizing Z": the joiners and the joined share the act; "join" itself says nothing more
  if (t.lemma === 'join' && !passive) {
    const obj = objectOf(c, v, { exclude: new Set() });
    const after = obj ? tok(c, next(c, obj.span[1])) : undefined;
    if (after?.lower === 'in' && tok(c, next(c, after.i))?.pos === 'VERB') return;
  }
  let sources: Arg | null = null;
  const p = tok(c, prev(c, v));
  if (p?.lower === 'in' && t.lower.endsWith('ing')) {
    const joined = joinerSources(c, p.i);
    if (joined) sources = joined;
  }

  if (passive) passiveVerb(c, out, v, e, base);
  else activeVerb(c, out, v, e, base, sources);
}

interface VerbBase extends Omit<EmitOpts, 'conf'> {
  mod: Modality;
}

/** "Cuba was criticised by Canada", "a pact signed between A and B", "would not be lectured by X". */
function passiveVerb(c: Ctx, out: Cand[], v: number, e: VerbEntry, base: VerbBase): void {
  const symmetric = base.symmetric === true;
  const mod = base.mod;
  const agent = byAgent(c, v);
  const subj = subjectOf(c, v);
  if (symmetric) {
    const between = prepArg(c, v, ['between', 'with'], new Set());
    if (between?.arg) {
      const both = between.prep === 'between' ? between.arg : mergeArgs([agent?.arg ?? null, subj?.arg ?? null, between.arg]);
      if (both && both.ids.length >= 2) emitWithin(c, out, both, { ...base, conf: CONF.passiveAgent });
      else if (subj && agent) emit(c, out, agent.arg, subj.arg, { ...base, conf: CONF.passiveAgent });
      return;
    }
    if (agent && subj) emit(c, out, agent.arg, subj.arg, { ...base, conf: CONF.passiveAgent });
    // "a truce agreed last month by the army and the RSF"
    else if (agent && agent.arg.ids.length >= 2) emitWithin(c, out, agent.arg, { ...base, conf: CONF.passiveAgentGroup });
    return;
  }
  let agentArg = agent?.arg ?? null;
  if (!agentArg && REPORTING_ACTS.has(e.cat)) {
    // "Kosovo was urged by the US to ..., while Serbia was criticised for ...": the same agent
    agentArg = earlierByAgent(c, v);
  }
  if (!agentArg || !subj) return;
  if (mod.negated && agent && NOT_TO_BE.has(e.cat)) {
    // "said it would not be lectured by Washington": the subject rejects the agent
    emit(c, out, subj.arg, agent.arg, { ...base, cat: 'reject', score: undefined, mod: { ...mod, negated: false }, conf: CONF.refusedPressure });
    return;
  }
  if (e.personObject && !subj.arg.ids.some((id) => c.d.type(id) === 'person')) return;
  emit(c, out, agentArg, subj.arg, { ...base, conf: agent ? CONF.passiveAgent : CONF.passiveEarlierAgent });
}

/** The subject (or the joiners of "joined Y in ...") acts on a partner, the object or a target
 * found for it; a demand or accusation opens the clause it governs. */
function activeVerb(c: Ctx, out: Cand[], v: number, e: VerbEntry, base: VerbBase, joined: Arg | null): void {
  const symmetric = base.symmetric === true;
  const mod = base.mod;
  let sources = joined;
  let sourceConf = CONF.direct;
  if (!sources) {
    const s = subjectOrAgent(c, v);
    if (!s) return;
    sources = s.arg;
    recordSubject(c, s.arg, s.span[0]);
  } else sourceConf = CONF.joinedSource;
  const exclude = new Set(sources.ids);

  if (symmetric || e.object === false) {
    const partner = prepArg(c, v, e.preps ?? ['with'], exclude);
    if (partner?.arg) {
      if (partner.prep === 'between') emitWithin(c, out, partner.arg, { ...base, conf: sourceConf });
      else emit(c, out, sources, partner.arg, { ...base, conf: sourceConf });
      return;
    }
    if (symmetric && sources.ids.length >= 2) { emitWithin(c, out, sources, { ...base, conf: CONF.symmetricGroup }); return; }
    if (e.object === false) {
      if (e.concession) concession(c, out, v, sources, mod);
      if (e.cat === 'aid') {
        // "Britain pledged £110 million": the beneficiary of the latest aid
        const t = lastAidTarget(c, exclude);
        if (t) emit(c, out, sources, t, { ...base, conf: CONF.lastAidTarget });
      }
      return;
    }
  }

  const obj = objectOf(c, v, { that: e.that, relational: e.relationalOnly, personObject: e.personObject, exclude, allowMod: e.coercive || EVALUATIVE.has(e.cat) });
  let target: Arg | null = obj?.arg ?? null;
  if (obj) base.objLemma = c.toks[headOf(c, npSpan(c, obj.span[0]))].lemma;
  if (target && e.relationalOnly && obj && c.toks[headOf(c, npSpan(c, obj.span[0]))].unit >= 0) target = null;
  if (!target && obj && isReciprocal(c, obj.span[0])) {
    if (sources.ids.length >= 2) emitWithin(c, out, sources, { ...base, conf: CONF.reciprocalObject });
    return;
  }
  target ??= verbTarget(c, v, e, obj, exclude, mod);
  if (!target) {
    if (symmetric && sources.ids.length >= 2) emitWithin(c, out, sources, { ...base, conf: CONF.symmetricGroup });
    return;
  }
  if (e.cat === 'threaten' && obj) threatInstrument(c, obj.span[1], base);
  emit(c, out, sources, target, { ...base, conf: sourceConf, claim: e.cat === 'accuse' ? sources.ids[0] : undefined });
  if (e.irrealis && obj) {
    const range: [number, number] = [obj.span[1] + 1, clauseEnd(c, obj.span[1] + 1)];
    c.speech.unasserted.push(range);
    if (e.cat === 'demand') c.speech.wishes.push({ from: range[0], to: range[1], sources });
  }
  if (e.that && obj?.viaThat) c.speech.unasserted.push([obj.span[1] + 1, clauseEnd(c, obj.span[1] + 1)]);
  if (e.ofComplement && obj) {
    const k = next(c, obj.span[1]);
    if (BENEFACTIVE_PREPOSITIONS.has(tok(c, k)?.lower ?? '')) {
      c.speech.frames.push({ speaker: sources, verb: v, from: next(c, k), to: clauseEnd(c, next(c, k)), direct: false, lemma: 'accuse', agent: target });
    }
  }
}

/** Whom an active verb acts on when its object is not an actor: the owner of the act named, a
 * prepositional target, whom an arrangement would enable, where violence or a coup happened. */
function verbTarget(c: Ctx, v: number, e: VerbEntry, obj: ObjectHit | null, exclude: Set<string>, mod: Modality): Arg | null {
  const def = CATS[e.cat];
  let target: Arg | null = null;
  if (obj && (e.anaphora || EVALUATIVE.has(e.cat))) {
    const sp = npSpan(c, obj.span[0]);
    target = obj.label ? resolveEvent(c, sp, exclude, true) : resolveOwner(c, sp, exclude, obj.span[1]);
  }
  if (!target && e.preps) {
    const pa = prepArg(c, v, e.preps, exclude);
    if (pa?.arg) target = pa.arg;
  }
  if (!target && obj && EVALUATIVE.has(e.cat) && (def.polarity < 0 || (mod.negated && def.negated === 'flip'))) {
    // "will not accept any arrangement that allows North Korea to rearm": against whom it would enable
    target = enabledActor(c, obj.span[1], exclude);
  }
  if (!target && obj && def.polarity < 0 && EVALUATIVE.has(e.cat)) {
    // "condemned the violence in Venezuela": an act with no known author stands for where it happened
    const head = c.toks[headOf(c, npSpan(c, obj.span[0]))];
    const cls = EVENT_NOUNS.get(head.lemma);
    if (cls === 'violence' || cls === 'repression') {
      const pa = prepArg(c, obj.span[1], ['in'], exclude, 4);
      if (pa?.arg) target = { ids: pa.arg.ids, conf: pa.arg.conf * CONF.violenceLocation };
    }
    // "condemned the coup", "deplored the unconstitutional change of government": a seizure of power
    // whose author is a junta stands for the country where it happened
    const changeOfGovernment = head.lemma === 'change' && tok(c, next(c, head.i))?.lower === 'of' && REGIME_NOUNS.has(tok(c, next(c, next(c, head.i)))?.lemma ?? '');
    if (!target && (COUP_NOUNS.has(head.lemma) || changeOfGovernment)) target = coupCountry(c, exclude);
  }
  if (!target && e.coercive && obj) {
    // "designated 31 entities ..., including executives of an Iranian aerospace firm"
    target = nextActor(c, obj.span[0] - 1, exclude, 20, true);
  }
  return target;
}

/** Evaluative and hostile acts an appeal asks for: whoever appeals takes that side. */
export const WISH_POSITIVE = categoryClass('appealedSupport');
export const WISH_NEGATIVE = categoryClass('appealedHostility');

/**
 * A trigger inside the complement of an appeal ("urged its members to back Labor", "urged the
 * government to summon the US ambassador") asserts nothing about the one urged, but shows whose side
 * the appellant is on: S supports (or opposes) the complement's target, at low confidence.
 */
export function wishTrigger(c: Ctx, out: Cand[], v: number, e: VerbEntry, passive: boolean): void {
  if (passive || e.object === false || CATS[e.cat].symmetric) return;
  const w = c.speech.wishes.find((x) => v >= x.from && v < x.to);
  if (!w) return;
  const positive = WISH_POSITIVE.has(e.cat);
  if (!positive && !WISH_NEGATIVE.has(e.cat)) return;
  const mod = verbModality(c, v);
  if (mod.negated) return;
  const exclude = new Set(w.sources.ids);
  const obj = objectOf(c, v, { personObject: e.personObject, exclude, allowMod: true });
  let target: Arg | null = obj?.arg ?? null;
  if (!target && e.preps) target = prepArg(c, v, e.preps, exclude)?.arg ?? null;
  if (!target) return;
  const cat: StanceCategory = positive ? 'support' : 'oppose';
  emit(c, out, w.sources, target, { cat, score: undefined, trig: [v, v], lemma: c.toks[v].lemma, mod: { ...mod, hedge: 1 }, conf: CONF.appeal });
}

export const COUP_NOUNS = wordClass('coupNouns');
export const POWER_WORDS = wordClass('powerWords');

/** The country of the story's seizure of power: "seized power in Niger", "the coup in Niger", "Niger's junta". */
export function coupCountry(c: Ctx, exclude: Set<string>): Arg | null {
  for (let i = c.s.index; i >= Math.max(0, c.s.index - 6); i--) {
    const p = c.d.prepared[i];
    const toks = p.toks;
    for (let k = 0; k + 2 < toks.length; k++) {
      if (!POWER_WORDS.has(toks[k].lemma)) continue;
      const u = toks[k + 1].lower === 'in' ? toks[k + 2].unit : -1;
      const id = u >= 0 ? p.units[u].id : '';
      if (id && !exclude.has(id) && c.d.type(id) === 'country') return { ids: [id], conf: CONF.coupCountry };
    }
  }
  return null;
}

export const ENABLING_VERBS = wordClass('enablingVerbs');

/** "any arrangement that allows Y to ...", "a deal letting Y ...": the actor the object would enable. */
export function enabledActor(c: Ctx, objEnd: number, exclude: Set<string>): Arg | null {
  let k = next(c, objEnd);
  if (COMPLEMENTIZERS.has(tok(c, k)?.lower ?? '')) k = next(c, k);
  for (let steps = 0; tok(c, k) && steps < 2 && (c.toks[k].pos === 'AUX' || c.toks[k].pos === 'ADV'); steps++) k = next(c, k);
  const v = tok(c, k);
  if (!v || !ENABLING_VERBS.has(v.lemma) || !(v.pos === 'VERB' || v.lower.endsWith('ing'))) return null;
  const o = tok(c, next(c, k));
  if (!o || o.unit < 0) return null;
  const arg = unitArg(c, o.unit);
  if (!arg || arg.ids.some((id) => exclude.has(id))) return null;
  return { ids: arg.ids, conf: arg.conf * CONF.enabledActor };
}

export const isReciprocal = (c: Ctx, k: number): boolean => {
  const a = c.toks[k]?.lower;
  const b = tok(c, next(c, k))?.lower;
  return (a === 'each' && b === 'other') || (a === 'one' && b === 'another');
};

/** "will not be lectured / bullied / pressured by X": refusing X's pressure rejects X. */
export const NOT_TO_BE = categoryClass('refusedPressure');

/** Speech acts whose passive may leave the agent to an earlier clause of the sentence. */
export const REPORTING_ACTS = categoryClass('reportingActs');

export function earlierByAgent(c: Ctx, v: number): Arg | null {
  for (let j = prev(c, v); j >= 0; j = prev(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'VERB' && isPassive(c, j)) {
      const a = byAgent(c, j);
      if (a) return { ids: a.arg.ids, conf: CONF.earlierAgent };
    }
  }
  return null;
}

/** The beneficiary of the latest aid in the previous sentences ("pledged £110 million" after "aid for Yemen"). */
export function lastAidTarget(c: Ctx, exclude: Set<string>): Arg | null {
  for (let i = c.d.events.length - 1; i >= 0; i--) {
    const e = c.d.events[i];
    if (e.sentence < c.s.index - EVENT_WINDOW_EXACT) break;
    if (e.cat !== 'aid') continue;
    const ids = e.patients.filter((id) => !exclude.has(id));
    if (ids.length) return { ids, conf: CONF.aidTargetSource };
  }
  return null;
}

/** "called the allegation “a fairy tale”", "calling the claim “propaganda”": labelling someone's
 * accusation or criticism rejects whoever made it. */
export function labelTrigger(c: Ctx, out: Cand[], v: number): void {
  const k = next(c, v);
  const tk = tok(c, k);
  if (!tk) return;
  const definite = DEFINITE_DETS.has(tk.lower);
  const sp = npSpan(c, k);
  if (!definite && !hasActor(c, sp)) return;
  const after = tok(c, next(c, sp[1]));
  if (!after || !(isQuote(after) || npish(c, after) || after.lower === 'as')) return;
  const subj = subjectOrAgent(c, v);
  if (!subj) return;
  const exclude = new Set(subj.arg.ids);
  const named = hasActor(c, sp) ? npActors(c, sp, true, exclude) : null;
  if (named) {
    // "described Iran's plans as “reckless”", "called the US a “threat”": the label judges whoever it names
    const pol = labelPolarity(c, next(c, sp[1]));
    if (pol) emit(c, out, subj.arg, named.arg, { cat: pol > 0 ? 'praise' : 'criticize', conf: CONF.labelNamingActor, trig: [v, v], lemma: c.toks[v].lemma, mod: verbModality(c, v) });
    return;
  }
  if (!definite) return;
  const kind = SPEECH_NOUNS.get(c.toks[headOf(c, sp)].lemma);
  const mod = verbModality(c, v);
  if (kind === 'accusation' || kind === 'criticism' || kind === 'speech') {
    const owner = resolveSpeechNoun(c, sp, exclude, sp[1]);
    if (owner) emit(c, out, subj.arg, owner, { cat: 'reject', conf: CONF.labelOfOwnerRejected, trig: [v, v], lemma: c.toks[v].lemma, mod });
    return;
  }
  // "called the arrests “a betrayal of ...”": the label's polarity towards whoever made the arrests
  const polarity = labelPolarity(c, next(c, sp[1]));
  if (!polarity) return;
  const owner = resolveEvent(c, sp, exclude);
  if (owner) emit(c, out, subj.arg, owner, { cat: polarity > 0 ? 'praise' : 'criticize', conf: CONF.labelOfOwner, trig: [v, v], lemma: c.toks[v].lemma, mod });
}

/** The polarity of a label ("a betrayal", "a breakthrough") from its first few words. */
export function labelPolarity(c: Ctx, from: number): -1 | 0 | 1 {
  let k = from;
  for (let steps = 0; k < c.toks.length && steps < 6; steps++, k = next(c, k)) {
    const t = c.toks[k];
    if (NEGATIVE_LABELS.has(t.lemma) || NEGATIVE_LABELS.has(t.lower)) return -1;
    if (POSITIVE_LABELS.has(t.lemma) || POSITIVE_LABELS.has(t.lower)) return 1;
    if (t.text === ',' || t.text === '.' || (t.pos === 'VERB' && steps > 0)) break;
  }
  return 0;
}

/** "threatened Russia with new sanctions": the instrument sets the score (-5.8 for sanctions). */
export function threatInstrument(c: Ctx, objEnd: number, base: Omit<EmitOpts, 'conf'>): void {
  const k = next(c, objEnd);
  if (tok(c, k)?.lower !== 'with') return;
  const j = next(c, k);
  if (!tok(c, j) || !npish(c, c.toks[j])) return;
  const head = c.toks[headOf(c, npSpan(c, j))];
  const e = NOUNS.get(head.lemma);
  if (!e) return;
  base.score = e.cat === 'sanction' || e.cat === 'blockade' ? -5.8 : e.cat === 'attack' ? -7.0 : base.score;
  base.objLemma = head.lemma;
  c.mem.nounSources.set(head.lemma, []); // filled by recordNounSources after emission
}

/** The sources of "... joined the US and Canada in recognizing": the joiners and the joined. */
export function joinerSources(c: Ctx, inIdx: number): Arg | null {
  let j = prev(c, inIdx);
  for (let steps = 0; j >= 0 && steps < 14; steps++, j = prev(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'VERB' && t.lemma === 'join') {
      const subj = subjectOf(c, j);
      const obj = objectOf(c, j, { exclude: new Set() });
      return mergeArgs([subj?.arg ?? null, obj?.arg ?? null]);
    }
    if (t.pos === 'VERB' || t.pos === 'SCONJ') return null;
  }
  return null;
}

/** "S said the US had agreed to release the four": a state conceding to the speaker's state. */
export function concession(c: Ctx, out: Cand[], v: number, sources: Arg, mod: Modality): void {
  if (tok(c, next(c, v))?.lower !== 'to') return;
  const f = frameAt(c, v);
  if (!f?.speaker) return;
  const speaker = f.speaker.ids[0];
  const spCountry = c.d.country(speaker) ?? (c.d.type(speaker) === 'country' ? speaker : undefined);
  if (!spCountry) return;
  const src = sources.ids.filter((id) => {
    const co = c.d.type(id) === 'country' ? id : c.d.country(id);
    return !!co && co !== spCountry;
  });
  if (!src.length) return;
  emit(c, out, { ids: src, conf: sources.conf }, { ids: [speaker], conf: f.speaker.conf }, {
    cat: 'agree', score: CONF.concessionScore, conf: CONF.concession, trig: [v, v], lemma: 'agree', mod, symmetric: false,
  });
}
