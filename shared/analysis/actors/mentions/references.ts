// Pass 5: mentions that name no one by name. An organisation described by its size ("the
// country's largest trade union"); references back ("the council", "the agency": an organisation
// named before; "the country": the topic country); groups ("the opposition", "opposition
// protesters"); a party by its members ("the Socialists"); "the government" (the home government);
// and pronouns. Resolution decides what each refers to.

import { slug } from '../keys.js';
import type { GazetteerSpans, RoleSpans, SentenceScope } from './scope.js';
import type { RawMention, Token } from './types.js';

/** "the Socialists", "the Islamists", "the Nationalists": a capitalised plural of members. */
const PARTY_PLURAL = /^\p{Lu}\p{Ll}+(?:ists|ives)$/u;

/** "the country's largest trade union confederation": an unnamed organisation described by its size. */
export function findDescribedOrganisations(sc: SentenceScope, roles: RoleSpans): void {
  const { toks, words } = sc;
  const isHead = (t: Token): boolean => words.describedOrgHeads.has(t.key) && !t.cap;
  for (let i = sc.from + 1; i < sc.end; i++) {
    const t = toks[i];
    if (!t.word || t.cap || !words.sizeAdjectives.has(t.key)) continue;
    const p = toks[i - 1];
    if (!(p.key === 'the' || p.poss)) continue;
    let k = i + 1;
    while (k < sc.end && k <= i + sc.lex.tuning.limits.describedOrgMaxWords && describes(sc, k)) k++;
    if (k >= sc.end || k === i + 1 || !isHead(toks[k]) || roles.cover.has(k)) continue;
    // "trade union confederation": the last of several head nouns
    while (k + 1 < sc.end && !toks[k].poss && isHead(toks[k + 1])) k++;
    const name = sc.text.slice(t.start, toks[k].end);
    sc.out.push({ start: t.start, end: toks[k].end, text: name, sentence: sc.sentence, kind: 'organization', target: slug(name), targetType: 'organization', tokStart: i, tokEnd: k + 1, npStart: i - 1, quote: t.quote, possessive: toks[k].poss || undefined });
    i = k;
  }
}

/** A word between a size adjective and the head noun: lower case, no head, preposition or verb ("trade", the apostrophe of "workers'"). */
function describes(sc: SentenceScope, k: number): boolean {
  const { toks, words } = sc;
  const t = toks[k];
  const possessiveMark = (t.text === "'" || t.text === '’') && toks[k - 1].poss;
  return (t.word || possessiveMark) && !t.cap && !words.describedOrgHeads.has(t.key) && !words.prepositions.has(t.key) && !words.subjectVerbs.has(t.key);
}

/** "the council", "the country", "the Socialists", "the opposition", "opposition protesters". */
export function findDefiniteReferences(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans): void {
  const { toks, words } = sc;
  for (let i = sc.from + 1; i < sc.end; i++) {
    const t = toks[i];
    let p = toks[i - 1];
    if (!t.word || gz.cover.has(i) || roles.cover.has(i)) continue;
    // "the militant group", "the Georgian opposition": one modifier between "the" and the noun
    const modifierBetween = (p.word && !p.cap && words.anaphorModifiers.has(p.key)) || (gz.cover.has(i - 1) && words.groupNouns.has(t.key));
    if (p.key !== 'the' && i - 2 >= sc.from && toks[i - 2].key === 'the' && !t.cap && modifierBetween) p = toks[i - 2];
    const nx = i + 1 < sc.end ? toks[i + 1] : undefined;
    // "opposition protesters", "opposition parties": the members of the group stand for it
    if (!t.cap && words.groupNouns.has(t.key) && nx && nx.word && !nx.cap && words.groupMembers.has(nx.key) && !roles.cover.has(i + 1)) {
      sc.out.push({ start: t.start, end: nx.end, text: sc.text.slice(t.start, nx.end), sentence: sc.sentence, kind: 'organization', target: t.key, targetType: 'group', tokStart: i, tokEnd: i + 2, npStart: p.key === 'the' ? i - 1 : i, quote: t.quote, possessive: nx.poss || undefined });
      i++;
      continue;
    }
    if (p.key !== 'the') continue;
    if (!t.cap && words.groupNouns.has(t.key) && !(nx && continuesNounPhrase(sc, nx))) groupMention(sc, gz, i);
    else referenceMention(sc, i, nx);
  }
}

/** A lower-case word after a noun that makes the noun a modifier ("the opposition leader"), unlike a verb, preposition or conjunction. */
function continuesNounPhrase(sc: SentenceScope, nx: Token): boolean {
  return nx.word && !nx.cap && !sc.words.subjectVerbs.has(nx.key) && !sc.words.prepositions.has(nx.key) && !sc.words.coordinators.has(nx.key);
}

/** "the opposition", "the junta": the mention replaces a country word that only qualifies it ("the Georgian opposition"). */
function groupMention(sc: SentenceScope, gz: GazetteerSpans, i: number): void {
  const t = sc.toks[i];
  for (let q = sc.outStart; q < sc.out.length; q++) if (sc.out[q].tokEnd === i && gz.cover.has(i - 1) && sc.out[q].targetType === 'country') sc.out[q].modifier = true;
  sc.out.push({ start: t.start, end: t.end, text: t.text, sentence: sc.sentence, kind: 'organization', target: t.key, targetType: 'group', tokStart: i, tokEnd: i + 1, npStart: i - 1, quote: t.quote, possessive: t.poss || undefined });
}

/** "the council" (not "the council of ..."), "the country", "the Socialists". */
function referenceMention(sc: SentenceScope, i: number, nx: Token | undefined): void {
  const t = sc.toks[i];
  const base = { start: t.start, end: t.end, text: t.text, sentence: sc.sentence };
  if (!t.cap && sc.lex.organizations.headNounAnaphora.has(t.key) && !(nx && sc.words.complementPrepositions.has(nx.key))) {
    sc.out.push({ ...base, kind: 'orgref', name: t.key, tokStart: i, tokEnd: i + 1, npStart: i - 1, quote: t.quote, possessive: t.poss || undefined });
  } else if (!t.cap && sc.words.countryNouns.has(t.key)) {
    sc.out.push({ ...base, kind: 'countryref', tokStart: i, tokEnd: i + 1, npStart: i - 1, quote: t.quote, possessive: t.poss || undefined });
  } else if (t.cap && PARTY_PLURAL.test(t.text) && !sc.lowerSeen.has(t.key)) {
    partyByMembers(sc, i);
  }
}

/** "the Socialists": replaces the surname candidate the capitalised-run pass left for this word. */
function partyByMembers(sc: SentenceScope, i: number): void {
  const t = sc.toks[i];
  let k = -1;
  for (let q = sc.outStart; q < sc.out.length; q++) {
    const x = sc.out[q];
    if (x.kind === 'surname' && x.tokStart === i && x.tokEnd === i + 1) k = q;
    else if (x.kind !== 'surname' && x.tokStart <= i && i < x.tokEnd) return; // part of another mention
  }
  const m: RawMention = { start: t.start, end: t.end, text: t.text, sentence: sc.sentence, kind: 'organization', target: slug(t.text), targetType: 'organization', tokStart: i, tokEnd: i + 1, npStart: i - 1, quote: t.quote, possessive: t.poss || undefined };
  if (k >= 0) sc.out[k] = m;
  else sc.out.push(m);
}

/** Bare "the government" / "the Cabinet": the home government, resolved later (R5). */
export function findHomeGovernment(sc: SentenceScope, gz: GazetteerSpans): void {
  const { toks } = sc;
  for (let i = sc.from; i < sc.end; i++) {
    const t = toks[i];
    if (!t.word || gz.cover.has(i) || !sc.lex.bodies.homeGovernmentNouns.has(t.key)) continue;
    if (i - 1 < sc.from || toks[i - 1].key !== 'the' || gz.cover.has(i - 1)) continue;
    sc.out.push({ start: t.start, end: t.end, text: t.text, sentence: sc.sentence, kind: 'government', tokStart: i, tokEnd: i + 1, npStart: i - 1, quote: t.quote, possessive: t.poss || undefined });
  }
}

/** Personal pronouns outside person names ("He Lingyun" is a name). */
export function findPronouns(sc: SentenceScope): void {
  const { toks } = sc;
  const nameTok = new Set<number>();
  for (let k = sc.outStart; k < sc.out.length; k++) if (sc.out[k].kind === 'person') for (let q = sc.out[k].tokStart; q < sc.out[k].tokEnd; q++) nameTok.add(q);
  for (let i = sc.from; i < sc.end; i++) {
    const t = toks[i];
    if (!t.word) continue;
    const p = sc.words.pronouns.get(t.key);
    if (!p || nameTok.has(i)) continue;
    sc.out.push({ start: t.start, end: t.end, text: t.text, sentence: sc.sentence, kind: 'pronoun', pronoun: p, tokStart: i, tokEnd: i + 1, npStart: i, quote: t.quote });
  }
}
