// Look-ups in the actor data converted from PETRARCH2 (./petrarch-data.ts): organisations by
// name, agent nouns, and people's roles on a date. Pure functions over indexes built once, on first
// use, from the validated data; nothing here changes after that.
//
// Names are compared the way PETRARCH2 compares them, upper-cased with punctuation and a leading
// "the" set aside (see petrarch-text.ts), and then each word of the listed form sets how the text
// must write it: acronyms in capitals ("WHO", "U.N."; never "who"), other capitalised words with a
// capital ("Hamas", "Putin"), lower-case particles in any case. The project's own data comes first:
// an organisation with a `projectId` is already in ../data/organizations.json, and people's roles
// stop at the dictionaries' horizon (early 2015), so current office-holders come from elsewhere.

import { caseFits, caseRule, nameTokens, type CaseRule } from './petrarch-text.js';
import {
  once, petrarchAgents, petrarchOrganizations, petrarchPeople,
  type PersonRole, type PetrarchAgent, type PetrarchOrganization, type PetrarchPerson,
} from './petrarch-data.js';

export type { AgentClass, OrganizationKind, PersonRole, PetrarchAgent, PetrarchOrganization, PetrarchPerson } from './petrarch-data.js';

interface IndexedForm<T> {
  item: T;
  form: string;
  rules: CaseRule[];
  member: boolean;
}

function indexForms<T>(items: readonly T[], formsOf: (t: T) => { form: string; member: boolean }[]): ReadonlyMap<string, readonly IndexedForm<T>[]> {
  const index = new Map<string, IndexedForm<T>[]>();
  for (const item of items) {
    for (const { form, member } of formsOf(item)) {
      const { keys, texts } = nameTokens(form);
      if (keys.length === 0) continue;
      const key = keys.join(' ');
      (index.get(key) ?? index.set(key, []).get(key)!).push({ item, form, rules: texts.map(caseRule), member });
    }
  }
  return index;
}

/** The forms under the surface's key whose case rules the surface meets. */
function matching<T>(index: ReadonlyMap<string, readonly IndexedForm<T>[]>, surface: string): IndexedForm<T>[] {
  const { keys, texts, hyphenated } = nameTokens(surface);
  const found = index.get(keys.join(' '));
  if (!found) return [];
  return found.filter((f) => f.rules.every((r, i) => caseFits(r, texts[i], hyphenated[i])));
}

// ------------------------------------------------------------------------------------ organisations

export interface OrganizationMatch {
  organization: PetrarchOrganization;
  /** The listed form that matched. */
  form: string;
  /**
   * The form names someone acting for the organisation ("UN envoy", "Khaled Meshaal" under
   * Hamas), not the organisation itself: the resolver can use it for `actsFor`.
   */
  member: boolean;
}

const organizationIndex = once(() =>
  indexForms(petrarchOrganizations().organizations, (o) => [
    ...o.forms.map((form) => ({ form, member: false })),
    ...(o.memberForms ?? []).map((form) => ({ form, member: true })),
  ]),
);

const organizationsById = once(() => new Map(petrarchOrganizations().organizations.map((o) => [o.id, o])));

const organizationsByCodeIndex = once(() => {
  const m = new Map<string, PetrarchOrganization[]>();
  for (const o of petrarchOrganizations().organizations) for (const c of new Set(o.codes.map((x) => x.code))) (m.get(c) ?? m.set(c, []).get(c)!).push(o);
  return m as ReadonlyMap<string, readonly PetrarchOrganization[]>;
});

/**
 * Every organisation a surface form names, best first: names of the organisation before names of
 * its members, the organisation's own name before its other forms, entries the project also has
 * before the rest, then by id.
 */
export function organizationsByName(surface: string): OrganizationMatch[] {
  const rank = (f: IndexedForm<PetrarchOrganization>): number =>
    (f.member ? 4 : 0) + (f.form === f.item.name ? 0 : 2) + (f.item.projectId ? 0 : 1);
  return matching(organizationIndex(), surface)
    .sort((a, b) => rank(a) - rank(b) || a.item.id.localeCompare(b.item.id))
    .map((f) => ({ organization: f.item, form: f.form, member: f.member }));
}

/**
 * The organisation a name denotes ("United Nations", "U.N.", "the UN", "NATO", "Hezbollah"), or
 * undefined. Case: acronyms only in capitals ("UN", never "un"), other words capitalised as listed.
 * When several organisations share the name, the first of `organizationsByName`.
 */
export function organizationByName(surface: string): OrganizationMatch | undefined {
  return organizationsByName(surface)[0];
}

export function organizationById(id: string): PetrarchOrganization | undefined {
  return organizationsById().get(id);
}

/** Organisations carrying a CAMEO code ("IGOUNO": the UN and its bodies), in id order. */
export function organizationsByCode(code: string): readonly PetrarchOrganization[] {
  return organizationsByCodeIndex().get(code) ?? [];
}

// ------------------------------------------------------------------------------------ agents

export interface AgentMatch {
  agent: PetrarchAgent;
  /** Whether the noun was the singular (or only) form or a plural ("rebels"). */
  number: 'singular' | 'plural';
}

const agentIndex = once(() => {
  const m = new Map<string, AgentMatch>();
  const agents = petrarchAgents().agents;
  // singulars first, so a word that is one noun's singular and another's plural reads as the singular
  for (const agent of agents) m.set(nameTokens(agent.noun).keys.join(' '), { agent, number: 'singular' });
  for (const agent of agents) {
    for (const p of agent.plurals) {
      const key = nameTokens(p).keys.join(' ');
      if (!m.has(key)) m.set(key, { agent, number: 'plural' });
    }
  }
  return m as ReadonlyMap<string, AgentMatch>;
});

/**
 * The agent a common noun names, singular or plural, any case: "minister" and "the Foreign
 * Minister" (government), "police" (police), "rebels" (rebels, plural), "troops" (military).
 * A leading article is ignored; the noun must be the whole phrase ("defence minister", not
 * "the defence minister of France").
 */
export function agentOf(noun: string): AgentMatch | undefined {
  const keys = nameTokens(noun).keys;
  if (keys.length > 1 && (keys[0] === 'A' || keys[0] === 'AN')) keys.shift();
  return agentIndex().get(keys.join(' '));
}

// ------------------------------------------------------------------------------------ people

export interface PersonRoleMatch {
  person: PetrarchPerson;
  role: PersonRole;
  /**
   * `dated`: a role whose dates cover the day; `default`: the person's undated role, which the
   * dictionary applies when no dated one does (up to the horizon).
   */
  basis: 'dated' | 'default';
}

const personIndex = once(() => indexForms(petrarchPeople().people, (p) => p.forms.map((form) => ({ form, member: false }))));

/** The last day the converted dictionaries know about (their latest dated code, early 2015). */
export function petrarchHorizon(): string {
  return petrarchOrganizations().header.horizon; // the same date people.json carries, without reading it
}

/** Every person a name can denote ("Vladimir Putin", "Putin", "President Putin"), in id order. */
export function peopleByName(name: string): PetrarchPerson[] {
  const seen = new Set<PetrarchPerson>();
  for (const f of matching(personIndex(), name)) seen.add(f.item);
  return [...seen].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The role a person had on a day: among the dated roles covering it (inclusive), the one that
 * started last; else the undated default role. A role with an open end, or the default, is used
 * only up to the horizon: the dictionaries cannot say who held office after it.
 */
export function roleOn(person: PetrarchPerson, day: string, horizon: string): PersonRoleMatch | undefined {
  let best: PersonRole | undefined;
  for (const r of person.roles) {
    if (!r.from && !r.to) continue;
    if ((r.from ?? '') <= day && day <= (r.to ?? horizon) && (!best || (r.from ?? '') > (best.from ?? ''))) best = r;
  }
  if (best) return { person, role: best, basis: 'dated' };
  const fallback = person.roles.find((r) => !r.from && !r.to);
  return fallback && day <= horizon ? { person, role: fallback, basis: 'default' } : undefined;
}

/**
 * The role one of `people` held on `day`: undefined when none held one, or when several did with
 * different codes (PETRARCH2 lists some people twice, "K._ANNAN_" and "KOFI_ANNAN_": the same code
 * on the day is the same answer, and the first by id is returned).
 */
export function roleAmong(people: readonly PetrarchPerson[], day: string, horizon: string): PersonRoleMatch | undefined {
  const matches = people.flatMap((p) => roleOn(p, day, horizon) ?? []);
  if (matches.length === 0) return undefined;
  return matches.every((m) => m.role.code === matches[0].role.code) ? matches[0] : undefined;
}

/**
 * The role the person a name denotes held on the article's date (ISO, "2005-03-01" or a full
 * timestamp): undefined without a date, for a date the dictionaries cannot speak for (after the
 * horizon, outside every range), for an unknown name, and when the name fits several people who
 * held different roles that day (then `peopleByName` lists them).
 */
export function personRole(name: string, date: string | undefined): PersonRoleMatch | undefined {
  const day = date?.slice(0, 10);
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const horizon = petrarchHorizon();
  if (day > horizon) return undefined; // no role reaches past it, and people.json stays unread
  return roleAmong(peopleByName(name), day, horizon);
}
