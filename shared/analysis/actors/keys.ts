// Token keys and case rules, shared by the gazetteer (forms from the data) and the mention finder
// (tokens of the text), so that both sides of a look-up are normalised the same way.

import { tokenizeSpan } from '../syntax/tokenize.js';

const SPACED_INITIALS = /^(?:\p{Lu}\. )+\p{Lu}\.$/u;

/** Lower case, no diacritics, one apostrophe: the key a token is looked up by. */
export function tokenKey(token: string): string {
  // spaced initials ("U. S.", see wordsAsWritten) are looked up as written without the spaces
  let s = token.includes('. ') && SPACED_INITIALS.test(token) ? token.replace(/ /g, '') : token;
  // fast path: plain ASCII letters
  if (!/[^\x00-\x7f]/.test(s)) return s.toLowerCase();
  s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`]/g, "'");
  return s.toLowerCase();
}

/** Splits a data form into words the way the mention finder reads the text (EWT's tokens, wordsAsWritten). */
export function formTokens(form: string): string[] {
  const ewt: WrittenWord[] = [];
  for (const t of tokenizeSpan(form, 0, form.length)) for (const w of t.words) ewt.push({ text: w.form, start: w.start, end: w.end });
  return wordsAsWritten(ewt).map((w) => w.text);
}

export interface WrittenWord {
  text: string;
  start: number;
  end: number;
}

const CLITIC = /^(?:n['’]t|['’](?:m|re|ve|ll|d))$/i;

/**
 * EWT's tokens regrouped as the text writes its words, which is how names are looked up: words
 * joined by a hyphen or a clitic are one word ("Asante-Boateng", "US-led", "won't"), and an
 * abbreviation's period is a token of its own ("Mr.", as in "Mr Blair"). Both the text
 * (mentions/tokenize.ts) and the data's forms (formTokens) are read this way.
 */
export function wordsAsWritten(tokens: readonly WrittenWord[]): WrittenWord[] {
  const out: WrittenWord[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const d = tokens[i];
    let end = d.end;
    let j = i;
    // "Asante - Boateng" (no spaces): one word; also "won't", "I'm"
    for (;;) {
      const a = tokens[j + 1];
      const b = tokens[j + 2];
      if (a && a.start === end && a.text === '-' && b && b.start === a.end && isWordChar(b.text) && isWordChar(tokens[j].text)) {
        end = b.end;
        j += 2;
      } else if (a && a.start === end && CLITIC.test(a.text)) {
        end = a.end;
        j += 1;
      } else break;
    }
    // "U. S.", "U. N.": initials with spaces between them, one word as "U.S." is
    while (INITIAL.test(tokens[j].text) && tokens[j + 1] && INITIAL.test(tokens[j + 1].text) && tokens[j + 1].start === tokens[j].end + 1) j++;
    end = tokens[j].end;
    const text = j === i ? d.text : joinAsWritten(tokens, i, j);
    i = j;
    // "Mr.", "Inc.": the period is punctuation to the finder, as in "Mr Blair"
    if (text.length > 2 && text.endsWith('.') && text.indexOf('.') === text.length - 1 && isWordChar(text)) {
      out.push({ text: text.slice(0, -1), start: d.start, end: end - 1 }, { text: '.', start: end - 1, end });
    } else {
      out.push({ text, start: d.start, end });
    }
  }
  return out;
}

const INITIAL = /^\p{Lu}\.$/u;

/** The text of tokens i..j with a space where the text has one. */
function joinAsWritten(tokens: readonly WrittenWord[], i: number, j: number): string {
  let s = tokens[i].text;
  for (let k = i + 1; k <= j; k++) s += (tokens[k].start > tokens[k - 1].end ? ' ' : '') + tokens[k].text;
  return s;
}

function isWordChar(t: string): boolean {
  return /^[\p{L}\p{N}]/u.test(t);
}


/** 0: any case; 1: must start upper case; 2: must be exactly as written (codes, acronyms). */
export type CaseMode = 0 | 1 | 2;

export function caseMode(formToken: string): CaseMode {
  if (!/\p{Lu}/u.test(formToken[0])) return 0;
  return /\p{Lu}/u.test(formToken.slice(1)) ? 2 : 1;
}

/** `caseMatches` with the form's mode computed in advance (the hot path). */
export function caseMatchesMode(mode: CaseMode, formToken: string, textToken: string): boolean {
  if (mode === 0) return true;
  const c = textToken.charCodeAt(0);
  const upper = c >= 65 && c <= 90 ? true : c < 128 ? false : /\p{Lu}/u.test(textToken[0]);
  if (!upper) return false;
  if (mode === 1) return true;
  return formToken.replace(/’/g, "'") === textToken.replace(/[’ ]/g, (c) => (c === ' ' ? '' : "'"));
}

/** Whether a text token satisfies the case rule of the form token it matched. */
export function caseMatches(formToken: string, textToken: string): boolean {
  const first = formToken[0];
  if (!/\p{Lu}/u.test(first)) return true;
  if (!/\p{Lu}/u.test(textToken[0])) return false;
  // codes and acronyms ("US", "AfD", "U.S."): exact
  if (/\p{Lu}/u.test(formToken.slice(1))) return tokenKey(formToken) === tokenKey(textToken) && formToken.replace(/[’]/g, "'") === textToken.replace(/[’]/g, "'");
  return true;
}

export function slug(s: string): string {
  return tokenKey(s).replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * A lower-case particle joined by a hyphen to the rest of a name ("al-Assad" -> ["al", "Assad"],
 * "al-assad" -> ["al", "assad"]), or undefined. Whether the particle is a name's is the caller's
 * question (actor-words.json's nameConnectors: "anti-American" is no name).
 */
export function joinedParticle(word: string): [particle: string, rest: string] | undefined {
  const m = /^(\p{Ll}+)-(.+)$/u.exec(word);
  return m ? [m[1], m[2]] : undefined;
}
