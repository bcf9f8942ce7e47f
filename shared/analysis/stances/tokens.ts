// Tokens of every sentence, tagged and lemmatised, with the actor mentions of the actor stage laid
// over them as units, and quotations marked.

import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { ResolvedMention, Sentence } from '../types.js';
import type { Prepared, Tok, Unit } from './context.js';
import { BLAME, DOUBLE_QUOTES, LIGHT_VERBS, OBLIGATION, OWNER_VERBS, POSSESSIVE_MARKS, POSSESSIVE_PRONOUNS, REPORTING, RESOLVABLE_PRONOUNS, VERBS } from './lexicon.js';
export let nlpInstance: ReturnType<typeof winkNLP> | null = null;
export function nlp(): ReturnType<typeof winkNLP> {
  nlpInstance ??= winkNLP(model, ['pos']);
  return nlpInstance;
}

/** HTML character references left in extracted text ("communiqu&#233;"), decoded for the tagger
 * while token offsets keep pointing into the original text. */
export const ENTITY = /&(#\d+|#x[0-9a-f]+|amp|quot|apos|lt|gt|nbsp);/gi;
export const NAMED_ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' };

export function decodeEntities(text: string): { text: string; map: number[] } | null {
  if (!text.includes('&')) return null;
  let out = '';
  const map: number[] = [];
  let last = 0;
  for (const m of text.matchAll(ENTITY)) {
    const at = m.index ?? 0;
    for (let k = last; k < at; k++) { out += text[k]; map.push(k); }
    const body = m[1].toLowerCase();
    const code = body.startsWith('#x') ? parseInt(body.slice(2), 16) : body.startsWith('#') ? Number(body.slice(1)) : -1;
    // an out-of-range reference stays as written
    const ch = code >= 0 ? (code <= 0x10ffff ? String.fromCodePoint(code) : m[0]) : NAMED_ENTITIES[body] ?? m[0];
    for (const u of ch) { out += u; map.push(at); }
    last = at + m[0].length;
  }
  if (last === 0) return null;
  for (let k = last; k < text.length; k++) { out += text[k]; map.push(k); }
  map.push(text.length);
  return { text: out, map };
}

/** Tokenises and tags all sentences in one tagger pass (one document per article costs less than
 * one per sentence). Sentences are laid out with blank lines between them; token offsets come back
 * relative to their sentence, in the original (entity-encoded) text. */
export function tokenizeArticle(sentences: Sentence[]): Tok[][] {
  const starts: number[] = [];
  let joined = '';
  for (const s of sentences) {
    if (joined) joined += '\n\n';
    starts.push(joined.length);
    joined += s.text;
  }
  const decoded = decodeEntities(joined);
  const text = decoded?.text ?? joined;
  const n = nlp();
  const its = n.its;
  const tokens = n.readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  const pos = tokens.out(its.pos) as string[];
  // the typings declare its.lemma with the model add-ons argument the other its functions lack
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const out: Tok[][] = sentences.map(() => []);
  let cursor = 0;
  let si = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!v.trim()) continue;
    let at = text.indexOf(v, cursor);
    if (at < 0) at = cursor;
    cursor = at + v.length;
    let start = at;
    let end = at + v.length;
    if (decoded) {
      const { map } = decoded;
      const endChar = map[end - 1] ?? joined.length - 1;
      const endEntity = joined.indexOf(';', endChar);
      start = map[start] ?? start;
      end = joined[endChar] === '&' && endEntity > 0 ? endEntity + 1 : endChar + 1;
    }
    while (si + 1 < starts.length && start >= starts[si + 1]) si++;
    const list = out[si];
    list.push({
      i: list.length, text: v, lower: v.toLowerCase(), lemma: (lemmas[i] || v).toLowerCase(), pos: pos[i],
      start: start - starts[si], end: end - starts[si], unit: -1, q: false, skip: false,
    });
  }
  return out;
}

/** The base form of an -ing word the tagger did not lemmatise, checked against the lexicon's verbs. */
export function ingLemma(word: string): string {
  const stem = word.slice(0, -3);
  const candidates = [stem, `${stem}e`, stem.length > 2 && stem.at(-1) === stem.at(-2) ? stem.slice(0, -1) : stem];
  const known = (w: string): boolean => VERBS.has(w) || BLAME.has(w) || OBLIGATION.has(w) || REPORTING.has(w) || LIGHT_VERBS.has(w);
  return candidates.find(known) ?? `${stem}e`;
}

/** The base form of an -ed word the tagger did not lemmatise ("announced" -> announce). */
export function edLemma(word: string): string {
  const stem = word.slice(0, -2);
  const known = (w: string): boolean => VERBS.has(w) || LIGHT_VERBS.has(w) || OWNER_VERBS.has(w);
  return [`${stem}e`, stem, word.slice(0, -1)].find(known) ?? `${stem}e`;
}

export function prepare(s: Sentence, toks: Tok[], mentions: ResolvedMention[]): Prepared {
  const units: Unit[] = [];
  for (const m of mentions) {
    const rs = m.start - s.start;
    const re = m.end - s.start;
    let a = -1;
    let b = -1;
    for (const t of toks) {
      if (t.end <= rs) continue;
      if (t.start >= re) break;
      if (a < 0) a = t.i;
      b = t.i;
    }
    if (a < 0) continue;
    // a mention never covers the possessive mark ("Washington’s")
    while (b > a && POSSESSIVE_MARKS.has(toks[b].text)) b--;
    let clash = false;
    for (let k = a; k <= b; k++) if (toks[k].unit >= 0) clash = true;
    if (clash) continue;
    const u = units.length;
    units.push({ a, b, id: m.actorId, pronoun: m.kind === 'pronoun', modifier: m.modifier === true });
    for (let k = a; k <= b; k++) toks[k].unit = u;
  }
  for (const t of toks) {
    if (t.unit < 0 && t.pos === 'PRON' && RESOLVABLE_PRONOUNS.has(t.lower)) {
      t.unit = units.length;
      units.push({ a: t.i, b: t.i, id: '', pronoun: true, modifier: false });
    }
  }
  markQuotes(s.text, toks);
  // "is damaging the way ...": a progressive the tagger read as an adjective
  for (const t of toks) {
    if (t.pos !== 'ADJ' || !t.lower.endsWith('ing')) continue;
    const p = toks[t.i - 1];
    const n = toks[t.i + 1];
    if (p && p.pos === 'AUX' && p.lemma === 'be' && n && (n.pos === 'DET' || n.pos === 'PROPN' || n.unit >= 0 || (n.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(n.lower)))) {
      t.pos = 'VERB';
      t.lemma = ingLemma(t.lower);
    }
  }
  // "staged" -> "stag": a past form the lemmatiser cut to an unknown stem takes the lexicon's verb
  for (const t of toks) {
    if (t.pos !== 'VERB' || !t.lower.endsWith('ed') || VERBS.has(t.lemma) || LIGHT_VERBS.has(t.lemma) || OWNER_VERBS.has(t.lemma) || REPORTING.has(t.lemma)) continue;
    const base = edLemma(t.lower);
    if (VERBS.has(base) || LIGHT_VERBS.has(base) || OWNER_VERBS.has(base)) t.lemma = base;
  }
  // "Russia, which backs Belgrade's position", "Germany ... each announced contributions": verbs the
  // tagger read as a noun or an adjective after a relative pronoun or a floating quantifier
  for (const t of toks) {
    if (t.pos === 'VERB' || t.unit >= 0) continue;
    const p = toks[t.i - 1];
    const n = toks[t.i + 1];
    const base = t.pos === 'ADJ' && t.lower.endsWith('ed') ? (VERBS.has(t.lemma) || LIGHT_VERBS.has(t.lemma) || OWNER_VERBS.has(t.lemma) ? t.lemma : edLemma(t.lower)) : t.lemma;
    if (!(VERBS.has(base) || LIGHT_VERBS.has(base) || OWNER_VERBS.has(base))) continue;
    const afterRelative = p && (p.lower === 'which' || p.lower === 'who') && /s$/.test(t.lower) && t.pos === 'NOUN';
    const afterQuantifier = p && (p.lower === 'each' || p.lower === 'also' || p.lower === 'both') && t.pos === 'ADJ' && n && (n.pos === 'NOUN' || n.pos === 'DET' || n.unit >= 0);
    if (afterRelative || afterQuantifier) { t.pos = 'VERB'; t.lemma = base; }
  }
  // headlines drop articles and the tagger reads "G7 backs Africa ..." as a noun compound
  for (const t of toks) {
    if (t.pos === 'VERB' || !VERBS.has(t.lemma) || !/[^s]s$/.test(t.lower)) continue;
    const p = toks[t.i - 1];
    const n = toks[t.i + 1];
    if (p && p.unit >= 0 && n && (n.unit >= 0 || n.pos === 'DET') && t.unit < 0) t.pos = 'VERB';
  }
  return { s, toks, units };
}

/** Marks tokens inside double quotes. An opening mark follows a space or starts the text; BBC-style
 * quotes that run over several sentences are handled by the sentence-level frame inheritance. */
export function markQuotes(text: string, toks: Tok[]): void {
  let open = false;
  for (const t of toks) {
    if (DOUBLE_QUOTES.has(t.text)) {
      const before = t.start === 0 ? ' ' : text[t.start - 1];
      const after = text[t.end] ?? ' ';
      const opening = t.text === '“' || t.text === '„' || t.text === '«'
        || (t.text === '"' && /[\s([:—–-]/.test(before) && !/\s/.test(after));
      const closing = t.text === '”' || t.text === '»' || (t.text === '"' && !opening);
      if (opening) open = true;
      else if (closing) open = false;
      t.q = true;
      continue;
    }
    t.q = open;
  }
}
