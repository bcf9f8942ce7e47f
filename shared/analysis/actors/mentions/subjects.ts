// Pass 6: which mentions are the subject of their clause. The stance scorer reads a subject as
// the one acting; salience counts it more.

import type { SentenceScope } from './scope.js';

/**
 * Subject: the first actor mention of the sentence (or of the clause after a closing quote) whose
 * noun phrase no preposition precedes, or any mention right before a reporting verb or auxiliary.
 */
export function markSubjects(sc: SentenceScope): void {
  const { toks, words } = sc;
  const ms = sc.out.slice(sc.outStart).filter((m) => m.kind !== 'place' && !m.modifier && !m.locative).sort((x, y) => x.npStart - y.npStart || x.start - y.start);
  let firstDone = false;
  let clauseStart = sc.from;
  for (const m of ms) {
    // a closing quote before the mention opens a new clause: `"...," he said`
    for (let k = clauseStart; k < m.npStart; k++) {
      if (toks[k].text === '”' || (toks[k].text === '"' && !toks[k].quote)) {
        clauseStart = k + 1;
        firstDone = false;
      }
    }
    const nextTok = m.tokEnd < sc.end ? toks[m.tokEnd] : undefined;
    const nextWord = nextTok?.text === ',' ? undefined : nextTok;
    const prevTok = m.npStart - 1 >= sc.from ? toks[m.npStart - 1] : undefined;
    const beforeVerb = !!nextWord && words.subjectVerbs.has(nextWord.key) && !m.possessive && !(prevTok && words.prepositions.has(prevTok.key));
    let prepBefore = false;
    for (let k = clauseStart; k < m.npStart; k++) if (words.prepositions.has(toks[k].key) || words.subjectVerbs.has(toks[k].key)) prepBefore = true;
    if (!m.possessive && ((!firstDone && !prepBefore) || beforeVerb)) m.subject = true;
    if (!m.possessive || m.kind === 'person') firstDone = firstDone || !m.possessive;
  }
}
