// Tokens of every sentence, tagged and lemmatised, with the actor mentions of the actor stage laid
// over them as units, and quotations marked.

import { wordClass } from '../lexicon/stances.js';
import type { DocSentence } from '../text/document.js';
import type { ResolvedMention, Sentence } from '../types.js';
import type { Prepared, Tok, Unit } from './context.js';
import { BLAME, DIMINISHING_VERBS, DOCUMENT_NOUNS, DOUBLE_QUOTES, LIGHT_VERBS, NOUNS, SPEECH_NOUNS, OBLIGATION, OWNER_VERBS, POSSESSIVE_MARKS, POSSESSIVE_PRONOUNS, REPORTING, RESOLVABLE_PRONOUNS, VERBS } from './lexicon.js';

/** The stance passes' tokens of each sentence, from the article's one reading (text/document.ts):
 * offsets relative to the sentence, lemmas in lower case as the lexicon writes them. */
export function sentenceTokens(sentences: readonly DocSentence[]): Tok[][] {
  return sentences.map((s) => s.tokens.map((t) => ({
    i: t.i, text: t.text, lower: t.lower, lemma: t.lemma.toLowerCase(), pos: rulePos(t.upos, t.tag, t.lower), tag: t.tag,
    start: t.start - s.start, end: t.end - s.start, unit: -1, q: false, skip: false,
  })));
}

const SUBORDINATORS = wordClass('subordinators');

/**
 * The part of speech the rules read. EWT gives words of names that are adjectives or nouns by
 * themselves their own UPOS and a proper-noun Penn tag ("United/ADJ|NNP States", "International/ADJ|NNP
 * Atomic Energy Agency"); for the rules they are parts of a name.
 */
function rulePos(upos: string, tag: string, lower: string): string {
  if (tag.endsWith('|NNP') || tag.endsWith('|NNPS')) return 'PROPN';
  // UD marks a preposition before a gerund as a subordinator ("accused X of/SCONJ crossing"); the
  // rules read it as the preposition it is
  if (tag === 'SCONJ|IN' && !SUBORDINATORS.has(lower)) return 'ADP';
  return upos;
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
  const units = markUnits(toks, mentions, s.start);
  markQuotes(s.text, toks);
  for (const correct of TAG_CORRECTIONS) correct(toks);
  return { s, toks, units };
}

/** A unit per actor mention (the tokens it covers, never its possessive mark), then per resolvable pronoun. */
function markUnits(toks: Tok[], mentions: ResolvedMention[], sentenceStart: number): Unit[] {
  const units: Unit[] = [];
  for (const m of mentions) {
    const rs = m.start - sentenceStart;
    const re = m.end - sentenceStart;
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
  return units;
}

/** "is damaging the way ...": a progressive the tagger read as an adjective. */
function progressiveAfterBe(toks: Tok[]): void {
  for (const t of toks) {
    if (t.pos !== 'ADJ' || !t.lower.endsWith('ing')) continue;
    const p = toks[t.i - 1];
    const n = toks[t.i + 1];
    if (p && p.pos === 'AUX' && p.lemma === 'be' && n && (n.pos === 'DET' || n.pos === 'PROPN' || n.unit >= 0 || (n.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(n.lower)))) {
      t.pos = 'VERB';
      t.lemma = ingLemma(t.lower);
    }
  }
}

/**
 * "moved closer to imposing sanctions", "threatened to scale back its cooperation": a verb after
 * "to" that the tagger read as an adjective or a noun (and "to" as a preposition).
 */
function verbAfterTo(toks: Tok[]): void {
  for (const t of toks) {
    const p = toks[t.i - 1];
    if (!p || p.lower !== 'to') continue;
    if (t.pos === 'ADJ' && t.lower.endsWith('ing') && (VERBS.has(ingLemma(t.lower)) || LIGHT_VERBS.has(ingLemma(t.lower)))) {
      t.pos = 'VERB';
      t.lemma = ingLemma(t.lower);
      p.pos = 'PART';
    }
    else if (t.pos === 'NOUN' && t.lower === t.lemma && (VERBS.has(t.lemma) || LIGHT_VERBS.has(t.lemma) || DIMINISHING_VERBS.has(t.lemma))
      && (toks[t.i - 2]?.pos === 'VERB' || isObjectStart(toks[t.i + 1]))) {
      t.pos = 'VERB';
      p.pos = 'PART';
    }
  }
}

/** "Libya must hand over the suspects": after a modal comes a verb, whatever the tagger thought. */
function verbAfterModal(toks: Tok[]): void {
  for (const t of toks) {
    if (t.pos !== 'NOUN' || t.lower !== t.lemma) continue;
    let k = t.i - 1;
    while (k >= 0 && (toks[k].pos === 'ADV' || toks[k].pos === 'PART')) k--;
    if (k >= 0 && toks[k].tag === 'AUX|MD') t.pos = 'VERB';
  }
}

/** "staged" -> "stag": a past form the lemmatiser cut to an unknown stem takes the lexicon's verb. */
function lexiconPastForms(toks: Tok[]): void {
  for (const t of toks) {
    if (t.pos !== 'VERB' || !t.lower.endsWith('ed') || VERBS.has(t.lemma) || LIGHT_VERBS.has(t.lemma) || OWNER_VERBS.has(t.lemma) || REPORTING.has(t.lemma)) continue;
    const base = edLemma(t.lower);
    if (VERBS.has(base) || LIGHT_VERBS.has(base) || OWNER_VERBS.has(base)) t.lemma = base;
  }
}

/**
 * "Russia, which backs Belgrade's position", "Germany ... each announced contributions", "The
 * communiqué congratulated President Bush": verbs of the lexicon the tagger read as a noun or an
 * adjective after a relative pronoun or a floating quantifier, or as the sentence's first predicate.
 */
function lexiconVerbsMisread(toks: Tok[]): void {
  for (const t of toks) {
    if (t.pos === 'VERB' || t.unit >= 0) continue;
    const p = toks[t.i - 1];
    const n = toks[t.i + 1];
    const base = t.pos === 'ADJ' && t.lower.endsWith('ed') ? (VERBS.has(t.lemma) || LIGHT_VERBS.has(t.lemma) || OWNER_VERBS.has(t.lemma) ? t.lemma : edLemma(t.lower)) : t.lemma;
    if (!(VERBS.has(base) || LIGHT_VERBS.has(base) || OWNER_VERBS.has(base))) continue;
    const afterRelative = p && (p.lower === 'which' || p.lower === 'who') && /s$/.test(t.lower) && t.pos === 'NOUN';
    const afterQuantifier = p && (p.lower === 'each' || p.lower === 'also' || p.lower === 'both') && t.pos === 'ADJ' && n && (n.pos === 'NOUN' || n.pos === 'DET' || n.unit >= 0);
    const firstPredicate = t.pos === 'ADJ' && t.lower.endsWith('ed') && p && (p.pos === 'NOUN' || p.pos === 'ADJ' || p.pos === 'PROPN')
      && n && (n.pos === 'DET' || n.pos === 'PROPN' || n.unit >= 0) && !toks.slice(0, t.i).some((x) => x.pos === 'VERB' || x.pos === 'AUX');
    if (afterRelative || afterQuantifier || firstPredicate) { t.pos = 'VERB'; t.lemma = base; }
  }
}

/** Headlines drop articles and the tagger reads "G7 backs Africa ..." as a noun compound. */
function headlineVerbs(toks: Tok[]): void {
  for (const t of toks) {
    if (t.pos === 'VERB' || !VERBS.has(t.lemma) || !/[^s]s$/.test(t.lower)) continue;
    const p = toks[t.i - 1];
    const n = toks[t.i + 1];
    if (p && p.unit >= 0 && n && (n.unit >= 0 || n.pos === 'DET') && t.unit < 0) t.pos = 'VERB';
  }
}

/** "The communiqué congratulated": a noun of the lexicon that the tagger read as an adjective. */
function lexiconNounsMisread(toks: Tok[]): void {
  for (const t of toks) {
    const n = toks[t.i + 1];
    if (t.pos === 'ADJ' && toks[t.i - 1]?.pos === 'DET' && n && (n.pos === 'VERB' || n.pos === 'AUX') && (DOCUMENT_NOUNS.has(t.lemma) || NOUNS.has(t.lemma) || SPEECH_NOUNS.has(t.lemma))) t.pos = 'NOUN';
  }
}

/** Where the tagger is known to misread news English, in this order (each reads the ones before). */
const TAG_CORRECTIONS: ReadonlyArray<(toks: Tok[]) => void> = [
  progressiveAfterBe, correctParticiples, verbAfterTo, verbAfterModal, lexiconPastForms, lexiconVerbsMisread, headlineVerbs, lexiconNounsMisread,
];

/** A word that can open the object of a verb: a determiner, a name, a possessive, an actor mention. */
function isObjectStart(t: Tok | undefined): boolean {
  return !!t && (t.pos === 'DET' || t.pos === 'PROPN' || t.unit >= 0 || (t.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(t.lower)));
}

/**
 * Participles as the rules read them. UD tags a participle that modifies a noun as a verb; the rules
 * take verbs for predicates. So a participle right before a noun ("imposed coordinated sanctions",
 * "a base in neighbouring Guyana") is an adjective here, and one that follows a plural noun and
 * opens a prepositional phrase ("EU foreign ministers meeting in Brussels discussed ...") belongs to
 * that noun's phrase. A name word the tagger called an adjective inside a mention ("Thai troops")
 * is a proper noun, as the mention says.
 */
function correctParticiples(toks: Tok[]): void {
  for (const t of toks) {
    const p = toks[t.i - 1];
    const n = toks[t.i + 1];
    // only where a modifier stands: a past participle after a determiner, adjective, number,
    // preposition or another verb; a present one after a determiner or adjective ("a growing rift"),
    // or between a preposition and a name ("in neighbouring Guyana"), since after a preposition it is
    // usually a gerund ("without pushing member states", "in recognizing Guaido")
    const beforeNoun = !!n && (n.pos === 'NOUN' || n.pos === 'PROPN' || n.unit >= 0);
    const pastModifier = t.tag === 'VERB|VBN' && !!p
      && (p.pos === 'DET' || p.pos === 'ADJ' || p.pos === 'NUM' || p.pos === 'ADP' || (p.pos === 'VERB' && p.tag !== 'VERB|VBG'));
    const presentModifier = t.tag === 'VERB|VBG' && !!p && !VERBS.has(t.lemma) && !REPORTING.has(t.lemma)
      && (p.pos === 'DET' || p.pos === 'ADJ' || (p.pos === 'ADP' && (n?.pos === 'PROPN' || (n?.unit ?? -1) >= 0)));
    if ((pastModifier || presentModifier) && beforeNoun) {
      t.pos = 'ADJ';
    } else if (t.tag === 'VERB|VBG' && p?.tag === 'NOUN|NNS' && n?.pos === 'ADP') {
      t.pos = 'NOUN';
    }
    if (t.unit >= 0 && (t.pos === 'ADJ' || t.pos === 'NOUN') && /^\p{Lu}/u.test(t.text)) t.pos = 'PROPN';
  }
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
