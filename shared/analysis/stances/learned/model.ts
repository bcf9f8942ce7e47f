// The learned pair model (model/dsa-pairs.json.gz, written by npm run train:stances): an averaged
// perceptron over pairFeatures, its weights stored as integers, with the confidence threshold chosen
// on a part of the training data held out for it. Read and validated once, on first use.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** neutral, a supports b, b supports a, a criticises b, b criticises a (the DSA labels). */
export const PAIR_CLASSES = ['neutral', 'a-supports-b', 'b-supports-a', 'a-criticises-b', 'b-criticises-a'] as const;
export type PairClass = 0 | 1 | 2 | 3 | 4;

export const PAIR_MODEL_RELATIVE_PATH = 'model/dsa-pairs.json.gz';
export const PAIR_MODEL_SOURCE = `shared/analysis/stances/learned/${PAIR_MODEL_RELATIVE_PATH}`;

const modelFileSchema = z.strictObject({
  header: z.strictObject({
    about: z.string(),
    data: z.string(),
    citation: z.string(),
    trainer: z.string(),
    epochs: z.number().int().positive(),
    /** Weights are integers: the real weight times `scale`. */
    scale: z.number().positive(),
    /** Softmax temperature over the real scores. */
    temperature: z.number().positive(),
    /** A directed class counts only with at least this probability; otherwise the pair is neutral. */
    threshold: z.number().min(0).max(1),
    /** Macro-F1 on the held-out part of train the threshold was chosen on. */
    heldOutMacroF1: z.number(),
    /** cueLexiconDigest() of the lexicon the model was trained with (cues.ts). */
    cues: z.string().regex(/^[0-9a-f]{16}$/),
  }),
  // each row is checked by the loop in pairModelFrom, which names the feature in its error
  weights: z.record(z.string(), z.unknown()),
});

export type PairModelFile = z.infer<typeof modelFileSchema>;

export interface PairModel {
  readonly header: PairModelFile['header'];
  readonly weights: ReadonlyMap<string, readonly number[]>;
}

export class PairModelError extends Error {
  override name = 'PairModelError';
}

export function pairModelFrom(data: unknown): PairModel {
  const parsed = modelFileSchema.safeParse(data);
  if (!parsed.success) throw new PairModelError(`the pair model is not valid: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const weights = new Map<string, readonly number[]>();
  for (const [feature, row] of Object.entries(parsed.data.weights)) {
    if (!Array.isArray(row) || row.length !== 5 || !row.every(Number.isInteger)) {
      throw new PairModelError(`the pair model is not valid: weights.${feature}: five integers expected, got ${JSON.stringify(row)}`);
    }
    weights.set(feature, row as number[]);
  }
  return { header: parsed.data.header, weights };
}

let shipped: PairModel | undefined;

/** The shipped model (read once, on first use), or the one at `path`. */
export function loadPairModel(path?: string): PairModel {
  if (path === undefined) return (shipped ??= readPairModel(fileURLToPath(new URL(PAIR_MODEL_RELATIVE_PATH, import.meta.url))));
  return readPairModel(path);
}

function readPairModel(path: string): PairModel {
  let raw: unknown;
  try {
    raw = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
  } catch (err) {
    throw new PairModelError(`cannot read the pair model ${path} (${err instanceof Error ? err.message : String(err)}); npm run train:stances writes it`);
  }
  return pairModelFrom(raw);
}

/** Class probabilities of one pair's features. */
export function classify(model: PairModel, features: readonly string[]): { cls: PairClass; probability: number; probabilities: number[] } {
  const s = [0, 0, 0, 0, 0];
  for (const f of features) {
    const w = model.weights.get(f);
    if (w) for (let k = 0; k < 5; k++) s[k] += w[k];
  }
  const t = model.header.scale * model.header.temperature;
  const top = Math.max(...s);
  const e = s.map((x) => Math.exp((x - top) / t));
  const sum = e.reduce((a, b) => a + b, 0);
  const probabilities = e.map((x) => x / sum);
  let cls = 0;
  for (let k = 1; k < 5; k++) if (probabilities[k] > probabilities[cls]) cls = k;
  return { cls: cls as PairClass, probability: probabilities[cls], probabilities };
}

/** The class the model commits to: a directed class at or above the threshold, else neutral. */
export function decide(model: PairModel, features: readonly string[]): { cls: PairClass; probability: number } {
  const c = classify(model, features);
  return c.cls !== 0 && c.probability < model.header.threshold ? { cls: 0, probability: c.probabilities[0] } : c;
}
