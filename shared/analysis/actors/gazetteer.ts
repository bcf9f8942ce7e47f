// Lookup tables for mention finding, built once per process on first use.
//
// Country names, official names, word-like alternative spellings, capitals and demonyms come from
// world-countries; everything that package lacks lives in the reviewed JSON files in ./data
// (see data/README.md). Matching is on token sequences (see `tokenKey`), longest first, with a
// case rule per form: a form's token that starts upper case must start upper case in the text
// ("Turkey", never "turkey"), and an all-capitals or mixed-case token (a code or acronym: "US",
// "UK", "EU", "WHO", "AfD") must match exactly.

import countriesJson from 'world-countries/countries.json' with { type: 'json' };
import type { Country } from 'world-countries';
import winkNLP from 'wink-nlp';
import winkModel from 'wink-eng-lite-web-model';
import { ACTOR_LEXICON, type RoleDef } from '../lexicon/actors.js';
import type { ActorType } from '../types.js';

export type { RoleDef };

export type EntryKind = 'country' | 'demonym' | 'metonym' | 'capital' | 'organization' | 'body' | 'place';

export interface GazetteerEntry {
  kind: EntryKind;
  /** ISO3 for countries, ids from the data files otherwise. */
  target: string;
  targetType: ActorType;
  /** The form as listed (for case checks and aliases). */
  form: string;
  /** Token keys of the form. */
  keys: string[];
  /** The form's tokens as written, and per token its case rule (see `caseMode`). */
  formToks: string[];
  caseModes: CaseMode[];
  /** A plural demonym names the people ("Britons"), not an adjective. */
  plural?: boolean;
  /** Country name that is also a personal name ("Jordan"): needs no capitalised neighbour. */
  ambiguous?: boolean;
  /** Organisation kind from the data ("party", "media", "igo"...). */
  orgKind?: string;
  /** Body: the country it always acts for; undefined when it takes the country from context. */
  bodyCountry?: string;
  bodyDefaultCountry?: string;
  /** Counts only in a text that names the target another way ("the bloc" for the EU). */
  contextual?: boolean;
}

export interface Gazetteer {
  /** First token key -> entries starting with it, longest first. */
  byFirst: Map<string, GazetteerEntry[]>;
  /** Role forms by first token key, longest first (case-insensitive). */
  rolesByFirst: Map<string, { keys: string[]; role: RoleDef; form: string }[]>;
  honorifics: Map<string, 'm' | 'f' | null>;
  /** The longest honorific: a longer token is none, without a look-up. */
  honorificMaxChars: number;
  qualifiersKeep: ReadonlySet<string>;
  qualifiersNoGov: ReadonlySet<string>;
  governmentNouns: ReadonlySet<string>;
  homeGovernmentNouns: ReadonlySet<string>;
  actionNouns: ReadonlySet<string>;
  orgHeadWords: ReadonlySet<string>;
  orgIntroducers: ReadonlySet<string>;
  partyNouns: ReadonlySet<string>;
  headNounAnaphora: ReadonlySet<string>;
  notActorHeads: ReadonlySet<string>;
  countryNames: Map<string, string>;
  /** ISO3 -> English demonym ("Chinese"), for naming bodies. */
  demonymOf: Map<string, string>;
  orgs: Map<string, { id: string; name: string; type: ActorType; kind: string }>;
  /** Every listed form of each organisation ("North Atlantic Alliance" for NATO). */
  orgForms: Map<string, string[]>;
  bodies: Map<string, { id: string; name: string; country?: string; defaultCountry?: string }>;
  places: Map<string, string>;
  placePrefixes: ReadonlySet<string>;
  /** Every form that could not be added because another target already owned it. */
  conflicts: { form: string; kept: string; dropped: string }[];
}

/** Lower case, no diacritics, one apostrophe: the key a token is looked up by. */
export function tokenKey(token: string): string {
  let s = token;
  // fast path: plain ASCII letters
  if (!/[^\x00-\x7f]/.test(s)) return s.toLowerCase();
  s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`]/g, "'");
  return s.toLowerCase();
}

/** Split a data form into tokens the same way mentions.ts tokenises text. */
export function formTokens(form: string): string[] {
  return form.match(/(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:[-'’&.][\p{L}\p{N}]+)*\+?|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** 0: any case; 1: must start upper case; 2: must be exactly as written (codes, acronyms). */
export type CaseMode = 0 | 1 | 2;

export function caseMode(formToken: string): CaseMode {
  if (!/\p{Lu}/u.test(formToken[0])) return 0;
  return /\p{Lu}/u.test(formToken.slice(1)) ? 2 : 1;
}

/** `caseMatches` with the form's mode computed in advance (the hot path). */
export function caseMatchesMode(mode: CaseMode, formToken: string, textToken: string): boolean {
  if (mode === 0) return true;
  const c = textToken.charCodeAt(0);
  const upper = c >= 65 && c <= 90 ? true : c < 128 ? false : /\p{Lu}/u.test(textToken[0]);
  if (!upper) return false;
  if (mode === 1) return true;
  return formToken.replace(/’/g, "'") === textToken.replace(/’/g, "'");
}

/** Whether a text token satisfies the case rule of the form token it matched. */
export function caseMatches(formToken: string, textToken: string): boolean {
  const first = formToken[0];
  if (!/\p{Lu}/u.test(first)) return true;
  if (!/\p{Lu}/u.test(textToken[0])) return false;
  // codes and acronyms ("US", "AfD", "U.S."): exact
  if (/\p{Lu}/u.test(formToken.slice(1))) return tokenKey(formToken) === tokenKey(textToken) && formToken.replace(/[’]/g, "'") === textToken.replace(/[’]/g, "'");
  return true;
}

export function slug(s: string): string {
  return tokenKey(s).replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Word-like alternative spellings: Latin script, no comma, at least one lower-case letter. */
function usableAltSpelling(s: string): boolean {
  if (s.includes(',') || s.length < ACTOR_LEXICON.tuning.limits.altSpellingMinChars) return false;
  if (!/\p{Ll}/u.test(s)) return false;
  return /^[\p{Script=Latin}\s'’.\-()]+$/u.test(s) && !s.includes('(');
}

/** world-countries' own typings do not resolve under NodeNext; its JSON is the same data. */
const countries = countriesJson as unknown as Country[];

let built: Gazetteer | undefined;

export function gazetteer(): Gazetteer {
  built ??= build();
  return built;
}

function build(): Gazetteer {
  const { organizations: organizationsData, bodies: bodiesData, places: placesData, metonyms: metonymsData, demonyms: demonymsData, titles: titlesData } = ACTOR_LEXICON;
  const byFirst = new Map<string, GazetteerEntry[]>();
  const owner = new Map<string, string>(); // normalised form -> target
  const conflicts: Gazetteer['conflicts'] = [];
  const add = (e: Omit<GazetteerEntry, 'keys' | 'formToks' | 'caseModes'>): void => {
    const toks = formTokens(e.form);
    if (toks.length === 0) return;
    const keys = toks.map(tokenKey);
    const norm = keys.join(' ') + (/\p{Lu}/u.test(toks.join('').slice(1)) && toks.join('') === toks.join('').toUpperCase() ? '#code' : '');
    const prev = owner.get(norm);
    if (prev !== undefined) {
      if (prev !== e.target) conflicts.push({ form: e.form, kept: prev, dropped: e.target });
      return;
    }
    owner.set(norm, e.target);
    const entry: GazetteerEntry = { ...e, keys, formToks: toks, caseModes: toks.map(caseMode) };
    const list = byFirst.get(keys[0]) ?? [];
    list.push(entry);
    byFirst.set(keys[0], list);
  };

  const included = demonymsData.territoriesIncluded;
  const valid = countries.filter((c) => c.independent || included.has(c.cca3));
  const countryNames = new Map(countries.map((c) => [c.cca3, c.name.common]));
  for (const d of demonymsData.displayNames) countryNames.set(d.country, d.name);
  const ambiguous = new Set(demonymsData.ambiguousNames.map((a) => a.text));

  // Order is priority: organisations, bodies and places first (they contain country words:
  // "African Union", "US State Department", "South American"), then the reviewed extras, then the package.
  const orgs = new Map<string, { id: string; name: string; type: ActorType; kind: string }>();
  const orgForms = new Map<string, string[]>();
  for (const o of organizationsData.organizations) {
    orgs.set(o.id, { id: o.id, name: o.name, type: o.type, kind: o.kind });
    orgForms.set(o.id, [o.name, ...o.aliases]);
    for (const f of [...o.acronyms, ...o.aliases]) add({ kind: 'organization', target: o.id, targetType: o.type, form: f, orgKind: o.kind });
  }
  const bodies = new Map<string, { id: string; name: string; country?: string; defaultCountry?: string }>();
  for (const b of bodiesData.bodies) {
    bodies.set(b.id, { id: b.id, name: b.name, country: b.country, defaultCountry: b.defaultCountry });
    for (const f of [...(b.acronyms ?? []), ...b.aliases]) add({ kind: 'body', target: b.id, targetType: 'organization', form: f, bodyCountry: b.country, bodyDefaultCountry: b.defaultCountry });
  }
  const places = new Map<string, string>();
  for (const forms of placesData.places) {
    const id = slug(forms[0]);
    places.set(id, forms[0]);
    for (const f of forms) add({ kind: 'place', target: id, targetType: 'place', form: f });
  }
  for (const m of metonymsData.metonyms) {
    const isCountry = /^[A-Z]{3}$/.test(m.target);
    add({ kind: 'metonym', target: m.target, targetType: isCountry ? 'country' : 'organization', form: m.text, contextual: m.contextual });
  }
  for (const n of demonymsData.names) add({ kind: 'country', target: n.country, targetType: 'country', form: n.text, ambiguous: ambiguous.has(n.text) });
  for (const d of demonymsData.demonyms) add({ kind: 'demonym', target: d.country, targetType: 'country', form: d.text, plural: /s$/.test(d.text) || d.text.endsWith('men') });
  for (const c of valid) {
    add({ kind: 'country', target: c.cca3, targetType: 'country', form: c.name.common, ambiguous: ambiguous.has(c.name.common) });
    add({ kind: 'country', target: c.cca3, targetType: 'country', form: c.name.official });
    // "Ísland" (Iceland) would otherwise take every "Island": no English words as alternative spellings
    for (const a of c.altSpellings) if (usableAltSpelling(a) && !(formTokens(a).length === 1 && isCommonWord(tokenKey(a)))) add({ kind: 'country', target: c.cca3, targetType: 'country', form: a, ambiguous: ambiguous.has(a) });
  }
  // Demonyms: a form shared by several countries goes to the only independent one, or to none.
  const demonymOwners = new Map<string, Set<string>>();
  for (const c of countries) {
    const eng = c.demonyms?.eng;
    if (!eng) continue;
    for (const d of new Set([eng.m, eng.f])) if (d) (demonymOwners.get(d) ?? demonymOwners.set(d, new Set()).get(d)!).add(c.cca3);
  }
  const byCca3 = new Map(countries.map((c) => [c.cca3, c]));
  const demonymOf = new Map<string, string>();
  for (const c of countries) if (c.demonyms?.eng?.m) demonymOf.set(c.cca3, c.demonyms.eng.m);
  for (const [form, owners] of demonymOwners) {
    const ind = [...owners].filter((o) => byCca3.get(o)!.independent || included.has(o));
    if (ind.length !== 1) continue;
    add({ kind: 'demonym', target: ind[0], targetType: 'country', form });
    // derived plurals: Russian -> Russians, Iraqi -> Iraqis (not Chinese, British, French)
    if (/(an|i)$/.test(form)) add({ kind: 'demonym', target: ind[0], targetType: 'country', form: `${form}s`, plural: true });
  }
  const excludedCapitals = new Set(metonymsData.capitalsExcluded.map((c) => c.text));
  for (const c of valid) {
    if (!c.independent) continue;
    for (const cap of c.capital) if (!excludedCapitals.has(cap)) add({ kind: 'capital', target: c.cca3, targetType: 'country', form: cap });
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);

  // Titles
  const rolesByFirst = new Map<string, { keys: string[]; role: RoleDef; form: string }[]>();
  for (const r of titlesData.roles) {
    for (const f of r.forms) {
      const keys = formTokens(f).map(tokenKey);
      const list = rolesByFirst.get(keys[0]) ?? [];
      list.push({ keys, role: r, form: f });
      rolesByFirst.set(keys[0], list);
    }
  }
  for (const list of rolesByFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  const honorifics = new Map<string, 'm' | 'f' | null>();
  for (const h of titlesData.honorifics) honorifics.set(h.form.replace(/\.$/, ''), h.gender);

  return {
    byFirst,
    rolesByFirst,
    honorifics,
    honorificMaxChars: Math.max(0, ...[...honorifics.keys()].map((h) => h.length)),
    qualifiersKeep: titlesData.qualifiers.keep,
    qualifiersNoGov: titlesData.qualifiers.noGovernment,
    governmentNouns: bodiesData.governmentNouns,
    homeGovernmentNouns: bodiesData.homeGovernmentNouns,
    actionNouns: ACTOR_LEXICON.words.actionNouns,
    orgHeadWords: organizationsData.headWords,
    orgIntroducers: organizationsData.introducers,
    partyNouns: organizationsData.partyNouns,
    headNounAnaphora: organizationsData.headNounAnaphora,
    notActorHeads: organizationsData.notActorHeads,
    countryNames,
    demonymOf,
    orgs,
    orgForms,
    bodies,
    places,
    placePrefixes: placesData.namePrefixes,
    conflicts,
  };
}

// ---- common English words (wink's lexicon) --------------------------------------------------

type WinkNlp = ReturnType<typeof winkNLP>;
/** The model's own lexicon (word -> index); read once, about 150 ms. */
let lexemeHash: Record<string, number> | null | undefined;
let nlp: WinkNlp | undefined;
let lexiconSize = 0;
const commonCache = new Map<string, boolean>();
/** Bounds the fallback cache: wink remembers every unknown word it is shown. */
const COMMON_CACHE_LIMIT = 200_000;

interface WinkCoreModel {
  features?: { lexeme?: { hash?: Record<string, number>; intrinsicSize?: number } };
}

function lexicon(): Record<string, number> | null {
  if (lexemeHash === undefined) {
    // wink-eng-lite-web-model exposes its core model; its lexeme hash is the lexicon itself, so a
    // look-up is a property read instead of a wink document
    const core = (winkModel as unknown as { core?: () => WinkCoreModel }).core?.();
    const lx = core?.features?.lexeme;
    lexemeHash = lx?.hash && lx.intrinsicSize ? lx.hash : null;
  }
  return lexemeHash;
}

function wink(): WinkNlp {
  if (!nlp) {
    nlp = winkNLP(winkModel, []);
    // ids below the first out-of-vocabulary id are the model's own lexicon
    lexiconSize = nlp.readDoc('qzxqvjkw').tokens().out(nlp.its.uniqueId)[0] as unknown as number;
  }
  return nlp;
}

/**
 * Whether a lower-case word is an ordinary English word (in wink's lexicon), so that, capitalised
 * at the start of a sentence, it is not a name ("Talks", "Human", "Tension"). Most given names and
 * surnames are outside the lexicon ("gordon", "shoigu"); some are not ("jack", "brown"), which is
 * why names need two tokens or a title.
 */
export function isCommonWord(lower: string): boolean {
  const lx = lexicon();
  if (lx) return Object.prototype.hasOwnProperty.call(lx, lower);
  const hit = commonCache.get(lower);
  if (hit !== undefined) return hit;
  if (!/^[a-z]+$/.test(lower)) return false;
  primeCommonWords([lower]);
  return commonCache.get(lower) ?? false;
}

/** Looks several words up in one pass (one wink document) when the lexicon cannot be read directly. */
export function primeCommonWords(words: Iterable<string>): void {
  if (lexicon()) return;
  const todo: string[] = [];
  for (const w of words) if (!commonCache.has(w) && /^[a-z]+$/.test(w)) todo.push(w);
  if (todo.length === 0) return;
  const n = wink();
  if (commonCache.size > COMMON_CACHE_LIMIT) commonCache.clear();
  const tokens = n.readDoc(todo.join(' \n')).tokens();
  const ids = tokens.out(n.its.uniqueId) as unknown as number[];
  const vals = tokens.out() as string[];
  // map by value: wink may split or merge unusual words; anything not seen is treated as unknown
  const seen = new Map<string, number>();
  for (let i = 0; i < vals.length; i++) seen.set(vals[i].toLowerCase(), ids[i]);
  for (const w of todo) {
    const id = seen.get(w);
    commonCache.set(w, id !== undefined && id < lexiconSize);
  }
}
