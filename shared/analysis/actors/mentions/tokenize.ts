// Tokens of the whole text for the mention finder: exact offsets into the text, a lower-case key
// (keys.ts) for look-ups, the sentence, and quotation state.

import type { Sentence } from '../../types.js';
import { tokenKey } from '../keys.js';
import type { Token } from './types.js';

const TOKEN_RE = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:[-'’&][\p{L}\p{N}]+)*\+?|[^\s\p{L}\p{N}]/gu;

/**
 * Words (a possessive 's split off and flagged), initials with periods ("U.S.") and single marks,
 * with exact offsets, the sentence of each, and whether it is inside quotation marks.
 */
export function tokenize(text: string, sentences: Sentence[]): Token[] {
  const out: Token[] = [];
  let si = 0;
  let inQuote = false;
  let nextNewline = text.indexOf('\n');
  if (nextNewline < 0) nextNewline = Infinity;
  const re = new RegExp(TOKEN_RE); // a copy: the scan's position is this call's own
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let t = m[0];
    const start = m.index;
    // quotation state resets at paragraph breaks
    if (nextNewline < start) {
      inQuote = false;
      nextNewline = text.indexOf('\n', start);
      if (nextNewline < 0) nextNewline = Infinity;
    }
    while (si < sentences.length - 1 && start >= sentences[si].end) si++;
    // a straight quote opens after white space or an opening bracket, and closes after a word or punctuation
    const opensStraight = t === '"' && (start === 0 || /[\s(\[]/.test(text[start - 1])) && !/\s/.test(text[start + 1] ?? ' ');
    if (t === '“' || opensStraight) {
      inQuote = true;
      out.push(mk(t, start, si, true));
      continue;
    }
    if (t === '”' || t === '"') {
      inQuote = false;
      out.push(mk(t, start, si, true));
      continue;
    }
    let poss = false;
    const first = t.charCodeAt(0);
    // ASCII fast path before the Unicode class
    const isWord = (first >= 97 && first <= 122) || (first >= 65 && first <= 90) || (first >= 48 && first <= 57)
      || (first > 127 && /[\p{L}\p{N}]/u.test(t[0]));
    if (isWord) {
      const ps = /['’][sS]$/.exec(t);
      if (ps && t.length > 2) {
        t = t.slice(0, -2);
        poss = true;
      } else if ((t.endsWith('s') || t.endsWith('S')) && (text[start + t.length] === "'" || text[start + t.length] === '’') && !/[\p{L}]/u.test(text[start + t.length + 1] ?? '')) {
        poss = true;
      }
    }
    const tok = mk(t, start, si, inQuote);
    tok.poss = poss;
    tok.word = isWord;
    tok.cap = isWord && (first >= 65 && first <= 90 ? true : first > 127 && /\p{Lu}/u.test(t[0]));
    out.push(tok);
  }
  return out;
}

function mk(t: string, start: number, sentence: number, quote: boolean): Token {
  return { start, end: start + t.length, text: t, key: tokenKey(t), word: false, cap: false, poss: false, sentence, quote };
}
