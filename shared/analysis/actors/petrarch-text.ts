// How names are compared with the converted PETRARCH2 data: the key PETRARCH2 matches on (upper
// case, words split at blanks, `_`, hyphens and slashes) with punctuation and a leading "the"
// removed, plus a case rule per word of the listed form, so that upper-casing does not make "who"
// the World Health Organization. Shared by the converter (deduplicating forms) and the look-ups.

export interface NameTokens {
  /** Upper case, no diacritics, no periods ("U.N." → "UN"). */
  keys: string[];
  /** The same tokens as written (periods kept), for the case rule. */
  texts: string[];
  /** Joined to the previous token by a hyphen ("Ki-moon"), where capitals vary by style. */
  hyphenated: boolean[];
}

/** What separates words: blanks, `_` (PETRARCH2), hyphens and dashes, slashes. */
const WORD_BREAK = /([\s_\-‐‑–—/]+)/u;
const HYPHEN_ONLY = /^[-‐‑]$/u;
/** Punctuation around a word that is not part of it. */
const EDGE_PUNCT = /^[("“”'‘’«»,;:!?]+|[)"“”'‘’«»,;:!?]+$/gu;

/** Splits a name into comparable tokens; a leading "the" is dropped ("the UN" = "UN"). */
export function nameTokens(name: string): NameTokens {
  const keys: string[] = [];
  const texts: string[] = [];
  const hyphenated: boolean[] = [];
  // split() with a capturing group alternates words and the separators between them
  const parts = name.normalize('NFKC').replace(/[’‘`]/g, "'").split(WORD_BREAK);
  for (let i = 0; i < parts.length; i += 2) {
    const text = parts[i].replace(EDGE_PUNCT, '');
    const key = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\./g, '').toUpperCase();
    if (!/[\p{L}\p{N}]/u.test(key)) continue;
    keys.push(key);
    texts.push(text);
    hyphenated.push(i > 0 && keys.length > 1 && HYPHEN_ONLY.test(parts[i - 1]));
  }
  if (keys.length > 1 && keys[0] === 'THE') {
    keys.shift();
    texts.shift();
    hyphenated.shift();
  }
  return { keys, texts, hyphenated };
}

/** The look-up key of a name: its token keys joined by one blank. */
export function nameKey(name: string): string {
  return nameTokens(name).keys.join(' ');
}

/**
 * How a word of a listed form must be written in the text: `acronym` (two or more letters, all
 * capitals in the form: "WHO", "U.N.") only in capitals; `capitalised` ("Hamas", "Putin") with a
 * capital first letter; `any` for words the form writes in lower case ("of", "al").
 */
export type CaseRule = 'acronym' | 'capitalised' | 'any';

export function caseRule(formToken: string): CaseRule {
  const letters = formToken.replace(/[^\p{L}]/gu, '');
  if (letters === '') return 'any';
  if (letters.length >= 2 && !/\p{Ll}/u.test(letters)) return 'acronym';
  return /^\p{Lu}/u.test(letters) ? 'capitalised' : 'any';
}

/** Whether a word of the text (`hyphenated`: after a hyphen, "Ki-moon") meets a form word's rule. */
export function caseFits(rule: CaseRule, textToken: string, hyphenated = false): boolean {
  if (rule === 'any') return true;
  const letters = textToken.replace(/[^\p{L}]/gu, '');
  if (rule === 'acronym') return letters !== '' && !/\p{Ll}/u.test(letters);
  return hyphenated || /^\p{Lu}/u.test(letters);
}
