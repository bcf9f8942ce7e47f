// Sentence splitting with exact offsets into the original text (JavaScript string indices).
//
// A boundary is a line break, or terminal punctuation (. ! ? …) plus any closing quotes or
// brackets, followed by white space and something that can start a sentence. A period does not
// end a sentence after a known abbreviation ("Mr.", "Jan. 10", "No. 5"), an initial ("J. K.
// Rowling"), or a dotted acronym ("U.S.") unless the next word is a typical sentence opener.
// Commas before closing quotes never end a sentence (`"... continue,” he said.`).

import { TEXT_WORDS } from './lexicon/text.js';
import type { Sentence } from './types.js';

/** Abbreviations after which a period never ends a sentence (case-insensitive, without the dot). */
export const TITLE_ABBREVIATIONS = TEXT_WORDS.titleAbbreviations;
/** Abbreviations that end a sentence only when what follows cannot continue them. */
export const MONTH_ABBREVIATIONS = TEXT_WORDS.monthAbbreviations;
/** "No. 10", "Nos. 3": only before a number. */
export const NUMBER_ABBREVIATIONS = TEXT_WORDS.numberAbbreviations;
/** Words that, after a dotted acronym ("in the U.S. He said"), show a new sentence has started. */
const SENTENCE_OPENERS = TEXT_WORDS.sentenceOpeners;

const CLOSERS = '"\'”’)]»';
const OPENERS = '"\'“‘([«';

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00a0' || ch === '\r' || ch === '\f' || ch === '\v';
}

/** The word (letters, dots) that ends right before index `dot`. */
function wordBefore(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && /[\p{L}\p{N}.]/u.test(text[i - 1])) i--;
  return text.slice(i, dot);
}

function nextWord(text: string, from: number): string {
  let i = from;
  while (i < text.length && OPENERS.includes(text[i])) i++;
  let j = i;
  while (j < text.length && /[\p{L}\p{N}'’-]/u.test(text[j])) j++;
  return text.slice(i, j);
}

/** Whether a period at `dot` (followed by white space, then `next`) is part of an abbreviation. */
function periodIsAbbreviation(text: string, dot: number, next: string): boolean {
  const word = wordBefore(text, dot);
  if (!word) return false;
  const lower = word.toLowerCase();
  const nextStartsLower = /^\p{Ll}/u.test(next);
  const nextIsNumber = /^\p{N}/u.test(next);
  if (nextStartsLower) return true; // a sentence does not start in lower case
  if (TITLE_ABBREVIATIONS.has(lower)) return true;
  if (MONTH_ABBREVIATIONS.has(lower)) return nextIsNumber;
  if (NUMBER_ABBREVIATIONS.has(lower)) return nextIsNumber;
  // single initial "J." (upper-case letter alone), as in "J. K. Rowling"
  if (/^\p{Lu}$/u.test(word)) return !SENTENCE_OPENERS.has(next);
  // dotted acronym "U.S." / "U.N.": the period belongs to it; a new sentence needs a clear opener
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return !SENTENCE_OPENERS.has(next);
  return false;
}

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (s: number, e: number): void => {
    // trim white space (and stray leading closers are kept: they belong to the text)
    while (s < e && (isSpace(text[s]) || text[s] === '\n')) s++;
    while (e > s && (isSpace(text[e - 1]) || text[e - 1] === '\n')) e--;
    if (e > s) out.push({ index: out.length, start: s, end: e, text: text.slice(s, e) });
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (ch === '\n') {
      push(start, i);
      start = i + 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    // absorb a run of terminal punctuation ("?!", "...") and closing quotes/brackets
    let j = i + 1;
    while (j < n && (text[j] === '.' || text[j] === '!' || text[j] === '?' || text[j] === '…')) j++;
    while (j < n && CLOSERS.includes(text[j])) j++;
    if (j < n && !isSpace(text[j]) && text[j] !== '\n') {
      i = j - 1;
      continue; // "2.5", "U.S.-led", "e.g.," — no white space after it
    }
    if (j >= n) break;
    if (text[j] === '\n') {
      i = j - 1; // the line break ends it
      continue;
    }
    let k = j;
    while (k < n && isSpace(text[k])) k++;
    const next = nextWord(text, k);
    const ellipsis = ch === '…' || (ch === '.' && text[i + 1] === '.');
    if (ch === '.' && !ellipsis && j === i + 1 && periodIsAbbreviation(text, i, next)) continue;
    if (ellipsis && /^\p{Ll}/u.test(next)) {
      i = j - 1;
      continue;
    }
    if (!next && k < n && !OPENERS.includes(text[k])) {
      i = j - 1;
      continue; // followed by a dash or a symbol: keep going
    }
    if (next && /^\p{Ll}/u.test(next)) {
      i = j - 1;
      continue;
    }
    push(start, j);
    start = j;
    i = j - 1;
  }
  push(start, n);
  return out;
}
