// Word counting for extracted text. Pure; no DOM.

/**
 * A word: letters, digits and combining marks, optionally joined by an apostrophe, hyphen or dot
 * ("don't", "state-owned", "U.S", "3.5"). CJK ideographs and kana are matched one by one below,
 * since those scripts do not put spaces between words and a character is the usual unit.
 */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])+(?:['’.\-](?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])+)*/gu;

export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) n++;
  return n;
}

/** Zero-width characters that carry no meaning in extracted text (ZWJ/ZWNJ do, and stay). */
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/g;

/** Collapses runs of whitespace (JS `\s` covers no-break spaces) to one space and trims. */
export function normalizeSpace(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}
