// What stands around a name or a role noun and says who the person is: an honorific or a title
// before it, with the qualifiers, modifier words and country, body or party that anchor the title
// ("former Russian Defense Minister", "Foreign Ministry spokeswoman", "Tory leader"), or a role
// set off by commas next to it (an apposition).

import { isDefinite, isHonorific, textBetween, type GazetteerSpans, type RoleSpans, type SentenceScope } from './scope.js';
import type { GSpan, RSpan } from './types.js';

export interface LeftContext {
  role?: RSpan;
  roleText?: string;
  honorific?: 'm' | 'f' | 'x';
  noGov?: boolean;
  country?: string;
  body?: GSpan;
  org?: string;
  gspans: GSpan[];
  npStart?: number;
  definite?: boolean;
  qualFrom?: number;
  possessorTok?: number;
}

/** What stands before a name at token `a`: honorific, title, qualifiers, and the country/body/party of the title. */
export function leftContext(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans, a: number): LeftContext {
  const ctx: LeftContext = { gspans: [] };
  let i = a;
  if (i - 1 >= sc.from && sc.toks[i - 1].text === '.' && isHonorific(sc, i - 2)) i--;
  if (isHonorific(sc, i - 1)) {
    const h = sc.g.honorifics.get(sc.toks[i - 1].text.replace(/\.$/, ''));
    ctx.honorific = h ?? 'x'; // "Dr": a person, gender unknown
    i--;
    ctx.npStart = i;
  }
  const r = roles.endAt.get(i);
  if (r) {
    const lr = leftOfRole(sc, gz, r.from);
    ctx.role = r;
    ctx.country = lr.country;
    ctx.body = lr.body;
    ctx.org = lr.org;
    ctx.noGov = lr.noGov;
    ctx.gspans = lr.gspans;
    ctx.npStart = lr.npStart;
    ctx.roleText = textBetween(sc.toks, lr.qualFrom ?? r.from, r.to);
    ctx.possessorTok = lr.possessorTok;
  }
  return ctx;
}

/** Walks left from a role span starting at token `r` over qualifiers, modifier words and country/body/party spans. */
export function leftOfRole(sc: SentenceScope, gz: GazetteerSpans, r: number): LeftContext {
  const ctx: LeftContext = { gspans: [], npStart: r };
  const { toks, words, lex } = sc;
  let i = r - 1;
  let free = 0;
  while (i >= sc.from) {
    const t = toks[i];
    const sp = gz.endAt.get(i + 1);
    if (sp) {
      if (!takeAnchor(sc, ctx, sp)) break;
      i = sp.from - 1;
      continue;
    }
    if (!t.word) break;
    // "African Union Commission Chairperson": an organisation head word before the title belongs
    // to the title (the organisation to its left, if any, is whom the person acts for)
    const headWord = t.cap && lex.organizations.headWords.has(t.text) && !t.poss && free === 0;
    const noGov = !headWord && lex.titles.qualifiers.noGovernment.has(t.key);
    if (headWord || noGov || lex.titles.qualifiers.keep.has(t.key)) {
      if (noGov) ctx.noGov = true;
      ctx.qualFrom = ctx.npStart = i;
      i--;
      continue;
    }
    if (words.determiners.has(t.key)) {
      ctx.definite = isDefinite(t.key);
      ctx.npStart = i;
      break;
    }
    // "foreign affairs spokesman", "senior policy adviser": a few plain modifier words, only if
    // something that anchors the title (a country, body or party) stands before them
    if (isPlainModifier(sc, t.key, t.cap, free)) {
      const anchor = gz.endAt.get(i) ?? (i - 1 >= sc.from && free === 0 ? gz.endAt.get(i - 1) : undefined);
      if (!anchor) break;
      free++;
      ctx.qualFrom = ctx.npStart = i;
      i--;
      continue;
    }
    if (t.poss) {
      ctx.definite = true;
      // "Mr Sharon's spokesman": the spokesman speaks for that person
      if (t.cap) ctx.possessorTok = i;
    }
    break;
  }
  return ctx;
}

/**
 * A gazetteer span before a title: its country, body or organisation anchors the title ("Russian",
 * "Foreign Ministry", "Tory", "the White House's"). False when the walk stops here: at a place, or
 * after a possessive, which ends the phrase on the left.
 */
function takeAnchor(sc: SentenceScope, ctx: LeftContext, sp: GSpan): boolean {
  const e = sp.entry;
  if (e.targetType === 'country' || e.kind === 'metonym') ctx.country ??= /^[A-Z]{3}$/.test(e.target) ? e.target : undefined;
  if (e.kind === 'body') {
    ctx.body ??= sp;
    ctx.qualFrom = sp.from; // "Foreign Ministry spokeswoman" names the role with its body
  }
  if (e.kind === 'organization' || (e.kind === 'metonym' && e.targetType === 'organization')) {
    ctx.org ??= e.target;
    if (e.kind === 'organization') ctx.qualFrom = sp.from; // "Tory leader", "Oxfam adviser"
  }
  if (e.kind === 'place') return false;
  ctx.gspans.push(sp);
  ctx.npStart = sp.from;
  if (!sc.toks[sp.to - 1].poss) return true;
  // "The White House's point man": the possessive ends the phrase on the left
  const i = sp.from - 1;
  if (i >= sc.from && sc.toks[i].key === 'the') {
    ctx.definite = true;
    ctx.npStart = i;
  }
  return false;
}

/** A lower-case word that may modify a title: no preposition, verb, pronoun, conjunction or number. */
function isPlainModifier(sc: SentenceScope, key: string, cap: boolean, free: number): boolean {
  const { words } = sc;
  return !cap && free < sc.lex.tuning.limits.roleModifierWords && !words.prepositions.has(key) && !words.subjectVerbs.has(key)
    && !words.pronouns.has(key) && !words.coordinators.has(key) && !/^\d/.test(key);
}

/**
 * "The White House's point man for Venezuela, Elliott Abrams, said" and "Michael Ancram, the
 * shadow foreign secretary, said": a role noun phrase next to the name [a, b), set off by commas.
 */
export function apposition(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans, a: number, b: number): (LeftContext & { role: RSpan }) | undefined {
  return roleBeforeName(sc, gz, roles, a) ?? roleAfterName(sc, gz, roles, a, b);
}

/** "ROLE [for|of X ...], NAME" */
function roleBeforeName(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans, a: number): (LeftContext & { role: RSpan }) | undefined {
  const { toks } = sc;
  if (!(a - 1 >= sc.from && toks[a - 1].text === ',')) return undefined;
  const comma = a - 1;
  // skip "for Venezuela" / "of the UN" between the role and the comma
  let k = comma;
  for (let n = 0; n < sc.lex.tuning.limits.appositionTailTokens && k > sc.from; n++) {
    if (roles.endAt.has(k)) break;
    if (!toks[k - 1].word) break;
    k--;
  }
  const r = roles.endAt.get(k);
  if (!r || !(k === comma || sc.words.complementPrepositions.has(toks[k].key))) return undefined;
  const lr = leftOfRole(sc, gz, r.from);
  if (!(lr.definite || lr.country || lr.org)) return undefined;
  let country = lr.country;
  if (!country && toks[k].key === 'of') {
    const ofG = gz.at.get(k + 1);
    if (ofG?.entry.targetType === 'country') country = ofG.entry.target;
  }
  return { ...lr, country, role: r, roleText: textBetween(toks, lr.qualFrom ?? r.from, r.to) };
}

/** "NAME, the ROLE [of X]," */
function roleAfterName(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans, a: number, b: number): (LeftContext & { role: RSpan }) | undefined {
  const { toks, lex } = sc;
  if (!(b < sc.end && toks[b].text === ',')) return undefined;
  let i = b + 1;
  let definite = false;
  let country: string | undefined;
  let org: string | undefined;
  const gspans: GSpan[] = [];
  let noGov = false;
  for (let n = 0; n < lex.tuning.limits.appositionPrefixTokens && i < sc.end; n++) {
    const t = toks[i];
    const sp = gz.at.get(i);
    if (sp) {
      if (sp.entry.targetType === 'country') country ??= sp.entry.target;
      if (sp.entry.kind === 'organization') org ??= sp.entry.target;
      gspans.push(sp);
      i = sp.to;
      continue;
    }
    if (sc.words.determiners.has(t.key)) definite = isDefinite(t.key);
    else if (lex.titles.qualifiers.noGovernment.has(t.key)) noGov = true;
    else if (!lex.titles.qualifiers.keep.has(t.key)) break;
    i++;
  }
  const r = roles.at.get(i);
  if (!r || !(definite || country || org) || lex.titles.titleOnlyForms.has(r.form)) return undefined;
  if (!country && toks[r.to]?.key === 'of') {
    const ofG = gz.at.get(r.to + 1);
    if (ofG?.entry.targetType === 'country') country = ofG.entry.target;
  }
  return { role: r, roleText: r.form, definite, country, org, noGov, gspans, npStart: a };
}
