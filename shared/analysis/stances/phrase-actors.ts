// The actors of a phrase: coordination on either side, appositions, grouped arguments.

import { confidenceOf, wordClass } from '../lexicon/stances.js';
import type { Arg, Ctx, Tok } from './context.js';
import { GOVERNMENT_NOUNS, NATION_NOUNS, POSSESSIVE_MARKS, POSSESSIVE_PRONOUNS, RELATIONAL_PERSONS, ROLE_NOUNS } from './lexicon.js';
import { hasActor, headOf, isComma, next, npSpan, npish, prev, tok, unitsIn } from './phrases.js';
import { frameAt, unitArg } from './resolution.js';

const CONF = confidenceOf('phraseActors', ['lastGovernment', 'namedCountry', 'topCountry'] as const);

const ROLE_OF_PREPOSITIONS = wordClass('roleOfPrepositions');
const ORIGIN_PREPOSITIONS = wordClass('originPrepositions');

export interface NpActors { arg: Arg; role: 'head' | 'poss' | 'mod' }

/** The actors of some units, minus `exclude`, with the weakest resolution's confidence. */
export function collectUnits(c: Ctx, us: number[], exclude: Set<string> | undefined): Arg | null {
  if (!us.length) return null;
  const ids: string[] = [];
  let conf = 1;
  for (const u of us) {
    const r = unitArg(c, u);
    if (!r) continue;
    for (const id of r.ids) if (!ids.includes(id) && !exclude?.has(id)) ids.push(id);
    conf = Math.min(conf, r.conf);
  }
  return ids.length ? { ids, conf } : null;
}

/** Actors a noun phrase denotes: its head, else its possessor, else (for role heads such as
 * "European leaders", or when the caller allows it) its modifiers. */
export function npActors(c: Ctx, span: [number, number], allowMod: boolean, exclude?: Set<string>): NpActors | null {
  const hk = headOf(c, span);
  const head: number[] = [];
  const poss: number[] = [];
  const mod: number[] = [];
  for (const u of unitsIn(c, span)) {
    const unit = c.units[u];
    // "the Georgian government’s handling": a role noun between the mention and the mark belongs to the possessor
    let end = unit.b;
    while (end + 1 < span[1] && tok(c, next(c, end))?.pos === 'NOUN' && ROLE_NOUNS.has(c.toks[next(c, end)].lemma)) end = next(c, end);
    const after = tok(c, next(c, end));
    const isPoss = (unit.pronoun && POSSESSIVE_PRONOUNS.has(c.toks[unit.a].lower) && unit.b !== hk)
      || (!!after && POSSESSIVE_MARKS.has(after.text) && after.i <= span[1]);
    if (isPoss) poss.push(u);
    else if (unit.b >= hk && !unit.modifier) head.push(u);
    else mod.push(u);
  }
  const h = collectUnits(c, head, exclude);
  if (h) return { arg: h, role: 'head' };
  const headTok = c.toks[hk];
  // "his opponent", "Moscow's critics": the possessor is not the one the phrase names
  const p = RELATIONAL_PERSONS.has(headTok.lemma) ? null : collectUnits(c, poss, exclude);
  if (p) return { arg: p, role: 'poss' };
  if (allowMod || ROLE_NOUNS.has(headTok.lemma) || NATION_NOUNS.has(headTok.lemma)) {
    // "the South American nation" is a country, not the region South America
    const nationHead = headTok.lemma === 'nation' || headTok.lemma === 'country' || headTok.lemma === 'state' || headTok.lemma === 'republic';
    const m = collectUnits(c, nationHead ? mod.filter((u) => c.units[u].pronoun || c.d.type(c.units[u].id) !== 'place') : mod, exclude);
    if (m) return { arg: m, role: 'mod' };
  }
  const gov = resolveGovernment(c, span);
  return gov ? { arg: gov, role: 'head' } : null;
}

/** "The government is clearly split": the government the article is about. The speaker's own
 * country first, then what "the government" last referred to, then the most salient country. */
export function resolveGovernment(c: Ctx, [a0, b0]: [number, number]): Arg | null {
  // "the government", "both the government", "the government's tax cuts"
  let a = -1;
  for (let k = a0; k < b0 + 1 && k <= a0 + 2; k++) if (c.toks[k].lower === 'the' && GOVERNMENT_NOUNS.has(c.toks[k + 1]?.lower ?? '')) { a = k; break; }
  if (a < 0) return null;
  const b = a + 1;
  const after = c.toks[b + 1];
  if (b !== b0 && !(after && POSSESSIVE_MARKS.has(after.text))) return null;
  // "the government in Caracas" names its country itself
  if (ROLE_OF_PREPOSITIONS.has(tok(c, next(c, b))?.lower ?? '')) return null;
  const f = frameAt(c, a);
  for (const id of f?.speaker?.ids ?? []) {
    const co = c.d.type(id) === 'country' ? id : c.d.country(id);
    if (co && c.d.type(co) === 'country') return { ids: [co], conf: CONF.namedCountry };
  }
  if (c.d.lastGovernment) return { ids: [c.d.lastGovernment], conf: CONF.lastGovernment };
  return c.d.topCountry ? { ids: [c.d.topCountry], conf: CONF.topCountry } : null;
}

/** Skips ", from London," style appositions between coordinated names; returns the index to continue from. */
export function skipAppositionRight(c: Ctx, j: number): number {
  const t = tok(c, j);
  const p = tok(c, next(c, j));
  if (!isComma(t) || !p || !ORIGIN_PREPOSITIONS.has(p.lower)) return j;
  let k = next(c, p.i);
  let steps = 0;
  while (k < c.toks.length && !isComma(c.toks[k]) && steps < 6) { k = next(c, k); steps++; }
  if (!isComma(tok(c, k))) return j;
  // ", from London, have been held": a comma-closed apposition right before the verb
  return k;
}

export function skipAppositionLeft(c: Ctx, j: number): number {
  // j is a token inside a phrase; when that phrase is "from X" between commas, jump before the first comma
  const [a] = npSpan(c, j);
  const p = tok(c, prev(c, a));
  const cm = p ? tok(c, prev(c, p.i)) : undefined;
  if (p && ORIGIN_PREPOSITIONS.has(p.lower) && isComma(cm)) {
    const before = prev(c, cm!.i);
    if (before >= 0 && npish(c, c.toks[before])) return before;
  }
  return j;
}

/** Coordinated phrases that continue rightwards from span: "the US and Canada", "A, B and C". */
export function groupRight(c: Ctx, span: [number, number]): [number, number][] {
  const out: [number, number][] = [span];
  let pending: [number, number][] = [];
  let cur = span;
  for (let guard = 0; guard < 20; guard++) {
    let j = skipAppositionRight(c, next(c, cur[1]));
    if (j !== next(c, cur[1])) j = next(c, j) - 0; // after the apposition's closing comma, j points at it
    let t = tok(c, j);
    let isAnd = false;
    let start = -1;
    if (isComma(t)) {
      const k = next(c, j);
      const tk = tok(c, k);
      if (tk && isConjunction(tk)) { isAnd = true; start = next(c, k); } else start = k;
    } else if (t && isConjunction(t)) { isAnd = true; start = next(c, j); }
    else if (t && t.lower === 'as' && tok(c, next(c, j))?.lower === 'well' && tok(c, next(c, next(c, j)))?.lower === 'as') {
      isAnd = true; start = next(c, next(c, next(c, j)));
    } else break;
    t = tok(c, start);
    if (!t || !npish(c, t)) break;
    const sp = npSpan(c, start);
    if (!hasActor(c, sp)) break;
    // "..., and Ukraine welcomed ...": the phrase opens a new clause
    const after = tok(c, next(c, sp[1]));
    if (after && (after.pos === 'VERB' || after.pos === 'AUX') && !npish(c, after)) break;
    if (isAnd) { out.push(...pending, sp); pending = []; } else pending.push(sp);
    cur = sp;
  }
  return out;
}

/** Coordinated phrases that continue leftwards from span; the junction nearest span must be "and"/"or". */
export function groupLeft(c: Ctx, span: [number, number]): [number, number][] {
  const out: [number, number][] = [span];
  let cur = span;
  let sawAnd = false;
  for (let guard = 0; guard < 20; guard++) {
    const j = prev(c, cur[0]);
    const t = tok(c, j);
    let isAnd = false;
    let k: number;
    if (t && isConjunction(t)) {
      isAnd = true;
      k = prev(c, j);
      if (isComma(tok(c, k))) k = prev(c, k);
    } else if (isComma(t)) {
      k = prev(c, j);
    } else break;
    if (!isAnd && !sawAnd) break;
    sawAnd ||= isAnd;
    if (k < 0 || !npish(c, c.toks[k])) break;
    k = skipAppositionLeft(c, k);
    const sp = npSpan(c, k);
    if (!hasActor(c, sp)) break;
    out.unshift(sp);
    cur = sp;
  }
  return out;
}

/** "and", "or", "&" between coordinated phrases. */
export function isConjunction(t: Tok): boolean {
  return t.lower === 'and' || t.lower === 'or' || t.text === '&';
}

export function mergeArgs(args: (Arg | null)[]): Arg | null {
  const ids: string[] = [];
  let conf = 1;
  for (const a of args) {
    if (!a) continue;
    for (const id of a.ids) if (!ids.includes(id)) ids.push(id);
    conf = Math.min(conf, a.conf);
  }
  return ids.length ? { ids, conf } : null;
}

export function groupActors(c: Ctx, spans: [number, number][], allowMod: boolean, exclude?: Set<string>): Arg | null {
  return mergeArgs(spans.map((sp) => npActors(c, sp, allowMod, exclude)?.arg ?? null));
}
