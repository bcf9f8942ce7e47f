// The stance engine's data, validated once when the module loads: the lexicon of triggers
// (data/stance-lexicon.json, documented in data/STANCES.md), the closed word classes and
// construction cues (data/stance-grammar.json) and the confidence of each construction
// (data/stance-confidence.json). A file that does not match its schema stops the process at
// start-up with the path of what is wrong, instead of a rule silently reading undefined.

import { z } from 'zod';
import confidenceJson from '../data/stance-confidence.json' with { type: 'json' };
import grammarJson from '../data/stance-grammar.json' with { type: 'json' };
import lexiconJson from '../data/stance-lexicon.json' with { type: 'json' };
import cameoVerbsJson from '../data/cameo/verbs.json' with { type: 'json' };
import connotationJson from '../data/connotation/words.json' with { type: 'json' };

export const STANCE_CATEGORIES = [
  'agree', 'recognize', 'support', 'praise', 'aid', 'meet', 'cooperate', 'congratulate', 'defend',
  'demand', 'accuse', 'criticize', 'reject', 'threaten', 'sanction', 'blockade', 'attack', 'oppose', 'undermine', 'pressure', 'protest',
] as const;

const category = z.enum(STANCE_CATEGORIES);
const words = z.array(z.string().min(1));
const score = z.number().min(-10).max(10);

const categoryDef = z.object({
  polarity: z.union([z.literal(1), z.literal(-1)]),
  score,
  cameo: z.string(),
  symmetric: z.boolean().optional(),
  negated: z.enum(['cancel', 'flip']),
}).strict();

const verbEntry = z.object({
  cat: category, score: score.optional(), object: z.boolean().optional(), preps: words.optional(), that: z.boolean().optional(),
  irrealis: z.boolean().optional(), ofComplement: z.boolean().optional(), withInstrument: z.boolean().optional(),
  personObject: z.boolean().optional(), passiveOnly: z.boolean().optional(), anaphora: z.boolean().optional(),
  blame: z.boolean().optional(), concession: z.boolean().optional(), relationalOnly: z.boolean().optional(), coercive: z.boolean().optional(),
}).strict();

const nounEntry = z.object({
  cat: category, preps: words, coercive: z.boolean().optional(), symmetric: z.boolean().optional(),
  needsPrep: z.boolean().optional(), score: score.optional(),
}).strict();

const adjEntry = z.object({ cat: category, preps: words }).strict();

const idiomEntry = z.object({
  pattern: z.string().regex(/^\S+( \S+)*$/, 'words separated by single spaces'),
  cat: category, score: score.optional(), irrealis: z.boolean().optional(), reversed: z.boolean().optional(),
  possessorTarget: z.boolean().optional(), reciprocal: z.boolean().optional(), blame: z.boolean().optional(), inherit: z.boolean().optional(),
}).strict();

const lexiconSchema = z.object({
  about: z.string(),
  categories: z.record(category, categoryDef),
  flip: z.object({ category, score, why: z.string() }).strict(),
  verbs: z.record(z.string(), verbEntry),
  nouns: z.record(z.string(), nounEntry),
  adjectives: z.record(z.string(), adjEntry),
  idioms: z.array(idiomEntry),
  negationCues: words, negatingVerbs: words, hedges: z.record(z.string(), z.number().min(0).max(1)),
  reportingVerbs: words, rebuttalVerbs: words, blameVerbs: words, obligationVerbs: words,
  negativeAdjectives: words, modalDemands: words, controlVerbs: words, controlAdjectives: words,
  controlNouns: words, lightVerbs: words,
  speechNouns: z.record(z.string(), z.enum(['demand', 'criticism', 'accusation', 'threat', 'speech', 'any'])),
  documentNouns: words, nationNouns: words, roleNouns: words, relationalNouns: words, locativePreps: words,
  eventNouns: z.record(z.string(), z.enum(['agreement', 'measure', 'repression', 'violence', 'generic', 'proposal', 'vote', 'result'])),
  voteVerbs: words, resultVerbs: words, diminishingVerbs: words, pairNouns: words, labelVerbs: words,
  proposerVerbs: words, ownerVerbs: words, negativeLabels: words, positiveLabels: words, personNouns: words,
}).strict();

const documented = <T extends z.ZodType>(items: T) => z.object({ about: z.string().min(1), words: z.array(items).min(1) }).strict();

const grammarSchema = z.object({
  about: z.string(),
  wordClasses: z.record(z.string(), documented(z.string().min(1))),
  categoryClasses: z.record(z.string(), documented(category)),
}).strict();

const confidenceSchema = z.object({
  about: z.string(),
}).catchall(z.object({ about: z.string().optional() }).catchall(z.union([z.number().min(-10).max(10), z.string()])));

/** Parses `data` with `schema`, or throws an error naming the file and every problem in it. */
export function validated<T>(file: string, schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`shared/analysis/data/${file} is not valid: ${problems.join('; ')}`);
}

/** data/cameo/verbs.json (npm run data:cameo): PETRARCH2's CAMEO verbs with code, score, PLOVER type and category. */
const cameoVerbsSchema = z.object({
  about: z.string(),
  source: z.string(),
  categoryOfCode: z.record(z.string().regex(/^\d{2,3}$/), category),
  ploverOfCode: z.record(z.string().regex(/^\d{2,4}$/), z.string().regex(/^[A-Z]+$/)),
  verbs: z.record(z.string().regex(/^[a-z]+$/), z.object({
    code: z.string().regex(/^\d{2,4}$/), cat: category, score, plover: z.string().regex(/^[A-Z]+$/), block: z.string(),
  }).strict()),
  goldsteinOfCode: z.record(z.string().regex(/^\d{2,4}$/), score),
  // a synonym block at a time: its verbs, and each object of its patterns to a CAMEO code
  objectPatterns: z.array(z.object({
    verbs: z.array(z.string().regex(/^[a-z]+$/)).min(1),
    objects: z.record(z.string().regex(/^[a-z]+$/), z.string().regex(/^\d{2,4}$/)),
  }).strict()),
}).strict();

/** data/connotation/words.json (npm run data:connotation): wink-nlp's sentiment of judgement words, in [-1, 1]. */
const connotationSchema = z.object({
  about: z.string(),
  source: z.string(),
  minStrength: z.number().min(0).max(1),
  words: z.record(z.string().regex(/^[a-z][a-z-]*[a-z]$/), z.number().min(-1).max(1)),
}).strict();

export type StanceLexiconData = z.infer<typeof lexiconSchema>;
export const CONNOTATION_DATA = validated('connotation/words.json', connotationSchema, connotationJson);
export type CameoVerbsData = z.infer<typeof cameoVerbsSchema>;
export const CAMEO_VERBS: CameoVerbsData = validated('cameo/verbs.json', cameoVerbsSchema, cameoVerbsJson);
export type StanceGrammarData = z.infer<typeof grammarSchema>;

export const STANCE_LEXICON: StanceLexiconData = validated('stance-lexicon.json', lexiconSchema, lexiconJson);
export const STANCE_GRAMMAR: StanceGrammarData = validated('stance-grammar.json', grammarSchema, grammarJson);
const CONFIDENCE = validated('stance-confidence.json', confidenceSchema, confidenceJson);

/** A word class of stance-grammar.json; an unknown name is a programming error, caught at start-up. */
export function wordClass(name: string): ReadonlySet<string> {
  const entry = STANCE_GRAMMAR.wordClasses[name];
  if (!entry) throw new Error(`stance-grammar.json has no word class "${name}"`);
  return new Set(entry.words);
}

export function categoryClass(name: string): ReadonlySet<(typeof STANCE_CATEGORIES)[number]> {
  const entry = STANCE_GRAMMAR.categoryClasses[name];
  if (!entry) throw new Error(`stance-grammar.json has no category class "${name}"`);
  return new Set(entry.words);
}

/** The confidence numbers of one construction (stance-confidence.json), each checked to exist. */
export function confidenceOf<K extends string>(construction: string, names: readonly K[]): Readonly<Record<K, number>> {
  const group = CONFIDENCE[construction];
  if (!group || typeof group !== 'object') throw new Error(`stance-confidence.json has no "${construction}"`);
  const out = {} as Record<K, number>;
  for (const name of names) {
    const v = (group as Record<string, unknown>)[name];
    if (typeof v !== 'number') throw new Error(`stance-confidence.json has no number "${construction}.${name}"`);
    out[name] = v;
  }
  return out;
}
