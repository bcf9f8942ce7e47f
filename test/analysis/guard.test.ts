// The guard that keeps a failing rule to the sentence it failed on.

import { describe, expect, it } from 'vitest';
import { SkipLog } from '../../shared/analysis/guard.js';

describe('SkipLog', () => {
  it('returns the fallback for a sentence whose work throws, and records why', () => {
    const skips = new SkipLog();
    const results = [0, 1, 2].map((i) => skips.sentence('stances', i, () => {
      if (i === 1) throw new TypeError("Cannot read properties of undefined (reading 'i')");
      return `ok ${i}`;
    }, 'skipped'));
    expect(results).toEqual(['ok 0', 'skipped', 'ok 2']);
    expect(skips.skipped).toEqual([{ sentence: 1, stage: 'stances', error: "TypeError: Cannot read properties of undefined (reading 'i')" }]);
  });

  it('runs a whole-text stage again without the sentences that break it, found by bisection', () => {
    const skips = new SkipLog();
    const bad = new Set([3, 11]);
    let runs = 0;
    const kept = skips.wholeText('actors', 20, (keep) => {
      runs++;
      const used = Array.from({ length: 20 }, (_, i) => i).filter(keep);
      if (used.some((i) => bad.has(i))) throw new RangeError(`sentence ${used.find((i) => bad.has(i))} is poison`);
      return used;
    }, () => []);
    expect(kept).toEqual(Array.from({ length: 20 }, (_, i) => i).filter((i) => !bad.has(i)));
    expect(skips.skipped.map((s) => s.sentence)).toEqual([3, 11]);
    expect(runs).toBeLessThan(20); // bisection, not one run per sentence
  });

  it('gives up on a whole-text stage that fails whatever the sentences, with the fallback', () => {
    const skips = new SkipLog();
    const out = skips.wholeText('actors', 5, () => { throw new Error('broken everywhere'); }, () => 'fallback');
    expect(out).toBe('fallback');
    expect(skips.skipped).toEqual([{ sentence: -1, stage: 'actors', error: 'gave up on this stage for the whole text' }]);
  });
});
