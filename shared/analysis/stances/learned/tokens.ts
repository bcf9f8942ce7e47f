// A tagged sentence as the learned layer reads it: words, offsets, and the stance lexicon's cue.

import type { DocSentence } from '../../text/document.js';
import { cueOf } from './cues.js';
import type { PairToken } from './features.js';

export function pairTokens(s: DocSentence): PairToken[] {
  return s.tokens.map((t) => ({ lower: t.lower, start: t.start, end: t.end, cue: cueOf(t.lemma, t.upos) }));
}
