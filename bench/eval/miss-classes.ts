// Why a stance-data record was missed, for `npm run eval -- --misses`: the actor stage did not find
// a party, or it found both and no stance joins them (with or without a trigger word of the
// lexicon in the sentence), or a stance joins them with the wrong direction or sign. The matching
// of actors to the coded spans is the scorers' (eval/score-plover.mjs, eval/score-dsa.mjs), so a
// class says what the scorer saw.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readText, tagSentence } from '../../shared/analysis/text/document.js';
import { loadSyntaxModel } from '../../shared/analysis/syntax/index.js';
import { isTrigger } from '../../shared/analysis/stances/tree/index.js';
import type { Analysis } from '../../shared/analysis/types.js';
import type { Row } from './section.js';

export type MissClass =
  | 'no actor at either party'
  | 'source (p) not found'
  | 'target (q) not found'
  | 'no stance, no trigger word'
  | 'no stance, a trigger word unread'
  | 'wrong direction'
  | 'wrong sign'
  | 'stance on a neutral pair';

/** The classes in the order --misses prints them: from the actor stage to the stance stage. */
export const MISS_CLASSES: readonly MissClass[] = [
  'no actor at either party', 'source (p) not found', 'target (q) not found', 'no stance, no trigger word',
  'no stance, a trigger word unread', 'wrong direction', 'wrong sign', 'stance on a neutral pair',
];

type Stance = Analysis['stances'][number];

function readAnalysis(file: string): Analysis | undefined {
  if (!existsSync(file)) return undefined;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { analysis?: Analysis } & Analysis;
  return raw.analysis ?? raw;
}

/** A trigger of the stance lexicon in the text, as the parse's gate reads one: what a rule or the parse could read. */
function hasTriggerWord(text: string): boolean {
  const model = loadSyntaxModel();
  return readText(text).sentences.some((s) => {
    const toks = tagSentence(model, s).tokens;
    return toks.some((_, i) => isTrigger(toks, i));
  });
}

/** The class of a pair the gold joins (source S, target T, wanted sign) that no stance got right. */
function pairMiss(text: string, S: ReadonlySet<string>, T: ReadonlySet<string>, sign: number, stances: readonly Stance[]): MissClass {
  if (!S.size && !T.size) return 'no actor at either party';
  if (!S.size) return 'source (p) not found';
  if (!T.size) return 'target (q) not found';
  const joining = stances.filter((s) => (S.has(s.source) && T.has(s.target)) || (T.has(s.source) && S.has(s.target)));
  if (!joining.length) return hasTriggerWord(text) ? 'no stance, a trigger word unread' : 'no stance, no trigger word';
  return joining.some((s) => Math.sign(s.polarity) === sign) ? 'wrong direction' : 'wrong sign';
}

interface PloverRecord { id: string; event: string; text: string; source: { code?: string; actorText?: string }[]; target: { code?: string; actorText?: string }[] }
const POSITIVE = new Set(['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT']);

/** Each PLOVER record the analysis missed, as "[class] EVENT: text", and the count per class. */
export function ploverMisses(dataFile: string, predDir: string): { lines: string[]; counts: Map<MissClass, number> } {
  const records = (JSON.parse(readFileSync(dataFile, 'utf8')) as PloverRecord[])
    .filter((r) => Array.isArray(r.source) && Array.isArray(r.target) && r.source.length && r.target.length && r.text);
  const out: { cls: MissClass; line: string }[] = [];
  for (const r of records) {
    const a = readAnalysis(join(predDir, `${r.id}.json`));
    if (!a) continue;
    const spans = (coded: PloverRecord['source']) => coded.map((c) => {
      const i = r.text.indexOf(c.actorText ?? '');
      return i < 0 ? null : [i, i + (c.actorText ?? '').length] as const;
    }).filter((x): x is readonly [number, number] => x !== null);
    const matches = (coded: PloverRecord['source']) => {
      const codes = new Set(coded.map((c) => c.code).filter(Boolean));
      const sp = spans(coded);
      return new Set(a.actors.filter((x) => codes.has(x.id) || codes.has(x.country ?? '')
        || x.mentions.some((m) => sp.some(([s, t]) => m.start >= s && m.end <= t))).map((x) => x.id));
    };
    const S = matches(r.source), T = matches(r.target), sign = POSITIVE.has(r.event) ? 1 : -1;
    if (a.stances.some((s) => Math.sign(s.polarity) === sign && S.has(s.source) && T.has(s.target) && s.source !== s.target)) continue;
    const cls = pairMiss(r.text, S, T, sign, a.stances);
    out.push({ cls, line: `[${cls}] ${r.event}: ${r.text}` });
  }
  return grouped(out);
}

interface DsaRow { text: string; p: [number, number]; q: [number, number]; pName: string; qName: string; label: number }

/** Each DSA sentence the analysis classed wrong, as "[class] gold G pred P [p | q] text", and the count per class. */
export function dsaMisses(dataFile: string, predDir: string): { lines: string[]; counts: Map<MissClass, number> } {
  const rows = readFileSync(dataFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as DsaRow);
  const out: { cls: MissClass; line: string }[] = [];
  rows.forEach((r, i) => {
    const a = readAnalysis(join(predDir, `${String(i).padStart(4, '0')}.json`));
    if (!a) return;
    const ids = (span: [number, number]) => new Set(a.actors.filter((x) => x.mentions.some((m) => m.start < span[1] && m.end > span[0])).map((x) => x.id));
    const P = ids(r.p), Q = ids(r.q);
    // the scorer's class: the strongest stance between the two, by |score| x confidence
    let best: { strength: number; cls: number } | undefined;
    for (const s of a.stances) {
      const pq = P.has(s.source) && Q.has(s.target), qp = Q.has(s.source) && P.has(s.target);
      if (!(pq || qp) || !s.polarity || (pq && qp)) continue;
      const strength = Math.abs(s.score ?? 1) * (s.confidence ?? 1);
      if (!best || strength > best.strength) best = { strength, cls: s.polarity > 0 ? (pq ? 1 : 2) : (pq ? 3 : 4) };
    }
    const pred = best?.cls ?? 0;
    if (pred === r.label) return;
    let cls: MissClass;
    if (!r.label) cls = 'stance on a neutral pair';
    else if (!pred) cls = pairMiss(r.text, P, Q, 0, []);
    else cls = (pred <= 2) === (r.label <= 2) ? 'wrong direction' : 'wrong sign';
    out.push({ cls, line: `[${cls}] gold ${r.label} pred ${pred} [${r.pName} | ${r.qName}] ${r.text}` });
  });
  return grouped(out);
}

function grouped(misses: { cls: MissClass; line: string }[]): { lines: string[]; counts: Map<MissClass, number> } {
  const counts = new Map<MissClass, number>(MISS_CLASSES.map((c) => [c, 0]));
  for (const m of misses) counts.set(m.cls, counts.get(m.cls)! + 1);
  const order = (c: MissClass) => MISS_CLASSES.indexOf(c);
  return { lines: [...misses].sort((a, b) => order(a.cls) - order(b.cls)).map((m) => m.line), counts };
}

/** The table row of miss counts by class ("misses: no stance, a trigger word unread 120"), classes with none left out. */
export function missRow(counts: ReadonlyMap<MissClass, number>): Row {
  return { name: 'misses', metrics: [...counts].filter(([, n]) => n > 0).map(([cls, n]) => ({ name: cls, value: n, count: true })) };
}
