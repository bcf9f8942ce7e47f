// R3: a definite role noun ("the prime minister", "the Venezuelan president", "the Tory leader")
// is the person holding that role whose country, party and standing agree, most recently
// mentioned before it, else the first after it; with no holder, the country acting, or an
// international organisation's office-holder of its own, or nothing.

import { slug } from '../keys.js';
import type { RawMention } from '../mentions/index.js';
import { nearestEntity, tie, type PersonEnt, type Resolution } from './state.js';

export function resolveRoleNouns(st: Resolution): void {
  for (const m of st.ms) {
    if (m.kind !== 'role') continue;
    const ent = holderOf(st, m) ?? officeHolder(st, m);
    if (ent) {
      if (m.roleCountry && !ent.country && ent.government !== false) ent.country = m.roleCountry;
      tie(st, m, ent);
      st.resolved.set(m, { id: ent.id, kind: 'role' });
    } else if (m.roleCountry) {
      st.resolved.set(m, { id: m.roleCountry, kind: 'role' });
    }
  }
}

/** The person holding the role noun's role, if one agrees. */
function holderOf(st: Resolution, m: RawMention): PersonEnt | undefined {
  // "the home secretary" is not "the shadow home secretary": government status must agree
  const holders = st.ents.filter((e) => e.role === m.role
    && (!m.roleCountry || !e.country || e.country === m.roleCountry)
    && (!m.roleOrg || e.roleOrg === m.roleOrg)
    && ((m.government === false) === (e.government === false)));
  // a holder known to act for the named country beats one whose country is unknown; one whose
  // country is unknown is taken only when they hold the role alone ("the US envoy" among four
  // ambassadors is not the one whose country was not stated)
  const sure = m.roleCountry ? holders.filter((e) => e.country === m.roleCountry) : [];
  const holdersOfRole = st.ents.filter((e) => e.role === m.role).length;
  const pool = sure.length ? sure : m.roleCountry && holdersOfRole > 1 ? [] : holders;
  if (pool.length === 1) return pool[0];
  if (pool.length > 1) return nearestEntity(pool, m);
  return undefined;
}

/** "the UN secretary-general" with no name given: the office-holder is an actor of its own. */
function officeHolder(st: Resolution, m: RawMention): PersonEnt | undefined {
  if (m.roleCountry || !m.roleOrg) return undefined;
  const org = st.g.orgs.get(m.roleOrg);
  if (!org || !st.lex.organizations.officialsActFor.has(org.kind)) return undefined;
  const name = m.text;
  const ent: PersonEnt = { id: `${org.id}-${slug(m.roleCore ?? m.role!)}`, name, tokens: [name], surnameKeys: new Set(), role: m.role, roleText: m.roleText, government: m.government, roleOrg: org.id };
  st.ents.push(ent);
  st.persons.set(ent.id, ent);
  return ent;
}
