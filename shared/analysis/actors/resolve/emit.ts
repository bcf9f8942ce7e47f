// Building the actors: persons (with whom they act for), then every mention in text order tied to
// its actor by kind. Countries by ISO3; organisations, media and fixed bodies by their data id; a
// body that takes its country from the text by "<iso3>-<body id>"; places by slug.

import type { ActorType, MentionKind } from '../../types.js';
import { slug } from '../keys.js';
import type { RawMention } from '../mentions/index.js';
import type { ActorTable } from './actor-table.js';
import type { PersonEnt, Resolution } from './state.js';

/** "(RSF)" right after a name defines its acronym. */
const ACRONYM_DEFINITION = /^\s*\(([A-Z][A-Za-z0-9&.-]{1,9})\)/;
/** How far after a name ACRONYM_DEFINITION looks: a space or two, and the longest acronym it takes in brackets. */
const ACRONYM_DEFINITION_CHARS = 14;

/**
 * A full name only ever seen right after a locative preposition ("near Khan Younis"), with no
 * title, role or pronoun, is a place.
 */
export function placesFromLocativeNames(st: Resolution): void {
  const locativeOnly = new Map<PersonEnt, boolean>();
  for (const [x, e] of st.personOf) {
    const only = locativeOnly.get(e) ?? true;
    locativeOnly.set(e, only && x.kind === 'person' && !x.titled && !x.role && !!x.locative);
  }
  for (const [x, e] of [...st.personOf]) {
    if (!locativeOnly.get(e)) continue;
    st.personOf.delete(x);
    x.kind = 'place';
    x.target = slug(x.text);
  }
}

/** An actor for every person some mention still belongs to, with its country, role and whom it acts for. */
export function addPersonActors(st: Resolution, table: ActorTable): void {
  const used = new Set(st.personOf.values());
  for (const e of st.ents) {
    if (!used.has(e)) continue;
    const a = table.ensure(e.id, e.name, 'person', e.country);
    if (e.country) a.country = e.country;
    if (e.roleText) a.role = e.roleText;
    // "Nato Secretary-General Jens Stoltenberg", "the EU's foreign policy chief": an official of an
    // international organisation acts for it; one accredited to it ("Sudan's UN ambassador") does not
    const org = e.roleOrg ? st.g.orgs.get(e.roleOrg) : undefined;
    const accredited = e.role !== undefined && st.g.roles.get(e.role)?.accreditedToOrganisation === true;
    const forOrg = org && st.lex.organizations.officialsActFor.has(org.kind) && e.government !== false && !accredited ? org.id : undefined;
    const actsFor = e.country ?? forOrg;
    if (actsFor) a.actsFor = actsFor;
  }
}

/** What the emission of mentions looks up, computed once from all of them. */
interface TextIndex {
  /** Organisations found by head word, by the first word of their id ("menatep" -> Menatep Group). */
  unknownOrgsByFirst: Map<string, Map<string, string>>;
  /** Organisations not in the data, by id: their first text. */
  unknownOrgByName: Map<string, string>;
  /** "Rapid Support Forces (RSF)": acronyms the text defines. */
  acronymOf: Map<string, { id: string; name: string; type: ActorType }>;
  /** Targets named other than by a contextual metonym ("the bloc" counts only where the EU is named). */
  namedTargets: Set<string | undefined>;
  /**
   * Lone unknown capitalised words no person claims, by slug: how often, how often after "in",
   * "from"..., and whether the text treats one as a person ("Sanders, who", "Trump shifted his tone").
   */
  loneWords: Map<string, { count: number; locative: number; personLike: boolean }>;
}

function indexText(st: Resolution): TextIndex {
  const { g, ms } = st;
  const unknownOrgsByFirst = new Map<string, Map<string, string>>();
  const unknownOrgByName = new Map<string, string>();
  const acronymOf = new Map<string, { id: string; name: string; type: ActorType }>();
  for (const x of ms) {
    if (x.kind !== 'organization' || g.orgs.has(x.target!) || !x.target!.includes('-')) continue;
    const first = x.target!.slice(0, x.target!.indexOf('-'));
    const byId = unknownOrgsByFirst.get(first) ?? new Map<string, string>();
    if (!byId.has(x.target!)) byId.set(x.target!, x.text);
    unknownOrgsByFirst.set(first, byId);
  }
  for (const x of ms) if (x.kind === 'organization' && !g.orgs.has(x.target!)) unknownOrgByName.set(x.target!, x.text);
  // the text's own acronym beats the data's ("RSF" is also Reporters Without Borders) and any guess
  for (const x of ms) {
    if (x.kind !== 'organization' && x.kind !== 'body') continue;
    const def = ACRONYM_DEFINITION.exec(st.text.slice(x.end, x.end + ACRONYM_DEFINITION_CHARS));
    if (!def) continue;
    const o = g.orgs.get(x.target!);
    acronymOf.set(def[1], o ? { id: o.id, name: o.name, type: o.type } : { id: x.target!, name: x.text, type: 'organization' });
  }
  const namedTargets = new Set(ms.filter((x) => !(x.kind === 'metonym' && x.contextual)).map((x) => x.target).filter(Boolean));
  const loneWords = new Map<string, { count: number; locative: number; personLike: boolean }>();
  for (const x of ms) {
    if (x.kind !== 'surname' || st.personOf.has(x) || x.ordinaryWord) continue;
    const seen = loneWords.get(slug(x.text)) ?? { count: 0, locative: 0, personLike: false };
    seen.count++;
    if (x.locative) seen.locative++;
    // after a preposition the word is an oblique ("members of Scientology, who"; "in Scientology all
    // his life"): what follows it says nothing about it
    const before = /([\p{L}]+)\W*$/u.exec(st.text.slice(Math.max(0, x.start - PERSON_AFTER_CHARS), x.start))?.[1]?.toLowerCase();
    const oblique = before !== undefined && st.lex.words.prepositions.has(before);
    const after = st.text.slice(x.end, x.end + PERSON_AFTER_CHARS);
    if (!oblique && (RELATIVE_WHO.test(after) || GENDERED_AFTER.test(after))) seen.personLike = true;
    loneWords.set(slug(x.text), seen);
  }
  return { unknownOrgsByFirst, unknownOrgByName, acronymOf, namedTargets, loneWords };
}

/** "Sanders, who": a relative "who"; "Trump shifted his tone": a gendered pronoun within three words. */
const RELATIVE_WHO = /^\s*,?\s*who\b/iu;
const GENDERED_AFTER = /^\s*(?:[\p{L}'’-]+\s+){0,3}(?:he|his|him|himself|she|her|hers|herself)\b/iu;
const PERSON_AFTER_CHARS = 60;

/** Ties every mention, in text order, to its actor (making the actor when it is the first). */
export function emitMentions(st: Resolution, table: ActorTable): void {
  const ix = indexText(st);
  for (const m of st.ms) {
    if (emitReference(st, table, ix, m)) continue;
    const ent = st.personOf.get(m);
    if (ent) {
      table.emit(m, ent.id, st.resolved.get(m)?.kind ?? 'name');
      continue;
    }
    emitByKind(st, table, ix, m);
  }
}

/**
 * Mentions decided by what the text defined or named before them: a defined acronym, "the bloc"
 * after another bloc, a contextual metonym, a word inside a name, "the council", "the country",
 * and the short form of an unknown organisation. True when the mention was handled.
 */
function emitReference(st: Resolution, table: ActorTable, ix: TextIndex, m: RawMention): boolean {
  const ent = st.personOf.get(m);
  const acr = ix.acronymOf.get(m.text);
  if (acr && !ent && (m.kind === 'organization' || m.kind === 'surname' || m.kind === 'body')) {
    table.ensure(acr.id, acr.name, acr.type);
    table.emit(m, acr.id, 'code');
    return true;
  }
  const anaphorKinds = st.lex.organizations.anaphorKinds;
  if (m.kind === 'metonym' && m.contextual) {
    // "the bloc" is the EU only when no other bloc was named more recently (R6)
    const head = m.text.toLowerCase().split(/\s+/).pop()!;
    const id = anaphorKinds.has(head) ? table.latestOrgWithHead(m.start, head, anaphorKinds) : undefined;
    if (id && id !== m.target && (table.lastOrgMention.get(m.target!) ?? -1) < (table.lastOrgMention.get(id) ?? -1)) {
      table.emit(m, id, 'alias');
      return true;
    }
    if (!ix.namedTargets.has(m.target)) return true;
  }
  if (m.inTitle && m.kind !== 'body') return true; // a word inside an organisation's name
  if (m.kind === 'orgref') {
    const id = table.latestOrgWithHead(m.start, m.name!, anaphorKinds);
    if (id) table.emit(m, id, 'alias');
    return true;
  }
  if (m.kind === 'countryref') {
    const best = table.mostNamedCountry();
    if (best) table.emit(m, best, 'alias');
    return true;
  }
  if ((m.kind === 'weakname' || m.kind === 'surname') && !ent && ix.unknownOrgByName.has(slug(m.text))) {
    // "Popular Renewal's support" after "the Popular Renewal party"
    const id = slug(m.text);
    table.ensure(id, ix.unknownOrgByName.get(id)!, 'organization');
    table.emit(m, id, 'name');
    return true;
  }
  return false;
}

/** Mentions that name their actor themselves, by the kind the finder gave them. */
function emitByKind(st: Resolution, table: ActorTable, ix: TextIndex, m: RawMention): void {
  switch (m.kind) {
    case 'country':
    case 'demonym':
    case 'capital':
    case 'metonym':
      return emitCountryWord(st, table, m);
    case 'organization':
      return emitOrganisation(st, table, ix, m);
    case 'body':
      return emitBody(st, table, m);
    case 'place': {
      if (m.inTitle) return; // part of an organisation's name
      table.ensure(m.target!, st.g.places.get(m.target!) ?? m.text, 'place');
      return table.emit(m, m.target!, 'name');
    }
    case 'surname':
      return emitUnknownWord(st, table, ix, m);
    case 'role':
    case 'government': {
      const r = st.resolved.get(m);
      if (!r) return;
      if (/^[A-Z]{3}$/.test(r.id)) table.ensure(r.id, st.g.countryNames.get(r.id) ?? r.id, 'country');
      return table.emit(m, r.id, r.kind);
    }
    default:
  }
}

/** A country name, demonym, capital or metonym: the state (or organisation); "in Moscow": the city. */
function emitCountryWord(st: Resolution, table: ActorTable, m: RawMention): void {
  if ((m.kind === 'capital' || m.kind === 'metonym') && m.locative) {
    // "in Moscow", "a summit in Brussels": the city, not the state
    const id = slug(m.text);
    table.ensure(id, m.text, 'place');
    return table.emit(m, id, 'name');
  }
  if (/^[A-Z]{3}$/.test(m.target!)) {
    table.ensure(m.target!, st.g.countryNames.get(m.target!) ?? m.target!, 'country');
    const kind: MentionKind = m.kind === 'demonym' ? 'demonym' : m.kind === 'country' ? (isCode(m.text) ? 'code' : 'name') : 'metonym';
    return table.emit(m, m.target!, kind);
  }
  const o = st.g.orgs.get(m.target!);
  if (o) {
    table.ensure(o.id, o.name, o.type);
    table.emit(m, o.id, 'metonym');
  }
}

function emitOrganisation(st: Resolution, table: ActorTable, ix: TextIndex, m: RawMention): void {
  // "the Socialists" and "the Socialist Party" are one party (the id of a party named by its members)
  const partyId = !st.g.orgs.has(m.target!) && /s$/.test(m.text) ? `${slug(m.text.slice(0, -1))}-party` : undefined;
  if (partyId && ix.unknownOrgByName.has(partyId)) {
    table.ensure(partyId, ix.unknownOrgByName.get(partyId)!, 'organization');
    return table.emit(m, partyId, 'alias');
  }
  const o = st.g.orgs.get(m.target!);
  if (o) table.ensure(o.id, o.name, o.type);
  // The dictionaries write acronyms in title case ("Unita"): the text's own capitals win.
  else if (m.targetName) table.ensure(m.target!, sameLetters(m.text, m.targetName) ? m.text : m.targetName, m.targetType ?? 'organization');
  else table.ensure(m.target!, m.targetType === 'group' ? m.target! : m.text, m.targetType === 'group' ? 'group' : 'organization');
  table.emit(m, m.target!, isCode(m.text) ? 'code' : 'name');
}

/** "Chinese Foreign Ministry": a body without a fixed country is that country's, named with its demonym. */
function emitBody(st: Resolution, table: ActorTable, m: RawMention): void {
  if (m.inTitle) return; // "Foreign Ministry spokeswoman": the person acts, the body gives the country
  const b = st.g.bodies.get(m.target!)!;
  const country = st.bodyCountryOf.get(m);
  const id = b.country || !country ? b.id : `${country.toLowerCase()}-${b.id}`;
  const dem = country && !b.country ? st.g.demonymOf.get(country) : undefined;
  const body = table.ensure(id, dem ? `${dem} ${b.name}` : b.name, 'organization', country);
  if (country) body.actsFor = country;
  if (dem) {
    const cn = st.g.countryNames.get(country!)!;
    for (const alias of [`${cn}'s ${b.name}`, `${b.name} of ${cn}`]) if (!body.aliases.includes(alias)) body.aliases.push(alias);
  }
  table.emit(m, id, isCode(m.text) ? 'code' : 'name');
}

/**
 * A single capitalised word that is no person's name (those were resolved before): the short form
 * of an organisation found by its head word ("Menatep" for "Menatep Group"), or, reporting
 * something, an organisation of its own ("Yukos said"); else nothing.
 */
/**
 * A lone unknown capitalised word no person claims: the short form of an organisation the text
 * names ("Menatep" after "Menatep Group"); an organisation when it reports something ("Yukos
 * said"); and a name the text keeps using with no person behind it ("Scientology", "Twitter",
 * repeatedNameMinMentions times or more, never followed by "who" or a gendered pronoun) is an
 * organisation, or a place when it mostly follows "in", "from", "to". Anything else is dropped:
 * it is usually no name.
 */
function emitUnknownWord(st: Resolution, table: ActorTable, ix: TextIndex, m: RawMention): void {
  const id = slug(m.text);
  const named = ix.unknownOrgsByFirst.get(id);
  if (named && named.size === 1) {
    const [orgId, name] = [...named][0];
    table.ensure(orgId, name, 'organization');
    return table.emit(m, orgId, 'alias');
  }
  const lone = ix.loneWords.get(id);
  const repeated = lone !== undefined && lone.count >= st.lex.tuning.limits.repeatedNameMinMentions && !lone.personLike;
  if (!m.orgGuess && !repeated) {
    const read = loneNameFromTree(st, m);
    if (read) {
      table.ensure(id, m.text, read);
      table.emit(m, id, read === 'person' ? 'surname' : 'name');
    }
    return;
  }
  const place = repeated && !m.orgGuess && lone.locative * 2 > lone.count;
  table.ensure(id, m.text, place ? 'place' : 'organization');
  table.emit(m, id, 'name');
}

/**
 * "Kasich attacked the plan", "said Sopheap": a lone unknown proper noun the parse makes the
 * subject, object, possessor or agent of its clause (loneNameRelations), or the party a preposition
 * names ("behind McCain", loneNamePartyCases), is a person's surname, and an acronym so placed an
 * organisation ("the AARP", "thanked FEMA"); after a locative preposition ("from Birmingham") it
 * is a place; anything else (a compound, "of Maine", a word the tagger reads as no proper noun)
 * stays nobody.
 */
function loneNameFromTree(st: Resolution, m: RawMention): 'person' | 'place' | 'organization' | undefined {
  // an English word ("Trump", "Bush") counts only mid-clause, where its capital means a name, and
  // only when this text never writes it in lower case; an acronym is no word ("FEMA")
  const acronym = LONE_ACRONYM.test(m.text) && !m.possessive;
  if (m.seenLower || !acronym && (m.ordinaryWord && m.clauseInitial || !/^\p{Lu}\p{Ll}/u.test(m.text)) || /[\d]|-\p{Ll}/u.test(m.text)) return undefined; // no numbers, "Dubai-registered"
  const parsed = st.treeOf?.(m.sentence);
  if (!parsed) return undefined;
  const { tokens, tree } = parsed;
  let k = tokens.findIndex((t) => t.start <= m.start && m.start < t.end);
  if (k < 0) return undefined;
  // a word in capitals among others is a shouted headline, not an acronym; one that is also an
  // English word ("GDP", "TV", "HIV" are in the lexicon, and so are "EPA" and "NFL") names an
  // organisation only with its article ("the EPA")
  if (acronym && [tokens[k - 1], tokens[k + 1]].some((t) => t && /^\p{Lu}{2,}$/u.test(t.text))) return undefined;
  if (acronym && m.ordinaryWord && tokens[k - 1]?.lower !== 'the') return undefined;
  // a singular proper noun, whole: not "Muslims", "Kurds" (a people), not "Calif." (an abbreviation)
  if (tokens[k].tag !== 'PROPN|NNP' || tokens[k].text.endsWith('.') || tokens[k + 1]?.text === '.' && tokens[k + 1].start === tokens[k].end && k + 2 < tokens.length) return undefined;
  const words = st.lex.words;
  const named = acronym ? 'organization' : 'person';
  // its own preposition first: "from Birmingham" is a place whatever the parse attached it to
  // (a possessive "'s" hangs on its noun as `case` too: "Obama's Department of Justice")
  const cases = tokens.filter((_, j) => tree.head[j] === k && tree.deprel[j] === 'case').map((t) => t.lower).filter((c) => !POSSESSIVE_MARKER.test(c));
  if (cases.some((c) => words.locativePrepositions.has(c) || words.placePrepositions.has(c))) return acronym ? undefined : 'place';
  // "behind McCain"; an English word there is rather a title's ("For Inspiration and Recognition")
  if (cases.length) return cases.every((c) => words.loneNamePartyCases.has(c)) && (acronym || !m.ordinaryWord) ? named : undefined;
  // "the Obama administration", "the Netanyahu government": a name compounded with a government
  // head noun names the person who heads it, who stands for it
  if (!acronym && tree.deprel[k] === 'compound' && tree.head[k] >= 0 && st.lex.bodies.governmentHeads.has(tokens[tree.head[k]].lower)) return 'person';
  // a name stands alone: "the New Mexico Democrat", "every Republican", "Treasury Department" are
  // nouns (an acronym takes its article: "the AARP")
  if (tokens.some((_, j) => tree.head[j] === k && words.loneNameBlockingRelations.has(tree.deprel[j]) && !(acronym && tree.deprel[j] === 'det'))) return undefined;
  while (tree.deprel[k] === 'conj' && tree.head[k] >= 0) k = tree.head[k]; // "Trump and Pence said": as the first conjunct
  return words.loneNameRelations.has(tree.deprel[k]) ? named : undefined;
}

/** The possessive marker as EWT splits it off: "'s", "'", "’s". */
const POSSESSIVE_MARKER = /^['’]s?$/;

/** An acronym: two to six capitals ("FEMA", "AARP", "EPA"). */
const LONE_ACRONYM = /^\p{Lu}{2,6}$/u;

function sameLetters(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** "US", "EU", "U.S.": written as a code. */
function isCode(s: string): boolean {
  return /^[\p{Lu}\p{N}.+\-]+$/u.test(s) && /\p{Lu}/u.test(s);
}
