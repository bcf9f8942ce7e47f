// The extractive summary: lead bias, salient actors, strong stances, no near-duplicates, article order.

import { describe, expect, it } from 'vitest';
import { summarise } from '../../shared/analysis/summary.js';
import type { Actor, ActorAnalysis, ResolvedMention, Stance } from '../../shared/analysis/types.js';

/** Sentences from lines; `mentions` maps a sentence index to the actor ids it mentions. */
function article(lines: string[], actors: { id: string; salience: number; type?: Actor['type'] }[], mentions: Record<number, string[]> = {}): ActorAnalysis {
  let at = 0;
  const sentences = lines.map((text, index) => {
    const s = { index, start: at, end: at + text.length, text };
    at += text.length + 1;
    return s;
  });
  const ms: ResolvedMention[] = [];
  for (const [i, ids] of Object.entries(mentions)) {
    const s = sentences[Number(i)];
    for (const id of ids) ms.push({ start: s.start, end: s.start + 1, text: id, actorId: id, kind: 'name', sentence: s.index });
  }
  return {
    sentences,
    actors: actors.map((a) => ({ id: a.id, name: a.id, type: a.type ?? 'country', aliases: [], mentions: [], salience: a.salience })),
    mentions: ms,
  };
}

const stance = (sentence: number, score: number, confidence = 0.85): Stance => ({
  sentence, text: '', source: 'A', target: 'B', polarity: score > 0 ? 1 : -1, score, category: score > 0 ? 'support' : 'attack', claim: null, confidence,
});

describe('summarise', () => {
  it('returns k sentences (3 by default) in article order', () => {
    const lines = [
      'Ministers met bankers to agree a rescue plan for the ailing steel industry.',
      'Farmers complained about rising fertiliser prices across the northern valleys.',
      'Teachers asked for smaller classes and better pay in rural schools this year.',
      'Nurses warned of staff shortages in hospitals during the coming winter months.',
      'Pilots threatened a strike over pensions at the national airline next week.',
    ];
    const a = article(lines, []);
    const out = summarise(a, []);
    expect(out).toHaveLength(3);
    const idx = out.map((s) => a.sentences.findIndex((x) => x.text === s));
    expect(idx).toEqual([...idx].sort((x, y) => x - y));
  });

  it('favours the lead when nothing else differs', () => {
    const lines = ['Alpha ministers met bankers to agree a rescue plan for the ailing steel industry.', 'Beta farmers complained about rising fertiliser prices across the northern valleys.', 'Gamma teachers asked for smaller classes and better pay in rural schools.', 'Delta nurses warned of staff shortages in hospitals during the coming winter.'];
    expect(summarise(article(lines, []), [], 1)).toEqual([lines[0]]);
  });

  it('prefers a later sentence with salient actors and a strong stance over bland lead sentences', () => {
    const lines = [
      'The weather in the capital was mild and sunny for most of the long weekend.',
      'Shops reported brisk trade as families bought supplies before the holiday season.',
      'Russia attacked Ukraine with missiles on Sunday, and the United States condemned the strikes.',
      'Traffic on the ring road was light because many residents had left the city.',
    ];
    const a = article(lines, [{ id: 'RUS', salience: 1 }, { id: 'UKR', salience: 0.9 }, { id: 'USA', salience: 0.7 }], { 2: ['RUS', 'UKR', 'USA'] });
    const out = summarise(a, [stance(2, -10), stance(2, -2)], 2);
    expect(out).toContain(lines[2]);
    expect(out[0]).toBe(lines[0]);
  });

  it('suppresses near-duplicates (word Jaccard above 0.6)', () => {
    const lines = [
      'The European Union imposed new sanctions on Russia over the war in Ukraine on Monday.',
      'The European Union imposed new sanctions on Russia over the war in Ukraine on Monday evening.',
      'Moscow said the measures would hurt European consumers more than the Russian economy.',
    ];
    const out = summarise(article(lines, []), [], 2);
    expect(out).toEqual([lines[0], lines[2]]);
  });

  it('skips headlines and fragments, and returns nothing for k = 0', () => {
    const lines = ['G7 backs Africa debt relief plan', 'Yes.', 'G7 finance ministers have backed plans to write off the debts of the poorest countries.'];
    expect(summarise(article(lines, []), [], 3)).toEqual([lines[2]]);
    expect(summarise(article(lines, []), [], 0)).toEqual([]);
  });
});
