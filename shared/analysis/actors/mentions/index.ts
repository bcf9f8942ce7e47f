// FINDING: every span of the text that may name an actor, with what the words around it say
// (title, role, the country or party next to it, whether it modifies a noun, sits after a
// locative preposition, is the subject, is inside a quotation). Nothing here decides which actor
// a mention is; resolve/ does (STYLE.md 9).
//
// Passes per sentence, each a module with its inputs and outputs explicit (scope.ts):
//   1. spans.ts               gazetteer spans (longest match first) and role spans;
//   2. gazetteer-mentions.ts  a mention per gazetteer span: body country, locative, modifier;
//   3. names.ts               capitalised runs: places, organisations (name-organisations.ts),
//                             persons with their title or apposition (left-context.ts), and the
//                             weak kinds 'surname' and 'weakname' that resolution confirms or drops;
//   4. role-nouns.ts          definite role nouns without a name ("the French president");
//   5. references.ts          described organisations, "the council", "the country", groups,
//                             "the Socialists", "the government", pronouns;
//   6. subjects.ts            subjects of clauses.
// The word lists and bounds are data (../../data/actor-words.json, actor-tuning.json, and the
// gazetteer's files), reached through the engine.

import { SkipLog } from '../../guard.js';
import type { Sentence } from '../../types.js';
import { actorEngine, type ActorEngine } from '../engine.js';
import { joinedParticle } from '../keys.js';
import { emitGazetteerMentions } from './gazetteer-mentions.js';
import { findNames } from './names.js';
import { findDefiniteReferences, findDescribedOrganisations, findHomeGovernment, findPronouns } from './references.js';
import { findRoleNouns } from './role-nouns.js';
import type { SentenceScope } from './scope.js';
import { findGazetteerSpans, findRoleSpans } from './spans.js';
import { markSubjects } from './subjects.js';
import { tokenize } from './tokenize.js';
import type { RawMention, Token } from './types.js';

export type { RawKind, RawMention, Token } from './types.js';
export { tokenize } from './tokenize.js';

/** The mentions of a text, sentence by sentence; a sentence a rule fails on is skipped and logged in `skips`. */
export function findMentions(text: string, sentences: readonly Sentence[], skips = new SkipLog(), engine: ActorEngine = actorEngine()): RawMention[] {
  const toks = tokenize(text, sentences);
  const { lowerSeen, common } = ordinaryWords(engine, toks);
  readBarePossessives(engine, toks, common);
  readParticleNames(engine, toks);
  const out: RawMention[] = [];
  let ti = 0;
  // the list is appended sentence by sentence; each sentence only looks at its own part
  for (const s of sentences) {
    const from = ti;
    while (ti < toks.length && toks[ti].start < s.end) ti++;
    const sc: SentenceScope = {
      g: engine.gazetteer, lex: engine.lexicon, words: engine.lexicon.words, english: engine.words,
      text, toks, from, end: ti, sentence: s.index, common, lowerSeen, out, outStart: out.length,
    };
    skips.sentence('mentions', s.index, () => findInSentence(sc), undefined);
    if (skips.skipped.at(-1)?.sentence === s.index) out.length = sc.outStart; // a half-done sentence leaves nothing
  }
  return out;
}

/**
 * "Britains immigration system", "Russias critics": text that lost its apostrophes (scraped
 * copies often do) writes a possessive country or place name as one word. A capitalised word
 * that no entry starts with and no dictionary knows, right before a lower-case word, whose form
 * without the final "s" is a one-word country, capital or place name, is read as that name,
 * possessive.
 */
/**
 * "al-Assad", "el-Sisi", "bin-Laden": a name particle (nameConnectors) joined by a hyphen to a
 * capitalised word is a capitalised name word, so "Bashar al-Assad" is one name. Other lower-case
 * prefixes stay words ("anti-American", "pro-Russian").
 */
function readParticleNames(engine: ActorEngine, toks: Token[]): void {
  const connectors = engine.lexicon.words.nameConnectors;
  for (const t of toks) {
    if (t.cap || !t.word) continue;
    const joined = joinedParticle(t.text);
    if (joined && /^\p{Lu}/u.test(joined[1]) && connectors.has(joined[0])) t.cap = true;
  }
}

function readBarePossessives(engine: ActorEngine, toks: Token[], common: (key: string) => boolean): void {
  const { byFirst } = engine.gazetteer;
  for (let i = 0; i + 1 < toks.length; i++) {
    const t = toks[i];
    if (!t.cap || t.poss || t.key.length < 4 || !t.key.endsWith('s') || byFirst.has(t.key)) continue;
    const nx = toks[i + 1];
    if (!nx.word || nx.cap || nx.sentence !== t.sentence) continue;
    const stem = t.key.slice(0, -1);
    const named = byFirst.get(stem)?.some((e) => e.keys.length === 1 && (e.kind === 'country' || e.kind === 'capital' || e.kind === 'place'));
    if (!named || common(t.key)) continue;
    t.key = stem;
    t.poss = true;
  }
}

/**
 * Words seen in lower case in this text are ordinary words here, whatever the lexicon says; the
 * capitalised words that may end up in a name are looked up in the lexicon in one batch.
 */
function ordinaryWords(engine: ActorEngine, toks: readonly Token[]): { lowerSeen: Set<string>; common: (key: string) => boolean } {
  const { neverName, daysAndMonths } = engine.lexicon.words;
  const lowerSeen = new Set<string>();
  const capKeys = new Set<string>();
  for (const t of toks) {
    if (!t.word) continue;
    if (!t.cap) lowerSeen.add(t.key);
    else if (!engine.gazetteer.byFirst.has(t.key) && !neverName.has(t.key) && !daysAndMonths.has(t.key)) capKeys.add(t.key);
  }
  engine.words.prime(capKeys);
  return { lowerSeen, common: (k) => lowerSeen.has(k) || engine.words.has(k) };
}

function findInSentence(sc: SentenceScope): void {
  const gz = findGazetteerSpans(sc);
  const roles = findRoleSpans(sc, gz);
  // gazetteer mentions come first: persons and organisations refer to them by index
  emitGazetteerMentions(sc, gz, roles);
  findNames(sc, gz, roles);
  findRoleNouns(sc, gz, roles);
  findDescribedOrganisations(sc, roles);
  findDefiniteReferences(sc, gz, roles);
  findHomeGovernment(sc, gz);
  findPronouns(sc);
  markSubjects(sc);
}
