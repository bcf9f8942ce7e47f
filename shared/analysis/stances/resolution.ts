// Resolving units to actors: pronouns, definite descriptions ("the pact", "the move", "the
// country"), speech nouns ("the criticism") and the government, through the discourse memory.

import { categoryClass, confidenceOf } from '../lexicon/stances.js';
import type { StanceCategory } from '../types.js';
import { subjectOf } from './arguments.js';
import { Discourse } from './context.js';
import type { Arg, Ctx, EventRec, Frame } from './context.js';
import { sameSide, selfStance } from './emit.js';
import { DEFINITE_DETS, DOCUMENT_NOUNS, EVENT_NOUNS, EVENT_WINDOW_CLASS, EVENT_WINDOW_EXACT, LEAD_SENTENCES, MATERIAL_CATS, PAIR_NOUNS, PROPOSER_VERBS, RESULT_VERBS, SPEECH_NOUNS, SPEECH_WINDOW, VOTE_VERBS } from './lexicon.js';
import type { EventClass, SpeechClass } from './lexicon.js';
import { headOf, isNeg, isQuote, next, npSpan, tok, unitsIn } from './phrases.js';

const CONF = confidenceOf('resolution', ['document', 'eventOwners', 'firstPersonInQuote', 'firstPersonPluralInQuote', 'nationNounEarlier', 'nationNounHere', 'pairParties', 'previousMention', 'previousSpeaker', 'previousSubject', 'recentParties', 'sameSentenceAntecedent', 'speakerAsThirdPerson', 'speechNounLaterSubject', 'speechNounSource', 'speechNounSpeaker', 'storyCampaign'] as const);

export function unitArg(c: Ctx, u: number): Arg | null {
  const unit = c.units[u];
  if (unit.id) return { ids: [unit.id], conf: 1 };
  return resolveUnit(c, u);
}

export function resolveUnit(c: Ctx, u: number): Arg | null {
  if (c.memo.pronouns.has(u)) return c.memo.pronouns.get(u) ?? null;
  c.memo.pronouns.set(u, null);
  const r = resolvePronoun(c, c.units[u].a);
  c.memo.pronouns.set(u, r);
  return r;
}

export function frameAt(c: Ctx, k: number): Frame | null {
  let best: Frame | null = null;
  for (const f of c.speech.frames) {
    if (k >= f.from && k < f.to && (!best || f.to - f.from < best.to - best.from)) best = f;
  }
  return best;
}

export type Wanted = 'person' | 'collective' | 'org';

export function typeOk(d: Discourse, id: string, want: Wanted): boolean {
  const t = d.type(id);
  if (!t) return false;
  if (want === 'person') return t === 'person';
  if (want === 'org') return t === 'country' || t === 'organization' || t === 'group' || t === 'media';
  return t === 'country' || t === 'organization' || t === 'group';
}

/** Pronouns the actor stage left unresolved: first and third person, inside and outside quotes. */
export function resolvePronoun(c: Ctx, k: number): Arg | null {
  const w = c.toks[k].lower;
  const f = frameAt(c, k);
  const speaker = f?.speaker ?? null;
  if (w === 'i' || w === 'me' || w === 'my') return speaker && f?.direct ? { ids: speaker.ids, conf: speaker.conf * CONF.firstPersonInQuote } : null;
  if (w === 'we' || w === 'us' || w === 'our') {
    if (!speaker || !f?.direct) return null;
    const ids = speaker.ids.map((id) => (c.d.type(id) === 'person' ? c.d.country(id) ?? id : id));
    return { ids: [...new Set(ids)], conf: speaker.conf * CONF.firstPersonPluralInQuote };
  }
  const personal = w === 'he' || w === 'him' || w === 'his' || w === 'she' || w === 'her';
  const want: Wanted = personal ? 'person' : w === 'it' || w === 'its' ? 'org' : 'collective';
  if (!personal && thingSubjectBefore(c, k)) return null;
  if (w === 'it' && (c.toks[k + 1]?.pos === 'AUX' || c.toks[k + 1]?.pos === 'VERB')) {
    // "A draft framework was presented ... by the envoy. It was rejected by Kosovo's negotiators": the draft's owner
    const thing = c.d.memory.at(-1)?.thingSubject;
    if (thing) return resolveEventHead(c, thing, new Set());
  }
  const exclude = new Set<string>();
  if (f && speaker) {
    if (personal && !f.direct && !f.inherited && speaker.ids.every((id) => c.d.type(id) === 'person')) {
      // indirect speech: "he insisted he still trusted Mr Blair" -- the pronoun is the speaker
      return { ids: speaker.ids, conf: speaker.conf * CONF.speakerAsThirdPerson };
    }
    if (f.direct || f.inherited) for (const id of speaker.ids) { exclude.add(id); const co = c.d.country(id); if (co) exclude.add(co); }
    if (!personal && !f.direct && speaker.ids.some((id) => typeOk(c.d, id, want)) && w !== 'they' && w !== 'them' && w !== 'their') {
      return { ids: speaker.ids, conf: speaker.conf * CONF.speakerAsThirdPerson };
    }
  }
  // earlier in the same sentence: the main subject if the sentence opens with it, else the nearest
  const firstUnit = c.toks.find((t) => t.unit >= 0 && !c.units[t.unit].pronoun);
  if (firstUnit && firstUnit.i < k && personal && !c.toks.slice(0, firstUnit.i).some((t) => t.pos === 'VERB')) {
    const id = c.units[firstUnit.unit].id;
    if (!exclude.has(id) && typeOk(c.d, id, want)) return { ids: [id], conf: CONF.sameSentenceAntecedent };
  }
  for (let j = k - 1; j >= 0; j--) {
    const u = c.toks[j].unit;
    if (u < 0 || c.units[u].pronoun || c.units[u].b !== j) continue;
    const id = c.units[u].id;
    if (!exclude.has(id) && typeOk(c.d, id, want) && !inSameNp(c, j, k)) return { ids: [id], conf: CONF.sameSentenceAntecedent };
  }
  // previous sentences: a person is most likely the last speaker or the main-clause subject (the
  // first one); an organisation or country the most recent one mentioned
  const mem = c.d.memory;
  const ordered = <T>(xs: T[]): T[] => (personal ? xs : [...xs].reverse());
  for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 3; back--, seen++) {
    const m = mem[back];
    const pick = (ids: string[]): string | undefined => ids.find((id) => !exclude.has(id) && typeOk(c.d, id, want));
    if (personal) {
      for (let i = m.speakers.length - 1; i >= 0; i--) { const id = pick(m.speakers[i]); if (id) return { ids: [id], conf: CONF.previousSpeaker }; }
    }
    for (const sub of ordered(m.subjects)) { const id = pick(sub.ids); if (id) return { ids: [id], conf: CONF.previousSubject }; }
    for (const men of ordered(m.mentions)) { const id = pick([men.id]); if (id) return { ids: [id], conf: CONF.previousMention }; }
  }
  return null;
}

/** "These sanctions have failed ... and they will fail again": an earlier subject that is a thing, not an actor. */
export function thingSubjectBefore(c: Ctx, k: number): boolean {
  for (let j = k - 1; j >= 0; j--) {
    const t = c.toks[j];
    if (t.pos !== 'VERB' && t.pos !== 'AUX') continue;
    let p = j - 1;
    while (p >= 0 && (c.toks[p].pos === 'AUX' || c.toks[p].pos === 'ADV' || isNeg(c.toks[p]))) p--;
    const tp = c.toks[p];
    if (!tp || !(tp.pos === 'NOUN') || tp.unit >= 0) continue;
    const sp = npSpan(c, p);
    if (unitsIn(c, sp).length === 0 && (sp[0] === 0 || isQuote(c.toks[sp[0] - 1]))) return true;
  }
  return false;
}

export function inSameNp(c: Ctx, j: number, k: number): boolean {
  const [a, b] = npSpan(c, k);
  return j >= a && j <= b;
}

/** "the South American country", "the nation": the nearest other country in the sentence, else in the previous one. */
export function resolveNationNoun(c: Ctx, span: [number, number], exclude: Set<string>): Arg | null {
  const head = c.toks[headOf(c, span)];
  if (head.lemma !== 'country' && head.lemma !== 'nation') return null;
  if (!c.toks.slice(span[0], span[1] + 1).some((t) => t.lower === 'the')) return null;
  const ok = (id: string): boolean => !exclude.has(id) && c.d.type(id) === 'country';
  for (let j = span[0] - 1; j >= 0; j--) {
    const u = c.toks[j].unit;
    if (u >= 0 && !c.units[u].pronoun && ok(c.units[u].id)) return { ids: [c.units[u].id], conf: CONF.nationNounHere };
  }
  const m = c.d.memory.at(-1);
  if (m) for (let i = m.mentions.length - 1; i >= 0; i--) if (ok(m.mentions[i].id)) return { ids: [m.mentions[i].id], conf: CONF.nationNounEarlier };
  return null;
}

/** "The communiqué congratulated ...": the organisation or country that was the subject just before. */
export function resolveDocument(c: Ctx, span: [number, number]): Arg | null {
  const head = c.toks[headOf(c, span)];
  if (!DOCUMENT_NOUNS.has(head.lemma) && !DOCUMENT_NOUNS.has(head.lower)) return null;
  const mem = c.d.memory;
  for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 2; back--, seen++) {
    const subs = mem[back].subjects;
    for (let i = subs.length - 1; i >= 0; i--) {
      const id = subs[i].ids.find((x) => { const t = c.d.type(x); return t === 'organization' || t === 'country'; });
      if (id) return { ids: [id], conf: CONF.document };
    }
  }
  return null;
}

/** For each speech noun class, the categories of the earlier acts it may refer to. */
const SPEECH_NOUN_REFERENTS = Object.fromEntries((['demand', 'criticism', 'accusation', 'threat', 'speech'] as const)
  .map((k) => [k, categoryClass(`speechNoun:${k}`)])) as Record<Exclude<SpeechClass, 'any'>, ReadonlySet<StanceCategory>>;

/** "rejected the request", "gave short shrift to the criticism", "welcomed the statement": whose
 * speech act, from the stances and speakers of the previous two sentences, else the subject of a
 * later clause of this sentence. */
export function resolveSpeechNoun(c: Ctx, span: [number, number], exclude: Set<string>, from: number): Arg | null {
  const [a] = span;
  if (!DEFINITE_DETS.has(c.toks[a].lower)) return null;
  const head = c.toks[headOf(c, span)];
  const kind = SPEECH_NOUNS.get(head.lemma);
  if (!kind) return null;
  const fits = (k: SpeechClass) => (cat: StanceCategory): boolean => k === 'any' || SPEECH_NOUN_REFERENTS[k].has(cat);
  const excluded = (id: string): boolean => exclude.has(id) || [...exclude].some((x) => sameSide(c.d, x, id));
  const mem = c.d.memory;
  // the speech act the noun names first ("the accusation": an accusation, not an inferred criticism)
  const exact: Partial<Record<SpeechClass, StanceCategory>> = { accusation: 'accuse', criticism: 'criticize', demand: 'demand', threat: 'threaten' };
  for (const strict of [true, false]) {
    for (let back = mem.length - 1, seen = 0; back >= 0 && seen < SPEECH_WINDOW; back--, seen++) {
      const m = mem[back];
      for (let i = m.cands.length - 1; i >= 0; i--) {
        const cd = m.cands[i];
        if (excluded(cd.source) || !fits(kind)(cd.cat)) continue;
        if (strict && (cd.kind !== 'act' || (exact[kind] && cd.cat !== exact[kind]))) continue;
        return { ids: [cd.source], conf: CONF.speechNounSource };
      }
    }
  }
  // "welcomed the statement and said G7 ministers had ..."
  for (let j = from; j < c.toks.length; j++) {
    const t = c.toks[j];
    if (t.pos !== 'VERB' || t.skip) continue;
    const subj = subjectOf(c, j, 0, true);
    if (subj && subj.arg.ids.some((id) => !excluded(id)) && subj.span[0] > from) {
      return { ids: subj.arg.ids.filter((id) => !excluded(id)), conf: CONF.speechNounLaterSubject };
    }
  }
  if (kind === 'speech' || kind === 'accusation') {
    for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 2; back--, seen++) {
      const m = mem[back];
      for (let i = m.speakers.length - 1; i >= 0; i--) {
        const id = m.speakers[i].find((x) => !excluded(x));
        if (id) return { ids: [id], conf: CONF.speechNounSpeaker };
      }
    }
  }
  return null;
}

/** Which events a definite description can stand for. */
export function eventMatches(e: EventRec, cls: EventClass): boolean {
  if (cls === 'vote' && e.lemmas.some((l) => PROPOSER_VERBS.has(l))) return false;
  if (e.lemmas.some((l) => EVENT_NOUNS.get(l) === cls)) return true;
  switch (cls) {
    case 'agreement': return e.cat === 'agree' || e.cat === 'cooperate';
    case 'measure': return e.cat === 'sanction' || e.cat === 'blockade';
    case 'repression': return e.cat === 'pressure';
    case 'violence': return e.cat === 'attack';
    case 'vote': return e.lemmas.some((l) => VOTE_VERBS.has(l)) && !e.lemmas.some((l) => PROPOSER_VERBS.has(l));
    case 'result': return e.lemmas.some((l) => RESULT_VERBS.has(l));
    case 'proposal': return e.lemmas.some((l) => PROPOSER_VERBS.has(l)) || (e.hedged && (e.cat === 'sanction' || e.cat === 'blockade'));
    default: return false;
  }
}

/** Events that own their object, most recent first: within `window` sentences, plus earlier in this sentence. */
export function recentEvents(c: Ctx, window: number): EventRec[] {
  const from = c.s.index - window;
  const out: EventRec[] = [];
  for (let i = c.d.events.length - 1; i >= 0; i--) {
    const e = c.d.events[i];
    if (e.sentence < from) break;
    if (e.agents.length && (e.cat === null || MATERIAL_CATS.has(e.cat))) out.push(e);
  }
  return out;
}

/** The largest group of recent acts against one target: "the measures" of a story are all of them. */
export function mainCluster(events: EventRec[], pred: (e: EventRec) => boolean): string[] {
  const byPatient = new Map<string, EventRec[]>();
  for (const e of events) {
    if (!pred(e)) continue;
    for (const p of e.patients) byPatient.set(p, [...(byPatient.get(p) ?? []), e]);
  }
  // a story's main act is the one told most often, and the lead tells it first
  const weight = (list: EventRec[]): number => list.length + (list.some((e) => e.sentence <= LEAD_SENTENCES) ? 2 : 0);
  let best: EventRec[] = [];
  for (const list of byPatient.values()) if (weight(list) > weight(best)) best = list;
  const agents = new Set<string>();
  for (const e of best) for (const a of e.agents) agents.add(a);
  return [...agents];
}

/**
 * "backed the duties", "criticised the pact", "rejected the resolution", "welcomed the move":
 * a definite description of an act stands for whoever did it.
 */
export function resolveEvent(c: Ctx, span: [number, number], exclude: Set<string>, bare = false): Arg | null {
  const det = c.toks[span[0]];
  if (!bare && !DEFINITE_DETS.has(det.lower)) return null;
  return resolveEventHead(c, c.toks[headOf(c, span)].lemma, exclude);
}

export function resolveEventHead(c: Ctx, lemma: string, exclude: Set<string>): Arg | null {
  const head = { lemma };
  const cls = EVENT_NOUNS.get(head.lemma);
  if (!cls) return null;
  const keep = (ids: string[], conf: number): Arg | null => {
    const out = [...new Set(ids)].filter((id) => !exclude.has(id) && ![...exclude].some((x) => selfStance(c.d, x, id)));
    return out.length ? { ids: out, conf } : null;
  };
  const owners = (e: EventRec): string[] => (e.pair ? [...e.agents, ...e.patients] : e.agents);
  const byClass = recentEvents(c, EVENT_WINDOW_CLASS);
  const story = recentEvents(c, EVENT_WINDOW_EXACT);
  if (cls === 'generic') {
    // "the move": the story's main material act
    return keep(mainCluster(story, (e) => e.cat !== null && e.patients.length > 0), CONF.storyCampaign);
  }
  const exact = story.find((e) => e.lemmas.includes(head.lemma) && (cls !== 'vote' || !e.lemmas.some((l) => PROPOSER_VERBS.has(l))));
  const classHit = byClass.find((e) => eventMatches(e, cls));
  const hit = cls === 'vote' || cls === 'proposal' ? classHit ?? exact : exact ?? classHit;
  if (cls === 'measure' || cls === 'violence' || cls === 'repression') {
    // coordinated measures against one target: "Iran condemned the measures" (of the US, Britain and the EU)
    const cluster = mainCluster(story, (e) => eventMatches(e, cls));
    if (cluster.length || hit) return keep([...cluster, ...(hit ? owners(hit) : [])], CONF.eventOwners);
    return null;
  }
  return hit ? keep(owners(hit), CONF.eventOwners) : null;
}

/** "both sides", "the two governments": the parties of the latest mutual act, else of the latest act. */
export function resolvePair(c: Ctx, span: [number, number], exclude: Set<string>): Arg | null {
  const first = c.toks[span[0]].lower;
  const second = tok(c, next(c, span[0]))?.lower;
  const head = c.toks[headOf(c, span)];
  if (!PAIR_NOUNS.has(head.lemma) || !(first === 'both' || (first === 'the' && second === 'two'))) return null;
  let e: EventRec | undefined;
  for (let i = c.d.events.length - 1; i >= 0 && !e; i--) {
    const x = c.d.events[i];
    if (x.sentence < c.s.index - EVENT_WINDOW_EXACT) break;
    if (x.pair) e = x;
  }
  if (!e) {
    // "Argentina accused Brazil ... Brazil rejected the accusation": two actors acting on each other
    const recent = c.d.events.filter((x) => x.sentence >= c.s.index - EVENT_WINDOW_EXACT && x.cat !== null);
    for (let i = recent.length - 1; i >= 0 && !e; i--) {
      const x = recent[i];
      for (const a of x.agents) for (const b of x.patients) {
        if (!e && recent.some((y) => y !== x && y.agents.includes(b) && y.patients.includes(a))) e = { ...x, agents: [a], patients: [b] };
      }
    }
  }
  if (!e) return head.lemma === 'party' ? recentParties(c, span[0], exclude) : null;
  const ids = [...new Set([...e.agents, ...e.patients])].filter((id) => !exclude.has(id));
  return ids.length >= 2 ? { ids, conf: CONF.pairParties } : null;
}

/** "criticised both major parties": the last two organisations named (this sentence, then the previous three). */
export function recentParties(c: Ctx, before: number, exclude: Set<string>): Arg | null {
  const ids: string[] = [];
  const take = (id: string): void => {
    if (ids.length < 2 && !ids.includes(id) && !exclude.has(id) && c.d.type(id) === 'organization') ids.push(id);
  };
  for (let k = before - 1; k >= 0; k--) { const u = c.toks[k].unit; if (u >= 0 && c.units[u].id) take(c.units[u].id); }
  const mem = c.d.memory;
  for (let back = mem.length - 1; back >= Math.max(0, mem.length - 3) && ids.length < 2; back--) {
    const ms = mem[back].mentions;
    for (let m = ms.length - 1; m >= 0; m--) take(ms[m].id);
  }
  return ids.length === 2 ? { ids, conf: CONF.recentParties } : null;
}

/** The owner of a non-actor object: an act it describes, a pair, or a speech act. */
export function resolveOwner(c: Ctx, span: [number, number], exclude: Set<string>, from: number): Arg | null {
  return resolveEvent(c, span, exclude) ?? resolvePair(c, span, exclude) ?? resolveSpeechNoun(c, span, exclude, from);
}
