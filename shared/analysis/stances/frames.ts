// Speech frames: who says what, where ("X said ...", "..., X said", quotes, "according to X"),
// inherited from neighbouring sentences when a quote's speaker is there.

import { confidenceOf, wordClass } from '../lexicon/stances.js';
import { isPassive, isVerbComplex, subjectOf } from './arguments.js';
import type { Arg, Ctx, Prepared } from './context.js';
import { ADDRESSEE_VERBS, DOUBLE_QUOTES, RELATIVES, REPORTING, TITLE_NOUNS } from './lexicon.js';
import { unasserted } from './modality.js';
import { groupActors, groupRight, npActors } from './phrase-actors.js';
import { headOf, isComma, isQuote, next, npSpan, npish, prev, tok, unitsIn } from './phrases.js';

const CONF = confidenceOf('frames', ['attributedSpeaker', 'inheritedSpeakerEarlier', 'inheritedSpeakerPrevious', 'lastPersonSpeaker', 'lastPersonSubject', 'leadingSpeaker'] as const);

export function findFrames(c: Ctx): void {
  const toks = c.toks;
  const n = toks.length;
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    if (t.skip) continue;
    if (t.lower === 'according' && tok(c, i + 1)?.lower === 'to') {
      const k = next(c, i + 1);
      if (!tok(c, k) || !npish(c, toks[k])) continue;
      const sp = npSpan(c, k);
      const arg = groupActors(c, groupRight(c, sp), false);
      if (!arg) continue;
      const lead = isComma(tok(c, i - 1)) ? i - 1 : i;
      for (let m = lead; m <= sp[1]; m++) toks[m].skip = true;
      if (isComma(tok(c, sp[1] + 1)) && lead === i) toks[sp[1] + 1].skip = true;
      c.speech.frames.push({ speaker: arg, verb: i, from: 0, to: n, direct: false, lemma: 'according' });
      continue;
    }
    if (t.pos !== 'VERB') continue;
    const colon = tok(c, next(c, i))?.text === ':';
    if (!REPORTING.has(t.lemma) && !colon) continue;
    if (t.lemma === 'accuse' || t.lemma === 'blame') continue; // accusations are triggers with an of-complement
    if (tok(c, next(c, i))?.lower === 'to' && tok(c, next(c, next(c, i)))?.pos === 'VERB') continue; // "pledged to conclude": a commitment, not a report
    if (isPassive(c, i)) continue;
    const subj = subjectOf(c, i);
    let speaker = subj?.arg ?? null;
    let speakerSpan = subj?.span ?? null;
    const before = subj ? tok(c, prev(c, subj.span[0])) : tok(c, prev(c, i));
    const inverted = !subj && (isComma(before) || isQuote(before));
    if (inverted) {
      // "“...,” said Mr Howard."
      const k = next(c, i);
      if (tok(c, k) && npish(c, toks[k])) {
        const sp = npSpan(c, k);
        const na = npActors(c, sp, false);
        if (na) { speaker = na.arg; speakerSpan = sp; }
      }
    }
    if (!speaker && !inverted) {
      // "The New Mexico Democrat said", "The senator said": the person the story was just about
      const sp = bareSubjectSpan(c, i);
      if (sp && c.toks[sp[0]].lower === 'the' && !unitsIn(c, sp).length) {
        const head = c.toks[headOf(c, sp)];
        if (TITLE_NOUNS.has(head.lemma) || head.pos === 'PROPN') {
          const person = lastPerson(c);
          if (person) { speaker = person; speakerSpan = sp; }
        }
      }
    }
    const frameStart = speakerSpan && !inverted ? speakerSpan[0] : i;
    if (colon) {
      const from = next(c, next(c, i));
      c.speech.frames.push({ speaker, verb: i, from, to: n, direct: true, lemma: t.lemma });
      continue;
    }
    const postposed = (isComma(before) || isQuote(before)) && frameStart >= 2;
    if (postposed) {
      const cut = prev(c, frameStart);
      // after the verb: a parenthetical goes on with more clause after a comma ("Russia, she said, aimed ...")
      let k = next(c, inverted && speakerSpan ? speakerSpan[1] : i);
      while (k < n && !isComma(toks[k]) && toks[k].pos !== 'PUNCT') k = next(c, k);
      const rest = isComma(tok(c, k)) ? next(c, k) : n;
      const from = 0;
      if (rest < n && toks.slice(rest).some((x) => x.pos === 'VERB')) {
        for (let m = cut; m <= k; m++) toks[m].skip = true;
        // "... after years in which, he said, her party blocked ...": the aside scopes over its own clause
        let open = 0;
        for (let m = cut - 1; m >= 0; m--) if (toks[m].pos === 'SCONJ' || RELATIVES.has(toks[m].lower) || toks[m].text === ';' || toks[m].text === ':') { open = m; break; }
        c.speech.frames.push({ speaker, verb: i, from: open, to: n, direct: toks[open]?.q ?? false, lemma: t.lemma });
      } else {
        const closing = tok(c, prev(c, frameStart));
        const direct = isQuote(toks[0]) || toks[0].q || (isQuote(closing) && !isQuote(tok(c, prev(c, closing!.i - 1) + 1)) && toks.slice(0, cut).filter((x) => DOUBLE_QUOTES.has(x.text)).length % 2 === 1);
        c.speech.frames.push({ speaker, verb: i, from, to: cut, direct, lemma: t.lemma });
      }
      continue;
    }
    // "X said (that) ...", "X told the Commons (that) ..."
    let from = next(c, i);
    if (ADDRESSEE_VERBS.has(t.lemma)) {
      const tk = tok(c, from);
      if (tk && npish(c, tk) && tk.pos !== 'SCONJ') {
        const sp = npSpan(c, from);
        from = next(c, sp[1]);
        // "told BBC Radio 4's Today programme the US had ...": a second phrase starts the content
      }
    }
    if (tok(c, from)?.lower === 'that') from = next(c, from);
    if (from >= n || toks.slice(from).every((x) => x.pos === 'PUNCT')) continue;
    const direct = toks[from].q || isQuote(toks[from]);
    c.speech.frames.push({ speaker, verb: i, from, to: coordinatedVerbAfter(c, from, i) ?? n, direct, lemma: t.lemma, unasserted: t.lemma === 'deny' });
  }
  // a frame's content ends where a later frame's speaker begins ("... but the Tories say ...")
  const sorted = [...c.speech.frames].sort((a, b) => a.verb - b.verb);
  for (let k = 0; k < sorted.length - 1; k++) {
    const f = sorted[k];
    const g = sorted[k + 1];
    if (f.to === n && f.from <= g.verb && f.from > 0) {
      const gs = subjectOf(c, g.verb);
      const cut = gs && gs.span[0] > f.from ? gs.span[0] : g.verb;
      if (cut > f.from) f.to = cut;
    }
  }
}

/** The phrase right before a verb, whether or not it names an actor. */
export function bareSubjectSpan(c: Ctx, v: number): [number, number] | null {
  let j = prev(c, v);
  while (j >= 0 && isVerbComplex(c.toks[j])) j = prev(c, j);
  const t = tok(c, j);
  return t && npish(c, t) ? npSpan(c, j) : null;
}

/** The last person who spoke or was a subject in the previous two sentences. */
export function lastPerson(c: Ctx): Arg | null {
  const mem = c.d.memory;
  for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 2; back--, seen++) {
    const m = mem[back];
    for (let i = m.speakers.length - 1; i >= 0; i--) {
      const id = m.speakers[i].find((x) => c.d.type(x) === 'person');
      if (id) return { ids: [id], conf: CONF.lastPersonSpeaker };
    }
    for (const sub of m.subjects) {
      const id = sub.ids.find((x) => c.d.type(x) === 'person');
      if (id) return { ids: [id], conf: CONF.lastPersonSubject };
    }
  }
  return null;
}

/** "X said the tariffs were unfair and urged Canada to ...": where a verb coordinated with the
 * reporting verb (same tense, no subject of its own) ends the reported content. */
export function coordinatedVerbAfter(c: Ctx, from: number, verb: number): number | null {
  const past = c.toks[verb].lower !== c.toks[verb].lemma && !/s$/.test(c.toks[verb].lower);
  for (let k = from; k < c.toks.length; k++) {
    const t = c.toks[k];
    if (t.q) continue;
    if (!((t.lower === 'and' || t.lower === 'but') && t.pos === 'CCONJ')) continue;
    let j = next(c, k);
    while (tok(c, j)?.pos === 'ADV') j = next(c, j);
    const v = tok(c, j);
    if (!v || v.pos !== 'VERB' || v.lower.endsWith('ing')) continue;
    const vPast = v.lower !== v.lemma && !/s$/.test(v.lower);
    if (vPast === past) return k;
  }
  return null;
}

/** Quote sentences without a speaker of their own: the speaker of the previous sentence's quote, else
 * one named at the start of the next sentence. */
export function inheritFrame(c: Ctx): void {
  // "“...,” he said. The words were Mr X's." / "So said X, ...": the next sentence names the speaker
  const firstQ = c.toks.length > 0 && (isQuote(c.toks[0]) || c.toks[0].q);
  const nextP = c.d.prepared[c.s.index + 1];
  const attributed = firstQ && nextP ? attributionSpeaker(nextP) : null;
  if (attributed) {
    if (c.speech.frames.length) for (const f of c.speech.frames) f.speaker = attributed;
    else c.speech.frames.push({ speaker: attributed, verb: -1, from: 0, to: c.toks.length, direct: true, lemma: 'say', inherited: true });
    return;
  }
  if (c.speech.frames.some((f) => f.from === 0 || f.to === c.toks.length)) {
    if (c.speech.frames.length) return;
  }
  if (c.speech.frames.length) return;
  const firstQuoted = c.toks.length > 0 && (isQuote(c.toks[0]) || c.toks[0].q);
  const prevMem = c.d.memory.at(-1);
  const continues = !!prevMem && prevMem.endsOpen;
  if (!firstQuoted && !continues) return;
  let speaker: Arg | null = null;
  // the most recent speaker of the previous two sentences, else one named at the start of the next
  const mem = c.d.memory;
  for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 2 && !speaker; back--, seen++) {
    const last = mem[back].lastSpeaker;
    if (last) speaker = { ids: last.ids, conf: last.conf * (seen === 0 ? CONF.inheritedSpeakerPrevious : CONF.inheritedSpeakerEarlier) };
  }
  if (!speaker) {
    const nx = c.d.prepared[c.s.index + 1];
    if (nx) speaker = leadingSpeaker(nx);
  }
  if (!speaker) return;
  c.speech.frames.push({ speaker, verb: -1, from: 0, to: c.toks.length, direct: true, lemma: 'say', inherited: true });
}

export const WORDS_NOUNS = wordClass('wordsNouns');

/** "The words were Mr X's.", "Those were the words of X.", "So said X, ...": a sentence that only names the speaker of the quote before it. */
export function attributionSpeaker(p: Prepared): Arg | null {
  const { toks, units } = p;
  const named = (from: number, to: number): Arg | null => {
    for (let j = from; j < Math.min(toks.length, to); j++) {
      const u = toks[j].unit;
      if (u >= 0 && !units[u].pronoun && units[u].id) return { ids: [units[u].id], conf: CONF.attributedSpeaker };
    }
    return null;
  };
  if (toks.length < 3) return null;
  if (toks[0].lower === 'so' && toks[1].lemma === 'say') return named(2, 8);
  let be = -1;
  for (let k = 0; k < Math.min(toks.length, 4); k++) if (toks[k].lemma === 'be') { be = k; break; }
  if (be < 0) return null;
  const before = toks.slice(0, be).some((t) => WORDS_NOUNS.has(t.lemma));
  const after = toks.slice(be + 1, be + 4).some((t) => WORDS_NOUNS.has(t.lemma));
  if (!before && !after) return null;
  if (toks.slice(0, be).some((t) => t.unit >= 0)) return null;
  return named(be + 1, be + 9);
}

/** "Zakharova added that ...": a named actor followed by a reporting verb at the start of a sentence. */
export function leadingSpeaker(p: Prepared): Arg | null {
  const { toks, units } = p;
  for (let k = 0; k < Math.min(toks.length, 8); k++) {
    const t = toks[k];
    if (t.pos === 'VERB') {
      if (!REPORTING.has(t.lemma)) return null;
      for (let j = k - 1; j >= 0; j--) {
        const u = toks[j].unit;
        if (u >= 0 && !units[u].pronoun) return { ids: [units[u].id], conf: CONF.leadingSpeaker };
      }
      return null;
    }
  }
  return null;
}
