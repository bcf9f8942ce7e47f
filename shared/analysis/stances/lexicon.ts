// The stance lexicon (data/stance-lexicon.json, documented in data/STANCES.md) as the engine reads it:
// typed entries and the word classes the rules consult.

import { ACTOR_LEXICON } from '../lexicon/actors.js';
import { byCodePrefix } from '../lexicon/code-prefix.js';
import { CAMEO_VERBS, categoryClass, CONNOTATION_DATA, STANCE_LEXICON, wordClass } from '../lexicon/stances.js';
import type { StanceCategory } from '../types.js';

export interface CategoryDef { polarity: 1 | -1; score: number; cameo: string; symmetric?: boolean; negated: 'cancel' | 'flip' }
export interface VerbEntry {
  cat: StanceCategory; score?: number; object?: boolean; preps?: string[]; that?: boolean; irrealis?: boolean;
  ofComplement?: boolean; withInstrument?: boolean; personObject?: boolean; passiveOnly?: boolean;
  anaphora?: boolean; blame?: boolean; concession?: boolean; relationalOnly?: boolean; coercive?: boolean;
}
export interface NounEntry { cat: StanceCategory; preps: string[]; coercive?: boolean; symmetric?: boolean; needsPrep?: boolean; score?: number }
export interface AdjEntry { cat: StanceCategory; preps: string[] }
export interface IdiomEntry {
  pattern: string; cat: StanceCategory; score?: number; irrealis?: boolean; reversed?: boolean; possessorTarget?: boolean;
  /** Within the subject group both ways ("Hanoi and Manila turned a page", "traded blame"). */
  reciprocal?: boolean;
  /** Only a blameworthy act for the speaker inference ("moved the goalposts"). */
  blame?: boolean;
  /** Takes the category of the verb it depends on ("thanked donors, singling out Germany"). */
  inherit?: boolean;
}
export type EventClass = 'agreement' | 'measure' | 'repression' | 'violence' | 'generic' | 'proposal' | 'vote' | 'result';
export type SpeechClass = 'demand' | 'criticism' | 'accusation' | 'threat' | 'speech' | 'any';
interface LexiconJson {
  categories: Record<StanceCategory, CategoryDef>;
  flip: { category: StanceCategory; score: number };
  verbs: Record<string, VerbEntry>;
  nouns: Record<string, NounEntry>;
  adjectives: Record<string, AdjEntry>;
  idioms: IdiomEntry[];
  negationCues: string[]; negatingVerbs: string[]; hedges: Record<string, number>;
  reportingVerbs: string[]; rebuttalVerbs: string[]; blameVerbs: string[]; obligationVerbs: string[];
  negativeAdjectives: string[]; modalDemands: string[]; controlVerbs: string[]; controlAdjectives: string[];
  controlNouns: string[]; lightVerbs: string[]; speechNouns: Record<string, SpeechClass>; ownerVerbs: string[];
  documentNouns: string[]; nationNouns: string[]; roleNouns: string[]; relationalNouns: string[]; locativePreps: string[];
  eventNouns: Record<string, EventClass>; voteVerbs: string[]; proposerVerbs: string[]; resultVerbs: string[]; diminishingVerbs: string[];
  pairNouns: string[]; labelVerbs: string[]; negativeLabels: string[]; positiveLabels: string[]; personNouns: string[];
}

export const LEX: LexiconJson = STANCE_LEXICON;
export const CATS = LEX.categories;

const PLOVER_OF_CODE = new Map(Object.entries(CAMEO_VERBS.ploverOfCode));
const GOLDSTEIN_OF_CODE = new Map(Object.entries(CAMEO_VERBS.goldsteinOfCode));
const CATEGORY_OF_CODE = new Map(Object.entries(CAMEO_VERBS.categoryOfCode));
/** Verb -> the object tables of the blocks it belongs to, in the dictionary's order. */
const OBJECT_PATTERNS = new Map<string, Record<string, string>[]>();
for (const b of CAMEO_VERBS.objectPatterns) {
  for (const v of b.verbs) {
    const list = OBJECT_PATTERNS.get(v);
    if (list) list.push(b.objects); else OBJECT_PATTERNS.set(v, [b.objects]);
  }
}

/** The code of the first block of `verb` whose patterns name `object`. */
function patternCode(verb: string, object: string): string | undefined {
  for (const objects of OBJECT_PATTERNS.get(verb) ?? []) if (Object.hasOwn(objects, object)) return objects[object];
  return undefined;
}


/**
 * PETRARCH2's verb-object patterns ("send aid" 070, "impose sanctions" 163): the event a verb
 * and the head of its object make together, with its category, Goldstein score and PLOVER type.
 */
export function objectPattern(verbLemma: string, objectLemma: string, objectForm: string): { code: string; cat: StanceCategory; score: number; plover: string | null } | undefined {
  const code = patternCode(verbLemma, objectLemma) ?? patternCode(verbLemma, objectForm);
  if (!code) return undefined;
  const cat = byCodePrefix(CATEGORY_OF_CODE, code);
  const score = byCodePrefix(GOLDSTEIN_OF_CODE, code);
  if (!cat || score === undefined) return undefined;
  return { code, cat, score, plover: byCodePrefix(PLOVER_OF_CODE, code) ?? null };
}

/**
 * The CAMEO code and PLOVER type of a rule stance: the CAMEO verb's own code when its trigger is
 * one the lexicon does not list ("denounce" 111), else its category's code ("13 threaten" -> 13).
 */
export function eventCodeOf(category: StanceCategory, triggerLemma: string | undefined): { cameo: string | null; plover: string | null } {
  const cameoVerb = triggerLemma !== undefined && !(triggerLemma in LEX.verbs) ? CAMEO_VERBS.verbs[triggerLemma] : undefined;
  const verb = cameoVerb?.cat === category ? cameoVerb : undefined;
  const cameo = verb?.code ?? /^\d{2,4}/.exec(CATS[category].cameo)?.[0] ?? null;
  return { cameo, plover: cameo ? byCodePrefix(PLOVER_OF_CODE, cameo) ?? null : null };
}
/**
 * The trigger verbs: the lexicon's own, then PETRARCH2's CAMEO verbs it does not list (with their
 * category and Goldstein score; data/cameo/verbs.json). The lexicon's refinements win.
 */
const CAMEO_TARGET_CASES = wordClass('cameoVerbTargetCases');
const CAMEO_ADDRESSED_TARGET_CASES = wordClass('cameoAddressedTargetCases');
const ADDRESSED_CATEGORIES = categoryClass('addressedCategories');
export const VERBS: ReadonlyMap<string, VerbEntry> = new Map([
  // a CAMEO verb's target may follow a preposition ("apologized to Brazil", "raided on"): the
  // dictionary codes the event, not its syntax, so each takes the usual target prepositions
  // a light verb of the lexicon ("impose", "provide", "extend") carries no
  // event of its own: its object does ("imposed sanctions on Russia" is a sanction)
  ...Object.entries(CAMEO_VERBS.verbs).filter(([lemma]) => !LEX.lightVerbs.includes(lemma))
    // "complained to the UN over Israeli raids": a complaint's "to" names whom it is made to
    .map(([lemma, v]): [string, VerbEntry] => [lemma, { cat: v.cat, score: v.score, preps: [...(ADDRESSED_CATEGORIES.has(v.cat) ? CAMEO_ADDRESSED_TARGET_CASES : CAMEO_TARGET_CASES)] }]),
  ...Object.entries(LEX.verbs),
]);
export const NOUNS = new Map(Object.entries(LEX.nouns));
export const ADJS = new Map(Object.entries(LEX.adjectives));
export const IDIOMS = new Map<string, (IdiomEntry & { words: string[] })[]>();
for (const e of LEX.idioms) {
  const words = e.pattern.split(' ');
  IDIOMS.set(words[0], [...(IDIOMS.get(words[0]) ?? []), { ...e, words }]);
}
export const NEG = new Set(LEX.negationCues);
export const NEGATING_VERBS = new Set(LEX.negatingVerbs);
export const HEDGES = new Map(Object.entries(LEX.hedges));
export const REPORTING = new Set(LEX.reportingVerbs);
export const REBUTTAL = new Set(LEX.rebuttalVerbs);
export const BLAME = new Set(LEX.blameVerbs);
export const OBLIGATION = new Set(LEX.obligationVerbs);
export const NEG_ADJ = new Set(LEX.negativeAdjectives);
export const CONTROL_VERBS = new Set(LEX.controlVerbs);
export const CONTROL_ADJS = new Set(LEX.controlAdjectives);
export const CONTROL_NOUNS = new Set(LEX.controlNouns);
export const LIGHT_VERBS = new Set(LEX.lightVerbs);
export const SPEECH_NOUNS = new Map(Object.entries(LEX.speechNouns));
export const DOCUMENT_NOUNS = new Set(LEX.documentNouns);
export const NATION_NOUNS = new Set(LEX.nationNouns);
export const ROLE_NOUNS = new Set(LEX.roleNouns);
export const RELATIONAL_NOUNS = new Set(LEX.relationalNouns);
export const LOCATIVE_PREPS = new Set(LEX.locativePreps);
export const EVENT_NOUNS = new Map(Object.entries(LEX.eventNouns));
export const VOTE_VERBS = new Set(LEX.voteVerbs);
export const RESULT_VERBS = new Set(LEX.resultVerbs);
export const DIMINISHING_VERBS = new Set(LEX.diminishingVerbs);
export const PAIR_NOUNS = new Set(LEX.pairNouns);
export const LABEL_VERBS = new Set(LEX.labelVerbs);
export const NEGATIVE_LABELS = new Set(LEX.negativeLabels);
const CONNOTATION = new Map(Object.entries(CONNOTATION_DATA.words));

/** The lexicon's own label classes: -1 for a negative label ("a sham"), +1 for a positive one, else 0. */
export function ownLabelOf(lemma: string, lower: string): -1 | 0 | 1 {
  if (NEGATIVE_LABELS.has(lemma) || NEGATIVE_LABELS.has(lower)) return -1;
  if (POSITIVE_LABELS.has(lemma) || POSITIVE_LABELS.has(lower)) return 1;
  return 0;
}

/**
 * What a judgement word says of whom it is said of ("naive", "a liar": -1; "brave", "a hero": +1;
 * else 0): the lexicon's own labels first, then wink-nlp's sentiment lexicon
 * (data/connotation/words.json) by the word as written or its lemma.
 */
export function connotationOf(lemma: string, lower: string): -1 | 0 | 1 {
  const own = ownLabelOf(lemma, lower);
  if (own) return own;
  const score = CONNOTATION.get(lower) ?? CONNOTATION.get(lemma) ?? 0;
  return score < 0 ? -1 : score > 0 ? 1 : 0;
}
/** Heads that end a person's description: every one-word title of titles.json, and nouns for people that are no title. */
export const TITLE_NOUNS: ReadonlySet<string> = new Set([
  ...ACTOR_LEXICON.titles.roles.flatMap((r) => r.forms).filter((f) => !f.includes(' ')).map((f) => f.toLowerCase()),
  ...LEX.personNouns,
]);
export const POSITIVE_LABELS = new Set(LEX.positiveLabels);
/** Categories whose object may be an act or measure standing for its owner ("backed the duties"). */
export const EVALUATIVE = categoryClass('evaluative');
export const COERCIVE_CATS = categoryClass('coercive');
export const DEFINITE_DETS = wordClass('definiteDeterminers');
export const PROPOSER_VERBS = new Set(LEX.proposerVerbs);
export const OWNER_VERBS = new Set(LEX.ownerVerbs);
/** How many sentences back a definite description may find its event: by its own noun, or by its class. */
export const EVENT_WINDOW_EXACT = 40;
export const EVENT_WINDOW_CLASS = 20;
/** How many sentences back "the criticism", "the request" look for the speech act. */
export const SPEECH_WINDOW = 4;
/** Sentences (after a headline) that make up the lead of a story. */
export const LEAD_SENTENCES = 3;
/** Acts that own what they act on: a country that imposes duties owns "the duties"; one that criticises them does not. */
export const MATERIAL_CATS = categoryClass('material');

/** Categories whose acts, reported by a speaker about someone else, make the speaker a critic of the actor. */
export const HOSTILE_ACTS = categoryClass('hostile');
/** Verbs after which a following clause is addressed to someone first ("told the Commons ..."). */
export const ADDRESSEE_VERBS = wordClass('addresseeVerbs');
/** Prepositions that embed a noun phrase inside a larger one ("His words about Bush"), so the phrase is not the subject. */
export const EMBEDDING_PREPS = wordClass('embeddingPrepositions');
/** Words that open a new clause: a subject is never looked for across them. */
export const CLAUSE_OPENERS = wordClass('clauseOpeners');
export const RELATIVES = wordClass('relativePronouns');
export const PERSONAL_PRONOUNS = wordClass('personalPronouns');
export const POSSESSIVE_PRONOUNS = wordClass('possessivePronouns');
export const RESOLVABLE_PRONOUNS = wordClass('resolvablePronouns');
export const POSSESSIVE_MARKS = wordClass('possessiveMarks');
export const DOUBLE_QUOTES = wordClass('doubleQuotes');
export const ALL_QUOTES = wordClass('quotes');
/** "new sanctions last month": a time adverbial is not part of the phrase before it. */
export const TIME_MODIFIERS = wordClass('timeModifiers');
export const TIME_NOUNS = wordClass('timeNouns');
/** Nouns for someone standing in a relation to the possessor, who is therefore someone else. */
export const RELATIONAL_PERSONS = wordClass('relationalPersons');
/** "the government", "the administration": a state's government as a whole (government-bodies.json). */
export const GOVERNMENT_NOUNS = ACTOR_LEXICON.bodies.governmentHeads;
export const MODALS = wordClass('modals');
export const NON_NP_DETS = wordClass('nonPhraseDeterminers');
export const NON_NP_PRONS = wordClass('nonPhrasePronouns');
export const MODAL_DEMANDS = new Set(LEX.modalDemands);
