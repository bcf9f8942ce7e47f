// R4: he/him/his/himself and she/her/herself outside quotations refer to a person of agreeing
// gender: the subject of the current sentence before the pronoun; the latest person earlier in the
// sentence; the subject of the nearest previous sentence (within the window) that has a person
// subject; the latest person in those sentences. They/them/their and pronouns inside quotations
// stay unresolved.

import type { RawMention } from '../mentions/index.js';
import { tie, type PersonEnt, type Resolution } from './state.js';

export function resolvePronouns(st: Resolution): void {
  const { ms, personOf } = st;
  const window = st.lex.tuning.windows.pronounSentences;
  for (let idx = 0; idx < ms.length; idx++) {
    const m = ms[idx];
    if (m.kind !== 'pronoun' || m.pronoun === 'plural' || m.quote) continue;
    const namedLater = personsNamedLater(st, idx);
    const agrees = (e: PersonEnt): boolean => (!e.gender || e.gender === m.pronoun) && !namedLater.has(e);
    const cands: RawMention[] = [];
    for (let k = idx - 1; k >= 0 && ms[k].sentence >= m.sentence - window; k--) {
      const x = ms[k];
      const e = personOf.get(x);
      if (e && !x.quote && agrees(e) && x.start < m.start) cands.unshift(x);
    }
    if (cands.length === 0) continue;
    const same = cands.filter((x) => x.sentence === m.sentence);
    let pick: RawMention | undefined = same.find((x) => x.subject) ?? same[same.length - 1];
    for (let s = m.sentence - 1; s >= m.sentence - window && !pick; s--) pick = cands.find((x) => x.sentence === s && x.subject);
    pick ??= cands[cands.length - 1];
    const ent = personOf.get(pick)!;
    ent.gender ??= m.pronoun as 'm' | 'f';
    tie(st, m, ent);
    st.resolved.set(m, { id: ent.id, kind: 'pronoun' });
  }
}

/**
 * "he insisted he still trusted Mr Blair": a subject or object pronoun is not the person named later
 * in its own sentence (possessives may point forward: "In his speech, Mr Blair said").
 */
function personsNamedLater(st: Resolution, idx: number): Set<PersonEnt> {
  const { ms } = st;
  const m = ms[idx];
  const later = new Set<PersonEnt>();
  if (st.lex.words.possessivePronouns.has(m.text.toLowerCase())) return later;
  for (let k = idx + 1; k < ms.length && ms[k].sentence === m.sentence; k++) {
    const e = st.personOf.get(ms[k]);
    if (e && ms[k].kind !== 'pronoun') later.add(e);
  }
  return later;
}
