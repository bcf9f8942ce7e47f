// The analyser's name mentions against GUM news gold spans (bench/eval/data/gum-news/): what the
// `mentions` eval section and the dev-only error listing (errors.ts) share.
//
// Predicted mentions: every span of analysis.actors[].mentions, typed by its actor (person → PER;
// organization, group, media → ORG; country, place → LOC), kept only when it is a name:
//   - the actor stage's own kind of the mention (analyseActors, the stage analyse() runs first)
//     is not pronoun, role or demonym ("he", "the minister", "Russian");
//   - a leading "the " and a trailing possessive 's are cut, as the gold spans cut them;
//   - what is left starts with a capital letter or a digit ("the government", "officials" go);
//   - a country's or place's one-word mention shaped like a demonym (-an, -ian, -ese, -ish, -i,
//     plural or not) that is not the actor's own name is one the stage did not mark as a demonym
//     ("European" for Europe): it goes too, while "Iran" (the name of Iran) stays.
// Matching is strict: a prediction counts when its start and end equal a gold span's (and, for the
// typed figures, its type too). Each gold span is matched at most once.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseActors } from '../../../shared/analysis/actors/index.js';
import { analyse } from '../../../shared/analysis/analyse.js';
import type { ActorType, MentionKind } from '../../../shared/analysis/types.js';
import type { GoldDoc, GoldEntity, GoldType } from './convert.js';

export const GOLD_TYPES: readonly GoldType[] = ['PER', 'ORG', 'LOC'];

const TYPE_OF: Record<ActorType, GoldType> = {
  person: 'PER', organization: 'ORG', group: 'ORG', media: 'ORG', country: 'LOC', place: 'LOC',
};

/** Mention kinds that are not names. */
const NOT_NAMES = new Set<MentionKind>(['pronoun', 'role', 'demonym']);

/** One word ending like a demonym: "European", "Israeli", "Pakistanis", "Chinese", "British". */
const DEMONYM_SHAPE = /^\p{Lu}\p{Ll}+(an|ian|ese|ish|i)s?$/u;

export interface Predicted {
  start: number;
  end: number;
  type: GoldType;
  text: string;
  /** The actor the mention belongs to, for people reading errors. */
  actor: string;
}

export function loadSplit(dataDir: string, split: 'dev' | 'test'): GoldDoc[] {
  return JSON.parse(readFileSync(join(dataDir, `${split}.json`), 'utf8')) as GoldDoc[];
}

/** The name mentions the analyser finds in one document. */
export function predictMentions(text: string): Predicted[] {
  const analysis = analyse(text);
  const kinds = new Map(analyseActors(text).mentions.map((m) => [`${m.start}:${m.end}`, m.kind]));
  const out = new Map<string, Predicted>();
  for (const actor of analysis.actors) {
    for (const span of actor.mentions) {
      const kind = kinds.get(`${span.start}:${span.end}`);
      if (kind && NOT_NAMES.has(kind)) continue;
      let { start, end } = span;
      const the = /^the\s+/i.exec(text.slice(start, end));
      if (the) start += the[0].length;
      const poss = /['’]s$/.exec(text.slice(start, end));
      if (poss) end -= poss[0].length;
      const surface = text.slice(start, end);
      if (!/^[\p{Lu}\p{N}]/u.test(surface)) continue;
      if (TYPE_OF[actor.type] === 'LOC' && DEMONYM_SHAPE.test(surface) && surface !== actor.name) continue;
      const p: Predicted = { start, end, type: TYPE_OF[actor.type], text: surface, actor: actor.id };
      const key = `${start}:${end}:${p.type}`;
      if (!out.has(key)) out.set(key, p);
    }
  }
  return [...out.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

export interface DocResult {
  doc: GoldDoc;
  predicted: Predicted[];
  /** Gold spans with no prediction of the same span and type. */
  missed: GoldEntity[];
  /** Predictions with no gold span of the same span and type. */
  spurious: Predicted[];
}

/** Strict typed matching of one document. */
export function compareDoc(doc: GoldDoc, predicted: readonly Predicted[]): DocResult {
  const key = (e: { start: number; end: number; type: GoldType }) => `${e.start}:${e.end}:${e.type}`;
  const gold = new Set(doc.entities.map(key));
  const pred = new Set(predicted.map(key));
  return {
    doc,
    predicted: [...predicted],
    missed: doc.entities.filter((e) => !pred.has(key(e))),
    spurious: predicted.filter((p) => !gold.has(key(p))),
  };
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  gold: number;
  predicted: number;
}

function prf(tp: number, gold: number, predicted: number): Prf {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, tp, gold, predicted };
}

export interface SplitScore {
  docs: number;
  /** Same span and type. */
  typed: Prf;
  /** Same span, any type. */
  span: Prf;
  byType: Record<GoldType, Prf>;
}

export function scoreSplit(results: readonly DocResult[]): SplitScore {
  let tp = 0, gold = 0, predicted = 0, spanTp = 0, spanPred = 0;
  const per = Object.fromEntries(GOLD_TYPES.map((t) => [t, { tp: 0, gold: 0, predicted: 0 }])) as Record<GoldType, { tp: number; gold: number; predicted: number }>;
  for (const r of results) {
    const missed = new Set(r.missed);
    gold += r.doc.entities.length;
    predicted += r.predicted.length;
    for (const e of r.doc.entities) {
      per[e.type].gold++;
      if (!missed.has(e)) {
        tp++;
        per[e.type].tp++;
      }
    }
    for (const p of r.predicted) per[p.type].predicted++;
    const goldSpans = new Set(r.doc.entities.map((e) => `${e.start}:${e.end}`));
    const predSpans = new Set(r.predicted.map((p) => `${p.start}:${p.end}`));
    spanPred += predSpans.size;
    for (const s of predSpans) if (goldSpans.has(s)) spanTp++;
  }
  return {
    docs: results.length,
    typed: prf(tp, gold, predicted),
    span: prf(spanTp, gold, spanPred),
    byType: Object.fromEntries(GOLD_TYPES.map((t) => [t, prf(per[t].tp, per[t].gold, per[t].predicted)])) as Record<GoldType, Prf>,
  };
}

/** Runs the analyser on every document of a split and compares. */
export function evaluateSplit(docs: readonly GoldDoc[]): DocResult[] {
  return docs.map((d) => compareDoc(d, predictMentions(d.text)));
}

/** The sentence (line) of `text` around [start, end), for people reading an error. */
export function lineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', end);
  return text.slice(from, to < 0 ? undefined : to);
}
