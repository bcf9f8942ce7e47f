// Bookkeeping between sentences: subjects, mentions, events and speakers remembered for anaphora,
// and one stance per (sentence, source, target).

import { confidenceOf } from '../lexicon/stances.js';
import { byAgent, isPassive, objectOf, subjectOf } from './arguments.js';
import type { Arg, Cand, Ctx } from './context.js';
import { CATS, DOUBLE_QUOTES, EVENT_NOUNS, OWNER_VERBS, POSSESSIVE_MARKS } from './lexicon.js';
import { verbModality } from './modality.js';
import { headOf, isComma, npSpan, npish, prev, tok, unitsIn } from './phrases.js';

const CONF = confidenceOf('modality', ['hedgedBelow'] as const);

export function recordSubject(c: Ctx, arg: Arg, tokIdx: number): void {
  if (!c.mem.subjects.some((s) => s.tok === tokIdx)) c.mem.subjects.push({ ids: arg.ids, tok: tokIdx });
}

/** Remembers this sentence's acts for "the pact", "the measures", "the move" later on: every stance
 * trigger, every verb with a subject and an object ("approved the deployment"), and every passive
 * with an agent ("the resolution, drafted by Britain and Denmark"). */
export function recordEvents(c: Ctx, kept: Cand[]): void {
  const groups = new Map<number, Cand[]>();
  for (const cd of kept) if (cd.kind === 'act') groups.set(cd.trig[0], [...(groups.get(cd.trig[0]) ?? []), cd]);
  const uniq = (xs: string[]): string[] => [...new Set(xs)];
  for (const list of groups.values()) {
    const pair = list.some((a) => list.some((b) => a.source === b.target && a.target === b.source));
    const lemmas = uniq([list[0].lemma, ...list.map((x) => x.objLemma ?? '').filter(Boolean)]);
    const full = Math.abs(CATS[list[0].cat].score);
    const hedged = list.every((x) => Math.abs(x.score) < full * CONF.hedgedBelow);
    c.d.events.push({ sentence: c.s.index, cat: list[0].cat, lemmas, agents: uniq(list.map((x) => x.source)), patients: uniq(list.map((x) => x.target)), pair, hedged });
  }
  for (const t of c.toks) {
    if (t.skip || t.pos !== 'VERB' || groups.has(t.i) || !OWNER_VERBS.has(t.lemma)) continue;
    if (isPassive(c, t.i)) {
      const by = byAgent(c, t.i);
      if (!by) continue;
      let j = prev(c, t.i);
      while (j >= 0 && (c.toks[j].pos === 'AUX' || c.toks[j].pos === 'ADV' || isComma(c.toks[j]))) j = prev(c, j);
      if (j < 0 || !npish(c, c.toks[j])) continue;
      const head = c.toks[headOf(c, npSpan(c, j))];
      c.d.events.push({ sentence: c.s.index, cat: null, lemmas: [t.lemma, head.lemma], agents: by.arg.ids, patients: [], pair: false, hedged: false });
      continue;
    }
    const subj = subjectOf(c, t.i, 0, true);
    if (!subj) continue;
    const obj = objectOf(c, t.i, { exclude: new Set(subj.arg.ids) });
    const lemmas = [t.lemma];
    if (obj) lemmas.push(c.toks[headOf(c, npSpan(c, obj.span[0]))].lemma);
    c.d.events.push({ sentence: c.s.index, cat: null, lemmas, agents: subj.arg.ids, patients: obj?.arg?.ids ?? [], pair: false, hedged: verbModality(c, t.i).hedge < CONF.hedgedBelow });
  }
}

export function finishMemory(c: Ctx, cands: Cand[]): void {
  const m = c.mem;
  recordEvents(c, cands);
  const first = c.toks.findIndex((t) => npish(c, t) && t.pos !== 'ADJ');
  if (first >= 0 && first < 3) {
    const sp = npSpan(c, first);
    const head = c.toks[headOf(c, sp)];
    if (!unitsIn(c, sp).length && EVENT_NOUNS.has(head.lemma)) m.thingSubject = head.lemma;
  }
  for (const t of c.toks) {
    if (t.skip || t.pos !== 'VERB' || m.subjects.some((x) => x.tok >= t.i - 3 && x.tok < t.i)) continue;
    const s = c.memo.subjects.has(t.i) ? c.memo.subjects.get(t.i) : subjectOf(c, t.i, 0, true);
    if (s) recordSubject(c, s.arg, s.span[0]);
  }
  for (const t of c.toks) {
    if (t.unit >= 0 && c.units[t.unit].b === t.i) {
      const unit = c.units[t.unit];
      // "despite Mr. Marinov's calls": a possessor is rarely what a later "him" refers to
      if (POSSESSIVE_MARKS.has(c.toks[t.i + 1]?.text ?? '')) continue;
      const ids = unit.id ? [unit.id] : (c.memo.pronouns.get(t.unit)?.ids ?? []);
      for (const id of ids) m.mentions.push({ id, tok: t.i });
    }
  }
  for (const f of c.speech.frames) if (f.speaker) { m.speakers.push(f.speaker.ids); m.lastSpeaker = f.speaker; }
  for (const f of c.speech.frames) if (f.speaker && !m.subjects.some((s) => s.tok === f.verb)) m.subjects.push({ ids: f.speaker.ids, tok: f.verb });
  m.subjects.sort((a, b) => a.tok - b.tok);
  m.cands = cands;
  for (const cd of cands) {
    if (cd.kind !== 'act') continue;
    const lemmas = [cd.lemma, ...[...m.nounSources.keys()]];
    for (const l of lemmas) {
      const cur = m.nounSources.get(l) ?? [];
      if (!cur.includes(cd.source) && (l === cd.lemma || cur.length === 0)) m.nounSources.set(l, [...cur, cd.source]);
    }
  }
  m.hasQuote = c.toks.some((t) => DOUBLE_QUOTES.has(t.text));
  const last = c.toks.at(-1);
  m.endsOpen = !!last && last.q && !DOUBLE_QUOTES.has(last.text) || (c.toks.length > 1 && c.toks.at(-2)!.q && !DOUBLE_QUOTES.has(c.toks.at(-2)!.text) && !DOUBLE_QUOTES.has(last?.text ?? ''));
}

/** One stance per (sentence, source, target): the most confident reading wins; a person and their
 * own country as two targets of the same act count once. */
export function dedupe(c: Ctx, cands: Cand[]): Cand[] {
  const best = new Map<string, Cand>();
  for (const cd of cands) {
    const key = `${cd.source}>${cd.target}`;
    const cur = best.get(key);
    if (!cur || cd.conf > cur.conf || (cd.conf === cur.conf && Math.abs(cd.score) > Math.abs(cur.score))) best.set(key, cd);
  }
  const list = [...best.values()];
  // "Venezuela ... resist Washington" and "Maduro criticises Washington" in one sentence are one stance
  // once the person stands for the country: keep the more confident of the two
  const rollsUp = (p: string, co: string): boolean => c.d.country(p) === co;
  const same = (x: string, y: string): boolean => x === y || rollsUp(x, y) || rollsUp(y, x);
  const beats = (o: Cand, cd: Cand): boolean => o.conf > cd.conf || (o.conf === cd.conf && list.indexOf(o) < list.indexOf(cd));
  return list.filter((cd) => !list.some((o) => o !== cd && o.polarity === cd.polarity && same(o.source, cd.source)
    && same(o.target, cd.target) && beats(o, cd)));
}
