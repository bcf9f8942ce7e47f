// Pass 3, organisations among the capitalised runs: an unknown acronym acting as a subject ("the
// CBI said"), a head word joined to more name ("Institute for Fiscal Studies", "Business Council
// of Australia"), a name before a party noun ("the Free Citizens party"), a name ending in a head
// word or after an introducer ("... Human Rights Commission", "group Liberty"). Each returns
// whether (or, for a linked name, how far) it took the run.

import { slug } from '../keys.js';
import { organizationByName } from '../petrarch.js';
import { opensClause, type GazetteerSpans, type RoleSpans, type SentenceScope } from './scope.js';
import type { GSpan, RawMention } from './types.js';

/** A capitalised run after its openers were stripped: token indices, first and last. */
export interface NameRun {
  toks: number[];
  a: number;
  b: number;
}

/**
 * "Hezbollah", "Goldman Sachs", "Amnesty International", "Nigeria's Red Cross": a name PETRARCH2's
 * dictionaries list as an organisation (a company, NGO, armed group, medium or international
 * body), with a place, country or demonym right before it when the two together are the listed
 * name. A single word that is also an ordinary English word ("Apple", "Total") is left to the
 * other rules, which need more evidence. Members' names ("Khaled Meshaal" under Hamas) are not
 * organisations, nor are the leaders the dictionaries code as their armed group ("Osama bin
 * Laden": a personal name's particle inside the run).
 */
export function listedOrganisation(sc: SentenceScope, gz: GazetteerSpans, name: NameRun): boolean {
  const { toks, text } = sc;
  const { a, b } = name;
  const before = gz.endAt.get(a);
  const withBefore = before && !toks[before.to - 1].poss && !before.partial ? before : undefined;
  for (const from of withBefore ? [withBefore.from, a] : [a]) {
    if (from === a && name.toks.length === 1 && (sc.common(toks[a].key) || toks[a].text.length < 2)) continue;
    const found = organizationByName(text.slice(toks[from].start, toks[b].end));
    if (!found || found.member) continue;
    const o = found.organization;
    if (o.kind === 'armed-group' && name.toks.some((k) => sc.words.nameConnectors.has(toks[k].key) && !toks[k].cap)) return false;
    if (from !== a) markInTitle(sc, gz, withBefore!);
    sc.out.push({
      start: toks[from].start, end: toks[b].end, text: text.slice(toks[from].start, toks[b].end), sentence: sc.sentence,
      kind: 'organization', target: o.projectId ?? slug(o.name), targetType: o.type, targetName: o.name,
      tokStart: from, tokEnd: b + 1, npStart: from, quote: toks[from].quote, possessive: toks[b].poss || undefined,
    });
    return true;
  }
  return false;
}

/**
 * "The Deseret News", "the Moscow Times", "Straits Times": a name of two or more words ending in a
 * publication's head word is a newspaper or magazine, which DESIGN.md counts as an actor (media).
 */
export function publicationMedium(sc: SentenceScope, name: NameRun): boolean {
  if (name.toks.length < 2) return false;
  const { toks, text } = sc;
  const { a, b } = name;
  const written = text.slice(toks[a].start, toks[b].end);
  sc.out.push({
    start: toks[a].start, end: toks[b].end, text: written, sentence: sc.sentence,
    kind: 'organization', target: slug(written), targetType: 'media', targetName: written,
    tokStart: a, tokEnd: b + 1, npStart: a, quote: toks[a].quote, possessive: toks[b].poss || undefined,
  });
  return true;
}

/** An unknown acronym: three to six capitals ("CBI", "IFS"), not a Roman numeral. */
const ACRONYM = /^(?![IVXLCDM]+$)[A-Z]{3,6}$/;

/** "the CBI said", "The IFS warned": an unknown acronym acting as a subject is an organisation. */
export function unknownAcronymOrganisation(sc: SentenceScope, name: NameRun): boolean {
  const { toks } = sc;
  const { a, b } = name;
  const last = toks[b];
  if (name.toks.length !== 1 || !ACRONYM.test(last.text) || last.poss) return false;
  const nx = b + 1 < sc.end ? toks[b + 1] : undefined;
  const prevThe = a - 1 >= sc.from && toks[a - 1].key === 'the';
  if (!(nx && sc.words.subjectVerbs.has(nx.key) && (prevThe || opensClause(sc, a)))) return false;
  sc.out.push({
    start: last.start, end: last.end, text: last.text, sentence: sc.sentence, kind: 'organization', target: slug(last.text),
    targetType: 'organization', tokStart: b, tokEnd: b + 1, npStart: prevThe ? a - 1 : a, quote: last.quote,
  });
  return true;
}

/**
 * "Institute for Fiscal Studies", "Council on Foreign Relations": a head word, of/for/on, a name;
 * "Business Council of Australia": a country (not a place) right after "of" ends the name. Returns
 * the token after the name when it took the run, else undefined.
 */
export function linkedOrganisation(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans, name: NameRun): number | undefined {
  const { toks, lex } = sc;
  const { a, b } = name;
  const last = toks[b];
  if (!lex.organizations.headWords.has(last.text) || last.poss || !(b + 2 < sc.end)) return undefined;
  const ofCountry = toks[b + 1].key === 'of' ? gz.at.get(b + 2) : undefined;
  if (ofCountry && ofCountry.entry.kind === 'country' && !ofCountry.partial && (name.toks.length >= 2 || gz.endAt.get(a)?.entry.kind === 'demonym')) {
    markInTitle(sc, gz, ofCountry);
    emitLinked(sc, gz, name, ofCountry.to - 1);
    return ofCountry.to;
  }
  if (!sc.words.orgLinks.has(toks[b + 1].key) || (gz.cover.has(b + 2) && !placeWordInName(sc, gz, b + 2))) return undefined;
  let k = b + 2;
  // names stop at weekdays and months ("the Labor Party on Wednesday"); they go on over "and" and
  // a second link ("Centre for Control of Iodine Deficiency Disorders") to more capitalised words,
  // and over a place word inside them ("Council on American-Islamic Relations")
  const joins = (j: number) => j > b + 2 && (toks[j].key === 'and' || sc.words.orgLinks.has(toks[j].key)) && !!toks[j + 1]?.cap && !gz.cover.has(j + 1);
  while (k < sc.end && toks[k].word && !sc.words.daysAndMonths.has(toks[k].key) && (toks[k].cap || joins(k)) && (!gz.cover.has(k) || placeWordInName(sc, gz, k)) && !roles.cover.has(k)) {
    k++;
    if (toks[k - 1].poss) break;
  }
  while (k > b + 2 && !toks[k - 1].cap) k--; // never end on a link word
  if (k <= b + 2 || gz.cover.has(k - 1)) return undefined; // "Council of Europe"-like endings are the gazetteer's
  emitLinked(sc, gz, name, k - 1);
  return k;
}

/** A demonym or place word inside a linked name, followed by more of the name ("American-Islamic Relations"). */
function placeWordInName(sc: SentenceScope, gz: GazetteerSpans, k: number): boolean {
  const sp = gz.at.get(k) ?? [...gz.at.values()].find((x) => x.from <= k && k < x.to);
  if (!sp || (sp.entry.kind !== 'demonym' && sp.entry.kind !== 'place' && sp.entry.kind !== 'country')) return false;
  const next = sc.toks[sp.to];
  return sp.to < sc.end && next.word && next.cap && !gz.cover.has(sp.to);
}

/**
 * The organisation of a linked name ending at token `orgEnd`. "European Bank for Reconstruction and
 * Development", "Australian Council of Trade Unions": a place, country or demonym word right
 * before is part of the name.
 */
function emitLinked(sc: SentenceScope, gz: GazetteerSpans, name: NameRun, orgEnd: number): void {
  const { toks, text } = sc;
  const before = gz.endAt.get(name.a);
  const pg = before && (before.entry.kind === 'place' || before.entry.kind === 'demonym' || before.entry.kind === 'country') && !toks[before.to - 1].poss && !before.partial ? before : undefined;
  if (pg) markInTitle(sc, gz, pg);
  for (const sp of gz.at.values()) if (sp.from > name.b && sp.to <= orgEnd + 1) markInTitle(sc, gz, sp); // "American" in "Council on American-Islamic Relations"
  const s0 = pg ? pg.from : name.a;
  const startOff = toks[s0].start;
  const endTok = toks[orgEnd];
  sc.out.push({
    start: startOff, end: endTok.end, text: text.slice(startOff, endTok.end), sentence: sc.sentence, kind: 'organization',
    target: slug(text.slice(startOff, endTok.end)), targetType: 'organization', tokStart: s0, tokEnd: orgEnd + 1, npStart: s0,
    quote: toks[name.a].quote, possessive: endTok.poss || undefined,
  });
}

/** "the small Free Citizens party": a name followed by a party noun is an organisation. */
export function partyNounOrganisation(sc: SentenceScope, name: NameRun): boolean {
  const { toks, text } = sc;
  const { a, b } = name;
  const last = toks[b];
  const after = b + 1 < sc.end ? toks[b + 1] : undefined;
  if (!(after && after.word && !after.cap && sc.lex.organizations.partyNouns.has(after.key) && !last.poss)) return false;
  if (!(name.toks.length >= 2 || !sc.common(last.key))) return false;
  const startOff = toks[a].start;
  sc.out.push({
    start: startOff, end: last.end, text: text.slice(startOff, last.end), sentence: sc.sentence, kind: 'organization',
    target: slug(text.slice(startOff, last.end)), targetType: 'organization', tokStart: a, tokEnd: b + 1, npStart: a,
    quote: toks[a].quote,
  });
  return true;
}

/** Organisations by head word ("... Human Rights Commission") or introducer ("group Liberty"). */
export function headWordOrganisation(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans, name: NameRun): boolean {
  const { toks, text, lex } = sc;
  const { a, b } = name;
  const last = toks[b];
  const before = a - 1 >= sc.from ? toks[a - 1] : undefined;
  const introduced = !!before && before.word && !before.cap && lex.organizations.introducers.has(before.key);
  if (!((name.toks.length >= 2 && lex.organizations.headWords.has(last.text)) || (introduced && !roles.endAt.has(a)))) return false;
  // "Guantanamo Human Rights Commission": absorb a place or country word right before
  const prev = gz.endAt.get(a);
  const pg = prev && prev.entry.kind !== 'organization' && prev.entry.kind !== 'body' && !toks[prev.to - 1].poss && !prev.partial ? prev : undefined;
  const absorbed = pg && !introduced ? pg : undefined;
  const s0 = absorbed ? absorbed.from : a;
  const startOff = toks[s0].start;
  const m: RawMention = {
    start: startOff, end: last.end, text: text.slice(startOff, last.end), sentence: sc.sentence, kind: 'organization',
    target: slug(text.slice(startOff, last.end)), targetType: 'organization', tokStart: s0, tokEnd: b + 1, npStart: s0,
    quote: toks[a].quote,
  };
  if (last.poss) m.possessive = true;
  if (absorbed) markInTitle(sc, gz, absorbed); // the absorbed place is part of the name, not a mention of its own
  sc.out.push(m);
  return true;
}

/** The mention of a gazetteer span is a word inside a longer name ("Norwegian Refugee Council"). */
function markInTitle(sc: SentenceScope, gz: GazetteerSpans, sp: GSpan): void {
  const idx = gz.mention.get(sp);
  if (idx !== undefined) sc.out[idx].inTitle = true;
}
