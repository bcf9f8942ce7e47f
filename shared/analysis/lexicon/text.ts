// The sentence splitter's and tokeniser's words (data/text-words.json), validated once at load.

import { z } from 'zod';
import textWordsJson from '../data/text-words.json' with { type: 'json' };
import { validated } from './validated.js';

const word = z.string().min(1);
const lowerWords = z.array(word.refine((w) => w === w.toLowerCase(), 'must be lower case')).transform((l): ReadonlySet<string> => new Set(l));

const textWordsFile = z.strictObject({
  about: z.string().min(1),
  titleAbbreviations: lowerWords,
  monthAbbreviations: lowerWords,
  numberAbbreviations: lowerWords,
  sentenceOpeners: z.array(word.refine((w) => /^\p{Lu}/u.test(w), 'must start with a capital')).transform((l): ReadonlySet<string> => new Set(l)),
  boundPrefixes: lowerWords,
  contractions: z.record(word, z.number().int().positive())
    .superRefine((r, ctx) => {
      for (const [w, n] of Object.entries(r)) if (n >= w.length) ctx.addIssue({ code: 'custom', path: [w], message: `splits "${w}" at ${n}, past its end` });
    })
    .transform((r): ReadonlyMap<string, number> => new Map(Object.entries(r))),
});

export type TextWords = z.output<typeof textWordsFile>;

export function parseTextWords(data: unknown = textWordsJson): TextWords {
  return validated('text-words.json', textWordsFile, data);
}

export const TEXT_WORDS: TextWords = parseTextWords();
