// Token helpers: stepping over parenthetical speech frames, and noun phrases (spans, heads).

import type { Ctx, Tok } from './context.js';
import { ALL_QUOTES, NEG, NON_NP_DETS, NON_NP_PRONS, PERSONAL_PRONOUNS, POSSESSIVE_MARKS, POSSESSIVE_PRONOUNS, RELATIVES, ROLE_NOUNS, TIME_MODIFIERS, TIME_NOUNS, TITLE_NOUNS } from './lexicon.js';
import { resolveUnit } from './resolution.js';

export const isQuote = (t: Tok | undefined): boolean => !!t && ALL_QUOTES.has(t.text) && t.pos !== 'PART';
export const isComma = (t: Tok | undefined): boolean => !!t && t.text === ',';
export const isNeg = (t: Tok): boolean => NEG.has(t.lower) || (t.pos === 'PART' && t.lemma === 'not');

export function prev(c: Ctx, j: number): number {
  let k = j - 1;
  while (k >= 0 && c.toks[k].skip) k--;
  return k;
}
export function next(c: Ctx, j: number): number {
  let k = j + 1;
  while (k < c.toks.length && c.toks[k].skip) k++;
  return k;
}
export const tok = (c: Ctx, j: number): Tok | undefined => (j >= 0 && j < c.toks.length ? c.toks[j] : undefined);

export function isNounLike(t: Tok): boolean {
  return t.unit >= 0 || t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM';
}

export function npish(c: Ctx, t: Tok | undefined): boolean {
  if (!t || t.skip) return false;
  if (t.unit >= 0) return true;
  if (t.text === '-' || t.text === '‑') {
    // "long-awaited", "case-by-case": a hyphen with no space on either side joins a compound
    const p = tok(c, t.i - 1);
    const n = tok(c, t.i + 1);
    return !!p && !!n && p.end === t.start && t.end === n.start && /\w$/.test(p.text) && /^\w/.test(n.text);
  }
  switch (t.pos) {
    case 'DET': return !NON_NP_DETS.has(t.lower);
    case 'ADJ': case 'NOUN': case 'PROPN': case 'NUM': return true;
    case 'PRON': return !NON_NP_PRONS.has(t.lower) && !RELATIVES.has(t.lower);
    case 'PART': return POSSESSIVE_MARKS.has(t.text);
    case 'VERB': {
      // participles used as adjectives: "his visiting Venezuelan counterpart", "repeated rounds"
      const p = tok(c, t.i - 1);
      const n = tok(c, t.i + 1);
      return !!p && !!n && (p.pos === 'DET' || (p.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(p.lower)) || p.pos === 'ADJ')
        && (n.pos === 'ADJ' || n.pos === 'NOUN' || n.pos === 'PROPN' || n.unit >= 0);
    }
    default: return false;
  }
}

export const isDeterminerLike = (t: Tok): boolean => t.pos === 'DET' || (t.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(t.lower));
export const isPersonalPronoun = (t: Tok): boolean => t.pos === 'PRON' && PERSONAL_PRONOUNS.has(t.lower) && !POSSESSIVE_PRONOUNS.has(t.lower);

/** The base noun phrase (no prepositional attachments) around token k, as [a, b]. */
export function npSpan(c: Ctx, k: number): [number, number] {
  if (c.memo.settled) {
    const hit = c.memo.phrases.get(k);
    if (hit) return hit;
    const sp = npSpanRaw(c, k);
    c.memo.phrases.set(k, sp);
    return sp;
  }
  return npSpanRaw(c, k);
}

export function npSpanRaw(c: Ctx, k: number): [number, number] {
  let a = k;
  let b = k;
  if (!isPersonalPronoun(c.toks[k]) || c.toks[k].unit >= 0 && !c.units[c.toks[k].unit].pronoun) {
    // leftwards: stop after a determiner, at a personal pronoun, at anything not nominal
    while (!isDeterminerLike(c.toks[a])) {
      const p = prev(c, a);
      const t = tok(c, p);
      if (!t) break;
      if (isQuote(t)) {
        const pp = tok(c, prev(c, p));
        if (pp && npish(c, pp) && !isPersonalPronoun(pp) && pp.pos !== 'VERB') { a = p; continue; }
        break;
      }
      if (!npish(c, t) || (isPersonalPronoun(t) && t.unit >= 0 && c.units[t.unit].pronoun && !POSSESSIVE_PRONOUNS.has(t.lower))) break;
      if (isPersonalPronoun(t)) break;
      // "a charge Moscow denied": a common noun before a name ends a phrase unless it is a title ("leader Michael Howard")
      const cur = c.toks[a];
      if (cur.unit >= 0 && t.unit < 0 && t.pos === 'NOUN' && t.text === t.lower && !TITLE_NOUNS.has(t.lemma) && !ROLE_NOUNS.has(t.lemma)) break;
      // a unit that ends a coordination member ("Russia and Venezuela") is its own phrase
      a = p;
    }
    // rightwards
    for (;;) {
      const n = next(c, b);
      const t = tok(c, n);
      if (!t) break;
      const cur = c.toks[b];
      if (isQuote(t)) {
        const nn = tok(c, next(c, n));
        if (nn && npish(c, nn) && nn.pos !== 'DET' && !isPersonalPronoun(nn) && !(t.text === '”' && !c.toks[b].q)) { b = n; continue; }
        break;
      }
      if ((t.lower === 'and' || t.lower === 'or') && cur.pos === 'ADJ' && tok(c, next(c, n))?.pos === 'ADJ') { b = n; continue; }
      if (!npish(c, t) || isPersonalPronoun(t)) break;
      if (t.pos === 'DET' || (t.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(t.lower))) break;
      if (TIME_MODIFIERS.has(t.lower) && TIME_NOUNS.has(tok(c, next(c, n))?.lower ?? '')) break;
      if (TIME_NOUNS.has(t.lower) && t.pos === 'PROPN' && isNounLike(cur) && cur.unit < 0) break;
      if ((t.pos === 'ADJ' || t.pos === 'NUM') && isNounLike(cur) && !POSSESSIVE_MARKS.has(cur.text)) {
        // an adjective after a head noun only continues a compound ("Venezuela ready to" does not)
        const nn = tok(c, next(c, n));
        if (!nn || !(nn.pos === 'NOUN' || nn.pos === 'PROPN' || nn.pos === 'ADJ' || nn.unit >= 0)) break;
      }
      if (t.unit >= 0 && cur.unit >= 0 && t.unit !== cur.unit && !POSSESSIVE_MARKS.has(cur.text)) {
        // two adjacent mentions: "Russian Defense Minister Sergei Shoigu" is one phrase, but a
        // mention right after a complete name starts a new phrase only across a comma, so keep going
      }
      b = n;
    }
  }
  return [a, b];
}

export function headOf(c: Ctx, [a, b]: [number, number]): number {
  for (let k = b; k >= a; k--) {
    const t = c.toks[k];
    if (t.skip || isQuote(t) || POSSESSIVE_MARKS.has(t.text)) continue;
    return k;
  }
  return b;
}

export function unitsIn(c: Ctx, [a, b]: [number, number]): number[] {
  const out: number[] = [];
  for (let k = a; k <= b; k++) {
    const u = c.toks[k].unit;
    if (u >= 0 && !out.includes(u)) out.push(u);
  }
  return out;
}

export function hasActor(c: Ctx, span: [number, number]): boolean {
  return unitsIn(c, span).some((u) => !c.units[u].pronoun || resolveUnit(c, u) !== null);
}
