// Ellipsis ("..., as has Turkey") and what a speaker's reported words imply about the speaker's
// own stance (speaker inferences).

import { confidenceOf, wordClass } from '../lexicon/stances.js';
import type { StanceCategory } from '../types.js';
import { byAgent, isPassive, subjectOf } from './arguments.js';
import type { SubjectHit } from './arguments.js';
import type { Arg, Cand, Ctx } from './context.js';
import { emit, round, sameSide, selfStance } from './emit.js';
import { BLAME, CATS, HOSTILE_ACTS, MODAL_DEMANDS, NEG, NEG_ADJ, OBLIGATION, REBUTTAL, REPORTING } from './lexicon.js';
import { unasserted, verbModality } from './modality.js';
import { groupActors, groupRight, npActors } from './phrase-actors.js';
import { isComma, isNeg, isNounLike, isQuote, next, npSpan, npish, prev, tok } from './phrases.js';
import { resolveEvent } from './resolution.js';
import { matchIdiom } from './triggers/index.js';

const CONF = confidenceOf('inference', ['blameIdiom', 'blameVerb', 'brokenPromise', 'ellipsisSource', 'negativeJudgement', 'rebuttal', 'rebuttedSpeaker', 'reportedHostileAct', 'speakerDemand', 'speakerDemandScore'] as const);
const MODALITY = confidenceOf('modality', ['hedgedBelow', 'question'] as const);

const ELLIPSIS_AUXILIARIES = wordClass('ellipsisAuxiliaries');
const DEMANDS_WITH_TO = wordClass('demandsWithTo');
/** "..., as has Turkey": the elided clause repeats the previous stance with a new source. */
export function ellipsis(c: Ctx, out: Cand[]): void {
  const toks = c.toks;
  for (let i = 1; i + 2 < toks.length; i++) {
    if (!isComma(toks[i - 1])) continue;
    let k: number;
    if (toks[i].lower === 'as' && (toks[i + 1].pos === 'AUX' || toks[i + 1].pos === 'VERB') && ELLIPSIS_AUXILIARIES.has(toks[i + 1].lemma)) k = i + 2;
    else if (toks[i].lower === 'followed' && toks[i + 1].lower === 'by') k = i + 2; // "Saudi Arabia made the largest pledge, followed by the EU"
    else continue;
    if (!npish(c, toks[k])) continue;
    const sp = npSpan(c, k);
    const extra = groupActors(c, groupRight(c, sp), false);
    if (!extra) continue;
    const earlier = out.filter((cd) => cd.trig[0] < i);
    const seen = new Set<string>();
    for (const cd of earlier) {
      const key = `${cd.target}|${cd.cat}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const id of extra.ids) {
        if (selfStance(c.d, id, cd.target)) continue;
        out.push({ ...cd, source: id, conf: round(cd.conf * CONF.ellipsisSource) });
      }
    }
  }
}


export function speakerInferences(c: Ctx, out: Cand[]): void {
  for (const f of c.speech.frames) {
    if (!f.speaker || f.unasserted) continue;
    const S = f.speaker;
    const critic = (agent: Arg | null, k: number, cat: StanceCategory, conf: number, score?: number): void => {
      if (!agent) return;
      const ids = agent.ids.filter((id) => !S.ids.some((s) => sameSide(c.d, s, id)));
      if (!ids.length) return;
      emit(c, out, S, { ids, conf: agent.conf }, {
        cat, score, conf, trig: [k, k], lemma: c.toks[k].lemma, mod: { negated: false, hedge: c.question ? MODALITY.question : 1 }, claim: S.ids[0], inference: true,
      });
    };
    for (let k = f.from; k < f.to; k++) {
      const t = c.toks[k];
      if (t.skip) continue;
      // "Y should / must / needs to / has to act": a demand of Y
      if ((t.pos === 'AUX' || t.pos === 'VERB') && ((MODAL_DEMANDS.has(t.lower) && !DEMANDS_WITH_TO.has(t.lower)) || (MODAL_DEMANDS.has(t.lemma) && DEMANDS_WITH_TO.has(t.lemma) && tok(c, next(c, k))?.lower === 'to'))) {
        const verb = findMainVerb(c, k);
        if (verb < 0 || isPassive(c, verb)) continue;
        // "Y must be ready to mediate": what is asked is the adjective, no judgement of Y's
        const predicate = c.toks[verb].lemma === 'be' ? adjectiveAfter(c, verb) : -1;
        if (c.toks[verb].lemma === 'be' && predicate < 0) continue;
        if (c.toks.slice(k, verb).some(isNeg) && t.lemma !== 'need') continue;
        const s = subjectOf(c, k);
        critic(s?.arg ?? null, k, 'demand', CONF.speakerDemand, CONF.speakerDemandScore);
        if (predicate >= 0) k = predicate;
        continue;
      }
      if (t.pos !== 'VERB' && t.pos !== 'ADJ') continue;
      const idiom = t.pos === 'VERB' ? matchIdiom(c, k) : null;
      if (idiom?.e.blame) {
        // "they moved the goalposts", "had broken a bipartisan deal"
        critic(subjectOf(c, k)?.arg ?? null, k, 'criticize', CONF.blameIdiom);
        continue;
      }
      if (t.pos === 'VERB' && BLAME.has(t.lemma) && !isPassive(c, k)) {
        const s = subjectOf(c, k);
        critic(s?.arg ?? null, k, 'criticize', CONF.blameVerb);
        continue;
      }
      if (t.pos === 'VERB' && OBLIGATION.has(t.lemma) && verbModality(c, k).negated) {
        // "the money pledged by the US had not yet been dispensed"
        const s = isPassive(c, k) ? (byAgent(c, k) ?? embeddedAgent(c, k)) : subjectOf(c, k);
        critic(s?.arg ?? null, k, 'criticize', CONF.brokenPromise);
        continue;
      }
      // "said Russia was not reckless" denies the judgement
      const deniedJudgement = [prev(c, k), prev(c, prev(c, k))].some((j) => NEG.has(tok(c, j)?.lower ?? ''));
      if (NEG_ADJ.has(t.lower) && !deniedJudgement && (t.pos === 'ADJ' || tok(c, prev(c, k))?.lemma === 'be' || tok(c, prev(c, prev(c, k)))?.lemma === 'be')) {
        // "The government is clearly split", "how juvenile the prime minister and chancellor were"
        let s = subjectOf(c, k)?.arg ?? null;
        if (!s) {
          const n = next(c, k);
          const tn = tok(c, isQuote(tok(c, n)) ? next(c, n) : n);
          if (tn && npish(c, tn)) s = groupActors(c, groupRight(c, npSpan(c, tn.i)), false);
        }
        // "the tariffs were “discriminatory”": whoever imposed them
        const sp = s ? null : predicateSubjectSpan(c, k);
        if (sp) s = resolveEvent(c, sp, new Set(S.ids));
        if (!s && sp) {
          // "the US characterisation of the vote was “simply wrong”": whoever owns what is judged
          let np = sp;
          const of = prev(c, sp[0]);
          if (tok(c, of)?.lower === 'of' && tok(c, prev(c, of)) && npish(c, c.toks[prev(c, of)])) np = npSpan(c, prev(c, of));
          const owner = npActors(c, np, true, new Set(S.ids));
          if (owner && owner.role !== 'head') s = owner.arg;
        }
        critic(s, k, 'criticize', CONF.negativeJudgement);
      }
    }
    // hostile acts the speaker reports: the speaker criticises the actor (not for one the actor only
    // wants or may take: "China wants to punish Brussels," said an economist)
    for (const cd of [...out]) {
      if (cd.kind !== 'act' || cd.polarity !== -1 || !HOSTILE_ACTS.has(cd.cat) || cd.trig[0] < f.from || cd.trig[0] >= f.to) continue;
      if (Math.abs(cd.score) < Math.abs(CATS[cd.cat].score) * MODALITY.hedgedBelow) continue;
      if (S.ids.includes(cd.source)) continue;
      critic({ ids: [cd.source], conf: 1 }, cd.trig[0], 'criticize', CONF.reportedHostileAct);
    }
    // "The Tory leader countered that ...": a rebuttal of the previous speaker
    if (f.verb >= 0 && REBUTTAL.has(c.toks[f.verb].lemma)) {
      const mem = c.d.memory;
      for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 3; back--, seen++) {
        const sp = [...mem[back].speakers].reverse().find((ids) => !ids.some((id) => S.ids.includes(id)));
        if (sp) { critic({ ids: sp, conf: CONF.rebuttedSpeaker }, f.verb, 'reject', CONF.rebuttal); break; }
      }
    }
  }
}

/** The noun phrase a predicate adjective is said of ("the tariffs were “discriminatory”"). */
export function predicateSubjectSpan(c: Ctx, k: number): [number, number] | null {
  let j = prev(c, k);
  while (j >= 0 && (isQuote(c.toks[j]) || c.toks[j].pos === 'ADV' || isNeg(c.toks[j]))) j = prev(c, j);
  if (tok(c, j)?.lemma !== 'be') return null;
  j = prev(c, j);
  while (j >= 0 && (c.toks[j].pos === 'AUX' || c.toks[j].pos === 'ADV')) j = prev(c, j);
  const t = tok(c, j);
  return t && npish(c, t) && isNounLike(t) ? npSpan(c, j) : null;
}

export function findMainVerb(c: Ctx, k: number): number {
  let j = next(c, k);
  for (let steps = 0; j < c.toks.length && steps < 5; steps++, j = next(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'VERB') return j;
    if (t.pos === 'AUX' && t.lemma === 'be' && !(tok(c, next(c, j))?.pos === 'VERB' || tok(c, next(c, j))?.pos === 'AUX')) return j;
    if (!(t.pos === 'AUX' || t.pos === 'ADV' || t.pos === 'PART' || isNeg(t))) return -1;
  }
  return -1;
}

/** "the money pledged by the US ... had not been dispensed": the agent inside the subject phrase. */
export function embeddedAgent(c: Ctx, v: number): SubjectHit | null {
  for (let j = prev(c, v); j >= 0; j = prev(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'VERB' && isPassive(c, j)) return byAgent(c, j);
    if (t.pos === 'SCONJ' || t.text === ':' || REPORTING.has(t.lemma)) return null;
  }
  return null;
}

/** The adjective a copula at `k` predicates ("be ready", "be more careful"), past adverbs; else -1. */
function adjectiveAfter(c: Ctx, k: number): number {
  let j = next(c, k);
  while (tok(c, j)?.pos === 'ADV') j = next(c, j);
  return tok(c, j)?.pos === 'ADJ' ? j : -1;
}
