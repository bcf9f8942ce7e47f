// R5: "the government" / "the Cabinet" with no country next to it is the government of the
// country the latest government-acting person or body in it or the previous sentences acts for;
// else of the country named most so far (ties: the one named first); else unresolved.

import { mostCounted, type Resolution } from './state.js';

/** One pass in text order: the latest government actor (with its sentence), and country counts. */
export function resolveHomeGovernment(st: Resolution): void {
  const window = st.lex.tuning.windows.governmentSentences;
  let govCountry: string | undefined;
  let govSentence = -Infinity;
  const counts = new Map<string, number>();
  for (const m of st.ms) {
    if (m.kind === 'government') {
      const country = (m.sentence - govSentence <= window ? govCountry : undefined) ?? mostCounted(counts);
      if (country) st.resolved.set(m, { id: country, kind: 'alias' });
      continue;
    }
    const c = st.personOf.get(m)?.country ?? (m.kind === 'body' ? st.bodyCountryOf.get(m) : undefined);
    if (c) {
      govCountry = c;
      govSentence = m.sentence;
    }
    if (m.targetType === 'country' && m.target && /^[A-Z]{3}$/.test(m.target) && !m.modifier && !m.inTitle) counts.set(m.target, (counts.get(m.target) ?? 0) + 1);
  }
}
