// Lookup tables for mention finding, built once per actor engine (engine.ts) from the validated
// lexicon (../lexicon/actors.ts) and the world-countries package.
//
// Country names, official names, word-like alternative spellings, capitals and demonyms come from
// world-countries; everything that package lacks lives in the reviewed JSON files in ../data
// (see data/README.md). Matching is on token sequences (see `tokenKey`), longest first, with a
// case rule per form: a form's token that starts upper case must start upper case in the text
// ("Turkey", never "turkey"), and an all-capitals or mixed-case token (a code or acronym: "US",
// "UK", "EU", "WHO", "AfD") must match exactly.

import countriesJson from 'world-countries/countries.json' with { type: 'json' };
import type { Country } from 'world-countries';
import type { ActorLexicon, OrgKind, RoleDef } from '../lexicon/actors.js';
import type { ActorType } from '../types.js';
import type { CommonWords } from './common-words.js';
import { caseMode, formTokens, slug, tokenKey, type CaseMode } from './keys.js';

export type { RoleDef };
export { caseMatches, caseMatchesMode, slug, tokenKey } from './keys.js';

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
  /** Body: the country it always acts for; undefined when it takes the country from context. */
  bodyCountry?: string;
  /** Counts only in a text that names the target another way ("the bloc" for the EU). */
  contextual?: boolean;
}

export interface RoleForm {
  keys: string[];
  role: RoleDef;
  form: string;
}

export interface OrgInfo {
  id: string;
  name: string;
  type: ActorType;
  kind: OrgKind;
}

export interface BodyInfo {
  id: string;
  name: string;
  country?: string;
  defaultCountry?: string;
}

export interface Gazetteer {
  /** First token key -> entries starting with it, longest first. */
  byFirst: Map<string, GazetteerEntry[]>;
  /** Role forms by first token key, longest first (case-insensitive). */
  rolesByFirst: Map<string, RoleForm[]>;
  /** Roles by key. */
  roles: Map<string, RoleDef>;
  /** Honorific (without its period) -> the gender it says, if any. */
  honorifics: Map<string, 'm' | 'f' | null>;
  /** The longest honorific: a longer token is none, without a look-up. */
  honorificMaxChars: number;
  countryNames: Map<string, string>;
  /** ISO3 -> English demonym ("Chinese"), for naming bodies. */
  demonymOf: Map<string, string>;
  orgs: Map<string, OrgInfo>;
  /** Every listed form of each organisation ("North Atlantic Alliance" for NATO). */
  orgForms: Map<string, string[]>;
  bodies: Map<string, BodyInfo>;
  places: Map<string, string>;
  /** Every form that could not be added because another target already owned it. */
  conflicts: { form: string; kept: string; dropped: string }[];
}

/** world-countries' own typings do not resolve under NodeNext; its JSON is the same data. */
const countries = countriesJson as unknown as Country[];

type NewEntry = Omit<GazetteerEntry, 'keys' | 'formToks' | 'caseModes'>;

/**
 * The forms of every target, indexed by first token key. A form keeps the first target that claims
 * it (so the order of `add` calls is the priority); a later different claim is a conflict.
 */
class FormIndex {
  readonly byFirst = new Map<string, GazetteerEntry[]>();
  readonly conflicts: Gazetteer['conflicts'] = [];
  /** Normalised form -> the target that owns it. */
  private readonly owner = new Map<string, string>();

  add(e: NewEntry): void {
    const toks = formTokens(e.form);
    if (toks.length === 0) return;
    const keys = toks.map(tokenKey);
    // an all-capitals code ("US") and the word it spells ("us") are different forms
    const joined = toks.join('');
    const norm = keys.join(' ') + (/\p{Lu}/u.test(joined.slice(1)) && joined === joined.toUpperCase() ? '#code' : '');
    const prev = this.owner.get(norm);
    if (prev !== undefined) {
      if (prev !== e.target) this.conflicts.push({ form: e.form, kept: prev, dropped: e.target });
      return;
    }
    this.owner.set(norm, e.target);
    const list = this.byFirst.get(keys[0]) ?? [];
    list.push({ ...e, keys, formToks: toks, caseModes: toks.map(caseMode) });
    this.byFirst.set(keys[0], list);
  }

  /** Longest first; the sort is stable, so equal lengths keep their priority. */
  sortLongestFirst(): void {
    for (const list of this.byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  }
}

export function buildGazetteer(lexicon: ActorLexicon, words: CommonWords): Gazetteer {
  const forms = new FormIndex();
  const included = lexicon.demonyms.territoriesIncluded;
  const states = countries.filter((c) => c.independent || included.has(c.cca3));
  const ambiguous = new Set(lexicon.demonyms.ambiguousNames.map((a) => a.text));
  // Order is priority: organisations, bodies and places first (they contain country words:
  // "African Union", "US State Department", "South American"), then the reviewed extras, then the package.
  const { orgs, orgForms } = addOrganisations(forms, lexicon);
  const bodies = addBodies(forms, lexicon);
  const places = addPlaces(forms, lexicon);
  addMetonyms(forms, lexicon);
  for (const n of lexicon.demonyms.names) forms.add({ kind: 'country', target: n.country, targetType: 'country', form: n.text, ambiguous: ambiguous.has(n.text) });
  for (const d of lexicon.demonyms.demonyms) forms.add({ kind: 'demonym', target: d.country, targetType: 'country', form: d.text, plural: isPluralDemonym(d.text) });
  addPackageNames(forms, states, ambiguous, words, lexicon.tuning.limits.altSpellingMinChars);
  addPackageDemonyms(forms, included);
  addCapitals(forms, states, lexicon);
  forms.sortLongestFirst();

  const countryNames = new Map(countries.map((c) => [c.cca3, c.name.common]));
  for (const d of lexicon.demonyms.displayNames) countryNames.set(d.country, d.name);
  const demonymOf = new Map<string, string>();
  for (const c of countries) if (c.demonyms?.eng?.m) demonymOf.set(c.cca3, c.demonyms.eng.m);
  const honorifics = new Map<string, 'm' | 'f' | null>();
  for (const h of lexicon.titles.honorifics) honorifics.set(h.form.replace(/\.$/, ''), h.gender);
  return {
    byFirst: forms.byFirst,
    rolesByFirst: roleForms(lexicon),
    roles: new Map(lexicon.titles.roles.map((r) => [r.key, r])),
    honorifics,
    honorificMaxChars: Math.max(0, ...[...honorifics.keys()].map((h) => h.length)),
    countryNames,
    demonymOf,
    orgs,
    orgForms,
    bodies,
    places,
    conflicts: forms.conflicts,
  };
}

/** "Britons", "Frenchmen": a plural names the people, not the state's adjective. */
function isPluralDemonym(form: string): boolean {
  return /s$/.test(form) || form.endsWith('men');
}

function addOrganisations(forms: FormIndex, lexicon: ActorLexicon): { orgs: Map<string, OrgInfo>; orgForms: Map<string, string[]> } {
  const orgs = new Map<string, OrgInfo>();
  const orgForms = new Map<string, string[]>();
  for (const o of lexicon.organizations.organizations) {
    orgs.set(o.id, { id: o.id, name: o.name, type: o.type, kind: o.kind });
    orgForms.set(o.id, [o.name, ...o.aliases]);
    for (const f of [...o.acronyms, ...o.aliases]) forms.add({ kind: 'organization', target: o.id, targetType: o.type, form: f });
  }
  return { orgs, orgForms };
}

function addBodies(forms: FormIndex, lexicon: ActorLexicon): Map<string, BodyInfo> {
  const bodies = new Map<string, BodyInfo>();
  for (const b of lexicon.bodies.bodies) {
    bodies.set(b.id, { id: b.id, name: b.name, country: b.country, defaultCountry: b.defaultCountry });
    for (const f of [...(b.acronyms ?? []), ...b.aliases]) forms.add({ kind: 'body', target: b.id, targetType: 'organization', form: f, bodyCountry: b.country });
  }
  return bodies;
}

/** A place's id is the slug of its first form, which is also its name. */
function addPlaces(forms: FormIndex, lexicon: ActorLexicon): Map<string, string> {
  const places = new Map<string, string>();
  for (const list of lexicon.places.places) {
    const id = slug(list[0]);
    places.set(id, list[0]);
    for (const f of list) forms.add({ kind: 'place', target: id, targetType: 'place', form: f });
  }
  return places;
}

function addMetonyms(forms: FormIndex, lexicon: ActorLexicon): void {
  for (const m of lexicon.metonyms.metonyms) {
    const isCountry = /^[A-Z]{3}$/.test(m.target);
    forms.add({ kind: 'metonym', target: m.target, targetType: isCountry ? 'country' : 'organization', form: m.text, contextual: m.contextual });
  }
}

/** Common and official names, and the alternative spellings that are names rather than codes or words. */
function addPackageNames(forms: FormIndex, states: Country[], ambiguous: ReadonlySet<string>, words: CommonWords, altMinChars: number): void {
  for (const c of states) {
    forms.add({ kind: 'country', target: c.cca3, targetType: 'country', form: c.name.common, ambiguous: ambiguous.has(c.name.common) });
    forms.add({ kind: 'country', target: c.cca3, targetType: 'country', form: c.name.official });
    // "Ísland" (Iceland) would otherwise take every "Island": no English words as alternative spellings
    for (const a of c.altSpellings) {
      if (usableAltSpelling(a, altMinChars) && !(formTokens(a).length === 1 && words.has(tokenKey(a)))) {
        forms.add({ kind: 'country', target: c.cca3, targetType: 'country', form: a, ambiguous: ambiguous.has(a) });
      }
    }
  }
}

/** Word-like alternative spellings: Latin script, no comma, at least one lower-case letter. */
function usableAltSpelling(s: string, minChars: number): boolean {
  if (s.includes(',') || s.length < minChars) return false;
  if (!/\p{Ll}/u.test(s)) return false;
  return /^[\p{Script=Latin}\s'’.\-()]+$/u.test(s) && !s.includes('(');
}

/** Demonyms: a form shared by several countries goes to the only independent (or included) one, or to none. */
function addPackageDemonyms(forms: FormIndex, included: ReadonlySet<string>): void {
  const owners = new Map<string, Set<string>>();
  for (const c of countries) {
    const eng = c.demonyms?.eng;
    if (!eng) continue;
    for (const d of new Set([eng.m, eng.f])) if (d) (owners.get(d) ?? owners.set(d, new Set()).get(d)!).add(c.cca3);
  }
  const byCca3 = new Map(countries.map((c) => [c.cca3, c]));
  for (const [form, codes] of owners) {
    const ind = [...codes].filter((o) => byCca3.get(o)!.independent || included.has(o));
    if (ind.length !== 1) continue;
    forms.add({ kind: 'demonym', target: ind[0], targetType: 'country', form });
    // derived plurals: Russian -> Russians, Iraqi -> Iraqis (not Chinese, British, French)
    if (/(an|i)$/.test(form)) forms.add({ kind: 'demonym', target: ind[0], targetType: 'country', form: `${form}s`, plural: true });
  }
}

/**
 * Capitals of independent states and of the territories news treats as actors ("Pristina",
 * "Taipei"), except those metonyms.json excludes (personal names, several cities).
 */
function addCapitals(forms: FormIndex, states: Country[], lexicon: ActorLexicon): void {
  const excluded = new Set(lexicon.metonyms.capitalsExcluded.map((c) => c.text));
  for (const c of states) {
    if (!c.independent && !lexicon.demonyms.territoriesIncluded.has(c.cca3)) continue;
    for (const cap of c.capital) if (!excluded.has(cap)) forms.add({ kind: 'capital', target: c.cca3, targetType: 'country', form: cap });
  }
}

function roleForms(lexicon: ActorLexicon): Map<string, RoleForm[]> {
  const byFirst = new Map<string, RoleForm[]>();
  for (const r of lexicon.titles.roles) {
    for (const f of r.forms) {
      const keys = formTokens(f).map(tokenKey);
      const list = byFirst.get(keys[0]) ?? [];
      list.push({ keys, role: r, form: f });
      byFirst.set(keys[0], list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return byFirst;
}
