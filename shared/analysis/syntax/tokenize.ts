// Tokenisation of raw text the way UD English EWT tokenises, so the tagger and parser see the
// words they were trained on. Every word keeps exact offsets into the text.
//
// - Punctuation is split off words: quotes, brackets, commas, a final period (not the period of an
//   abbreviation, an initial or a dotted acronym: "Mr.", "J.", "U.S."), "%", currency signs.
// - Hyphens between letters are words of their own ("so - called", "year - old"), except after a
//   bound prefix ("e-mail", "co-workers", "pre-war").
// - Clitics are split into words of one token (a multiword token in CoNLL-U): "don't" do + n't,
//   "can't" ca + n't, "Bush's" Bush + 's, "they're", "I'm", "parents'", "cannot", "gonna".
// - URLs, e-mail addresses and numbers ("1,000", "3.5", "10:30") stay whole.

import { TEXT_WORDS } from '../lexicon/text.js';
import { MONTH_ABBREVIATIONS, NUMBER_ABBREVIATIONS, splitSentences, TITLE_ABBREVIATIONS } from '../sentences.js';

export interface TokenWord {
  form: string;
  start: number;
  end: number;
}

/** A run of text without white space inside that is one token; usually one word, two for a clitic. */
export interface Token {
  form: string;
  start: number;
  end: number;
  words: TokenWord[];
  /** No white space between this token and the next (CoNLL-U's SpaceAfter=No). */
  spaceAfter: boolean;
}

export interface TokenizedSentence {
  start: number;
  end: number;
  text: string;
  tokens: Token[];
}

/** Prefixes EWT keeps attached to the hyphen and the word after it. */
const BOUND_PREFIXES = TEXT_WORDS.boundPrefixes;
// closing marks too: news text often opens a quotation with them ("reading ”Trump: The Art of the Deal")
const LEADING = new Set(['"', "'", '“', '‘', '”', '’', '(', '[', '{', '«', '<', '$', '£', '€', '¥', '#', '¿', '¡', '*', '`']);
// opening marks too, where the space after them was lost ("Google( ) Amazon( )")
const TRAILING = new Set(['"', "'", '”', '’', ')', ']', '}', '»', '>', ',', ';', ':', '!', '?', '%', '*', '…', '(', '[', '{', '“', '«', '/']);
const URL_OR_EMAIL = /^(?:(?:https?|ftp):\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$/i;
/** Whole-word contractions and how they split. */
const CONTRACTIONS = TEXT_WORDS.contractions;
const CLITIC = /(?:n['’]t|['’](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M))$/;
const NT_UPPER = /N['’]T$/;

function isWordChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}\p{N}]/u.test(ch);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x1680 || c === 0xfeff;
}

/** Cheap check before the URL/e-mail pattern: only chunks with these can be one. */
function mayBeUrlOrEmail(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 /* @ */ || c === 58 /* : */ || (c === 46 /* . */ && (text[s] === 'w' || text[s] === 'W'))) return true;
  }
  return false;
}

/** Whether `word` (without its final period) keeps the period: "Mr", "Jan", "U.S", "J", "p.m". */
function keepsPeriod(word: string): boolean {
  const lower = word.toLowerCase();
  if (TITLE_ABBREVIATIONS.has(lower) || MONTH_ABBREVIATIONS.has(lower) || NUMBER_ABBREVIATIONS.has(lower)) return true;
  if (/^\p{L}$/u.test(word)) return true; // an initial
  return /^(?:\p{L}\.)+\p{L}$/u.test(word); // dotted acronym
}

// No closures below: bundled with keepNames (as the Lambdas are), every closure created costs a
// defineProperty call, which was 40 % of the tokeniser's time.

/** A token of one word: punctuation, or a word without clitics. */
function wordToken(text: string, s: number, e: number): Token {
  const form = text.slice(s, e);
  return { form, start: s, end: e, words: [{ form, start: s, end: e }], spaceAfter: false };
}

/**
 * Brackets and double quotes are never inside a word: where extraction lost the space around them
 * ("(CNN)”Family Guy”", "paragraph 8)BERLIN") they still split the run.
 */
const INNER_BREAKS = /[()[\]{}"“”«»]/;

/** Splits a run of text without white space into tokens. */
function splitChunk(text: string, start: number, end: number, out: Token[]): void {
  for (let i = start + 1; i < end - 1; i++) {
    // "every American...will": an ellipsis between words
    const width = text.startsWith('...', i) && i + 3 < end ? 3 : INNER_BREAKS.test(text[i]) ? 1 : 0;
    if (width === 0 || mayBeUrlOrEmail(text, start, end)) continue;
    splitChunk(text, start, i, out);
    out.push(wordToken(text, i, i + width));
    splitChunk(text, i + width, end, out);
    return;
  }
  const tail: Token[] = [];
  let s = start, e = end;
  // Leading punctuation; "--" and "..." as one token each.
  while (s < e) {
    const ch = text[s];
    if (text.startsWith('...', s)) { out.push(wordToken(text, s, s + 3)); s += 3; continue; }
    if (text.startsWith('--', s)) { let t = s; while (t < e && text[t] === '-') t++; out.push(wordToken(text, s, t)); s = t; continue; }
    if (LEADING.has(ch) || ch === '—' || ch === '–' || (ch === '-' && !isWordChar(text[s + 1] ?? ''))) {
      if (mayBeUrlOrEmail(text, s, e) && URL_OR_EMAIL.test(text.slice(s, e))) break;
      out.push(wordToken(text, s, s + 1)); s++; continue;
    }
    break;
  }
  // Trailing punctuation, collected from the end.
  const urlLike = mayBeUrlOrEmail(text, s, e);
  while (e > s) {
    const ch = text[e - 1];
    if (urlLike && !/[.,;:!?)"'”’]/.test(ch) && URL_OR_EMAIL.test(text.slice(s, e))) break;
    if (ch === '.' && e - s >= 3 && text[e - 2] === '.' && text[e - 3] === '.') { tail.push(wordToken(text, e - 3, e)); e -= 3; continue; }
    // "communiqu&#233;": a character reference left in the text is part of its word
    if (ch === ';' && /&(?:#\d+|#x[0-9a-f]+|[a-z]+)$/i.test(text.slice(s, e - 1))) break;
    if (ch === '.') {
      const before = text.slice(s, e - 1);
      if (before && keepsPeriod(before)) break;
      tail.push(wordToken(text, e - 1, e)); e--; continue;
    }
    if ((ch === "'" || ch === '’') && e - s > 2 && /[sS]/.test(text[e - 2]) && !(text[s] === "'" || text[s] === '‘')) break; // parents'
    if (TRAILING.has(ch) || ch === '—' || ch === '–' || (ch === '-' && e - s > 1 && text[e - 2] === '-')) {
      if (ch === '-') { let t = e; while (t > s && text[t - 1] === '-') t--; tail.push(wordToken(text, t, e)); e = t; continue; }
      tail.push(wordToken(text, e - 1, e)); e--; continue;
    }
    break;
  }
  if (e > s) splitCore(text, s, e, out);
  for (let i = tail.length - 1; i >= 0; i--) out.push(tail[i]);
}

/** A word without surrounding punctuation: URLs whole, hyphens and slashes split, clitics split. */
function splitCore(text: string, s: number, e: number, out: Token[]): void {
  const core = text.slice(s, e);
  if ((mayBeUrlOrEmail(text, s, e) && URL_OR_EMAIL.test(core)) || /^[\p{N}.,:/]+$/u.test(core)) { out.push(wordToken(text, s, e)); return; }
  // Hyphens (and en/em dashes, slashes) between word characters are tokens of their own.
  let piece = s;
  for (let i = s + 1; i < e - 1; i++) {
    const ch = text[i];
    if (ch === '.' && isUpperLetter(text[i + 1]) && /^[\p{L}\p{N}]{2,}$/u.test(text.slice(piece, i))) {
      // "in the US.After the war": a sentence's period with the space after it lost in extraction
      out.push(clitics(text, piece, i));
      out.push({ form: ch, start: i, end: i + 1, words: [{ form: ch, start: i, end: i + 1 }], spaceAfter: false });
      piece = i + 1;
      continue;
    }
    if (ch !== '-' && ch !== '/' && ch !== '–' && ch !== '—') continue;
    if (!isWordChar(text[i - 1]) || !isWordChar(text[i + 1])) continue;
    const left = text.slice(piece, i);
    if (ch === '-' && BOUND_PREFIXES.has(left.toLowerCase())) continue;
    if (ch === '/' && /^\p{N}+$/u.test(left)) continue; // 1/2, 9/11
    if (ch === '-' && /^\p{N}+$/u.test(left) && /^\p{N}/u.test(text.slice(i + 1, e)) && /\p{N}-\p{N}+-\p{N}/u.test(core)) continue; // phone numbers, dates
    out.push(clitics(text, piece, i));
    out.push({ form: ch, start: i, end: i + 1, words: [{ form: ch, start: i, end: i + 1 }], spaceAfter: false });
    piece = i + 1;
  }
  out.push(clitics(text, piece, e));
}

function isUpperLetter(ch: string): boolean {
  return /\p{Lu}/u.test(ch);
}

/** A token of two words split at `at`. */
function splitToken(text: string, s: number, at: number, e: number): Token {
  return {
    form: text.slice(s, e), start: s, end: e, spaceAfter: false,
    words: [{ form: text.slice(s, at), start: s, end: at }, { form: text.slice(at, e), start: at, end: e }],
  };
}

/** One token; two words where a clitic ends it. */
function clitics(text: string, s: number, e: number): Token {
  const form = text.slice(s, e);
  // Every clitic and contraction has an apostrophe or is one of a few whole words.
  if (!form.includes("'") && !form.includes('’')) {
    const fixed = form.length >= 5 && form.length <= 6 ? CONTRACTIONS.get(form.toLowerCase()) : undefined;
    return fixed === undefined ? wordToken(text, s, e) : splitToken(text, s, s + fixed, e);
  }
  const m = CLITIC.exec(form) ?? NT_UPPER.exec(form);
  if (m && m.index > 0) return splitToken(text, s, s + m.index, e);
  if (e - s > 2 && (form.endsWith("'") || form.endsWith('’')) && /s$/i.test(form.slice(0, -1))) return splitToken(text, s, e - 1, e);
  return wordToken(text, s, e);
}

/** Tokens of one span of text (one sentence). */
export function tokenizeSpan(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    let j = i;
    while (j < end && !isSpace(text.charCodeAt(j))) j++;
    if (j > i) {
      const first = tokens.length;
      splitChunk(text, i, j, tokens);
      // The chunk's last token is followed by white space, or ends the text (CoNLL-U marks neither).
      if (tokens.length > first) tokens[tokens.length - 1].spaceAfter = j >= text.length || isSpace(text.charCodeAt(j));
    }
    i = j;
  }
  return tokens;
}

/** Sentences (the analysis's own splitter) and their tokens. */
export function tokenize(text: string): TokenizedSentence[] {
  const out: TokenizedSentence[] = [];
  for (const s of splitSentences(text)) out.push({ start: s.start, end: s.end, text: s.text, tokens: tokenizeSpan(text, s.start, s.end) });
  return out;
}
