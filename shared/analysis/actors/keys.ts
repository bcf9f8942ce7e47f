// Token keys and case rules, shared by the gazetteer (forms from the data) and the mention finder
// (tokens of the text), so that both sides of a look-up are normalised the same way.

/** Lower case, no diacritics, one apostrophe: the key a token is looked up by. */
export function tokenKey(token: string): string {
  let s = token;
  // fast path: plain ASCII letters
  if (!/[^\x00-\x7f]/.test(s)) return s.toLowerCase();
  s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`]/g, "'");
  return s.toLowerCase();
}

/** Split a data form into tokens the way the mention finder tokenises text (mentions/tokenize.ts). */
export function formTokens(form: string): string[] {
  return form.match(/(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:[-'’&.][\p{L}\p{N}]+)*\+?|[^\s\p{L}\p{N}]/gu) ?? [];
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
  return formToken.replace(/’/g, "'") === textToken.replace(/’/g, "'");
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
