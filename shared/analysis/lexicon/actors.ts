// The actor stage's data, validated once when the module loads: the reviewed lists of
// shared/analysis/data/ (documented in its README.md) that the gazetteer is built from, the word
// classes the mention finder and the resolver read (actor-words.json) and their tuning numbers
// (actor-tuning.json). A file that does not match its schema stops the process at start-up with
// the path of what is wrong. Lists come out as sets, ready for look-up, typed read-only.
//
// Checks that need world-countries or the gazetteer (ids unique across files, codes that are real
// ISO 3166-1 alpha-3) are in test/analysis/gazetteer.test.ts; here, every file's shape, and what
// one file says about another (metonym targets, title-only forms).

import { z } from 'zod';
import wordsJson from '../data/actor-words.json' with { type: 'json' };
import tuningJson from '../data/actor-tuning.json' with { type: 'json' };
import demonymsJson from '../data/demonyms-extra.json' with { type: 'json' };
import bodiesJson from '../data/government-bodies.json' with { type: 'json' };
import metonymsJson from '../data/metonyms.json' with { type: 'json' };
import organizationsJson from '../data/organizations.json' with { type: 'json' };
import placesJson from '../data/places.json' with { type: 'json' };
import titlesJson from '../data/titles.json' with { type: 'json' };
import { DataFileError, validated } from './validated.js';

// ---- building blocks -----------------------------------------------------------------------------

const text = z.string().min(1);
/** Matched against a token's key, which is lower case: an upper-case letter would never match. */
const lower = text.refine((w) => w === w.toLowerCase(), 'must be lower case (it is matched against lower-cased tokens)');
/** Matched against a capitalised token as written. */
const capitalised = text.refine((w) => /^\p{Lu}/u.test(w), 'must start with a capital (it is matched against capitalised tokens)');
const iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code');
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lower-case slug');
const gender = z.enum(['m', 'f']);
const note = z.string().optional();

/** A list read as a set; a word listed twice is a mistake (two reviews of one word). */
function set<T extends string>(item: z.ZodType<T>) {
  return z.array(item).superRefine((list, ctx) => {
    const seen = new Set<T>();
    for (const w of list) {
      if (seen.has(w)) ctx.addIssue({ code: 'custom', message: `"${w}" is listed twice` });
      seen.add(w);
    }
  }).transform((list): ReadonlySet<T> => new Set(list));
}

/** A word class of actor-words.json: what the rules do with it, and its words. */
const wordClass = z.strictObject({ about: text, words: set(lower) }).transform((c) => c.words);

// ---- organizations.json ----------------------------------------------------------------------------

export const ORG_KINDS = ['igo', 'alliance', 'forum', 'ngo', 'armed-group', 'media', 'company', 'party'] as const;
const orgKind = z.enum(ORG_KINDS);

const organization = z.strictObject({
  id, name: text, type: z.enum(['organization', 'group', 'media']), kind: orgKind,
  aliases: z.array(text), acronyms: z.array(text), note,
});

const organizationsFile = z.strictObject({
  about: text,
  organizations: z.array(organization),
  headWords: set(capitalised),
  introducers: set(lower),
  notActorHeads: set(capitalised),
  /** Last words of newspapers' and magazines' names ("The Straits Times"): such a name is a medium. */
  publicationHeads: set(capitalised),
  /** Words of a company's legal form ("Inc", "Ltd"): after a known organisation they name the same one. */
  legalSuffixes: set(capitalised),
  partyNouns: set(lower),
  headNounAnaphora: set(lower),
  officialsActFor: set(orgKind),
  anaphorKinds: z.record(lower, set(orgKind)).transform((r): ReadonlyMap<string, ReadonlySet<OrgKind>> => new Map(Object.entries(r))),
});

// ---- metonyms.json, government-bodies.json, places.json -------------------------------------------

const metonymsFile = z.strictObject({
  about: text,
  metonyms: z.array(z.strictObject({ text, target: z.union([iso3, id]), contextual: z.boolean().optional(), note })),
  capitalsExcluded: z.array(z.strictObject({ text, reason: text })),
});

const bodiesFile = z.strictObject({
  about: text,
  bodies: z.array(z.strictObject({
    id, name: text, country: iso3.optional(), defaultCountry: iso3.optional(), aliases: z.array(text), acronyms: z.array(text).optional(), note,
  })),
  governmentNouns: set(lower),
  governmentHeads: set(lower),
  homeGovernmentNouns: set(lower),
}).superRefine((b, ctx) => {
  if (!(b.governmentNouns instanceof Set) || !(b.governmentHeads instanceof Set)) return; // already refused above
  for (const w of b.governmentHeads) if (!b.governmentNouns.has(w)) ctx.addIssue({ code: 'custom', path: ['governmentHeads'], message: `"${w}" is not one of governmentNouns` });
});

const placesFile = z.strictObject({
  about: text,
  places: z.array(z.array(text).min(1)),
  namePrefixes: set(capitalised),
});

// ---- titles.json ----------------------------------------------------------------------------------

const role = z.strictObject({
  key: text,
  forms: z.array(text).min(1),
  government: z.union([z.boolean(), z.enum(['context', 'inherit'])]),
  countryHint: iso3.optional(),
  gender: gender.optional(),
  genderByForm: z.record(text, gender).optional(),
  accreditedToOrganisation: z.boolean().optional(),
});

const titlesFile = z.strictObject({
  about: text,
  honorifics: z.array(z.strictObject({ form: text, gender: gender.nullable() })),
  qualifiers: z.strictObject({ keep: set(lower), noGovernment: set(lower) }),
  roles: z.array(role),
  titleOnlyForms: set(text),
}).superRefine((t, ctx) => {
  const forms = new Set(t.roles.flatMap((r) => r.forms));
  for (const f of t.titleOnlyForms) if (!forms.has(f)) ctx.addIssue({ code: 'custom', path: ['titleOnlyForms'], message: `"${f}" is not a form of any role` });
});

// ---- demonyms-extra.json --------------------------------------------------------------------------

const countryForm = z.strictObject({ text, country: iso3, note });
const demonymsFile = z.strictObject({
  about: text,
  demonyms: z.array(countryForm),
  names: z.array(countryForm),
  ambiguousNames: z.array(z.strictObject({ text, reason: text })),
  territoriesIncluded: set(iso3),
  displayNames: z.array(z.strictObject({ country: iso3, name: text, note })),
});

// ---- actor-words.json, actor-tuning.json ----------------------------------------------------------

const wordsFile = z.strictObject({
  about: text,
  pronouns: z.strictObject({ about: text, m: z.array(lower), f: z.array(lower), plural: z.array(lower) }),
  wordClasses: z.strictObject({
    possessivePronouns: wordClass, pronounSurnames: wordClass, prepositions: wordClass, locativePrepositions: wordClass,
    placePrepositions: wordClass, determiners: wordClass, subjectVerbs: wordClass, orgGuessVerbs: wordClass,
    inertNouns: wordClass, actionNouns: wordClass, nameConnectors: wordClass, daysAndMonths: wordClass,
    neverName: wordClass, sentenceAdverbs: wordClass, groupNouns: wordClass, groupMembers: wordClass,
    anaphorModifiers: wordClass, sizeAdjectives: wordClass, describedOrgHeads: wordClass, orgLinks: wordClass,
    countryNouns: wordClass, coordinators: wordClass, complementPrepositions: wordClass, groupAgentClasses: wordClass, loneNameRelations: wordClass, loneNamePartyCases: wordClass, loneNameBlockingRelations: wordClass,
  }),
}).transform(({ pronouns, wordClasses }) => {
  // a Map, not an object: a token "constructor" must not find Object.prototype's
  const byWord = new Map<string, PronounAgreement>();
  for (const agreement of ['m', 'f', 'plural'] as const) for (const w of pronouns[agreement]) byWord.set(w, agreement);
  return { pronouns: byWord as ReadonlyMap<string, PronounAgreement>, ...wordClasses };
});

const weight = z.number().min(0);
const count = z.number().int().min(0);
const tuningFile = z.strictObject({
  about: text,
  salience: z.strictObject({
    about: text, pronounWeight: weight, roleWeight: weight, subjectBoost: weight, modifierFactor: weight,
    locativeFactor: weight, earlyBonus: weight, titleBonus: weight, headlineMaxChars: count,
  }),
  windows: z.strictObject({ about: text, governmentSentences: count, pronounSentences: count, bodyCountrySentences: count }),
  limits: z.strictObject({
    about: text, roleModifierWords: count, appositionTailTokens: count, appositionPrefixTokens: count,
    describedOrgMaxWords: count, weakNameMaxTokens: count, repeatedNameMinMentions: count, altSpellingMinChars: count,
  }),
});

// ---- the lexicon ----------------------------------------------------------------------------------

export type OrgKind = (typeof ORG_KINDS)[number];
export type PronounAgreement = 'm' | 'f' | 'plural';
export type RoleDef = z.output<typeof role>;
export type ActorWords = z.output<typeof wordsFile>;
export type ActorTuning = z.output<typeof tuningFile>;

export interface ActorLexicon {
  organizations: z.output<typeof organizationsFile>;
  metonyms: z.output<typeof metonymsFile>;
  bodies: z.output<typeof bodiesFile>;
  titles: z.output<typeof titlesFile>;
  demonyms: z.output<typeof demonymsFile>;
  places: z.output<typeof placesFile>;
  words: ActorWords;
  tuning: ActorTuning;
}

/** The data files as imported, by the lexicon field each becomes. */
export const ACTOR_DATA_FILES = {
  organizations: organizationsJson, metonyms: metonymsJson, bodies: bodiesJson, titles: titlesJson,
  demonyms: demonymsJson, places: placesJson, words: wordsJson, tuning: tuningJson,
} as const satisfies Record<keyof ActorLexicon, unknown>;

/**
 * Parses every file of the actor stage (by default the ones in shared/analysis/data/; tests pass
 * altered copies); throws a DataFileError naming the first file that is wrong.
 */
export function parseActorLexicon(files: Record<keyof ActorLexicon, unknown> = ACTOR_DATA_FILES): ActorLexicon {
  const lexicon: ActorLexicon = {
    organizations: validated('organizations.json', organizationsFile, files.organizations),
    metonyms: validated('metonyms.json', metonymsFile, files.metonyms),
    bodies: validated('government-bodies.json', bodiesFile, files.bodies),
    titles: validated('titles.json', titlesFile, files.titles),
    demonyms: validated('demonyms-extra.json', demonymsFile, files.demonyms),
    places: validated('places.json', placesFile, files.places),
    words: validated('actor-words.json', wordsFile, files.words),
    tuning: validated('actor-tuning.json', tuningFile, files.tuning),
  };
  // a metonym stands for a country or for an organisation listed in organizations.json
  const orgIds = new Set(lexicon.organizations.organizations.map((o) => o.id));
  const strays = lexicon.metonyms.metonyms.filter((m) => !/^[A-Z]{3}$/.test(m.target) && !orgIds.has(m.target));
  if (strays.length) throw new DataFileError('metonyms.json', strays.map((m) => `${m.text}: target "${m.target}" is neither an alpha-3 code nor an id in organizations.json`));
  return lexicon;
}

/** The actor stage's data, parsed when this module is first imported. */
export const ACTOR_LEXICON: ActorLexicon = parseActorLexicon();
