// The connotation lexicon (train/dictionaries/connotation.ts, data/connotation/words.json) and how
// the stance engine reads a judgement word: the lexicon's own labels first, then wink's scores.

import { describe, expect, it } from 'vitest';
import { connotations, MIN_STRENGTH } from '../../train/dictionaries/connotation.js';
import { CONNOTATION_DATA } from '../../shared/analysis/lexicon/stances.js';
import { connotationOf } from '../../shared/analysis/stances/lexicon.js';

describe('connotation converter', () => {
  it('keeps the lower-case words scored at least MIN_STRENGTH either way, once, sorted', () => {
    const scores: Record<string, number> = { reckless: -0.4, brave: 0.4, table: 0, restful: 0.2, Liar: -1, 'well-meaning': 0.5 };
    expect(connotations(['reckless', 'table', 'brave', 'restful', 'Liar', 'brave', 'well-meaning', '3d'], (w) => scores[w] ?? 0))
      .toEqual({ brave: 0.4, reckless: -0.4, 'well-meaning': 0.5 });
    expect(MIN_STRENGTH).toBe(0.3);
  });
});

describe('the shipped connotation lexicon', () => {
  it('scores judgement words of news English, each at least as strong as its threshold', () => {
    const { words, minStrength } = CONNOTATION_DATA;
    expect(Object.keys(words).length).toBeGreaterThan(5000);
    for (const w of ['naive', 'reckless', 'irresponsible', 'liar', 'illegitimate']) expect(words[w], w).toBeLessThan(0);
    for (const w of ['brave', 'hero', 'good']) expect(words[w], w).toBeGreaterThan(0);
    expect(Object.values(words).every((s) => Math.abs(s) >= minStrength)).toBe(true);
  });
  it('lets the stance lexicon\'s own labels win ("fairy" tale, "sham"), then reads the lemma or the word as written', () => {
    expect(connotationOf('fairy', 'fairy')).toBe(-1);
    expect(connotationOf('naive', 'naive')).toBe(-1);
    expect(connotationOf('hero', 'heroes')).toBe(1);
    expect(connotationOf('table', 'table')).toBe(0);
  });
});
