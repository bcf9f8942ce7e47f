// Pass 4: definite role nouns without a name ("the French president", "the prime minister", "the
// president of Venezuela"), which resolution ties to a person holding the role, or to the country
// acting. An indefinite one ("a minister") names nobody in particular and is left out.

import { leftOfRole, type LeftContext } from './left-context.js';
import type { GazetteerSpans, RoleSpans, SentenceScope } from './scope.js';
import type { RawMention } from './types.js';

export function findRoleNouns(sc: SentenceScope, gz: GazetteerSpans, roles: RoleSpans): void {
  const { toks, text } = sc;
  for (const r of roles.at.values()) {
    if (roles.consumed.has(r) || sc.lex.titles.titleOnlyForms.has(r.form)) continue;
    const left = leftOfRole(sc, gz, r.from);
    let country = left.country;
    // "the president of Venezuela"
    if (r.to < sc.end && toks[r.to].key === 'of') {
      const ofG = gz.at.get(r.to + 1);
      if (ofG && ofG.entry.targetType === 'country') country = ofG.entry.target;
    }
    const lastRoleTok = toks[r.to - 1];
    // "prime minister's questions" is an event, not the person
    if (lastRoleTok.poss && !left.definite) continue;
    if (!left.definite && !country) continue;
    const s0 = left.gspans.length ? Math.min(...left.gspans.map((x) => x.from)) : r.from;
    const startOff = toks[s0].start;
    const m: RawMention = {
      start: startOff, end: lastRoleTok.end, text: text.slice(startOff, lastRoleTok.end), sentence: sc.sentence, kind: 'role',
      role: r.role.key, roleText: text.slice(toks[left.qualFrom ?? r.from].start, lastRoleTok.end),
      roleCore: text.slice(toks[coreFrom(left, r.from)].start, lastRoleTok.end),
      government: left.noGov ? false : r.role.government, definite: true,
      tokStart: s0, tokEnd: r.to, npStart: left.npStart ?? s0, quote: toks[r.from].quote,
    };
    if (country) m.roleCountry = country;
    if (left.org) m.roleOrg = left.org;
    if (left.body) m.roleBody = gz.mention.get(left.body);
    if (r.role.gender) m.gender = r.role.gender;
    const gb = r.role.genderByForm?.[r.form];
    if (gb) m.gender = gb;
    if (lastRoleTok.poss) m.possessive = true;
    // the demonym inside "the French president" is part of this mention, not its own
    for (const gs of left.gspans) {
      const idx = gz.mention.get(gs);
      if (idx !== undefined) sc.out[idx].modifier = true;
    }
    sc.out.push(m);
  }
}

/** First token of a role phrase after any country or organisation words ("UN's climate chief" -> "climate chief"). */
function coreFrom(left: LeftContext, r: number): number {
  let k = left.qualFrom ?? r;
  for (const sp of left.gspans) if (sp.to > k && sp.to <= r) k = sp.to;
  return k;
}
