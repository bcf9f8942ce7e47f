// Pass 3: capitalised runs not covered by a gazetteer or role span. A run is, in this order: a
// place ("St Petersburg"), an organisation (name-organisations.ts: listed in PETRARCH2's
// dictionaries, or recognised by its form), a person (a title or honorific
// before it, an apposition next to it, or two or more tokens at least one of which is no ordinary
// English word), or a weak kind left for resolution to confirm or drop: a single capitalised word
// ('surname': a person's surname, an organisation's short name, or nothing) or a name made of
// ordinary words before a comma or reporting verb ('weakname': "Robin Cook", a person only if
// "Mr Cook" follows).

import { apposition, leftContext, type LeftContext } from './left-context.js';
import { headWordOrganisation, linkedOrganisation, listedOrganisation, partyNounOrganisation, publicationMedium, unknownAcronymOrganisation, type NameRun } from './name-organisations.js';
import { isHonorific, opensClause, type GazetteerSpans, type RoleSpans, type SentenceScope } from './scope.js';
import type { RawMention, RSpan } from './types.js';

/** "World War II", "Apollo 11": a trailing numeral, after which the word before is the head. */
const TRAILING_NUMERAL = /^[IVX]+$|^\d+$/;

export function findNames(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans): void {
  for (let i = sc.from; i < sc.end; i++) {
    if (!isNameToken(sc, gz, roles, i)) continue;
    const run = readRun(sc, gz, roles, i);
    if (run.toks.length === 0) continue;
    i = nameFromRun(sc, gz, roles, run) - 1;
  }
}

/** A capitalised word that may be part of a name (not inside a span, not an honorific, not "The"). */
function isNameToken(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans, j: number): boolean {
  const t = sc.toks[j];
  if (!t.word || !t.cap || gz.cover.has(j) || roles.cover.has(j) || isHonorific(sc, j)) return false;
  return !sc.words.neverName.has(t.key) || isPronounSurname(sc, gz, j);
}

/** "He Lingyun", "Mr He": a pronoun-looking surname before an unknown capitalised word or after an honorific. */
function isPronounSurname(sc: SentenceScope, gz: GazetteerSpans, j: number): boolean {
  const { toks } = sc;
  if (!sc.words.pronounSurnames.has(toks[j].key) || !toks[j].cap) return false;
  const nx = toks[j + 1];
  return (j + 1 < sc.end && nx.cap && nx.word && !gz.cover.has(j + 1) && !sc.common(nx.key)) || isHonorific(sc, j - 1);
}

/** The run of name tokens from token i (with connectors: "Ursula von der Leyen") and where it ends. */
function readRun(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans, i: number): { toks: number[]; next: number } {
  const { toks } = sc;
  const run: number[] = [];
  let j = i;
  while (j < sc.end) {
    const tj = toks[j];
    if (isNameToken(sc, gz, roles, j)) {
      run.push(j);
      j++;
      if (tj.poss) break;
      // initial with a period: "George W. Bush"
      if (/^\p{Lu}$/u.test(tj.text) && toks[j]?.text === '.' && toks[j].start === tj.end) j++;
      continue;
    }
    const connects = run.length > 0 && j + 1 < sc.end && toks[j + 1].cap && toks[j + 1].word && !gz.cover.has(j + 1);
    if (tj.word && !tj.cap && sc.words.nameConnectors.has(tj.key) && connects) {
      run.push(j);
      j++;
      continue;
    }
    break;
  }
  return { toks: run, next: j };
}

/** Classifies one run; returns the token after it (an organisation's name may reach further). */
function nameFromRun(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans, run: { toks: number[]; next: number }): number {
  const kept = stripOpeners(sc, roles, run.toks);
  if (kept.length < run.toks.length) weakNameOfWholeRun(sc, run.toks);
  if (kept.length === 0) return run.next;
  const name: NameRun = { toks: kept, a: kept[0], b: kept[kept.length - 1] };
  const { toks, lex } = sc;
  if (lex.places.namePrefixes.has(toks[name.a].text)) return run.next; // "St Petersburg", "Fort Worth": a place
  if (listedOrganisation(sc, gz, name)) return run.next;
  if (unknownAcronymOrganisation(sc, name)) return run.next;
  const linkedEnd = linkedOrganisation(sc, gz, roles, name);
  if (linkedEnd !== undefined) return Math.max(run.next, linkedEnd);
  if (partyNounOrganisation(sc, name)) return run.next;
  const last = toks[name.b];
  const head = TRAILING_NUMERAL.test(last.text) && kept.length > 1 ? toks[kept[kept.length - 2]] : last;
  if (lex.organizations.notActorHeads.has(head.text)) return run.next;
  if (lex.organizations.publicationHeads.has(head.text)) {
    publicationMedium(sc, name); // "The Straits Times"; a lone "News" or "Post" is nobody
    return run.next;
  }
  if (headWordOrganisation(sc, gz, roles, name)) return run.next;
  personOrCandidate(sc, gz, roles, name);
  return run.next;
}

/** Strips ordinary words capitalised only because they open the sentence, and days and months. */
function stripOpeners(sc: SentenceScope, roles: RoleSpans, run: readonly number[]): number[] {
  const { toks, words } = sc;
  const kept = [...run];
  while (kept.length > 0) {
    const k = kept[0];
    const key = toks[k].key;
    // "Talks", "Human" open sentences; "Tony Blair" keeps "Tony" (an unknown word follows and
    // "tony" is not seen in lower case here)
    const nextKey = kept.length > 1 ? toks[kept[1]].key : undefined;
    // "Donald Trump spoke. Trump criticised China.": the surname of a person named before is a name
    const ordinaryOpener = opensClause(sc, k) && sc.common(key) && !(kept.length === 1 && surnameOfNamed(sc, key))
      && (sc.lowerSeen.has(key) || words.sentenceAdverbs.has(key) || nextKey === undefined || sc.common(nextKey));
    const titledHere = isHonorific(sc, k - 1) || roles.endAt.has(k) || (toks[k - 1]?.text === '.' && isHonorific(sc, k - 2));
    if ((words.daysAndMonths.has(key) && !titledHere) || ordinaryOpener) kept.shift();
    else break;
  }
  return kept;
}

/** A person of two or more words named earlier in the text ends with this word. */
function surnameOfNamed(sc: SentenceScope, key: string): boolean {
  return sc.out.some((m) => m.kind === 'person' && m.tokEnd - m.tokStart >= 2 && sc.toks[m.tokEnd - 1].key === key);
}

/** "Robin Cook, who ...": a short run that lost its opener may be a given name after all; resolution decides. */
function weakNameOfWholeRun(sc: SentenceScope, run: readonly number[]): void {
  const { toks } = sc;
  const first = run[0];
  const last = run[run.length - 1];
  if (run.length > sc.lex.tuning.limits.weakNameMaxTokens || run.length < 2 || sc.words.daysAndMonths.has(toks[first].key)) return;
  if (!nameFollows(sc, last + 1)) return;
  const fa = toks[first];
  const fb = toks[last];
  sc.out.push({
    start: fa.start, end: fb.end, text: sc.text.slice(fa.start, fb.end), sentence: sc.sentence, kind: 'weakname',
    name: run.map((k) => toks[k].text).join(' '), tokStart: first, tokEnd: last + 1,
    npStart: first, quote: fa.quote, possessive: fb.poss || undefined,
  });
}

/**
 * What follows a name made of ordinary words when it is one: a comma (apposition), a reporting
 * verb or auxiliary, or a bracket ("Robin Cook, who...", "Jack Straw said"); not a headline's
 * quote or object ("End Bush 'denial'").
 */
function nameFollows(sc: SentenceScope, k: number): boolean {
  if (k >= sc.end) return false;
  const t = sc.toks[k];
  return t.text === ',' || t.text === '(' || sc.words.subjectVerbs.has(t.key);
}

/** Person: a title or honorific before, an apposition next to it, or a name of two or more tokens not all ordinary words. */
function personOrCandidate(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans, name: NameRun): void {
  const { toks, lex } = sc;
  const { a, b } = name;
  const last = toks[b];
  const left = leftContext(sc, gz, roles, a);
  const app = left.role ? undefined : apposition(sc, gz, roles, left.npStart ?? a, b + 1);
  const allInitialOk = name.toks.every((k) => toks[k].text.length > 1 || /^\p{Lu}$/u.test(toks[k].text));
  const nonCommon = name.toks.some((k) => !sc.common(toks[k].key) && !sc.words.nameConnectors.has(toks[k].key));
  // "General Motors", "Prime Minister's Questions": a title before a plural ordinary word or a
  // head word is part of some other name
  const pluralOrdinary = sc.common(last.key) && /s$/.test(last.key) && sc.common(last.key.slice(0, -1));
  const titleBlocked = name.toks.length === 1 && left.honorific === undefined
    && (pluralOrdinary || lex.organizations.headWords.has(last.text) || lex.organizations.notActorHeads.has(last.text) || lex.organizations.publicationHeads.has(last.text));
  const roleOk = left.role !== undefined && !toks[left.role.to - 1].poss && !titleBlocked;
  const isPerson = allInitialOk && (left.honorific !== undefined || roleOk || (app !== undefined && !titleBlocked) || (name.toks.length >= 2 && nonCommon));
  if (isPerson) emitPerson(sc, gz, roles, name, roleOk ? left : app, left, app);
  else if (name.toks.length === 1) emitSurname(sc, b);
  else if (name.toks.length <= lex.tuning.limits.weakNameMaxTokens && allInitialOk && nameFollows(sc, b + 1)) {
    // "Robin Cook": a name made of ordinary words, kept in case "Mr Cook" shows it is one
    const startOff = toks[a].start;
    sc.out.push({
      start: startOff, end: last.end, text: sc.text.slice(startOff, last.end), sentence: sc.sentence, kind: 'weakname',
      name: name.toks.map((k) => toks[k].text).join(' '), tokStart: a, tokEnd: b + 1, npStart: a, quote: toks[a].quote, possessive: last.poss || undefined,
    });
  }
}

/** A single capitalised word that is no person by itself: a surname candidate; "Yukos said": an organisation guess. */
function emitSurname(sc: SentenceScope, b: number): void {
  const { toks, words } = sc;
  const last = toks[b];
  const m: RawMention = {
    start: last.start, end: last.end, text: last.text, sentence: sc.sentence, kind: 'surname', name: last.text,
    tokStart: b, tokEnd: b + 1, npStart: b, quote: last.quote, possessive: last.poss || undefined,
  };
  // "Yukos said": an unknown word reporting something is an organisation unless it is a person's name
  const nx = b + 1 < sc.end ? toks[b + 1] : undefined;
  const pv = b - 1 >= sc.from ? toks[b - 1] : undefined;
  if (nx && words.orgGuessVerbs.has(nx.key) && !last.poss && !sc.common(last.key) && !sc.lowerSeen.has(last.key) && !(pv && words.prepositions.has(pv.key))) m.orgGuess = true;
  if (sc.common(last.key)) m.ordinaryWord = true;
  if (sc.lowerSeen.has(last.key)) m.seenLower = true;
  if (!pv || !pv.word && !/^[,;]$/.test(pv.text)) m.clauseInitial = true;
  // "from Herat": a word the text keeps using mostly after these is a place (resolve/emit.ts)
  if (pv && (words.placePrepositions.has(pv.key) || words.locativePrepositions.has(pv.key)) && !last.poss) m.locative = true;
  sc.out.push(m);
}

/** The person mention, with its title's role, country, body or party (`ctx`: the title before it, or the apposition). */
function emitPerson(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans, name: NameRun, ctx: LeftContext | undefined, left: LeftContext, app: LeftContext | undefined): void {
  const { toks } = sc;
  const { a, b } = name;
  const last = toks[b];
  const startOff = toks[a].start;
  const m: RawMention = {
    start: startOff, end: last.end, text: sc.text.slice(startOff, last.end), sentence: sc.sentence, kind: 'person',
    name: name.toks.map((k) => toks[k].text).join(' '), tokStart: a, tokEnd: b + 1, npStart: left.npStart ?? a, quote: toks[a].quote,
    titled: name.toks.length === 1,
  };
  if (last.poss) m.possessive = true;
  if (left.honorific === 'm' || left.honorific === 'f') m.gender = left.honorific;
  if (ctx?.role) {
    applyRole(m, ctx.role, ctx);
    roles.consumed.add(ctx.role);
  }
  if (ctx) applyTitleContext(sc, gz, m, ctx);
  if (app) m.npStart = Math.min(m.npStart, app.npStart ?? m.npStart);
  const possessor = ctx?.possessorTok !== undefined ? possessorOf(sc, ctx.possessorTok) : undefined;
  if (possessor !== undefined) m.rolePossessor = possessor;
  // "near Khan Younis": a name right after a locative preposition may be a place (resolution decides)
  const pre = m.npStart - 1 >= sc.from ? toks[m.npStart - 1] : undefined;
  if (pre && sc.words.placePrepositions.has(pre.key) && !last.poss) m.locative = true;
  sc.out.push(m);
}

/** What the title says: the role, the words used, whether it acts for a government, a gender, a country hint. */
function applyRole(m: RawMention, role: RSpan, ctx: LeftContext): void {
  m.role = role.role.key;
  m.roleText = ctx.roleText ?? role.form;
  m.government = ctx.noGov ? false : role.role.government;
  if (role.role.gender) m.gender = role.role.gender;
  const gb = role.role.genderByForm?.[role.form];
  if (gb) m.gender = gb;
  if (role.role.countryHint) m.countryHint = role.role.countryHint;
}

/**
 * The country, body or party of the title. "Russian Defense Minister", "Tory leader": the country
 * or party word qualifies the title (a modifier); "US Treasury Under-Secretary": the body only
 * qualifies it (inside the title, not an actor of its own).
 */
function applyTitleContext(sc: SentenceScope, gz: GazetteerSpans, m: RawMention, ctx: LeftContext): void {
  if (ctx.country) m.roleCountry = ctx.country;
  if (ctx.body) {
    m.roleBody = gz.mention.get(ctx.body);
    if (m.roleBody !== undefined) sc.out[m.roleBody].inTitle = true;
  }
  if (ctx.org) m.roleOrg = ctx.org;
  for (const gs of ctx.gspans) {
    const idx = gz.mention.get(gs);
    if (idx !== undefined && !sc.out[idx].possessive) sc.out[idx].modifier = true;
  }
}

/** "Mr Sharon's spokesman": the index of the person (or surname) mention at the possessor token, if any. */
function possessorOf(sc: SentenceScope, tok: number): number | undefined {
  for (let q = sc.outStart; q < sc.out.length; q++) {
    const x = sc.out[q];
    if ((x.kind === 'person' || x.kind === 'surname') && x.tokStart <= tok && tok < x.tokEnd) return q;
  }
  return undefined;
}
