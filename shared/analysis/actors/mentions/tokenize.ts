// The mention finder's tokens: the article's one reading (text/document.ts, UD English EWT's
// tokens), with what the finder asks of each token computed once: a lower-case key (keys.ts) for
// look-ups, whether it is a word and capitalised, the sentence, and quotation state. Names are
// looked up as they are written, so the finder reads a word as the text writes it where EWT
// splits it for the parser: a possessive marker ("'s", or "'" after a plural) is a flag on its
// word ("Russia's" is "Russia", possessive); words joined by a hyphen or a clitic are one word
// ("Asante-Boateng", "US-led", "won't"); an abbreviation's period is a token of its own ("Mr.").

import { readSentences, type DocSentence } from '../../text/document.js';
import type { Sentence } from '../../types.js';
import { tokenKey, wordsAsWritten } from '../keys.js';
import type { Token } from './types.js';

/**
 * The tokens of every sentence, in text order, with exact offsets into the text. Sentences that
 * have not been read yet (plain `Sentence`s) are tokenised here.
 */
export function tokenize(text: string, sentences: readonly Sentence[]): Token[] {
  const read = sentences.length && !('tokens' in sentences[0]) ? readSentences(sentences) : (sentences as readonly DocSentence[]);
  const out: Token[] = [];
  let inQuote = false;
  let nextNewline = newlineFrom(text, 0);
  for (const s of read) {
    for (const d of wordsAsWritten(s.tokens)) {
      const t = d.text;
      const start = d.start;
      // quotation state resets at paragraph breaks
      if (nextNewline < start) {
        inQuote = false;
        nextNewline = newlineFrom(text, start);
      }
      const prev = out.length ? out[out.length - 1] : undefined;
      if (prev && prev.end === start && prev.word && isPossessiveMarker(text, t, start, prev)) {
        prev.poss = true;
        continue;
      }
      // a straight quote opens after white space or an opening bracket, and closes after a word or punctuation
      const opensStraight = t === '"' && (start === 0 || /[\s(\[]/.test(text[start - 1])) && !/\s/.test(text[start + 1] ?? ' ');
      if (t === '“' || opensStraight) {
        inQuote = true;
        out.push(mark(t, start, d.end, s.index, true));
        continue;
      }
      if (t === '”' || t === '"') {
        inQuote = false;
        out.push(mark(t, start, d.end, s.index, true));
        continue;
      }
      const first = t.charCodeAt(0);
      // ASCII fast path before the Unicode class
      const word = (first >= 97 && first <= 122) || (first >= 65 && first <= 90) || (first >= 48 && first <= 57)
        || (first > 127 && /[\p{L}\p{N}]/u.test(t[0]));
      const tok = mark(t, start, d.end, s.index, inQuote);
      tok.word = word;
      tok.cap = word && (first >= 65 && first <= 90 ? true : first > 127 && /\p{Lu}/u.test(t[0]));
      out.push(tok);
    }
  }
  return out;
}

/** "'s" right after a word, or "'" right after a word ending in s with no letter after it ("rebels' leader"). */
function isPossessiveMarker(text: string, t: string, start: number, prev: Token): boolean {
  if (t.length === 2 && (t[0] === "'" || t[0] === '’') && (t[1] === 's' || t[1] === 'S')) return true;
  if (t !== "'" && t !== '’') return false;
  const last = prev.text[prev.text.length - 1];
  return (last === 's' || last === 'S') && !/\p{L}/u.test(text[start + 1] ?? '');
}

function newlineFrom(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? Infinity : i;
}

function mark(t: string, start: number, end: number, sentence: number, quote: boolean): Token {
  return { start, end, text: t, key: tokenKey(t), word: false, cap: false, poss: false, sentence, quote };
}
