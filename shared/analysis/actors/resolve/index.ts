// RESOLVING: turns the raw mentions of mentions.ts into actors with stable ids, and ties every
// mention it can to one actor.
//
// Ids: countries by ISO 3166-1 alpha-3; organisations, media and fixed state bodies by their id in
// ./data; a body that takes its country from the text by "<iso3>-<body id>" ("rus-foreign-ministry");
// persons by the slug of their longest name ("sergei-shoigu"), or of the surname when the text
// never gives more ("bush"); places by the slug of their first form.
//
// COREFERENCE RULE (each clause is tested in test/analysis/resolve.test.ts):
//  R1 Full names. Two names are one person when one is the other's ending ("Padrino Lopez" /
//     "Vladimir Padrino Lopez"; initials are ignored: "George Bush" / "George W Bush").
//     A name made of ordinary words ("Robin Cook") counts as a full name only when a titled
//     surname ("Mr Cook") matches it and no other full name does.
//  R2 Surnames. A lone surname or an honorific/title with a surname ("Maduro", "Mr Blair",
//     "President Bush") is the person with that surname (or, for a lone word, that given name)
//     mentioned most recently before it; if none was, the first one after it (headlines name people
//     before the text introduces them). With no such person, a titled surname starts a person of
//     its own ("Mr Kerry"); an untitled lone word is dropped (it is usually not a name), unless
//     it reports something ("Yukos said"), which makes it an organisation.
//  R3 Role nouns. A definite role noun ("the prime minister", "the Venezuelan president", "the Tory
//     leader") is the person holding that role whose country (and party, if one is named) agrees,
//     and whose standing agrees (a "shadow" or "former" holder only for a "shadow"/"former" noun),
//     most recently mentioned before it, else the first after it. A person whose country was unknown
//     takes the one the role noun names. With no holder, a role noun that names a country ("the
//     French president") is that country acting; one that names an international organisation
//     ("the UN secretary-general") is an office-holder person of its own; otherwise it stays
//     unresolved. A holder whose country is unknown takes a role noun naming a country only if
//     nobody else holds that role.
//  R4 Pronouns. he/him/his/himself and she/her/herself outside quotations refer to a person of
//     agreeing gender (unknown gender agrees with both), searched in this order: the subject of
//     the current sentence before the pronoun; the latest person mentioned earlier in the same
//     sentence; the subject of the nearest of the two previous sentences that has a person
//     subject; the latest person mentioned in those two sentences. Mentions inside quotations are
//     not antecedents of pronouns outside them, and a non-possessive pronoun is never the person
//     named later in its own sentence ("he said he trusted Mr Blair": he is not Blair). A resolved pronoun counts as a mention (and
//     antecedent) of its person and fixes its gender. Pronouns inside quotations, and they/them/
//     their, stay unresolved: in quotes they point at the speaker's world, and plural antecedents
//     are too often groups the text never names.
//  R6 "the council", "the agency", "the fund", "the bloc"... is the organisation mentioned latest
//     before it whose name ends in that word ("the UN Security Council" ... "the council").
//  R7 "the country" / "the nation" is the country named most often up to that point (ties: the
//     one named first): news uses it for the country the story is about.
//  R5 "the government" / "the Cabinet" with no country next to it is the government of the
//     country the latest government-acting person or body in it or the two sentences before acts
//     for; else of the country named most so far (as R7); else unresolved.
//
// ACTS FOR: `country` as below; `actsFor` is that country, or for officials of international
// organisations ("Nato Secretary-General ...", "the EU's foreign policy chief") the organisation.
//
// COUNTRY OF A PERSON OR BODY: a person acts for a country only when the role acts for a
// government (titles.json) and no qualifier removes it ("former", "shadow", "opposition"); the
// country is the one named in the title ("Russian Defense Minister"), the country of the body it
// hangs on ("Foreign Ministry spokeswoman"), a later role noun (R3), or the title's hint
// ("Foreign Secretary" -> GBR). A role that hangs on a party, NGO or news organisation acts for no
// government. A body without a fixed country takes the one named next to it, else the subject
// country of the current or two previous sentences, else the nearest country earlier in the same
// sentence, else its default, else none.
//
// SALIENCE: raw = Σ over mentions of weight(kind) × (1.5 if subject) × (0.3 if modifier)
// × (0.5 if locative), with weight 1 for names, aliases, metonyms, demonyms and surnames, 0.8 for
// role nouns and 0.6 for pronouns; plus 1.5 × (1 − first sentence / sentences) for an early first
// mention, plus 2 if the actor is in the title. Salience = raw / max raw, so the top actor is 1.

import { ACTOR_LEXICON } from '../../lexicon/actors.js';
import { actorEngine, type ActorEngine } from '../engine.js';
import { slug } from '../keys.js';
import type { RawMention } from '../mentions/index.js';
import type { Actor, ActorAnalysis, ActorType, MentionKind, ResolvedMention, Sentence } from '../../types.js';

export interface ResolveOptions {
  /** The article title, when it is not part of the text; its mentions count for salience. */
  title?: string;
  /** Raw mentions found in the separate title (by actors.ts). */
  titleMentions?: RawMention[];
  /** Sentence indices of the text that are its title/headline. */
  titleSentences?: number[];
}

interface PersonEnt {
  id: string;
  name: string;
  tokens: string[];
  surnameKeys: Set<string>;
  givenKey?: string;
  role?: string;
  roleText?: string;
  government?: boolean | 'context' | 'inherit';
  roleCountry?: string;
  roleBody?: number;
  roleOrg?: string;
  countryHint?: string;
  rolePossessor?: number;
  gender?: 'm' | 'f';
  country?: string;
  /** Starts of the mentions tied to this person so far, ascending (for "most recent before"). */
  starts?: number[];
}

/** "(RSF)" right after a name defines its acronym. */
const ACRONYM_DEFINITION = /^\s*\(([A-Z][A-Za-z0-9&.-]{1,9})\)/;

/** Whether a metonym mention comes from a form that needs its target named elsewhere. */
function isContextual(m: RawMention): boolean {
  return m.contextual === true;
}

/** Organisation kinds whose officials act for the organisation, and the kinds "the bloc" and the like describe (R6): organizations.json. */
const INTERNATIONAL_KINDS: ReadonlySet<string> = ACTOR_LEXICON.organizations.officialsActFor;
const ANAPHOR_KINDS: ReadonlyMap<string, ReadonlySet<string>> = ACTOR_LEXICON.organizations.anaphorKinds;
const POSSESSIVE_PRONOUNS = ACTOR_LEXICON.words.possessivePronouns;
const SALIENCE = ACTOR_LEXICON.tuning.salience;
const WINDOWS = ACTOR_LEXICON.tuning.windows;
/** Role keys whose holders named with an organisation are accredited to it, not acting for it (titles.json). */
const ACCREDITED_ROLES = new Set(ACTOR_LEXICON.titles.roles.filter((r) => r.accreditedToOrganisation).map((r) => r.key));

const nameKey = (s: string): string => slug(s);
const INITIAL = /^\p{Lu}\.?$/u;

export function resolveActors(text: string, sentences: Sentence[], raw: RawMention[], opts: ResolveOptions = {}, engine: ActorEngine = actorEngine()): ActorAnalysis {
  const g = engine.gazetteer;
  const ms = [...raw].sort((a, b) => a.start - b.start || b.end - a.end);
  const actors = new Map<string, Actor & { firstSentence: number; raw: number; inTitle: boolean }>();
  const persons = new Map<string, PersonEnt>();
  /** Resolution of each raw mention (index in `ms`) to an actor id. */
  const resolved = new Map<RawMention, { id: string; kind: MentionKind }>();

  const ensure = (id: string, name: string, type: ActorType, country?: string): Actor & { firstSentence: number; raw: number; inTitle: boolean } => {
    let a = actors.get(id);
    if (!a) {
      a = { id, name, type, aliases: [], mentions: [], salience: 0, firstSentence: Infinity, raw: 0, inTitle: false };
      if (country) a.country = country;
      actors.set(id, a);
    }
    return a;
  };

  // ---- persons: R1 full names ------------------------------------------------------------------
  // A name made of ordinary words ("Robin Cook") is a full name when a titled surname ("Mr Cook")
  // shows it is one and no other full name has that surname.
  const lastKey = (name: string): string => nameKey(name.split(/\s+/).pop()!);
  const fullSurnames = new Set(ms.filter((m) => m.kind === 'person' && !m.titled).map((m) => lastKey(m.name!)));
  const titledSurnames = new Set(ms.filter((m) => m.kind === 'person' && m.titled).map((m) => nameKey(m.name!)));
  for (const m of ms) {
    if (m.kind === 'weakname' && titledSurnames.has(lastKey(m.name!)) && !fullSurnames.has(lastKey(m.name!))) {
      m.kind = 'person';
      m.promoted = true;
    }
  }
  const fullNames = ms.filter((m) => m.kind === 'person' && !m.titled);
  const ents: PersonEnt[] = [];
  for (const m of fullNames) {
    const tokens = m.name!.split(/\s+/).filter((t) => !INITIAL.test(t));
    const key = tokens.map(nameKey).join(' ');
    let ent = ents.find((e) => sameName(e.tokens.map(nameKey), key.split(' ')));
    if (!ent) {
      ent = { id: '', name: m.name!, tokens, surnameKeys: new Set() };
      ents.push(ent);
    }
    if (tokens.length > ent.tokens.length) {
      ent.tokens = tokens;
      ent.name = m.name!;
    }
    absorbRole(ent, m);
    resolved.set(m, { id: '', kind: 'name' });
    tie(m, ent);
  }
  for (const e of ents) {
    e.id = slug(e.tokens.join(' ')); // initials left out: "George W Bush" and "George Bush" are one id
    const keys = e.tokens.map(nameKey);
    e.surnameKeys.add(keys[keys.length - 1]);
    if (keys.length >= 3) e.surnameKeys.add(keys.slice(1).join(' ')).add(keys[keys.length - 2]);
    if (keys.length >= 2) e.givenKey = keys[0];
    persons.set(e.id, e);
  }

  // ---- R2 titled surnames and lone surnames ------------------------------------------------------
  const bySentence: RawMention[][] = sentences.map(() => []);
  for (const x of ms) (bySentence[x.sentence] ??= []).push(x);
  for (const m of ms) {
    if (!((m.kind === 'person' && m.titled) || m.kind === 'surname')) continue;
    const key = nameKey(m.name!);
    const bySurname = ents.filter((e) => e.surnameKeys.has(key));
    const byGiven = m.kind === 'surname' && bySurname.length === 0 ? ents.filter((e) => e.givenKey === key) : [];
    const cands = bySurname.length ? bySurname : byGiven.length === 1 ? byGiven : [];
    let ent: PersonEnt | undefined;
    if (cands.length === 1) ent = cands[0];
    else if (cands.length > 1) ent = nearestEntity(cands, m);
    if (!ent && m.kind === 'person') {
      ent = { id: slug(m.name!), name: m.name!, tokens: [m.name!], surnameKeys: new Set([key]) };
      ents.push(ent);
      persons.set(ent.id, ent);
    }
    if (!ent) continue;
    if (m.kind === 'person') absorbRole(ent, m);
    tie(m, ent);
    resolved.set(m, { id: ent.id, kind: 'surname' });
  }

  // "his visiting Venezuelan counterpart": a counterpart holds the role of the titled person
  // mentioned before it in the same sentence
  for (const m of ms) {
    const ent = personOf.get(m);
    if (!ent || ent.government !== 'inherit') continue;
    const before = bySentence[m.sentence].filter((x) => x.start < m.start && personOf.get(x) && personOf.get(x) !== ent && personOf.get(x)!.role);
    const other = before.length ? personOf.get(before[before.length - 1])! : undefined;
    if (other) {
      ent.role = other.role;
      ent.roleText = other.roleText;
      ent.government = other.government === 'inherit' ? 'context' : other.government;
    } else ent.government = 'context';
  }

  // ---- bodies: their country (fixed, named next to them, or from the context) --------------------
  const bodyCountryOf = new Map<RawMention, string | undefined>();
  const subjectCountryNear = (m: RawMention): string | undefined => {
    for (let s = m.sentence; s >= Math.max(0, m.sentence - WINDOWS.bodyCountrySentences); s--) {
      const subj = bySentence[s].find((x) => x.subject && x.targetType === 'country' && !x.modifier && (s < m.sentence || x.start < m.start));
      if (subj) return subj.target;
    }
    const before = bySentence[m.sentence].filter((x) => x.start < m.start && x.targetType === 'country' && x.target && /^[A-Z]{3}$/.test(x.target));
    return before.length ? before[before.length - 1].target : undefined;
  };
  for (const m of ms) {
    if (m.kind !== 'body') continue;
    const b = g.bodies.get(m.target!)!;
    bodyCountryOf.set(m, b.country ?? m.bodyCountry ?? subjectCountryNear(m) ?? b.defaultCountry);
  }

  // ---- person countries --------------------------------------------------------------------------
  const settle = (e: PersonEnt): void => {
    if (e.government === false || e.government === undefined) return;
    if (e.government === 'context' && !e.roleCountry && e.roleBody === undefined && e.rolePossessor === undefined) return;
    if (e.government === 'context' && e.roleOrg && !e.roleCountry && e.roleBody === undefined) return;
    const bodyM: RawMention | undefined = e.roleBody !== undefined ? raw[e.roleBody] : undefined;
    const boss = e.rolePossessor !== undefined ? personOf.get(raw[e.rolePossessor]) : undefined;
    e.country ??= e.roleCountry ?? (bodyM ? bodyCountryOf.get(bodyM) : undefined) ?? e.countryHint ?? (boss !== e ? boss?.country : undefined);
  };
  for (const e of ents) settle(e);

  // ---- R3 role nouns -----------------------------------------------------------------------------
  for (const m of ms) {
    if (m.kind !== 'role') continue;
    // "the home secretary" is not "the shadow home secretary": government status must agree
    const holders = ents.filter((e) => e.role === m.role
      && (!m.roleCountry || !e.country || e.country === m.roleCountry)
      && (!m.roleOrg || e.roleOrg === m.roleOrg)
      && ((m.government === false) === (e.government === false)));
    // a holder known to act for the named country beats one whose country is unknown; one whose
    // country is unknown is taken only when they hold the role alone ("the US envoy" among four
    // ambassadors is not the one whose country was not stated)
    const sure = m.roleCountry ? holders.filter((e) => e.country === m.roleCountry) : [];
    const holdersOfRole = ents.filter((e) => e.role === m.role).length;
    const pool = sure.length ? sure : m.roleCountry && holdersOfRole > 1 ? [] : holders;
    let ent: PersonEnt | undefined;
    if (pool.length === 1) ent = pool[0];
    else if (pool.length > 1) ent = nearestEntity(pool, m);
    if (!ent && !m.roleCountry && m.roleOrg && INTERNATIONAL_KINDS.has(g.orgs.get(m.roleOrg)?.kind ?? '')) {
      // "the UN secretary-general" with no name given: the office-holder is an actor of its own
      const org = g.orgs.get(m.roleOrg)!;
      const name = m.text;
      ent = { id: `${org.id}-${slug(m.roleCore ?? m.role!)}`, name, tokens: [name], surnameKeys: new Set(), role: m.role, roleText: m.roleText, government: m.government, roleOrg: org.id };
      ents.push(ent);
      persons.set(ent.id, ent);
    }
    if (ent) {
      if (m.roleCountry && !ent.country && ent.government !== false) ent.country = m.roleCountry;
      tie(m, ent);
      resolved.set(m, { id: ent.id, kind: 'role' });
    } else if (m.roleCountry) {
      resolved.set(m, { id: m.roleCountry, kind: 'role' });
    }
  }

  // role nouns may have given bosses their country ("Mr Sharon's spokesman" after "the Israeli prime minister")
  for (const e of ents) settle(e);

  // ---- R5 "the government" ------------------------------------------------------------------------
  {
    // one pass in text order: the latest government actor (with its sentence) and country counts
    let govCountry: string | undefined;
    let govSentence = -Infinity;
    const counts = new Map<string, number>();
    for (const m of ms) {
      if (m.kind === 'government') {
        let country = m.sentence - govSentence <= WINDOWS.governmentSentences ? govCountry : undefined;
        if (!country) {
          // no one acting for a government nearby: the country the text has named most so far
          let bestN = 0;
          for (const [c, n] of counts) if (n > bestN) [country, bestN] = [c, n];
        }
        if (country) resolved.set(m, { id: country, kind: 'alias' });
        continue;
      }
      const e = personOf.get(m);
      const c = e?.country ?? (m.kind === 'body' ? bodyCountryOf.get(m) : undefined);
      if (c) {
        govCountry = c;
        govSentence = m.sentence;
      }
      if (m.targetType === 'country' && m.target && /^[A-Z]{3}$/.test(m.target) && !m.modifier && !m.inTitle) counts.set(m.target, (counts.get(m.target) ?? 0) + 1);
    }
  }

  // ---- R4 pronouns --------------------------------------------------------------------------------
  for (let idx = 0; idx < ms.length; idx++) {
    const m = ms[idx];
    if (m.kind !== 'pronoun' || m.pronoun === 'plural' || m.quote) continue;
    // "he insisted he still trusted Mr Blair": a subject or object pronoun is not the person
    // named later in its own sentence (possessives may point forward: "In his speech, Mr Blair said")
    const namedLater = new Set<PersonEnt>();
    if (!POSSESSIVE_PRONOUNS.has(m.text.toLowerCase())) {
      for (let k = idx + 1; k < ms.length && ms[k].sentence === m.sentence; k++) {
        const e = personOf.get(ms[k]);
        if (e && ms[k].kind !== 'pronoun') namedLater.add(e);
      }
    }
    const agrees = (e: PersonEnt): boolean => (!e.gender || e.gender === m.pronoun) && !namedLater.has(e);
    const cands: RawMention[] = [];
    for (let k = idx - 1; k >= 0 && ms[k].sentence >= m.sentence - WINDOWS.pronounSentences; k--) {
      const x = ms[k];
      const e = personOf.get(x);
      if (e && !x.quote && agrees(e) && x.start < m.start) cands.unshift(x);
    }
    if (cands.length === 0) continue;
    const same = cands.filter((x) => x.sentence === m.sentence);
    let pick: RawMention | undefined = same.find((x) => x.subject) ?? same[same.length - 1];
    for (let s = m.sentence - 1; s >= m.sentence - WINDOWS.pronounSentences && !pick; s--) pick = cands.find((x) => x.sentence === s && x.subject);
    pick ??= cands[cands.length - 1];
    const ent = personOf.get(pick)!;
    ent.gender ??= m.pronoun as 'm' | 'f';
    tie(m, ent);
    resolved.set(m, { id: ent.id, kind: 'pronoun' });
  }

  // ---- build actors and resolved mentions ---------------------------------------------------------
  // A full name only ever seen right after a locative preposition ("near Khan Younis"), with no
  // title, role or pronoun, is a place.
  const evidence = new Map<PersonEnt, { locativeOnly: boolean }>();
  for (const [x, e] of personOf) {
    const ev = evidence.get(e) ?? { locativeOnly: true };
    if (!(x.kind === 'person' && !x.titled && !x.role && x.locative)) ev.locativeOnly = false;
    evidence.set(e, ev);
  }
  for (const [x, e] of [...personOf]) {
    if (!evidence.get(e)!.locativeOnly) continue;
    personOf.delete(x);
    x.kind = 'place';
    x.target = slug(x.text);
  }
  const used = new Set(personOf.values());
  for (const e of ents) {
    if (!used.has(e)) continue;
    const a = ensure(e.id, e.name, 'person', e.country);
    if (e.country) a.country = e.country;
    if (e.roleText) a.role = e.roleText;
    // "Nato Secretary-General Jens Stoltenberg", "the EU's foreign policy chief": an official of an
    // international organisation acts for it
    const org = e.roleOrg ? g.orgs.get(e.roleOrg) : undefined;
    // an ambassador or envoy "to" an organisation ("Sudan's UN ambassador") does not act for it
    const forOrg = org && INTERNATIONAL_KINDS.has(org.kind) && e.government !== false && !ACCREDITED_ROLES.has(e.role ?? '') ? org.id : undefined;
    const actsFor = e.country ?? forOrg;
    if (actsFor) a.actsFor = actsFor;
  }
  const mentionsOut: ResolvedMention[] = [];
  /** Countries by mentions so far (insertion order = first named), for "the country". */
  const countryCounts = new Map<string, number>();
  /** Organisations by the start of their latest mention, for "the council". */
  const lastOrgMention = new Map<string, number>();
  const latestOrgWithHead = (m: RawMention): string | undefined => {
    let best: string | undefined;
    let bestStart = -1;
    for (const [id, start] of lastOrgMention) {
      if (start >= m.start || start <= bestStart) continue;
      const a = actors.get(id)!;
      const o = g.orgs.get(id);
      const names = [a.name, ...a.aliases, ...(o ? g.orgForms.get(id) ?? [] : [])];
      if (names.some((n) => n.toLowerCase().endsWith(m.name!))) {
        best = id;
        bestStart = start;
      }
    }
    if (best) return best;
    // "the bloc" after ECOWAS, "the alliance" after NATO, "the group" after an armed group: the
    // latest organisation of a kind that the noun describes
    const kinds = ANAPHOR_KINDS.get(m.name!);
    if (!kinds) return undefined;
    for (const [id, start] of lastOrgMention) {
      if (start >= m.start || start <= bestStart) continue;
      if (kinds.has(g.orgs.get(id)?.kind ?? '')) {
        best = id;
        bestStart = start;
      }
    }
    return best;
  };
  const titleSet = new Set(opts.titleSentences ?? []);
  const emit = (m: RawMention, id: string, kind: MentionKind): void => {
    const a = actors.get(id);
    if (!a) return;
    const rm: ResolvedMention = { start: m.start, end: m.end, text: m.text, actorId: id, kind, sentence: m.sentence };
    if (m.modifier) rm.modifier = true;
    if (m.subject) rm.subject = true;
    if (m.locative) rm.locative = true;
    if (m.quote) rm.quote = true;
    mentionsOut.push(rm);
    a.mentions.push({ start: m.start, end: m.end });
    if (a.type === 'country' && !m.modifier) countryCounts.set(id, (countryCounts.get(id) ?? 0) + 1);
    if ((a.type === 'organization' || a.type === 'group') && kind !== 'pronoun') lastOrgMention.set(id, m.start);
    if (kind !== 'pronoun' && m.text !== a.name && !a.aliases.includes(m.text)) a.aliases.push(m.text);
    a.firstSentence = Math.min(a.firstSentence, m.sentence);
    if (titleSet.has(m.sentence)) a.inTitle = true;
    const w = kind === 'pronoun' ? SALIENCE.pronounWeight : kind === 'role' ? SALIENCE.roleWeight : 1;
    a.raw += w * (m.subject ? SALIENCE.subjectBoost : 1) * (m.modifier ? SALIENCE.modifierFactor : 1) * (m.locative ? SALIENCE.locativeFactor : 1);
  };

  // organisations found by head word, by the first word of their name ("menatep" -> Menatep Group)
  const unknownOrgsByFirst = new Map<string, Map<string, string>>();
  for (const x of ms) {
    if (x.kind !== 'organization' || g.orgs.has(x.target!) || !x.target!.includes('-')) continue;
    const first = x.target!.slice(0, x.target!.indexOf('-'));
    const byId = unknownOrgsByFirst.get(first) ?? new Map<string, string>();
    if (!byId.has(x.target!)) byId.set(x.target!, x.text);
    unknownOrgsByFirst.set(first, byId);
  }
  const unknownOrgByName = new Map<string, string>();
  for (const x of ms) if (x.kind === 'organization' && !g.orgs.has(x.target!)) unknownOrgByName.set(x.target!, x.text);
  // "Rapid Support Forces (RSF)": the text's own acronym beats the data's ("RSF" is also
  // Reporters Without Borders) and any guess
  const acronymOf = new Map<string, { id: string; name: string; type: ActorType }>();
  for (const x of ms) {
    if (x.kind !== 'organization' && x.kind !== 'body') continue;
    const def = ACRONYM_DEFINITION.exec(text.slice(x.end, x.end + 14));
    if (!def) continue;
    const o = g.orgs.get(x.target!);
    acronymOf.set(def[1], o ? { id: o.id, name: o.name, type: o.type } : { id: x.target!, name: x.text, type: 'organization' });
  }
  // "the bloc", "the Commission": only where the text names the EU in another way
  const namedTargets = new Set(ms.filter((x) => !(x.kind === 'metonym' && isContextual(x))).map((x) => x.target).filter(Boolean));
  for (const m of ms) {
    const r = resolved.get(m);
    const ent = personOf.get(m);
    const acr = acronymOf.get(m.text);
    if (acr && !ent && (m.kind === 'organization' || m.kind === 'surname' || m.kind === 'body')) {
      ensure(acr.id, acr.name, acr.type);
      emit(m, acr.id, 'code');
      continue;
    }
    if (m.kind === 'metonym' && isContextual(m) && m.text.toLowerCase().endsWith('bloc')) {
      // "the bloc" is the EU only when no other bloc was named more recently (R6)
      const id = latestOrgWithHead({ ...m, name: 'bloc' });
      if (id && id !== m.target && (lastOrgMention.get(m.target!) ?? -1) < (lastOrgMention.get(id) ?? -1)) {
        emit(m, id, 'alias');
        continue;
      }
    }
    if (m.kind === 'metonym' && isContextual(m) && !namedTargets.has(m.target)) continue;
    if (m.inTitle && m.kind !== 'body') continue; // a word inside an organisation's name
    if (m.kind === 'orgref') {
      // R6: "the council" is the latest organisation before it whose name ends in "council"
      const id = latestOrgWithHead(m);
      if (id) emit(m, id, 'alias');
      continue;
    }
    if (m.kind === 'countryref') {
      // R7: "the country" is the country named most often so far (ties: the first named)
      let best: string | undefined;
      let bestN = 0;
      for (const [c, n] of countryCounts) if (n > bestN) [best, bestN] = [c, n];
      if (best) emit(m, best, 'alias');
      continue;
    }
    if ((m.kind === 'weakname' || m.kind === 'surname') && !ent && unknownOrgByName.has(slug(m.text))) {
      // "Popular Renewal's support" after "the Popular Renewal party"
      const id = slug(m.text);
      ensure(id, unknownOrgByName.get(id)!, 'organization');
      emit(m, id, 'name');
      continue;
    }
    if (ent) {
      emit(m, ent.id, r?.kind ?? 'name');
      continue;
    }
    switch (m.kind) {
      case 'country':
      case 'demonym':
      case 'capital':
      case 'metonym': {
        const isCountry = /^[A-Z]{3}$/.test(m.target!);
        if ((m.kind === 'capital' || m.kind === 'metonym') && m.locative) {
          // "in Moscow", "a summit in Brussels": the city, not the state
          const id = slug(m.text);
          ensure(id, m.text, 'place');
          emit(m, id, 'name');
          break;
        }
        if (isCountry) {
          ensure(m.target!, g.countryNames.get(m.target!) ?? m.target!, 'country');
          emit(m, m.target!, m.kind === 'demonym' ? 'demonym' : m.kind === 'country' ? (isCode(m.text) ? 'code' : 'name') : 'metonym');
        } else {
          const o = g.orgs.get(m.target!);
          if (o) {
            ensure(o.id, o.name, o.type);
            emit(m, o.id, 'metonym');
          }
        }
        break;
      }
      case 'organization': {
        // "the Socialists" and "the Socialist Party" are one party
        const partyId = !g.orgs.has(m.target!) && /s$/.test(m.text) ? `${slug(m.text.slice(0, -1))}-party` : undefined;
        if (partyId && unknownOrgByName.has(partyId)) {
          ensure(partyId, unknownOrgByName.get(partyId)!, 'organization');
          emit(m, partyId, 'alias');
          break;
        }
        const o = g.orgs.get(m.target!);
        if (o) ensure(o.id, o.name, o.type);
        else ensure(m.target!, m.targetType === 'group' ? m.target! : m.text, m.targetType === 'group' ? 'group' : 'organization');
        emit(m, m.target!, isCode(m.text) ? 'code' : 'name');
        break;
      }
      case 'body': {
        if (m.inTitle) break; // "Foreign Ministry spokeswoman": the person acts, the body gives the country
        const b = g.bodies.get(m.target!)!;
        const country = bodyCountryOf.get(m);
        const id = b.country || !country ? b.id : `${country.toLowerCase()}-${b.id}`;
        // "Chinese Foreign Ministry": the body's name carries its country when it has one
        const dem = country && !b.country ? g.demonymOf.get(country) : undefined;
        const body = ensure(id, dem ? `${dem} ${b.name}` : b.name, 'organization', country);
        if (country) body.actsFor = country;
        if (dem) {
          const cn = g.countryNames.get(country!)!;
          for (const alias of [`${cn}'s ${b.name}`, `${b.name} of ${cn}`]) if (!body.aliases.includes(alias)) body.aliases.push(alias);
        }
        emit(m, id, isCode(m.text) ? 'code' : 'name');
        break;
      }
      case 'place': {
        if (m.inTitle) break; // part of an organisation's name
        const name = g.places.get(m.target!) ?? m.text;
        ensure(m.target!, name, 'place');
        emit(m, m.target!, 'name');
        break;
      }
      case 'surname': {
        // not a person's name (those were resolved above): the short form of an organisation found
        // by its head word ("Menatep" for "Menatep Group"), or, reporting something, an organisation
        const named = unknownOrgsByFirst.get(slug(m.text));
        if (named && named.size === 1) {
          const [id, name] = [...named][0];
          ensure(id, name, 'organization');
          emit(m, id, 'alias');
          break;
        }
        if (m.orgGuess) {
          const id = slug(m.text);
          ensure(id, m.text, 'organization');
          emit(m, id, 'name');
        }
        break;
      }
      case 'role':
      case 'government': {
        if (r) {
          if (/^[A-Z]{3}$/.test(r.id)) ensure(r.id, g.countryNames.get(r.id) ?? r.id, 'country');
          emit(m, r.id, r.kind);
        }
        break;
      }
      default:
        break;
    }
  }

  // mentions found in a separate title only raise salience
  for (const m of opts.titleMentions ?? []) {
    const key = m.target ?? (m.name ? nameKey(m.name) : undefined);
    if (!key) continue;
    for (const a of actors.values()) {
      if (a.id === key || a.id === m.target || (m.name && persons.get(a.id)?.surnameKeys.has(nameKey(m.name)))) a.inTitle = true;
    }
  }

  const n = Math.max(1, sentences.length);
  let max = 0;
  for (const a of actors.values()) {
    a.raw += SALIENCE.earlyBonus * (1 - Math.min(a.firstSentence, n) / n) + (a.inTitle ? SALIENCE.titleBonus : 0);
    if (a.type !== 'place') max = Math.max(max, a.raw);
  }
  const out: Actor[] = [];
  for (const a of actors.values()) {
    const { firstSentence: _f, raw: rawScore, inTitle: _t, ...actor } = a;
    actor.salience = max > 0 ? Math.min(1, Math.round((rawScore / max) * 1000) / 1000) : 0;
    out.push(actor);
  }
  out.sort((x, y) => y.salience - x.salience || x.id.localeCompare(y.id));
  mentionsOut.sort((x, y) => x.start - y.start);
  personOf.clear();
  return { sentences, actors: out, mentions: mentionsOut };
}

/** Which person entity each raw mention belongs to (reset per call). */
const personOf = new Map<RawMention, PersonEnt>();

function isCode(s: string): boolean {
  return /^[\p{Lu}\p{N}.+\-]+$/u.test(s) && /\p{Lu}/u.test(s);
}

/** R1: one name is the other's ending. */
function sameName(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 2 && long.length !== short.length) return false;
  for (let i = 1; i <= short.length; i++) if (short[short.length - i] !== long[long.length - i]) return false;
  return true;
}

function absorbRole(e: PersonEnt, m: RawMention): void {
  if (m.role && !e.role) {
    e.role = m.role;
    e.roleText = m.roleText;
    e.government = m.government;
  }
  if (m.roleCountry && !e.roleCountry) e.roleCountry = m.roleCountry;
  if (m.roleBody !== undefined && e.roleBody === undefined) e.roleBody = m.roleBody;
  if (m.roleOrg && !e.roleOrg) e.roleOrg = m.roleOrg;
  if (m.countryHint && !e.countryHint) e.countryHint = m.countryHint;
  if (m.rolePossessor !== undefined && e.rolePossessor === undefined) e.rolePossessor = m.rolePossessor;
  if (m.gender && !e.gender) e.gender = m.gender;
}

/** The candidate mentioned most recently before `m`, else the first mentioned after it. */
function nearestEntity(cands: PersonEnt[], m: RawMention): PersonEnt {
  let best: PersonEnt | undefined;
  let bestStart = -1;
  let firstAfter: PersonEnt | undefined;
  let firstAfterStart = Infinity;
  for (const e of cands) {
    const st = e.starts ?? [];
    // binary search: last start before m.start
    let lo = 0;
    let hi = st.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (st[mid] < m.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && st[lo - 1] > bestStart) {
      best = e;
      bestStart = st[lo - 1];
    }
    if (lo < st.length && st[lo] > m.start && st[lo] < firstAfterStart) {
      firstAfter = e;
      firstAfterStart = st[lo];
    }
  }
  return best ?? firstAfter ?? cands[0];
}

/** Ties a raw mention to a person, keeping the person's mention starts sorted. */
function tie(m: RawMention, e: PersonEnt): void {
  personOf.set(m, e);
  const st = (e.starts ??= []);
  let lo = 0;
  let hi = st.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (st[mid] < m.start) lo = mid + 1;
    else hi = mid;
  }
  st.splice(lo, 0, m.start);
}
