// The country a state body acts for: fixed in the data, named next to it ("Russian Foreign
// Ministry"), else the subject country of the current or previous sentences, else the nearest
// country earlier in the same sentence, else the body's default, else none.

import type { RawMention } from '../mentions/index.js';
import type { Resolution } from './state.js';

export function resolveBodyCountries(st: Resolution): void {
  for (const m of st.ms) {
    if (m.kind !== 'body') continue;
    const b = st.g.bodies.get(m.target!)!;
    st.bodyCountryOf.set(m, b.country ?? m.bodyCountry ?? subjectCountryNear(st, m) ?? b.defaultCountry);
  }
}

function subjectCountryNear(st: Resolution, m: RawMention): string | undefined {
  const window = st.lex.tuning.windows.bodyCountrySentences;
  for (let s = m.sentence; s >= Math.max(0, m.sentence - window); s--) {
    const subj = st.bySentence[s].find((x) => x.subject && x.targetType === 'country' && !x.modifier && (s < m.sentence || x.start < m.start));
    if (subj) return subj.target;
  }
  const before = st.bySentence[m.sentence].filter((x) => x.start < m.start && x.targetType === 'country' && x.target && /^[A-Z]{3}$/.test(x.target));
  return before.length ? before[before.length - 1].target : undefined;
}
