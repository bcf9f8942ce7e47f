// Persons: R1 full names, R2 surnames and titled surnames, counterparts, and the country each
// person acts for (see the rule at the top of index.ts).

import { joinedParticle, slug } from '../keys.js';
import type { RawMention } from '../mentions/index.js';
import { nearestEntity, tie, type PersonEnt, type Resolution } from './state.js';

/** Names are compared by the slug of each word ("Lopez" = "López"). */
const nameKey = (s: string): string => slug(s);
/** "W" or "W." in "George W. Bush": left out when names are compared. */
const INITIAL = /^\p{Lu}\.?$/u;
const lastKey = (name: string): string => nameKey(name.split(/\s+/).pop()!);

/**
 * A name made of ordinary words ("Robin Cook") is a full name when a titled surname ("Mr Cook")
 * shows it is one and no other full name has that surname.
 */
export function promoteWeakNames(st: Resolution): void {
  const fullSurnames = new Set(st.ms.filter((m) => m.kind === 'person' && !m.titled).map((m) => lastKey(m.name!)));
  const titledSurnames = new Set(st.ms.filter((m) => m.kind === 'person' && m.titled).map((m) => nameKey(m.name!)));
  for (const m of st.ms) {
    if (m.kind === 'weakname' && titledSurnames.has(lastKey(m.name!)) && !fullSurnames.has(lastKey(m.name!))) {
      m.kind = 'person';
      m.promoted = true;
    }
  }
}

/** R1: full names are one person when one is the other's ending; the longest form names it. */
export function resolveFullNames(st: Resolution): void {
  const ents: PersonEnt[] = [];
  for (const m of st.ms.filter((x) => x.kind === 'person' && !x.titled)) {
    const tokens = m.name!.split(/\s+/).filter((t) => !INITIAL.test(t));
    if (tokens.length === 0) continue; // initials alone ("U. S.") name no one
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
    st.resolved.set(m, { id: '', kind: 'name' });
    tie(st, m, ent);
  }
  for (const e of ents) {
    e.id = slug(e.tokens.join(' ')); // initials left out: "George W Bush" and "George Bush" are one id
    const keys = e.tokens.map(nameKey);
    e.surnameKeys.add(keys[keys.length - 1]);
    // "Bashar al-Assad" is "Assad" later: the surname without its joined particle
    const joined = joinedParticle(keys[keys.length - 1]);
    if (joined && st.lex.words.nameConnectors.has(joined[0])) e.surnameKeys.add(joined[1]);
    if (keys.length >= 3) e.surnameKeys.add(keys.slice(1).join(' ')).add(keys[keys.length - 2]);
    if (keys.length >= 2) e.givenKey = keys[0];
    st.ents.push(e);
    st.persons.set(e.id, e);
  }
}

/**
 * R2: a lone surname or a titled surname is the person with that surname (a lone word: or that
 * given name) mentioned most recently before it, else the first after it; with none, a titled
 * surname starts a person of its own ("Mr Kerry").
 */
export function resolveSurnames(st: Resolution): void {
  for (const m of st.ms) {
    if (!((m.kind === 'person' && m.titled) || m.kind === 'surname')) continue;
    const key = nameKey(m.name!);
    const bySurname = st.ents.filter((e) => e.surnameKeys.has(key));
    const byGiven = m.kind === 'surname' && bySurname.length === 0 ? st.ents.filter((e) => e.givenKey === key) : [];
    const cands = bySurname.length ? bySurname : byGiven.length === 1 ? byGiven : [];
    let ent: PersonEnt | undefined;
    if (cands.length === 1) ent = cands[0];
    else if (cands.length > 1) ent = nearestEntity(cands, m);
    if (!ent && m.kind === 'person') {
      ent = { id: slug(m.name!), name: m.name!, tokens: [m.name!], surnameKeys: new Set([key]) };
      st.ents.push(ent);
      st.persons.set(ent.id, ent);
    }
    if (!ent) continue;
    if (m.kind === 'person') absorbRole(ent, m);
    tie(st, m, ent);
    st.resolved.set(m, { id: ent.id, kind: 'surname' });
  }
}

/** "his visiting Venezuelan counterpart": a counterpart holds the role of the titled person mentioned before it in the same sentence. */
export function inheritCounterpartRoles(st: Resolution): void {
  const { personOf } = st;
  for (const m of st.ms) {
    const ent = personOf.get(m);
    if (!ent || ent.government !== 'inherit') continue;
    const before = st.bySentence[m.sentence].filter((x) => x.start < m.start && personOf.get(x) && personOf.get(x) !== ent && personOf.get(x)!.role);
    const other = before.length ? personOf.get(before[before.length - 1])! : undefined;
    if (other) {
      ent.role = other.role;
      ent.roleText = other.roleText;
      ent.government = other.government === 'inherit' ? 'context' : other.government;
    } else ent.government = 'context';
  }
}

/**
 * The country a person acts for, when the role acts for a government: named in the title, of the
 * body the title hangs on, the title's hint, or the boss's ("Mr Sharon's spokesman"). A role that
 * hangs on a party or organisation alone acts for no country.
 */
export function settlePersonCountries(st: Resolution): void {
  for (const e of st.ents) {
    if (e.government === false || e.government === undefined) continue;
    if (e.government === 'context' && !e.roleCountry && e.roleBody === undefined && e.rolePossessor === undefined) continue;
    if (e.government === 'context' && e.roleOrg && !e.roleCountry && e.roleBody === undefined) continue;
    const bodyM: RawMention | undefined = e.roleBody !== undefined ? st.raw[e.roleBody] : undefined;
    const boss = e.rolePossessor !== undefined ? st.personOf.get(st.raw[e.rolePossessor]) : undefined;
    e.country ??= e.roleCountry ?? (bodyM ? st.bodyCountryOf.get(bodyM) : undefined) ?? e.countryHint ?? (boss !== e ? boss?.country : undefined);
  }
}

/** R1: one name is the other's ending. */
function sameName(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 2 && long.length !== short.length) return false;
  for (let i = 1; i <= short.length; i++) if (short[short.length - i] !== long[long.length - i]) return false;
  return true;
}

/** What a mention's title says about its person, where the person has not said it yet. */
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
