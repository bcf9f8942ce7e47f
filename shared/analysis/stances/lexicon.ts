// The stance lexicon (data/stance-lexicon.json, documented in data/STANCES.md) as the engine reads it:
// typed entries and the word classes the rules consult.

import lexiconJson from '../data/stance-lexicon.json' with { type: 'json' };
import type { StanceCategory } from '../types.js';
import { concession } from './triggers/verbs.js';

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
export interface LexiconJson {
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
  pairNouns: string[]; labelVerbs: string[]; negativeLabels: string[]; positiveLabels: string[]; titleNouns: string[];
}

export const LEX = lexiconJson as unknown as LexiconJson;
export const CATS = LEX.categories;
export const VERBS = new Map(Object.entries(LEX.verbs));
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
export const TITLE_NOUNS = new Set(LEX.titleNouns);
export const POSITIVE_LABELS = new Set(LEX.positiveLabels);
/** Categories whose object may be an act or measure standing for its owner ("backed the duties"). */
export const EVALUATIVE = new Set<StanceCategory>(['support', 'praise', 'congratulate', 'recognize', 'criticize', 'reject', 'oppose', 'defend', 'accuse']);
export const COERCIVE_CATS = new Set<StanceCategory>(['sanction', 'blockade', 'pressure', 'attack', 'undermine', 'threaten']);
export const DEFINITE_DETS = new Set(['the', 'this', 'these', 'that', 'those', 'such', 'any']);
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
export const MATERIAL_CATS = new Set<StanceCategory>(['agree', 'cooperate', 'aid', 'meet', 'recognize', 'sanction', 'blockade', 'attack', 'undermine', 'pressure', 'threaten']);

/** Categories whose acts, reported by a speaker about someone else, make the speaker a critic of the actor. */
export const HOSTILE_ACTS = new Set<StanceCategory>(['threaten', 'sanction', 'blockade', 'attack', 'undermine', 'pressure']);
/** Verbs after which a following clause is addressed to someone first ("told the Commons ..."). */
export const ADDRESSEE_VERBS = new Set(['tell', 'warn', 'assure', 'inform', 'remind', 'ask']);
/** Prepositions that embed a noun phrase inside a larger one ("His words about Bush"), so the phrase is not the subject. */
export const EMBEDDING_PREPS = new Set(['about', 'with', 'for', 'against', 'over', 'on', 'to', 'in', 'from', 'at', 'toward', 'towards', 'behind', 'between', 'among', 'into', 'under', 'like', 'by']);
/** Words that open a new clause: a subject is never looked for across them. */
export const CLAUSE_OPENERS = new Set(['that', 'when', 'because', 'as', 'if', 'while', 'although', 'though', 'since', 'after', 'before', 'until', 'unless', 'whether', 'where', 'once', 'so', 'but', 'than', 'whereas', 'amid', 'despite']);
export const RELATIVES = new Set(['who', 'which', 'whom', 'whose']);
export const PERSONAL_PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'him', 'her', 'them', 'us', 'me']);
export const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'its', 'their', 'our', 'my']);
export const RESOLVABLE_PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'him', 'her', 'them', 'us', 'me', 'his', 'its', 'their', 'our', 'my']);
export const POSSESSIVE_MARKS = new Set(["'s", '’s', "'", '’', 'ʼs']);
export const DOUBLE_QUOTES = new Set(['"', '“', '”', '«', '»', '„']);
export const ALL_QUOTES = new Set(['"', '“', '”', '«', '»', '„', '‘', "'", '’']);
/** "new sanctions last month": a time adverbial is not part of the phrase before it. */
export const TIME_MODIFIERS = new Set(['last', 'next', 'this', 'every', 'each', 'earlier', 'later']);
export const TIME_NOUNS = new Set(['week', 'month', 'year', 'day', 'night', 'weekend', 'time', 'morning', 'evening', 'afternoon', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'spring', 'summer', 'autumn', 'winter', 'decade', 'century']);
/** Nouns for someone standing in a relation to the possessor, who is therefore someone else. */
export const RELATIONAL_PERSONS = new Set(['opponent', 'rival', 'wife', 'husband', 'son', 'daughter', 'father', 'mother', 'brother', 'sister', 'lawyer', 'successor', 'predecessor', 'counterpart', 'critic', 'enemy', 'challenger', 'aide', 'adviser', 'advisor', 'friend', 'family', 'victim', 'detractor']);
export const GOVERNMENT_NOUNS = new Set(['government', 'administration', 'authorities', 'cabinet']);
export const MODALS = new Set(['may', 'might', 'could', 'would', 'can', 'will', 'shall', 'should', 'must']);
export const NON_NP_DETS = new Set(['which', 'what', 'whatever', 'whichever', 'whose']);
export const NON_NP_PRONS = new Set(['what', 'whatever', 'who', 'whom', 'which', 'that', 'itself', 'himself', 'herself', 'themselves', 'ourselves', 'myself', 'yourself', 'whoever', 'this', 'these', 'those', 'anybody', 'everybody', 'nobody', 'something', 'nothing', 'everything', 'anything']);
