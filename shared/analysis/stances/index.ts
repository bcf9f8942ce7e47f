// Stance scoring: who takes which stance towards whom, sentence by sentence.
//
// Input is the actor stage's ActorAnalysis (sentences, actors, resolved mentions); output is one
// Stance per (sentence, source, target). The module finds triggers from a category lexicon
// (data/stance-lexicon.json, documented in data/STANCES.md) and then resolves their arguments from
// a shallow parse of the sentence: the document's EWT part-of-speech tags and lemmas (text/document.ts,
// tagged only for sentences that may hold a stance), base noun phrases, coordination, voice and
// the speech frames around them. Finding mentions and resolving actors happen upstream (STYLE.md 9);
// this module only reads them. A sentence these rules cannot read (no trigger found its arguments,
// no denial, hedge or question ruled a stance out) goes to the dependency parse (tree/), then to
// the learned pair model (learned/), in that order (scoreStances below).
//
// Constructions handled (each has a test in test/analysis/stances.test.ts):
// - active verbs: the subject noun phrase before the verb is the source, the object after it the
//   target ("The US threatened Russia"); infinitive and gerund complements inherit the controller
//   ("aimed to improve", "efforts to undermine", "ready to resist").
// - passive verbs: "held by the US" (agent after "by" -> subject); "was signed ... between A and B"
//   (both directions of a symmetric category).
// - nominalisations: "US sanctions", "Washington's blockade against X", "sanctions against Moscow"
//   (source from the possessor or modifier, else from the subject of a light verb such as "impose";
//   target from the preposition the noun licenses). Coercive nouns with a source but no
//   prepositional target take the next actor in the sentence ("US sanctions, deteriorating
//   Venezuela's economy"). A definite noun without a source ("the new sanctions") takes the source
//   of the same noun in the previous two sentences.
// - idioms with argument structure ("throw * weight behind", "call on", "met a cool reception from").
// - coordination on either side, also through appositions ("A, from London, and B"), ellipsis
//   ("..., as has Turkey") and "X joined Y in recognizing Z" (X and Y are sources).
// - reported speech: "X said ...", "..., X said", "X said:", parenthetical "Russia, she said, ...",
//   "according to X", "X accused Y of ..." and quotes whose speaker is in a neighbouring sentence.
// - anaphora: "rejected the request" (the source of the demand in the previous sentences),
//   "the communiqué congratulated" (the organisation of the previous sentence), pronouns the actor
//   stage left unresolved, "the South American country" (the nearest other country).
// - acts standing for their owners: "criticised the pact" (both signatories), "condemned the
//   measures" (every country behind the story's main campaign), "rejected the resolution" (the
//   body that adopted it), "the move", "the result", "both sides" (see STANCES.md).
// - mutual acts ("accused each other", "traded blame", "turned a page"), reversed nominal idioms
//   ("drawing a sharp rebuke from China"), labels ("called the allegation “a fairy tale”"),
//   hedged openness ("did not rule out talks with"), reduced relations ("scale back its
//   cooperation with"), coercive targets named by a modifier ("target Iranian banks").
// - speaker inferences inside reported speech (S = speaker): "S said Y should/needs to ..." is S
//   demanding of Y; "S said Y ignored/failed/colluded ...", a hostile act by Y, a negated promise
//   ("the money pledged by Y has not been paid") or a negative adjective predicated of Y ("Y is
//   split", "how juvenile Y were") is S criticising Y; "S countered" rebuts the previous speaker;
//   "S said (state) Y agreed to ..." is Y conceding to S.
// - sides shown indirectly: appeals ("urged its members to back Y" -> S supports Y; "urged X to summon
//   the US ambassador" -> S opposes the US), appositions ("Iran, Hezbollah's main backer,"), refused
//   pressure ("would not be lectured by Washington"), labels naming an actor ("described Iran's plans
//   as “reckless”"), judged possessions in speech ("the US characterisation ... was “wrong”"),
//   authorless violence located by "in" ("condemned the coup in Niger"), and quotes attributed by
//   the next sentence ("The words were X's.", "So said X").
//
// Claim rule. `claim` is the actor id of whoever asserts the stance, and null only when the
// narrator states it as fact:
// - a stance found inside reported speech (the content of "said", "told", "insisted", a quote, an
//   "according to") gets claim = the speaker, whether the speaker is its source ("America needed to
//   listen, he said" -> blair->USA, claim blair) or not ("Zakharova said Washington ignored Moscow's
//   calls" -> USA->RUS, claim zakharova, plus zakharova->USA, claim zakharova);
// - an accusation is a claim by its source: "Zakharova accused the UK of ..." -> zakharova->GBR,
//   claim zakharova, and what she accuses the UK of (its of-complement) is also her claim;
// - the reported act itself is narrated fact: "The US threatened Russia", "Washington demanded
//   that Moscow withdraw", "Mandela backed Brown's plan" -> claim null.
//
// Negation and hedging (details and per-category table in STANCES.md): a negated trigger
// ("not", "n't", "never", "no", "without", "refuse/decline/fail to", "deny") cancels the stance,
// except that negated support and recognition flip to a rejection (-4: "cannot support X's plan",
// "did not recognise X"). Hedges ("may", "could", "would", "probably", "reportedly", "is
// considering", "threatened to", "if ...") multiply the score by their weight (so it moves towards
// 0) and the confidence by 0.6 + 0.4 * weight. Triggers inside the complement of a demand
// ("demanded that Moscow withdraw ...", "urged X to ...") are not asserted and yield nothing.
//
// Confidence starts from the strength of the pattern (direct subject-verb-object 0.85, passive
// with agent 0.8, idiom 0.85, nominal with both arguments inside the noun phrase 0.75, light-verb
// source 0.7, fallback target 0.5, speaker inferences 0.45-0.6) and is multiplied by how the
// arguments were resolved (pronoun fallback 0.85, anaphora 0.8, cross-sentence quote 0.85) and
// by hedging.

import { SkipLog } from '../guard.js';
import type { Actor, ActorAnalysis, ResolvedMention, Sentence, Stance } from '../types.js';
import { Discourse } from './context.js';
import type { Cand, Ctx, Prepared, SentenceMemory } from './context.js';
import { findFrames, inheritFrame } from './frames.js';
import { ellipsis, speakerInferences } from './inference.js';
import { CATS, eventCodeOf, GOVERNMENT_NOUNS, POSSESSIVE_PRONOUNS, RESOLVABLE_PRONOUNS } from './lexicon.js';
import { wordClass } from '../lexicon/stances.js';
import { dedupe, finishMemory } from './memory.js';
import { unasserted } from './modality.js';
import { prepare, sentenceTokens } from './tokens.js';
import { loadSyntaxModel } from '../syntax/index.js';
import type { SyntaxModel } from '../syntax/model.js';
import { parseSentence, readSentences, tagSentence, type DocSentence } from '../text/document.js';
import { scoreSentenceTriggers } from './triggers/index.js';
import { learnedStances } from './learned/index.js';
import { hasTriggerBeforeParty, treeStances } from './tree/index.js';
import { loadPairModel, type PairModel } from './learned/model.js';

/** Mentions that are names: their words are proper nouns to the tagger, whatever it would guess alone. */
const NAME_KINDS: ReadonlySet<ResolvedMention['kind']> = new Set(['name', 'alias', 'code', 'metonym']);

/** Scores the stances of one article: one Stance per (sentence, source, target) the text expresses. */
export function scoreStances(
  analysis: ActorAnalysis,
  skips = new SkipLog(),
  sentences: readonly DocSentence[] = readSentences(analysis.sentences),
  model: SyntaxModel = loadSyntaxModel(),
  pairModel: PairModel = loadPairModel(),
): Stance[] {
  const bySentence = new Map<number, ResolvedMention[]>();
  for (const m of analysis.mentions) {
    const list = bySentence.get(m.sentence);
    if (list) list.push(m); else bySentence.set(m.sentence, [m]);
  }
  for (const s of sentences) {
    const mentions = bySentence.get(s.index);
    if (mayHoldStance(s, mentions)) skips.sentence('tagging', s.index, () => tagSentence(model, s, mentions?.filter((m) => NAME_KINDS.has(m.kind))), undefined);
  }
  const tokens = sentenceTokens(sentences);
  const prepared = analysis.sentences.map((s, i) => prepare(s, tokens[i], bySentence.get(s.index) ?? []));
  const d = new Discourse(analysis, prepared);
  const stances: Stance[] = [];
  const read = new Set<number>();
  const placeIds = new Set(analysis.actors.filter((a) => a.type === 'place').map((a) => a.id));
  for (const p of prepared) {
    const found = skips.sentence('stances', p.s.index, () => scoreSentence(p, d, bySentence.get(p.s.index) ?? []), null);
    // A skipped sentence still takes its place in the discourse memory, empty, so that "the previous
    // sentence" keeps meaning the previous sentence.
    d.memory.push(found?.memory ?? emptyMemory());
    // a place acts for nobody ("its Gulf war with Iraq": the Gulf does not attack), though it may
    // be a target ("debt relief for Africa"); a sentence whose only reading is such is left to the parse
    const kept = found?.stances.filter((x) => !placeIds.has(x.source)) ?? [];
    stances.push(...kept);
    if (!found || found.read || kept.length) read.add(p.s.index);
  }
  // for the sentences the rules could not read: the parse's arguments of a trigger (tree/index.ts),
  // then the learned layer (learned/index.ts)
  const actors = new Map(analysis.actors.map((a) => [a.id, a]));
  const more: Stance[] = [];
  for (const s of sentences) {
    const mentions = bySentence.get(s.index);
    if (read.has(s.index) || !mentions || !twoParties(mentions, actors)) continue;
    // "rejected an offer from India": after a preposition a party is one when the parse says so
    const parties = mentions.filter((m) => m.kind !== 'pronoun' && actors.get(m.actorId)?.type !== 'place');
    const fromTree = hasTriggerBeforeParty(s, parties) ? skips.sentence('tree', s.index, () => treeStances(s, parseSentence(model, s), mentions, actors), []) : [];
    more.push(...(fromTree.length ? fromTree : skips.sentence('learned', s.index, () => learnedStances(s, mentions, actors, pairModel), [])));
  }
  const all = more.length ? [...stances, ...more] : stances;
  return all.map((x) => verbalAttack(x, actors, analysis.sentences[x.sentence]));
}

/** Verbs of attack that, between people, parties and outlets, are words: "attacked", "assailed". */
const VERBAL_ATTACK_VERBS = wordClass('verbalAttackVerbs');
/** Actor types an attack in words may be aimed at, and may come from (not a country or an armed group). */
const WORDS_TARGETS = wordClass('verbalAttackTargets');
const WORDS_SOURCES = wordClass('verbalAttackSources');

/**
 * "Gove attacked the BBC": an attack verb between people, parties and outlets is words, not force.
 * A stance of category attack whose trigger is one of `verbalAttackVerbs` and whose source is a
 * person and target a person, organisation or outlet becomes criticism (CAMEO 111).
 */
function verbalAttack(x: Stance, actors: ReadonlyMap<string, Actor>, s: Sentence | undefined): Stance {
  if (x.category !== 'attack' || !x.trigger || !s) return x;
  const word = s.text.slice(x.trigger.start - s.start, x.trigger.end - s.start).toLowerCase();
  if (![...VERBAL_ATTACK_VERBS].some((v) => word.startsWith(v))) return x;
  const source = actors.get(x.source)?.type, target = actors.get(x.target)?.type;
  if (!source || !WORDS_SOURCES.has(source) || !target || !WORDS_TARGETS.has(target)) return x;
  return { ...x, category: 'criticize', score: CATS.criticize.score, ...eventCodeOf('criticize', undefined) };
}

/**
 * A stance needs an actor in its sentence: a mention, or a pronoun the rules may resolve to one.
 * Other sentences are left untagged (tagging is most of the stage's cost); the rules still see
 * their words and quotation marks, which is all later sentences ask of them.
 */
function mayHoldStance(s: DocSentence, mentions: readonly ResolvedMention[] | undefined): boolean {
  if (mentions?.length) return true;
  for (const t of s.tokens) if (RESOLVABLE_PRONOUNS.has(t.lower) || POSSESSIVE_PRONOUNS.has(t.lower)) return true;
  return false;
}

/**
 * Two different actors named in the sentence as possible parties (no places or pronouns; one
 * after "from" or "in" may be a party: "an offer from India"): else nothing to read.
 */
function twoParties(mentions: readonly ResolvedMention[], actors: ReadonlyMap<string, { type: string }>): boolean {
  let first: string | undefined;
  for (const m of mentions) {
    if (m.kind === 'pronoun' || actors.get(m.actorId)?.type === 'place') continue;
    if (first === undefined) first = m.actorId;
    else if (m.actorId !== first) return true;
  }
  return false;
}

function emptyMemory(): SentenceMemory {
  return { speakers: [], subjects: [], mentions: [], cands: [], nounSources: new Map(), lastSpeaker: null, hasQuote: false, endsOpen: false };
}

/**
 * The stances of one sentence, and what later sentences need to remember of it. The passes run in
 * this order: speech frames (who says what), triggers and their arguments, ellipsis, what the
 * speakers' words imply, one stance per (source, target), and the memory for later sentences.
 */
function scoreSentence(p: Prepared, d: Discourse, mentions: readonly ResolvedMention[]): { stances: Stance[]; memory: SentenceMemory; read: boolean } {
  const c: Ctx = {
    s: p.s, toks: p.toks, units: p.units, d,
    question: p.s.text.trimEnd().replace(/["”’']+$/, '').endsWith('?'),
    speech: { frames: [], unasserted: [], wishes: [] },
    mem: emptyMemory(),
    memo: { settled: false, pronouns: new Map(), phrases: new Map(), subjects: new Map() },
  };
  noteGovernment(d, mentions);
  findFrames(c);
  inheritFrame(c);
  c.memo.settled = true;
  const cands: Cand[] = [];
  scoreSentenceTriggers(c, cands);
  ellipsis(c, cands);
  speakerInferences(c, cands);
  // the rules read the sentence when a trigger found its arguments, or when it denies, hedges or
  // asks (then no stance is their answer, and the learned layer must not give another)
  // (a candidate whose source is a place is dropped below, so it reads nothing: "its Gulf war with
  // Iraq" leaves "Iran threatened ... unless Baghdad accepted" to the parse)
  const read = cands.some((cd) => d.type(cd.source) !== 'place') || c.question || c.speech.unasserted.length > 0 || c.speech.frames.some((f) => f.unasserted);
  const kept = dedupe(c, cands);
  finishMemory(c, kept);
  return { stances: kept.map((cd) => toStance(c, cd)), memory: c.mem, read };
}

/** "the British government": what a later bare "the government" most likely means. */
function noteGovernment(d: Discourse, mentions: readonly ResolvedMention[]): void {
  for (const m of mentions) {
    if (GOVERNMENT_NOUNS.has(m.text.toLowerCase().split(/\s+/).at(-1) ?? '') && d.type(m.actorId) === 'country') d.lastGovernment = m.actorId;
  }
}

function toStance(c: Ctx, cd: Cand): Stance {
  const a = c.toks[cd.trig[0]];
  const b = c.toks[cd.trig[1]];
  return {
    sentence: c.s.index, text: c.s.text, source: cd.source, target: cd.target, polarity: cd.polarity,
    score: cd.score, category: cd.cat, claim: cd.claim, confidence: cd.conf,
    trigger: { start: c.s.start + a.start, end: c.s.start + b.end },
    ...eventCodeOf(cd.cat, a.lemma),
  };
}
