import { describe, expect, it } from 'vitest';
import countriesJson from 'world-countries/countries.json' with { type: 'json' };
import metonyms from '../../shared/analysis/data/metonyms.json' with { type: 'json' };
import organizations from '../../shared/analysis/data/organizations.json' with { type: 'json' };
import bodies from '../../shared/analysis/data/government-bodies.json' with { type: 'json' };
import titles from '../../shared/analysis/data/titles.json' with { type: 'json' };
import demonyms from '../../shared/analysis/data/demonyms-extra.json' with { type: 'json' };
import places from '../../shared/analysis/data/places.json' with { type: 'json' };
import { caseMatches, slug } from '../../shared/analysis/actors/keys.js';
import { gazetteer, isCommonWord } from '../../shared/analysis/actors/engine.js';
import { analyseActors } from '../../shared/analysis/actors/index.js';

const iso3 = new Set((countriesJson as { cca3: string }[]).map((c) => c.cca3));
const orgIds = new Set(organizations.organizations.map((o) => o.id));

/** Which actor ids a text yields, by type. */
const ids = (text: string, type?: string): string[] => analyseActors(text).actors.filter((a) => !type || a.type === type).map((a) => a.id);

describe('data files', () => {
  it('load and build without conflicts other than the documented ones', () => {
    const g = gazetteer();
    expect(g.byFirst.size).toBeGreaterThan(500);
    // Brussels (EU metonym vs Belgian capital) is resolved on purpose
    expect(g.conflicts.map((c) => c.form).sort()).toEqual(['Brussels']);
  });

  it('have unique ids across organisations, bodies and places', () => {
    const all = [
      ...organizations.organizations.map((o) => o.id),
      ...bodies.bodies.map((b) => b.id),
      ...places.places.map((p) => slug(p[0])),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('point every metonym at a real ISO3 code from world-countries or a listed organisation', () => {
    for (const m of metonyms.metonyms) expect(iso3.has(m.target) || orgIds.has(m.target), m.text).toBe(true);
  });

  it('point every extra name, demonym, body and title hint at a real ISO3 code', () => {
    for (const d of [...demonyms.demonyms, ...demonyms.names]) expect(iso3.has(d.country), d.text).toBe(true);
    for (const t of demonyms.territoriesIncluded) expect(iso3.has(t), t).toBe(true);
    for (const b of bodies.bodies as { id: string; country?: string }[]) if (b.country) expect(iso3.has(b.country), b.id).toBe(true);
    for (const r of titles.roles as { key: string; countryHint?: string }[]) if (r.countryHint) expect(iso3.has(r.countryHint), r.key).toBe(true);
  });

  it('name no persons (people come from rules, not lists)', () => {
    const text = JSON.stringify([metonyms, organizations, bodies, titles, demonyms, places]);
    for (const name of ['Maduro', 'Shoigu', 'Zakharova', 'Blair', 'Bush', 'Putin', 'Guaido', 'Abrams']) expect(text).not.toContain(name);
  });
});

describe('case rules', () => {
  it('codes match only as written, names only capitalised', () => {
    expect(caseMatches('US', 'US')).toBe(true);
    expect(caseMatches('US', 'us')).toBe(false);
    expect(caseMatches('US', 'Us')).toBe(false);
    expect(caseMatches('Turkey', 'Turkey')).toBe(true);
    expect(caseMatches('Turkey', 'turkey')).toBe(false);
    expect(caseMatches('the', 'The')).toBe(true);
  });

  it('"US", "UK", "EU", "UN" only in upper case', () => {
    expect(ids('Let us go to the UK and the US.', 'country').sort()).toEqual(['GBR', 'USA']);
    expect(ids('They will eu un uk us.')).toEqual([]);
    expect(ids('The EU and the UN met.', 'organization').sort()).toEqual(['eu', 'un']);
  });

  it('Turkey is a country, turkey a bird', () => {
    expect(ids('Turkey backed the plan.')).toEqual(['TUR']);
    expect(ids('We ate turkey for dinner.')).toEqual([]);
  });

  it('Jordan, Chad and Georgia next to a personal name are not countries', () => {
    expect(ids('Jordan rejected the plan.')).toEqual(['JOR']);
    expect(ids('The player Michael Jordan scored.', 'country')).toEqual([]);
    expect(ids('The singer Chad Smith sang.', 'country')).toEqual([]);
    expect(ids('She lives in Atlanta, Georgia.', 'country')).toEqual([]);
    expect(ids('Russia, Georgia and Ukraine met.', 'country').sort()).toEqual(['GEO', 'RUS', 'UKR']);
    // a possessive is followed by what the country has
    expect(ids("Israel's Cabinet met on Sunday.", 'country')).toEqual(['ISR']);
    expect(ids("Michael Jordan's shoes sold well.", 'country')).toEqual([]);
  });

  it('names world-countries lacks that PETRARCH2 lists under the country: Bosnia, Bosnian, Kampuchea, Zaire', () => {
    expect(ids('NATO troops arrived in Bosnia.', 'country')).toEqual(['BIH']);
    expect(ids('The Bosnian government protested.', 'country')).toEqual(['BIH']);
    expect(ids('Kampuchea and Zaire voted.', 'country').sort()).toEqual(['COD', 'KHM']);
  });

  it('a longer place name starting inside another wins: "the West Bank" is not "the West" and "Bank"', () => {
    expect(ids('Israel reimposed blockades in the West Bank.', 'place')).toEqual(['west-bank']);
    expect(ids('The West condemned the move.', 'place')).toEqual(['the-west']);
  });

  it('alternative spellings that are English words do not match ("Ísland" is not every "Island")', () => {
    expect(ids('The Alliance of Small Island States backed it.', 'country')).toEqual([]);
  });

  it('a capital inside another name is not the state ("Paris Agreement", "Sofia Rebelo")', () => {
    expect(ids('The US left the Paris Agreement.', 'country')).toEqual(['USA']);
    expect(ids('Finance Minister Sofia Rebelo said no.', 'country')).toEqual([]);
  });

  it('China is China; Guinea is not Papua New Guinea', () => {
    expect(ids('China and Papua New Guinea signed a deal with Guinea.', 'country').sort()).toEqual(['CHN', 'GIN', 'PNG']);
  });

  it('"South American" is a region, not the United States', () => {
    expect(ids('The South American nation protested.', 'country')).toEqual([]);
  });
});

describe('short forms, demonyms and metonyms fold into the country', () => {
  it('the US, U.S., Washington, the White House, American -> USA', () => {
    const a = analyseActors('The US said so. The U.S. agreed. Washington warned. The White House spoke. American forces moved.');
    expect(a.actors.map((x) => x.id)).toEqual(['USA']);
  });
  it('Britain, UK, the United Kingdom, British, Britons, Downing Street -> GBR', () => {
    const a = analyseActors('Britain said so. The UK agreed. The United Kingdom voted. British troops left. Britons protested. Downing Street denied it.');
    expect(a.actors.map((x) => x.id)).toEqual(['GBR']);
  });
  it('Moscow, the Kremlin, Russian, Russians -> RUS', () => {
    const a = analyseActors('Moscow said so. The Kremlin agreed. Russian forces moved. Russians voted.');
    expect(a.actors.map((x) => x.id)).toEqual(['RUS']);
  });
});

describe('isCommonWord', () => {
  it('knows ordinary words and not most names', () => {
    expect(isCommonWord('talks')).toBe(true);
    expect(isCommonWord('tension')).toBe(true);
    expect(isCommonWord('shoigu')).toBe(false);
    expect(isCommonWord('gordon')).toBe(false);
  });
});
