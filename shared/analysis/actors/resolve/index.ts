// RESOLVING: turns the raw mentions of ../mentions/ into actors with stable ids, and ties every
// mention it can to one actor.
//
// Ids: countries by ISO 3166-1 alpha-3; organisations, media and fixed state bodies by their id in
// ../../data; a body that takes its country from the text by "<iso3>-<body id>" ("rus-foreign-ministry");
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
// SALIENCE: raw = Σ over mentions of weight(kind) × subjectBoost (if subject) × modifierFactor
// (if modifier) × locativeFactor (if locative), with weight 1 for names, aliases, metonyms, demonyms
// and surnames, roleWeight for role nouns and pronounWeight for pronouns; plus earlyBonus × (1 −
// first sentence / sentences) for an early first mention, plus titleBonus if the actor is in the
// title. Salience = raw / max raw, so the top actor is 1. The numbers are in actor-tuning.json
// (today 1.5, 0.3, 0.5, 0.8, 0.6, 1.5, 2); the windows of R4 and R5 too (2 sentences).
//
// PASSES, in order, each a function of the call's Resolution (state.ts): persons.ts (weak names
// promoted, R1, R2, counterparts), bodies.ts (body countries), persons' countries, roles.ts (R3),
// persons' countries again (a role noun may have given a boss its country), dated-roles.ts (the
// dictionary's role on the article's date for people the text does not place), government.ts (R5),
// pronouns.ts (R4), then emit.ts builds the actors in an ActorTable (actor-table.ts: R6, R7 and
// salience need the mentions tied before them).

import { actorEngine, type ActorEngine } from '../engine.js';
import { slug } from '../keys.js';
import type { RawMention } from '../mentions/index.js';
import type { ActorAnalysis, Sentence } from '../../types.js';
import { ActorTable } from './actor-table.js';
import { resolveBodyCountries } from './bodies.js';
import { settleDatedRoles } from './dated-roles.js';
import { addPersonActors, emitMentions, placesFromLocativeNames } from './emit.js';
import { resolveHomeGovernment } from './government.js';
import { inheritCounterpartRoles, promoteWeakNames, resolveFullNames, resolveSurnames, settlePersonCountries } from './persons.js';
import { resolvePronouns } from './pronouns.js';
import { resolveRoleNouns } from './roles.js';
import { startResolution, type Resolution, type SentenceTree } from './state.js';

export interface ResolveOptions {
  /** The article title, when it is not part of the text; its mentions count for salience. */
  title?: string;
  /** Raw mentions found in the separate title (by analyseActors). */
  titleMentions?: RawMention[];
  /** Sentence indices of the text that are its title/headline. */
  titleSentences?: number[];
  /** The article's date (ISO): people the text does not place take the role the dictionary gives them that day. */
  date?: string;
  /** A sentence's parse, on request. */
  treeOf?: SentenceTree;
}

/** Resolves the mentions of one text to actors; `raw` is left as it was (resolution works on copies). */
export function resolveActors(text: string, sentences: Sentence[], raw: RawMention[], opts: ResolveOptions = {}, engine: ActorEngine = actorEngine()): ActorAnalysis {
  const st = startResolution(engine.gazetteer, engine.lexicon, text, sentences, raw, opts.treeOf);
  promoteWeakNames(st);
  resolveFullNames(st);
  resolveSurnames(st);
  inheritCounterpartRoles(st);
  resolveBodyCountries(st);
  settlePersonCountries(st);
  resolveRoleNouns(st);
  settlePersonCountries(st); // role nouns may have given bosses their country ("Mr Sharon's spokesman" after "the Israeli prime minister")
  settleDatedRoles(st, opts.date);
  resolveHomeGovernment(st);
  resolvePronouns(st);
  placesFromLocativeNames(st);

  const table = new ActorTable(engine.gazetteer, engine.lexicon.tuning.salience, new Set(opts.titleSentences ?? []));
  addPersonActors(st, table);
  emitMentions(st, table);
  markTitleActors(st, table, opts.titleMentions ?? []);
  const { actors, mentions } = table.finish(sentences.length);
  return { sentences, actors, mentions };
}

/** Mentions found in a separate title only raise salience: the actors they name are in the title. */
function markTitleActors(st: Resolution, table: ActorTable, titleMentions: readonly RawMention[]): void {
  for (const m of titleMentions) {
    const key = m.target ?? (m.name ? slug(m.name) : undefined);
    if (!key) continue;
    table.markInTitle((a) => a.id === key || a.id === m.target || (!!m.name && st.persons.get(a.id)?.surnameKeys.has(slug(m.name)) === true));
  }
}
