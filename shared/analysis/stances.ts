// Stance scoring: who takes which stance towards whom, sentence by sentence.
//
// Input is the actor stage's ActorAnalysis (sentences, actors, resolved mentions); output is one
// Stance per (sentence, source, target). The module finds triggers from a category lexicon
// (data/stance-lexicon.json, documented in data/STANCES.md) and then resolves their arguments from
// a shallow parse of the sentence: wink-nlp POS tags, base noun phrases, coordination, voice and
// the speech frames around them. Finding mentions and resolving actors happen upstream (STYLE.md 9);
// this module only reads them.
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

import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import lexiconJson from './data/stance-lexicon.json' with { type: 'json' };
import { SkipLog } from './guard.js';
import type { Actor, ActorAnalysis, ResolvedMention, Sentence, Stance, StanceCategory } from './types.js';

// ---------------------------------------------------------------------------------------------
// Lexicon

interface CategoryDef { polarity: 1 | -1; score: number; cameo: string; symmetric?: boolean; negated: 'cancel' | 'flip' }
interface VerbEntry {
  cat: StanceCategory; score?: number; object?: boolean; preps?: string[]; that?: boolean; irrealis?: boolean;
  ofComplement?: boolean; withInstrument?: boolean; personObject?: boolean; passiveOnly?: boolean;
  anaphora?: boolean; blame?: boolean; concession?: boolean; relationalOnly?: boolean; coercive?: boolean;
}
interface NounEntry { cat: StanceCategory; preps: string[]; coercive?: boolean; symmetric?: boolean; needsPrep?: boolean; score?: number }
interface AdjEntry { cat: StanceCategory; preps: string[] }
interface IdiomEntry {
  pattern: string; cat: StanceCategory; score?: number; irrealis?: boolean; reversed?: boolean; possessorTarget?: boolean;
  /** Within the subject group both ways ("Hanoi and Manila turned a page", "traded blame"). */
  reciprocal?: boolean;
  /** Only a blameworthy act for the speaker inference ("moved the goalposts"). */
  blame?: boolean;
  /** Takes the category of the verb it depends on ("thanked donors, singling out Germany"). */
  inherit?: boolean;
}
type EventClass = 'agreement' | 'measure' | 'repression' | 'violence' | 'generic' | 'proposal' | 'vote' | 'result';
type SpeechClass = 'demand' | 'criticism' | 'accusation' | 'threat' | 'speech' | 'any';
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
  pairNouns: string[]; labelVerbs: string[]; negativeLabels: string[]; positiveLabels: string[]; titleNouns: string[];
}

const LEX = lexiconJson as unknown as LexiconJson;
const CATS = LEX.categories;
const VERBS = new Map(Object.entries(LEX.verbs));
const NOUNS = new Map(Object.entries(LEX.nouns));
const ADJS = new Map(Object.entries(LEX.adjectives));
const IDIOMS = new Map<string, (IdiomEntry & { words: string[] })[]>();
for (const e of LEX.idioms) {
  const words = e.pattern.split(' ');
  IDIOMS.set(words[0], [...(IDIOMS.get(words[0]) ?? []), { ...e, words }]);
}
const NEG = new Set(LEX.negationCues);
const NEGATING_VERBS = new Set(LEX.negatingVerbs);
const HEDGES = new Map(Object.entries(LEX.hedges));
const REPORTING = new Set(LEX.reportingVerbs);
const REBUTTAL = new Set(LEX.rebuttalVerbs);
const BLAME = new Set(LEX.blameVerbs);
const OBLIGATION = new Set(LEX.obligationVerbs);
const NEG_ADJ = new Set(LEX.negativeAdjectives);
const CONTROL_VERBS = new Set(LEX.controlVerbs);
const CONTROL_ADJS = new Set(LEX.controlAdjectives);
const CONTROL_NOUNS = new Set(LEX.controlNouns);
const LIGHT_VERBS = new Set(LEX.lightVerbs);
const SPEECH_NOUNS = new Map(Object.entries(LEX.speechNouns));
const DOCUMENT_NOUNS = new Set(LEX.documentNouns);
const NATION_NOUNS = new Set(LEX.nationNouns);
const ROLE_NOUNS = new Set(LEX.roleNouns);
const RELATIONAL_NOUNS = new Set(LEX.relationalNouns);
const LOCATIVE_PREPS = new Set(LEX.locativePreps);
const EVENT_NOUNS = new Map(Object.entries(LEX.eventNouns));
const VOTE_VERBS = new Set(LEX.voteVerbs);
const RESULT_VERBS = new Set(LEX.resultVerbs);
const DIMINISHING_VERBS = new Set(LEX.diminishingVerbs);
const PAIR_NOUNS = new Set(LEX.pairNouns);
const LABEL_VERBS = new Set(LEX.labelVerbs);
const NEGATIVE_LABELS = new Set(LEX.negativeLabels);
const TITLE_NOUNS = new Set(LEX.titleNouns);
const POSITIVE_LABELS = new Set(LEX.positiveLabels);
/** Categories whose object may be an act or measure standing for its owner ("backed the duties"). */
const EVALUATIVE = new Set<StanceCategory>(['support', 'praise', 'congratulate', 'recognize', 'criticize', 'reject', 'oppose', 'defend', 'accuse']);
const COERCIVE_CATS = new Set<StanceCategory>(['sanction', 'blockade', 'pressure', 'attack', 'undermine', 'threaten']);
const DEFINITE_DETS = new Set(['the', 'this', 'these', 'that', 'those', 'such', 'any']);
const PROPOSER_VERBS = new Set(LEX.proposerVerbs);
const OWNER_VERBS = new Set(LEX.ownerVerbs);
/** How many sentences back a definite description may find its event: by its own noun, or by its class. */
const EVENT_WINDOW_EXACT = 40;
const EVENT_WINDOW_CLASS = 20;
/** How many sentences back "the criticism", "the request" look for the speech act. */
const SPEECH_WINDOW = 4;
/** Sentences (after a headline) that make up the lead of a story. */
const LEAD_SENTENCES = 3;
/** Acts that own what they act on: a country that imposes duties owns "the duties"; one that criticises them does not. */
const MATERIAL_CATS = new Set<StanceCategory>(['agree', 'cooperate', 'aid', 'meet', 'recognize', 'sanction', 'blockade', 'attack', 'undermine', 'pressure', 'threaten']);

/** Categories whose acts, reported by a speaker about someone else, make the speaker a critic of the actor. */
const HOSTILE_ACTS = new Set<StanceCategory>(['threaten', 'sanction', 'blockade', 'attack', 'undermine', 'pressure']);
/** Verbs after which a following clause is addressed to someone first ("told the Commons ..."). */
const ADDRESSEE_VERBS = new Set(['tell', 'warn', 'assure', 'inform', 'remind', 'ask']);
/** Prepositions that embed a noun phrase inside a larger one ("His words about Bush"), so the phrase is not the subject. */
const EMBEDDING_PREPS = new Set(['about', 'with', 'for', 'against', 'over', 'on', 'to', 'in', 'from', 'at', 'toward', 'towards', 'behind', 'between', 'among', 'into', 'under', 'like', 'by']);
/** Words that open a new clause: a subject is never looked for across them. */
const CLAUSE_OPENERS = new Set(['that', 'when', 'because', 'as', 'if', 'while', 'although', 'though', 'since', 'after', 'before', 'until', 'unless', 'whether', 'where', 'once', 'so', 'but', 'than', 'whereas', 'amid', 'despite']);
const RELATIVES = new Set(['who', 'which', 'whom', 'whose']);
const PERSONAL_PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'him', 'her', 'them', 'us', 'me']);
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'its', 'their', 'our', 'my']);
const RESOLVABLE_PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'him', 'her', 'them', 'us', 'me', 'his', 'its', 'their', 'our', 'my']);
const POSSESSIVE_MARKS = new Set(["'s", '’s', "'", '’', 'ʼs']);
const DOUBLE_QUOTES = new Set(['"', '“', '”', '«', '»', '„']);
const ALL_QUOTES = new Set(['"', '“', '”', '«', '»', '„', '‘', "'", '’']);
/** "new sanctions last month": a time adverbial is not part of the phrase before it. */
const TIME_MODIFIERS = new Set(['last', 'next', 'this', 'every', 'each', 'earlier', 'later']);
const TIME_NOUNS = new Set(['week', 'month', 'year', 'day', 'night', 'weekend', 'time', 'morning', 'evening', 'afternoon', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'spring', 'summer', 'autumn', 'winter', 'decade', 'century']);
/** Nouns for someone standing in a relation to the possessor, who is therefore someone else. */
const RELATIONAL_PERSONS = new Set(['opponent', 'rival', 'wife', 'husband', 'son', 'daughter', 'father', 'mother', 'brother', 'sister', 'lawyer', 'successor', 'predecessor', 'counterpart', 'critic', 'enemy', 'challenger', 'aide', 'adviser', 'advisor', 'friend', 'family', 'victim', 'detractor']);
const GOVERNMENT_NOUNS = new Set(['government', 'administration', 'authorities', 'cabinet']);
const MODALS = new Set(['may', 'might', 'could', 'would', 'can', 'will', 'shall', 'should', 'must']);
const NON_NP_DETS = new Set(['which', 'what', 'whatever', 'whichever', 'whose']);
const NON_NP_PRONS = new Set(['what', 'whatever', 'who', 'whom', 'which', 'that', 'itself', 'himself', 'herself', 'themselves', 'ourselves', 'myself', 'yourself', 'whoever', 'this', 'these', 'those', 'anybody', 'everybody', 'nobody', 'something', 'nothing', 'everything', 'anything']);

// ---------------------------------------------------------------------------------------------
// Tokens, units (mentions laid over tokens) and speech frames

interface Tok {
  i: number;
  text: string;
  lower: string;
  lemma: string;
  pos: string;
  /** Offsets into the sentence text. */
  start: number;
  end: number;
  /** Index into Ctx.units when the token belongs to an actor mention (or an unresolved pronoun), else -1. */
  unit: number;
  /** Inside a double-quoted span. */
  q: boolean;
  /** Part of a parenthetical speech frame (", she said,"): scanners step over it. */
  skip: boolean;
}

interface Unit {
  a: number;
  b: number;
  /** Actor id; '' for a pronoun the actor stage did not resolve (resolved on demand). */
  id: string;
  pronoun: boolean;
  modifier: boolean;
}

/** Resolved actors for one argument slot, with how sure the resolution is. */
interface Arg { ids: string[]; conf: number }

interface Frame {
  speaker: Arg | null;
  verb: number;
  from: number;
  to: number;
  /** Content inside quotation marks: first-person pronouns are the speaker, third-person ones are not. */
  direct: boolean;
  lemma: string;
  /** The accused of "X accused Y of ...": the agent of the complement. */
  agent?: Arg;
  /** Content is denied ("X denied there was ...") or demanded ("urged Y to ..."): nothing in it is asserted. */
  unasserted?: boolean;
  /** The frame itself comes from a neighbouring sentence. */
  inherited?: boolean;
}

interface Cand {
  source: string;
  target: string;
  cat: StanceCategory;
  score: number;
  polarity: 1 | -1;
  conf: number;
  claim: string | null;
  trig: [number, number];
  lemma: string;
  /** 'act' when a trigger expresses it, 'inference' when it is inferred from what a speaker reports. */
  kind: 'act' | 'inference';
  /** Head lemma of the verb's object or instrument ("signed a pact" -> pact), for later "the pact". */
  objLemma?: string;
}

/** Something an actor did, remembered so that "the pact", "the measures" or "the move" can be
 * resolved to whoever did it. */
interface EventRec {
  sentence: number;
  cat: StanceCategory | null;
  lemmas: string[];
  agents: string[];
  patients: string[];
  /** A mutual act ("signed an agreement", "traded blame"): its agents and patients are one party. */
  pair: boolean;
  /** Proposed or considered rather than done ("discussed asset freezes"): "the proposal". */
  hedged: boolean;
}

interface SentenceMemory {
  speakers: string[][];
  subjects: { ids: string[]; tok: number }[];
  mentions: { id: string; tok: number }[];
  cands: Cand[];
  /** Trigger or instrument noun lemma -> sources, for "the new sanctions" two sentences later. */
  nounSources: Map<string, string[]>;
  lastSpeaker: Arg | null;
  hasQuote: boolean;
  endsOpen: boolean;
  /** Head lemma of the sentence's first phrase when it names an act, not an actor ("A draft framework was presented"). */
  thingSubject?: string;
}

interface Ctx {
  s: Sentence;
  toks: Tok[];
  units: Unit[];
  frames: Frame[];
  d: Discourse;
  mem: SentenceMemory;
  question: boolean;
  /** Token ranges whose verb triggers are not asserted (complements of demands). */
  unasserted: [number, number][];
  /** Complements of appeals with who made them: "urged the government to summon the US ambassador". */
  wishes: { from: number; to: number; sources: Arg }[];
  /** Cache of resolved pronoun units. */
  pron: Map<number, Arg | null>;
  /** Once the speech frames are known, phrases and subjects no longer change: memoised. */
  settled: boolean;
  npCache: Map<number, [number, number]>;
  subjCache: Map<number, SubjectHit | null>;
}

interface Prepared { s: Sentence; toks: Tok[]; units: Unit[] }

class Discourse {
  readonly actors: Map<string, Actor>;
  readonly memory: SentenceMemory[] = [];
  readonly prepared: Prepared[];
  /** The most salient country of the article, for "the government" with nothing else to go on. */
  readonly topCountry: string | undefined;
  /** What the actor stage last resolved "government" to. */
  lastGovernment: string | undefined;
  readonly events: EventRec[] = [];
  constructor(analysis: ActorAnalysis, prepared: Prepared[]) {
    this.actors = new Map(analysis.actors.map((a) => [a.id, a]));
    this.prepared = prepared;
    this.topCountry = analysis.actors.filter((a) => a.type === 'country').sort((x, y) => y.salience - x.salience)[0]?.id;
  }
  type(id: string): Actor['type'] | undefined { return this.actors.get(id)?.type; }
  country(id: string): string | undefined { return this.actors.get(id)?.country; }
}

let nlpInstance: ReturnType<typeof winkNLP> | null = null;
function nlp(): ReturnType<typeof winkNLP> {
  nlpInstance ??= winkNLP(model, ['pos']);
  return nlpInstance;
}

/** HTML character references left in extracted text ("communiqu&#233;"), decoded for the tagger
 * while token offsets keep pointing into the original text. */
const ENTITY = /&(#\d+|#x[0-9a-f]+|amp|quot|apos|lt|gt|nbsp);/gi;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' };

function decodeEntities(text: string): { text: string; map: number[] } | null {
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
function tokenizeArticle(sentences: Sentence[]): Tok[][] {
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
function ingLemma(word: string): string {
  const stem = word.slice(0, -3);
  const candidates = [stem, `${stem}e`, stem.length > 2 && stem.at(-1) === stem.at(-2) ? stem.slice(0, -1) : stem];
  const known = (w: string): boolean => VERBS.has(w) || BLAME.has(w) || OBLIGATION.has(w) || REPORTING.has(w) || LIGHT_VERBS.has(w);
  return candidates.find(known) ?? `${stem}e`;
}

/** The base form of an -ed word the tagger did not lemmatise ("announced" -> announce). */
function edLemma(word: string): string {
  const stem = word.slice(0, -2);
  const known = (w: string): boolean => VERBS.has(w) || LIGHT_VERBS.has(w) || OWNER_VERBS.has(w);
  return [`${stem}e`, stem, word.slice(0, -1)].find(known) ?? `${stem}e`;
}

function prepare(s: Sentence, toks: Tok[], mentions: ResolvedMention[]): Prepared {
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
function markQuotes(text: string, toks: Tok[]): void {
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

// ---------------------------------------------------------------------------------------------
// Token helpers

const isQuote = (t: Tok | undefined): boolean => !!t && ALL_QUOTES.has(t.text) && t.pos !== 'PART';
const isComma = (t: Tok | undefined): boolean => !!t && t.text === ',';
const isNeg = (t: Tok): boolean => NEG.has(t.lower) || (t.pos === 'PART' && t.lemma === 'not');

function prev(c: Ctx, j: number): number {
  let k = j - 1;
  while (k >= 0 && c.toks[k].skip) k--;
  return k;
}
function next(c: Ctx, j: number): number {
  let k = j + 1;
  while (k < c.toks.length && c.toks[k].skip) k++;
  return k;
}
const tok = (c: Ctx, j: number): Tok | undefined => (j >= 0 && j < c.toks.length ? c.toks[j] : undefined);

function isNounLike(t: Tok): boolean {
  return t.unit >= 0 || t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM';
}

function npish(c: Ctx, t: Tok | undefined): boolean {
  if (!t || t.skip) return false;
  if (t.unit >= 0) return true;
  if (t.text === '-' || t.text === '‑') {
    // "long-awaited", "case-by-case": a hyphen with no space on either side joins a compound
    const p = tok(c, t.i - 1);
    const n = tok(c, t.i + 1);
    return !!p && !!n && p.end === t.start && t.end === n.start && /\w$/.test(p.text) && /^\w/.test(n.text);
  }
  switch (t.pos) {
    case 'DET': return !NON_NP_DETS.has(t.lower);
    case 'ADJ': case 'NOUN': case 'PROPN': case 'NUM': return true;
    case 'PRON': return !NON_NP_PRONS.has(t.lower) && !RELATIVES.has(t.lower);
    case 'PART': return POSSESSIVE_MARKS.has(t.text);
    case 'VERB': {
      // participles used as adjectives: "his visiting Venezuelan counterpart", "repeated rounds"
      const p = tok(c, t.i - 1);
      const n = tok(c, t.i + 1);
      return !!p && !!n && (p.pos === 'DET' || (p.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(p.lower)) || p.pos === 'ADJ')
        && (n.pos === 'ADJ' || n.pos === 'NOUN' || n.pos === 'PROPN' || n.unit >= 0);
    }
    default: return false;
  }
}

const isDeterminerLike = (t: Tok): boolean => t.pos === 'DET' || (t.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(t.lower));
const isPersonalPronoun = (t: Tok): boolean => t.pos === 'PRON' && PERSONAL_PRONOUNS.has(t.lower) && !POSSESSIVE_PRONOUNS.has(t.lower);

/** The base noun phrase (no prepositional attachments) around token k, as [a, b]. */
function npSpan(c: Ctx, k: number): [number, number] {
  if (c.settled) {
    const hit = c.npCache.get(k);
    if (hit) return hit;
    const sp = npSpanRaw(c, k);
    c.npCache.set(k, sp);
    return sp;
  }
  return npSpanRaw(c, k);
}

function npSpanRaw(c: Ctx, k: number): [number, number] {
  let a = k;
  let b = k;
  if (!isPersonalPronoun(c.toks[k]) || c.toks[k].unit >= 0 && !c.units[c.toks[k].unit].pronoun) {
    // leftwards: stop after a determiner, at a personal pronoun, at anything not nominal
    while (!isDeterminerLike(c.toks[a])) {
      const p = prev(c, a);
      const t = tok(c, p);
      if (!t) break;
      if (isQuote(t)) {
        const pp = tok(c, prev(c, p));
        if (pp && npish(c, pp) && !isPersonalPronoun(pp) && pp.pos !== 'VERB') { a = p; continue; }
        break;
      }
      if (!npish(c, t) || (isPersonalPronoun(t) && t.unit >= 0 && c.units[t.unit].pronoun && !POSSESSIVE_PRONOUNS.has(t.lower))) break;
      if (isPersonalPronoun(t)) break;
      // "a charge Moscow denied": a common noun before a name ends a phrase unless it is a title ("leader Michael Howard")
      const cur = c.toks[a];
      if (cur.unit >= 0 && t.unit < 0 && t.pos === 'NOUN' && t.text === t.lower && !TITLE_NOUNS.has(t.lemma) && !ROLE_NOUNS.has(t.lemma)) break;
      // a unit that ends a coordination member ("Russia and Venezuela") is its own phrase
      a = p;
    }
    // rightwards
    for (;;) {
      const n = next(c, b);
      const t = tok(c, n);
      if (!t) break;
      const cur = c.toks[b];
      if (isQuote(t)) {
        const nn = tok(c, next(c, n));
        if (nn && npish(c, nn) && nn.pos !== 'DET' && !isPersonalPronoun(nn) && !(t.text === '”' && !c.toks[b].q)) { b = n; continue; }
        break;
      }
      if ((t.lower === 'and' || t.lower === 'or') && cur.pos === 'ADJ' && tok(c, next(c, n))?.pos === 'ADJ') { b = n; continue; }
      if (!npish(c, t) || isPersonalPronoun(t)) break;
      if (t.pos === 'DET' || (t.pos === 'PRON' && POSSESSIVE_PRONOUNS.has(t.lower))) break;
      if (TIME_MODIFIERS.has(t.lower) && TIME_NOUNS.has(tok(c, next(c, n))?.lower ?? '')) break;
      if (TIME_NOUNS.has(t.lower) && t.pos === 'PROPN' && isNounLike(cur) && cur.unit < 0) break;
      if ((t.pos === 'ADJ' || t.pos === 'NUM') && isNounLike(cur) && !POSSESSIVE_MARKS.has(cur.text)) {
        // an adjective after a head noun only continues a compound ("Venezuela ready to" does not)
        const nn = tok(c, next(c, n));
        if (!nn || !(nn.pos === 'NOUN' || nn.pos === 'PROPN' || nn.pos === 'ADJ' || nn.unit >= 0)) break;
      }
      if (t.unit >= 0 && cur.unit >= 0 && t.unit !== cur.unit && !POSSESSIVE_MARKS.has(cur.text)) {
        // two adjacent mentions: "Russian Defense Minister Sergei Shoigu" is one phrase, but a
        // mention right after a complete name starts a new phrase only across a comma, so keep going
      }
      b = n;
    }
  }
  return [a, b];
}

function headOf(c: Ctx, [a, b]: [number, number]): number {
  for (let k = b; k >= a; k--) {
    const t = c.toks[k];
    if (t.skip || isQuote(t) || POSSESSIVE_MARKS.has(t.text)) continue;
    return k;
  }
  return b;
}

function unitsIn(c: Ctx, [a, b]: [number, number]): number[] {
  const out: number[] = [];
  for (let k = a; k <= b; k++) {
    const u = c.toks[k].unit;
    if (u >= 0 && !out.includes(u)) out.push(u);
  }
  return out;
}

function hasActor(c: Ctx, span: [number, number]): boolean {
  return unitsIn(c, span).some((u) => !c.units[u].pronoun || resolveUnit(c, u) !== null);
}

// ---------------------------------------------------------------------------------------------
// Resolution of units, pronouns and definite descriptions

function unitArg(c: Ctx, u: number): Arg | null {
  const unit = c.units[u];
  if (unit.id) return { ids: [unit.id], conf: 1 };
  return resolveUnit(c, u);
}

function resolveUnit(c: Ctx, u: number): Arg | null {
  if (c.pron.has(u)) return c.pron.get(u) ?? null;
  c.pron.set(u, null);
  const r = resolvePronoun(c, c.units[u].a);
  c.pron.set(u, r);
  return r;
}

function frameAt(c: Ctx, k: number): Frame | null {
  let best: Frame | null = null;
  for (const f of c.frames) {
    if (k >= f.from && k < f.to && (!best || f.to - f.from < best.to - best.from)) best = f;
  }
  return best;
}

type Wanted = 'person' | 'collective' | 'org';

function typeOk(d: Discourse, id: string, want: Wanted): boolean {
  const t = d.type(id);
  if (!t) return false;
  if (want === 'person') return t === 'person';
  if (want === 'org') return t === 'country' || t === 'organization' || t === 'group' || t === 'media';
  return t === 'country' || t === 'organization' || t === 'group';
}

/** Pronouns the actor stage left unresolved: first and third person, inside and outside quotes. */
function resolvePronoun(c: Ctx, k: number): Arg | null {
  const w = c.toks[k].lower;
  const f = frameAt(c, k);
  const speaker = f?.speaker ?? null;
  if (w === 'i' || w === 'me' || w === 'my') return speaker && f?.direct ? { ids: speaker.ids, conf: speaker.conf * 0.9 } : null;
  if (w === 'we' || w === 'us' || w === 'our') {
    if (!speaker || !f?.direct) return null;
    const ids = speaker.ids.map((id) => (c.d.type(id) === 'person' ? c.d.country(id) ?? id : id));
    return { ids: [...new Set(ids)], conf: speaker.conf * 0.7 };
  }
  const personal = w === 'he' || w === 'him' || w === 'his' || w === 'she' || w === 'her';
  const want: Wanted = personal ? 'person' : w === 'it' || w === 'its' ? 'org' : 'collective';
  if (!personal && thingSubjectBefore(c, k)) return null;
  if (w === 'it' && (c.toks[k + 1]?.pos === 'AUX' || c.toks[k + 1]?.pos === 'VERB')) {
    // "A draft framework was presented ... by the envoy. It was rejected by Kosovo's negotiators": the draft's owner
    const thing = c.d.memory.at(-1)?.thingSubject;
    if (thing) return resolveEventHead(c, thing, new Set());
  }
  const exclude = new Set<string>();
  if (f && speaker) {
    if (personal && !f.direct && !f.inherited && speaker.ids.every((id) => c.d.type(id) === 'person')) {
      // indirect speech: "he insisted he still trusted Mr Blair" -- the pronoun is the speaker
      return { ids: speaker.ids, conf: speaker.conf * 0.85 };
    }
    if (f.direct || f.inherited) for (const id of speaker.ids) { exclude.add(id); const co = c.d.country(id); if (co) exclude.add(co); }
    if (!personal && !f.direct && speaker.ids.some((id) => typeOk(c.d, id, want)) && w !== 'they' && w !== 'them' && w !== 'their') {
      return { ids: speaker.ids, conf: speaker.conf * 0.85 };
    }
  }
  // earlier in the same sentence: the main subject if the sentence opens with it, else the nearest
  const firstUnit = c.toks.find((t) => t.unit >= 0 && !c.units[t.unit].pronoun);
  if (firstUnit && firstUnit.i < k && personal && !c.toks.slice(0, firstUnit.i).some((t) => t.pos === 'VERB')) {
    const id = c.units[firstUnit.unit].id;
    if (!exclude.has(id) && typeOk(c.d, id, want)) return { ids: [id], conf: 0.85 };
  }
  for (let j = k - 1; j >= 0; j--) {
    const u = c.toks[j].unit;
    if (u < 0 || c.units[u].pronoun || c.units[u].b !== j) continue;
    const id = c.units[u].id;
    if (!exclude.has(id) && typeOk(c.d, id, want) && !inSameNp(c, j, k)) return { ids: [id], conf: 0.85 };
  }
  // previous sentences: a person is most likely the last speaker or the main-clause subject (the
  // first one); an organisation or country the most recent one mentioned
  const mem = c.d.memory;
  const ordered = <T>(xs: T[]): T[] => (personal ? xs : [...xs].reverse());
  for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 3; back--, seen++) {
    const m = mem[back];
    const pick = (ids: string[]): string | undefined => ids.find((id) => !exclude.has(id) && typeOk(c.d, id, want));
    if (personal) {
      for (let i = m.speakers.length - 1; i >= 0; i--) { const id = pick(m.speakers[i]); if (id) return { ids: [id], conf: 0.8 }; }
    }
    for (const sub of ordered(m.subjects)) { const id = pick(sub.ids); if (id) return { ids: [id], conf: 0.75 }; }
    for (const men of ordered(m.mentions)) { const id = pick([men.id]); if (id) return { ids: [id], conf: 0.7 }; }
  }
  return null;
}

/** "These sanctions have failed ... and they will fail again": an earlier subject that is a thing, not an actor. */
function thingSubjectBefore(c: Ctx, k: number): boolean {
  for (let j = k - 1; j >= 0; j--) {
    const t = c.toks[j];
    if (t.pos !== 'VERB' && t.pos !== 'AUX') continue;
    let p = j - 1;
    while (p >= 0 && (c.toks[p].pos === 'AUX' || c.toks[p].pos === 'ADV' || isNeg(c.toks[p]))) p--;
    const tp = c.toks[p];
    if (!tp || !(tp.pos === 'NOUN') || tp.unit >= 0) continue;
    const sp = npSpan(c, p);
    if (unitsIn(c, sp).length === 0 && (sp[0] === 0 || isQuote(c.toks[sp[0] - 1]))) return true;
  }
  return false;
}

function inSameNp(c: Ctx, j: number, k: number): boolean {
  const [a, b] = npSpan(c, k);
  return j >= a && j <= b;
}

/** "the South American country", "the nation": the nearest other country in the sentence, else in the previous one. */
function resolveNationNoun(c: Ctx, span: [number, number], exclude: Set<string>): Arg | null {
  const head = c.toks[headOf(c, span)];
  if (head.lemma !== 'country' && head.lemma !== 'nation') return null;
  if (!c.toks.slice(span[0], span[1] + 1).some((t) => t.lower === 'the')) return null;
  const ok = (id: string): boolean => !exclude.has(id) && c.d.type(id) === 'country';
  for (let j = span[0] - 1; j >= 0; j--) {
    const u = c.toks[j].unit;
    if (u >= 0 && !c.units[u].pronoun && ok(c.units[u].id)) return { ids: [c.units[u].id], conf: 0.6 };
  }
  const m = c.d.memory.at(-1);
  if (m) for (let i = m.mentions.length - 1; i >= 0; i--) if (ok(m.mentions[i].id)) return { ids: [m.mentions[i].id], conf: 0.5 };
  return null;
}

/** "The communiqué congratulated ...": the organisation or country that was the subject just before. */
function resolveDocument(c: Ctx, span: [number, number]): Arg | null {
  const head = c.toks[headOf(c, span)];
  if (!DOCUMENT_NOUNS.has(head.lemma) && !DOCUMENT_NOUNS.has(head.lower)) return null;
  const mem = c.d.memory;
  for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 2; back--, seen++) {
    const subs = mem[back].subjects;
    for (let i = subs.length - 1; i >= 0; i--) {
      const id = subs[i].ids.find((x) => { const t = c.d.type(x); return t === 'organization' || t === 'country'; });
      if (id) return { ids: [id], conf: 0.6 };
    }
  }
  return null;
}

/** "rejected the request", "gave short shrift to the criticism", "welcomed the statement": whose
 * speech act, from the stances and speakers of the previous two sentences, else the subject of a
 * later clause of this sentence. */
function resolveSpeechNoun(c: Ctx, span: [number, number], exclude: Set<string>, from: number): Arg | null {
  const [a] = span;
  if (!DEFINITE_DETS.has(c.toks[a].lower)) return null;
  const head = c.toks[headOf(c, span)];
  const kind = SPEECH_NOUNS.get(head.lemma);
  if (!kind) return null;
  const fits: Record<SpeechClass, (cat: StanceCategory) => boolean> = {
    demand: (cat) => cat === 'demand',
    criticism: (cat) => cat === 'criticize' || cat === 'accuse',
    accusation: (cat) => cat === 'accuse' || cat === 'criticize',
    threat: (cat) => cat === 'threaten',
    speech: (cat) => ['accuse', 'criticize', 'demand', 'threaten', 'reject', 'praise', 'support'].includes(cat),
    any: () => true,
  };
  const excluded = (id: string): boolean => exclude.has(id) || [...exclude].some((x) => sameSide(c.d, x, id));
  const mem = c.d.memory;
  // the speech act the noun names first ("the accusation": an accusation, not an inferred criticism)
  const exact: Partial<Record<SpeechClass, StanceCategory>> = { accusation: 'accuse', criticism: 'criticize', demand: 'demand', threat: 'threaten' };
  for (const strict of [true, false]) {
    for (let back = mem.length - 1, seen = 0; back >= 0 && seen < SPEECH_WINDOW; back--, seen++) {
      const m = mem[back];
      for (let i = m.cands.length - 1; i >= 0; i--) {
        const cd = m.cands[i];
        if (excluded(cd.source) || !fits[kind](cd.cat)) continue;
        if (strict && (cd.kind !== 'act' || (exact[kind] && cd.cat !== exact[kind]))) continue;
        return { ids: [cd.source], conf: 0.8 };
      }
    }
  }
  // "welcomed the statement and said G7 ministers had ..."
  for (let j = from; j < c.toks.length; j++) {
    const t = c.toks[j];
    if (t.pos !== 'VERB' || t.skip) continue;
    const subj = subjectOf(c, j, 0, true);
    if (subj && subj.arg.ids.some((id) => !excluded(id)) && subj.span[0] > from) {
      return { ids: subj.arg.ids.filter((id) => !excluded(id)), conf: 0.55 };
    }
  }
  if (kind === 'speech' || kind === 'accusation') {
    for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 2; back--, seen++) {
      const m = mem[back];
      for (let i = m.speakers.length - 1; i >= 0; i--) {
        const id = m.speakers[i].find((x) => !excluded(x));
        if (id) return { ids: [id], conf: 0.6 };
      }
    }
  }
  return null;
}

/** Which events a definite description can stand for. */
function eventMatches(e: EventRec, cls: EventClass): boolean {
  if (cls === 'vote' && e.lemmas.some((l) => PROPOSER_VERBS.has(l))) return false;
  if (e.lemmas.some((l) => EVENT_NOUNS.get(l) === cls)) return true;
  switch (cls) {
    case 'agreement': return e.cat === 'agree' || e.cat === 'cooperate';
    case 'measure': return e.cat === 'sanction' || e.cat === 'blockade';
    case 'repression': return e.cat === 'pressure';
    case 'violence': return e.cat === 'attack';
    case 'vote': return e.lemmas.some((l) => VOTE_VERBS.has(l)) && !e.lemmas.some((l) => PROPOSER_VERBS.has(l));
    case 'result': return e.lemmas.some((l) => RESULT_VERBS.has(l));
    case 'proposal': return e.lemmas.some((l) => PROPOSER_VERBS.has(l)) || (e.hedged && (e.cat === 'sanction' || e.cat === 'blockade'));
    default: return false;
  }
}

/** Events that own their object, most recent first: within `window` sentences, plus earlier in this sentence. */
function recentEvents(c: Ctx, window: number): EventRec[] {
  const from = c.s.index - window;
  const out: EventRec[] = [];
  for (let i = c.d.events.length - 1; i >= 0; i--) {
    const e = c.d.events[i];
    if (e.sentence < from) break;
    if (e.agents.length && (e.cat === null || MATERIAL_CATS.has(e.cat))) out.push(e);
  }
  return out;
}

/** The largest group of recent acts against one target: "the measures" of a story are all of them. */
function mainCluster(events: EventRec[], pred: (e: EventRec) => boolean): string[] {
  const byPatient = new Map<string, EventRec[]>();
  for (const e of events) {
    if (!pred(e)) continue;
    for (const p of e.patients) byPatient.set(p, [...(byPatient.get(p) ?? []), e]);
  }
  // a story's main act is the one told most often, and the lead tells it first
  const weight = (list: EventRec[]): number => list.length + (list.some((e) => e.sentence <= LEAD_SENTENCES) ? 2 : 0);
  let best: EventRec[] = [];
  for (const list of byPatient.values()) if (weight(list) > weight(best)) best = list;
  const agents = new Set<string>();
  for (const e of best) for (const a of e.agents) agents.add(a);
  return [...agents];
}

/**
 * "backed the duties", "criticised the pact", "rejected the resolution", "welcomed the move":
 * a definite description of an act stands for whoever did it.
 */
function resolveEvent(c: Ctx, span: [number, number], exclude: Set<string>, bare = false): Arg | null {
  const det = c.toks[span[0]];
  if (!bare && !DEFINITE_DETS.has(det.lower)) return null;
  return resolveEventHead(c, c.toks[headOf(c, span)].lemma, exclude);
}

function resolveEventHead(c: Ctx, lemma: string, exclude: Set<string>): Arg | null {
  const head = { lemma };
  const cls = EVENT_NOUNS.get(head.lemma);
  if (!cls) return null;
  const keep = (ids: string[], conf: number): Arg | null => {
    const out = [...new Set(ids)].filter((id) => !exclude.has(id) && ![...exclude].some((x) => selfStance(c.d, x, id)));
    return out.length ? { ids: out, conf } : null;
  };
  const owners = (e: EventRec): string[] => (e.pair ? [...e.agents, ...e.patients] : e.agents);
  const byClass = recentEvents(c, EVENT_WINDOW_CLASS);
  const story = recentEvents(c, EVENT_WINDOW_EXACT);
  if (cls === 'generic') {
    // "the move": the story's main material act
    return keep(mainCluster(story, (e) => e.cat !== null && e.patients.length > 0), 0.6);
  }
  const exact = story.find((e) => e.lemmas.includes(head.lemma) && (cls !== 'vote' || !e.lemmas.some((l) => PROPOSER_VERBS.has(l))));
  const classHit = byClass.find((e) => eventMatches(e, cls));
  const hit = cls === 'vote' || cls === 'proposal' ? classHit ?? exact : exact ?? classHit;
  if (cls === 'measure' || cls === 'violence' || cls === 'repression') {
    // coordinated measures against one target: "Iran condemned the measures" (of the US, Britain and the EU)
    const cluster = mainCluster(story, (e) => eventMatches(e, cls));
    if (cluster.length || hit) return keep([...cluster, ...(hit ? owners(hit) : [])], 0.7);
    return null;
  }
  return hit ? keep(owners(hit), 0.7) : null;
}

/** "both sides", "the two governments": the parties of the latest mutual act, else of the latest act. */
function resolvePair(c: Ctx, span: [number, number], exclude: Set<string>): Arg | null {
  const first = c.toks[span[0]].lower;
  const second = tok(c, next(c, span[0]))?.lower;
  const head = c.toks[headOf(c, span)];
  if (!PAIR_NOUNS.has(head.lemma) || !(first === 'both' || (first === 'the' && second === 'two'))) return null;
  let e: EventRec | undefined;
  for (let i = c.d.events.length - 1; i >= 0 && !e; i--) {
    const x = c.d.events[i];
    if (x.sentence < c.s.index - EVENT_WINDOW_EXACT) break;
    if (x.pair) e = x;
  }
  if (!e) {
    // "Argentina accused Brazil ... Brazil rejected the accusation": two actors acting on each other
    const recent = c.d.events.filter((x) => x.sentence >= c.s.index - EVENT_WINDOW_EXACT && x.cat !== null);
    for (let i = recent.length - 1; i >= 0 && !e; i--) {
      const x = recent[i];
      for (const a of x.agents) for (const b of x.patients) {
        if (!e && recent.some((y) => y !== x && y.agents.includes(b) && y.patients.includes(a))) e = { ...x, agents: [a], patients: [b] };
      }
    }
  }
  if (!e) return head.lemma === 'party' ? recentParties(c, span[0], exclude) : null;
  const ids = [...new Set([...e.agents, ...e.patients])].filter((id) => !exclude.has(id));
  return ids.length >= 2 ? { ids, conf: 0.6 } : null;
}

/** "criticised both major parties": the last two organisations named (this sentence, then the previous three). */
function recentParties(c: Ctx, before: number, exclude: Set<string>): Arg | null {
  const ids: string[] = [];
  const take = (id: string): void => {
    if (ids.length < 2 && !ids.includes(id) && !exclude.has(id) && c.d.type(id) === 'organization') ids.push(id);
  };
  for (let k = before - 1; k >= 0; k--) { const u = c.toks[k].unit; if (u >= 0 && c.units[u].id) take(c.units[u].id); }
  const mem = c.d.memory;
  for (let back = mem.length - 1; back >= Math.max(0, mem.length - 3) && ids.length < 2; back--) {
    const ms = mem[back].mentions;
    for (let m = ms.length - 1; m >= 0; m--) take(ms[m].id);
  }
  return ids.length === 2 ? { ids, conf: 0.55 } : null;
}

/** The owner of a non-actor object: an act it describes, a pair, or a speech act. */
function resolveOwner(c: Ctx, span: [number, number], exclude: Set<string>, from: number): Arg | null {
  return resolveEvent(c, span, exclude) ?? resolvePair(c, span, exclude) ?? resolveSpeechNoun(c, span, exclude, from);
}

// ---------------------------------------------------------------------------------------------
// Phrases and their actors

interface NpActors { arg: Arg; role: 'head' | 'poss' | 'mod' }

/** The actors of some units, minus `exclude`, with the weakest resolution's confidence. */
function collectUnits(c: Ctx, us: number[], exclude: Set<string> | undefined): Arg | null {
  if (!us.length) return null;
  const ids: string[] = [];
  let conf = 1;
  for (const u of us) {
    const r = unitArg(c, u);
    if (!r) continue;
    for (const id of r.ids) if (!ids.includes(id) && !exclude?.has(id)) ids.push(id);
    conf = Math.min(conf, r.conf);
  }
  return ids.length ? { ids, conf } : null;
}

/** Actors a noun phrase denotes: its head, else its possessor, else (for role heads such as
 * "European leaders", or when the caller allows it) its modifiers. */
function npActors(c: Ctx, span: [number, number], allowMod: boolean, exclude?: Set<string>): NpActors | null {
  const hk = headOf(c, span);
  const head: number[] = [];
  const poss: number[] = [];
  const mod: number[] = [];
  for (const u of unitsIn(c, span)) {
    const unit = c.units[u];
    const after = tok(c, next(c, unit.b));
    const isPoss = (unit.pronoun && POSSESSIVE_PRONOUNS.has(c.toks[unit.a].lower) && unit.b !== hk)
      || (!!after && POSSESSIVE_MARKS.has(after.text) && after.i <= span[1]);
    if (isPoss) poss.push(u);
    else if (unit.b >= hk && !unit.modifier) head.push(u);
    else mod.push(u);
  }
  const h = collectUnits(c, head, exclude);
  if (h) return { arg: h, role: 'head' };
  const headTok = c.toks[hk];
  // "his opponent", "Moscow's critics": the possessor is not the one the phrase names
  const p = RELATIONAL_PERSONS.has(headTok.lemma) ? null : collectUnits(c, poss, exclude);
  if (p) return { arg: p, role: 'poss' };
  if (allowMod || ROLE_NOUNS.has(headTok.lemma) || NATION_NOUNS.has(headTok.lemma)) {
    // "the South American nation" is a country, not the region South America
    const nationHead = headTok.lemma === 'nation' || headTok.lemma === 'country' || headTok.lemma === 'state' || headTok.lemma === 'republic';
    const m = collectUnits(c, nationHead ? mod.filter((u) => c.units[u].pronoun || c.d.type(c.units[u].id) !== 'place') : mod, exclude);
    if (m) return { arg: m, role: 'mod' };
  }
  const gov = resolveGovernment(c, span);
  return gov ? { arg: gov, role: 'head' } : null;
}

/** "The government is clearly split": the government the article is about. The speaker's own
 * country first, then what "the government" last referred to, then the most salient country. */
function resolveGovernment(c: Ctx, [a0, b0]: [number, number]): Arg | null {
  // "the government", "both the government", "the government's tax cuts"
  let a = -1;
  for (let k = a0; k < b0 + 1 && k <= a0 + 2; k++) if (c.toks[k].lower === 'the' && GOVERNMENT_NOUNS.has(c.toks[k + 1]?.lower ?? '')) { a = k; break; }
  if (a < 0) return null;
  const b = a + 1;
  const after = c.toks[b + 1];
  if (b !== b0 && !(after && POSSESSIVE_MARKS.has(after.text))) return null;
  // "the government in Caracas" names its country itself
  if (['in', 'of'].includes(tok(c, next(c, b))?.lower ?? '')) return null;
  const f = frameAt(c, a);
  for (const id of f?.speaker?.ids ?? []) {
    const co = c.d.type(id) === 'country' ? id : c.d.country(id);
    if (co && c.d.type(co) === 'country') return { ids: [co], conf: 0.6 };
  }
  if (c.d.lastGovernment) return { ids: [c.d.lastGovernment], conf: 0.55 };
  return c.d.topCountry ? { ids: [c.d.topCountry], conf: 0.5 } : null;
}

/** Skips ", from London," style appositions between coordinated names; returns the index to continue from. */
function skipAppositionRight(c: Ctx, j: number): number {
  const t = tok(c, j);
  const p = tok(c, next(c, j));
  if (!isComma(t) || !p || !['from', 'of', 'in'].includes(p.lower)) return j;
  let k = next(c, p.i);
  let steps = 0;
  while (k < c.toks.length && !isComma(c.toks[k]) && steps < 6) { k = next(c, k); steps++; }
  if (!isComma(tok(c, k))) return j;
  // ", from London, have been held": a comma-closed apposition right before the verb
  return k;
}

function skipAppositionLeft(c: Ctx, j: number): number {
  // j is a token inside a phrase; when that phrase is "from X" between commas, jump before the first comma
  const [a] = npSpan(c, j);
  const p = tok(c, prev(c, a));
  const cm = p ? tok(c, prev(c, p.i)) : undefined;
  if (p && ['from', 'of', 'in'].includes(p.lower) && isComma(cm)) {
    const before = prev(c, cm!.i);
    if (before >= 0 && npish(c, c.toks[before])) return before;
  }
  return j;
}

/** Coordinated phrases that continue rightwards from span: "the US and Canada", "A, B and C". */
function groupRight(c: Ctx, span: [number, number]): [number, number][] {
  const out: [number, number][] = [span];
  let pending: [number, number][] = [];
  let cur = span;
  for (let guard = 0; guard < 20; guard++) {
    let j = skipAppositionRight(c, next(c, cur[1]));
    if (j !== next(c, cur[1])) j = next(c, j) - 0; // after the apposition's closing comma, j points at it
    let t = tok(c, j);
    let isAnd = false;
    let start = -1;
    if (isComma(t)) {
      const k = next(c, j);
      const tk = tok(c, k);
      if (tk && isConjunction(tk)) { isAnd = true; start = next(c, k); } else start = k;
    } else if (t && isConjunction(t)) { isAnd = true; start = next(c, j); }
    else if (t && t.lower === 'as' && tok(c, next(c, j))?.lower === 'well' && tok(c, next(c, next(c, j)))?.lower === 'as') {
      isAnd = true; start = next(c, next(c, next(c, j)));
    } else break;
    t = tok(c, start);
    if (!t || !npish(c, t)) break;
    const sp = npSpan(c, start);
    if (!hasActor(c, sp)) break;
    // "..., and Ukraine welcomed ...": the phrase opens a new clause
    const after = tok(c, next(c, sp[1]));
    if (after && (after.pos === 'VERB' || after.pos === 'AUX') && !npish(c, after)) break;
    if (isAnd) { out.push(...pending, sp); pending = []; } else pending.push(sp);
    cur = sp;
  }
  return out;
}

/** Coordinated phrases that continue leftwards from span; the junction nearest span must be "and"/"or". */
function groupLeft(c: Ctx, span: [number, number]): [number, number][] {
  const out: [number, number][] = [span];
  let cur = span;
  let sawAnd = false;
  for (let guard = 0; guard < 20; guard++) {
    const j = prev(c, cur[0]);
    const t = tok(c, j);
    let isAnd = false;
    let k: number;
    if (t && isConjunction(t)) {
      isAnd = true;
      k = prev(c, j);
      if (isComma(tok(c, k))) k = prev(c, k);
    } else if (isComma(t)) {
      k = prev(c, j);
    } else break;
    if (!isAnd && !sawAnd) break;
    sawAnd ||= isAnd;
    if (k < 0 || !npish(c, c.toks[k])) break;
    k = skipAppositionLeft(c, k);
    const sp = npSpan(c, k);
    if (!hasActor(c, sp)) break;
    out.unshift(sp);
    cur = sp;
  }
  return out;
}

/** "and", "or", "&" between coordinated phrases. */
function isConjunction(t: Tok): boolean {
  return t.lower === 'and' || t.lower === 'or' || t.text === '&';
}

function mergeArgs(args: (Arg | null)[]): Arg | null {
  const ids: string[] = [];
  let conf = 1;
  for (const a of args) {
    if (!a) continue;
    for (const id of a.ids) if (!ids.includes(id)) ids.push(id);
    conf = Math.min(conf, a.conf);
  }
  return ids.length ? { ids, conf } : null;
}

function groupActors(c: Ctx, spans: [number, number][], allowMod: boolean, exclude?: Set<string>): Arg | null {
  return mergeArgs(spans.map((sp) => npActors(c, sp, allowMod, exclude)?.arg ?? null));
}

// ---------------------------------------------------------------------------------------------
// Subjects, objects and agents

interface SubjectHit { arg: Arg; span: [number, number] }

function isVerbComplex(t: Tok): boolean {
  return t.pos === 'AUX' || t.pos === 'ADV' || (t.pos === 'PART' && !POSSESSIVE_MARKS.has(t.text)) || isNeg(t) || isQuote(t);
}

/** The finite verb a participle or coordinated verb depends on: the nearest verb to the left that
 * has a subject; with `finite`, skipping infinitives ("said it would ask X to annul Y, and accused Z"). */
function governingSubject(c: Ctx, j: number, depth: number, finite = false): SubjectHit | null {
  for (let k = j; k >= 0; k--) {
    const t = c.toks[k];
    if (t.skip || t.pos !== 'VERB') continue;
    if (finite && !isFinite(c, k)) continue;
    const s = subjectOf(c, k, depth + 1);
    if (s) return s;
  }
  return null;
}

/** A verb carrying its own tense: not after "to", a modal or another auxiliary, and not a participle. */
function isFinite(c: Ctx, k: number): boolean {
  const t = c.toks[k];
  if (t.lower.endsWith('ing')) return false;
  let p = prev(c, k);
  while (p >= 0 && (c.toks[p].pos === 'ADV' || isNeg(c.toks[p]))) p = prev(c, p);
  const tp = tok(c, p);
  return !(tp && (tp.lower === 'to' || tp.pos === 'AUX'));
}

/**
 * The subject of the verb (or predicative adjective) at v: the noun phrase before the verb complex,
 * with coordination, appositions, relative "who", embedded phrases ("His words about Bush" is His),
 * role heads ("Defense chiefs of Russia and Venezuela") and control ("US efforts to undermine").
 */
function subjectOf(c: Ctx, v: number, depth = 0, quiet = false): SubjectHit | null {
  if (!c.settled || depth > 0) return subjectOfRaw(c, v, depth, quiet);
  const key = quiet ? -1 - v : v;
  if (c.subjCache.has(key)) return c.subjCache.get(key) ?? null;
  const hit = subjectOfRaw(c, v, depth, quiet);
  c.subjCache.set(key, hit);
  return hit;
}

function subjectOfRaw(c: Ctx, v: number, depth: number, quiet: boolean): SubjectHit | null {
  if (depth > 4) return null;
  let j = prev(c, v);
  let sawTo = false;
  const vt = c.toks[v];
  while (j >= 0) {
    const t = c.toks[j];
    if (t.lower === 'to' && t.pos !== 'ADP') sawTo = true;
    if (isVerbComplex(t) && !(t.pos === 'ADV' && CLAUSE_OPENERS.has(t.lower))) { j = prev(c, j); continue; }
    // "pledged to conclude", "vowed to resist": a reporting verb with an infinitive is a control verb
    if (t.pos === 'VERB' && CONTROL_VERBS.has(t.lemma) && (!REPORTING.has(t.lemma) || tok(c, next(c, j))?.lower === 'to')) { j = prev(c, j); continue; }
    if (t.pos === 'ADJ' && CONTROL_ADJS.has(t.lemma)) { j = prev(c, j); continue; }
    // "Germany, Japan and Kuwait each announced": a floating quantifier after the subject
    if ((t.lower === 'each' || t.lower === 'all' || t.lower === 'both') && tok(c, prev(c, j)) && npish(c, tok(c, prev(c, j)))) { j = prev(c, j); continue; }
    if (isNounLike(t) && t.unit < 0 && TIME_NOUNS.has(t.lower)) {
      // "who this week criticised", "Russia on Thursday said"
      const sp = npSpan(c, j);
      let k = prev(c, sp[0]);
      if (tok(c, k)?.pos === 'ADP' && ['on', 'in', 'at', 'during', 'last', 'this'].includes(tok(c, k)!.lower)) k = prev(c, k);
      j = k;
      continue;
    }
    if ((t.lower === 'and' || t.lower === 'or' || t.lower === 'but') && t.pos === 'CCONJ') {
      const p = tok(c, prev(c, j));
      // "But running out the clock ...": a sentence-initial conjunction has no subject before it
      if (!p) return null;
      if (p.pos === 'VERB') { j = prev(c, j); continue; }
      const finite = isFinite(c, v);
      if (!npish(c, p)) return quiet ? null : governingSubject(c, prev(c, j), depth, finite);
      // "X welcomed the statement and said ...": a coordinated verb phrase shares the first subject
      const sp = npSpan(c, p.i);
      const before = tok(c, prev(c, sp[0]));
      if (before && (before.pos === 'VERB' || before.pos === 'ADP')) return governingSubject(c, prev(c, j), depth, finite);
      return null;
    }
    break;
  }
  const t = tok(c, j);
  if (!t) return null;
  // participial adjunct ", insisting that ..." / "by saying ...": the main clause's subject
  if (vt.lower.endsWith('ing') && (isComma(t) || (t.pos === 'ADP' && ['by', 'after', 'before', 'while', 'without', 'in', 'for', 'of'].includes(t.lower)))) {
    if (t.lower === 'in' || t.lower === 'of' || t.lower === 'for') return null; // handled by the join-in / accuse-of rules
    return governingSubject(c, prev(c, j), depth);
  }
  let k = j;
  if (isComma(t) && !vt.lower.endsWith('ing')) {
    // ", in turn,", ", however,", ", freed from detention on Sunday,": skip an aside with no actor
    const open = asideStart(c, j);
    if (open >= 0) {
      const before = prev(c, open);
      if (before >= 0 && npish(c, c.toks[before])) return subjectOf(c, asideVerbStandIn(c, before), depth + 1, quiet);
    }
    const rel = relativeBefore(c, j);
    if (rel) return rel;
    // an apposition closed by a comma: "..., Elliott Abrams, said"; "Azmat Begg, father of Moazzam, thanked"
    k = prev(c, j);
    const tk = tok(c, k);
    if (!tk || !npish(c, tk)) return null;
    k = skipAppositionLeft(c, k);
    const appo = appositionHead(c, k);
    if (appo) return appo;
  } else if (RELATIVES.has(t.lower) || (t.lower === 'that' && t.pos === 'PRON')) {
    // "Iyad Allawi, who this week criticised ...": the antecedent
    let a = prev(c, j);
    if (isComma(tok(c, a))) a = prev(c, a);
    const ta = tok(c, a);
    if (!ta || !npish(c, ta)) return null;
    const sp = npSpan(c, a);
    const na = npActors(c, sp, false);
    return na ? { arg: na.arg, span: sp } : null;
  }
  const tk = c.toks[k];
  if (!npish(c, tk)) return null;
  const sp0 = npSpan(c, k);
  // control noun: "US efforts to undermine ..." -- the possessor or modifier is the agent
  const headTok = c.toks[headOf(c, sp0)];
  if (sawTo && CONTROL_NOUNS.has(headTok.lemma)) {
    const na = npActors(c, sp0, true);
    return na ? { arg: na.arg, span: sp0 } : null;
  }
  const group = groupLeft(c, sp0);
  const first = group[0];
  const p = tok(c, prev(c, first[0]));
  const pp = p ? tok(c, prev(c, p.i)) : undefined;
  if (p && p.pos === 'ADP' && pp && npish(c, pp) && (EMBEDDING_PREPS.has(p.lower) || p.lower === 'of')) {
    const hs = npSpan(c, pp.i);
    const ha = npActors(c, hs, false);
    if (ha) return { arg: ha.arg, span: [hs[0], sp0[1]] };
    if (p.lower !== 'of') {
      const doc = resolveDocument(c, hs);
      return doc ? { arg: doc, span: hs } : null;
    }
    // "Defense chiefs of Russia and Venezuela": the role noun's country
  }
  const arg = groupActors(c, group, false);
  if (arg) return { arg, span: [first[0], sp0[1]] };
  const doc = resolveDocument(c, sp0);
  if (doc) return { arg: doc, span: sp0 };
  return null;
}

/** The opening comma of an aside that ends at `comma` and names no actor, or -1. */
function asideStart(c: Ctx, comma: number): number {
  let j = prev(c, comma);
  const first = tok(c, j);
  if (!first) return -1;
  for (let steps = 0; j >= 0 && steps < 8; steps++, j = prev(c, j)) {
    const t = c.toks[j];
    if (isComma(t)) {
      const inner = c.toks.slice(j + 1, comma);
      if (!inner.length) return -1;
      const lead = inner[0];
      // "The resolution, drafted by Britain and Denmark, passed": a participial aside may name actors
      const participle = lead.pos === 'VERB' && /(ed|en)$/.test(lead.lower);
      if (!participle && inner.some((x) => x.unit >= 0 && !c.units[x.unit].pronoun)) return -1;
      // an aside starts with an adverb, a preposition, a participle or a conjunction, not a noun phrase
      if (lead.pos === 'ADV' || lead.pos === 'ADP' || lead.pos === 'SCONJ' || (lead.pos === 'VERB' && /(ed|en|ing)$/.test(lead.lower))) return j;
      return -1;
    }
    if (t.text === ';' || t.text === ':' || isQuote(t) || t.pos === 'AUX') return -1;
  }
  return -1;
}

/** A token index whose subject search starts right after the phrase ending at `end`. */
function asideVerbStandIn(c: Ctx, end: number): number {
  let k = end + 1;
  while (k < c.toks.length && c.toks[k].skip) k++;
  return k;
}

/** "Lawyer Louise Christian, who represents Mr Abbasi, said": the phrase before a comma-enclosed relative clause. */
function relativeBefore(c: Ctx, comma: number): SubjectHit | null {
  let j = prev(c, comma);
  let relative = false;
  for (let steps = 0; j >= 0 && steps < 20; steps++, j = prev(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'SCONJ' || t.text === ':' || t.text === ';') return null;
    if (RELATIVES.has(t.lower)) relative = true;
    if (!isComma(t)) continue;
    // the opening comma: "X, who ..., V" or "X, a former judge who ..., V"
    const lead = tok(c, next(c, j));
    if (!relative && !(lead && (lead.pos === 'DET' || lead.pos === 'ADJ') && c.toks.slice(j + 1, comma).some((x) => RELATIVES.has(x.lower)))) return null;
    if (!relative) return null;
    const a = prev(c, j);
    const ta = tok(c, a);
    if (!ta || !npish(c, ta)) return null;
    const sp = npSpan(c, a);
    const na = npActors(c, sp, false);
    if (!na || na.role !== 'head') return null;
    // "Germany and France, which had been reluctant ..., rallied behind"
    const group = groupLeft(c, sp);
    return { arg: groupActors(c, group, false) ?? na.arg, span: [group[0][0], sp[1]] };
  }
  return null;
}

/** Two phrases in apposition ("Azmat Begg, father of Moazzam,"): the one whose head is an actor. */
function appositionHead(c: Ctx, k: number): SubjectHit | null {
  let sp = npSpan(c, k);
  // extend over "of"-chains: "father of Moazzam"
  for (;;) {
    const p = tok(c, prev(c, sp[0]));
    const pp = p ? tok(c, prev(c, p.i)) : undefined;
    if (!p || p.lower !== 'of' || !pp || !npish(c, pp)) break;
    sp = [npSpan(c, pp.i)[0], sp[1]];
  }
  const comma = tok(c, prev(c, sp[0]));
  if (!isComma(comma)) return null;
  const own = npActors(c, npSpan(c, k), false);
  if (own && own.role === 'head' && npSpan(c, k)[0] === sp[0]) return null;
  const a = prev(c, comma!.i);
  const ta = tok(c, a);
  if (!ta || !npish(c, ta)) return null;
  const first = npSpan(c, a);
  const na = npActors(c, first, false);
  if (!na || na.role !== 'head') return null;
  // "Uruguay and Paraguay, the other founding members of Mercosur, called on ..."
  const group = groupLeft(c, first);
  const all = groupActors(c, group, false);
  return { arg: all ?? na.arg, span: [group[0][0], first[1]] };
}

/** The agent of a passive verb: "by X" within the clause. */
function byAgent(c: Ctx, v: number): SubjectHit | null {
  let j = next(c, v);
  for (let steps = 0; j < c.toks.length && steps < 10; steps++, j = next(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'SCONJ' || t.text === ';' || t.text === ':' || RELATIVES.has(t.lower) || (t.pos === 'VERB' && steps > 0)) return null;
    if (t.lower === 'by' && t.pos === 'ADP') {
      const k = next(c, j);
      const tk = tok(c, k);
      if (!tk || !npish(c, tk)) return null;
      const sp = npSpan(c, k);
      const arg = groupActors(c, groupRight(c, sp), false);
      return arg ? { arg, span: sp } : null;
    }
  }
  return null;
}

function isPassive(c: Ctx, v: number): boolean {
  const t = c.toks[v];
  if (t.lower.endsWith('ing')) return false;
  let j = prev(c, v);
  while (j >= 0 && (c.toks[j].pos === 'ADV' || isNeg(c.toks[j]) || isQuote(c.toks[j]))) j = prev(c, j);
  const p = tok(c, j);
  if (p && p.pos === 'AUX' && (p.lemma === 'be' || p.lemma === 'get')) return true;
  // reduced relative: "the money pledged by the US", "a truce agreed last month by the army"
  if (!p || !(isNounLike(p) || isComma(p))) return false;
  let k = next(c, v);
  for (let steps = 0; k < c.toks.length && steps < 4; steps++, k = next(c, k)) {
    const t = c.toks[k];
    if (t.lower === 'by') return true;
    if (!(TIME_MODIFIERS.has(t.lower) || TIME_NOUNS.has(t.lower) || t.pos === 'ADV' || t.pos === 'NUM' || (t.pos === 'ADP' && ['on', 'in', 'at'].includes(t.lower)))) return false;
  }
  return false;
}

/** The end of the clause that starts at or after j. */
function clauseEnd(c: Ctx, j: number): number {
  for (let k = j; k < c.toks.length; k++) {
    const t = c.toks[k];
    if (t.text === ';' || t.text === ':' || (t.pos === 'SCONJ' && t.lower !== 'that') || RELATIVES.has(t.lower)) return k;
    if (isComma(t)) {
      const n = tok(c, k + 1);
      if (n && (n.pos === 'VERB' || n.pos === 'SCONJ' || RELATIVES.has(n.lower) || n.lower === 'but')) return k;
    }
  }
  return c.toks.length;
}

interface ObjectHit { arg: Arg | null; span: [number, number]; viaThat: boolean; label?: boolean }

/** The first noun phrase after the verb (its direct object or, with "that", the embedded subject). */
function objectOf(c: Ctx, v: number, opts: { that?: boolean; relational?: boolean; personObject?: boolean; exclude: Set<string>; allowMod?: boolean }): ObjectHit | null {
  let j = next(c, v);
  // "welcomed what it called “long-awaited pressure on ...”": the label is the object
  let label = false;
  if (tok(c, j)?.lower === 'what') {
    let k = next(c, j);
    for (let steps = 0; k < c.toks.length && steps < 4; steps++, k = next(c, k)) {
      const t = c.toks[k];
      if (t.pos === 'VERB' && LABEL_VERBS.has(t.lemma)) { j = next(c, k); label = true; break; }
    }
    while (isQuote(tok(c, j))) j = next(c, j);
  }
  for (let guard = 0; guard < 6 && j < c.toks.length; guard++) {
    const t = c.toks[j];
    if (t.pos === 'ADV' || isQuote(t) || (t.pos === 'ADP' && ['up', 'out', 'down', 'off'].includes(t.lower) && !npish(c, tok(c, next(c, j))))) { j = next(c, j); continue; }
    if ((t.lower === 'and' || t.lower === 'or') && tok(c, next(c, j))?.pos === 'VERB') { j = next(c, next(c, j)); continue; }
    if ((t.lower === 'and' || t.lower === 'or') && isQuote(tok(c, next(c, j)))) {
      // "resist and “defeat” Washington’s ...": skip the coordinated (quoted) verb
      const w = next(c, next(c, j));
      const close = next(c, w);
      if (isQuote(tok(c, close))) { j = next(c, close); continue; }
      break;
    }
    break;
  }
  let viaThat = false;
  const t0 = tok(c, j);
  if (t0 && t0.lower === 'that' && t0.pos === 'SCONJ') {
    if (!opts.that) return null;
    j = next(c, j);
    viaThat = true;
  }
  const t = tok(c, j);
  if (!t || !npish(c, t) || t.pos === 'ADJ' && !isNounLike(tok(c, next(c, j)) ?? t)) return null;
  const sp = npSpan(c, j);
  const group = groupRight(c, sp);
  let arg = groupActors(c, group, false, opts.exclude);
  // "the government in Caracas": the place named decides which government, whatever "government" was resolved to
  if (group.length === 1 && GOVERNMENT_NOUNS.has(c.toks[headOf(c, sp)].lower)) {
    const pk = next(c, sp[1]);
    if (['in', 'of'].includes(tok(c, pk)?.lower ?? '')) {
      const named = phraseArg(c, next(c, pk), opts.exclude, true);
      const country = named?.ids.map((id) => (c.d.type(id) === 'country' ? id : c.d.country(id))).filter((x): x is string => !!x);
      if (country?.length) arg = { ids: country, conf: named!.conf };
    }
  }
  // "target Iranian banks", "backed the Republican bill": the modifier owns what is targeted or backed
  if (!arg && opts.allowMod) {
    arg = groupActors(c, group, true, opts.exclude);
    if (arg) arg = { ids: arg.ids, conf: arg.conf * 0.8 };
  }
  if (opts.personObject && arg && !arg.ids.some((id) => c.d.type(id) === 'person')) arg = null;
  if (!arg && group.length === 1) {
    const headTok = c.toks[headOf(c, sp)];
    if (!opts.personObject && (RELATIONAL_NOUNS.has(headTok.lemma) || opts.relational)) {
      // "the government in Caracas", "the humanitarian situation in Venezuela"
      const pk = next(c, sp[1]);
      const pt = tok(c, pk);
      if (pt && ['in', 'of', 'for'].includes(pt.lower)) {
        const k = next(c, pk);
        if (tok(c, k) && npish(c, c.toks[k])) {
          const sp2 = npSpan(c, k);
          arg = groupActors(c, groupRight(c, sp2), true, opts.exclude);
          if (arg) return { arg, span: [sp[0], sp2[1]], viaThat };
        }
      }
    }
    if (!arg) arg = resolveNationNoun(c, sp, opts.exclude);
    if (!arg && opts.allowMod) arg = relativeOwner(c, sp, opts.exclude);
  }
  const last = group[group.length - 1];
  return { arg, span: [sp[0], last[1]], viaThat, label };
}

/** "the “nine-dash line” that Beijing uses": the actor of a relative clause owns the thing. */
function relativeOwner(c: Ctx, span: [number, number], exclude: Set<string>): Arg | null {
  let j = next(c, span[1]);
  while (isQuote(tok(c, j))) j = next(c, j);
  const rel = tok(c, j);
  if (!rel || !(rel.lower === 'that' || rel.lower === 'which')) return null;
  const k = next(c, j);
  const tk = tok(c, k);
  if (!tk || tk.unit < 0 || !npish(c, tk)) return null;
  const sp = npSpan(c, k);
  if (tok(c, next(c, sp[1]))?.pos !== 'VERB') return null;
  const na = npActors(c, sp, false, exclude);
  return na ? { ids: na.arg.ids, conf: na.arg.conf * 0.6 } : null;
}

/** A prepositional argument within the clause: "with X", "between A and B", "behind X". */
function prepArg(c: Ctx, from: number, preps: string[], exclude: Set<string>, maxSteps = 12): { arg: Arg | null; span: [number, number]; prep: string } | null {
  let j = next(c, from);
  for (let steps = 0; j < c.toks.length && steps < maxSteps; steps++, j = next(c, j)) {
    const t = c.toks[j];
    if (t.text === ';' || t.text === ':' || (t.pos === 'SCONJ') || RELATIVES.has(t.lower)) return null;
    if (t.pos === 'VERB' && steps > 0 && !npish(c, t)) return null;
    if (isComma(t) && steps > 0) return null;
    if (!preps.includes(t.lower)) continue;
    let k = next(c, j);
    // "to securing a stable Iraq": a gerund between the preposition and its phrase
    if (tok(c, k)?.pos === 'VERB' && tok(c, k)!.lower.endsWith('ing')) k = next(c, k);
    const tk = tok(c, k);
    if (!tk || !npish(c, tk)) continue;
    const sp = npSpan(c, k);
    const group = groupRight(c, sp);
    let arg = groupActors(c, group, false, exclude);
    if (!arg && group.length === 1) {
      // "pressure on the South American country", "destabilization of the situation in Venezuela"
      arg = resolveNationNoun(c, sp, exclude);
      if (!arg) {
        const headTok = c.toks[headOf(c, sp)];
        if (RELATIONAL_NOUNS.has(headTok.lemma) || ROLE_NOUNS.has(headTok.lemma)) {
          let pk = next(c, sp[1]);
          while (isQuote(tok(c, pk))) pk = next(c, pk);
          const pt = tok(c, pk);
          if (pt && ['in', 'of'].includes(pt.lower) && tok(c, next(c, pk)) && npish(c, c.toks[next(c, pk)])) {
            const sp2 = npSpan(c, next(c, pk));
            arg = groupActors(c, groupRight(c, sp2), true, exclude);
          }
        } else if (tok(c, next(c, sp[1]))?.pos === 'ADJ' && tok(c, next(c, next(c, sp[1])))?.lower === 'to') {
          // "sanctions on sectors relevant to Venezuelans"
          const k2 = next(c, next(c, next(c, sp[1])));
          if (tok(c, k2) && npish(c, c.toks[k2])) arg = groupActors(c, groupRight(c, npSpan(c, k2)), true, exclude);
        }
      }
    }
    return { arg, span: sp, prep: t.lower };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Modality: negation, hedging, assertion

interface Modality { negated: boolean; hedge: number }

function verbModality(c: Ctx, v: number): Modality {
  let negated = c.toks[v].lower.endsWith('ing') && tok(c, prev(c, v))?.lower === 'without';
  let hedge = 1;
  const f = frameAt(c, v);
  let j = prev(c, v);
  for (let steps = 0; j >= 0 && steps < 8; steps++, j = prev(c, j)) {
    const t = c.toks[j];
    if (isNeg(t)) { negated = true; continue; }
    if (t.pos === 'AUX' || t.pos === 'PART' || t.lower === 'to') {
      const w = HEDGES.get(t.lower);
      if (w !== undefined && !(t.lower === 'would' && f)) hedge *= w;
      continue;
    }
    if (t.pos === 'ADV') {
      const w = HEDGES.get(t.lower);
      if (w !== undefined) hedge *= w;
      if (t.lower === 'longer' && tok(c, prev(c, j))?.lower === 'no') negated = true;
      continue;
    }
    if (t.pos === 'VERB' && CONTROL_VERBS.has(t.lemma)) {
      if (NEGATING_VERBS.has(t.lemma)) negated = true;
      const w = HEDGES.get(t.lemma);
      if (w !== undefined) hedge *= w;
      continue;
    }
    if (t.pos === 'ADJ' && CONTROL_ADJS.has(t.lemma)) {
      const w = HEDGES.get(t.lemma);
      if (w !== undefined) hedge *= w;
      continue;
    }
    if (t.pos === 'NOUN' && CONTROL_NOUNS.has(t.lemma)) {
      const w = HEDGES.get(t.lemma);
      if (w !== undefined) hedge *= w;
      continue;
    }
    if ((t.lower === 'and' || t.lower === 'or') && tok(c, prev(c, j))?.pos === 'VERB') continue;
    if (isQuote(t)) continue;
    break;
  }
  // sentence adverbs and conditionals anywhere before the verb in its clause
  for (let k = v - 1; k >= 0; k--) {
    const t = c.toks[k];
    if (t.text === ';' || t.text === ':') break;
    if (t.pos === 'ADV' && HEDGES.has(t.lower) && k < j) hedge *= HEDGES.get(t.lower)!;
    if ((t.lower === 'if' || t.lower === 'whether') && t.pos === 'SCONJ') { hedge *= HEDGES.get(t.lower)!; break; }
  }
  if (c.question) hedge *= 0.6;
  return { negated: negated || inDenial(c, v), hedge };
}

function inDenial(c: Ctx, k: number): boolean {
  return c.frames.some((f) => f.lemma === 'deny' && k >= f.from && k < f.to);
}

function unasserted(c: Ctx, k: number): boolean {
  return c.unasserted.some(([a, b]) => k >= a && k < b);
}

// ---------------------------------------------------------------------------------------------
// Speech frames

function findFrames(c: Ctx): void {
  const toks = c.toks;
  const n = toks.length;
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    if (t.skip) continue;
    if (t.lower === 'according' && tok(c, i + 1)?.lower === 'to') {
      const k = next(c, i + 1);
      if (!tok(c, k) || !npish(c, toks[k])) continue;
      const sp = npSpan(c, k);
      const arg = groupActors(c, groupRight(c, sp), false);
      if (!arg) continue;
      const lead = isComma(tok(c, i - 1)) ? i - 1 : i;
      for (let m = lead; m <= sp[1]; m++) toks[m].skip = true;
      if (isComma(tok(c, sp[1] + 1)) && lead === i) toks[sp[1] + 1].skip = true;
      c.frames.push({ speaker: arg, verb: i, from: 0, to: n, direct: false, lemma: 'according' });
      continue;
    }
    if (t.pos !== 'VERB') continue;
    const colon = tok(c, next(c, i))?.text === ':';
    if (!REPORTING.has(t.lemma) && !colon) continue;
    if (t.lemma === 'accuse' || t.lemma === 'blame') continue; // accusations are triggers with an of-complement
    if (tok(c, next(c, i))?.lower === 'to' && tok(c, next(c, next(c, i)))?.pos === 'VERB') continue; // "pledged to conclude": a commitment, not a report
    if (isPassive(c, i)) continue;
    const subj = subjectOf(c, i);
    let speaker = subj?.arg ?? null;
    let speakerSpan = subj?.span ?? null;
    const before = subj ? tok(c, prev(c, subj.span[0])) : tok(c, prev(c, i));
    const inverted = !subj && (isComma(before) || isQuote(before));
    if (inverted) {
      // "“...,” said Mr Howard."
      const k = next(c, i);
      if (tok(c, k) && npish(c, toks[k])) {
        const sp = npSpan(c, k);
        const na = npActors(c, sp, false);
        if (na) { speaker = na.arg; speakerSpan = sp; }
      }
    }
    if (!speaker && !inverted) {
      // "The New Mexico Democrat said", "The senator said": the person the story was just about
      const sp = bareSubjectSpan(c, i);
      if (sp && c.toks[sp[0]].lower === 'the' && !unitsIn(c, sp).length) {
        const head = c.toks[headOf(c, sp)];
        if (TITLE_NOUNS.has(head.lemma) || head.pos === 'PROPN') {
          const person = lastPerson(c);
          if (person) { speaker = person; speakerSpan = sp; }
        }
      }
    }
    const frameStart = speakerSpan && !inverted ? speakerSpan[0] : i;
    if (colon) {
      const from = next(c, next(c, i));
      c.frames.push({ speaker, verb: i, from, to: n, direct: true, lemma: t.lemma });
      continue;
    }
    const postposed = (isComma(before) || isQuote(before)) && frameStart >= 2;
    if (postposed) {
      const cut = prev(c, frameStart);
      // after the verb: a parenthetical goes on with more clause after a comma ("Russia, she said, aimed ...")
      let k = next(c, inverted && speakerSpan ? speakerSpan[1] : i);
      while (k < n && !isComma(toks[k]) && toks[k].pos !== 'PUNCT') k = next(c, k);
      const rest = isComma(tok(c, k)) ? next(c, k) : n;
      const from = 0;
      if (rest < n && toks.slice(rest).some((x) => x.pos === 'VERB')) {
        for (let m = cut; m <= k; m++) toks[m].skip = true;
        // "... after years in which, he said, her party blocked ...": the aside scopes over its own clause
        let open = 0;
        for (let m = cut - 1; m >= 0; m--) if (toks[m].pos === 'SCONJ' || RELATIVES.has(toks[m].lower) || toks[m].text === ';' || toks[m].text === ':') { open = m; break; }
        c.frames.push({ speaker, verb: i, from: open, to: n, direct: toks[open]?.q ?? false, lemma: t.lemma });
      } else {
        const closing = tok(c, prev(c, frameStart));
        const direct = isQuote(toks[0]) || toks[0].q || (isQuote(closing) && !isQuote(tok(c, prev(c, closing!.i - 1) + 1)) && toks.slice(0, cut).filter((x) => DOUBLE_QUOTES.has(x.text)).length % 2 === 1);
        c.frames.push({ speaker, verb: i, from, to: cut, direct, lemma: t.lemma });
      }
      continue;
    }
    // "X said (that) ...", "X told the Commons (that) ..."
    let from = next(c, i);
    if (ADDRESSEE_VERBS.has(t.lemma)) {
      const tk = tok(c, from);
      if (tk && npish(c, tk) && tk.pos !== 'SCONJ') {
        const sp = npSpan(c, from);
        from = next(c, sp[1]);
        // "told BBC Radio 4's Today programme the US had ...": a second phrase starts the content
      }
    }
    if (tok(c, from)?.lower === 'that') from = next(c, from);
    if (from >= n || toks.slice(from).every((x) => x.pos === 'PUNCT')) continue;
    const direct = toks[from].q || isQuote(toks[from]);
    c.frames.push({ speaker, verb: i, from, to: coordinatedVerbAfter(c, from, i) ?? n, direct, lemma: t.lemma, unasserted: t.lemma === 'deny' });
  }
  // a frame's content ends where a later frame's speaker begins ("... but the Tories say ...")
  const sorted = [...c.frames].sort((a, b) => a.verb - b.verb);
  for (let k = 0; k < sorted.length - 1; k++) {
    const f = sorted[k];
    const g = sorted[k + 1];
    if (f.to === n && f.from <= g.verb && f.from > 0) {
      const gs = subjectOf(c, g.verb);
      const cut = gs && gs.span[0] > f.from ? gs.span[0] : g.verb;
      if (cut > f.from) f.to = cut;
    }
  }
}

/** The phrase right before a verb, whether or not it names an actor. */
function bareSubjectSpan(c: Ctx, v: number): [number, number] | null {
  let j = prev(c, v);
  while (j >= 0 && isVerbComplex(c.toks[j])) j = prev(c, j);
  const t = tok(c, j);
  return t && npish(c, t) ? npSpan(c, j) : null;
}

/** The last person who spoke or was a subject in the previous two sentences. */
function lastPerson(c: Ctx): Arg | null {
  const mem = c.d.memory;
  for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 2; back--, seen++) {
    const m = mem[back];
    for (let i = m.speakers.length - 1; i >= 0; i--) {
      const id = m.speakers[i].find((x) => c.d.type(x) === 'person');
      if (id) return { ids: [id], conf: 0.6 };
    }
    for (const sub of m.subjects) {
      const id = sub.ids.find((x) => c.d.type(x) === 'person');
      if (id) return { ids: [id], conf: 0.55 };
    }
  }
  return null;
}

/** "X said the tariffs were unfair and urged Canada to ...": where a verb coordinated with the
 * reporting verb (same tense, no subject of its own) ends the reported content. */
function coordinatedVerbAfter(c: Ctx, from: number, verb: number): number | null {
  const past = c.toks[verb].lower !== c.toks[verb].lemma && !/s$/.test(c.toks[verb].lower);
  for (let k = from; k < c.toks.length; k++) {
    const t = c.toks[k];
    if (t.q) continue;
    if (!((t.lower === 'and' || t.lower === 'but') && t.pos === 'CCONJ')) continue;
    let j = next(c, k);
    while (tok(c, j)?.pos === 'ADV') j = next(c, j);
    const v = tok(c, j);
    if (!v || v.pos !== 'VERB' || v.lower.endsWith('ing')) continue;
    const vPast = v.lower !== v.lemma && !/s$/.test(v.lower);
    if (vPast === past) return k;
  }
  return null;
}

/** Quote sentences without a speaker of their own: the speaker of the previous sentence's quote, else
 * one named at the start of the next sentence. */
function inheritFrame(c: Ctx): void {
  // "“...,” he said. The words were Mr X's." / "So said X, ...": the next sentence names the speaker
  const firstQ = c.toks.length > 0 && (isQuote(c.toks[0]) || c.toks[0].q);
  const nextP = c.d.prepared[c.s.index + 1];
  const attributed = firstQ && nextP ? attributionSpeaker(nextP) : null;
  if (attributed) {
    if (c.frames.length) for (const f of c.frames) f.speaker = attributed;
    else c.frames.push({ speaker: attributed, verb: -1, from: 0, to: c.toks.length, direct: true, lemma: 'say', inherited: true });
    return;
  }
  if (c.frames.some((f) => f.from === 0 || f.to === c.toks.length)) {
    if (c.frames.length) return;
  }
  if (c.frames.length) return;
  const firstQuoted = c.toks.length > 0 && (isQuote(c.toks[0]) || c.toks[0].q);
  const prevMem = c.d.memory.at(-1);
  const continues = !!prevMem && prevMem.endsOpen;
  if (!firstQuoted && !continues) return;
  let speaker: Arg | null = null;
  // the most recent speaker of the previous two sentences, else one named at the start of the next
  const mem = c.d.memory;
  for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 2 && !speaker; back--, seen++) {
    const last = mem[back].lastSpeaker;
    if (last) speaker = { ids: last.ids, conf: last.conf * (seen === 0 ? 0.85 : 0.75) };
  }
  if (!speaker) {
    const nx = c.d.prepared[c.s.index + 1];
    if (nx) speaker = leadingSpeaker(nx);
  }
  if (!speaker) return;
  c.frames.push({ speaker, verb: -1, from: 0, to: c.toks.length, direct: true, lemma: 'say', inherited: true });
}

const WORDS_NOUNS = new Set(['word', 'remark', 'comment', 'quote', 'statement', 'verdict', 'assessment']);

/** "The words were Mr X's.", "Those were the words of X.", "So said X, ...": a sentence that only names the speaker of the quote before it. */
function attributionSpeaker(p: Prepared): Arg | null {
  const { toks, units } = p;
  const named = (from: number, to: number): Arg | null => {
    for (let j = from; j < Math.min(toks.length, to); j++) {
      const u = toks[j].unit;
      if (u >= 0 && !units[u].pronoun && units[u].id) return { ids: [units[u].id], conf: 0.8 };
    }
    return null;
  };
  if (toks.length < 3) return null;
  if (toks[0].lower === 'so' && toks[1].lemma === 'say') return named(2, 8);
  let be = -1;
  for (let k = 0; k < Math.min(toks.length, 4); k++) if (toks[k].lemma === 'be') { be = k; break; }
  if (be < 0) return null;
  const before = toks.slice(0, be).some((t) => WORDS_NOUNS.has(t.lemma));
  const after = toks.slice(be + 1, be + 4).some((t) => WORDS_NOUNS.has(t.lemma));
  if (!before && !after) return null;
  if (toks.slice(0, be).some((t) => t.unit >= 0)) return null;
  return named(be + 1, be + 9);
}

/** "Zakharova added that ...": a named actor followed by a reporting verb at the start of a sentence. */
function leadingSpeaker(p: Prepared): Arg | null {
  const { toks, units } = p;
  for (let k = 0; k < Math.min(toks.length, 8); k++) {
    const t = toks[k];
    if (t.pos === 'VERB') {
      if (!REPORTING.has(t.lemma)) return null;
      for (let j = k - 1; j >= 0; j--) {
        const u = toks[j].unit;
        if (u >= 0 && !units[u].pronoun) return { ids: [units[u].id], conf: 0.7 };
      }
      return null;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Emitting candidates

interface EmitOpts {
  objLemma?: string;
  cat: StanceCategory;
  score?: number;
  conf: number;
  trig: [number, number];
  lemma: string;
  mod: Modality;
  /** Symmetric category: participants coordinated in one phrase relate both ways. */
  symmetric?: boolean;
  claim?: string | null;
  inference?: boolean;
}

function claimAt(c: Ctx, k: number): string | null {
  const f = frameAt(c, k);
  return f?.speaker?.ids[0] ?? null;
}

function selfStance(d: Discourse, a: string, b: string): boolean {
  if (a === b) return true;
  return d.country(a) === b || d.country(b) === a;
}

/** Same side for speaker inferences: the same actor, or actors of the same country. */
function sameSide(d: Discourse, a: string, b: string): boolean {
  if (selfStance(d, a, b)) return true;
  const ca = d.country(a) ?? (d.type(a) === 'country' ? a : undefined);
  const cb = d.country(b) ?? (d.type(b) === 'country' ? b : undefined);
  return !!ca && ca === cb;
}

function emit(c: Ctx, out: Cand[], sources: Arg, targets: Arg, o: EmitOpts): void {
  const def = CATS[o.cat];
  let cat = o.cat;
  let score = o.score ?? def.score;
  let polarity = def.polarity;
  let conf = o.conf * sources.conf * targets.conf;
  if (o.mod.negated) {
    if (def.negated !== 'flip') return;
    cat = LEX.flip.category;
    score = LEX.flip.score;
    polarity = -1;
    conf *= 0.8;
  }
  score *= o.mod.hedge;
  conf *= 0.6 + 0.4 * o.mod.hedge;
  const claim = o.claim !== undefined ? o.claim : claimAt(c, o.trig[0]);
  for (const s of sources.ids) {
    for (const t of targets.ids) {
      if (selfStance(c.d, s, t)) continue;
      out.push({ source: s, target: t, cat, score: round(score), polarity, conf: round(Math.min(1, conf)), claim, trig: o.trig, lemma: o.lemma, kind: o.inference ? 'inference' : 'act', objLemma: o.objLemma });
    }
  }
}

/** Pairs inside one coordinated group: "Russia and Venezuela have signed an agreement". */
function emitWithin(c: Ctx, out: Cand[], group: Arg, o: EmitOpts): void {
  const ids = group.ids;
  for (let x = 0; x < ids.length; x++) for (let y = 0; y < ids.length; y++) {
    if (x === y) continue;
    emit(c, out, { ids: [ids[x]], conf: group.conf }, { ids: [ids[y]], conf: 1 }, { ...o, symmetric: false });
  }
}

const round = (x: number): number => Math.round(x * 100) / 100;

// ---------------------------------------------------------------------------------------------
// Triggers

function matchIdiom(c: Ctx, i: number): { e: IdiomEntry; end: number } | null {
  let best: { e: IdiomEntry; end: number } | null = null;
  const t = c.toks[i];
  const candidates = IDIOMS.get(t.lemma) ?? (t.lower !== t.lemma ? IDIOMS.get(t.lower) : undefined);
  if (!candidates) return null;
  for (const e of candidates) {
    const end = matchWords(c, e.words, 0, i);
    if (end >= 0 && (!best || end > best.end)) best = { e, end };
  }
  return best;
}

/** Matches words[w..] from token k; "*" stands for one to three words of a noun phrase. Returns the last token matched, or -1. */
function matchWords(c: Ctx, words: string[], w: number, k: number): number {
  if (w === words.length) return prev(c, k);
  const t = tok(c, k);
  if (!t) return -1;
  const word = words[w];
  if (word !== '*') return t.lemma === word || t.lower === word ? matchWords(c, words, w + 1, next(c, k)) : -1;
  let j = k;
  for (let n = 1; n <= 3; n++) {
    const tj = tok(c, j);
    if (!tj || !(npish(c, tj) || tj.pos === 'ADV') || tj.unit >= 0 && !c.units[tj.unit].pronoun) return -1;
    const end = matchWords(c, words, w + 1, next(c, j));
    if (end >= 0) return end;
    j = next(c, j);
  }
  return -1;
}

/** The actors of the phrase starting at k, with its coordination, attachments and descriptions. */
function phraseArg(c: Ctx, k: number, exclude: Set<string>, allowMod: boolean): Arg | null {
  const tk = tok(c, k);
  if (!tk || !npish(c, tk)) return null;
  const sp = npSpan(c, k);
  const group = groupRight(c, sp);
  const direct = groupActors(c, group, allowMod, exclude);
  if (direct) return direct;
  if (group.length > 1) return null;
  const headTok = c.toks[headOf(c, sp)];
  const pk = next(c, sp[1]);
  if ((RELATIONAL_NOUNS.has(headTok.lemma) || ROLE_NOUNS.has(headTok.lemma)) && ['in', 'of'].includes(tok(c, pk)?.lower ?? '')) {
    // "the government in Tbilisi", "the situation in Venezuela"
    const inner = phraseArg(c, next(c, pk), exclude, true);
    if (inner) return inner;
  }
  return resolveNationNoun(c, sp, exclude) ?? resolveOwner(c, sp, exclude, sp[1]);
}

/** A lexicon verb POS-tagged as something else: headlines ("G7 backs Africa debt relief plan") and after modals. */
function verbLike(c: Ctx, t: Tok): boolean {
  if (t.pos === 'VERB') return true;
  if (!VERBS.has(t.lemma)) return false;
  const p = tok(c, prev(c, t.i));
  if (p && (p.pos === 'AUX' || (p.pos === 'PART' && p.lemma === 'not') || (p.lower === 'to' && p.pos === 'PART'))) return true;
  return false;
}

function scoreSentenceTriggers(c: Ctx, out: Cand[]): void {
  const toks = c.toks;
  const handled = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.skip || handled.has(i)) continue;
    const idiom = matchIdiom(c, i);
    if (idiom) {
      for (let k = i; k <= idiom.end; k++) handled.add(k);
      idiomTrigger(c, out, i, idiom.end, idiom.e);
      continue;
    }
    if (verbLike(c, t)) {
      const e = VERBS.get(t.lemma);
      if (e) verbTrigger(c, out, i, e);
      else if (LABEL_VERBS.has(t.lemma)) labelTrigger(c, out, i);
      continue;
    }
    if (t.pos === 'NOUN' || t.pos === 'PROPN') {
      const e = NOUNS.get(t.lemma);
      if (e) nounTrigger(c, out, i, e);
      continue;
    }
    if (t.pos === 'ADJ' || t.pos === 'ADV') {
      const e = ADJS.get(t.lower);
      if (e && e.preps.includes(tok(c, next(c, i))?.lower ?? '')) adjTrigger(c, out, i, e);
    }
  }
  appositiveStance(c, out);
  hostingStance(c, out);
}

const CRAFT_NOUNS = new Set(['aircraft', 'plane', 'jet', 'helicopter', 'airplane']);
const CARRY_VERBS = new Set(['fly', 'evacuate', 'airlift', 'take', 'transport', 'carry', 'ferry', 'bring', 'spirit', 'whisk']);

/**
 * Sheltering: "X would remain its guest" / "a guest of Y" (the host supports X), and "X was flown to
 * Abuja on a Nigerian government aircraft" (the country whose aircraft carried X supports X).
 */
function hostingStance(c: Ctx, out: Cand[]): void {
  const toks = c.toks;
  const noMod = { negated: false, hedge: 1 };
  for (let k = 1; k < toks.length; k++) {
    const t = toks[k];
    if (t.pos !== 'NOUN') continue;
    if (t.lemma === 'guest') {
      let host: Arg | null = null;
      const p = toks[k - 1];
      if (p.unit >= 0) host = unitArg(c, p.unit);
      else if (POSSESSIVE_MARKS.has(p.lower) && toks[k - 2]?.unit >= 0) host = unitArg(c, toks[k - 2].unit);
      else if (toks[k + 1]?.lower === 'of' && toks[k + 2]?.unit >= 0) host = unitArg(c, toks[k + 2].unit);
      if (!host) continue;
      let be = -1;
      for (let j = k - 1; j >= Math.max(0, k - 5); j--) if (['be', 'remain', 'stay'].includes(toks[j].lemma) && (toks[j].pos === 'VERB' || toks[j].pos === 'AUX')) { be = j; break; }
      if (be < 0) continue;
      const guest = subjectOf(c, be)?.arg;
      if (guest && !guest.ids.some((id) => host!.ids.includes(id))) emit(c, out, host, guest, { cat: 'support', trig: [k, k], lemma: 'guest', mod: verbModality(c, be), conf: 0.55 });
      continue;
    }
    if (CRAFT_NOUNS.has(t.lemma)) {
      // "on a Nigerian government aircraft": an owner among the modifiers right before the noun
      let owner: Arg | null = null;
      let j = k - 1;
      for (; j >= Math.max(0, k - 4); j--) {
        const tj = toks[j];
        if (tj.lower === 'on' || tj.lower === 'aboard') break;
        if (tj.unit >= 0 && !owner) owner = unitArg(c, tj.unit);
      }
      if (!owner || j < 0 || !(toks[j].lower === 'on' || toks[j].lower === 'aboard')) continue;
      let v = -1;
      for (let i = j - 1; i >= 0 && i >= j - 12; i--) if (toks[i].pos === 'VERB' && CARRY_VERBS.has(toks[i].lemma)) { v = i; break; }
      if (v < 0 || !isPassive(c, v)) continue;
      const carried = subjectOf(c, v)?.arg;
      if (carried && carried.ids.some((id) => c.d.type(id) === 'person') && !carried.ids.some((id) => owner!.ids.includes(id))) {
        emit(c, out, owner, carried, { cat: 'support', trig: [k, k], lemma: t.lemma, mod: noMod, conf: 0.5 });
      }
    }
  }
}

/** Heads of appositions that name a side: "Iran, Hezbollah's main backer," "X, a close ally of Y,". */
const PATRON_NOUNS = new Set(['backer', 'ally', 'patron', 'sponsor', 'supporter', 'protector', 'benefactor', 'champion', 'friend', 'protégé', 'protege', 'client', 'proxy']);

/**
 * "X, Y's main backer, ..." and "X, a close ally of Y, ...": the apposition states X's side (X -> Y
 * support). The apposition must be short and closed by a comma or end the sentence.
 */
function appositiveStance(c: Ctx, out: Cand[]): void {
  const toks = c.toks;
  for (let i = 1; i + 2 < toks.length; i++) {
    if (toks[i].lower !== ',' || toks[i - 1].unit < 0) continue;
    let head = -1;
    let end = -1;
    for (let j = i + 1; j < toks.length && j <= i + 8; j++) {
      const t = toks[j];
      if (t.lower === ',' || t.lower === '.' || t.lower === ';') { end = j; break; }
      if (PATRON_NOUNS.has(t.lemma) && (t.pos === 'NOUN' || t.pos === 'PROPN')) head = j;
      if (t.pos === 'VERB' || t.pos === 'AUX') break;
    }
    if (head < 0 || end < 0) continue;
    const xu = toks[i - 1].unit;
    const x = unitArg(c, xu);
    if (!x) continue;
    const exclude = new Set(x.ids);
    let y: Arg | null = null;
    for (let j = i + 1; j < head && !y; j++) if (toks[j].unit >= 0 && toks[j].unit !== xu) y = unitArg(c, toks[j].unit);
    if (!y && toks[head + 1]?.lower === 'of') {
      for (let j = head + 2; j < end && !y; j++) if (toks[j].unit >= 0) y = unitArg(c, toks[j].unit);
    }
    if (!y || y.ids.some((id) => exclude.has(id))) continue;
    emit(c, out, x, y, { cat: 'support', score: undefined, trig: [head, head], lemma: toks[head].lemma, mod: { negated: false, hedge: 1 }, conf: 0.6 });
  }
}

function subjectOrAgent(c: Ctx, v: number): SubjectHit | null {
  const s = subjectOf(c, v);
  if (s) return s;
  // inside "X accused Y of preparing ...": the accused is the agent of the complement
  const f = frameAt(c, v);
  if (f?.agent) return { arg: f.agent, span: [f.from, f.from] };
  return null;
}

function verbTrigger(c: Ctx, out: Cand[], v: number, e: VerbEntry): void {
  const t = c.toks[v];
  const def = CATS[e.cat];
  const symmetric = def.symmetric === true;
  const passive = isPassive(c, v);
  if (e.passiveOnly && !passive) return;
  if (unasserted(c, v)) { wishTrigger(c, out, v, e, passive); return; }
  const mod = verbModality(c, v);
  const base: Omit<EmitOpts, 'conf'> = { cat: e.cat, score: e.score, trig: [v, v], lemma: t.lemma, mod, symmetric };

  // "X joined Y in recognizing Z": the joiners and the joined share the act; "join" itself says nothing more
  if (t.lemma === 'join' && !passive) {
    const obj = objectOf(c, v, { exclude: new Set() });
    const after = obj ? tok(c, next(c, obj.span[1])) : undefined;
    if (after?.lower === 'in' && tok(c, next(c, after.i))?.pos === 'VERB') return;
  }
  let sources: Arg | null = null;
  let sourceConf = 0.85;
  const p = tok(c, prev(c, v));
  if (p?.lower === 'in' && t.lower.endsWith('ing')) {
    const joined = joinerSources(c, p.i);
    if (joined) sources = joined;
  }

  if (passive) {
    const agent = byAgent(c, v);
    const subj = subjectOf(c, v);
    if (symmetric) {
      const between = prepArg(c, v, ['between', 'with'], new Set());
      if (between?.arg) {
        const both = between.prep === 'between' ? between.arg : mergeArgs([agent?.arg ?? null, subj?.arg ?? null, between.arg]);
        if (both && both.ids.length >= 2) emitWithin(c, out, both, { ...base, conf: 0.8 });
        else if (subj && agent) emit(c, out, agent.arg, subj.arg, { ...base, conf: 0.8 });
        return;
      }
      if (agent && subj) emit(c, out, agent.arg, subj.arg, { ...base, conf: 0.8 });
      // "a truce agreed last month by the army and the RSF"
      else if (agent && agent.arg.ids.length >= 2) emitWithin(c, out, agent.arg, { ...base, conf: 0.75 });
      return;
    }
    let agentArg = agent?.arg ?? null;
    if (!agentArg && REPORTING_ACTS.has(e.cat)) {
      // "Kosovo was urged by the US to ..., while Serbia was criticised for ...": the same agent
      agentArg = earlierByAgent(c, v);
    }
    if (!agentArg || !subj) return;
    if (mod.negated && agent && NOT_TO_BE.has(e.cat)) {
      // "said it would not be lectured by Washington": the subject rejects the agent
      emit(c, out, subj.arg, agent.arg, { ...base, cat: 'reject', score: undefined, mod: { ...mod, negated: false }, conf: 0.6 });
      return;
    }
    if (e.personObject && !subj.arg.ids.some((id) => c.d.type(id) === 'person')) return;
    emit(c, out, agentArg, subj.arg, { ...base, conf: agent ? 0.8 : 0.6 });
    return;
  }

  if (!sources) {
    const s = subjectOrAgent(c, v);
    if (!s) return;
    sources = s.arg;
    recordSubject(c, s.arg, s.span[0]);
  } else sourceConf = 0.8;
  const exclude = new Set(sources.ids);

  if (symmetric || e.object === false) {
    const partner = prepArg(c, v, e.preps ?? ['with'], exclude);
    if (partner?.arg) {
      if (partner.prep === 'between') emitWithin(c, out, partner.arg, { ...base, conf: sourceConf });
      else emit(c, out, sources, partner.arg, { ...base, conf: sourceConf });
      return;
    }
    if (symmetric && sources.ids.length >= 2) { emitWithin(c, out, sources, { ...base, conf: 0.75 }); return; }
    if (e.object === false) {
      if (e.concession) concession(c, out, v, sources, mod);
      if (e.cat === 'aid') {
        // "Britain pledged £110 million": the beneficiary of the latest aid
        const t = lastAidTarget(c, exclude);
        if (t) emit(c, out, sources, t, { ...base, conf: 0.5 });
      }
      return;
    }
  }

  const obj = objectOf(c, v, { that: e.that, relational: e.relationalOnly, personObject: e.personObject, exclude, allowMod: e.coercive || EVALUATIVE.has(e.cat) });
  let target: Arg | null = obj?.arg ?? null;
  if (obj) base.objLemma = c.toks[headOf(c, npSpan(c, obj.span[0]))].lemma;
  if (target && e.relationalOnly && obj && c.toks[headOf(c, npSpan(c, obj.span[0]))].unit >= 0) target = null;
  if (!target && obj && isReciprocal(c, obj.span[0])) {
    if (sources.ids.length >= 2) emitWithin(c, out, sources, { ...base, conf: 0.8 });
    return;
  }
  if (!target && obj && (e.anaphora || EVALUATIVE.has(e.cat))) {
    const sp = npSpan(c, obj.span[0]);
    target = obj.label ? resolveEvent(c, sp, exclude, true) : resolveOwner(c, sp, exclude, obj.span[1]);
  }
  if (!target && e.preps) {
    const pa = prepArg(c, v, e.preps, exclude);
    if (pa?.arg) target = pa.arg;
  }
  if (!target && obj && EVALUATIVE.has(e.cat) && (def.polarity < 0 || (mod.negated && def.negated === 'flip'))) {
    // "will not accept any arrangement that allows North Korea to rearm": against whom it would enable
    target = enabledActor(c, obj.span[1], exclude);
  }
  if (!target && obj && def.polarity < 0 && EVALUATIVE.has(e.cat)) {
    // "condemned the violence in Venezuela": an act with no known author stands for where it happened
    const head = c.toks[headOf(c, npSpan(c, obj.span[0]))];
    const cls = EVENT_NOUNS.get(head.lemma);
    if (cls === 'violence' || cls === 'repression') {
      const pa = prepArg(c, obj.span[1], ['in'], exclude, 4);
      if (pa?.arg) target = { ids: pa.arg.ids, conf: pa.arg.conf * 0.7 };
    }
    // "condemned the coup", "deplored the unconstitutional change of government": a seizure of power
    // whose author is a junta stands for the country where it happened
    const changeOfGovernment = head.lemma === 'change' && tok(c, next(c, head.i))?.lower === 'of' && ['government', 'power', 'regime'].includes(tok(c, next(c, next(c, head.i)))?.lemma ?? '');
    if (!target && (COUP_NOUNS.has(head.lemma) || changeOfGovernment)) target = coupCountry(c, exclude);
  }
  if (!target && e.coercive && obj) {
    // "designated 31 entities ..., including executives of an Iranian aerospace firm"
    target = nextActor(c, obj.span[0] - 1, exclude, 20, true);
  }
  if (!target) {
    if (symmetric && sources.ids.length >= 2) emitWithin(c, out, sources, { ...base, conf: 0.75 });
    return;
  }
  if (e.cat === 'threaten' && obj) threatInstrument(c, obj.span[1], base);
  emit(c, out, sources, target, { ...base, conf: sourceConf, claim: e.cat === 'accuse' ? sources.ids[0] : undefined });
  if (e.irrealis && obj) {
    const range: [number, number] = [obj.span[1] + 1, clauseEnd(c, obj.span[1] + 1)];
    c.unasserted.push(range);
    if (e.cat === 'demand') c.wishes.push({ from: range[0], to: range[1], sources });
  }
  if (e.that && obj?.viaThat) c.unasserted.push([obj.span[1] + 1, clauseEnd(c, obj.span[1] + 1)]);
  if (e.ofComplement && obj) {
    const k = next(c, obj.span[1]);
    if (['of', 'for'].includes(tok(c, k)?.lower ?? '')) {
      c.frames.push({ speaker: sources, verb: v, from: next(c, k), to: clauseEnd(c, next(c, k)), direct: false, lemma: 'accuse', agent: target });
    }
  }
}

/** Evaluative and hostile acts an appeal asks for: whoever appeals takes that side. */
const WISH_POSITIVE = new Set<StanceCategory>(['support', 'praise', 'recognize', 'defend', 'aid']);
const WISH_NEGATIVE = new Set<StanceCategory>(['criticize', 'reject', 'oppose', 'sanction', 'blockade', 'pressure', 'attack', 'undermine', 'threaten']);

/**
 * A trigger inside the complement of an appeal ("urged its members to back Labor", "urged the
 * government to summon the US ambassador") asserts nothing about the one urged, but shows whose side
 * the appellant is on: S supports (or opposes) the complement's target, at low confidence.
 */
function wishTrigger(c: Ctx, out: Cand[], v: number, e: VerbEntry, passive: boolean): void {
  if (passive || e.object === false || CATS[e.cat].symmetric) return;
  const w = c.wishes.find((x) => v >= x.from && v < x.to);
  if (!w) return;
  const positive = WISH_POSITIVE.has(e.cat);
  if (!positive && !WISH_NEGATIVE.has(e.cat)) return;
  const mod = verbModality(c, v);
  if (mod.negated) return;
  const exclude = new Set(w.sources.ids);
  const obj = objectOf(c, v, { personObject: e.personObject, exclude, allowMod: true });
  let target: Arg | null = obj?.arg ?? null;
  if (!target && e.preps) target = prepArg(c, v, e.preps, exclude)?.arg ?? null;
  if (!target) return;
  const cat: StanceCategory = positive ? 'support' : 'oppose';
  emit(c, out, w.sources, target, { cat, score: undefined, trig: [v, v], lemma: c.toks[v].lemma, mod: { ...mod, hedge: 1 }, conf: 0.5 });
}

const COUP_NOUNS = new Set(['coup', 'takeover', 'putsch', 'junta']);
const POWER_WORDS = new Set(['power', 'coup', 'takeover', 'putsch', 'junta', 'control', 'mutiny']);

/** The country of the story's seizure of power: "seized power in Niger", "the coup in Niger", "Niger's junta". */
function coupCountry(c: Ctx, exclude: Set<string>): Arg | null {
  for (let i = c.s.index; i >= Math.max(0, c.s.index - 6); i--) {
    const p = c.d.prepared[i];
    const toks = p.toks;
    for (let k = 0; k + 2 < toks.length; k++) {
      if (!POWER_WORDS.has(toks[k].lemma)) continue;
      const u = toks[k + 1].lower === 'in' ? toks[k + 2].unit : -1;
      const id = u >= 0 ? p.units[u].id : '';
      if (id && !exclude.has(id) && c.d.type(id) === 'country') return { ids: [id], conf: 0.6 };
    }
  }
  return null;
}

const ENABLING_VERBS = new Set(['allow', 'let', 'permit', 'enable', 'help']);

/** "any arrangement that allows Y to ...", "a deal letting Y ...": the actor the object would enable. */
function enabledActor(c: Ctx, objEnd: number, exclude: Set<string>): Arg | null {
  let k = next(c, objEnd);
  if (['that', 'which'].includes(tok(c, k)?.lower ?? '')) k = next(c, k);
  for (let steps = 0; tok(c, k) && steps < 2 && (c.toks[k].pos === 'AUX' || c.toks[k].pos === 'ADV'); steps++) k = next(c, k);
  const v = tok(c, k);
  if (!v || !ENABLING_VERBS.has(v.lemma) || !(v.pos === 'VERB' || v.lower.endsWith('ing'))) return null;
  const o = tok(c, next(c, k));
  if (!o || o.unit < 0) return null;
  const arg = unitArg(c, o.unit);
  if (!arg || arg.ids.some((id) => exclude.has(id))) return null;
  return { ids: arg.ids, conf: arg.conf * 0.7 };
}

const isReciprocal = (c: Ctx, k: number): boolean => {
  const a = c.toks[k]?.lower;
  const b = tok(c, next(c, k))?.lower;
  return (a === 'each' && b === 'other') || (a === 'one' && b === 'another');
};

/** "will not be lectured / bullied / pressured by X": refusing X's pressure rejects X. */
const NOT_TO_BE = new Set<StanceCategory>(['criticize', 'pressure', 'demand', 'threaten']);

/** Speech acts whose passive may leave the agent to an earlier clause of the sentence. */
const REPORTING_ACTS = new Set<StanceCategory>(['criticize', 'praise', 'demand', 'accuse', 'congratulate']);

function earlierByAgent(c: Ctx, v: number): Arg | null {
  for (let j = prev(c, v); j >= 0; j = prev(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'VERB' && isPassive(c, j)) {
      const a = byAgent(c, j);
      if (a) return { ids: a.arg.ids, conf: 0.7 };
    }
  }
  return null;
}

/** The beneficiary of the latest aid in the previous sentences ("pledged £110 million" after "aid for Yemen"). */
function lastAidTarget(c: Ctx, exclude: Set<string>): Arg | null {
  for (let i = c.d.events.length - 1; i >= 0; i--) {
    const e = c.d.events[i];
    if (e.sentence < c.s.index - EVENT_WINDOW_EXACT) break;
    if (e.cat !== 'aid') continue;
    const ids = e.patients.filter((id) => !exclude.has(id));
    if (ids.length) return { ids, conf: 0.7 };
  }
  return null;
}

/** "called the allegation “a fairy tale”", "calling the claim “propaganda”": labelling someone's
 * accusation or criticism rejects whoever made it. */
function labelTrigger(c: Ctx, out: Cand[], v: number): void {
  const k = next(c, v);
  const tk = tok(c, k);
  if (!tk) return;
  const definite = DEFINITE_DETS.has(tk.lower);
  const sp = npSpan(c, k);
  if (!definite && !hasActor(c, sp)) return;
  const after = tok(c, next(c, sp[1]));
  if (!after || !(isQuote(after) || npish(c, after) || after.lower === 'as')) return;
  const subj = subjectOrAgent(c, v);
  if (!subj) return;
  const exclude = new Set(subj.arg.ids);
  const named = hasActor(c, sp) ? npActors(c, sp, true, exclude) : null;
  if (named) {
    // "described Iran's plans as “reckless”", "called the US a “threat”": the label judges whoever it names
    const pol = labelPolarity(c, next(c, sp[1]));
    if (pol) emit(c, out, subj.arg, named.arg, { cat: pol > 0 ? 'praise' : 'criticize', conf: 0.55, trig: [v, v], lemma: c.toks[v].lemma, mod: verbModality(c, v) });
    return;
  }
  if (!definite) return;
  const kind = SPEECH_NOUNS.get(c.toks[headOf(c, sp)].lemma);
  const mod = verbModality(c, v);
  if (kind === 'accusation' || kind === 'criticism' || kind === 'speech') {
    const owner = resolveSpeechNoun(c, sp, exclude, sp[1]);
    if (owner) emit(c, out, subj.arg, owner, { cat: 'reject', conf: 0.6, trig: [v, v], lemma: c.toks[v].lemma, mod });
    return;
  }
  // "called the arrests “a betrayal of ...”": the label's polarity towards whoever made the arrests
  const polarity = labelPolarity(c, next(c, sp[1]));
  if (!polarity) return;
  const owner = resolveEvent(c, sp, exclude);
  if (owner) emit(c, out, subj.arg, owner, { cat: polarity > 0 ? 'praise' : 'criticize', conf: 0.55, trig: [v, v], lemma: c.toks[v].lemma, mod });
}

/** The polarity of a label ("a betrayal", "a breakthrough") from its first few words. */
function labelPolarity(c: Ctx, from: number): -1 | 0 | 1 {
  let k = from;
  for (let steps = 0; k < c.toks.length && steps < 6; steps++, k = next(c, k)) {
    const t = c.toks[k];
    if (NEGATIVE_LABELS.has(t.lemma) || NEGATIVE_LABELS.has(t.lower)) return -1;
    if (POSITIVE_LABELS.has(t.lemma) || POSITIVE_LABELS.has(t.lower)) return 1;
    if (t.text === ',' || t.text === '.' || (t.pos === 'VERB' && steps > 0)) break;
  }
  return 0;
}

/** "threatened Russia with new sanctions": the instrument sets the score (-5.8 for sanctions). */
function threatInstrument(c: Ctx, objEnd: number, base: Omit<EmitOpts, 'conf'>): void {
  const k = next(c, objEnd);
  if (tok(c, k)?.lower !== 'with') return;
  const j = next(c, k);
  if (!tok(c, j) || !npish(c, c.toks[j])) return;
  const head = c.toks[headOf(c, npSpan(c, j))];
  const e = NOUNS.get(head.lemma);
  if (!e) return;
  base.score = e.cat === 'sanction' || e.cat === 'blockade' ? -5.8 : e.cat === 'attack' ? -7.0 : base.score;
  base.objLemma = head.lemma;
  c.mem.nounSources.set(head.lemma, []); // filled by recordNounSources after emission
}

/** The sources of "... joined the US and Canada in recognizing": the joiners and the joined. */
function joinerSources(c: Ctx, inIdx: number): Arg | null {
  let j = prev(c, inIdx);
  for (let steps = 0; j >= 0 && steps < 14; steps++, j = prev(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'VERB' && t.lemma === 'join') {
      const subj = subjectOf(c, j);
      const obj = objectOf(c, j, { exclude: new Set() });
      return mergeArgs([subj?.arg ?? null, obj?.arg ?? null]);
    }
    if (t.pos === 'VERB' || t.pos === 'SCONJ') return null;
  }
  return null;
}

/** "S said the US had agreed to release the four": a state conceding to the speaker's state. */
function concession(c: Ctx, out: Cand[], v: number, sources: Arg, mod: Modality): void {
  if (tok(c, next(c, v))?.lower !== 'to') return;
  const f = frameAt(c, v);
  if (!f?.speaker) return;
  const speaker = f.speaker.ids[0];
  const spCountry = c.d.country(speaker) ?? (c.d.type(speaker) === 'country' ? speaker : undefined);
  if (!spCountry) return;
  const src = sources.ids.filter((id) => {
    const co = c.d.type(id) === 'country' ? id : c.d.country(id);
    return !!co && co !== spCountry;
  });
  if (!src.length) return;
  emit(c, out, { ids: src, conf: sources.conf }, { ids: [speaker], conf: f.speaker.conf }, {
    cat: 'agree', score: 5.0, conf: 0.5, trig: [v, v], lemma: 'agree', mod, symmetric: false,
  });
}

function nounTrigger(c: Ctx, out: Cand[], k: number, e: NounEntry): void {
  const t = c.toks[k];
  const span = npSpan(c, k);
  // the trigger must head its phrase ("sanctions list" is fine as a modifier only for coercive nouns)
  if (headOf(c, span) !== k && !e.coercive) return;
  if (isQuotedLabel(c, k)) return;
  const def = CATS[e.cat];
  const symmetric = e.symmetric === true || def.symmetric === true;
  let negated = c.toks.slice(span[0], k).some((x) => x.lower === 'no') || tok(c, prev(c, span[0]))?.lower === 'without' || inDenial(c, k);
  let hedge = 1;
  const base: Omit<EmitOpts, 'conf' | 'mod'> = { cat: e.cat, score: e.score, trig: [k, k], lemma: t.lemma, symmetric };

  // source: possessor or modifier in the phrase ("Washington's blockade", "US sanctions", "its support")
  let source: Arg | null = null;
  let conf = 0.75;
  const inner = npActors(c, [span[0], k - 1 >= span[0] ? k - 1 : span[0]], true);
  if (inner && k > span[0]) source = inner.arg;
  if (!source) {
    const by = prepArg(c, k, ['by', 'from'], new Set(), 3);
    if (by?.arg) source = by.arg;
  }
  const ownSource = source !== null;
  const governor = governingVerb(c, span[0]);
  if (governor >= 0 && DIMINISHING_VERBS.has(c.toks[governor].lemma) && def.polarity > 0 && !unasserted(c, governor)) {
    // "scale back its cooperation with the IAEA", "cut aid to": reducing relations (CAMEO 16, -4)
    base.cat = 'oppose';
    base.score = -4;
    // "threatened to scale back": the governing verb's hedges apply
    hedge *= verbModality(c, governor).hedge;
  }
  let lightVerb = -1;
  if (!source && governor >= 0) {
    // object of a light verb ("increased support for Africa", "impose sanctions on"): its subject
    const g = c.toks[governor];
    const ruleOut = g.lemma === 'rule' && tok(c, next(c, governor))?.lower === 'out';
    if (LIGHT_VERBS.has(g.lemma) || g.lemma === 'threaten' || DIMINISHING_VERBS.has(g.lemma) || ruleOut) lightVerb = governor;
    if (lightVerb >= 0) {
      const s = isPassive(c, lightVerb) ? byAgent(c, lightVerb) : subjectOrAgent(c, lightVerb);
      if (s) { source = s.arg; conf = 0.7; }
      const m = verbModality(c, lightVerb);
      hedge = m.hedge * (HEDGES.get(g.lemma) ?? 1);
      // "did not rule out talks with the UN" keeps the talks open, hedged; "ruled out talks" cancels them
      if (ruleOut) { if (m.negated) hedge *= 0.5; else negated = true; } else if (m.negated) negated = true;
      if (unasserted(c, lightVerb)) return;
    }
  }

  if (!source) {
    const f = frameAt(c, k);
    if (f?.agent) { source = f.agent; conf = 0.65; }
  }
  if (!source && c.toks[span[0]].lower === 'the') {
    // "the new sanctions against Moscow would be announced": whose sanctions two sentences ago
    const mem = c.d.memory;
    for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 2 && !source; back--, seen++) {
      const ids = mem[back].nounSources.get(t.lemma);
      if (ids?.length) { source = { ids, conf: 0.8 }; conf = 0.6; }
    }
  }
  if (!source) {
    // "pledged $1.9 billion in humanitarian aid for Yemen" by unnamed donors: remember the beneficiary
    if (e.cat === 'aid') {
      const pa = prepArg(c, span[1], e.preps, new Set(), 6);
      if (pa?.arg) c.d.events.push({ sentence: c.s.index, cat: 'aid', lemmas: [t.lemma], agents: [], patients: pa.arg.ids, pair: false, hedged: false });
    }
    return;
  }
  if (negated && CATS[base.cat].negated !== 'flip') return;
  const exclude = new Set(source.ids);
  const mod: Modality = { negated, hedge: hedge * (c.question ? 0.6 : 1) };

  let target: Arg | null = null;
  const pa = prepArg(c, span[1], e.preps, exclude, 6);
  if (pa?.prep === 'between' && pa.arg) { emitWithin(c, out, pa.arg, { ...base, conf, mod }); return; }
  if (pa) {
    target = pa.arg;
    if (!target && e.coercive) target = groupActors(c, groupRight(c, pa.span), true, exclude) ?? madeIn(c, pa.span, exclude);
    if (!target && EVALUATIVE.has(e.cat)) target = resolveOwner(c, pa.span, exclude, pa.span[1]);
  } else if (symmetric && e.preps.includes('between')) {
    const tb = prepArg(c, span[1], ['between'], new Set(), 6);
    if (tb?.arg && tb.arg.ids.length >= 2) { emitWithin(c, out, tb.arg, { ...base, conf, mod }); return; }
  }
  if (!pa && e.needsPrep) return;
  if (!target && e.coercive) {
    // "US sanctions, deteriorating Venezuela's economic problems": the next actor that is not a place adverbial;
    // "adds 15 Iranian officials to the bloc's sanctions list": else the one before
    target = nextActor(c, span[1], exclude, 10, true) ?? prevActor(c, span[0], exclude, 10);
    conf = 0.5;
  }
  if (!target && e.cat === 'aid' && lightVerb >= 0) {
    // "Saudi Arabia made the largest single pledge": to the beneficiary of the latest aid
    target = lastAidTarget(c, exclude);
    conf = 0.5;
  }
  if (!target && (e.cat === 'attack' || e.cat === 'undermine')) {
    // "in what it called an unprovoked Thai attack": the speaker's side is the victim
    const sp = frameAt(c, k)?.speaker;
    const victim = sp?.ids.map((id) => (c.d.type(id) === 'country' ? id : c.d.country(id))).find((x): x is string => !!x && !source!.ids.some((sid) => sameSide(c.d, sid, x)));
    // only when the speaker's own losses are in the sentence ("one of its soldiers was killed in ...")
    const ownSide = victim && c.units.some((u, ui) => u.a < k && !sp!.ids.includes(u.id) && (unitArg(c, ui)?.ids ?? []).some((id) => id === victim || sp!.ids.includes(id)));
    if (victim && ownSide) { target = { ids: [victim], conf: 0.6 }; conf = 0.45; }
  }
  if (!target) {
    if (symmetric && source.ids.length >= 2 && lightVerb < 0) { emitWithin(c, out, source, { ...base, conf: 0.65, mod }); return; }
    // "Tbilisi's crackdown on opposition protesters": an act with no actor as target still has an owner
    if (!mod.negated && ownSource) c.d.events.push({ sentence: c.s.index, cat: base.cat, lemmas: [t.lemma], agents: source.ids, patients: [], pair: false, hedged: mod.hedge < 0.75 });
    return;
  }
  emit(c, out, source, target, { ...base, conf, mod });
}

/** The verb whose object the noun phrase starting at a is ("imposed new sanctions", "scale back its cooperation"). */
function governingVerb(c: Ctx, a: number): number {
  let j = prev(c, a);
  if (tok(c, j)?.lower === 'with') j = prev(c, j); // "threatened Russia with new sanctions"
  for (let steps = 0; j >= 0 && steps < 5; steps++, j = prev(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'VERB') return j;
    if (isQuote(t)) continue; // 'imposed "unjustified" sanitary restrictions'
    if (t.pos === 'ADP') {
      if (['back', 'off', 'up', 'down', 'out'].includes(t.lower)) continue; // "scale back", "rule out"
      return -1;
    }
    if (!(t.pos === 'ADV' || t.pos === 'PART' || npish(c, t))) return -1;
  }
  return -1;
}

/** A label in quotes after "as" or "called": "dismissed the talks as “a Western pressure campaign”". */
function isQuotedLabel(c: Ctx, k: number): boolean {
  if (!c.toks[k].q) return false;
  let j = k;
  while (j > 0 && !DOUBLE_QUOTES.has(c.toks[j].text)) j--;
  const before = tok(c, prev(c, j));
  if (!before) return false;
  if (before.lower === 'as') return true;
  for (let m = prev(c, j), steps = 0; m >= 0 && steps < 6; m = prev(c, m), steps++) {
    const t = c.toks[m];
    if (t.pos === 'VERB') return LABEL_VERBS.has(t.lemma);
  }
  return false;
}

/** "duties on heat pumps made in China": the producer of the targeted goods. */
function madeIn(c: Ctx, span: [number, number], exclude: Set<string>): Arg | null {
  const v = next(c, span[1]);
  const p = next(c, v);
  if (!['make', 'produce', 'manufacture', 'import', 'build'].includes(tok(c, v)?.lemma ?? '') || !['in', 'by', 'from'].includes(tok(c, p)?.lower ?? '')) return null;
  const k = next(c, p);
  const tk = tok(c, k);
  if (!tk || tk.unit < 0) return null;
  const r = unitArg(c, tk.unit);
  return r && r.ids.some((id) => !exclude.has(id)) ? { ids: r.ids.filter((id) => !exclude.has(id)), conf: r.conf * 0.8 } : null;
}

function prevActor(c: Ctx, j: number, exclude: Set<string>, maxSteps: number): Arg | null {
  let k = prev(c, j);
  for (let steps = 0; k >= 0 && steps < maxSteps; steps++, k = prev(c, k)) {
    const t = c.toks[k];
    if (t.text === ';' || t.text === ':' || t.pos === 'SCONJ' || RELATIVES.has(t.lower) || (t.pos === 'VERB' && REPORTING.has(t.lemma))) return null;
    if (t.unit < 0) continue;
    const r = unitArg(c, t.unit);
    const ok = (id: string): boolean => !exclude.has(id) && c.d.type(id) !== 'place';
    if (r && r.ids.some(ok)) return { ids: r.ids.filter(ok), conf: r.conf * 0.6 };
    k = c.units[t.unit].a;
  }
  return null;
}

function hasPrepAfter(c: Ctx, j: number, preps: string[]): boolean {
  let k = next(c, j);
  while (isQuote(tok(c, k))) k = next(c, k);
  const t = tok(c, k);
  return !!t && t.pos === 'ADP' && preps.includes(t.lower);
}

function nextActor(c: Ctx, j: number, exclude: Set<string>, maxSteps: number, skipPlaces = false): Arg | null {
  let k = next(c, j);
  for (let steps = 0; k < c.toks.length && steps < maxSteps; steps++, k = next(c, k)) {
    const t = c.toks[k];
    if (t.text === ';' || t.text === ':' || t.pos === 'SCONJ' || RELATIVES.has(t.lower) || (CLAUSE_OPENERS.has(t.lower) && t.pos !== 'DET')) return null;
    if (t.unit < 0) continue;
    const unit = c.units[t.unit];
    const p = tok(c, prev(c, unit.a));
    if (p && LOCATIVE_PREPS.has(p.lower)) { k = unit.b; continue; }
    const r = unitArg(c, t.unit);
    const ok = (id: string): boolean => !exclude.has(id) && !(skipPlaces && c.d.type(id) === 'place');
    if (r && r.ids.some(ok)) return { ids: r.ids.filter(ok), conf: r.conf * 0.6 };
    k = unit.b;
  }
  return null;
}

function adjTrigger(c: Ctx, out: Cand[], k: number, e: AdjEntry): void {
  const s = subjectOf(c, k);
  if (!s) return;
  const exclude = new Set(s.arg.ids);
  const pa = prepArg(c, k, e.preps, exclude, 2);
  if (!pa?.arg) return;
  const mod = verbModality(c, k);
  const before = tok(c, prev(c, s.span[0]));
  if (before && before.pos === 'VERB' && before.i < s.span[0]) {
    const m = verbModality(c, before.i);
    mod.negated ||= m.negated;
    mod.hedge *= m.hedge;
  }
  const symmetric = CATS[e.cat].symmetric === true;
  emit(c, out, s.arg, pa.arg, { cat: e.cat, conf: 0.75, trig: [k, k], lemma: c.toks[k].lower, mod, symmetric });
}

function idiomTrigger(c: Ctx, out: Cand[], i: number, end: number, e: IdiomEntry): void {
  if (e.blame || unasserted(c, i)) return;
  const mod = verbModality(c, i);
  const base = { cat: e.cat, score: e.score, trig: [i, end] as [number, number], lemma: e.pattern, mod };
  if (e.reversed) {
    // "His words met a cool reception from Jacques Chirac", "drawing a sharp rebuke from China": from-phrase -> subject
    const subj = subjectOf(c, i);
    if (!subj) return;
    const from = phraseArg(c, next(c, end), new Set(subj.arg.ids), false);
    if (from) emit(c, out, from, subj.arg, { ...base, conf: 0.8 });
    return;
  }
  const subj = subjectOrAgent(c, i);
  if (!subj) return;
  recordSubject(c, subj.arg, subj.span[0]);
  if (e.reciprocal) {
    // "Hanoi and Manila had turned a page", "Republicans and Democrats traded blame"
    if (subj.arg.ids.length >= 2) emitWithin(c, out, subj.arg, { ...base, conf: 0.8 });
    return;
  }
  const exclude = new Set(subj.arg.ids);
  const k = next(c, end);
  const target = phraseArg(c, k, exclude, e.possessorTarget === true || EVALUATIVE.has(e.cat));
  if (!target) return;
  if (e.inherit) {
    // "thanked donors, singling out Germany": the category of the verb it hangs on, else criticism
    let cat: StanceCategory = 'criticize';
    for (let j = prev(c, i); j >= 0; j = prev(c, j)) {
      const v = c.toks[j].pos === 'VERB' ? VERBS.get(c.toks[j].lemma) : undefined;
      if (v) { cat = v.cat; break; }
    }
    emit(c, out, subj.arg, target, { ...base, cat, score: undefined, conf: 0.7 });
    return;
  }
  emit(c, out, subj.arg, target, { ...base, conf: 0.85 });
  if (e.irrealis && tok(c, k)) {
    const sp = npSpan(c, k);
    const range: [number, number] = [sp[1] + 1, clauseEnd(c, sp[1] + 1)];
    c.unasserted.push(range);
    if (e.cat === 'demand') c.wishes.push({ from: range[0], to: range[1], sources: subj.arg });
  }
}

/** "..., as has Turkey": the elided clause repeats the previous stance with a new source. */
function ellipsis(c: Ctx, out: Cand[]): void {
  const toks = c.toks;
  for (let i = 1; i + 2 < toks.length; i++) {
    if (!isComma(toks[i - 1])) continue;
    let k: number;
    if (toks[i].lower === 'as' && (toks[i + 1].pos === 'AUX' || toks[i + 1].pos === 'VERB') && ['have', 'do', 'be'].includes(toks[i + 1].lemma)) k = i + 2;
    else if (toks[i].lower === 'followed' && toks[i + 1].lower === 'by') k = i + 2; // "Saudi Arabia made the largest pledge, followed by the EU"
    else continue;
    if (!npish(c, toks[k])) continue;
    const sp = npSpan(c, k);
    const extra = groupActors(c, groupRight(c, sp), false);
    if (!extra) continue;
    const earlier = out.filter((cd) => cd.trig[0] < i);
    const seen = new Set<string>();
    for (const cd of earlier) {
      const key = `${cd.target}|${cd.cat}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const id of extra.ids) {
        if (selfStance(c.d, id, cd.target)) continue;
        out.push({ ...cd, source: id, conf: round(cd.conf * 0.9) });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Speaker inferences inside reported speech

function speakerInferences(c: Ctx, out: Cand[]): void {
  for (const f of c.frames) {
    if (!f.speaker || f.unasserted) continue;
    const S = f.speaker;
    const critic = (agent: Arg | null, k: number, cat: StanceCategory, conf: number, score?: number): void => {
      if (!agent) return;
      const ids = agent.ids.filter((id) => !S.ids.some((s) => sameSide(c.d, s, id)));
      if (!ids.length) return;
      emit(c, out, S, { ids, conf: agent.conf }, {
        cat, score, conf, trig: [k, k], lemma: c.toks[k].lemma, mod: { negated: false, hedge: c.question ? 0.6 : 1 }, claim: S.ids[0], inference: true,
      });
    };
    for (let k = f.from; k < f.to; k++) {
      const t = c.toks[k];
      if (t.skip) continue;
      // "Y should / must / needs to / has to act": a demand of Y
      if ((t.pos === 'AUX' || t.pos === 'VERB') && (['should', 'must', 'ought'].includes(t.lower) || ((t.lemma === 'need' || t.lemma === 'have') && tok(c, next(c, k))?.lower === 'to'))) {
        const verb = findMainVerb(c, k);
        if (verb < 0 || c.toks[verb].lemma === 'be' || isPassive(c, verb)) continue;
        if (c.toks.slice(k, verb).some(isNeg) && t.lemma !== 'need') continue;
        const s = subjectOf(c, k);
        critic(s?.arg ?? null, k, 'demand', 0.6, -3.0);
        continue;
      }
      if (t.pos !== 'VERB' && t.pos !== 'ADJ') continue;
      const idiom = t.pos === 'VERB' ? matchIdiom(c, k) : null;
      if (idiom?.e.blame) {
        // "they moved the goalposts", "had broken a bipartisan deal"
        critic(subjectOf(c, k)?.arg ?? null, k, 'criticize', 0.5);
        continue;
      }
      if (t.pos === 'VERB' && BLAME.has(t.lemma) && !isPassive(c, k)) {
        const s = subjectOf(c, k);
        critic(s?.arg ?? null, k, 'criticize', 0.5);
        continue;
      }
      if (t.pos === 'VERB' && OBLIGATION.has(t.lemma) && verbModality(c, k).negated) {
        // "the money pledged by the US had not yet been dispensed"
        const s = isPassive(c, k) ? (byAgent(c, k) ?? embeddedAgent(c, k)) : subjectOf(c, k);
        critic(s?.arg ?? null, k, 'criticize', 0.5);
        continue;
      }
      if (NEG_ADJ.has(t.lower) && (t.pos === 'ADJ' || tok(c, prev(c, k))?.lemma === 'be' || tok(c, prev(c, prev(c, k)))?.lemma === 'be')) {
        // "The government is clearly split", "how juvenile the prime minister and chancellor were"
        let s = subjectOf(c, k)?.arg ?? null;
        if (!s) {
          const n = next(c, k);
          const tn = tok(c, isQuote(tok(c, n)) ? next(c, n) : n);
          if (tn && npish(c, tn)) s = groupActors(c, groupRight(c, npSpan(c, tn.i)), false);
        }
        // "the tariffs were “discriminatory”": whoever imposed them
        const sp = s ? null : predicateSubjectSpan(c, k);
        if (sp) s = resolveEvent(c, sp, new Set(S.ids));
        if (!s && sp) {
          // "the US characterisation of the vote was “simply wrong”": whoever owns what is judged
          let np = sp;
          const of = prev(c, sp[0]);
          if (tok(c, of)?.lower === 'of' && tok(c, prev(c, of)) && npish(c, c.toks[prev(c, of)])) np = npSpan(c, prev(c, of));
          const owner = npActors(c, np, true, new Set(S.ids));
          if (owner && owner.role !== 'head') s = owner.arg;
        }
        critic(s, k, 'criticize', 0.5);
      }
    }
    // hostile acts the speaker reports: the speaker criticises the actor
    for (const cd of [...out]) {
      if (cd.kind !== 'act' || cd.polarity !== -1 || !HOSTILE_ACTS.has(cd.cat) || cd.trig[0] < f.from || cd.trig[0] >= f.to) continue;
      if (S.ids.includes(cd.source)) continue;
      critic({ ids: [cd.source], conf: 1 }, cd.trig[0], 'criticize', 0.45);
    }
    // "The Tory leader countered that ...": a rebuttal of the previous speaker
    if (f.verb >= 0 && REBUTTAL.has(c.toks[f.verb].lemma)) {
      const mem = c.d.memory;
      for (let back = mem.length - 1, seen = 0; back >= 0 && seen < 3; back--, seen++) {
        const sp = [...mem[back].speakers].reverse().find((ids) => !ids.some((id) => S.ids.includes(id)));
        if (sp) { critic({ ids: sp, conf: 0.8 }, f.verb, 'reject', 0.55); break; }
      }
    }
  }
}

/** The noun phrase a predicate adjective is said of ("the tariffs were “discriminatory”"). */
function predicateSubjectSpan(c: Ctx, k: number): [number, number] | null {
  let j = prev(c, k);
  while (j >= 0 && (isQuote(c.toks[j]) || c.toks[j].pos === 'ADV' || isNeg(c.toks[j]))) j = prev(c, j);
  if (tok(c, j)?.lemma !== 'be') return null;
  j = prev(c, j);
  while (j >= 0 && (c.toks[j].pos === 'AUX' || c.toks[j].pos === 'ADV')) j = prev(c, j);
  const t = tok(c, j);
  return t && npish(c, t) && isNounLike(t) ? npSpan(c, j) : null;
}

function findMainVerb(c: Ctx, k: number): number {
  let j = next(c, k);
  for (let steps = 0; j < c.toks.length && steps < 5; steps++, j = next(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'VERB') return j;
    if (t.pos === 'AUX' && t.lemma === 'be' && !(tok(c, next(c, j))?.pos === 'VERB' || tok(c, next(c, j))?.pos === 'AUX')) return j;
    if (!(t.pos === 'AUX' || t.pos === 'ADV' || t.pos === 'PART' || isNeg(t))) return -1;
  }
  return -1;
}

/** "the money pledged by the US ... had not been dispensed": the agent inside the subject phrase. */
function embeddedAgent(c: Ctx, v: number): SubjectHit | null {
  for (let j = prev(c, v); j >= 0; j = prev(c, j)) {
    const t = c.toks[j];
    if (t.pos === 'VERB' && isPassive(c, j)) return byAgent(c, j);
    if (t.pos === 'SCONJ' || t.text === ':' || REPORTING.has(t.lemma)) return null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Bookkeeping between sentences

function recordSubject(c: Ctx, arg: Arg, tokIdx: number): void {
  if (!c.mem.subjects.some((s) => s.tok === tokIdx)) c.mem.subjects.push({ ids: arg.ids, tok: tokIdx });
}

/** Remembers this sentence's acts for "the pact", "the measures", "the move" later on: every stance
 * trigger, every verb with a subject and an object ("approved the deployment"), and every passive
 * with an agent ("the resolution, drafted by Britain and Denmark"). */
function recordEvents(c: Ctx, kept: Cand[]): void {
  const groups = new Map<number, Cand[]>();
  for (const cd of kept) if (cd.kind === 'act') groups.set(cd.trig[0], [...(groups.get(cd.trig[0]) ?? []), cd]);
  const uniq = (xs: string[]): string[] => [...new Set(xs)];
  for (const list of groups.values()) {
    const pair = list.some((a) => list.some((b) => a.source === b.target && a.target === b.source));
    const lemmas = uniq([list[0].lemma, ...list.map((x) => x.objLemma ?? '').filter(Boolean)]);
    const full = Math.abs(CATS[list[0].cat].score);
    const hedged = list.every((x) => Math.abs(x.score) < full * 0.75);
    c.d.events.push({ sentence: c.s.index, cat: list[0].cat, lemmas, agents: uniq(list.map((x) => x.source)), patients: uniq(list.map((x) => x.target)), pair, hedged });
  }
  for (const t of c.toks) {
    if (t.skip || t.pos !== 'VERB' || groups.has(t.i) || !OWNER_VERBS.has(t.lemma)) continue;
    if (isPassive(c, t.i)) {
      const by = byAgent(c, t.i);
      if (!by) continue;
      let j = prev(c, t.i);
      while (j >= 0 && (c.toks[j].pos === 'AUX' || c.toks[j].pos === 'ADV' || isComma(c.toks[j]))) j = prev(c, j);
      if (j < 0 || !npish(c, c.toks[j])) continue;
      const head = c.toks[headOf(c, npSpan(c, j))];
      c.d.events.push({ sentence: c.s.index, cat: null, lemmas: [t.lemma, head.lemma], agents: by.arg.ids, patients: [], pair: false, hedged: false });
      continue;
    }
    const subj = subjectOf(c, t.i, 0, true);
    if (!subj) continue;
    const obj = objectOf(c, t.i, { exclude: new Set(subj.arg.ids) });
    const lemmas = [t.lemma];
    if (obj) lemmas.push(c.toks[headOf(c, npSpan(c, obj.span[0]))].lemma);
    c.d.events.push({ sentence: c.s.index, cat: null, lemmas, agents: subj.arg.ids, patients: obj?.arg?.ids ?? [], pair: false, hedged: verbModality(c, t.i).hedge < 0.75 });
  }
}

function finishMemory(c: Ctx, cands: Cand[]): void {
  const m = c.mem;
  recordEvents(c, cands);
  const first = c.toks.findIndex((t) => npish(c, t) && t.pos !== 'ADJ');
  if (first >= 0 && first < 3) {
    const sp = npSpan(c, first);
    const head = c.toks[headOf(c, sp)];
    if (!unitsIn(c, sp).length && EVENT_NOUNS.has(head.lemma)) m.thingSubject = head.lemma;
  }
  for (const t of c.toks) {
    if (t.skip || t.pos !== 'VERB' || m.subjects.some((x) => x.tok >= t.i - 3 && x.tok < t.i)) continue;
    const s = c.subjCache.has(t.i) ? c.subjCache.get(t.i) : subjectOf(c, t.i, 0, true);
    if (s) recordSubject(c, s.arg, s.span[0]);
  }
  for (const t of c.toks) {
    if (t.unit >= 0 && c.units[t.unit].b === t.i) {
      const unit = c.units[t.unit];
      // "despite Mr. Marinov's calls": a possessor is rarely what a later "him" refers to
      if (POSSESSIVE_MARKS.has(c.toks[t.i + 1]?.text ?? '')) continue;
      const ids = unit.id ? [unit.id] : (c.pron.get(t.unit)?.ids ?? []);
      for (const id of ids) m.mentions.push({ id, tok: t.i });
    }
  }
  for (const f of c.frames) if (f.speaker) { m.speakers.push(f.speaker.ids); m.lastSpeaker = f.speaker; }
  for (const f of c.frames) if (f.speaker && !m.subjects.some((s) => s.tok === f.verb)) m.subjects.push({ ids: f.speaker.ids, tok: f.verb });
  m.subjects.sort((a, b) => a.tok - b.tok);
  m.cands = cands;
  for (const cd of cands) {
    if (cd.kind !== 'act') continue;
    const lemmas = [cd.lemma, ...[...m.nounSources.keys()]];
    for (const l of lemmas) {
      const cur = m.nounSources.get(l) ?? [];
      if (!cur.includes(cd.source) && (l === cd.lemma || cur.length === 0)) m.nounSources.set(l, [...cur, cd.source]);
    }
  }
  m.hasQuote = c.toks.some((t) => DOUBLE_QUOTES.has(t.text));
  const last = c.toks.at(-1);
  m.endsOpen = !!last && last.q && !DOUBLE_QUOTES.has(last.text) || (c.toks.length > 1 && c.toks.at(-2)!.q && !DOUBLE_QUOTES.has(c.toks.at(-2)!.text) && !DOUBLE_QUOTES.has(last?.text ?? ''));
}

/** One stance per (sentence, source, target): the most confident reading wins; a person and their
 * own country as two targets of the same act count once. */
function dedupe(c: Ctx, cands: Cand[]): Cand[] {
  const best = new Map<string, Cand>();
  for (const cd of cands) {
    const key = `${cd.source}>${cd.target}`;
    const cur = best.get(key);
    if (!cur || cd.conf > cur.conf || (cd.conf === cur.conf && Math.abs(cd.score) > Math.abs(cur.score))) best.set(key, cd);
  }
  const list = [...best.values()];
  // "Venezuela ... resist Washington" and "Maduro criticises Washington" in one sentence are one stance
  // once the person stands for the country: keep the more confident of the two
  const rollsUp = (p: string, co: string): boolean => c.d.country(p) === co;
  const same = (x: string, y: string): boolean => x === y || rollsUp(x, y) || rollsUp(y, x);
  const beats = (o: Cand, cd: Cand): boolean => o.conf > cd.conf || (o.conf === cd.conf && list.indexOf(o) < list.indexOf(cd));
  return list.filter((cd) => !list.some((o) => o !== cd && o.polarity === cd.polarity && same(o.source, cd.source)
    && same(o.target, cd.target) && beats(o, cd)));
}

// ---------------------------------------------------------------------------------------------
// Entry point

/** Scores the stances of one article: one Stance per (sentence, source, target) the text expresses. */
export function scoreStances(analysis: ActorAnalysis, skips = new SkipLog()): Stance[] {
  const bySentence = new Map<number, ResolvedMention[]>();
  for (const m of analysis.mentions) {
    const list = bySentence.get(m.sentence);
    if (list) list.push(m); else bySentence.set(m.sentence, [m]);
  }
  const tokens = tokenizeArticle(analysis.sentences);
  const prepared = analysis.sentences.map((s, i) => prepare(s, tokens[i], bySentence.get(s.index) ?? []));
  const d = new Discourse(analysis, prepared);
  const stances: Stance[] = [];
  for (const p of prepared) {
    const found = skips.sentence('stances', p.s.index, () => scoreSentence(p, d, bySentence.get(p.s.index) ?? []), null);
    // A skipped sentence still takes its place in the discourse memory, empty, so that "the previous
    // sentence" keeps meaning the previous sentence.
    d.memory.push(found?.memory ?? emptyMemory());
    if (found) stances.push(...found.stances);
  }
  return stances;
}

function emptyMemory(): SentenceMemory {
  return { speakers: [], subjects: [], mentions: [], cands: [], nounSources: new Map(), lastSpeaker: null, hasQuote: false, endsOpen: false };
}

/** The stances of one sentence, and what later sentences need to remember of it. */
function scoreSentence(p: Prepared, d: Discourse, mentions: readonly ResolvedMention[]): { stances: Stance[]; memory: SentenceMemory } {
  const stances: Stance[] = [];
  {
    const c: Ctx = {
      s: p.s, toks: p.toks, units: p.units, frames: [], d, unasserted: [], wishes: [], pron: new Map(), settled: false, npCache: new Map(), subjCache: new Map(),
      mem: emptyMemory(),
      question: p.s.text.trimEnd().replace(/["”’']+$/, '').endsWith('?'),
    };
    for (const m of mentions) {
      if (GOVERNMENT_NOUNS.has(m.text.toLowerCase().split(/\s+/).at(-1) ?? '') && d.type(m.actorId) === 'country') d.lastGovernment = m.actorId;
    }
    findFrames(c);
    inheritFrame(c);
    c.settled = true;
    const cands: Cand[] = [];
    scoreSentenceTriggers(c, cands);
    ellipsis(c, cands);
    speakerInferences(c, cands);
    const kept = dedupe(c, cands);
    finishMemory(c, kept);
    for (const cd of kept) {
      const a = c.toks[cd.trig[0]];
      const b = c.toks[cd.trig[1]];
      stances.push({
        sentence: p.s.index, text: p.s.text, source: cd.source, target: cd.target, polarity: cd.polarity,
        score: cd.score, category: cd.cat, claim: cd.claim, confidence: cd.conf,
        trigger: { start: p.s.start + a.start, end: p.s.start + b.end },
      });
    }
    return { stances, memory: c.mem };
  }
}
