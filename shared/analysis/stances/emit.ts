// Turning a trigger with its arguments into candidate stances: claims, sides, scores.

import { confidenceOf } from '../lexicon/stances.js';
import type { StanceCategory } from '../types.js';
import { Discourse } from './context.js';
import type { Arg, Cand, Ctx } from './context.js';
import { CATS, LEX } from './lexicon.js';
import type { Modality } from './modality.js';
import { frameAt } from './resolution.js';

const CONF = confidenceOf('emit', ['flippedNegation', 'hedgeFloor'] as const);

export interface EmitOpts {
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

export function claimAt(c: Ctx, k: number): string | null {
  const f = frameAt(c, k);
  return f?.speaker?.ids[0] ?? null;
}

export function selfStance(d: Discourse, a: string, b: string): boolean {
  if (a === b) return true;
  return d.country(a) === b || d.country(b) === a;
}

/** Same side for speaker inferences: the same actor, or actors of the same country. */
export function sameSide(d: Discourse, a: string, b: string): boolean {
  if (selfStance(d, a, b)) return true;
  const ca = d.country(a) ?? (d.type(a) === 'country' ? a : undefined);
  const cb = d.country(b) ?? (d.type(b) === 'country' ? b : undefined);
  return !!ca && ca === cb;
}

export function emit(c: Ctx, out: Cand[], sources: Arg, targets: Arg, o: EmitOpts): void {
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
    conf *= CONF.flippedNegation;
  }
  score *= o.mod.hedge;
  conf *= CONF.hedgeFloor + (1 - CONF.hedgeFloor) * o.mod.hedge;
  const claim = o.claim !== undefined ? o.claim : claimAt(c, o.trig[0]);
  for (const s of sources.ids) {
    for (const t of targets.ids) {
      if (selfStance(c.d, s, t)) continue;
      out.push({ source: s, target: t, cat, score: round(score), polarity, conf: round(Math.min(1, conf)), claim, trig: o.trig, lemma: o.lemma, kind: o.inference ? 'inference' : 'act', objLemma: o.objLemma });
    }
  }
}

/** Pairs inside one coordinated group: "Russia and Venezuela have signed an agreement". */
export function emitWithin(c: Ctx, out: Cand[], group: Arg, o: EmitOpts): void {
  const ids = group.ids;
  for (let x = 0; x < ids.length; x++) for (let y = 0; y < ids.length; y++) {
    if (x === y) continue;
    emit(c, out, { ids: [ids[x]], conf: group.conf }, { ids: [ids[y]], conf: 1 }, { ...o, symmetric: false });
  }
}

export const round = (x: number): number => Math.round(x * 100) / 100;
