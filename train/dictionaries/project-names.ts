// What the project already knows, for the PETRARCH2 conversion: every name its data gives a
// country, demonym, capital, metonym, state body, place or organisation (read straight from
// world-countries and shared/analysis/data, so the converter does not depend on how the
// analysis builds its gazetteer), its role words, and which words are ordinary English.
//
// Ordinary English is what UD English EWT writes in lower case and does not tag as a proper noun
// (about 11,300 words: "who", "care", "aid", "shell"). wink's lexicon is no use here: it holds
// "hezbollah", "nato" and "taleban" in lower case like any word.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import countriesJson from 'world-countries/countries.json' with { type: 'json' };
import demonymsData from '../../shared/analysis/data/demonyms-extra.json' with { type: 'json' };
import bodiesData from '../../shared/analysis/data/government-bodies.json' with { type: 'json' };
import metonymsData from '../../shared/analysis/data/metonyms.json' with { type: 'json' };
import organizationsData from '../../shared/analysis/data/organizations.json' with { type: 'json' };
import placesData from '../../shared/analysis/data/places.json' with { type: 'json' };
import titlesData from '../../shared/analysis/data/titles.json' with { type: 'json' };
import type { ProjectData } from './petrarch-names.js';

interface CountryRecord {
  cca3: string;
  name: { common: string; official: string };
  altSpellings?: string[];
  capital?: string[];
  demonyms?: { eng?: { m?: string; f?: string } };
}

/** world-countries' alternative spellings that read as names (the gazetteer's rule): Latin, lower-case letters, no comma. */
function wordLike(s: string): boolean {
  return s.length >= 4 && /\p{Ll}/u.test(s) && !s.includes(',') && !s.includes('(') && /^[\p{Script=Latin}\s'’.\-]+$/u.test(s);
}

export function projectNames(): ProjectData['names'] {
  const names: { form: string; kind: string; target: string }[] = [];
  const add = (form: string, kind: string, target: string): void => {
    names.push({ form, kind, target });
  };
  for (const c of countriesJson as unknown as CountryRecord[]) {
    add(c.name.common, 'country', c.cca3);
    add(c.name.official, 'country', c.cca3);
    for (const a of c.altSpellings ?? []) if (wordLike(a)) add(a, 'country', c.cca3);
    for (const cap of c.capital ?? []) add(cap, 'capital', c.cca3);
    for (const d of [c.demonyms?.eng?.m, c.demonyms?.eng?.f]) if (d) add(d, 'demonym', c.cca3);
  }
  for (const d of demonymsData.demonyms) add(d.text, 'demonym', d.country);
  for (const n of demonymsData.names) add(n.text, 'country', n.country);
  for (const m of metonymsData.metonyms) add(m.text, 'metonym', m.target);
  for (const b of bodiesData.bodies) for (const a of [b.name, ...b.aliases]) add(a, 'body', b.id);
  for (const group of placesData.places) for (const p of group) add(p, 'place', group[0]);
  for (const o of organizationsData.organizations) for (const a of [o.name, ...o.aliases, ...o.acronyms]) add(a, 'organization', o.id);
  return names;
}

/** The EWT file the English words are read from. */
const EWT_TRAIN = 'en_ewt-ud-train.conllu.gz';
/** Tags whose lower-case words are not ordinary English ("iphone" as PROPN, "etc" as X). */
const NOT_ENGLISH_TAGS = new Set(['PROPN', 'X', 'SYM', 'PUNCT', 'NUM']);

/** Lower-case words of UD English EWT's training set that are not proper nouns. */
export function englishWords(udDir: string): Set<string> {
  const path = join(udDir, EWT_TRAIN);
  if (!existsSync(path)) throw new Error(`${path} not found: pass --ud-dir with UD English EWT (the team's ../shared/ud-ewt); the converter reads which words are ordinary English from it`);
  const words = new Set<string>();
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [id, form, , upos] = line.split('\t');
    if (/^\d+$/.test(id) && /^[a-z]+$/.test(form) && !NOT_ENGLISH_TAGS.has(upos)) words.add(form);
  }
  return words;
}

export function projectData(udDir: string): ProjectData {
  const english = englishWords(udDir);
  return {
    countryCodes: new Set((countriesJson as unknown as CountryRecord[]).map((c) => c.cca3)),
    organizationWords: [
      ...organizationsData.headWords, ...organizationsData.introducers, ...organizationsData.partyNouns,
      ...organizationsData.headNounAnaphora, ...organizationsData.notActorHeads,
    ],
    roleForms: [...titlesData.roles.flatMap((r) => r.forms), ...titlesData.qualifiers.keep, ...titlesData.qualifiers.noGovernment],
    honorifics: titlesData.honorifics.map((h) => h.form),
    names: projectNames(),
    isCommonWord: (lower) => english.has(lower),
  };
}
