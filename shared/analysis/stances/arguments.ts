// Arguments of a trigger: subjects (with coordination, appositions, relatives, control), objects,
// agents of passives, prepositional targets.

import { confidenceOf, wordClass } from '../lexicon/stances.js';
import type { Arg, Ctx, Tok } from './context.js';
import { CLAUSE_OPENERS, CONTROL_ADJS, CONTROL_NOUNS, CONTROL_VERBS, EMBEDDING_PREPS, GOVERNMENT_NOUNS, LABEL_VERBS, POSSESSIVE_MARKS, RELATIONAL_NOUNS, RELATIVES, REPORTING, ROLE_NOUNS, TIME_MODIFIERS, TIME_NOUNS } from './lexicon.js';
import { groupActors, groupLeft, groupRight, npActors, skipAppositionLeft } from './phrase-actors.js';
import { headOf, isComma, isNeg, isNounLike, isQuote, next, npSpan, npish, prev, tok } from './phrases.js';
import { resolveDocument, resolveNationNoun } from './resolution.js';
import { phraseArg } from './triggers/index.js';

const CONF = confidenceOf('argumentSlots', ['modifierOwner', 'relativeOwner'] as const);

const TIME_PREPOSITIONS = wordClass('timePrepositions');
const PARTICIPLE_ADJUNCT_PREPOSITIONS = wordClass('participleAdjunctPrepositions');
const TIME_ADVERBIAL_PREPOSITIONS = wordClass('timeAdverbialPrepositions');
const VERB_PARTICLES = wordClass('verbParticles');
const ROLE_OF_PREPOSITIONS = wordClass('roleOfPrepositions');
const ROLE_FOR_PREPOSITIONS = wordClass('roleForPrepositions');

export interface SubjectHit { arg: Arg; span: [number, number] }

export function isVerbComplex(t: Tok): boolean {
  return t.pos === 'AUX' || t.pos === 'ADV' || (t.pos === 'PART' && !POSSESSIVE_MARKS.has(t.text)) || isNeg(t) || isQuote(t);
}

/** The finite verb a participle or coordinated verb depends on: the nearest verb to the left that
 * has a subject; with `finite`, skipping infinitives ("said it would ask X to annul Y, and accused Z"). */
export function governingSubject(c: Ctx, j: number, depth: number, finite = false): SubjectHit | null {
  for (let k = j; k >= 0; k--) {
    const t = c.toks[k];
    if (t.skip || t.pos !== 'VERB') continue;
    if (finite && !isFinite(c, k)) continue;
    const s = subjectOf(c, k, depth + 1);
    if (s) return s;
  }
  return null;
}

/** A verb carrying its own tense: not after "to", a modal or another auxiliary, and not a participle. */
export function isFinite(c: Ctx, k: number): boolean {
  const t = c.toks[k];
  if (t.lower.endsWith('ing')) return false;
  let p = prev(c, k);
  while (p >= 0 && (c.toks[p].pos === 'ADV' || isNeg(c.toks[p]))) p = prev(c, p);
  const tp = tok(c, p);
  return !(tp && (tp.lower === 'to' || tp.pos === 'AUX'));
}

/**
 * The subject of the verb (or predicative adjective) at v: the noun phrase before the verb complex,
 * with coordination, appositions, relative "who", embedded phrases ("His words about Bush" is His),
 * role heads ("Defense chiefs of Russia and Venezuela") and control ("US efforts to undermine").
 */
export function subjectOf(c: Ctx, v: number, depth = 0, quiet = false): SubjectHit | null {
  if (!c.memo.settled || depth > 0) return subjectOfRaw(c, v, depth, quiet);
  const key = quiet ? -1 - v : v;
  if (c.memo.subjects.has(key)) return c.memo.subjects.get(key) ?? null;
  const hit = subjectOfRaw(c, v, depth, quiet);
  c.memo.subjects.set(key, hit);
  return hit;
}

export function subjectOfRaw(c: Ctx, v: number, depth: number, quiet: boolean): SubjectHit | null {
  if (depth > 4) return null;
  let j = prev(c, v);
  let sawTo = false;
  const vt = c.toks[v];
  while (j >= 0) {
    const t = c.toks[j];
    if (t.lower === 'to' && t.pos !== 'ADP') sawTo = true;
    if (isVerbComplex(t) && !(t.pos === 'ADV' && CLAUSE_OPENERS.has(t.lower))) { j = prev(c, j); continue; }
    // "pledged to conclude", "vowed to resist": a reporting verb with an infinitive is a control verb
    if (t.pos === 'VERB' && CONTROL_VERBS.has(t.lemma) && (!REPORTING.has(t.lemma) || tok(c, next(c, j))?.lower === 'to')) { j = prev(c, j); continue; }
    if (t.pos === 'ADJ' && CONTROL_ADJS.has(t.lemma)) { j = prev(c, j); continue; }
    // "Germany, Japan and Kuwait each announced": a floating quantifier after the subject
    if ((t.lower === 'each' || t.lower === 'all' || t.lower === 'both') && tok(c, prev(c, j)) && npish(c, tok(c, prev(c, j)))) { j = prev(c, j); continue; }
    if (isNounLike(t) && t.unit < 0 && TIME_NOUNS.has(t.lower)) {
      // "who this week criticised", "Russia on Thursday said"
      const sp = npSpan(c, j);
      let k = prev(c, sp[0]);
      if (tok(c, k)?.pos === 'ADP' && TIME_PREPOSITIONS.has(tok(c, k)!.lower)) k = prev(c, k);
      j = k;
      continue;
    }
    if ((t.lower === 'and' || t.lower === 'or' || t.lower === 'but') && t.pos === 'CCONJ') {
      const p = tok(c, prev(c, j));
      // "But running out the clock ...": a sentence-initial conjunction has no subject before it
      if (!p) return null;
      if (p.pos === 'VERB') { j = prev(c, j); continue; }
      const finite = isFinite(c, v);
      if (!npish(c, p)) return quiet ? null : governingSubject(c, prev(c, j), depth, finite);
      // "X welcomed the statement and said ...": a coordinated verb phrase shares the first subject
      const sp = npSpan(c, p.i);
      const before = tok(c, prev(c, sp[0]));
      if (before && (before.pos === 'VERB' || before.pos === 'ADP')) return governingSubject(c, prev(c, j), depth, finite);
      return null;
    }
    break;
  }
  const t = tok(c, j);
  if (!t) return null;
  // participial adjunct ", insisting that ..." / "by saying ...": the main clause's subject
  if (vt.lower.endsWith('ing') && (isComma(t) || (t.pos === 'ADP' && PARTICIPLE_ADJUNCT_PREPOSITIONS.has(t.lower)))) {
    if (t.lower === 'in' || t.lower === 'of' || t.lower === 'for') return null; // handled by the join-in / accuse-of rules
    return governingSubject(c, prev(c, j), depth);
  }
  let k = j;
  if (isComma(t) && !vt.lower.endsWith('ing')) {
    // ", in turn,", ", however,", ", freed from detention on Sunday,": skip an aside with no actor
    const open = asideStart(c, j);
    if (open >= 0) {
      const before = prev(c, open);
      if (before >= 0 && npish(c, c.toks[before])) return subjectOf(c, asideVerbStandIn(c, before), depth + 1, quiet);
    }
    const rel = relativeBefore(c, j);
    if (rel) return rel;
    // an apposition closed by a comma: "..., Elliott Abrams, said"; "Azmat Begg, father of Moazzam, thanked"
    k = prev(c, j);
    const tk = tok(c, k);
    if (!tk || !npish(c, tk)) return null;
    k = skipAppositionLeft(c, k);
    const appo = appositionHead(c, k);
    if (appo) return appo;
  } else if (RELATIVES.has(t.lower) || (t.lower === 'that' && t.pos === 'PRON')) {
    // "Iyad Allawi, who this week criticised ...": the antecedent
    let a = prev(c, j);
    if (isComma(tok(c, a))) a = prev(c, a);
    const ta = tok(c, a);
    if (!ta || !npish(c, ta)) return null;
    const sp = npSpan(c, a);
    const na = npActors(c, sp, false);
    return na ? { arg: na.arg, span: sp } : null;
  }
  const tk = c.toks[k];
  if (!npish(c, tk)) return null;
  const sp0 = npSpan(c, k);
  // control noun: "US efforts to undermine ..." -- the possessor or modifier is the agent
  const headTok = c.toks[headOf(c, sp0)];
  if (sawTo && CONTROL_NOUNS.has(headTok.lemma)) {
    const na = npActors(c, sp0, true);
    return na ? { arg: na.arg, span: sp0 } : null;
  }
  const group = groupLeft(c, sp0);
  const first = group[0];
  const p = tok(c, prev(c, first[0]));
  const pp = p ? tok(c, prev(c, p.i)) : undefined;
  if (p && p.pos === 'ADP' && pp && npish(c, pp) && (EMBEDDING_PREPS.has(p.lower) || p.lower === 'of')) {
    const hs = npSpan(c, pp.i);
    const ha = npActors(c, hs, false);
    if (ha) return { arg: ha.arg, span: [hs[0], sp0[1]] };
    if (p.lower !== 'of') {
      const doc = resolveDocument(c, hs);
      return doc ? { arg: doc, span: hs } : null;
    }
    // "Defense chiefs of Russia and Venezuela": the role noun's country
  }
  const arg = groupActors(c, group, false);
  if (arg) return { arg, span: [first[0], sp0[1]] };
  const doc = resolveDocument(c, sp0);
  if (doc) return { arg: doc, span: sp0 };
  return null;
}

/** The opening comma of an aside that ends at `comma` and names no actor, or -1. */
export function asideStart(c: Ctx, comma: number): number {
  let j = prev(c, comma);
  const first = tok(c, j);
  if (!first) return -1;
  for (let steps = 0; j >= 0 && steps < 8; steps++, j = prev(c, j)) {
    const t = c.toks[j];
    if (isComma(t)) {
      const inner = c.toks.slice(j + 1, comma);
      if (!inner.length) return -1;
      const lead = inner[0];
      // "The resolution, drafted by Britain and Denmark, passed": a participial aside may name actors
      const participle = lead.pos === 'VERB' && /(ed|en)$/.test(lead.lower);
      if (!participle && inner.some((x) => x.unit >= 0 && !c.units[x.unit].pronoun)) return -1;
      // an aside starts with an adverb, a preposition, a participle or a conjunction, not a noun phrase
      if (lead.pos === 'ADV' || lead.pos === 'ADP' || lead.pos === 'SCONJ' || (lead.pos === 'VERB' && /(ed|en|ing)$/.test(lead.lower))) return j;
      return -1;
    }
    if (t.text === ';' || t.text === ':' || isQuote(t) || t.pos === 'AUX') return -1;
  }
  return -1;
}

/** A token index whose subject search starts right after the phrase ending at `end`. */
export function asideVerbStandIn(c: Ctx, end: number): number {
  let k = end + 1;
  while (k < c.toks.length && c.toks[k].skip) k++;
  return k;
}

/** "Lawyer Louise Christian, who represents Mr Abbasi, said": the phrase before a comma-enclosed relative clause. */
export function relativeBefore(c: Ctx, comma: number): SubjectHit | null {
  let j = prev(c, comma);
  let relative = false;
  for (let steps = 0; j >= 0 && steps < 20; steps++, j = prev(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'SCONJ' || t.text === ':' || t.text === ';') return null;
    if (RELATIVES.has(t.lower)) relative = true;
    if (!isComma(t)) continue;
    // the opening comma: "X, who ..., V" or "X, a former judge who ..., V"
    const lead = tok(c, next(c, j));
    if (!relative && !(lead && (lead.pos === 'DET' || lead.pos === 'ADJ') && c.toks.slice(j + 1, comma).some((x) => RELATIVES.has(x.lower)))) return null;
    if (!relative) return null;
    const a = prev(c, j);
    const ta = tok(c, a);
    if (!ta || !npish(c, ta)) return null;
    const sp = npSpan(c, a);
    const na = npActors(c, sp, false);
    if (!na || na.role !== 'head') return null;
    // "Germany and France, which had been reluctant ..., rallied behind"
    const group = groupLeft(c, sp);
    return { arg: groupActors(c, group, false) ?? na.arg, span: [group[0][0], sp[1]] };
  }
  return null;
}

/** Two phrases in apposition ("Azmat Begg, father of Moazzam,"): the one whose head is an actor. */
export function appositionHead(c: Ctx, k: number): SubjectHit | null {
  let sp = npSpan(c, k);
  // extend over "of"-chains: "father of Moazzam"
  for (;;) {
    const p = tok(c, prev(c, sp[0]));
    const pp = p ? tok(c, prev(c, p.i)) : undefined;
    if (!p || p.lower !== 'of' || !pp || !npish(c, pp)) break;
    sp = [npSpan(c, pp.i)[0], sp[1]];
  }
  const comma = tok(c, prev(c, sp[0]));
  if (!isComma(comma)) return null;
  const own = npActors(c, npSpan(c, k), false);
  if (own && own.role === 'head' && npSpan(c, k)[0] === sp[0]) return null;
  const a = prev(c, comma!.i);
  const ta = tok(c, a);
  if (!ta || !npish(c, ta)) return null;
  const first = npSpan(c, a);
  const na = npActors(c, first, false);
  if (!na || na.role !== 'head') return null;
  // "Uruguay and Paraguay, the other founding members of Mercosur, called on ..."
  const group = groupLeft(c, first);
  const all = groupActors(c, group, false);
  return { arg: all ?? na.arg, span: [group[0][0], first[1]] };
}

/** The agent of a passive verb: "by X" within the clause. */
export function byAgent(c: Ctx, v: number): SubjectHit | null {
  let j = next(c, v);
  for (let steps = 0; j < c.toks.length && steps < 10; steps++, j = next(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'SCONJ' || t.text === ';' || t.text === ':' || RELATIVES.has(t.lower) || (t.pos === 'VERB' && steps > 0)) return null;
    if (t.lower === 'by' && t.pos === 'ADP') {
      const k = next(c, j);
      const tk = tok(c, k);
      if (!tk || !npish(c, tk)) return null;
      const sp = npSpan(c, k);
      const arg = groupActors(c, groupRight(c, sp), false);
      return arg ? { arg, span: sp } : null;
    }
  }
  return null;
}

export function isPassive(c: Ctx, v: number): boolean {
  const t = c.toks[v];
  if (t.lower.endsWith('ing')) return false;
  let j = prev(c, v);
  while (j >= 0 && (c.toks[j].pos === 'ADV' || isNeg(c.toks[j]) || isQuote(c.toks[j]))) j = prev(c, j);
  const p = tok(c, j);
  if (p && p.pos === 'AUX' && (p.lemma === 'be' || p.lemma === 'get')) return true;
  // reduced relative: "the money pledged by the US", "a truce agreed last month by the army"
  if (!p || !(isNounLike(p) || isComma(p))) return false;
  let k = next(c, v);
  for (let steps = 0; k < c.toks.length && steps < 4; steps++, k = next(c, k)) {
    const t = c.toks[k];
    if (t.lower === 'by') return true;
    if (!(TIME_MODIFIERS.has(t.lower) || TIME_NOUNS.has(t.lower) || t.pos === 'ADV' || t.pos === 'NUM' || (t.pos === 'ADP' && TIME_ADVERBIAL_PREPOSITIONS.has(t.lower)))) return false;
  }
  return false;
}

/** The end of the clause that starts at or after j. */
export function clauseEnd(c: Ctx, j: number): number {
  for (let k = j; k < c.toks.length; k++) {
    const t = c.toks[k];
    if (t.text === ';' || t.text === ':' || (t.pos === 'SCONJ' && t.lower !== 'that') || RELATIVES.has(t.lower)) return k;
    if (isComma(t)) {
      const n = tok(c, k + 1);
      if (n && (n.pos === 'VERB' || n.pos === 'SCONJ' || RELATIVES.has(n.lower) || n.lower === 'but')) return k;
    }
  }
  return c.toks.length;
}

export interface ObjectHit { arg: Arg | null; span: [number, number]; viaThat: boolean; label?: boolean }

/** The first noun phrase after the verb (its direct object or, with "that", the embedded subject). */
export function objectOf(c: Ctx, v: number, opts: { that?: boolean; relational?: boolean; personObject?: boolean; exclude: Set<string>; allowMod?: boolean }): ObjectHit | null {
  let j = next(c, v);
  // "welcomed what it called “long-awaited pressure on ...”": the label is the object
  let label = false;
  if (tok(c, j)?.lower === 'what') {
    let k = next(c, j);
    for (let steps = 0; k < c.toks.length && steps < 4; steps++, k = next(c, k)) {
      const t = c.toks[k];
      if (t.pos === 'VERB' && LABEL_VERBS.has(t.lemma)) { j = next(c, k); label = true; break; }
    }
    while (isQuote(tok(c, j))) j = next(c, j);
  }
  for (let guard = 0; guard < 6 && j < c.toks.length; guard++) {
    const t = c.toks[j];
    if (t.pos === 'ADV' || isQuote(t) || (t.pos === 'ADP' && VERB_PARTICLES.has(t.lower) && !npish(c, tok(c, next(c, j))))) { j = next(c, j); continue; }
    if ((t.lower === 'and' || t.lower === 'or') && tok(c, next(c, j))?.pos === 'VERB') { j = next(c, next(c, j)); continue; }
    if ((t.lower === 'and' || t.lower === 'or') && isQuote(tok(c, next(c, j)))) {
      // "resist and “defeat” Washington’s ...": skip the coordinated (quoted) verb
      const w = next(c, next(c, j));
      const close = next(c, w);
      if (isQuote(tok(c, close))) { j = next(c, close); continue; }
      break;
    }
    break;
  }
  let viaThat = false;
  const t0 = tok(c, j);
  if (t0 && t0.lower === 'that' && t0.pos === 'SCONJ') {
    if (!opts.that) return null;
    j = next(c, j);
    viaThat = true;
  }
  const t = tok(c, j);
  if (!t || !npish(c, t) || t.pos === 'ADJ' && !isNounLike(tok(c, next(c, j)) ?? t)) return null;
  const sp = npSpan(c, j);
  const group = groupRight(c, sp);
  let arg = groupActors(c, group, false, opts.exclude);
  // "the government in Caracas": the place named decides which government, whatever "government" was resolved to
  if (group.length === 1 && GOVERNMENT_NOUNS.has(c.toks[headOf(c, sp)].lower)) {
    const pk = next(c, sp[1]);
    if (ROLE_OF_PREPOSITIONS.has(tok(c, pk)?.lower ?? '')) {
      const named = phraseArg(c, next(c, pk), opts.exclude, true);
      const country = named?.ids.map((id) => (c.d.type(id) === 'country' ? id : c.d.country(id))).filter((x): x is string => !!x);
      if (country?.length) arg = { ids: country, conf: named!.conf };
    }
  }
  // "target Iranian banks", "backed the Republican bill": the modifier owns what is targeted or backed
  if (!arg && opts.allowMod) {
    arg = groupActors(c, group, true, opts.exclude);
    if (arg) arg = { ids: arg.ids, conf: arg.conf * CONF.modifierOwner };
  }
  if (opts.personObject && arg && !arg.ids.some((id) => c.d.type(id) === 'person')) arg = null;
  if (!arg && group.length === 1) {
    const headTok = c.toks[headOf(c, sp)];
    if (!opts.personObject && (RELATIONAL_NOUNS.has(headTok.lemma) || opts.relational)) {
      // "the government in Caracas", "the humanitarian situation in Venezuela"
      const pk = next(c, sp[1]);
      const pt = tok(c, pk);
      if (pt && ROLE_FOR_PREPOSITIONS.has(pt.lower)) {
        const k = next(c, pk);
        if (tok(c, k) && npish(c, c.toks[k])) {
          const sp2 = npSpan(c, k);
          arg = groupActors(c, groupRight(c, sp2), true, opts.exclude);
          if (arg) return { arg, span: [sp[0], sp2[1]], viaThat };
        }
      }
    }
    if (!arg) arg = resolveNationNoun(c, sp, opts.exclude);
    if (!arg && opts.allowMod) arg = relativeOwner(c, sp, opts.exclude);
  }
  const last = group[group.length - 1];
  return { arg, span: [sp[0], last[1]], viaThat, label };
}

/** "the “nine-dash line” that Beijing uses": the actor of a relative clause owns the thing. */
export function relativeOwner(c: Ctx, span: [number, number], exclude: Set<string>): Arg | null {
  let j = next(c, span[1]);
  while (isQuote(tok(c, j))) j = next(c, j);
  const rel = tok(c, j);
  if (!rel || !(rel.lower === 'that' || rel.lower === 'which')) return null;
  const k = next(c, j);
  const tk = tok(c, k);
  if (!tk || tk.unit < 0 || !npish(c, tk)) return null;
  const sp = npSpan(c, k);
  if (tok(c, next(c, sp[1]))?.pos !== 'VERB') return null;
  const na = npActors(c, sp, false, exclude);
  return na ? { ids: na.arg.ids, conf: na.arg.conf * CONF.relativeOwner } : null;
}

/** A prepositional argument within the clause: "with X", "between A and B", "behind X". */
export function prepArg(c: Ctx, from: number, preps: string[], exclude: Set<string>, maxSteps = 12): { arg: Arg | null; span: [number, number]; prep: string } | null {
  let j = next(c, from);
  for (let steps = 0; j < c.toks.length && steps < maxSteps; steps++, j = next(c, j)) {
    const t = c.toks[j];
    if (t.text === ';' || t.text === ':' || (t.pos === 'SCONJ') || RELATIVES.has(t.lower)) return null;
    if (t.pos === 'VERB' && steps > 0 && !npish(c, t)) return null;
    if (isComma(t) && steps > 0) return null;
    if (!preps.includes(t.lower)) continue;
    let k = next(c, j);
    // "to securing a stable Iraq": a gerund between the preposition and its phrase
    if (tok(c, k)?.pos === 'VERB' && tok(c, k)!.lower.endsWith('ing')) k = next(c, k);
    const tk = tok(c, k);
    if (!tk || !npish(c, tk)) continue;
    const sp = npSpan(c, k);
    const group = groupRight(c, sp);
    let arg = groupActors(c, group, false, exclude);
    if (!arg && group.length === 1) {
      // "pressure on the South American country", "destabilization of the situation in Venezuela"
      arg = resolveNationNoun(c, sp, exclude);
      if (!arg) {
        const headTok = c.toks[headOf(c, sp)];
        if (RELATIONAL_NOUNS.has(headTok.lemma) || ROLE_NOUNS.has(headTok.lemma)) {
          let pk = next(c, sp[1]);
          while (isQuote(tok(c, pk))) pk = next(c, pk);
          const pt = tok(c, pk);
          if (pt && ROLE_OF_PREPOSITIONS.has(pt.lower) && tok(c, next(c, pk)) && npish(c, c.toks[next(c, pk)])) {
            const sp2 = npSpan(c, next(c, pk));
            arg = groupActors(c, groupRight(c, sp2), true, exclude);
          }
        } else if (tok(c, next(c, sp[1]))?.pos === 'ADJ' && tok(c, next(c, next(c, sp[1])))?.lower === 'to') {
          // "sanctions on sectors relevant to Venezuelans"
          const k2 = next(c, next(c, next(c, sp[1])));
          if (tok(c, k2) && npish(c, c.toks[k2])) arg = groupActors(c, groupRight(c, npSpan(c, k2)), true, exclude);
        }
      }
    }
    return { arg, span: sp, prep: t.lower };
  }
  return null;
}
