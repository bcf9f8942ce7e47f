import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, renderPhrase, serialize, SOURCE_FILES, type ProjectData, type Sources } from '../../train/dictionaries/petrarch-convert.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/petrarch');
const sources = Object.fromEntries(
  Object.entries(SOURCE_FILES).map(([k, f]) => [k, readFileSync(join(FIXTURES, f), 'utf8')]),
) as Sources;

/** A small stand-in for the project's data (train/dictionaries/project-names.ts reads the real one). */
const project: ProjectData = {
  countryCodes: new Set(['RUS', 'SYR', 'LBN', 'PSE', 'NLD', 'JPN', 'GBR', 'USA', 'YEM', 'COL', 'EGY', 'CZE', 'DZA']),
  organizationWords: ['Organization', 'Council', 'Movement', 'Army', 'Front', 'Party', 'Corporation', 'International'],
  roleForms: ['secretary general', 'president', 'envoy', 'minister', 'operative'],
  honorifics: ['Mr', 'Sir'],
  names: [
    { form: 'Russia', kind: 'country', target: 'RUS' },
    { form: 'Russian', kind: 'demonym', target: 'RUS' },
    { form: 'Moscow', kind: 'capital', target: 'RUS' },
    { form: 'Colombia', kind: 'country', target: 'COL' },
    { form: 'United Nations', kind: 'organization', target: 'un' },
    { form: 'UN', kind: 'organization', target: 'un' },
    { form: 'Hamas', kind: 'organization', target: 'hamas' },
  ],
  isCommonWord: (w) => ['who', 'care', 'army', 'authority', 'guardian'].includes(w),
};

const c = convert(sources, project);
const org = (name: string) => c.organizations.organizations.find((o) => o.name === name);
const person = (name: string) => c.people.people.find((p) => p.name === name);
const agent = (noun: string) => c.agents.agents.find((a) => a.noun === noun);
const skipped = (reason: string) => c.report.skipped.filter((s) => s.reason === reason).map((s) => s.text);

describe('the converter on fixture dictionaries', () => {
  it('is deterministic: the same input gives the same bytes', () => {
    const again = convert(sources, project);
    expect(serialize(again.organizations)).toBe(serialize(c.organizations));
    expect(serialize(again.agents)).toBe(serialize(c.agents));
    expect(serialize(again.people)).toBe(serialize(c.people));
  });

  it('writes sorted entries, one per line, under a header with source, licence and converter', () => {
    const text = serialize(c.organizations);
    const ids = c.organizations.organizations.map((o) => o.id);
    expect(ids).toEqual([...ids].sort());
    expect(text.split('\n').filter((l) => l.startsWith('  {"id"'))).toHaveLength(ids.length);
    expect(JSON.parse(text)).toEqual(c.organizations);
    expect(c.people.header.source).toContain('openeventdata/petrarch2 commit 676801c');
    expect(c.people.header.licence).toContain('MIT, Copyright (c) 2014 Open Event Data');
    expect(c.agents.header.converter).toContain('train/dictionaries/petrarch-actors.ts');
  });

  it('makes one organisation of a name and its acronym, keeps officials apart and marks the project\'s entry', () => {
    const un = org('United Nations')!;
    expect(un).toMatchObject({ id: 'igouno-united-nations', kind: 'igo', type: 'organization', codes: [{ code: 'IGOUNO' }], projectId: 'un' });
    expect(un.forms).toEqual(['United Nations', 'UN']);
    // role nouns in lower case, as text writes them ("UN secretary general"); UNSG is listed under the same official
    expect(un.memberForms).toEqual(['UN secretary general', 'secretary general of the United Nations', 'UNSG']);
    expect(org('UN Security Council')).toMatchObject({ codes: [{ code: 'IGOUNO' }] });
    expect(org('UN Security Council')!.projectId).toBeUndefined();
  });

  it('writes acronyms and one-word English names in capitals, other names in title case', () => {
    expect(org('World Health Organization')!.forms).toEqual(['World Health Organization', 'WHO']);
    expect(org('NATO')!.forms).toEqual(['NATO', 'North Atlantic Treaty Organization']);
    expect(org('CARE')).toMatchObject({ kind: 'ngo', forms: ['CARE'] });
    expect(org('Hezbollah')!.forms).toEqual(['Hezbollah', 'Hizbullah', 'Hizb Allah']);
    expect(org('Irish Republican Army')!.forms).toEqual(['Irish Republican Army', 'IRA']);
    expect(renderPhrase(['ORGANIZATION', 'FOR', 'THE', 'PROHIBITION', 'OF', 'CHEMICAL', 'WEAPONS'], new Set())).toBe('Organization for the Prohibition of Chemical Weapons');
    expect(renderPhrase(["UNITED", "NATIONS", "CHILDREN'S", "FUND"], new Set())).toBe("United Nations Children's Fund");
    expect(renderPhrase(['OSAMA', 'BIN', 'LADEN'], new Set())).toBe('Osama bin Laden');
    expect(renderPhrase(['ABU', 'BAKR', 'AL-BAGHDADI'], new Set())).toBe('Abu Bakr al-Baghdadi');
    expect(renderPhrase(['AL-QAEDA'], new Set())).toBe('al-Qaeda'); // lower case "al" matches "Al-Qaeda" too
    expect(renderPhrase(['MCDONOUGH', "D'ESCOTO", 'KI-MOON'], new Set())).toBe("McDonough D'Escoto Ki-Moon");
  });

  it('derives kind, type and country from the code', () => {
    expect(org('Hamas')).toMatchObject({ kind: 'armed-group', type: 'group', country: 'PSE', projectId: 'hamas', memberForms: ['Khaled Meshaal'] });
    expect(org('al Qaida')).toMatchObject({ kind: 'armed-group', forms: ['al Qaida', 'al-Qaeda'], memberForms: ['al Qaeda operatives'] });
    expect(org('al Qaida')!.country).toBeUndefined(); // IMGMUSALQ: MUS is "Muslim" here, not Mauritius
    expect(org('Reuters')).toMatchObject({ kind: 'media', type: 'media' });
    expect(org('The Guardian')).toMatchObject({ kind: 'media', forms: ['The Guardian'] });
    expect(org('Toyota')).toMatchObject({ kind: 'company', country: 'JPN' });
    expect(org('A.H. Belo Corporation')).toMatchObject({ kind: 'media' });
    expect(org('Free Syrian Army')).toMatchObject({ kind: 'armed-group', country: 'SYR', forms: ['Free Syrian Army', 'FSA'] });
  });

  it('keeps dated codes of organisations', () => {
    expect(org('Abn Amro')).toMatchObject({ kind: 'company', codes: [{ code: 'NLDGOVBUS', from: '2008-10-04' }, { code: 'MNCNLD' }] });
  });

  it('puts people in people.json with ISO-dated roles, country and sector', () => {
    expect(person('Vladimir Putin')).toEqual({
      id: 'rus-vladimir-putin',
      name: 'Vladimir Putin',
      forms: ['Vladimir Putin', 'Putin', 'President Putin'],
      roles: [
        { code: 'RUSELI', country: 'RUS', sector: 'ELI', from: '1970-01-01', to: '1999-08-09' },
        { code: 'RUSGOV', country: 'RUS', sector: 'GOV', from: '1999-08-09', to: '2000-05-07' },
        { code: 'RUSGOV', country: 'RUS', sector: 'GOV', from: '1999-12-31', to: '2008-05-07' },
        { code: 'RUSGOV', country: 'RUS', sector: 'GOV', from: '2008-05-08' },
        { code: 'RUSELI', country: 'RUS', sector: 'ELI' },
      ],
      source: 'Phoenix.Countries.actors.txt:19',
    });
    expect(person('Kofi Annan')!.roles).toEqual([{ code: 'IGOUNO', sector: 'IGO', from: '1997-01-01', to: '2006-12-31' }, { code: 'ELI', sector: 'ELI' }]);
    expect(person('Abraham Abraham')!.roles).toEqual([{ code: 'IGOUNOREFHCR', sector: 'IGO' }]);
    expect(org('Morgan Stanley')).toMatchObject({ kind: 'company' });
    expect(c.people.header.horizon).toBe('2015-01-22');
  });

  it('reads code-less lines above a record as its lost synonyms', () => {
    expect(person('Boris Yeltsin')!.forms).toEqual(['Boris Yeltsin', 'Boris N. Yeltsin', 'President Boris Yeltsin']);
  });

  it('leaves out places, state bodies and names that are the project\'s, and says why', () => {
    expect(skipped('place')).toEqual(['RUSSIAN_FEDERATION', 'SYRIAN_ARAB_REPUBLIC']);
    expect(skipped('state-body')).toEqual(['KREMLIN']);
    expect(skipped('form-names-project-actor')).toEqual(['Colombia']);
    expect(skipped('no-forms-left')).toEqual(['Colombia']);
    expect(c.report.issues.map((i) => i.reason)).toEqual(expect.arrayContaining(['no-code', 'no-code-joined-next', 'joined-synonyms', 'damaged-encoding', 'bad-date', 'trailing-text', 'agent-without-code', 'agent-code-conflict', 'agent-stem']));
    expect(c.report.countries).toEqual({
      forms: 8, known: 3, adjectives: [], spellings: ['Russian Federation (RUS)'],
      otherNames: ['Rossiya (RUS)', 'Syria (SYR)', 'Syrian Arab Republic (SYR)', 'Vladivostok (RUS)'],
    });
  });

  it('gives agents their class, plurals and state flag, expanding stems and markers', () => {
    expect(agent('minister')).toMatchObject({ plurals: ['ministers'], code: 'GOV', class: 'government', state: true });
    expect(agent('defense minister')).toMatchObject({ plurals: ['defense ministers'], code: 'GOVMIL', class: 'government' });
    expect(agent('defense ministry')).toMatchObject({ plurals: ['defense ministries'] });
    expect(agent('port authority')).toMatchObject({ plurals: ['port authorities'] });
    expect(agent('police')).toMatchObject({ plurals: [], class: 'police', state: true });
    expect(agent('policeman')).toMatchObject({ plurals: ['policemen'], class: 'police' });
    expect(agent('rebel')).toMatchObject({ plurals: ['rebels'], class: 'rebels', state: false });
    expect(agent('troop')).toMatchObject({ plurals: ['troops'], class: 'military' });
    expect(agent('troops')).toBeUndefined();
    expect(agent('muslim')).toMatchObject({ plurals: ['muslims'], class: 'religious' });
    expect(agent('human rights body')).toMatchObject({ position: 'before', class: 'ngo' });
    expect(agent('security force')).toMatchObject({ code: 'MIL' });
    expect(agent('islamic extremist')).toBeUndefined();
  });
});
