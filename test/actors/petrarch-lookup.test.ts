import { describe, expect, it } from 'vitest';
import projectOrganizations from '../../shared/analysis/data/organizations.json' with { type: 'json' };
import { caseFits, caseRule, nameKey } from '../../shared/analysis/actors/petrarch-text.js';
import {
  PetrarchDataError, petrarchAgents, petrarchOrganizations, petrarchPeople, validatePetrarchFile,
} from '../../shared/analysis/actors/petrarch-data.js';
import {
  agentOf, organizationById, organizationByName, organizationsByCode, peopleByName, personRole, petrarchHorizon, roleAmong, roleOn,
  type PetrarchPerson,
} from '../../shared/analysis/actors/petrarch.js';

const projectIds = new Set(projectOrganizations.organizations.map((o) => o.id));
const orgId = (surface: string) => organizationByName(surface)?.organization.id;

describe('the converted data', () => {
  it('loads and matches its schemas', () => {
    expect(petrarchOrganizations().organizations.length).toBeGreaterThan(5000);
    expect(petrarchAgents().agents.length).toBeGreaterThan(2000);
    expect(petrarchPeople().people.length).toBeGreaterThan(15000);
    expect(Object.isFrozen(petrarchOrganizations().organizations[0])).toBe(true);
  });

  it('fails with the file, entry and field named when a file is broken', () => {
    const broken = structuredClone(petrarchAgents()) as { agents: { class: string }[] };
    broken.agents[3].class = 'wizards';
    expect(() => validatePetrarchFile('agents.json', broken)).toThrow(PetrarchDataError);
    expect(() => validatePetrarchFile('agents.json', broken)).toThrow(/agents\.json .*agents\.3\.class.*npm run data:petrarch/);
  });

  it('has unique organisation ids, none of them an id of the project\'s organizations.json', () => {
    const ids = petrarchOrganizations().organizations.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => projectIds.has(id))).toEqual([]);
  });

  it('points `projectId` at organisations the project has, by a name they share', () => {
    const withProject = petrarchOrganizations().organizations.filter((o) => o.projectId);
    expect(withProject.length).toBeGreaterThan(80);
    for (const o of withProject) {
      const project = projectOrganizations.organizations.find((p) => p.id === o.projectId)!;
      expect(project, o.id).toBeDefined();
      const names = new Set([project.name, ...project.aliases, ...project.acronyms].map(nameKey));
      expect(o.forms.some((f) => names.has(nameKey(f))), `${o.id} ~ ${o.projectId}`).toBe(true);
    }
  });

  it('has unique people ids and roles whose ranges are in order', () => {
    const people = petrarchPeople().people;
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    for (const p of people) for (const r of p.roles) if (r.from && r.to) expect(r.from <= r.to, p.id).toBe(true);
    expect(petrarchHorizon()).toBe('2015-02-17');
  });
});

describe('organizationByName', () => {
  it('finds the UN however PETRARCH2 spells it, and "un" never', () => {
    for (const s of ['United Nations', 'the United Nations', 'UN', 'U.N.', 'THE UNITED NATIONS']) expect(orgId(s), s).toBe('igouno-united-nations');
    expect(organizationByName('UN')).toMatchObject({ form: 'UN', member: false, organization: { kind: 'igo', projectId: 'un', codes: [{ code: 'IGOUNO' }] } });
    expect(orgId('un')).toBeUndefined();
    expect(orgId('Un')).toBeUndefined();
  });

  it('matches acronyms only as written in capitals: NATO, never nato', () => {
    expect(caseRule('WHO')).toBe('acronym');
    expect(caseFits('acronym', 'who')).toBe(false);
    expect(caseFits('acronym', 'WHO')).toBe(true);
    expect(orgId('NATO')).toBe('igowstnat-nato');
    expect(orgId('North Atlantic Treaty Organization')).toBe('igowstnat-nato');
    expect(orgId('nato')).toBeUndefined();
    expect(orgId('World Health Organization')).toBe('igounohlhwho-world-health-organization');
    expect(orgId('who')).toBeUndefined();
  });

  it('finds armed non-state groups with their codes, country and the project\'s id', () => {
    expect(organizationByName('Hamas')?.organization).toMatchObject({ id: 'pserebhms-hamas', kind: 'armed-group', type: 'group', country: 'PSE', projectId: 'hamas' });
    expect(orgId('HAMAS')).toBe('pserebhms-hamas');
    expect(orgId('hamas')).toBeUndefined();
    expect(organizationByName('Hezbollah')?.organization).toMatchObject({ id: 'lbnreb-hezbollah', country: 'LBN', projectId: 'hezbollah' });
    for (const s of ['Hizbollah', 'Hizbullah', 'Party of God']) expect(orgId(s), s).toBe('lbnreb-hezbollah');
    expect(orgId('Boko Haram')).toBe('ngareb-boko-haram');
    expect(orgId('al-Qaeda')).toBe(orgId('Al Qaeda'));
    expect(organizationByName('ISIS')?.organization.codes).toEqual([{ code: 'IMGMUSISI', from: '2013-04-08' }]);
  });

  it('tells names of people and officials acting for an organisation from its own names', () => {
    expect(organizationByName('Khaled Meshaal')).toMatchObject({ member: true, organization: { id: 'pserebhms-hamas' } });
    expect(organizationByName('UN envoy')).toMatchObject({ member: true, organization: { id: 'igouno-united-nations' } });
    expect(organizationByName('World Bank president')).toMatchObject({ member: true, organization: { projectId: 'world-bank' } });
  });

  it('fills gaps in the project\'s list', () => {
    expect(organizationByName('Free Syrian Army')?.organization).toMatchObject({ kind: 'armed-group', country: 'SYR' });
    expect(organizationByName('Free Syrian Army')?.organization.projectId).toBeUndefined();
    expect(organizationByName('Jabhat al Nusra')?.organization.kind).toBe('armed-group');
    expect(organizationByName('Medecins Sans Frontieres')?.organization.projectId).toBe('msf');
  });

  it('does not know the Nigerian Labour Congress (PETRARCH2 does not list it: a gap the project fills)', () => {
    expect(organizationByName('Nigerian Labour Congress')).toBeUndefined();
  });

  it('looks organisations up by id and by code', () => {
    expect(organizationById('igowstnat-nato')?.name).toBe('NATO');
    expect(organizationsByCode('IGOUNO').map((o) => o.id)).toContain('igouno-united-nations');
    expect(organizationsByCode('XXX')).toEqual([]);
  });
});

describe('agentOf', () => {
  it('tells "the minister" (government) from "rebels" (rebels), singular or plural', () => {
    expect(agentOf('minister')).toMatchObject({ number: 'singular', agent: { noun: 'minister', class: 'government', code: 'GOV', state: true } });
    expect(agentOf('the minister')?.agent.noun).toBe('minister');
    expect(agentOf('Ministers')).toMatchObject({ number: 'plural', agent: { class: 'government' } });
    expect(agentOf('Foreign Minister')?.agent.class).toBe('government');
    expect(agentOf('rebels')).toMatchObject({ number: 'plural', agent: { noun: 'rebel', class: 'rebels', state: false } });
    expect(agentOf('rebel')?.number).toBe('singular');
  });

  it('knows police, troops, militants, journalists and civilians', () => {
    expect(agentOf('police')).toMatchObject({ number: 'singular', agent: { class: 'police', plurals: [] } });
    expect(agentOf('troops')).toMatchObject({ number: 'plural', agent: { class: 'military' } });
    expect(agentOf('militants')?.agent.class).toBe('armed-group');
    expect(agentOf('journalists')?.agent.class).toBe('media');
    expect(agentOf('a civilian')?.agent.class).toBe('civilian');
    expect(agentOf('wizard')).toBeUndefined();
  });
});

describe('personRole', () => {
  it('uses a dated role only when its range covers the article\'s date', () => {
    expect(personRole('Vladimir Putin', '2005-06-01')).toMatchObject({ basis: 'dated', person: { id: 'rus-vladimir-putin' }, role: { code: 'RUSGOV', country: 'RUS', sector: 'GOV', from: '1999-12-31', to: '2008-05-07' } });
    expect(personRole('Putin', '1995-01-01T10:00:00Z')?.role).toMatchObject({ code: 'RUSELI', sector: 'ELI' });
    expect(personRole('President Putin', '2012-06-01')?.role).toMatchObject({ code: 'RUSGOV', from: '2008-05-08' });
  });

  it('gives no role without a date, after the horizon or for an unknown name', () => {
    expect(personRole('Putin', undefined)).toBeUndefined();
    expect(personRole('Putin', 'last week')).toBeUndefined();
    // open-ended in the dictionary, but it cannot speak for 2024
    expect(personRole('Putin', '2024-03-01')).toBeUndefined();
    expect(personRole('putin', '2005-06-01')).toBeUndefined();
    expect(personRole('Nobody Atall', '2005-06-01')).toBeUndefined();
  });

  it('falls back on the undated default role inside the horizon, and says so', () => {
    expect(personRole('Kofi Annan', '2003-03-01')).toMatchObject({ basis: 'dated', role: { code: 'IGOUNO' } });
    expect(personRole('Kofi Annan', '2009-03-01')).toMatchObject({ basis: 'default', role: { code: 'ELI' } });
    expect(personRole('Kofi Annan', '2016-01-01')).toBeUndefined();
    expect(personRole('Ban Ki-moon', '2010-01-01')).toMatchObject({ basis: 'dated', role: { code: 'IGOUNO', from: '2007-01-01' } });
  });

  it('picks the latest-starting dated role, and gives up when a name fits several people with a role that day', () => {
    const person = (id: string, roles: PetrarchPerson['roles']): PetrarchPerson => ({ id, name: id, forms: [id], roles, source: 'test' });
    const a = person('a', [{ code: 'XXXELI', from: '1990-01-01', to: '2010-12-31' }, { code: 'XXXGOV', from: '2000-01-01', to: '2004-12-31' }]);
    expect(roleOn(a, '2002-06-01', '2015-02-17')?.role.code).toBe('XXXGOV');
    expect(roleOn(a, '2005-06-01', '2015-02-17')?.role.code).toBe('XXXELI');
    expect(roleOn(a, '2011-01-01', '2015-02-17')).toBeUndefined();
    const b = person('b', [{ code: 'YYYGOV', from: '2001-01-01', to: '2003-12-31' }]);
    const a2 = person('a2', [{ code: 'XXXGOV', from: '2001-01-01' }]);
    expect(roleAmong([a, b], '2002-06-01', '2015-02-17')).toBeUndefined();
    expect(roleAmong([a, b], '2006-06-01', '2015-02-17')?.person.id).toBe('a');
    expect(roleAmong([a, a2], '2002-06-01', '2015-02-17')?.person.id).toBe('a');
    // PETRARCH2 lists "K._ANNAN_" apart from "KOFI_ANNAN_ + K._ANNAN_": the same role either way
    expect(peopleByName('K. Annan').length).toBe(2);
    expect(personRole('K. Annan', '2005-06-01')?.role.code).toBe('IGOUNO');
  });
});
