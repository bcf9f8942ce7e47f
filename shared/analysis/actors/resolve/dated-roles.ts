// People whose country the text never states ("Gerhard Schroeder said ..." in a 2004 article): the
// role PETRARCH2's people dictionary gives them on the article's date. The text wins: the pass runs
// after titles, bodies and role nouns have spoken, and skips anyone the text already placed, marked
// as not acting for a government ("former", "opposition"), or tied to a party or organisation. The
// dictionary stops at its horizon (early 2015), so articles after it get nothing from here and
// current office-holders come from the project's own data (titles and roles in ../../data).

import { organizationsByCode, personRole } from '../petrarch.js';
import type { Resolution } from './state.js';

/** CAMEO sectors whose holders act for their country's government (not ELI, OPP, PTY, business). */
const GOVERNMENT_SECTORS = new Set(['GOV', 'MIL']);

export function settleDatedRoles(st: Resolution, date: string | undefined): void {
  if (!date) return;
  for (const e of st.ents) {
    if (e.country || e.roleOrg || e.government === false) continue;
    const match = personRole(e.name, date);
    if (!match) continue;
    const { role } = match;
    if (role.country && role.sector && GOVERNMENT_SECTORS.has(role.sector)) {
      e.country = role.country;
    } else if (role.sector === 'IGO') {
      e.roleOrg = organisationOfCode(st, role.code); // emit.ts decides whether its officials act for it
    }
  }
}

/**
 * The organisation the project knows that a CAMEO code stands for. A code covers an organisation
 * and its organs ("IGOUNO": the UN, its Security Council, its General Assembly); a person coded
 * with it serves the organisation, so the least specific one is taken: the shortest name.
 */
function organisationOfCode(st: Resolution, code: string): string | undefined {
  let best: { id: string; name: string } | undefined;
  for (const o of organizationsByCode(code)) {
    const known = o.projectId ? st.g.orgs.get(o.projectId) : undefined;
    if (known && (!best || known.name.length < best.name.length)) best = known;
  }
  return best?.id;
}
